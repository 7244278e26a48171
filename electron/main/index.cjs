// Desktop shell — THIN placeholder. The real main process (one registerX() per
// capability, dialogs, the `api` channel handlers, opening a file from argv or
// the demo file) is a later task; this only sets up a safe window and menu.
'use strict';
const { app, BrowserWindow, Menu, dialog } = require('electron');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const RENDERER = path.join(ROOT, 'dist', 'renderer', 'index.html');
const NOT_BUILT =
  'data:text/html;charset=utf-8,' +
  encodeURIComponent(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>部门决算公开助手</title>' +
      '<body style="font-family:sans-serif;padding:2em"><h1>界面尚未构建</h1>' +
      '<p>未找到 dist/renderer/index.html。</p></body></html>',
  );

/** @type {BrowserWindow | null} */
let mainWindow = null;

function createWindow() {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 860,
    title: '部门决算公开助手',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  mainWindow.on('closed', () => { mainWindow = null; });
  if (fs.existsSync(RENDERER)) void mainWindow.loadFile(RENDERER);
  else void mainWindow.loadURL(NOT_BUILT);
}

function buildMenu() {
  const about = () =>
    dialog.showMessageBox({ type: 'info', title: '关于', message: `部门决算公开助手 ${app.getVersion()}` });
  return Menu.buildFromTemplate([
    { label: '文件', submenu: [{ label: '退出', role: 'quit' }] },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' }, { label: '重做', role: 'redo' }, { type: 'separator' },
        { label: '剪切', role: 'cut' }, { label: '复制', role: 'copy' }, { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于', click: () => void about() }] },
  ]);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every web contents (including any created later): no new windows, no navigation.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  app.whenReady().then(() => {
    Menu.setApplicationMenu(buildMenu());
    createWindow();
    app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
  });
}
