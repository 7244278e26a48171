/**
 * The comparison of two years: seed 002 (阳泉市商务局 2024) against a 2023 year derived from it with
 * known changes (test/harness/twoYears.ts): every changed line with its exact 增减额 and 增减率,
 * lines of one year only, the 31001 rename of the 2024 edition, a zero base, the threshold, the
 * narrative field explaining each change, and the 情况说明 figures equal to the narrative's own
 * year-over-year clauses.
 */
import { describe, expect, it } from 'vitest';
import { codeMoves, getCatalogue } from '../../shared/domain/catalogue';
import { type CompareLine, compareYears, delta, filterLines, withThreshold } from '../../shared/domain/compare';
import { compareReports, priorFiguresFor } from '../../shared/domain/compare/compose';
import { composeNarrative } from '../../shared/domain/narrative';
import { deriveTables, SHANXI_TABLE_IDS } from '../../shared/domain/tables';
import { twoYears } from '../harness/twoYears';

const { pkg, prior } = twoYears();
const comparison = compareReports({ department: pkg.department, customCodes: pkg.customCodes, current: { report: pkg.report }, prior: { report: prior } });

function line(key: string): CompareLine {
  const table = comparison.tables.find((t) => t.id === key.slice(0, 2));
  const found = table?.lines.find((l) => l.key === key);
  if (!found) throw new Error(`no line ${key}`);
  return found;
}

/** [column, 本年, 上年, 增减额, 增减率] of a line's changed figures. */
function changed(key: string) {
  return line(key)
    .figures.filter((f) => f.changed)
    .map((f) => [f.column, f.current, f.prior, f.diff, f.rate]);
}

describe('delta: 增减额 and 增减率 as the narrative words them', () => {
  it('rates half up to 0.01%, signed; a zero or negative base has no rate; equal is 0', () => {
    expect(delta(39529, 35000)).toEqual({ diff: 4529, rate: 1294 }); // 45.29 / 350.00 = 12.94%
    expect(delta(0, 200)).toEqual({ diff: -200, rate: -10000 });
    expect(delta(26, 0)).toEqual({ diff: 26, rate: null });
    expect(delta(100, -50)).toEqual({ diff: 150, rate: null });
    expect(delta(500, 500)).toEqual({ diff: 0, rate: 0 });
    expect(delta(0, 0)).toEqual({ diff: 0, rate: null });
    expect(delta(1, 3)).toEqual({ diff: -2, rate: -6667 }); // 66.666…% → 66.67%
  });
});

describe('seed 002 (2024) against its derived 2023', () => {
  it('lists every changed line of every table with the exact figures (0.01 万元 units, rates in 0.01%)', () => {
    expect(changed('01.L31')).toEqual([['amount', 1236743, 462261, 774482, 16754]]); // 12,367.43 vs 4,622.61: +167.54%
    expect(changed('01.L1')).toEqual([['amount', 466290, 462261, 4029, 87]]);
    expect(changed('01.L2')).toEqual([['amount', 770453, 0, 770453, null]]); // 政府性基金: zero base
    expect(changed('03.2011301')).toEqual([
      ['total', 39529, 35000, 4529, 1294],
      ['basic', 39529, 35000, 4529, 1294],
    ]);
    expect(changed('05.201')).toEqual([
      ['subtotal', 41898, 37869, 4029, 1064],
      ['basic', 39603, 35073, 4530, 1292],
      ['project', 2296, 2796, -500, -1788],
    ]);
    expect(changed('09.actual')).toEqual([
      ['total', 26, 0, 26, null],
      ['reception', 26, 0, 26, null],
    ]);
    expect(changed('10.L5')).toEqual([['value', 6217, 6417, -200, -312]]);
  });

  it('marks lines of one year only: 2159802 (a 2024-edition 项) and 2011302 (2023 only)', () => {
    expect(line('03.2159802')).toMatchObject({ presence: 'current', code: '2159802', name: '制造业' });
    expect(changed('03.2159802')).toEqual([
      ['total', 770453, null, 770453, null],
      ['project', 770453, null, 770453, null],
    ]);
    expect(line('03.2011302')).toMatchObject({ presence: 'prior', code: '2011302', name: '一般行政管理事务' });
    expect(changed('03.2011302')).toEqual([
      ['total', null, 500, -500, -10000],
      ['project', null, 500, -500, -10000],
    ]);
    // A line of last year only sits where last year printed it: after 2011301, before 20132.
    const keys = comparison.tables.find((t) => t.id === '03')!.lines.map((l) => l.key);
    expect(keys.indexOf('03.2011302')).toBe(keys.indexOf('03.2011301') + 1);
  });

  it('matches 31001 across the edition change and shows its 2023 name', () => {
    expect(line('06.31001')).toMatchObject({ presence: 'both', code: '31001', name: '房屋建筑物购建', priorName: '房屋建筑物构建' });
    expect(changed('06.31001')).toEqual([['amount', 0, 200, -200, -10000]]);
    // 31206 exists in the 2024 edition only, with no figure in either year: not listed.
    expect(comparison.tables.find((t) => t.id === '06')!.lines.some((l) => l.key === '06.31206')).toBe(false);
  });

  it('lists exactly the lines whose cells differ, and no line with nothing in either year', () => {
    const cur = deriveTables(pkg.department, pkg.report, getCatalogue(2024, pkg.customCodes));
    const pri = deriveTables(pkg.department, prior, getCatalogue(2023, pkg.customCodes));
    const values = (t: typeof cur) => {
      const out = new Map<string, number>();
      for (const id of SHANXI_TABLE_IDS) for (const row of t[id].rows) for (const c of row.cells) if (c.id && (c.kind === 'input' || c.kind === 'derived')) out.set(c.id, c.value ?? 0);
      return out;
    };
    const a = values(cur);
    const b = values(pri);
    const printed = (v: number | undefined, id: string) => (id.startsWith('10.L7') || /^10\.L(8|9|1[0-7])\./u.test(id) ? (v ?? 0) : Math.round((v ?? 0) / 10000));
    const differing = new Set<string>();
    for (const id of new Set([...a.keys(), ...b.keys()])) if (printed(a.get(id), id) !== printed(b.get(id), id)) differing.add(id.slice(0, id.lastIndexOf('.')));
    const listed = new Set(comparison.tables.flatMap((t) => t.lines.filter((l) => l.changed).map((l) => l.key)));
    expect([...listed].sort()).toEqual([...differing].sort());
    for (const t of comparison.tables) for (const l of t.lines) expect(l.figures.some((f) => (f.current ?? 0) !== 0 || (f.prior ?? 0) !== 0), l.key).toBe(true);
  });

  it('links each changed line to the 情况说明 field that explains it', () => {
    expect(line('01.L31').explainedBy).toMatchObject({ section: 'n1', field: 'n1.reason' });
    expect(line('04.L64').explainedBy).toMatchObject({ section: 'n4', field: 'n4.reason' });
    // A 项 of table 05 is explained by its 类's clause in 五（三）.
    expect(line('05.2011301').explainedBy).toMatchObject({ section: 'n5', field: 'n5.3.201.reason' });
    expect(line('05.2011302').explainedBy).toMatchObject({ section: 'n5', field: 'n5.3.201.reason' });
    expect(line('09.actual').explainedBy).toMatchObject({ section: 'n9', field: 'n9.1.reason' });
    expect(line('10.L5').explainedBy).toMatchObject({ section: 'n10', field: 'n10.1.reason' });
    for (const t of comparison.tables) for (const l of t.lines) if (l.changed) expect(l.explainedBy?.section, l.key).toMatch(/^n\d+$/u);
  });

  it('applies the threshold (default ±10% and ≥ 1 万元; a zero base passes on the amount alone)', () => {
    expect(comparison.threshold).toEqual({ rateBp: 1000, amountUnits: 100 });
    expect(line('01.L1').significant).toBe(false); // +0.87%
    expect(line('01.L32').significant).toBe(true); // +10.64%, 40.29 万元
    expect(line('09.actual').significant).toBe(false); // zero base, but 0.26 万元 < 1 万元
    expect(line('01.L2').significant).toBe(true); // zero base, 7,704.53 万元
    const strict = withThreshold(comparison, { rateBp: 1100, amountUnits: 100 });
    const l32 = strict.tables.find((t) => t.id === '01')!.lines.find((l) => l.key === '01.L32')!;
    expect(l32.significant).toBe(false);
    const all = comparison.tables.find((t) => t.id === '01')!.lines;
    expect(filterLines(all, 'changed').map((l) => l.key)).toEqual(all.filter((l) => l.changed).map((l) => l.key));
    expect(filterLines(all, 'significant').every((l) => l.significant)).toBe(true);
  });

  it('gives the 情况说明 figures exactly as the narrative drafted against 2023 prints them', () => {
    const cur = deriveTables(pkg.department, pkg.report, getCatalogue(2024, pkg.customCodes));
    const priorTables = deriveTables(pkg.department, prior, getCatalogue(2023, pkg.customCodes));
    const figures = priorFiguresFor(pkg.report, prior, priorTables);
    const narrative = composeNarrative({ department: pkg.department, report: pkg.report, tables: cur, prior: figures, catalogue: getCatalogue(2024, pkg.customCodes) });
    let clauses = 0;
    for (const s of narrative.sections) {
      for (const p of s.paragraphs) {
        p.runs.forEach((run, k) => {
          if (run.kind !== 'figure' || run.source?.kind !== 'difference' || run.source.of[1].kind !== 'prior') return;
          const key = run.source.of[1].key;
          const figure = comparison.narrative.find((f) => f.key === key);
          expect(figure, key).toBeDefined();
          const before = p.runs.slice(0, k).map((r) => r.text).join('');
          const down = /减少$/u.test(before);
          expect(figure!.diff, key).toBe((down ? -1 : 1) * (run.value ?? NaN));
          const next = p.runs[k + 2];
          const rate = next?.kind === 'figure' && next.source?.kind === 'ratio' ? next.value : null;
          expect(figure!.rate === null ? null : Math.abs(figure!.rate), key).toBe(rate ?? null);
          clauses++;
        });
      }
    }
    expect(clauses).toBeGreaterThanOrEqual(8);
    const income = comparison.narrative.find((f) => f.key === 'incomeTotal');
    expect(income).toMatchObject({ label: '收入总计', current: 1236743, prior: 462261, diff: 774482, rate: 16754, priorSource: 'report', explainedBy: { field: 'n1.reason' } });
    const reception = comparison.narrative.find((f) => f.key === 'threePublic.reception');
    expect(reception).toMatchObject({ current: 26, prior: 0, diff: 26, rate: null });
    expect(comparison.narrative.find((f) => f.key === 'general/208')).toMatchObject({ diff: 0, rate: 0, changed: false });
  });

  it('matches a code moved between editions (catalogue `move`) as one line', () => {
    const moves = codeMoves(2023, 2024, [{ 2024: { move: [['2011302', '2011350', '一般行政管理事务（新）']] } }]);
    expect([...moves]).toEqual([['2011302', '2011350']]);
    const moved = structuredClone(pkg.report);
    const item = prior.items.find((i) => i.code === '2011302')!;
    moved.items = [...moved.items, { ...structuredClone(item), code: '2011350' }].sort((a, b) => (a.code < b.code ? -1 : 1));
    const cur = deriveTables(pkg.department, moved, getCatalogue(2024, pkg.customCodes));
    const priorTables = deriveTables(pkg.department, prior, getCatalogue(2023, pkg.customCodes));
    const c = compareYears({
      current: { year: 2024, report: moved, tables: cur, narrative: [] },
      prior: { year: 2023, tables: priorTables },
      priorFigures: priorFiguresFor(moved, prior, priorTables),
      codeMoves: moves,
    });
    const l = c.tables.find((t) => t.id === '03')!.lines.find((x) => x.key === '03.2011350')!;
    expect(l).toMatchObject({ presence: 'both', code: '2011350', priorCode: '2011302' });
    expect(l.changed).toBe(false);
    expect(c.tables.find((t) => t.id === '03')!.lines.some((x) => x.key === '03.2011302')).toBe(false);
  });
});
