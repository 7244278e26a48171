/** The desktop Host: native dialogs for every path, the system file manager for folders. */
import path from 'node:path';
import { type BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions, shell } from 'electron';
import { FILE_EXTENSION, type Host } from '../backend/app/host';
import { printWindowEngine } from '../backend/export/pdf/engine';
import { UserError } from '../backend/services/reports';
import { createPrintWindow } from './window';

const FILTERS = [{ name: '部门决算公开文件', extensions: [FILE_EXTENSION.slice(1)] }];

export interface ElectronHostOptions {
  dataFolder: string;
  /** Where exports are suggested (the user's 文档 folder). */
  documentsFolder: string;
  /** The window dialogs belong to. */
  window: () => BrowserWindow | null;
}

export function createElectronHost(options: ElectronHostOptions): Host {
  const showOpen = async (dialogOptions: OpenDialogOptions) => {
    const window = options.window();
    const result = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  const showSave = async (dialogOptions: SaveDialogOptions) => {
    const window = options.window();
    const result = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
    return result.canceled || !result.filePath ? null : result.filePath;
  };

  return {
    mode: 'electron',
    dataFolder: options.dataFolder,
    chooseOpenPath: () =>
      showOpen({ title: '打开部门决算公开文件', defaultPath: options.dataFolder, filters: FILTERS, properties: ['openFile'] }),
    async chooseSavePath(suggestedName) {
      const chosen = await showSave({
        title: '保存部门决算公开文件',
        defaultPath: path.join(options.dataFolder, suggestedName),
        filters: FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (chosen === null) return null;
      return path.extname(chosen).toLowerCase() === FILE_EXTENSION ? chosen : `${chosen}${FILE_EXTENSION}`;
    },
    chooseExportFolder: () =>
      showOpen({
        title: '选择导出文件夹',
        buttonLabel: '导出到此文件夹',
        defaultPath: options.documentsFolder,
        properties: ['openDirectory', 'createDirectory'],
      }),
    async openFolder(folder) {
      const problem = await shell.openPath(folder);
      if (problem) throw new UserError(`无法打开文件夹“${folder}”：${problem}`);
    },
    openPdfEngine: printWindowEngine(createPrintWindow),
  };
}
