/** The facts' content hash: SHA-256 (against node:crypto), canonical JSON, what changes the hash and what does not. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, FACTS_HASH_FORMAT, factsContentHash, type YearFacts } from '../../shared/domain/contentHash';
import { sha256Hex } from '../../shared/domain/sha256';
import { loadFixture } from '../harness/samplePackage';
import { mulberry32 } from '../harness/random';

const nodeSha = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The same value with every object's keys in reverse order (what another storage order gives). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]));
  return value;
}

function facts(): YearFacts {
  const { department, report, customCodes } = loadFixture('jincheng-2023.json');
  return { department, report, customCodes };
}

describe('sha256Hex', () => {
  it('equals node:crypto for every length around the block boundaries, text and bytes', () => {
    const random = mulberry32(13);
    for (let n = 0; n <= 300; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
      expect(sha256Hex(bytes), `${n} bytes`).toBe(nodeSha(bytes));
    }
    for (const text of ['', 'abc', '晋城市商务局2023年度部门决算公开', '“三公”经费 2,384.38万元'.repeat(40)]) expect(sha256Hex(text)).toBe(nodeSha(text));
    // FIPS 180-4's example.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops undefined members and refuses what JSON cannot hold exactly', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: '分' }], e: undefined })).toBe('{"a":[3,{"c":"分","d":null}],"b":1}');
    expect(canonicalJson(reversedKeys({ b: 1, a: { y: 2, x: 1 } }))).toBe(canonicalJson({ a: { x: 1, y: 2 }, b: 1 }));
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: () => 1 })).toThrow();
  });
});

describe('factsContentHash', () => {
  it('is 64 hex digits: SHA-256 of the canonical facts, format named inside', () => {
    const f = facts();
    const hash = factsContentHash(f);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const canonical = canonicalJson({ format: FACTS_HASH_FORMAT, department: f.department, customCodes: f.customCodes, report: f.report });
    expect(hash).toBe(nodeSha(canonical));
  });

  it('does not depend on the order facts are stored in', () => {
    const f = facts();
    // Through JSON, as another storage would hand the facts back: keys and 项 rows in another order.
    const shuffled: YearFacts = JSON.parse(JSON.stringify(reversedKeys({ ...f, customCodes: [...f.customCodes].reverse(), report: { ...f.report, items: [...f.report.items].reverse() } })));
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(f));
    expect(f.report.items.length).toBeGreaterThan(5);
    expect(factsContentHash(shuffled)).toBe(factsContentHash(f));
  });

  it('changes with any typed figure, text, setting, 下属单位 or the department name', () => {
    const base = factsContentHash(facts());
    const changed = (change: (f: YearFacts) => void) => {
      const f = structuredClone(facts());
      change(f);
      return factsContentHash(f);
    };
    const hashes = [
      changed((f) => (f.report.items[0]!.income.generalBudget += 1)),
      changed((f) => (f.report.texts['n1.reason'] = '减少了消费券资金。')),
      changed((f) => (f.report.settings.tableGrouping = !f.report.settings.tableGrouping)),
      changed((f) => (f.department.name = `${f.department.name}（新）`)),
      changed((f) => f.department.subordinateUnits.reverse()),
      changed((f) => (f.report.threePublic.actual.reception += 100)),
    ];
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
