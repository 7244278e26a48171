/** The one application window: sandboxed, context-isolated, no Node in the page. */
import fs from 'node:fs';
import { BrowserWindow, dialog } from 'electron';
import type { PrintWindow } from '../backend/export/pdf/engine';
import { APP_URL } from './appProtocol';
import type { AppPaths } from './paths';

export const WINDOW_TITLE = '部门决算公开助手';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
} as const;

export function createMainWindow(paths: AppPaths): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: WINDOW_TITLE,
    show: false,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: paths.preload },
  });
  window.once('ready-to-show', () => window.show());
  // The page refuses to unload while a write is on its way or an entry it could not commit is
  // still typed (its beforeunload): Electron would silently keep the window open, so ask.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      title: '尚未保存',
      message: '有输入的内容尚未保存。',
      detail: '正在保存的修改通常在一两秒内完成；如有被拒绝的输入，请回到窗口改正或按 Esc 放弃。仍要关闭吗？',
      buttons: ['返回窗口', '仍然关闭'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault(); // preventDefault here means: ignore the page's refusal and close
  });
  // The app scheme serves the page, or a “not built yet” page when dist/renderer is missing.
  void window.loadURL(APP_URL);
  return window;
}

/**
 * A hidden window that prints one export's HTML to PDF (the backend's printWindowEngine drives
 * it): sandboxed, no preload, no JavaScript — the documents are plain HTML and CSS.
 */
export function createPrintWindow(): PrintWindow {
  const window = new BrowserWindow({ show: false, width: 794, height: 1123, webPreferences: { ...SECURE_WEB_PREFERENCES, javascript: false } });
  return {
    loadFile: (file) => window.loadFile(file),
    printToPDF: (options) => window.webContents.printToPDF(options),
    close: () => window.destroy(),
  };
}
