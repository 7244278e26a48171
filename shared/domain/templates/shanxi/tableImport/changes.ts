/**
 * What an import changes in the year, per table, for the preview the officer confirms: how many
 * typed figures are added, changed or cleared (as printed, 0.01 万元), with a few examples, and
 * how many only move inside their rounding window (尾数调整, invisible in every table).
 */
import { describeCell } from '../../../checks/printed';
import type { Catalogue } from '../../../catalogue';
import {
  type CustomCode,
  type Department,
  EXPENDITURE_KIND_NAMES,
  EXPENDITURE_KINDS,
  type FactRef,
  getItemField,
  FISCAL_SPLIT_NAMES,
  FISCAL_SPLITS,
  ITEM_CARRY,
  ITEM_CARRY_NAMES,
  INCOME_SOURCE_NAMES,
  INCOME_SOURCES,
  isCountFact,
  readFact,
  type Report,
} from '../../../model';
import { formatWanCell, toPrintedUnits } from '../../../money';
import { type ShanxiTables, SHANXI_TABLE_IDS, TABLE_TITLES, type ShanxiTableId } from '../../../tables';
import type { AuditEntry } from './audit';
import type { Carried } from './build';

export interface TableChange {
  table: ShanxiTableId;
  /** `公开03表 支出决算表` */
  title: string;
  added: number;
  changed: number;
  cleared: number;
  /** Figures that print the same but move inside their rounding window. */
  adjusted: number;
  /** A few of the changes: `2011301 行政运行 基本支出：753.32 → 760.00`. */
  samples: string[];
}

const SAMPLES = 5;

const ITEM_FIELD_NAMES = new Map<string, string>([
  ...INCOME_SOURCES.map((k) => [`income.${k}`, INCOME_SOURCE_NAMES[k]] as const),
  ...EXPENDITURE_KINDS.map((k) => [`expenditure.${k}`, EXPENDITURE_KIND_NAMES[k]] as const),
  ...FISCAL_SPLITS.map((k) => [`fiscal.${k}`, FISCAL_SPLIT_NAMES[k]] as const),
  ...ITEM_CARRY.map((k) => [k, ITEM_CARRY_NAMES[k]] as const),
]);

function shown(value: number, count: boolean): string {
  if (value === 0) return '空';
  return count ? String(value) : formatWanCell(value, { grouping: true });
}

interface Entry {
  table: ShanxiTableId;
  ref: FactRef;
  before: number;
  after: number;
  label: () => string;
}

/** Every fact the imported tables carry whose value differs between the two reports. */
function changedEntries(carried: Carried, before: Report, after: Report, catalogue: Catalogue, describe: (id: string) => string): Entry[] {
  const out: Entry[] = [];
  const beforeItems = new Map(before.items.map((i) => [i.code, i]));
  const afterItems = new Map(after.items.map((i) => [i.code, i]));
  const codes = [...new Set([...beforeItems.keys(), ...afterItems.keys()])].sort();
  for (const [field, table] of carried.itemFields) {
    for (const code of codes) {
      const b = beforeItems.get(code);
      const a = afterItems.get(code);
      const old = b ? getItemField(b, field) : 0;
      const now = a ? getItemField(a, field) : 0;
      if (old === now) continue;
      out.push({ table, ref: { kind: 'item', code, field }, before: old, after: now, label: () => `${code} ${catalogue.functionalName(code) ?? ''} ${ITEM_FIELD_NAMES.get(field) ?? field}` });
    }
  }
  if (carried.economic) {
    for (const code of [...new Set([...Object.keys(before.economic), ...Object.keys(after.economic)])].sort()) {
      const old = before.economic[code] ?? 0;
      const now = after.economic[code] ?? 0;
      if (old !== now) out.push({ table: '06', ref: { kind: 'economic', code }, before: old, after: now, label: () => `${code} ${catalogue.economicName(code) ?? ''}` });
    }
  }
  for (const { ref, table, id } of carried.facts.values()) {
    const old = readFact(before, ref) ?? 0;
    const now = readFact(after, ref) ?? 0;
    if (old !== now) out.push({ table, ref, before: old, after: now, label: () => describe(id) });
  }
  return out;
}

export function tableChanges(
  carried: Carried,
  before: Report,
  after: Report,
  context: { department: Department; tables: ShanxiTables; catalogue: Catalogue },
  present: readonly ShanxiTableId[],
): TableChange[] {
  const ctx = { department: context.department, report: after, tables: context.tables };
  const byTable = new Map<ShanxiTableId, TableChange>();
  for (const table of present) {
    byTable.set(table, { table, title: `公开${table}表 ${TABLE_TITLES[table]}`, added: 0, changed: 0, cleared: 0, adjusted: 0, samples: [] });
  }
  for (const e of changedEntries(carried, before, after, context.catalogue, (id) => describeCell(ctx, id))) {
    const change = byTable.get(e.table);
    if (!change) continue;
    const count = isCountFact(e.ref);
    const { before: old, after: now } = e;
    const print = (v: number) => (count ? v : toPrintedUnits(v));
    if (old !== 0 && now !== 0 && print(old) === print(now)) {
      change.adjusted++;
      continue;
    }
    if (old === 0) change.added++;
    else if (now === 0) change.cleared++;
    else change.changed++;
    if (change.samples.length < SAMPLES) change.samples.push(`${e.label().replace(/\s+/gu, ' ').trim()}：${shown(old, count)} → ${shown(now, count)}`);
  }
  return SHANXI_TABLE_IDS.flatMap((t) => (byTable.has(t) ? [byTable.get(t)!] : []));
}

/** Whether the year holds any figure the imported tables would replace. */
export function holdsFigures(carried: Carried, report: Report): boolean {
  if (report.items.some((item) => [...carried.itemFields.keys()].some((f) => readFact(report, { kind: 'item', code: item.code, field: f }) !== 0))) return true;
  if (carried.economic && Object.values(report.economic).some((v) => v !== 0)) return true;
  return [...carried.facts.values()].some(({ ref }) => (readFact(report, ref) ?? 0) !== 0);
}

/** What the officer sees before confirming an import. */
export interface ImportPreview {
  year: number;
  /** The department the workbook belongs to. */
  department: string;
  /** The year already holds figures of these tables: they are replaced. */
  replaces: boolean;
  found: { table: ShanxiTableId; sheet: string; at: string }[];
  tables: TableChange[];
  addedCodes: CustomCode[];
  differences: AuditEntry[];
  /** The first ROUNDING_LISTED 尾数 entries. */
  rounding: AuditEntry[];
  roundingCount: number;
  /** Leaves moved inside ±0.005 万元 so the printed totals come out as printed. */
  adjustedLeaves: number;
  notes: string[];
}

/** 尾数 entries listed in a preview (all are counted). */
export const ROUNDING_LISTED = 100;
