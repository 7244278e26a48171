/**
 * How the CLI reaches the disclosure file: commands that write take the app's lock and are refused
 * while the app (here: a Session of this test process, as in browser mode) or another computer
 * holds it; read-only commands read a snapshot, also of a read-only file or one the app holds.
 * The cross-process cases run the real command (`bin/disclosure.mjs`, the bundled CLI).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { lockPathFor, releaseAllLocks } from '../../electron/backend/app/lock';
import { Session } from '../../electron/backend/app/session';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { jinchengFile, tempFolder } from './app-helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'disclosure.mjs');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'jincheng-2023.json');

afterEach(() => releaseAllLocks());

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** The real command in its own process; as an ordinary user when the tests run as root (`asUser`). */
function command(args: string[], options: { asUser?: boolean } = {}): { code: number | null; out: string; err: string } {
  const root = process.getuid?.() === 0;
  // Root may write any file, so a read-only file only means something to another user.
  const user = options.asUser && root ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, ...user });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function customCodes(file: string): string[] {
  const opened = openDisclosureFile(file, { create: false, readonly: true });
  try {
    return new DisclosureRepository(opened.db).listCustomCodes().map((c) => c.code);
  } finally {
    closeDisclosureFile(opened);
  }
}

function writeLock(file: string, owner: Record<string, unknown>): void {
  writeFileSync(lockPathFor(file), JSON.stringify(owner));
}

const FOREIGN = { host: 'OTHER-PC', user: '张三', pid: 4242, app: '部门决算公开助手', openedAt: new Date(2026, 2, 2, 9, 15).toISOString() };

describe('commands that write take the app’s lock', () => {
  it('refuses import --replace and add-code while the app holds the file, naming the holder', () => {
    const folder = tempFolder('disclosure-cli-lock-');
    const file = jinchengFile(folder);
    const app = new Session();
    app.openFile(file);
    new DisclosureRepository(app.require().file.db).writeText(2023, 'overview.note', '应用中正在编辑');

    const imported = command(['import', FIXTURE, '--file', file, '--replace']);
    expect(imported.code, imported.err).toBe(EXIT_USER);
    expect(imported.err).toContain(`此文件正由 ${app.require().lock.owner.user}（计算机 ${hostname()}）`);
    const added = command(['add-code', '--file', file, '--catalogue', 'economic', '--code', '30299', '--name', '其他商品和服务支出']);
    expect(added.code, added.err).toBe(EXIT_USER);
    expect(added.err).toContain('此文件正由');

    // Nothing of the refused commands reached the file; the app's edit is still there.
    expect(app.require().repo.loadReport(2023).texts['overview.note']).toBe('应用中正在编辑');
    expect(app.require().repo.listCustomCodes()).toEqual([]);
    app.close();
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('refuses a lock left by another computer (张三 on OTHER-PC) for every writing command', async () => {
    const folder = tempFolder('disclosure-cli-lock-');
    const file = jinchengFile(folder);
    writeLock(file, FOREIGN);
    const before = readFileSync(file);
    const sheet = join(folder, 'codes.csv');
    writeFileSync(sheet, '科目代码,科目名称\n30299,其他商品和服务支出\n');
    for (const args of [
      ['import', FIXTURE, '--file', file, '--replace'],
      ['add-code', '--file', file, '--catalogue', 'economic', '--code', '30299', '--name', '其他'],
      ['import-codes', '--file', file, '--catalogue', 'economic', '--from', sheet],
    ]) {
      const result = await cli(args);
      expect(result.code, args[0]).toBe(EXIT_USER);
      expect(result.err).toContain('此文件正由 张三（计算机 OTHER-PC）于 2026-03-02 09:15 打开');
      expect(result.err).toContain('晋城.jsgk.lock');
    }
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(JSON.parse(readFileSync(lockPathFor(file), 'utf8'))).toMatchObject({ host: 'OTHER-PC' });
  });

  it('takes over a stale lock of this computer, and leaves no lock behind', async () => {
    const folder = tempFolder('disclosure-cli-lock-');
    const file = jinchengFile(folder);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeLock(file, { ...FOREIGN, host: hostname(), pid: Number(dead.stdout) });
    const result = await cli(['add-code', '--file', file, '--catalogue', 'economic', '--code', '30299', '--name', '其他商品和服务支出']);
    expect(result.code, result.err).toBe(EXIT_OK);
    expect(customCodes(file)).toEqual(['30299']);
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('locks a file it creates while importing into it', async () => {
    const folder = tempFolder('disclosure-cli-lock-');
    const file = join(folder, 'new.jsgk');
    writeLock(file, FOREIGN);
    const result = await cli(['import', FIXTURE, '--file', file]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('张三');
    expect(readdirSync(folder)).toEqual(['new.jsgk.lock']);
  });
});

describe('commands that read use a snapshot', () => {
  it('show, validate and export-json work while the app holds the file, and see its saved edits', () => {
    const file = jinchengFile(tempFolder('disclosure-cli-read-'));
    const app = new Session();
    app.openFile(file);
    app.require().file.db.pragma('wal_autocheckpoint = 0');
    new DisclosureRepository(app.require().file.db).writeText(2023, 'overview.note', '应用刚保存的文字');
    expect(existsSync(`${file}-wal`)).toBe(true);

    const exported = command(['export-json', '--file', file, '--year', '2023']);
    expect(exported.code, exported.err).toBe(EXIT_OK);
    expect(JSON.parse(exported.out).texts['overview.note']).toBe('应用刚保存的文字');
    const shown = command(['show', '--file', file, '--year', '2023', '--table', '01']);
    expect(shown.code, shown.err).toBe(EXIT_OK);
    expect(shown.out).toContain('收入支出决算总表');
    const validated = command(['validate', '--file', file, '--year', '2023']);
    expect(validated.out).toContain('审核结果');
    expect(JSON.parse(readFileSync(lockPathFor(file), 'utf8'))).toMatchObject({ pid: process.pid });
    app.close();
  });

  it('read a read-only file without creating or changing anything beside it', () => {
    const folder = tempFolder('disclosure-cli-read-');
    const file = jinchengFile(folder);
    chmodSync(file, 0o444);
    chmodSync(folder, 0o755);
    const before = readFileSync(file);
    expect(command(['help']).code).toBe(EXIT_OK); // builds the bundle first, as this user
    for (const args of [
      ['show', '--file', file, '--year', '2023', '--table', '03'],
      ['validate', '--file', file, '--year', '2023'],
      ['narrative', '--file', file, '--year', '2023'],
      ['export-json', '--file', file, '--year', '2023'],
    ]) {
      const result = command(args, { asUser: true });
      expect(result.err, args[0]).not.toContain('错误');
      expect(result.out.length, args[0]).toBeGreaterThan(100);
    }
    const refused = command(['add-code', '--file', file, '--catalogue', 'economic', '--code', '30299', '--name', '其他'], { asUser: true });
    expect(refused.code).toBe(EXIT_USER);
    expect(refused.err).not.toContain('以只读方式打开');
    expect(readdirSync(folder)).toEqual(['晋城.jsgk']);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
