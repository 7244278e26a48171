/** Browser mode over real HTTP: token, Host/Origin checks, the Api, static files with the CSP. */
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult, Channel, RequestOf, ResponseOf } from '../../shared/contract/api';
import { DEMO_FILE_NAME } from '../../electron/backend/app/demo';
import { CONTENT_SECURITY_POLICY, injectToken, MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES, startWebServer, type WebServer } from '../../electron/backend/app/webServer';
import { tempFolder } from './app-helpers';

let server: WebServer;
let dataDir: string;
const logs: string[] = [];

beforeAll(async () => {
  const root = tempFolder('disclosure-web-');
  dataDir = join(root, 'data');
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/assets/app.js"></script></body></html>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  server = await startWebServer({ port: 0, dataDir, rendererDir, open: null, log: (m) => logs.push(m) });
});

afterAll(async () => {
  await server.close();
});

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so Host and Origin can be anything. */
function request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Content-Type': 'application/json', 'X-Disclosure-Token': server.token, Host: `127.0.0.1:${server.port}`, ...extra };
}

async function call<C extends Channel>(channel: C, body: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>> {
  const res = await fetch(`${server.url}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Disclosure-Token': server.token },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  // The wire carries the channel's ApiResult (what the renderer's shim trusts too).
  const result: ApiResult<ResponseOf<C>> = await res.json();
  return result;
}

async function value<C extends Channel>(channel: C, body: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await call(channel, body);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 with nothing secret in the URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    expect(server.url).not.toContain(server.token);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('answers app.info, opens the demo file and loads 2023', async () => {
    expect(await value('app.info', {})).toMatchObject({ mode: 'web', dataFolder: dataDir });
    const opened = await value('file.openDemo', {});
    expect(opened).toMatchObject({ name: DEMO_FILE_NAME, years: [2023], department: { name: '晋城市商务局' } });
    const loaded = await value('report.load', { year: 2023 });
    expect(loaded.report.year).toBe(2023);
    expect(loaded.report.items.find((i) => i.code === '2011301')?.expenditure.basic).toBe(753_319_900);
  });

  it('writes a fact that the next load sees', async () => {
    const ref = { kind: 'threePublic', side: 'actual', item: 'reception' } as const;
    expect(await value('report.writeFact', { year: 2023, ref, value: 4_200 })).toBeNull();
    const loaded = await value('report.load', { year: 2023 });
    expect(loaded.report.threePublic.actual.reception).toBe(4_200);
    const list = await value('file.list', {});
    expect(list.map((e) => e.name)).toContain(DEMO_FILE_NAME);
  });

  it('answers a malformed request with INVALID_REQUEST', async () => {
    const res = await request('POST', '/api/report.load', apiHeaders(), JSON.stringify({ year: '2023' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const notJson = await request('POST', '/api/report.load', apiHeaders(), '{year:');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses calls without the token or with a wrong one (401)', async () => {
    const without = await request('POST', '/api/app.info', { 'Content-Type': 'application/json' }, '{}');
    expect(without.status).toBe(401);
    const wrong = await request('POST', '/api/app.info', apiHeaders({ 'X-Disclosure-Token': `${server.token.slice(0, -1)}x` }), '{}');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses a foreign Host (DNS rebinding) or Origin (403), for pages too', async () => {
    expect((await request('POST', '/api/app.info', apiHeaders({ Host: `evil.example:${server.port}` }), '{}')).status).toBe(403);
    expect((await request('GET', '/', { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await request('GET', '/', { Host: '127.0.0.1:1' })).status).toBe(403);
    expect((await request('POST', '/api/app.info', apiHeaders({ Origin: 'http://evil.example' }), '{}')).status).toBe(403);
    const sameOrigin = await request('POST', '/api/app.info', apiHeaders({ Origin: `http://127.0.0.1:${server.port}` }), '{}');
    expect(sameOrigin.status).toBe(200);
  });

  it('answers unknown channels 404, other methods 405, other types 415, large bodies 413', async () => {
    expect((await request('POST', '/api/fs.read', apiHeaders(), '{}')).status).toBe(404);
    expect((await request('GET', '/api/app.info', apiHeaders())).status).toBe(405);
    expect((await request('POST', '/api/app.info', apiHeaders({ 'Content-Type': 'text/plain' }), '{}')).status).toBe(415);
    const big = JSON.stringify({ year: 2023, key: 'k', value: 'x'.repeat(MAX_BODY_BYTES) });
    // Streamed (chunked) and declared up front.
    expect((await request('POST', '/api/report.writeText', apiHeaders(), big)).status).toBe(413);
    const declared = apiHeaders({ 'Content-Length': String(Buffer.byteLength(big)) });
    expect((await request('POST', '/api/report.writeText', declared, big)).status).toBe(413);
  });

  it('lets a workbook upload carry more than 1 MB, up to its own limit', async () => {
    // 1.5 MB of base64 reaches the handler (which finds no open file); past the upload limit: 413.
    const upload = JSON.stringify({ year: 2023, fileName: 'a.xlsx', data: 'A'.repeat(1_500_000) });
    const reached = await request('POST', '/api/import.tablesPreview', apiHeaders(), upload);
    expect(reached.status).toBe(200);
    expect(JSON.parse(reached.body)).toMatchObject({ ok: false, error: { code: 'USER' } });
    const tooBig = JSON.stringify({ year: 2023, fileName: 'a.xlsx', data: 'A'.repeat(MAX_UPLOAD_BODY_BYTES) });
    expect((await request('POST', '/api/import.tablesPreview', apiHeaders(), tooBig)).status).toBe(413);
  });

  it('serves the page with the token injected, and static files, with the CSP header', async () => {
    const page = await request('GET', '/', { Host: `127.0.0.1:${server.port}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(`<meta name="disclosure-token" content="${server.token}">`);

    const script = await fetch(`${server.url}assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await script.text()).toBe('console.log("app");');

    // Client-side routes get the page; missing assets and paths outside the folder do not.
    expect((await fetch(`${server.url}report/2023`)).status).toBe(200);
    expect((await fetch(`${server.url}assets/missing.js`)).status).toBe(404);
    expect((await request('GET', '/..%2fsecret.txt', { Host: `127.0.0.1:${server.port}` })).status).toBe(404);
    expect((await request('GET', '/%2e%2e/secret.txt', { Host: `127.0.0.1:${server.port}` })).status).toBe(404);
  });

  it('fills the token placeholder of the page, or adds the tag after <head>', () => {
    expect(injectToken('<head><meta charset="utf-8" /><meta name="disclosure-token" content="" /></head>', 'T')).toBe(
      '<head><meta charset="utf-8" /><meta name="disclosure-token" content="T"></head>',
    );
    expect(injectToken('<html><head lang="x"><title>a</title></head></html>', 'T')).toBe(
      '<html><head lang="x"><meta name="disclosure-token" content="T"><title>a</title></head></html>',
    );
  });

  it('opens the demo file at start by default and says when the renderer is not built', async () => {
    const other = await startWebServer({ dataDir: tempFolder('disclosure-web2-'), rendererDir: join(tempFolder(), 'none') });
    try {
      expect(other.opened?.name).toBe(DEMO_FILE_NAME);
      const page = await fetch(other.url);
      expect(await page.text()).toContain('npm run build:renderer');
      const current = await fetch(`${other.url}api/file.current`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Disclosure-Token': other.token },
        body: '{}',
      });
      expect(await current.json()).toMatchObject({ ok: true, value: { name: DEMO_FILE_NAME } });
      // Its token is its own.
      const foreign = await fetch(`${other.url}api/app.info`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Disclosure-Token': server.token },
        body: '{}',
      });
      expect(foreign.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('accepts the renderer dev server only when asked to, still with the token', async () => {
    const token = 'd'.repeat(40);
    const dev = await startWebServer({ dataDir: tempFolder('disclosure-web3-'), rendererDir: join(tempFolder(), 'none'), open: null, devPort: 5174, token });
    try {
      const post = (headers: Record<string, string>) =>
        new Promise<number>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port: dev.port, method: 'POST', path: '/api/app.info', headers }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end('{}');
        });
      const base = { 'Content-Type': 'application/json', Host: '127.0.0.1:5174', Origin: 'http://localhost:5174' };
      expect(await post({ ...base, 'X-Disclosure-Token': token })).toBe(200);
      expect(await post(base)).toBe(401);
      expect(await post({ ...base, Host: '127.0.0.1:5175', 'X-Disclosure-Token': token })).toBe(403);
    } finally {
      await dev.close();
    }
    // Without devPort (the server above), the dev server's Host is refused.
    expect((await request('POST', '/api/app.info', apiHeaders({ Host: '127.0.0.1:5174' }), '{}')).status).toBe(403);
    await expect(startWebServer({ dataDir: tempFolder(), open: null, token: 'short' })).rejects.toThrow('at least 32');
  });

  it('logged nothing unexpected', () => {
    expect(logs).toEqual([]);
  });
});
