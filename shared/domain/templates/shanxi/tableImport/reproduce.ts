/**
 * The audit of the workbook's printed totals, and 尾数调整 so our tables print them: every
 * printed total is classified against the sum of the printed leaves (audit.ts), a default the
 * workbook overrides beyond 尾数 becomes the officer's own figure, the leaves are reconciled
 * within their windows (reconcile.ts) keeping the ties the workbook prints (ties.ts), and the
 * audit is reported against the final tables.
 */
import type { Catalogue } from '../../../catalogue';
import { getCell } from '../../../checks/printed';
import type { CheckContext } from '../../../checks/types';
import { type Department, factRefKey, type FactRef, readFact, type Report, writeFact } from '../../../model';
import { deriveTables, type ShanxiTables, type ShanxiTableId } from '../../../tables';
import { type AuditEntry, auditEntry, classify, printedWindow, printsAs } from './audit';
import { Expander } from './expand';
import { type Movable, reconcile, type Target } from './reconcile';
import type { CompositeRead, DefaultRead, FigureRead, LeafRead } from './resolve';
import { figuresOf } from '../../figuresOf';
import { tiesFor } from './ties';

export interface ReproduceInput {
  department: Department;
  catalogue: Catalogue;
  /** The built report: adjusted in place. */
  report: Report;
  tables: ShanxiTables;
  leaves: ReadonlyMap<string, LeafRead>;
  composites: readonly CompositeRead[];
  figures: readonly FigureRead[];
  defaults: readonly DefaultRead[];
  present: readonly ShanxiTableId[];
}

export interface Reproduction {
  tables: ShanxiTables;
  differences: AuditEntry[];
  rounding: AuditEntry[];
  adjustedLeaves: number;
}

/** Leaves that may move within their rounding window (whole 元), and their bounds. */
function movableLeaves(leaves: ReadonlyMap<string, LeafRead>, composites: readonly CompositeRead[], report: Report): Movable[] {
  const out: Movable[] = [];
  for (const leaf of leaves.values()) {
    if (!leaf.rounded || leaf.value === 0) continue;
    out.push({ ref: leaf.ref, ...(leaf.value > 0 ? { lo: -5000, hi: 4999 } : { lo: -4999, hi: 5000 }) });
  }
  // The field a 表02 财政拨款收入 assigned (the rest after the fields printed elsewhere).
  for (const c of composites) {
    if (!c.rounded) continue;
    for (const field of c.fields) {
      const ref: FactRef = { kind: 'item', code: c.code, field };
      if (leaves.has(factRefKey(ref)) || (readFact(report, ref) ?? 0) === 0) continue;
      out.push({ ref, lo: -10_000, hi: 10_000 });
    }
  }
  return out;
}

function valueOf(ctx: CheckContext, id: string): number {
  return getCell(ctx, id)?.value ?? 0;
}

export function reproduce(input: ReproduceInput): Reproduction {
  const { department, catalogue, report, figures, composites, defaults, present } = input;
  const leafByKey = input.leaves;
  const presentSet: ReadonlySet<string> = new Set(present);
  const movable = movableLeaves(leafByKey, composites, report);
  const keys = movable.map((m) => factRefKey(m.ref));
  let ctx0: CheckContext = { department, report, tables: input.tables };

  // A default (机关运行经费 = 表06 公用经费合计) printed otherwise, beyond 尾数: the officer's own figure.
  const pre = new Expander(ctx0, keys);
  const overrides = defaults.filter((d) => classify(d, pre.value(d.id), pre.terms(d.id).vars.length) === 'difference');
  for (const d of overrides) writeFact(report, d.ref, d.value);
  if (overrides.length > 0) ctx0 = { department, report, tables: deriveTables(department, report, catalogue) };

  // Audit before adjusting, then reconcile the rounding and audit again.
  const expander = overrides.length > 0 ? new Expander(ctx0, keys) : pre;
  const parts = (id: string) => expander.terms(id).vars.length;
  const sums = figures.map((f) => expander.value(f.id));
  const kinds = figures.map((f, k) => classify(f, sums[k]!, parts(f.id)));
  const targets: Target[] = [];
  figures.forEach((f, k) => {
    if (f.count || kinds[k] === 'difference') return;
    targets.push({ id: f.id, ...printedWindow(f.value, f.blank) });
  });
  for (const c of composites) targets.push({ id: c.id, ...printedWindow(c.value, c.value === 0) });
  const printedValues = new Map<string, number>();
  for (const list of [[...leafByKey.values()], composites, figures]) for (const p of list) printedValues.set(p.id, p.value);
  const printedOf = (id: string): number | undefined => printedValues.get(id) ?? (presentSet.has(id.slice(0, 2)) ? 0 : undefined);
  const { offsets } = reconcile(expander, movable, targets, tiesFor(report, new Set(present), printedOf, figuresOf(ctx0.tables)));
  for (const m of movable) {
    const o = offsets.get(factRefKey(m.ref));
    if (o) writeFact(report, m.ref, (readFact(report, m.ref) ?? 0) + o);
  }
  const tables = offsets.size > 0 ? deriveTables(department, report, catalogue) : ctx0.tables;
  const ctx: CheckContext = { department, report, tables };

  const differences: AuditEntry[] = [];
  const rounding: AuditEntry[] = [];
  figures.forEach((f, k) => {
    const kind = kinds[k];
    if (kind === 'difference') differences.push(auditEntry(ctx, f, 'difference', parts(f.id), sums[k]!));
    else if (kind === 'rounding' || !printsAs(valueOf(ctx, f.id), f)) rounding.push(auditEntry(ctx, f, 'rounding', parts(f.id), sums[k]!));
  });

  return { tables, differences, rounding, adjustedLeaves: offsets.size };
}
