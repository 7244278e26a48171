/**
 * The desktop app's main process: one instance, one window, one backend. Everything the renderer
 * can do goes through the single `api` channel (ipc.ts) to the Electron-free backend; this file
 * only wires the capabilities together.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, type BrowserWindow, dialog, session } from 'electron';
import type { MenuCommand } from '../../shared/contract/menu';
import { type Backend, createBackend } from '../backend/app/backend';
import { logToStderr } from '../backend/app/dispatch';
import { defaultDataFolder } from '../backend/app/host';
import { registerAppScheme, serveApp } from './appProtocol';
import { createElectronHost } from './host';
import { registerApi } from './ipc';
import { installMenu } from './menu';
import { appPaths, fileFromArgv } from './paths';
import { hardenSession, registerNavigationGuards } from './security';
import { createMainWindow, WINDOW_TITLE } from './window';

export interface MainOptions {
  /** The command line (process.argv); a .jsgk file on it is opened instead of the demo file. */
  argv: readonly string[];
  cwd: string;
}

/** The data folder: `<文档>/部门决算公开`, or DISCLOSURE_DATA_DIR. */
function dataFolder(): string {
  return process.env.DISCLOSURE_DATA_DIR ? defaultDataFolder() : path.join(app.getPath('documents'), '部门决算公开');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function startMain(options: MainOptions): void {
  // Before anything else: Electron accepts a privileged scheme only before the app is ready.
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerNavigationGuards();

  let window: BrowserWindow | null = null;
  let backend: Backend | null = null;

  const send = (command: MenuCommand, arg?: string) => window?.webContents.send('menu', command, arg ?? null);
  const about = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: '关于',
      message: WINDOW_TITLE,
      detail: `版本 ${app.getVersion()}\n数据文件夹：${dataFolder()}`,
    });
  const refreshMenu = () => installMenu(backend?.recentFiles() ?? [], { send, about });

  /** Opens a file the system handed us (double-click, second launch) and tells the page. */
  const openFromOutside = (filePath: string) => {
    if (!backend) return;
    try {
      backend.openPath(filePath);
      send('fileOpened');
    } catch (e) {
      dialog.showErrorBox('无法打开文件', messageOf(e));
    }
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    const file = fileFromArgv(argv.slice(1), workingDirectory);
    if (file) openFromOutside(file);
  });
  // macOS delivers double-clicked files as an event, possibly before ready.
  let pendingFile: string | null = fileFromArgv(options.argv.slice(1), options.cwd);
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    if (backend) openFromOutside(filePath);
    else pendingFile = filePath;
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => backend?.close());

  void app.whenReady().then(() => {
    const paths = appPaths(app.getAppPath());
    hardenSession(session.defaultSession);
    serveApp(session.defaultSession, paths.rendererDir);
    const folder = dataFolder();
    fs.mkdirSync(folder, { recursive: true });
    backend = createBackend({
      host: createElectronHost({ dataFolder: folder, documentsFolder: app.getPath('documents'), window: () => window }),
      version: app.getVersion(),
      recentStore: path.join(app.getPath('userData'), 'recent.json'),
      demoFixture: paths.demoFixture,
      onRecentChanged: refreshMenu,
    });
    registerApi(backend.dispatch, logToStderr);
    // Open before the page loads, so its first file.current sees the file.
    try {
      if (pendingFile) backend.openPath(pendingFile);
      else backend.openDemo();
    } catch (e) {
      dialog.showErrorBox('无法打开文件', messageOf(e));
    }
    refreshMenu();
    window = createMainWindow(paths);
    window.on('closed', () => {
      window = null;
    });
  });
}
