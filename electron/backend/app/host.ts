/**
 * What differs between the desktop app and the browser mode: where paths come from. Electron asks
 * with native dialogs (electron/main/host.ts); the browser mode has no dialogs, so it keeps every
 * file in one data folder and picks names itself. Either way the renderer never sends a path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpenPdfEngine } from '../export/pdf/engine';
import { UserError } from '../services/reports';
import { safeFileName } from './fileNames';

export interface Host {
  readonly mode: 'electron' | 'web';
  /** Where new files, the demo file and (browser mode) exports go. */
  readonly dataFolder: string;
  /** A disclosure file to open; null when the user cancelled. */
  chooseOpenPath(): Promise<string | null>;
  /** Where to write a new file, suggested name e.g. `晋城市商务局.jsgk`; null when cancelled. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /** The folder to export into, suggested name e.g. `晋城市商务局2023`; null when cancelled. */
  chooseExportFolder(suggestedName: string): Promise<string | null>;
  /** Shows a folder in the system's file manager. */
  openFolder(folder: string): Promise<void>;
  /** Prints PDF: the desktop app's own Chromium (printToPDF), or headless Chromium in browser mode. */
  readonly openPdfEngine: OpenPdfEngine;
}

export const FILE_EXTENSION = '.jsgk';
export const EXPORT_SUBFOLDER = '导出';

/** `~/部门决算公开`, or `DISCLOSURE_DATA_DIR` when set. */
export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.DISCLOSURE_DATA_DIR?.trim();
  return override ? path.resolve(override) : path.join(os.homedir(), '部门决算公开');
}

/** `name.jsgk`, or `name（2）.jsgk` … when taken (counting files being created, i.e. with a lock). */
export function uniqueFilePath(folder: string, stem: string, extension = FILE_EXTENSION): string {
  const base = safeFileName(stem);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${n === 1 ? base : `${base}（${n}）`}${extension}`);
    if (!fs.existsSync(candidate) && !fs.existsSync(`${candidate}.lock`)) return candidate;
  }
}

function stemOf(name: string): string {
  return name.endsWith(FILE_EXTENSION) ? name.slice(0, -FILE_EXTENSION.length) : name;
}

/** The browser mode's host: no dialogs, everything in the data folder; PDF by `openPdfEngine` (headless Chromium). */
export function createWebHost(dataFolder: string, openPdfEngine: OpenPdfEngine): Host {
  return {
    mode: 'web',
    dataFolder,
    openPdfEngine,
    async chooseOpenPath() {
      throw new UserError('浏览器模式下不能浏览本机文件，请从文件列表中选择要打开的文件（文件保存在数据文件夹中）。');
    },
    async chooseSavePath(suggestedName) {
      fs.mkdirSync(dataFolder, { recursive: true });
      return uniqueFilePath(dataFolder, stemOf(suggestedName));
    },
    async chooseExportFolder(suggestedName) {
      const folder = path.join(dataFolder, EXPORT_SUBFOLDER, safeFileName(suggestedName));
      fs.mkdirSync(folder, { recursive: true });
      return folder;
    },
    async openFolder() {
      // A browser cannot show a local folder; the page shows the path instead.
    },
  };
}
