/**
 * Maps every printed figure of a seed table to the id of our derived cell, and compares.
 * Used by the seed tests and by the fixture builder (which chooses 元 leaves so that
 * every printed figure is reproduced).
 */
import { cellById, type ShanxiTables, SHANXI_TABLE_IDS, type TableId } from '../../shared/domain/tables';
import type { SeedTable, SeedTableId } from './seedTables';

export interface PrintedFigure {
  table: SeedTableId;
  seedKey: string;
  /** Our cell id, or null for a seed cell that has no cell of ours (must then be blank). */
  cellId: string | null;
  printed: string;
}

const SUBJECT_COLUMNS: Partial<Record<TableId, readonly string[]>> = {
  '02': ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'],
  '03': ['total', 'basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy'],
  '05': ['subtotal', 'basic', 'project'],
  '07': ['opening', 'income', 'subtotal', 'basic', 'project', 'closing'],
  '08': ['total', 'basic', 'project'],
};

const TABLE09_IDS = (['budget', 'actual'] as const).flatMap((side) =>
  ['total', 'abroad', 'vehicleTotal', 'vehiclePurchase', 'vehicleOperation', 'reception'].map((c) => `09.${side}.${c}`),
);

function idsFor(table: SeedTableId, key: string, count: number): (string | null)[] {
  const columns = SUBJECT_COLUMNS[table];
  if (columns) return columns.map((c) => `${table}.${key === '合计' ? 'total' : key}.${c}`);
  switch (table) {
    case '01':
      return [`01.${key}.amount`];
    case '04': {
      const line = Number(key.slice(1));
      return line <= 32 ? [`04.${key}.amount`] : ['total', 'general', 'govFund', 'stateCapital'].map((c) => `04.${key}.${c}`);
    }
    case '06':
      if (key === '人员经费合计') return ['06.personnelTotal.amount'];
      if (key === '公用经费合计') return ['06.publicTotal.amount'];
      return [`06.${key}.amount`];
    case '09':
      return TABLE09_IDS;
    case '10':
      return [`10.${key}.value`];
    default:
      return Array.from({ length: count }, () => null);
  }
}

/** Every figure cell printed in the seed's ten tables (blank ones included). */
export function printedFigures(seed: Record<SeedTableId, SeedTable>): PrintedFigure[] {
  const out: PrintedFigure[] = [];
  for (const table of SHANXI_TABLE_IDS) {
    for (const row of seed[table].rows) {
      const ids = idsFor(table, row.key, row.values.length);
      if (ids.length !== row.values.length) throw new Error(`表${table} ${row.key}: ${row.values.length} 个数，映射 ${ids.length} 个单元格`);
      row.values.forEach((printed, i) => out.push({ table, seedKey: row.key, cellId: ids[i] ?? null, printed }));
    }
  }
  return out;
}

export interface Mismatch {
  table: SeedTableId;
  seedKey: string;
  cellId: string | null;
  printed: string;
  ours: string;
}

/** Our printed text of a seed figure ('' when we have no such cell). */
export function ourText(derived: ShanxiTables, figure: PrintedFigure): string {
  if (!figure.cellId) return '';
  return cellById(derived[figure.table], figure.cellId)?.text ?? '';
}

export function compareFigures(derived: ShanxiTables, figures: readonly PrintedFigure[]): Mismatch[] {
  const out: Mismatch[] = [];
  for (const f of figures) {
    const ours = ourText(derived, f);
    if (ours !== f.printed) out.push({ table: f.table, seedKey: f.seedKey, cellId: f.cellId, printed: f.printed, ours });
  }
  return out;
}

/** Row keys of a subject table as the seed prints them (合计 → total). */
export function seedRowKeys(seed: SeedTable): string[] {
  return seed.rows.map((r) => (r.key === '合计' ? 'total' : r.key));
}
