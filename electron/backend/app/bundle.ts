/**
 * 发布包: everything a department publishes and files for one year, in one action — the package as
 * PDF, Word and Excel, the 审核报告 as PDF and Excel, and a manifest (manifest.json: department,
 * year, the facts' content hash, the app version, the size and SHA-256 of every file), written as
 * a .zip or into a folder.
 *
 * Refused while the checks find 错误, unless the user confirms (`force`; the manifest records it).
 *
 * Written safely, so an interrupted bundle (killed, disk full, a file open in another program)
 * leaves the previous one intact: a .zip is written to a temporary file beside it and renamed over
 * it; in a folder, each file is written to a temporary file as soon as it is rendered, and only
 * when all are on disk are the old files moved aside and the new ones renamed into place, the
 * manifest last — a rename that fails puts the old files back. What an interrupted run leaves
 * (temporary copies, old files moved aside) is cleaned up, or put back, by the next run.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { Severity } from '../../../shared/domain/checks';
import { FACTS_HASH_VERSION } from '../../../shared/domain/factsHash';
import type { DisclosureFile } from '../db';
import type { OpenPdfEngine } from '../export/pdf';
import { UserError } from '../services/reports';
import { composeExport, type ExportKind, KIND_NAMES, renderFiles } from './exportRender';
import { type ExportFs, type ExportProgress, exportFileNames, makeFolder, nodeExportFs, replaceWith, safeFileName, tempNameFor, writeFailure, writeSafely, writeTemp } from './exporting';

export const MANIFEST_NAME = 'manifest.json';
export const BUNDLE_FORMAT = 'disclosure-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

/** The files of a bundle, in the order they are rendered and listed. */
export const BUNDLE_KINDS: readonly ExportKind[] = ['pdf', 'docx', 'xlsx', 'auditPdf', 'auditXlsx'];

export interface ManifestFile {
  name: string;
  /** What it is (`公开文本（PDF）`). */
  role: string;
  bytes: number;
  sha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  department: string;
  year: number;
  title: string;
  /** SHA-256 of the year's typed facts in canonical JSON (shared/domain/factsHash.ts), the same 内容校验码 the export dialog, the CLI and the change log show. */
  factsHash: { algorithm: 'sha256'; format: string; value: string };
  appVersion: string;
  /** ISO time the bundle was made. */
  createdAt: string;
  findings: Record<Severity, number>;
  /** The user confirmed publishing with 错误 findings. */
  confirmedWithErrors: boolean;
  files: ManifestFile[];
}

export interface BundleOptions {
  /** Make the bundle although the checks find 错误 (the user confirmed). */
  force: boolean;
  appVersion: string;
  openPdfEngine: OpenPdfEngine;
  onProgress?: (progress: ExportProgress) => void;
  fs?: ExportFs;
  now?: Date;
}

export interface BundleResult {
  /** The .zip, or the folder. */
  target: string;
  kind: 'zip' | 'folder';
  /** File names in the bundle, the manifest last. */
  files: string[];
  manifest: BundleManifest;
}

/** `晋城市商务局2023年度部门决算公开发布包.zip` */
export function bundleZipName(title: string): string {
  return `${safeFileName(title)}发布包.zip`;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

const errnoOf = (e: unknown) => (e instanceof Error && 'code' in e ? String(e.code) : '');

/**
 * What an interrupted run left beside the bundle's files: temporary copies (`.~name.xxxxxxxx.tmp`)
 * are removed; an old file moved aside (`.~name.xxxxxxxx.old`) whose place is empty is put back.
 */
async function cleanUp(folder: string, names: readonly string[]): Promise<void> {
  let entries: string[];
  try {
    entries = await fs.promises.readdir(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const ours = entries.filter((e) => e.startsWith(`.~${name}.`));
    for (const e of ours.filter((x) => x.endsWith('.old'))) {
      const restore = !entries.includes(name);
      if (restore) await fs.promises.rename(path.join(folder, e), path.join(folder, name));
      else await fs.promises.rm(path.join(folder, e), { force: true });
      if (restore) entries.push(name);
    }
    for (const e of ours.filter((x) => x.endsWith('.tmp'))) await fs.promises.rm(path.join(folder, e), { force: true });
  }
}

/**
 * Puts the new files in place of the old ones, all or none: each old file is moved aside, the new
 * one renamed into its place; when any step fails, the files already replaced get their old ones
 * back. The old files are removed once every new one is in place.
 */
async function replaceAll(io: ExportFs, folder: string, files: readonly { name: string; temp: string }[]): Promise<void> {
  const done: { name: string; aside: string | null }[] = [];
  try {
    for (const f of files) {
      let aside: string | null = path.join(folder, tempNameFor(f.name).replace(/\.tmp$/, '.old'));
      try {
        await io.rename(path.join(folder, f.name), aside);
      } catch (e) {
        if (errnoOf(e) !== 'ENOENT') throw writeFailure(e, 'replace', folder, f.name);
        aside = null;
      }
      try {
        await replaceWith(io, f.temp, folder, f.name);
      } catch (e) {
        if (aside) await io.rename(aside, path.join(folder, f.name)).catch(() => undefined);
        throw e;
      }
      done.push({ name: f.name, aside });
    }
  } catch (e) {
    for (const d of done.reverse()) {
      await io.remove(path.join(folder, d.name)).catch(() => undefined);
      if (d.aside) await io.rename(d.aside, path.join(folder, d.name)).catch(() => undefined);
    }
    throw e;
  }
  await Promise.all(done.filter((d) => d.aside).map((d) => io.remove(d.aside!).catch(() => undefined)));
}

function refusal(errors: number): UserError {
  return new UserError(
    `审核发现 ${errors} 个“错误”，发布包未生成。请先修正这些错误（“勾稽审核”面板或 disclosure validate 可列出全部）；确需在有错误的情况下生成，请确认后再生成（命令行加 --force），清单中会注明。`,
  );
}

/**
 * Writes the bundle of `year` to `out`: a .zip when it ends in .zip, otherwise into that folder
 * (created when missing).
 */
export async function writeBundle(file: DisclosureFile, year: number, out: string, options: BundleOptions): Promise<BundleResult> {
  const io = options.fs ?? nodeExportFs;
  const progress = options.onProgress ?? (() => {});
  const composition = composeExport(file, year);
  const { model, findings, factsHash } = composition;
  const errors = findings.filter((f) => f.severity === '错误').length;
  if (errors > 0 && !options.force) throw refusal(errors);

  const target = path.resolve(out);
  const zip = target.toLowerCase().endsWith('.zip');
  const folder = zip ? path.dirname(target) : target;
  const names = exportFileNames(model);
  const allNames = [...BUNDLE_KINDS.map((k) => names[k]), MANIFEST_NAME];
  await makeFolder(io, folder, zip ? path.basename(target) : allNames[0]!);
  await cleanUp(folder, zip ? [path.basename(target)] : allNames);

  const now = options.now ?? new Date();
  /** Folder mode: each file's temporary copy, written as soon as it is rendered. */
  const temps: { name: string; temp: string }[] = [];
  const manifestFiles: ManifestFile[] = [];
  const contents: { name: string; data: Uint8Array }[] = [];
  try {
    await renderFiles(composition, BUNDLE_KINDS, {
      openPdfEngine: options.openPdfEngine,
      now,
      onProgress: (stage, done, total) => progress({ stage, done, total }),
      onFile: async ({ kind, data }) => {
        const name = names[kind];
        manifestFiles.push({ name, role: KIND_NAMES[kind], bytes: data.length, sha256: sha256(data) });
        if (zip) contents.push({ name, data });
        else temps.push({ name, temp: await writeTemp(io, folder, name, data) });
      },
    });
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      department: model.department.name,
      year: model.year,
      title: model.title,
      factsHash: { algorithm: 'sha256', format: `disclosure-facts/${FACTS_HASH_VERSION}`, value: factsHash },
      appVersion: options.appVersion,
      createdAt: now.toISOString(),
      findings: { 错误: errors, 警告: findings.filter((f) => f.severity === '警告').length, 提示: findings.filter((f) => f.severity === '提示').length },
      confirmedWithErrors: errors > 0,
      files: manifestFiles,
    };
    const manifestData = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    if (zip) {
      const archive = new JSZip();
      for (const c of contents) archive.file(c.name, c.data, { date: now });
      archive.file(MANIFEST_NAME, manifestData, { date: now });
      const data = await archive.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
      await writeSafely(io, folder, path.basename(target), data);
    } else {
      temps.push({ name: MANIFEST_NAME, temp: await writeTemp(io, folder, MANIFEST_NAME, manifestData) });
      // Every file is on disk: now replace the old ones, the manifest last.
      await replaceAll(io, folder, temps);
      temps.length = 0;
    }
    progress({ stage: 'write', done: 1, total: 1 });
    return { target, kind: zip ? 'zip' : 'folder', files: allNames, manifest };
  } finally {
    // A failure before the renames leaves the previous bundle as it was: drop the new copies.
    await Promise.all(temps.map((t) => io.remove(t.temp).catch(() => undefined)));
  }
}
