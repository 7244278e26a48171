/**
 * One writer per disclosure file, across windows, processes and computers sharing a network folder.
 *
 * Opening a file for writing creates `<file>.lock` next to it with an exclusive create (`wx`),
 * holding who opened it: {host, user, pid, app, openedAt}. Another opener finds the lock and is
 * refused with LOCKED and a message naming the holder — unless the lock is stale: written on this
 * computer by a process that no longer runs (a crash), which is taken over. A lock from another
 * computer is never taken over automatically (its process cannot be checked from here); the
 * message says how to remove it when the holder is known to be gone.
 *
 * Locks are released on close and, as a last resort, when the process exits.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatLocalTime, osUserName, StorageError, toStorageError } from '../db';
import { AppError } from './errors';

export interface LockOwner {
  host: string;
  user: string;
  pid: number;
  app: string;
  /** ISO time. */
  openedAt: string;
}

export interface LockEnvironment {
  host: string;
  user: string;
  pid: number;
  app: string;
  now: () => Date;
  /** Whether a process of this computer is still running. */
  isAlive: (pid: number) => boolean;
}

export interface FileLock {
  readonly filePath: string;
  readonly lockPath: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

export const APP_NAME = '部门决算公开助手';

/** A lock file that cannot be read is taken for one being written until it is this old (ms). */
const UNREADABLE_GRACE_MS = 10_000;

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return e instanceof Error && 'code' in e && e.code === 'EPERM';
  }
}

export function defaultLockEnvironment(): LockEnvironment {
  return { host: os.hostname(), user: osUserName(), pid: process.pid, app: APP_NAME, now: () => new Date(), isAlive: isProcessAlive };
}

export function lockPathFor(filePath: string): string {
  return `${path.resolve(filePath)}.lock`;
}

// ---------------------------------------------------------------------------------------------
// Locks held by this process: refused a second time, released on exit.

const held = new Map<string, FileLock>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', releaseAllLocks);
}

/** Releases every lock this process holds (process exit, app quit). */
export function releaseAllLocks(): void {
  for (const lock of [...held.values()]) lock.release();
}

// ---------------------------------------------------------------------------------------------

function errnoOf(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
    const { host, user, pid, app, openedAt } = record;
    if (typeof host !== 'string' || typeof user !== 'string' || typeof app !== 'string' || typeof openedAt !== 'string') return null;
    if (typeof pid !== 'number' || !Number.isSafeInteger(pid)) return null;
    return { host, user, pid, app, openedAt };
  } catch {
    return null;
  }
}

/** `2026-03-02 09:15` in this computer's time zone; the raw text when it is not a date. */
export const formatLockTime = formatLocalTime;

function lockedBy(owner: LockOwner, filePath: string, lockPath: string): AppError {
  const name = path.basename(filePath);
  return new AppError(
    'LOCKED',
    `此文件正由 ${owner.user}（计算机 ${owner.host}）于 ${formatLockTime(owner.openedAt)} 打开，` +
      `为避免两人同时修改造成数据错乱，现在不能打开“${name}”。请等对方关闭文件后再试；` +
      `如确认对方已不再使用（例如其电脑已关机），可删除同一文件夹中的“${path.basename(lockPath)}”后重试。`,
  );
}

function lockedHere(filePath: string): AppError {
  return new AppError('LOCKED', `“${path.basename(filePath)}”已在本程序中打开，不能同时打开两次。`);
}

function lockFolderError(e: unknown, filePath: string): StorageError {
  const code = errnoOf(e);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new StorageError(
      'READ_ONLY',
      `“${path.basename(filePath)}”所在的文件夹是只读的，无法打开此文件进行编辑。请把文件复制到可写的文件夹（例如“文档”）后再打开。`,
      { cause: e },
    );
  }
  return toStorageError(e);
}

/** Creates the lock file exclusively; false when one exists already. */
function tryCreate(lockPath: string, content: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeSync(fd, content);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(lockPath, { force: true });
    throw e;
  }
  fs.closeSync(fd);
  return true;
}

/** Whether an existing lock may be taken over: only a dead process of this computer, or an old unreadable file. */
function isStale(lockPath: string, owner: LockOwner | null, env: LockEnvironment): boolean {
  if (owner === null) {
    try {
      return env.now().getTime() - fs.statSync(lockPath).mtimeMs > UNREADABLE_GRACE_MS;
    } catch {
      return true;
    }
  }
  if (owner.host !== env.host) return false;
  // Our own pid but not in `held`: a crashed process's lock whose pid was reused by us.
  if (owner.pid === env.pid) return true;
  return !env.isAlive(owner.pid);
}

/** Removes a stale lock, unless it changed since it was judged (another opener took it over first). */
function removeStale(lockPath: string, judged: string | null): void {
  let now: string | null;
  try {
    now = fs.readFileSync(lockPath, 'utf8');
  } catch {
    return;
  }
  if (judged === null || now === judged) fs.rmSync(lockPath, { force: true });
}

function readRaw(lockPath: string): string | null {
  try {
    return fs.readFileSync(lockPath, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Takes the lock of a disclosure file for this process, or throws LOCKED naming who holds it
 * (READ_ONLY when the folder cannot hold a lock file).
 */
export function acquireLock(filePath: string, environment: Partial<LockEnvironment> = {}): FileLock {
  const env = { ...defaultLockEnvironment(), ...environment };
  const resolved = path.resolve(filePath);
  const lockPath = lockPathFor(resolved);
  if (held.has(lockPath)) throw lockedHere(resolved);

  const owner: LockOwner = { host: env.host, user: env.user, pid: env.pid, app: env.app, openedAt: env.now().toISOString() };
  const content = `${JSON.stringify(owner, null, 2)}\n`;
  try {
    // Two rounds: the second follows the removal of a stale lock.
    for (let round = 0; round < 2; round++) {
      if (tryCreate(lockPath, content)) return register(resolved, lockPath, owner, content);
      const raw = readRaw(lockPath);
      const existing = readOwner(lockPath);
      if (!isStale(lockPath, existing, env)) {
        throw existing ? lockedBy(existing, resolved, lockPath) : new AppError('LOCKED', `“${path.basename(resolved)}”正在被打开，请稍后重试。`);
      }
      removeStale(lockPath, raw);
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw lockFolderError(e, resolved);
  }
  const existing = readOwner(lockPath);
  throw existing ? lockedBy(existing, resolved, lockPath) : new AppError('LOCKED', `“${path.basename(resolved)}”正在被打开，请稍后重试。`);
}

function register(filePath: string, lockPath: string, owner: LockOwner, content: string): FileLock {
  let released = false;
  const lock: FileLock = {
    filePath,
    lockPath,
    owner,
    release() {
      if (released) return;
      released = true;
      held.delete(lockPath);
      // Only our own lock is removed: someone may have deleted a lock by hand and opened the file.
      if (readRaw(lockPath) === content) fs.rmSync(lockPath, { force: true });
    },
  };
  held.set(lockPath, lock);
  installExitHook();
  return lock;
}
