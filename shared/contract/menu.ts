/**
 * Menu commands: what the desktop menu asks the renderer to do (the renderer owns the state:
 * undo history, which dialogs to show). Sent by electron/main over the 'menu' IPC channel and
 * received through `window.api.onMenu` (electron/preload). Browser mode has no menu.
 */
import type { Api } from './api';

export const MENU_COMMANDS = [
  'new', // 文件 › 新建: show the 新建部门文件 form, then call file.create
  'open', // 文件 › 打开: call file.open without an id (main shows the dialog)
  'openRecent', // 文件 › 最近打开 › …: call file.open with the id sent along
  'saveAs', // 文件 › 另存为: call file.saveAs
  'exportDocx', // 文件 › 导出 Word: call export.run with docx
  'exportXlsx', // 文件 › 导出 Excel: call export.run with xlsx
  'undo', // 编辑 › 撤销
  'redo', // 编辑 › 重做
  'fileOpened', // main opened a file itself (double-clicked .jsgk, second launch): reload file.current
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** `arg` is the file id for openRecent, otherwise null. */
export type MenuListener = (command: MenuCommand, arg: string | null) => void;

/** `window.api` in the desktop app: the Api plus menu commands. `onMenu` returns an unsubscribe function. */
export interface DesktopApi extends Api {
  onMenu(listener: MenuListener): () => void;
}
