/**
 * Storage errors: one class with a small set of codes the UI can act on, each with a message
 * in Simplified Chinese a finance officer can read. SQLite and file-system failures are mapped
 * here, in one place, so no other module inspects raw error codes.
 */
import Database from 'better-sqlite3';
import { MoneyError } from '../../../shared/domain/money';

export const STORAGE_ERROR_CODES = [
  'NOT_OUR_FILE', // not a disclosure file (text, image, another program's database)
  'DAMAGED', // one of ours, but damaged or truncated
  'NEWER_VERSION', // written by a newer version of the app
  'LOCKED', // busy: another program or window holds the file
  'READ_ONLY', // the file or the connection cannot be written
  'DISK_FULL', // no space left; the change was rolled back
  'NOT_FOUND', // no such file, folder or report year
  'INVALID', // a value or request the storage refuses
] as const;
export type StorageErrorCode = (typeof STORAGE_ERROR_CODES)[number];

/** Default messages; callers pass a more specific one when they know more. */
export const STORAGE_ERROR_MESSAGES: Record<StorageErrorCode, string> = {
  NOT_OUR_FILE: '这不是本程序的决算数据文件，无法打开。文件未被修改。',
  DAMAGED: '数据文件已损坏，无法读取。文件未被修改，可尝试打开同一文件夹中的备份文件（文件名含“.bak-”）。',
  NEWER_VERSION: '此文件由更新版本的本程序创建，当前版本无法打开。为保护数据，文件未被修改，请升级本程序后再打开。',
  LOCKED: '数据文件正被其他程序或另一个窗口使用，请关闭后重试。本次修改未保存。',
  READ_ONLY: '数据文件是只读的，无法保存修改。请检查文件权限，或另存到可写的位置。',
  DISK_FULL: '磁盘空间不足，本次修改未保存，已有数据不受影响。请清理磁盘空间后重试。',
  NOT_FOUND: '找不到要打开的文件或数据。',
  INVALID: '数据无效，本次修改未保存。',
};

export class StorageError extends Error {
  readonly code: StorageErrorCode;

  constructor(code: StorageErrorCode, message: string = STORAGE_ERROR_MESSAGES[code], options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

export function isStorageError(e: unknown, code?: StorageErrorCode): e is StorageError {
  return e instanceof StorageError && (code === undefined || e.code === code);
}

/** Maps a SQLite result code (`SQLITE_BUSY_SNAPSHOT`, …) to a storage code by its primary part. */
function sqliteCode(code: string): StorageErrorCode | null {
  const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
  switch (primary) {
    case 'SQLITE_FULL':
      return 'DISK_FULL';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
    // I/O errors are mostly transient on desktops (antivirus, a USB stick or network drive
    // going away); "try again later" is the useful advice, which is what LOCKED says.
    case 'SQLITE_IOERR':
      return 'LOCKED';
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return 'READ_ONLY';
    case 'SQLITE_NOTADB':
      return 'NOT_OUR_FILE';
    case 'SQLITE_CORRUPT':
    case 'SQLITE_FORMAT':
      return 'DAMAGED';
    case 'SQLITE_CANTOPEN':
      return 'NOT_FOUND';
    case 'SQLITE_CONSTRAINT':
    case 'SQLITE_MISMATCH':
    case 'SQLITE_TOOBIG':
    case 'SQLITE_RANGE':
      return 'INVALID';
    default:
      return null;
  }
}

const SQLITE_MESSAGES: Partial<Record<StorageErrorCode, string>> = {
  LOCKED: '数据文件暂时无法读写（可能正被其他程序、杀毒软件占用，或U盘、网络盘已断开），本次修改未保存，请稍后重试。',
  NOT_FOUND: '无法打开数据文件，请确认文件存在且有访问权限。',
  INVALID: '数据不符合要求，本次修改未保存，已有数据不受影响。',
};

/** Node file-system error codes (ENOENT, …) to storage codes. */
const ERRNO_CODES: Record<string, StorageErrorCode> = {
  ENOENT: 'NOT_FOUND',
  ENOTDIR: 'NOT_FOUND',
  EACCES: 'READ_ONLY',
  EPERM: 'READ_ONLY',
  EROFS: 'READ_ONLY',
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EBUSY: 'LOCKED',
  EISDIR: 'NOT_OUR_FILE',
};

function errnoCode(e: Error): string | undefined {
  return 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

/**
 * Turns anything thrown by SQLite, the file system or the money guards into a StorageError.
 * A StorageError passes through unchanged; the original error is kept as `cause`.
 */
export function toStorageError(e: unknown): StorageError {
  if (e instanceof StorageError) return e;
  if (e instanceof MoneyError) return new StorageError('INVALID', e.message, { cause: e });
  if (e instanceof Database.SqliteError) {
    const code = sqliteCode(e.code) ?? 'INVALID';
    const message = SQLITE_MESSAGES[code] ?? STORAGE_ERROR_MESSAGES[code];
    return new StorageError(code, message, { cause: e });
  }
  if (e instanceof Error) {
    const errno = errnoCode(e);
    const code = errno === undefined ? undefined : ERRNO_CODES[errno];
    if (code) return new StorageError(code, STORAGE_ERROR_MESSAGES[code], { cause: e });
    return new StorageError('INVALID', `数据操作未能完成：${e.message}`, { cause: e });
  }
  return new StorageError('INVALID', `数据操作未能完成：${String(e)}`, { cause: e });
}

/** Runs `fn`, rethrowing any failure as a StorageError. */
export function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw toStorageError(e);
  }
}
