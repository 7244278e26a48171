import { describe, expect, it } from 'vitest';
import { browserApi, type FetchLike, installedApi, readToken } from '../../renderer/api/client';

describe('browser Api shim', () => {
  it('POSTs the request to /api/<channel> with the token header', async () => {
    const seen: { url: string; headers: Record<string, string>; body: string }[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      seen.push({ url, headers: init.headers, body: init.body });
      return { status: 200, text: async () => JSON.stringify({ ok: true, value: null }) };
    };
    const api = browserApi(fetchImpl, 'secret');
    const result = await api.invoke('report.writeText', { year: 2023, key: 'n1.reason', value: '原因' });
    expect(result).toEqual({ ok: true, value: null });
    expect(seen[0]!.url).toBe('/api/report.writeText');
    expect(seen[0]!.headers['X-Disclosure-Token']).toBe('secret');
    expect(seen[0]!.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ year: 2023, key: 'n1.reason', value: '原因' });
  });

  it('passes ApiErrors through and turns failures into Chinese messages', async () => {
    const refused = browserApi(async () => ({ status: 200, text: async () => JSON.stringify({ ok: false, error: { code: 'USER', message: '年度不存在' } }) }), '');
    expect(await refused.invoke('report.load', { year: 1999 })).toEqual({ ok: false, error: { code: 'USER', message: '年度不存在' } });
    const garbage = browserApi(async () => ({ status: 403, text: async () => 'Forbidden' }), '');
    const g = await garbage.invoke('file.recent', {});
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.error.message).toContain('HTTP 403');
    const down = browserApi(async () => {
      throw new Error('connection refused');
    }, '');
    const d = await down.invoke('file.recent', {});
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.message).toContain('无法连接到本机服务');
  });

  it('reads the token from the meta tag', () => {
    const doc = { querySelector: (s: string) => (s === 'meta[name="disclosure-token"]' ? { getAttribute: () => 'abc' } : null) };
    expect(readToken(doc)).toBe('abc');
    expect(readToken({ querySelector: () => null })).toBe('');
  });

  it('prefers an installed window.api', () => {
    const api = { invoke: async () => ({ ok: true, value: null }) };
    expect(installedApi({ api })).toBe(api);
    expect(installedApi({})).toBeNull();
  });
});
