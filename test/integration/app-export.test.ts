/** 导出: Word and Excel written safely — a failure never damages an earlier export. */
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ExportFs, exportPackage, nodeExportFs, safeFileName } from '../../electron/backend/app/exporting';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { closeDisclosureFile, type DisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { jinchengFile, ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

const DOCX = '晋城市商务局2023年度部门决算公开.docx';
const XLSX = '晋城市商务局2023年度部门决算公开表.xlsx';

let file: DisclosureFile;

beforeAll(() => {
  file = openDisclosureFile(jinchengFile(tempFolder()), { create: false });
});
afterAll(() => closeDisclosureFile(file));
afterEach(() => releaseAllLocks());

function errno(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** The real file system, except that one operation fails with an errno. */
function failing(operation: 'writeNew' | 'rename', code: string): ExportFs {
  return {
    ...nodeExportFs,
    [operation]: async () => {
      throw errno(code);
    },
  };
}

function isZip(path: string): boolean {
  return readFileSync(path).subarray(0, 2).toString('latin1') === 'PK';
}

describe('exportPackage', () => {
  it('writes Word and Excel under the package title, reporting progress', async () => {
    const folder = join(tempFolder(), '导出', '新文件夹');
    const stages = new Set<string>();
    const result = await exportPackage(file, 2023, folder, { docx: true, xlsx: true, onProgress: (p) => stages.add(p.stage) });
    expect(result).toEqual({ folder, files: [DOCX, XLSX], factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect(readdirSync(folder).sort()).toEqual([DOCX, XLSX].sort());
    expect(isZip(join(folder, DOCX)) && isZip(join(folder, XLSX))).toBe(true);
    expect([...stages].sort()).toEqual(['docx', 'write', 'xlsx']);
  });

  it('leaves an earlier file intact and no temp file behind when the disk is full', async () => {
    const folder = tempFolder();
    await exportPackage(file, 2023, folder, { docx: false, xlsx: true });
    const before = readFileSync(join(folder, XLSX));
    const failure = exportPackage(file, 2023, folder, { docx: false, xlsx: true, fs: failing('writeNew', 'ENOSPC') });
    await expect(failure).rejects.toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('磁盘空间不足') });
    expect(readFileSync(join(folder, XLSX)).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual([XLSX]);
  });

  it('says when the earlier file is open in another program (rename refused)', async () => {
    const folder = tempFolder();
    await exportPackage(file, 2023, folder, { docx: false, xlsx: true });
    const before = readFileSync(join(folder, XLSX));
    for (const code of ['EBUSY', 'EPERM']) {
      const failure = exportPackage(file, 2023, folder, { docx: false, xlsx: true, fs: failing('rename', code) });
      await expect(failure).rejects.toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('正被其他程序') });
    }
    expect(readFileSync(join(folder, XLSX)).equals(before)).toBe(true);
    expect(readdirSync(folder)).toEqual([XLSX]);
  });

  it('says when the folder is read-only', async () => {
    const folder = tempFolder();
    mkdirSync(folder, { recursive: true });
    // root ignores permissions, so there the refusal is simulated; elsewhere the folder is really read-only.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(folder, 0o555);
    try {
      const options = { docx: false, xlsx: true, ...(asRoot ? { fs: failing('writeNew', 'EACCES') } : {}) };
      await expect(exportPackage(file, 2023, folder, options)).rejects.toMatchObject({
        code: 'EXPORT_FAILED',
        message: expect.stringContaining('只读'),
      });
      const erofs = exportPackage(file, 2023, folder, { docx: false, xlsx: true, fs: failing('writeNew', 'EROFS') });
      await expect(erofs).rejects.toMatchObject({ message: expect.stringContaining('只读') });
    } finally {
      chmodSync(folder, 0o755);
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  it('makes department names safe as file names', () => {
    expect(safeFileName('某局/分局:*?')).toBe('某局_分局___');
    expect(safeFileName('...')).toBe('未命名');
  });
});

describe('export channels', () => {
  it('exports into the folder the host chose, opens it, and honours cancel', async () => {
    const folder = tempFolder();
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    valueOf(await backend.api.invoke('file.openDemo', {}));
    expect(await backend.api.invoke('export.openFolder', {})).toMatchObject({ ok: false, error: { code: 'USER' } });
    expect(await backend.api.invoke('export.run', { year: 2023, docx: false, xlsx: false })).toMatchObject({ ok: false, error: { code: 'USER' } });
    expect(await backend.api.invoke('export.run', { year: 2019, docx: false, xlsx: true })).toMatchObject({ ok: false, error: { code: 'USER' } });
    expect(valueOf(await backend.api.invoke('export.run', { year: 2023, docx: false, xlsx: true }))).toBeNull();

    const out = join(folder, 'out');
    host.exportAnswers.push(out);
    expect(valueOf(await backend.api.invoke('export.run', { year: 2023, docx: false, xlsx: true }))).toEqual({ folder: out, files: [XLSX], factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    valueOf(await backend.api.invoke('export.openFolder', {}));
    expect(host.openedFolders).toEqual([out]);
  });
});
