/**
 * The file use cases behind 新建、打开、最近打开、另存为 and the browser mode's file list: they tie
 * the session (the open file and its lock), the host (where paths come from), the recent list
 * and the opaque ids together.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FileEntry, OpenFileInfo } from '../../../shared/contract/api';
import type { UnitKind } from '../../../shared/domain/model';
import { closeDisclosureFile, DisclosureRepository, isStorageError, openDisclosureFile } from '../db';
import { AppError } from './errors';
import { ensureDemoFile } from './demo';
import { safeFileName } from './fileNames';
import type { FileIds } from './fileIds';
import { FILE_EXTENSION, type Host } from './host';
import type { RecentFiles } from './recent';
import type { Session } from './session';

export interface FileContext {
  host: Host;
  session: Session;
  recent: RecentFiles;
  ids: FileIds;
  /** The shipped demo interchange JSON. */
  demoFixture: string;
  /** Called after the recent list changed (the desktop menu lists it). */
  onRecentChanged?: () => void;
}

function remember(ctx: FileContext, opened: OpenFileInfo): OpenFileInfo {
  const current = ctx.session.open;
  if (current) {
    ctx.recent.add(current.path, opened.department.name);
    ctx.onRecentChanged?.();
  }
  return opened;
}

/** Opens a file by path (a dialog's answer, a command-line argument, an id's path) and records it as recent. */
export function openPath(ctx: FileContext, filePath: string): OpenFileInfo {
  try {
    return remember(ctx, ctx.session.openFile(filePath));
  } catch (e) {
    if (isStorageError(e, 'NOT_FOUND')) {
      ctx.recent.remove(filePath);
      ctx.onRecentChanged?.();
    }
    throw e;
  }
}

export function openById(ctx: FileContext, id: string): OpenFileInfo {
  const filePath = ctx.ids.pathFor(id);
  if (filePath === null) throw new AppError('NOT_FOUND', '文件列表已过期，请重新打开列表后再选择文件。');
  return openPath(ctx, filePath);
}

export function openDemo(ctx: FileContext): OpenFileInfo {
  return openPath(ctx, ensureDemoFile(ctx.host.dataFolder, ctx.demoFixture));
}

export async function createFile(
  ctx: FileContext,
  request: { departmentName: string; unitKind: UnitKind; year: number },
): Promise<OpenFileInfo | null> {
  const name = request.departmentName.trim();
  const target = await ctx.host.chooseSavePath(`${safeFileName(name)}${FILE_EXTENSION}`);
  if (target === null) return null;
  return remember(ctx, ctx.session.create(target, { name, unitKind: request.unitKind, subordinateUnits: [] }, request.year));
}

export async function saveAs(ctx: FileContext): Promise<OpenFileInfo | null> {
  const open = ctx.session.require();
  const stem = path.basename(open.path, FILE_EXTENSION);
  const target = await ctx.host.chooseSavePath(`${stem}-副本${FILE_EXTENSION}`);
  if (target === null) return null;
  return remember(ctx, await ctx.session.saveAs(target));
}

export function recentEntries(ctx: FileContext): FileEntry[] {
  return ctx.recent.list().map((e) => ({
    id: ctx.ids.idFor(e.path),
    name: path.basename(e.path),
    location: path.dirname(e.path),
    department: e.department,
    at: e.at,
  }));
}

/** The department recorded in a file, read without writing anything; null when unreadable. */
function departmentOf(filePath: string): string | null {
  try {
    const file = openDisclosureFile(filePath, { create: false, readonly: true });
    try {
      return new DisclosureRepository(file.db).getDepartment()?.name ?? null;
    } finally {
      closeDisclosureFile(file);
    }
  } catch {
    return null;
  }
}

/** Disclosure files in the data folder, newest first (browser mode's 打开). */
export function dataFolderEntries(ctx: FileContext): FileEntry[] {
  const folder = ctx.host.dataFolder;
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const current = ctx.session.open;
  const entries: FileEntry[] = [];
  for (const name of names) {
    if (!name.endsWith(FILE_EXTENSION) || name.startsWith('.')) continue;
    const filePath = path.resolve(folder, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(filePath);
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    const department = current?.path === filePath ? current.department.name : departmentOf(filePath);
    entries.push({ id: ctx.ids.idFor(filePath), name, location: folder, department, at: stat.mtime.toISOString() });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.name.localeCompare(b.name)));
}
