/**
 * How CLI commands reach files. A command that writes a disclosure file takes the same lock as the
 * desktop app and the browser mode (electron/backend/app/lock.ts), so it is refused, naming the
 * holder, while anyone else has the file open. A command that only reads opens a read-only
 * snapshot instead: no lock, nothing written next to the file, so it works on a read-only file and
 * while the app holds it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { closeDisclosureFile, type DisclosureFile, openDisclosureFile, snapshotBeforeCreation, undoFailedCreation } from '../electron/backend/db';
import { fileNameProblem } from '../electron/backend/app/fileNames';
import { acquireLock, APP_NAME } from '../electron/backend/app/lock';
import { UserError } from '../electron/backend/services/reports';
import { LIMITS } from '../shared/domain/limits';

/** Who the lock names while a CLI command writes. */
const CLI_APP = `${APP_NAME}（命令行）`;

/** Opens a read-only snapshot of an existing file for `fn`. */
export async function readingFile<T>(filePath: string, fn: (file: DisclosureFile) => T | Promise<T>): Promise<T> {
  const file = openDisclosureFile(filePath, { create: false, readonly: true });
  try {
    return await fn(file);
  } finally {
    closeDisclosureFile(file);
  }
}

/**
 * Takes the file's lock, opens it for writing (creating it when `create`), runs `fn`, releases both.
 * When `fn` fails on a file this call created, the new file is removed again (a file that was
 * there before is never touched, whatever it is).
 */
export async function writingFile<T>(filePath: string, create: boolean, fn: (file: DisclosureFile) => T | Promise<T>): Promise<T> {
  const folder = path.dirname(path.resolve(filePath));
  if (create && !fs.existsSync(folder)) throw new UserError(`找不到文件夹“${folder}”，无法新建数据文件。`);
  // A new file's name must work on Windows too (the file may be shared with colleagues there).
  const creating = create && (fs.statSync(filePath, { throwIfNoEntry: false })?.size ?? 0) === 0;
  const problem = creating && !fs.existsSync(filePath) ? fileNameProblem(path.basename(filePath)) : null;
  if (problem) throw new UserError(problem);
  const lock = acquireLock(filePath, { app: CLI_APP });
  try {
    const before = creating ? snapshotBeforeCreation(filePath) : null;
    const file = openDisclosureFile(filePath, { create });
    let result: T;
    try {
      result = await fn(file);
    } catch (e) {
      closeDisclosureFile(file);
      if (before) undoFailedCreation(before);
      throw e;
    }
    closeDisclosureFile(file);
    return result;
  } finally {
    lock.release();
  }
}

function errnoOf(e: unknown): string {
  return e instanceof Error && 'code' in e ? String(e.code) : '';
}

function inputProblem(filePath: string, e: unknown): UserError {
  const name = `“${filePath}”`;
  switch (errnoOf(e)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError(`找不到文件${name}。`);
    case 'EACCES':
    case 'EPERM':
      return new UserError(`没有读取文件${name}的权限。请检查文件权限（或先关闭正在使用它的程序）后再试。`);
    case 'EISDIR':
      return new UserError(`${name}是文件夹，不是文件。`);
    default:
      return new UserError(`无法读取文件${name}：${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Reads an input file (a report JSON, a code sheet) completely. Only a regular file is read: a
 * folder, a named pipe (FIFO) or a device is refused by name instead of waiting on it, and so is a
 * file larger than any sensible input.
 */
export function readInputFile(filePath: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch (e) {
    throw inputProblem(filePath, e);
  }
  if (stat.isDirectory()) throw new UserError(`“${filePath}”是文件夹，不是文件。`);
  if (stat.isFIFO()) throw new UserError(`“${filePath}”是一个命名管道（FIFO），不是普通文件，无法读取。请先把内容保存为文件。`);
  if (!stat.isFile()) throw new UserError(`“${filePath}”不是普通文件（可能是设备或套接字），无法读取。`);
  if (stat.size > LIMITS.inputFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    throw new UserError(`“${filePath}”过大（${mb(stat.size)} MB），超过可导入的上限 ${mb(LIMITS.inputFileBytes)} MB，未导入任何内容。`);
  }
  try {
    return fs.readFileSync(filePath);
  } catch (e) {
    throw inputProblem(filePath, e);
  }
}
