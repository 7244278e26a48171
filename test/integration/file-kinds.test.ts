/**
 * Paths that are not plain files: a failed import never removes what it did not create (a link
 * pointing nowhere, side files that were already there), and a named pipe, a folder or a file
 * nobody may read is refused with a message that says exactly that.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_USER, main } from '../../cli';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { Session } from '../../electron/backend/app/session';
import { openDisclosureFile, StorageError } from '../../electron/backend/db';
import { jinchengFile, tempFolder } from './app-helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'test', 'fixtures', 'jincheng-2023.json');
const BIN = join(ROOT, 'bin', 'disclosure.mjs');

afterEach(() => releaseAllLocks());

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t) });
  return { code, err };
}

function storageError(fn: () => unknown): StorageError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StorageError) return e;
    throw e;
  }
  throw new Error('expected a StorageError');
}

describe('a link that points nowhere', () => {
  it('survives a failed import into it (it was not the import’s to remove)', async () => {
    const folder = tempFolder('disclosure-kinds-');
    const link = join(folder, '部门.jsgk');
    symlinkSync(join(folder, 'gone', 'target.jsgk'), link);
    const result = await cli(['import', FIXTURE, '--file', link]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('符号链接');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join(folder, 'gone', 'target.jsgk'));
  });

  it('survives a failed 新建 at its path', () => {
    const folder = tempFolder('disclosure-kinds-');
    const link = join(folder, '新建.jsgk');
    symlinkSync(join(folder, 'gone', 'x.jsgk'), link);
    expect(() => new Session().create(link, { name: '某局', unitKind: '行政单位', subordinateUnits: [] }, 2024)).toThrow(StorageError);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a failed creation removes the file it made but not side files that were there before', () => {
    const folder = tempFolder('disclosure-kinds-');
    const file = join(folder, 'a.jsgk');
    // (A stray -wal beside an empty database is deleted by SQLite itself on open.)
    writeFileSync(`${file}-shm`, 'not ours');
    const broken = { version: 1, name: 'broken', up: () => { throw new Error('boom'); } };
    expect(() => openDisclosureFile(file, { create: true, migrations: [broken] })).toThrow(StorageError);
    expect(readdirSync(folder)).toEqual(['a.jsgk-shm']);
    expect(readFileSync(`${file}-shm`, 'utf8')).toBe('not ours');
  });
});

describe('a named pipe (FIFO)', () => {
  function fifo(folder: string, name: string): string {
    const path = join(folder, name);
    execFileSync('mkfifo', [path]);
    return path;
  }

  it('as the data file: refused as a named pipe, not called a folder, and left in place', async () => {
    const folder = tempFolder('disclosure-kinds-');
    const pipe = fifo(folder, '部门.jsgk');
    const error = storageError(() => openDisclosureFile(pipe, { create: true }));
    expect(error.message).toBe('“部门.jsgk”是一个命名管道（FIFO），不是决算数据文件，无法打开。它未被修改。');
    const result = await cli(['validate', '--file', pipe, '--year', '2023']);
    expect(result.err).toContain('命名管道（FIFO）');
    expect(result.err).not.toContain('文件夹');
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it('as the JSON to import: refused without waiting for a writer', async () => {
    const folder = tempFolder('disclosure-kinds-');
    const pipe = fifo(folder, 'report.json');
    const result = await cli(['import', pipe, '--file', join(folder, 'a.jsgk')]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('是一个命名管道（FIFO），不是普通文件');
    expect(readdirSync(folder)).toEqual(['report.json']);
  });
});

describe('a file nobody may read', () => {
  /** Root reads everything, so the command runs as an ordinary user there. */
  function asReader(args: string[]): { code: number | null; err: string } {
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    spawnSync(process.execPath, [BIN, 'help'], { encoding: 'utf8' }); // build the bundle as this user
    const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...user });
    return { code: result.status, err: result.stderr };
  }

  it('as the data file: says it cannot be read (not that it is read-only)', () => {
    const folder = tempFolder('disclosure-kinds-');
    const file = jinchengFile(folder);
    chmodSync(folder, 0o755);
    chmodSync(file, 0o000);
    const result = asReader(['validate', '--file', file, '--year', '2023']);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('没有读取“晋城.jsgk”的权限');
    expect(result.err).not.toContain('只读');
  });

  it('as the JSON to import: says it cannot be read', () => {
    const folder = tempFolder('disclosure-kinds-');
    const source = join(folder, 'report.json');
    writeFileSync(source, readFileSync(FIXTURE));
    chmodSync(folder, 0o777);
    chmodSync(source, 0o000);
    const result = asReader(['import', source, '--file', join(folder, 'a.jsgk')]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain(`没有读取文件“${source}”的权限`);
    expect(existsSync(join(folder, 'a.jsgk'))).toBe(false);
  });
});
