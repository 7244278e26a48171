/**
 * 导出: the package of one year as Word, Excel and/or PDF files in a folder, and the 审核报告.
 *
 * The files are rendered in memory first (exportRender.ts: the same derived model the screen
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
import { type OpenPdfEngine, openInBackground } from '../export/pdf';
import { AppError } from './errors';
import { composeExport, type ExportComposition, type ExportKind, fileNameFor, needsPdfEngine, type RenderedFile, type RenderStage, renderFiles } from './exportRender';
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

export type ExportStage = RenderStage | 'write';

export interface ExportProgress {
  stage: ExportStage;
  done: number;
  total: number;
}

export interface ExportOptions {
  docx: boolean;
  xlsx: boolean;
  /** The package as PDF (needs `openPdfEngine`). */
  pdf?: boolean;
  /** The 审核报告 as PDF and Excel (needs `openPdfEngine`). */
  audit?: boolean;
  openPdfEngine?: OpenPdfEngine;
  onProgress?: (progress: ExportProgress) => void;
  /** Testing hook. */
  fs?: ExportFs;
}

export { safeFileName };

/**
 * `晋城市商务局2023年度部门决算公开.docx`, `…公开表.xlsx`, `….pdf`, `…审核报告.pdf` / `.xlsx`
 * (单位决算公开 when the report says so).
 */
export function exportFileNames(model: PackageModel): Record<ExportKind, string> {
  const base = safeFileName(model.title);
  return { docx: fileNameFor('docx', base), xlsx: fileNameFor('xlsx', base), pdf: fileNameFor('pdf', base), auditPdf: fileNameFor('auditPdf', base), auditXlsx: fileNameFor('auditXlsx', base) };
}

function errnoOf(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const UNCHANGED = '原有文件未被修改。';

/** The Chinese message for a failed write, by what failed and why. */
export function writeFailure(e: unknown, step: 'folder' | 'write' | 'replace', folder: string, name: string): AppError {
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

/** The temporary name a file is written under before it replaces `name` (hidden, recognisable as ours). */
export function tempNameFor(name: string): string {
  return `.~${name}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Writes `data` to a new temporary file beside `name` in `folder`; returns its path. */
export async function writeTemp(io: ExportFs, folder: string, name: string, data: Uint8Array): Promise<string> {
  const temp = path.join(folder, tempNameFor(name));
  try {
    await io.writeNew(temp, data);
  } catch (e) {
    await io.remove(temp).catch(() => undefined);
    throw writeFailure(e, 'write', folder, name);
  }
  return temp;
}

/** Renames a temporary file over `name` (atomic on one file system); removes it when that fails. */
export async function replaceWith(io: ExportFs, temp: string, folder: string, name: string): Promise<void> {
  try {
    await io.rename(temp, path.join(folder, name));
  } catch (e) {
    await io.remove(temp).catch(() => undefined);
    throw writeFailure(e, 'replace', folder, name);
  }
}

/** Writes one file: a temporary file beside the target, then an atomic rename over it. */
export async function writeSafely(io: ExportFs, folder: string, name: string, data: Uint8Array): Promise<void> {
  await replaceWith(io, await writeTemp(io, folder, name, data), folder, name);
}

/** Creates the folder, or the Chinese message why it cannot be. */
export async function makeFolder(io: ExportFs, folder: string, name: string): Promise<void> {
  try {
    await io.mkdir(folder);
  } catch (e) {
    throw writeFailure(e, 'folder', folder, name);
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

/** The kinds an ExportOptions asks for, in the order they are written. */
function chosenKinds(options: Pick<ExportOptions, 'docx' | 'xlsx' | 'pdf' | 'audit'>): ExportKind[] {
  const kinds: ExportKind[] = [];
  if (options.docx) kinds.push('docx');
  if (options.xlsx) kinds.push('xlsx');
  if (options.pdf) kinds.push('pdf');
  if (options.audit) kinds.push('auditPdf', 'auditXlsx');
  return kinds;
}

/**
 * Composes `year` and renders `kinds` of it. A PDF's browser starts opening first, so that its
 * start overlaps with reading, deriving and drafting the year (and is closed as soon as the
 * files are rendered).
 */
async function composeAndRender(
  file: DisclosureFile,
  year: number,
  kinds: readonly ExportKind[],
  openPdfEngine: OpenPdfEngine | undefined,
  onProgress: (stage: RenderStage, done: number, total: number) => void,
): Promise<{ composition: ExportComposition; rendered: RenderedFile[] }> {
  const pdfEngine = openPdfEngine && needsPdfEngine(kinds) ? openInBackground(openPdfEngine) : undefined;
  await pdfEngine?.started();
  try {
    const composition = composeExport(file, year);
    return { composition, rendered: await renderFiles(composition, kinds, { ...(pdfEngine ? { pdfEngine } : { openPdfEngine }), onProgress }) };
  } finally {
    await pdfEngine?.close();
  }
}

/** Renders the chosen files of `year` and writes them into `folder` (created when missing). */
export async function exportPackage(file: DisclosureFile, year: number, folder: string, options: ExportOptions): Promise<ExportResult> {
  const io = options.fs ?? nodeExportFs;
  const progress = options.onProgress ?? (() => {});
  const kinds = chosenKinds(options);
  const { composition, rendered } = await composeAndRender(file, year, kinds, options.openPdfEngine, (stage, done, total) => progress({ stage, done, total }));
  const names = exportFileNames(composition.model);
  const outputs = rendered.map((r) => ({ name: names[r.kind], data: r.data }));

  await makeFolder(io, folder, outputs[0]?.name ?? folder);
  for (const [k, output] of outputs.entries()) {
    await writeSafely(io, folder, output.name, output.data);
    progress({ stage: 'write', done: k + 1, total: outputs.length });
  }
  recordExport(file, year, composition.factsHash, outputs.map((o) => o.name));
  return { folder, files: outputs.map((o) => o.name), factsHash: composition.factsHash };
}

export interface ExportTargets {
  /** Full path of the .docx to write, if any. */
  docx?: string;
  /** Full path of the .xlsx to write, if any. */
  xlsx?: string;
  /** Full path of the .pdf to write, if any. */
  pdf?: string;
}

/**
 * Renders the package of `year` and writes each file to the path given (the CLI's
 * `--docx out.docx --xlsx out.xlsx --pdf out.pdf`), each safely: a temporary file beside it, then a rename.
 */
export async function exportToPaths(
  file: DisclosureFile,
  year: number,
  targets: ExportTargets,
  options: { onProgress?: (progress: ExportProgress) => void; fs?: ExportFs; openPdfEngine?: OpenPdfEngine } = {},
): Promise<string[]> {
  const io = options.fs ?? nodeExportFs;
  const progress = options.onProgress ?? (() => {});
  const wanted = (['docx', 'xlsx', 'pdf'] as const).flatMap((kind) => {
    const target = targets[kind];
    return target ? [{ kind, target: path.resolve(target) }] : [];
  });
  const { composition, rendered } = await composeAndRender(file, year, wanted.map((w) => w.kind), options.openPdfEngine, (stage, done, total) => progress({ stage, done, total }));
  const outputs = rendered.map((r, k) => ({ target: wanted[k]!.target, data: r.data }));
  for (const [k, output] of outputs.entries()) {
    await writeSafely(io, path.dirname(output.target), path.basename(output.target), output.data);
    progress({ stage: 'write', done: k + 1, total: outputs.length });
  }
  recordExport(file, year, composition.factsHash, outputs.map((o) => path.basename(o.target)));
  return outputs.map((o) => o.target);
}
