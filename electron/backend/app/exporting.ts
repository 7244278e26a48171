/**
 * 导出: the package of one year as Word and/or Excel files in a folder.
 *
 * Both files are rendered in memory first (from packageForYear, the same derived model the screen
 * shows), then each is written safely: to a temporary file in the target folder, flushed to disk,
 * then renamed over the target. A failure at any point — the old file open in Word or WPS, a
 * read-only folder, a full disk — leaves any earlier export untouched and is reported with a
 * Chinese message saying what to do. The file system is injectable so tests can simulate failures.
 *
 * `exportPackage` is also the entry point for a command-line export.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportResult } from '../../../shared/contract/api';
import { factsHash } from '../../../shared/domain/factsHash';
import type { PackageModel } from '../../../shared/domain/package';
import { type DisclosureFile, DisclosureRepository } from '../db';
import { renderDocx } from '../export/docx';
import { type RenderXlsxOptions, renderXlsx } from '../export/xlsx';
import { packageForYear } from '../services/reports';
import { AppError } from './errors';
import { safeFileName } from './fileNames';

/** The file operations an export needs; tests replace them to simulate a full disk and the like. */
export interface ExportFs {
  mkdir(folder: string): Promise<void>;
  /** Creates `file` (it must not exist), writes `data` and flushes it to disk. */
  writeNew(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  remove(file: string): Promise<void>;
}

export const nodeExportFs: ExportFs = {
  async mkdir(folder) {
    await fs.promises.mkdir(folder, { recursive: true });
  },
  async writeNew(file, data) {
    const handle = await fs.promises.open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fs.promises.rename(from, to),
  remove: (file) => fs.promises.rm(file, { force: true }),
};

export type ExportStage = 'docx' | 'xlsx' | 'write';

export interface ExportProgress {
  stage: ExportStage;
  done: number;
  total: number;
}

export interface ExportOptions {
  docx: boolean;
  xlsx: boolean;
  onProgress?: (progress: ExportProgress) => void;
  /** Testing hook. */
  fs?: ExportFs;
}

export { safeFileName };

/** `晋城市商务局2023年度部门决算公开.docx` and `…公开表.xlsx` (单位决算公开 when the report says so). */
/** The 附件 sheets of the Excel file: the year's 自评表, when the file holds them. */
export function xlsxEvaluation(model: PackageModel): Pick<RenderXlsxOptions, 'evaluation'> {
  return model.evaluation ? { evaluation: { set: model.evaluation, ctx: { year: model.year, departmentName: model.department.name } } } : {};
}

export function exportFileNames(model: PackageModel): { docx: string; xlsx: string } {
  const base = safeFileName(model.title);
  return { docx: `${base}.docx`, xlsx: `${base}表.xlsx` };
}

function errnoOf(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const UNCHANGED = '原有文件未被修改。';

/** The Chinese message for a failed write, by what failed and why. */
function writeFailure(e: unknown, step: 'folder' | 'write' | 'replace', folder: string, name: string): AppError {
  const code = errnoOf(e);
  let message: string;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    message = `磁盘空间不足，无法导出“${name}”。${UNCHANGED}请清理磁盘空间或换一个位置后重新导出。`;
  } else if (step === 'replace' && (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES')) {
    message = `“${name}”正被其他程序（如 Word、WPS 或 Excel）打开，无法覆盖。请先关闭该文件，再重新导出。${UNCHANGED}`;
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    message = `无法写入导出文件夹“${folder}”：文件夹是只读的或没有写入权限。请换一个文件夹后重新导出。${UNCHANGED}`;
  } else if (code === 'ENOENT' || code === 'ENOTDIR') {
    message = `找不到导出文件夹“${folder}”（可能是U盘或网络盘已断开），请换一个文件夹后重新导出。`;
  } else {
    const detail = e instanceof Error ? e.message : String(e);
    message = `导出“${name}”失败（${detail}）。${UNCHANGED}请稍后重试或换一个文件夹。`;
  }
  return new AppError('EXPORT_FAILED', message, { cause: e });
}

/** Writes one file: a temporary file beside the target, then an atomic rename over it. */
export async function writeSafely(io: ExportFs, folder: string, name: string, data: Uint8Array): Promise<void> {
  const target = path.join(folder, name);
  const temp = path.join(folder, `.~${name}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await io.writeNew(temp, data);
  } catch (e) {
    await io.remove(temp).catch(() => undefined);
    throw writeFailure(e, 'write', folder, name);
  }
  try {
    await io.rename(temp, target);
  } catch (e) {
    await io.remove(temp).catch(() => undefined);
    throw writeFailure(e, 'replace', folder, name);
  }
}

async function render(what: string, run: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await run();
  } catch (e) {
    throw new AppError('EXPORT_FAILED', `生成${what}文件时出错，未写入任何文件。请将此问题告知技术支持。`, { cause: e });
  }
}

/**
 * The export in the year's change log: the content hash of the facts the files were made from,
 * so an officer can tell later whether a document still matches the file. Skipped for a file
 * opened read-only.
 */
function recordExport(file: DisclosureFile, year: number, hash: string, files: readonly string[]): void {
  if (!file.readonly) new DisclosureRepository(file.db).recordExport(year, hash, files);
}

/** Renders the chosen files of `year` and writes them into `folder` (created when missing). */
export async function exportPackage(file: DisclosureFile, year: number, folder: string, options: ExportOptions): Promise<ExportResult> {
  const io = options.fs ?? nodeExportFs;
  const progress = options.onProgress ?? (() => {});
  const { model, loaded } = packageForYear(file, year);
  const names = exportFileNames(model);
  const hash = factsHash(loaded.report);

  const outputs: { name: string; data: Buffer }[] = [];
  if (options.docx) {
    const data = await render(' Word ', () => renderDocx(model, { factsHash: hash, onProgress: (done, total) => progress({ stage: 'docx', done, total }) }));
    outputs.push({ name: names.docx, data });
  }
  if (options.xlsx) {
    const data = await render(' Excel ', () => renderXlsx(model.tables, { factsHash: hash, units: model.overview.units, onProgress: (done, total) => progress({ stage: 'xlsx', done, total }), ...xlsxEvaluation(model) }));
    outputs.push({ name: names.xlsx, data });
  }

  try {
    await io.mkdir(folder);
  } catch (e) {
    throw writeFailure(e, 'folder', folder, outputs[0]?.name ?? folder);
  }
  for (const [k, output] of outputs.entries()) {
    await writeSafely(io, folder, output.name, output.data);
    progress({ stage: 'write', done: k + 1, total: outputs.length });
  }
  recordExport(file, year, hash, outputs.map((o) => o.name));
  return { folder, files: outputs.map((o) => o.name), factsHash: hash };
}

export interface ExportTargets {
  /** Full path of the .docx to write, if any. */
  docx?: string;
  /** Full path of the .xlsx to write, if any. */
  xlsx?: string;
}

/**
 * Renders the package of `year` and writes each file to the path given (the CLI's
 * `--docx out.docx --xlsx out.xlsx`), each safely: a temporary file beside it, then a rename.
 */
export async function exportToPaths(
  file: DisclosureFile,
  year: number,
  targets: ExportTargets,
  options: { onProgress?: (progress: ExportProgress) => void; fs?: ExportFs } = {},
): Promise<string[]> {
  const io = options.fs ?? nodeExportFs;
  const progress = options.onProgress ?? (() => {});
  const { model, loaded } = packageForYear(file, year);
  const hash = factsHash(loaded.report);
  const outputs: { target: string; data: Buffer }[] = [];
  if (targets.docx) {
    const data = await render(' Word ', () => renderDocx(model, { factsHash: hash, onProgress: (done, total) => progress({ stage: 'docx', done, total }) }));
    outputs.push({ target: path.resolve(targets.docx), data });
  }
  if (targets.xlsx) {
    const data = await render(' Excel ', () => renderXlsx(model.tables, { factsHash: hash, units: model.overview.units, onProgress: (done, total) => progress({ stage: 'xlsx', done, total }), ...xlsxEvaluation(model) }));
    outputs.push({ target: path.resolve(targets.xlsx), data });
  }
  for (const [k, output] of outputs.entries()) {
    await writeSafely(io, path.dirname(output.target), path.basename(output.target), output.data);
    progress({ stage: 'write', done: k + 1, total: outputs.length });
  }
  recordExport(file, year, hash, outputs.map((o) => path.basename(o.target)));
  return outputs.map((o) => o.target);
}
