/**
 * What the rule modules of every template share: `rule()` (a Rule from its metadata and its run
 * function), column lookup, and `agrees`, the exact fast path the rules take before building a
 * finding.
 */
import type { Cell, DerivedTable } from '../../tables/types';
import { cellUnits, type RuleMeta } from '../printed';
import type { CheckContext, Finding, Rule, Severity } from '../types';

export type Run = (ctx: CheckContext, meta: RuleMeta) => Finding[];

export function rule(id: string, severity: Severity, title: string, description: string, run: Run): Rule {
  const meta: RuleMeta = { id, title, severity };
  return { id, title, severity, description, run: (ctx) => run(ctx, meta) };
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** Value columns of a 科目 table (after 科目代码, 科目名称). */
export const FIRST_VALUE_COLUMN = 2;

/** Whether a total and its parts agree exactly, printed and stored (the fast path). */
export function agrees(total: Cell | undefined, parts: readonly (Cell | undefined)[], signs?: readonly number[]): boolean {
  let printed = 0;
  let exact = 0;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    const s = signs?.[k] ?? 1;
    printed += s * cellUnits(p);
    exact += s * (p?.value ?? 0);
  }
  return printed === cellUnits(total) && exact === (total?.value ?? 0);
}

export function columnIndex(table: DerivedTable, key: string): number {
  const k = table.columns.findIndex((c) => c.key === key);
  if (k < 0) throw new Error(`表${table.id} 没有“${key}”栏`);
  return k;
}
