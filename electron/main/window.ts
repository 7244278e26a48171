/** The one application window: sandboxed, context-isolated, no Node in the page. */
import fs from 'node:fs';
import { BrowserWindow } from 'electron';
import type { PrintWindow } from '../backend/export/pdf/engine';
import type { AppPaths } from './paths';

export const WINDOW_TITLE = '部门决算公开助手';

const NOT_BUILT_PAGE =
  'data:text/html;charset=utf-8,' +
  encodeURIComponent(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>部门决算公开助手</title>' +
      '<body style="font-family:sans-serif;padding:2em"><h1>界面尚未构建</h1>' +
      '<p>未找到 dist/renderer/index.html，请在项目目录运行 <code>npm run build:renderer</code> 后重新启动。</p></body></html>',
  );

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
  if (fs.existsSync(paths.rendererIndex)) void window.loadFile(paths.rendererIndex);
  else void window.loadURL(NOT_BUILT_PAGE);
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
