/** One writer per file: the `.lock` beside it, across sessions, processes and computers. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../electron/backend/app/errors';
import { acquireLock, formatLockTime, lockPathFor, releaseAllLocks } from '../../electron/backend/app/lock';
import { Session } from '../../electron/backend/app/session';
import { jinchengFile, ScriptedHost, tempFolder, testBackend } from './app-helpers';

afterEach(() => releaseAllLocks());

function lockedError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError && e.code === 'LOCKED') return e;
    throw e;
  }
  throw new Error('expected LOCKED');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function writeLock(file: string, owner: Record<string, unknown>): void {
  writeFileSync(lockPathFor(file), JSON.stringify(owner));
}

describe('file lock', () => {
  it('lets only one of two sessions in one process open a file, until the first closes it', () => {
    const file = jinchengFile(tempFolder());
    const a = new Session();
    const b = new Session();
    a.openFile(file);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ host: hostname(), pid: process.pid, app: '部门决算公开助手' });
    expect(lockedError(() => b.openFile(file)).message).toContain('已在本程序中打开');
    expect(a.info()?.department.name).toBe('晋城市商务局');
    a.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(b.openFile(file).name).toBe('晋城.jsgk');
    b.close();
  });

  it('reopening the file a session already has is not a conflict', () => {
    const file = jinchengFile(tempFolder());
    const s = new Session();
    s.openFile(file);
    expect(s.openFile(file).years).toEqual([2023]);
    s.close();
  });

  it('takes over a stale lock left on this computer by a process that is gone', () => {
    const file = jinchengFile(tempFolder());
    writeLock(file, { host: hostname(), user: '张三', pid: deadPid(), app: '部门决算公开助手', openedAt: '2026-03-02T01:15:00.000Z' });
    const s = new Session();
    s.openFile(file);
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    s.close();
  });

  it('refuses a lock held by a live process on this computer', () => {
    const file = jinchengFile(tempFolder());
    writeLock(file, { host: hostname(), user: '李四', pid: process.ppid, app: '部门决算公开助手', openedAt: new Date().toISOString() });
    expect(lockedError(() => new Session().openFile(file)).message).toContain('李四');
  });

  it('refuses a lock from another computer, naming who holds it and when', () => {
    const file = jinchengFile(tempFolder());
    const openedAt = new Date(2026, 2, 2, 9, 15).toISOString();
    writeLock(file, { host: 'FIN-PC-02', user: '张三', pid: 4242, app: '部门决算公开助手', openedAt });
    const error = lockedError(() => new Session().openFile(file));
    expect(error.message).toContain('此文件正由 张三（计算机 FIN-PC-02）于 2026-03-02 09:15 打开');
    expect(error.message).toContain('晋城.jsgk.lock');
    // The other computer's lock is left alone.
    expect(JSON.parse(readFileSync(`${file}.lock`, 'utf8'))).toMatchObject({ host: 'FIN-PC-02' });
  });

  it('reports LOCKED through the Api', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    writeLock(file, { host: 'FIN-PC-02', user: '张三', pid: 1, app: '部门决算公开助手', openedAt: new Date().toISOString() });
    const host = new ScriptedHost(folder);
    host.openAnswers.push(file);
    const { backend } = testBackend(host);
    const result = await backend.api.invoke('file.open', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await backend.api.invoke('file.current', {})).toEqual({ ok: true, value: null });
  });

  it('treats an unreadable lock as being written, unless it is old', () => {
    const file = jinchengFile(tempFolder());
    writeFileSync(lockPathFor(file), '');
    expect(lockedError(() => acquireLock(file)).message).toContain('正在被打开');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPathFor(file), old, old);
    acquireLock(file).release();
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('does not remove a lock that is no longer its own', () => {
    const file = jinchengFile(tempFolder());
    const lock = acquireLock(file);
    writeLock(file, { host: 'OTHER', user: 'x', pid: 1, app: 'a', openedAt: new Date().toISOString() });
    lock.release();
    expect(existsSync(lockPathFor(file))).toBe(true);
  });

  it('is released when the process exits', async () => {
    const file = jinchengFile(tempFolder());
    const lockModule = new URL('../../electron/backend/app/lock.ts', import.meta.url).pathname;
    const script = `const { acquireLock } = await import(${JSON.stringify(lockModule)}); acquireLock(${JSON.stringify(file)}); console.log('locked');`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('locked');
    expect(code).toBe(0);
    expect(existsSync(lockPathFor(file))).toBe(false);
  });

  it('formats the time for the message in local time', () => {
    expect(formatLockTime(new Date(2026, 0, 5, 8, 3).toISOString())).toBe('2026-01-05 08:03');
    expect(formatLockTime('bad')).toBe('bad');
  });

  it('names the lock beside the file', () => {
    expect(lockPathFor('/a/b/c.jsgk')).toBe(join('/a/b', 'c.jsgk.lock'));
  });
});
