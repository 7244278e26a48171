/** factsHash: SHA-256 (checked against node:crypto) of the canonical JSON of a year's typed facts. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, factsHash, shortHash } from '../../shared/domain/factsHash';
import { emptyItem, writeFact } from '../../shared/domain/model';
import { parseInterchange } from '../../shared/domain/interchange';
import { sha256OfText, utf8Bytes } from '../../shared/domain/sha256';
import { mulberry32 } from '../harness/random';
import { yangquan2024 } from '../harness/twoYears';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256', () => {
  it('matches node:crypto on the standard vectors and on random text (ASCII, Chinese, emoji, every length around the block size)', () => {
    expect(sha256OfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256OfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const rnd = mulberry32(7);
    const alphabet = ['a', 'Z', '0', ' ', '部', '门', '决', '算', '“', '’', '😀', '\n', '𠮷'];
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: n % 140 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      expect(sha256OfText(text), JSON.stringify(text)).toBe(nodeSha(text));
    }
    expect(Buffer.from(utf8Bytes('部门😀')).equals(Buffer.from('部门😀', 'utf8'))).toBe(true);
  });
});

describe('factsHash', () => {
  it('is the SHA-256 of canonical JSON: sorted keys, no whitespace, integers', () => {
    expect(canonicalJson({ b: 1, a: [2, 'x', null, true], c: { z: 0, y: '部' } })).toBe('{"a":[2,"x",null,true],"b":1,"c":{"y":"部","z":0}}');
    expect(() => canonicalJson(1.5)).toThrow();
    const report = yangquan2024().report;
    expect(factsHash(report)).toMatch(/^[0-9a-f]{64}$/u);
    expect(shortHash('0123456789abcdef0123')).toBe('0123 4567 89ab cdef');
  });

  it('does not depend on the order facts were typed or stored in, nor on what prints nowhere', () => {
    const a = yangquan2024().report;
    const b = structuredClone(a);
    b.items.reverse();
    b.texts = Object.fromEntries(Object.entries(b.texts).reverse());
    b.prior = Object.fromEntries(Object.entries(b.prior).reverse());
    b.items.push(emptyItem('2011350')); // a 项 row with no figure
    b.texts['n10.4.2.extra'] = ''; // an empty text
    b.economic['30299'] = b.economic['30299'] ?? 0;
    expect(factsHash(b)).toBe(factsHash(a));
  });

  it('changes with any typed figure, text, setting, or a last-year figure typed as 0', () => {
    const base = yangquan2024().report;
    const h = factsHash(base);
    const variants = [
      (r: typeof base) => writeFact(r, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, r.items.find((i) => i.code === '2011301')!.expenditure.basic + 1),
      (r: typeof base) => writeFact(r, { kind: 'count', field: 'performanceFair' }, 0), // not typed before: a typed 0 differs
      (r: typeof base) => writeFact(r, { kind: 'prior', key: 'general/299' }, 0),
      (r: typeof base) => void (r.texts['n1.reason'] = `${r.texts['n1.reason'] ?? ''}。`),
      (r: typeof base) => void (r.settings.tableGrouping = !r.settings.tableGrouping),
      (r: typeof base) => void (r.edition = 2023),
    ];
    const seen = new Set([h]);
    for (const change of variants) {
      const r = structuredClone(base);
      change(r);
      const changed = factsHash(r);
      expect(seen.has(changed)).toBe(false);
      seen.add(changed);
    }
  });
});

describe('factsHash of years published before fields were added', () => {
  // The hashes both seed fixtures had before 国有资本经营 carry-overs by 项 and 上海's facts
  // (预留项目, 绩效目标/跟踪, 平均分) existed (commit 1284750): a year 定稿 then must keep its hash.
  it.each([
    ['jincheng-2023.json', 'dd829dc846e0d5d4b17e0a941a7088bf7a9f5b9e800fbf6202930d35bdb80643'],
    ['yangquan-2024.json', '0451d79ae095b8abbba47104875b21b82a6786119ae21d241028819d7ccf4496'],
  ])('%s keeps %s', (name, hash) => {
    const parsed = parseInterchange(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
    expect(factsHash(parsed.value.report)).toBe(hash);
    // A carry-over by 项, once typed, is part of the hash.
    const report = parsed.value.report;
    const item = { ...report.items[0]!, stateCapitalItemOpening: 100 };
    expect(factsHash({ ...report, items: [item, ...report.items.slice(1)] })).not.toBe(hash);
  });
});
