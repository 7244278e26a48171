/** The one application window: sandboxed, context-isolated, no Node in the page. */
import { BrowserWindow } from 'electron';
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
  // The app scheme serves the page, or a “not built yet” page when dist/renderer is missing.
  void window.loadURL(APP_URL);
  return window;
}
