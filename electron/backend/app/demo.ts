/**
 * The demo file: 晋城市商务局's 2023 report (the first seed), imported into
 * `<dataFolder>/演示-晋城市商务局.jsgk` the first time it is asked for. The interchange JSON ships
 * with the app in `assets/demo/` (copied into `dist/electron/demo/` by the Electron build).
 * The file is built under a temporary name and renamed, so an interrupted first run never
 * leaves half a demo behind.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { closeDisclosureFile, openDisclosureFile } from '../db';
import { importReport, parseReportJson } from '../services/reports';
import { AppError } from './errors';

export const DEMO_FILE_NAME = '演示-晋城市商务局.jsgk';
export const DEMO_FIXTURE_NAME = 'jincheng-2023.json';

/** The demo file's path, creating it from the fixture when absent. */
export function ensureDemoFile(dataFolder: string, fixturePath: string): string {
  const target = path.join(dataFolder, DEMO_FILE_NAME);
  if (fs.existsSync(target)) return target;
  let text: string;
  try {
    text = fs.readFileSync(fixturePath, 'utf8');
  } catch (e) {
    throw new AppError('INTERNAL', '找不到随程序提供的演示数据，程序可能安装不完整，请重新安装。', { cause: e });
  }
  fs.mkdirSync(dataFolder, { recursive: true });
  const temp = path.join(dataFolder, `.${DEMO_FILE_NAME}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = openDisclosureFile(temp, { create: true });
    try {
      importReport(file, parseReportJson(text, DEMO_FIXTURE_NAME), { replace: false });
    } finally {
      closeDisclosureFile(file);
    }
    fs.renameSync(temp, target);
  } finally {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${temp}${suffix}`, { force: true });
  }
  return target;
}
