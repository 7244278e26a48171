/**
 * The Api client: the one way the renderer talks to the backend.
 *
 * - In the desktop app the Electron preload installs `window.api` (invoke over IPC, and
 *   optionally `onMenu` for the application menu's commands).
 * - In browser mode (and the headless-Chromium tests) there is no preload: the client POSTs
 *   to `/api/<channel>` on the server that served index.html, authenticated by the token the
 *   server wrote into `<meta name="disclosure-token" content="…">`.
 *
 * Wire format of the browser shim: POST /api/<channel>, Content-Type application/json,
 * body = the request JSON, response = an ApiResult JSON (`{ ok, value }` or `{ ok, error }`).
 */
import type { Api, ApiResult, Channel, RequestOf, ResponseOf } from '../../shared/contract/api';
import type { DesktopApi } from '../../shared/contract/menu';

/**
 * What the preload may install: the Api plus, in the desktop app, the menu subscription
 * (shared/contract/menu.ts). `onMenu` is optional here: browser mode has no menu.
 */
export type WindowApi = Api & Partial<Pick<DesktopApi, 'onMenu'>>;

function isWindowApi(value: unknown): value is WindowApi {
  return typeof value === 'object' && value !== null && 'invoke' in value && typeof value.invoke === 'function';
}

/** The `window.api` the Electron preload installed, or null in a plain browser. */
export function installedApi(scope: object = globalThis): WindowApi | null {
  const candidate: unknown = Reflect.get(scope, 'api');
  return isWindowApi(candidate) ? candidate : null;
}

/** The name of the meta tag the web server fills with the session token. */
export const TOKEN_META_NAME = 'disclosure-token';
export const TOKEN_HEADER = 'X-Disclosure-Token';

/** The part of `document` the token is read from. */
export interface TokenSource {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

/** Reads the token the server injected into index.html ('' when absent). */
export function readToken(doc: TokenSource | undefined = globalThis.document): string {
  const meta = doc?.querySelector(`meta[name="${TOKEN_META_NAME}"]`);
  return meta?.getAttribute('content') ?? '';
}

function isApiResult<T>(value: unknown): value is ApiResult<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string';
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; keepalive?: boolean }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** Channels that change the file: sent with `keepalive` so a reload does not cut them off. */
const WRITE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['report.writeBatch', 'report.writeFact', 'report.writeText', 'report.updateSettings']);
const KEEPALIVE_LIMIT = 60_000;

/** The browser-mode Api: one POST per call. Never throws; network failures become ApiErrors. */
export function browserApi(fetchImpl: FetchLike, token: string, base = ''): Api {
  return {
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>> {
      let body: string;
      try {
        const payload = JSON.stringify(request);
        const response = await fetchImpl(`${base}/api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
          body: payload,
          // A write started as the page unloads (reload, closing the tab) must still arrive.
          // Browsers cap keepalive bodies at 64 KB; larger batches are only sent while the page lives.
          ...(WRITE_CHANNELS.has(channel) && payload.length < KEEPALIVE_LIMIT ? { keepalive: true } : {}),
        });
        body = await response.text();
        let parsed: unknown;
        try {
          parsed = JSON.parse(body);
        } catch {
          return failure(`本机服务返回了无法识别的内容（HTTP ${response.status}），请重新启动程序后再试。`);
        }
        if (isApiResult<ResponseOf<C>>(parsed)) return parsed;
        return failure(`本机服务返回了无法识别的内容（HTTP ${response.status}），请重新启动程序后再试。`);
      } catch (e) {
        return failure(`无法连接到本机服务，请确认程序仍在运行。（${e instanceof Error ? e.message : String(e)}）`);
      }
    },
  };
}

function failure<T>(message: string): ApiResult<T> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

let resolved: WindowApi | null = null;

/** The Api of this window: the preload's when present, otherwise the browser shim. */
export function getApi(): WindowApi {
  if (resolved) return resolved;
  const installed = installedApi();
  if (installed) {
    resolved = installed;
  } else {
    const fetchImpl: FetchLike = (url, init) => fetch(url, init);
    resolved = browserApi(fetchImpl, readToken());
  }
  return resolved;
}
