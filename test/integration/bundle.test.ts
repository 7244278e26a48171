/**
 * 发布包 through the CLI (`disclosure bundle`) and writeBundle: the manifest's hashes checked by
 * re-reading every file (the .zip with Debian's Python zipfile, an independent reader), the facts'
 * content hash, refusal while 错误 remain and --force, and safe writing — a bundle killed while it
 * is being written, or a file that cannot be replaced, leaves the previous bundle intact.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { type BundleManifest, MANIFEST_NAME, writeBundle } from '../../electron/backend/app/bundle';
import { nodeExportFs } from '../../electron/backend/app/exporting';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { openChromiumEngine } from '../../electron/backend/export/pdf/chromium';
import { loadReport } from '../../electron/backend/services/reports';
import { factsHash } from '../../shared/domain/factsHash';
import { requireChromium } from '../e2e/browser';
import { loadFixture } from '../harness/samplePackage';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test/fixtures/jincheng-2023.json');
const BIN = join(ROOT, 'bin/disclosure.mjs');
const PYTHON = '/usr/bin/python3';
const TITLE = '晋城市商务局2023年度部门决算公开';
const FILES = [`${TITLE}.pdf`, `${TITLE}.docx`, `${TITLE}表.xlsx`, `${TITLE}审核报告.pdf`, `${TITLE}审核报告.xlsx`, MANIFEST_NAME];

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t) });
  return { code, err };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/**
 * A data file holding 晋城市商务局 2023 without its 附件, in a fresh folder: the seed's own 自评表
 * contradict themselves (SE-… 错误), and these tests start from a year with no 错误.
 */
async function jincheng(): Promise<{ folder: string; file: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'disclosure-bundle-'));
  const file = join(folder, '晋城.jsgk');
  const { evaluation: _forms, ...tables } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>;
  void _forms;
  const source = join(folder, 'report.json');
  writeFileSync(source, JSON.stringify(tables));
  const imported = await cli(['import', source, '--file', file]);
  expect(imported.code, imported.err).toBe(EXIT_OK);
  return { folder, file };
}

function edit(file: string, change: (repo: DisclosureRepository) => void): void {
  const f = openDisclosureFile(file, { create: false });
  try {
    change(new DisclosureRepository(f.db));
  } finally {
    closeDisclosureFile(f);
  }
}

/** The folder's files (no temporary ones) → their SHA-256. */
function folderHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((n) => !n.startsWith('.'))
      .sort()
      .map((n) => [n, sha256(readFileSync(join(dir, n)))]),
  );
}

function manifestOf(dir: string): BundleManifest {
  return JSON.parse(readFileSync(join(dir, MANIFEST_NAME), 'utf8'));
}

/** Every file listed in the manifest has its size and hash; nothing else is in the folder. */
function expectManifestMatches(dir: string): BundleManifest {
  const manifest = manifestOf(dir);
  expect(manifest.files.map((f) => f.name).sort()).toEqual(FILES.filter((n) => n !== MANIFEST_NAME).sort());
  for (const f of manifest.files) {
    const data = readFileSync(join(dir, f.name));
    expect({ name: f.name, bytes: data.length, sha256: sha256(data) }).toEqual({ name: f.name, bytes: f.bytes, sha256: f.sha256 });
  }
  expect(readdirSync(dir).sort()).toEqual([...FILES].sort());
  return manifest;
}

beforeAll(() => requireChromium());

describe('disclosure bundle', () => {
  it('writes a .zip whose manifest lists every file with the hash Python computes from the archive', async () => {
    const { folder, file } = await jincheng();
    const zip = join(folder, '发布包.zip');
    const made = await cli(['bundle', '--file', file, '--year', '2023', '--out', zip]);
    expect(made.code, made.err).toBe(EXIT_OK);
    expect(made.err).toContain('生成 PDF');
    expect(made.err).toContain('已生成发布包');

    const script = [
      'import hashlib, json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'print(json.dumps({"names": z.namelist(), "files": {n: [len(z.read(n)), hashlib.sha256(z.read(n)).hexdigest(), z.read(n)[:4].hex()] for n in z.namelist()}, "manifest": json.loads(z.read("manifest.json"))}))',
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', script, zip], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const back: { names: string[]; files: Record<string, [number, string, string]>; manifest: BundleManifest } = JSON.parse(r.stdout);
    expect([...back.names].sort()).toEqual([...FILES].sort());
    const manifest = back.manifest;
    expect(manifest.files.map((f) => [f.name, f.bytes, f.sha256])).toEqual(manifest.files.map((f) => [f.name, back.files[f.name]![0], back.files[f.name]![1]]));
    // What each file is: a PDF, or an Office file (a zip).
    for (const f of manifest.files) expect(back.files[f.name]![2], f.name).toBe(f.name.endsWith('.pdf') ? '25504446' : '504b0304');

    const fixture = loadFixture('jincheng-2023.json');
    const stored = (() => {
      const f = openDisclosureFile(file, { create: false });
      try {
        return loadReport(f, 2023).pkg;
      } finally {
        closeDisclosureFile(f);
      }
    })();
    expect(manifest).toMatchObject({
      format: 'disclosure-bundle',
      department: '晋城市商务局',
      year: 2023,
      title: TITLE,
      appVersion: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      findings: { 错误: 0 },
      confirmedWithErrors: false,
      factsHash: { algorithm: 'sha256', value: factsHash(fixture.report) },
    });
    // The same facts read back from the data file hash the same.
    expect(factsHash(stored.report)).toBe(manifest.factsHash.value);
    expect(manifest.files.map((f) => f.role)).toEqual(['公开文本（PDF）', '公开文本（Word）', '公开表（Excel）', '审核报告（PDF）', '审核报告（Excel）']);
  }, 120_000);

  it('refuses while 错误 remain, naming them, and writes the bundle with --force, recorded in the manifest', async () => {
    const { folder, file } = await jincheng();
    edit(file, (repo) => {
      const item = repo.loadReport(2023).items.find((i) => i.expenditure.basic > 0)!;
      repo.writeFact(2023, { kind: 'item', code: item.code, field: 'expenditure.basic' }, item.expenditure.basic + 100_000);
    });
    const out = join(folder, 'out');
    const refused = await cli(['bundle', '--file', file, '--year', '2023', '--out', out]);
    expect(refused.code).toBe(EXIT_USER);
    expect(refused.err).toContain('审核发现 1 个“错误”，发布包未生成');
    expect(refused.err).toContain('--force');
    expect(existsSync(out)).toBe(false);

    const forced = await cli(['bundle', '--file', file, '--year', '2023', '--out', out, '--force']);
    expect(forced.code, forced.err).toBe(EXIT_OK);
    expect(forced.err).toContain('已按 --force 生成');
    const manifest = expectManifestMatches(out);
    expect(manifest.confirmedWithErrors).toBe(true);
    expect(manifest.findings['错误']).toBe(1);
  }, 120_000);

  it('keeps the previous bundle when killed while writing the new one, and the next run completes it', async () => {
    const { folder, file } = await jincheng();
    const out = join(folder, 'bundle');
    expect((await cli(['bundle', '--file', file, '--year', '2023', '--out', out])).code).toBe(EXIT_OK);
    const before = folderHashes(out);
    const old = expectManifestMatches(out);
    edit(file, (repo) => repo.writeText(2023, 'glossary.extra', '本单位无其他需要解释的名词（修订）。'));

    // Killed as soon as the first new file is on disk under its temporary name.
    const child = spawn(process.execPath, [BIN, 'bundle', '--file', file, '--year', '2023', '--out', out], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let killedWith: string[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline && child.exitCode === null) {
      const temps = readdirSync(out).filter((n) => n.startsWith('.~') && n.endsWith('.tmp'));
      if (temps.length > 0) {
        child.kill('SIGKILL');
        killedWith = temps;
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await exited, 'the bundle finished before it could be killed').toBe('SIGKILL');
    expect(killedWith.length).toBeGreaterThan(0);
    // The previous bundle is intact: every file as it was, the manifest still matching them.
    expect(folderHashes(out)).toEqual(before);
    expect(manifestOf(out)).toEqual(old);
    // A temporary file of the killed run is left beside it…
    expect(readdirSync(out).filter((n) => n.startsWith('.~')).length).toBeGreaterThan(0);

    // …and the next run cleans it up and writes the new bundle.
    expect((await cli(['bundle', '--file', file, '--year', '2023', '--out', out])).code).toBe(EXIT_OK);
    const next = expectManifestMatches(out);
    expect(next.factsHash.value).not.toBe(old.factsHash.value);
    expect(folderHashes(out)[`${TITLE}.pdf`]).not.toBe(before[`${TITLE}.pdf`]);
  }, 180_000);

  it('keeps the previous .zip when killed while making the new one', async () => {
    const { folder, file } = await jincheng();
    const zip = join(folder, '发布包.zip');
    expect((await cli(['bundle', '--file', file, '--year', '2023', '--out', zip])).code).toBe(EXIT_OK);
    const before = sha256(readFileSync(zip));
    edit(file, (repo) => repo.writeText(2023, 'glossary.extra', '修订。'));
    const child = spawn(process.execPath, [BIN, 'bundle', '--file', file, '--year', '2023', '--out', zip], { stdio: ['ignore', 'ignore', 'pipe'] });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // Killed once the PDF is done and the Word file is being made.
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('生成 Word')) child.kill('SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    expect(sha256(readFileSync(zip))).toBe(before);
  }, 180_000);

  it('puts the old files back when one of them cannot be replaced (open in another program)', async () => {
    const { folder, file } = await jincheng();
    const out = join(folder, 'bundle');
    expect((await cli(['bundle', '--file', file, '--year', '2023', '--out', out])).code).toBe(EXIT_OK);
    const before = folderHashes(out);
    edit(file, (repo) => repo.writeText(2023, 'glossary.extra', '修订。'));
    const busy = Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    // As on Windows: a file open in Excel cannot be moved or replaced.
    const fs = { ...nodeExportFs, rename: async (from: string, to: string) => (from.endsWith('表.xlsx') || to.endsWith('表.xlsx') ? Promise.reject(busy) : nodeExportFs.rename(from, to)) };
    const f = openDisclosureFile(file, { create: false });
    try {
      await expect(writeBundle(f, 2023, out, { force: false, appVersion: 'test', openPdfEngine: openChromiumEngine, fs })).rejects.toThrow(/正被其他程序.*打开/);
    } finally {
      closeDisclosureFile(f);
    }
    expect(folderHashes(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.~'))).toEqual([]);
    expectManifestMatches(out);
  }, 120_000);
});
