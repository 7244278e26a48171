/**
 * The app page comes from a custom privileged scheme, `disclosure://app/…`, instead of `file://`:
 * a standard, secure origin of its own, so the strict CSP travels as a response header (and in the
 * page), the page cannot read arbitrary local files, and the api channel can check the origin of
 * the frame that calls it. Files are served only from the built renderer folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY, pageWithPolicy } from '../backend/app/csp';
import { contentTypeOf, HTML_TYPE, staticPath } from '../backend/app/staticFiles';

export const APP_SCHEME = 'disclosure';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Declares the scheme; Electron requires this before the app is ready. Standard and secure give it
 * an origin like https; fetch and CORS handling let the page load its module scripts from it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
  ]);
}

const NOT_BUILT_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>部门决算公开助手</title></head>' +
  '<body style="font-family:sans-serif;padding:2em"><h1>界面尚未构建</h1>' +
  '<p>未找到 dist/renderer/index.html，请在项目目录运行 <code>npm run build:renderer</code> 后重新启动。</p></body></html>';

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function respond(status: number, type: string, body: Buffer | string): AppResponse {
  return {
    status,
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': type === HTML_TYPE ? 'no-store' : 'no-cache',
    },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  };
}

function page(file: string): AppResponse {
  const html = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : NOT_BUILT_PAGE;
  return respond(200, HTML_TYPE, pageWithPolicy(html));
}

/** What the scheme answers for a request (pure, so it is tested without Electron). */
export function appResponse(method: string, url: string, rendererDir: string): AppResponse {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return respond(400, 'text/plain; charset=utf-8', '请求无效。');
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return respond(404, 'text/plain; charset=utf-8', '找不到该页面。');
  if (method !== 'GET' && method !== 'HEAD') return respond(405, 'text/plain; charset=utf-8', '不支持的请求方法。');
  const root = path.resolve(rendererDir);
  const target = staticPath(root, parsed.pathname);
  if (target === null) return respond(404, 'text/plain; charset=utf-8', '找不到该文件。');
  if (target === root || parsed.pathname === '/index.html') return page(path.join(root, 'index.html'));
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat?.isFile()) return respond(404, 'text/plain; charset=utf-8', '找不到该文件。');
  return respond(200, contentTypeOf(target), fs.readFileSync(target));
}

/** Serves the scheme from the renderer folder in this session. */
export function serveApp(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, (request) => {
    const r = appResponse(request.method, request.url, rendererDir);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(r.body), { status: r.status, headers: r.headers });
  });
}

/** Whether a frame URL is the app's own page (query and hash ignored). */
export function isAppPage(frameUrl: string): boolean {
  try {
    const url = new URL(frameUrl);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && (url.pathname === '/index.html' || url.pathname === '/');
  } catch {
    return false;
  }
}
