/**
 * Browser mode: the same backend as the desktop app, served over HTTP to a browser on this
 * computer, for machines where Electron cannot be installed (and for the renderer and e2e tests).
 *
 * Wire format (what the renderer's `window.api` shim in renderer/api/ speaks):
 *
 *   POST /api/<channel>                       e.g. POST /api/report.load
 *   Content-Type: application/json
 *   X-Disclosure-Token: <token>
 *   body: the request as JSON                 e.g. {"year":2023}
 *
 *   200  ApiResult JSON: {"ok":true,"value":…} or {"ok":false,"error":{"code":"…","message":"…"}}
 *   400  body is not JSON                      (ApiResult with INVALID_REQUEST)
 *   401  token missing or wrong
 *   403  Host or Origin is not this server     (DNS rebinding, other web sites)
 *   404  unknown channel
 *   405  not POST
 *   413  body larger than 1 MB
 *   415  Content-Type is not application/json
 *   Every refusal also carries an ApiResult with code INVALID_REQUEST and a Chinese message.
 *
 * The token: random per run, handed only to pages this server serves, by injecting
 * `<meta name="disclosure-token" content="…">` into index.html (a meta tag, not an inline script,
 * so the strict CSP needs no 'unsafe-inline' for scripts). The shim reads it with
 * `document.querySelector('meta[name="disclosure-token"]').content`. Other web sites cannot read
 * the page (same-origin policy; Host checked against DNS rebinding), so they cannot call the API.
 *
 * Security: bound to 127.0.0.1 only; every request's Host must be 127.0.0.1:<port> (or
 * localhost:<port>); a present Origin must be this server's; responses carry a strict CSP and
 * no-sniff/no-frame headers. The browser never sends a path: files are chosen by the backend in
 * the data folder (see host.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult, OpenFileInfo } from '../../../shared/contract/api';
import { isChannel } from '../../../shared/contract/api';
import { LIMITS } from '../../../shared/contract/validate';
import { type Backend, createBackend } from './backend';
import { CONTENT_SECURITY_POLICY, pageWithPolicy } from './csp';
import { DEMO_FIXTURE_NAME } from './demo';
import { type Log, logToStderr } from './dispatch';
import { openChromiumEngine } from '../export/pdf/chromium';
import { createWebHost, defaultDataFolder } from './host';
import { contentTypeOf, HTML_TYPE, staticPath } from './staticFiles';

export const TOKEN_HEADER = 'x-disclosure-token';
export const TOKEN_META = 'disclosure-token';
export const MAX_BODY_BYTES = 1024 * 1024;
/** Channels that carry an uploaded workbook (base64, LIMITS.workbookBytes at most) may send more. */
const UPLOAD_CHANNELS: ReadonlySet<string> = new Set(['import.tablesPreview', 'import.tablesApply']);
export const MAX_UPLOAD_BODY_BYTES = Math.ceil(LIMITS.workbookBytes / 3) * 4 + 64 * 1024;

function bodyLimit(channel: string): number {
  return UPLOAD_CHANNELS.has(channel) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
}
export { CONTENT_SECURITY_POLICY };


const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
export const REPOSITORY_DEMO_FIXTURE = path.join(REPO_ROOT, 'assets', 'demo', DEMO_FIXTURE_NAME);

export interface WebServerOptions {
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  /** Where files live (default `~/部门决算公开` or DISCLOSURE_DATA_DIR). */
  dataDir?: string;
  /** The built renderer (default `dist/renderer`). */
  rendererDir?: string;
  /** What to open at start: the demo file (default), a file, or nothing. */
  open?: 'demo' | { file: string } | null;
  log?: Log;
  version?: string;
  demoFixture?: string;
  /**
   * Development only: also accept Host/Origin 127.0.0.1:<devPort> (the renderer's Vite dev server,
   * which proxies /api here). The token is still required.
   */
  devPort?: number;
  /** Development and tests: a fixed token (at least 32 characters) instead of a random one. */
  token?: string;
}

export interface WebServer {
  /** `http://127.0.0.1:PORT/` — nothing secret in it. */
  url: string;
  port: number;
  token: string;
  dataDir: string;
  /** The file opened at start, if any. */
  opened: OpenFileInfo | null;
  backend: Backend;
  close(): Promise<void>;
}


const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>部门决算公开助手</title></head>
<body style="font-family:sans-serif;padding:2em">
<h1>界面尚未构建</h1>
<p>未找到 dist/renderer/index.html。请在项目目录运行 <code>npm run build:renderer</code> 后刷新本页（<code>npm run web</code> 会自动尝试构建）。</p>
</body></html>
`;

function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // Fall through: the version is for display only.
  }
  return '0.0.0';
}

function refusal(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'INVALID_REQUEST', message } };
}

/** Headers on every response. */
function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: http.OutgoingHttpHeaders = {}): void {
  const data = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, 'Cache-Control': 'no-store', ...extra });
  res.end(data);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  const data = Buffer.from(text, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': data.length });
  res.end(data);
}

const TOKEN_META_TAG = /<meta\s+name=["']disclosure-token["'][^>]*>/iu;

/** index.html with the token as a meta tag: fills the page's placeholder tag, or adds one after <head>. */
export function injectToken(html: string, token: string): string {
  const meta = `<meta name="${TOKEN_META}" content="${token}">`;
  if (TOKEN_META_TAG.test(html)) return html.replace(TOKEN_META_TAG, meta);
  const head = /<head(\s[^>]*)?>/iu.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}${meta}${html.slice(head.index + head[0].length)}`;
  return `${meta}${html}`;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

type Body = { ok: true; text: string } | { ok: false; tooLarge: boolean };

function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) {
      // Discard the rest so the client can finish sending and read the 413.
      req.resume();
      resolve({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
      done = true;
    });
    req.on('error', () => {
      if (!done) resolve({ ok: false, tooLarge: false });
      done = true;
    });
  });
}

interface ServerState {
  port: number;
  devPort: number | null;
  token: string;
  rendererDir: string;
  backend: Backend;
}

function allowedHosts(state: ServerState): string[] {
  const ports = state.devPort === null ? [state.port] : [state.port, state.devPort];
  return ports.flatMap((port) => [`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Host must name this server (DNS rebinding); a present Origin must be this server's. */
function fromThisServer(req: http.IncomingMessage, state: ServerState): boolean {
  const hosts = allowedHosts(state);
  if (!hosts.includes(String(req.headers.host ?? '').toLowerCase())) return false;
  const origin = req.headers.origin;
  return origin === undefined || hosts.some((h) => origin.toLowerCase() === `http://${h}`);
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, state: ServerState, channel: string): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, refusal('请求无效：接口只接受 POST。'), { Allow: 'POST' });
    return;
  }
  const token = req.headers[TOKEN_HEADER];
  if (typeof token !== 'string' || !tokensEqual(token, state.token)) {
    sendJson(res, 401, refusal('请求未获授权：请从本程序打开的页面访问（如已重启服务，请刷新页面）。'));
    return;
  }
  if (!isChannel(channel)) {
    sendJson(res, 404, refusal(`请求无效：未知的通道“${channel.slice(0, 60)}”。`));
    return;
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    sendJson(res, 415, refusal('请求无效：内容类型应为 application/json。'));
    return;
  }
  const limit = bodyLimit(channel);
  const body = await readBody(req, limit);
  if (!body.ok) {
    if (body.tooLarge) sendJson(res, 413, refusal(`请求内容过大（超过 ${Math.round(limit / 1024 / 1024)} MB）。`), { Connection: 'close' });
    else sendJson(res, 400, refusal('请求内容读取失败。'));
    return;
  }
  let request: unknown;
  try {
    request = JSON.parse(body.text);
  } catch {
    sendJson(res, 400, refusal('请求无效：内容不是有效的 JSON。'));
    return;
  }
  sendJson(res, 200, await state.backend.dispatch(channel, request));
}

function serveIndex(res: http.ServerResponse, state: ServerState, head: boolean): void {
  const indexPath = path.join(state.rendererDir, 'index.html');
  const html = injectToken(pageWithPolicy(fs.existsSync(indexPath) ? fs.readFileSync(indexPath, 'utf8') : NOT_BUILT_PAGE), state.token);
  const data = Buffer.from(html, 'utf8');
  res.writeHead(200, { 'Content-Type': HTML_TYPE, 'Content-Length': data.length, 'Cache-Control': 'no-store' });
  res.end(head ? undefined : data);
}

function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, state: ServerState, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendText(res, 405, '不支持的请求方法。');
    return;
  }
  const head = req.method === 'HEAD';
  const target = staticPath(state.rendererDir, pathname);
  if (target === null) {
    sendText(res, 404, '找不到该页面。');
    return;
  }
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    stat = null;
  }
  const isIndex = pathname === '/' || pathname === '/index.html' || stat?.isDirectory() === true;
  // Client-side routes (no file extension) get the page too.
  if (isIndex || (stat === null && path.extname(target) === '')) {
    serveIndex(res, state, head);
    return;
  }
  if (stat === null && pathname === '/favicon.ico') {
    // Browsers ask for it unprompted; no icon is not an error worth a console message.
    res.writeHead(204);
    res.end();
    return;
  }
  if (stat === null || !stat.isFile()) {
    sendText(res, 404, '找不到该文件。');
    return;
  }
  const type = contentTypeOf(target);
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': stat.size, 'Cache-Control': 'no-cache' });
  if (head) res.end();
  else fs.createReadStream(target).pipe(res);
}

function handler(state: ServerState, log: Log): http.RequestListener {
  return (req, res) => {
    securityHeaders(res);
    if (!fromThisServer(req, state)) {
      sendJson(res, 403, refusal('拒绝访问：只接受来自本机本程序页面的请求。'));
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const work = pathname.startsWith('/api/')
      ? handleApi(req, res, state, pathname.slice('/api/'.length))
      : Promise.resolve(handleStatic(req, res, state, pathname));
    work.catch((e: unknown) => {
      log(e instanceof Error ? (e.stack ?? e.message) : String(e));
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '程序内部错误，请重试。' } });
      else res.destroy();
    });
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      if (address !== null && typeof address === 'object') resolve(address.port);
      else reject(new Error(`Unexpected server address: ${String(address)}`));
    });
  });
}

/** Starts the browser-mode server on 127.0.0.1 and opens the demo file (or the given file). */
export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const dataDir = path.resolve(options.dataDir ?? defaultDataFolder());
  fs.mkdirSync(dataDir, { recursive: true });
  const log = options.log ?? logToStderr;
  const backend = createBackend({
    host: createWebHost(dataDir, openChromiumEngine),
    version: options.version ?? packageVersion(),
    recentStore: path.join(dataDir, '.recent.json'),
    demoFixture: options.demoFixture ?? REPOSITORY_DEMO_FIXTURE,
    log,
  });
  const open = options.open === undefined ? 'demo' : options.open;
  let opened: OpenFileInfo | null;
  try {
    opened = open === null ? null : open === 'demo' ? backend.openDemo() : backend.openPath(open.file);
  } catch (e) {
    backend.close();
    throw e;
  }

  if (options.token !== undefined && options.token.length < 32) {
    backend.close();
    throw new Error('The browser-mode token must be at least 32 characters long');
  }
  const state: ServerState = {
    port: 0,
    devPort: options.devPort ?? null,
    token: options.token ?? randomBytes(32).toString('base64url'),
    rendererDir: path.resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR),
    backend,
  };
  const server = http.createServer(handler(state, log));
  try {
    state.port = await listen(server, options.port ?? 0);
  } catch (e) {
    backend.close();
    throw e;
  }
  return {
    url: `http://127.0.0.1:${state.port}/`,
    port: state.port,
    token: state.token,
    dataDir,
    opened,
    backend,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        backend.close();
      }),
  };
}
