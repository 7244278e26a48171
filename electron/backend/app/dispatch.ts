/**
 * The single entry for untrusted calls (IPC in Electron, HTTP in browser mode): validate the
 * request against the contract, run the channel's handler, and always answer with an ApiResult —
 * never a thrown error, never a stack trace. Unexpected errors are logged and reported as INTERNAL.
 */
import { type Api, type ApiResult, type Channel, isChannel, type RequestOf, type ResponseOf } from '../../../shared/contract/api';
import { validateFor, validateRequest } from '../../../shared/contract/validate';
import { toApiError } from './errors';
import type { Handlers } from './handlers';

export type Log = (message: string) => void;

/** For untrusted input: any channel, any request. */
export type Dispatch = (channel: unknown, request: unknown) => Promise<ApiResult<unknown>>;

export const logToStderr: Log = (message) => {
  process.stderr.write(`[disclosure] ${message}\n`);
};

export interface Dispatcher {
  dispatch: Dispatch;
  /** The same, typed for callers in this process (tests, the desktop shell's own calls). */
  api: Api;
}

export function createDispatcher(handlers: Handlers, log: Log = logToStderr): Dispatcher {
  async function run<C extends Channel>(channel: C, raw: unknown): Promise<ApiResult<ResponseOf<C>>> {
    const checked = validateFor(channel, raw);
    if (!checked.ok) return checked;
    const handler: (request: RequestOf<C>) => Promise<ResponseOf<C>> = handlers[channel];
    try {
      return { ok: true, value: await handler(checked.request) };
    } catch (e) {
      return { ok: false, error: toApiError(e, log) };
    }
  }

  return {
    dispatch: async (channel, request) => {
      if (isChannel(channel)) return run(channel, request);
      // Not a channel: validateRequest words the refusal.
      const refused = validateRequest(channel, request);
      return refused.ok ? { ok: false, error: { code: 'INVALID_REQUEST', message: '请求无效。' } } : refused;
    },
    api: { invoke: (channel, request) => run(channel, request) },
  };
}
