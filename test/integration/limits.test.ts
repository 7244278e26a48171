/**
 * One set of limits (shared/domain/limits.ts): the Api validators, the interchange reader and the
 * storage layer accept exactly the same texts and counts — each at the limit, none beyond it.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFor } from '../../shared/contract/validate';
import { parseInterchange } from '../../shared/domain/interchange';
import { LIMITS } from '../../shared/domain/limits';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile, StorageError } from '../../electron/backend/db';

const FIXTURE = new URL('../fixtures/jincheng-2023.json', import.meta.url);

type Doc = Record<string, unknown>;

function fixture(): Doc {
  const value: unknown = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  if (typeof value !== 'object' || value === null) throw new Error('fixture');
  return { ...value };
}

/** Runs `fn` against a fresh file holding seed 000; true when the storage accepted it. */
function storageAccepts(fn: (repo: DisclosureRepository) => void): boolean {
  const file = openDisclosureFile(join(mkdtempSync(join(tmpdir(), 'disclosure-limits-')), 'a.jsgk'), { create: true });
  const repo = new DisclosureRepository(file.db);
  repo.setDepartment({ name: '某局', unitKind: '行政单位', subordinateUnits: [] });
  repo.createReport(2023, 2023);
  try {
    fn(repo);
    return true;
  } catch (e) {
    if (e instanceof StorageError && e.code === 'INVALID') return false;
    throw e;
  } finally {
    closeDisclosureFile(file);
  }
}

function importAccepts(change: (doc: Doc) => void): boolean {
  const doc = fixture();
  change(doc);
  return parseInterchange(doc).ok;
}

/** A department, with one 下属单位 of the given name when there is one. */
const department = (name: string, unit?: string) => ({ name, unitKind: '行政单位' as const, subordinateUnits: unit === undefined ? [] : [{ name: unit, note: '' }] });

interface Case {
  what: string;
  api: (value: string) => boolean;
  import: (value: string) => boolean;
  storage: (value: string) => boolean;
}

const TEXT_CASES: [Case, number][] = [
  [
    {
      what: '部门名称',
      api: (v) => validateFor('department.update', { department: department(v) }).ok,
      import: (v) => importAccepts((d) => (d.department = department(v))),
      storage: (v) => storageAccepts((repo) => repo.setDepartment(department(v))),
    },
    LIMITS.nameLength,
  ],
  [
    {
      what: '下属单位名称',
      api: (v) => validateFor('department.update', { department: department('某局', v) }).ok,
      import: (v) => importAccepts((d) => (d.department = department('晋城市商务局', v))),
      storage: (v) => storageAccepts((repo) => repo.setDepartment(department('某局', v))),
    },
    LIMITS.nameLength,
  ],
  [
    {
      what: '文字内容',
      api: (v) => validateFor('report.writeText', { year: 2023, key: 'overview.x', value: v }).ok,
      import: (v) => importAccepts((d) => (d.texts = { 'overview.x': v })),
      storage: (v) => storageAccepts((repo) => repo.writeText(2023, 'overview.x', v)),
    },
    LIMITS.textLength,
  ],
  [
    {
      what: '文字字段名',
      api: (v) => validateFor('report.writeText', { year: 2023, key: v, value: 'x' }).ok,
      import: (v) => importAccepts((d) => (d.texts = { [v]: 'x' })),
      storage: (v) => storageAccepts((repo) => repo.writeText(2023, v, 'x')),
    },
    LIMITS.textKeyLength,
  ],
  [
    {
      what: '科目名称',
      api: (v) => validateFor('catalogue.addCode', { code: { catalogue: 'economic', code: '30299', name: v } }).ok,
      import: (v) => importAccepts((d) => (d.customCodes = [{ catalogue: 'economic', code: '30299', name: v }])),
      storage: (v) => storageAccepts((repo) => repo.addCustomCode({ catalogue: 'economic', code: '30299', name: v })),
    },
    LIMITS.nameLength,
  ],
];

describe('the same text limits everywhere', () => {
  it.each(TEXT_CASES)('$what', (c, max) => {
    const verdicts = (v: string) => [c.api(v), c.import(v), c.storage(v)];
    expect(verdicts('字'.repeat(max))).toEqual([true, true, true]);
    expect(verdicts('字'.repeat(max + 1))).toEqual([false, false, false]);
    expect(verdicts('字\u0000字')).toEqual([false, false, false]);
    expect(verdicts('字\u001b字')).toEqual([false, false, false]);
    expect(verdicts('字\ud800字')).toEqual([false, false, false]);
  });

  it('line breaks: allowed in texts, not in names (of the department, its units and 科目) or field names', () => {
    const [name, units, text, key, codeName] = TEXT_CASES.map(([c]) => c);
    for (const single of [name, units, key, codeName]) {
      if (!single) throw new Error('case');
      expect([single.api('甲\n乙'), single.import('甲\n乙'), single.storage('甲\n乙')]).toEqual([false, false, false]);
    }
    for (const multi of [text]) {
      if (!multi) throw new Error('case');
      expect([multi.api('甲\n乙'), multi.import('甲\n乙'), multi.storage('甲\n乙')]).toEqual([true, true, true]);
    }
  });
});

describe('the same count and amount limits', () => {
  it('counts: importer and storage stop at LIMITS.countMax', () => {
    const withCount = (n: number) => (d: Doc) => (d.stats = { equipmentCount: n });
    expect([importAccepts(withCount(LIMITS.countMax)), storageAccepts((r) => r.writeFact(2023, { kind: 'equipment' }, LIMITS.countMax))]).toEqual([true, true]);
    expect([importAccepts(withCount(LIMITS.countMax + 1)), storageAccepts((r) => r.writeFact(2023, { kind: 'equipment' }, LIMITS.countMax + 1))]).toEqual([false, false]);
  });

  it('amounts: Api, importer and storage stop at LIMITS.amountMaxFen', () => {
    const ref = { kind: 'stats' as const, field: 'receptionDomestic' as const };
    const verdicts = (fen: number) => [
      validateFor('report.writeFact', { year: 2023, ref, value: fen }).ok,
      importAccepts((d) => (d.stats = { receptionDomestic: `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}` })),
      storageAccepts((r) => r.writeFact(2023, ref, fen)),
    ];
    expect(verdicts(LIMITS.amountMaxFen)).toEqual([true, true, true]);
    expect(verdicts(LIMITS.amountMaxFen + 1)).toEqual([false, false, false]);
  });
});
