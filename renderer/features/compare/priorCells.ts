/**
 * Last year's figure of each cell, for the table editors' 显示上年数: the same cell of last year's
 * tables in the file (cell ids name the same line and column every year; a 科目 code the catalogue
 * moved is followed), else the 上年数 typed this year for the cells those figures are read from.
 */
import { type CellId, type DerivedTables, tableList } from '../../../shared/domain/tables/types';
import { figureCells, type PriorKey } from '../../../shared/domain/narrative/prior';
import type { Report } from '../../../shared/domain/model';

export interface PriorCell {
  /** 分 for money, a number for counts. */
  value: number;
  count: boolean;
  /** Where it comes from, for the hover text: `2023年度` or `本年填写的上年数`. */
  source: string;
}

export type PriorCells = ReadonlyMap<CellId, PriorCell>;

/** `03.2011302.total` → `03.2011350.total` when the catalogue moved 2011302 to 2011350. */
function movedId(id: CellId, moves: ReadonlyMap<string, string>): CellId {
  if (moves.size === 0) return id;
  const first = id.indexOf('.');
  const last = id.lastIndexOf('.');
  const row = id.slice(first + 1, last);
  const to = moves.get(row);
  return to === undefined ? id : `${id.slice(0, first)}.${to}${id.slice(last)}`;
}

/** Every value cell of last year's tables, by the id it has this year. */
export function priorCellsFromTables(last: DerivedTables, lastYear: number, moves: ReadonlyMap<string, string> = new Map()): PriorCells {
  const out = new Map<CellId, PriorCell>();
  const source = `${lastYear}年度`;
  // Last year in another template lays its figures out in other tables: their ids name no cell of this year's.
  for (const table of tableList(last)) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        if (!cell.id || (cell.kind !== 'input' && cell.kind !== 'derived')) continue;
        out.set(movedId(cell.id, moves), { value: cell.value ?? 0, count: cell.valueType === 'count', source });
      }
    }
  }
  return out;
}

/** The typed 上年数 on the cells of this year's tables that each figure reads (one cell only). */
export function priorCellsFromTyped(report: Report, tables: DerivedTables): PriorCells {
  const out = new Map<CellId, PriorCell>();
  for (const [key, value] of Object.entries(report.prior)) {
    const cells = figureCells(tables, key as PriorKey);
    if (cells.length === 1) out.set(cells[0]!, { value, count: false, source: '本年填写的上年数' });
  }
  return out;
}
