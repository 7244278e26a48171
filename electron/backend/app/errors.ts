/**
 * Errors of the application layer and their mapping to the Api's ApiError. Storage errors and
 * user errors come from lower layers; AppError carries the codes only this layer knows
 * (NO_FILE, LOCKED by another user, EXPORT_FAILED).
 */
import type { ApiError, ErrorCode } from '../../../shared/contract/api';
import { StorageError } from '../db';
import { UserError } from '../services/reports';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export const NO_FILE_MESSAGE = '当前没有打开的数据文件，请先新建或打开一个文件。';
export const INTERNAL_MESSAGE = '程序内部错误，操作未完成，已有数据不受影响。请重试；如问题反复出现，请联系技术支持。';

export function noFile(): AppError {
  return new AppError('NO_FILE', NO_FILE_MESSAGE);
}

/** Maps anything a handler threw to the error the renderer shows; unexpected errors are logged. */
export function toApiError(e: unknown, log: (message: string) => void): ApiError {
  if (e instanceof AppError) {
    // A failed render is a bug worth a stack trace; a failed write (errno set) is the user's disk.
    const cause = e.cause;
    if (e.code === 'EXPORT_FAILED' && cause instanceof Error && !('code' in cause)) log(cause.stack ?? cause.message);
    return { code: e.code, message: e.message };
  }
  if (e instanceof StorageError) return { code: e.code, message: e.message };
  if (e instanceof UserError) return { code: 'USER', message: e.message };
  log(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : `Non-error thrown: ${String(e)}`);
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE };
}
