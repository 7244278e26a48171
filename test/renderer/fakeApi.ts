/** A fake Api for the store tests: a handler per channel, and a log of every call. */
import type { Api, ApiResult, Channel, RequestOf, ResponseOf } from '../../shared/contract/api';

export type Handlers = { [C in Channel]?: (request: RequestOf<C>) => ApiResult<ResponseOf<C>> | Promise<ApiResult<ResponseOf<C>>> };

export interface FakeApi extends Api {
  calls: { channel: Channel; request: unknown }[];
  handlers: Handlers;
}

export function fakeApi(handlers: Handlers): FakeApi {
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    handlers,
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>> {
      calls.push({ channel, request });
      const handler = handlers[channel];
      if (!handler) return { ok: false, error: { code: 'INTERNAL', message: `未实现：${channel}` } };
      return handler(request);
    },
  };
}

export function ok<T>(value: T): ApiResult<T> {
  return { ok: true, value };
}
