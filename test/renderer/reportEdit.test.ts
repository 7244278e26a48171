/**
 * Copy-on-write edits: a batch of facts (a paste, an undo step) gives the same report as writing
 * them one by one, copies only what it touches, and leaves the original as it was.
 */
import { describe, expect, it } from 'vitest';
import type { FactRef, Report } from '../../shared/domain/model';
import { factValue, withFact, withFacts } from '../../renderer/store/reportEdit';
import { syntheticReport } from '../harness/synthetic';

describe('withFacts', () => {
  const report: Report = syntheticReport(2, 2023).report;
  const [a, b, c] = report.items;
  const facts: { ref: FactRef; value: number | null }[] = [
    { ref: { kind: 'item', code: a!.code, field: 'expenditure.basic' }, value: 123_45 },
    { ref: { kind: 'item', code: b!.code, field: 'expenditure.project' }, value: 6_00 },
    { ref: { kind: 'item', code: a!.code, field: 'expenditure.basic' }, value: 999_99 },
    { ref: { kind: 'summary', field: 'openingBalance' }, value: 1_00 },
  ];

  it('equals the facts written one by one, the last write of a fact winning', () => {
    const oneByOne = facts.reduce((r, f) => withFact(r, f.ref, f.value), report);
    const batch = withFacts(report, facts);
    expect(batch).toEqual(oneByOne);
    expect(factValue(batch, facts[0]!.ref)).toBe(999_99);
    expect(factValue(batch, facts[1]!.ref)).toBe(6_00);
  });

  it('creates a 项 a fact names that the report lacks, in code order, as one by one does', () => {
    const code = '2999999';
    const more: { ref: FactRef; value: number | null }[] = [
      { ref: { kind: 'item', code, field: 'expenditure.basic' }, value: 5_00 },
      { ref: { kind: 'item', code: a!.code, field: 'expenditure.project' }, value: null },
      { ref: { kind: 'item', code, field: 'expenditure.project' }, value: 7_00 },
    ];
    const oneByOne = more.reduce((r, f) => withFact(r, f.ref, f.value), report);
    const batch = withFacts(report, more);
    expect(batch).toEqual(oneByOne);
    expect(batch.items.map((i) => i.code)).toEqual(oneByOne.items.map((i) => i.code));
    expect(factValue(batch, more[2]!.ref)).toBe(7_00);
  });

  it('leaves the original untouched and shares every item it did not change', () => {
    const before = JSON.stringify(report);
    const batch = withFacts(report, facts);
    expect(JSON.stringify(report)).toBe(before);
    expect(batch).not.toBe(report);
    expect(batch.items[2]).toBe(c);
    expect(batch.items[0]).not.toBe(a);
    expect(batch.economic).toBe(report.economic);
    expect(withFacts(report, [])).toBe(report);
  });
});
