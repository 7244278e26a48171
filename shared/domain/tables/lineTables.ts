/**
 * Two-sided tables addressed by 行次 (lines): 公开01表 收入支出决算总表 (lines 1–31 | 32–62)
 * and 公开04表 财政拨款收入支出决算总表 (lines 1–32 | 33–64).
 * Cell ids are semantic: `01.L58.amount`, `04.L59.general`.
 */
import { blank, label, lineNo } from './cells';
import { type Cell, type DerivedTable, type Row, valueById } from './types';

export interface LineSide {
  line: number;
  label: string;
  /** Value cells of this side (blank cells for unlabeled lines). */
  cells: Cell[];
}

export function lineRows(left: readonly LineSide[], right: readonly LineSide[]): Row[] {
  return left.map((l, i) => {
    const r = right[i];
    if (!r) throw new Error(`line table: no right-hand line opposite line ${l.line}`);
    return {
      key: `L${l.line}`,
      kind: 'line' as const,
      cells: [label(l.label), lineNo(l.line), ...l.cells, label(r.label), lineNo(r.line), ...r.cells],
    };
  });
}

export function lineId(table: string, line: number, column: string): string {
  return `${table}.L${line}.${column}`;
}

/**
 * The value of a left-hand line cell (`04.L1.amount`): line n is row n, so this reads the row
 * instead of indexing every cell of the table by id. A cell that does not exist throws.
 */
export function lineValue(table: DerivedTable, line: number, column: string): number {
  const id = `${table.id}.L${line}.${column}`;
  const row = table.rows[line - 1];
  if (row && row.key === `L${line}`) {
    for (const cell of row.cells) if (cell.id === id) return cell.value ?? 0;
  }
  return valueById(table, id);
}

export function blanks(n: number): Cell[] {
  return Array.from({ length: n }, blank);
}
