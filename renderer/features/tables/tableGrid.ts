/**
 * Which cells of a derived table the officer can edit, as a Grid aligned with the table's rows,
 * followed by the 待填写科目 rows: 项 the report holds that have no data in this table yet.
 *
 * Why a separate block rather than rows inline: the derived table hides 项 without data (the
 * printed table lists only rows with data, with 类/款 sums above them), so an empty 项 has no
 * place in the printed layout until it has a figure. The editor lists them under the table
 * with the same columns; typing a figure moves the row into the table, in code order.
 */
import type { Catalogue } from '../../../shared/domain/catalogue';
import { effectiveItem } from '../../../shared/domain/fiscalSplit';
import { type FactRef, getItemField, type ItemFacts, type ItemField, readFact, type Report } from '../../../shared/domain/model';
import { itemFact } from '../../../shared/domain/tables/subjects';
import type { Cell, DerivedTable, Row } from '../../../shared/domain/tables/types';
import type { Grid, GridCell } from './grid';

/** Names of the three parts of 表02 财政拨款收入. */
export const FUND_PART_NAMES: Record<string, string> = {
  'income.generalBudget': '一般公共预算财政拨款',
  'income.govFund': '政府性基金预算财政拨款',
  'income.stateCapital': '国有资本经营预算财政拨款',
};

/** A 科目 table: its columns say which typed facts a 项 row holds (`ColumnDef.itemFields`). */
export function isSubjectTable(table: DerivedTable): boolean {
  return table.columns.some((c) => c.itemFields !== undefined);
}

function tableFields(table: DerivedTable): ItemField[] {
  return table.columns.flatMap((c) => c.itemFields ?? []);
}

/** 项 of the report with no data in this table's columns (they have no row in it yet). */
export function pendingItems(report: Report, table: DerivedTable): ItemFacts[] {
  const fields = tableFields(table);
  if (fields.length === 0) return [];
  // A 项 whose split is implied by tables 02 and 03 is in the table already (only the split can be implied).
  const split = fields.some((f) => f.startsWith('fiscal.'));
  return report.items.filter((item) => {
    const shown = split ? effectiveItem(item) : item;
    return fields.every((f) => getItemField(shown, f) === 0);
  });
}

/** The derivation's shared (frozen) FactRef of a 项's field: one object per code and field. */
function itemRef(code: string, field: ItemField): FactRef {
  return itemFact(code, field);
}

/** `公开03表 2010301 行政运行 基本支出`: the texts left of a cell in its row, then its column. */
export function describeBodyCell(table: DerivedTable, row: Row, col: number): string {
  const parts: string[] = [];
  // Skip the value cells between this one and its row's labels, then take the labels up to the
  // next value cell (the other side of a two-sided table, or the previous group of table 06).
  let seenLabel = false;
  for (let k = col - 1; k >= 0; k--) {
    const c = row.cells[k]!;
    const isValue = c.kind === 'input' || c.kind === 'derived' || c.kind === 'na';
    if (isValue && seenLabel) break;
    if (isValue || c.kind === 'covered' || c.kind === 'blank') continue;
    seenLabel = true;
    if (c.kind === 'lineNo' && c.text) parts.unshift(`第${c.text}行`);
    else if ((c.kind === 'label' || c.kind === 'code') && c.text) parts.unshift(c.text);
  }
  const column = table.columns[col]?.name ?? '';
  const isLine = parts.some((p) => p.startsWith('第'));
  return [table.code, ...parts, isLine && column === '金额' ? '' : column].filter((p) => p !== '').join(' ');
}

/**
 * Grid cells of the printed rows. The label names the cell in the undo history and messages;
 * it is built only when asked for, as the grid is rebuilt on every keystroke and a large
 * table has thousands of input cells.
 */
class BodyInput {
  readonly kind = 'input';
  constructor(
    readonly ref: FactRef,
    readonly valueType: 'money' | 'count',
    readonly value: number,
    private readonly table: DerivedTable,
    private readonly row: Row,
    private readonly col: number,
  ) {}
  get label(): string {
    return describeBodyCell(this.table, this.row, this.col);
  }
}

class BodyBreakdown {
  readonly kind = 'breakdown';
  constructor(
    readonly refs: readonly FactRef[],
    readonly values: number[],
    private readonly table: DerivedTable,
    private readonly row: Row,
    private readonly col: number,
  ) {}
  get label(): string {
    return describeBodyCell(this.table, this.row, this.col);
  }
}

function bodyGridCell(table: DerivedTable, row: Row, col: number, report: Report): GridCell | null {
  const cell: Cell = row.cells[col]!;
  if ((cell.kind === 'input' || cell.kind === 'derived') && cell.fact) {
    return new BodyInput(cell.fact, cell.valueType ?? 'money', cell.value ?? 0, table, row, col);
  }
  // A sum of several typed facts of a 项 (表02 财政拨款收入): edited part by part.
  if (cell.kind === 'derived' && row.kind === 'item' && cell.sourceFacts && cell.sourceFacts.length > 1 && (table.columns[col]?.itemFields?.length ?? 0) > 1) {
    const refs = cell.sourceFacts; // shared between derivations: its grid key is cached
    return new BodyBreakdown(refs, refs.map((r) => factNumber(report, r)), table, row, col);
  }
  return null;
}

function factNumber(report: Report, ref: FactRef): number {
  return readFact(report, ref) ?? 0;
}

export interface PendingRow {
  item: ItemFacts;
  name: string;
  /** One entry per table column: the grid cell of a value column (null: nothing to type). */
  cells: (GridCell | null)[];
}

export function pendingRows(table: DerivedTable, report: Report, catalogue: Catalogue): PendingRow[] {
  if (!isSubjectTable(table)) return [];
  return pendingItems(report, table).map((item) => {
    const name = catalogue.functionalName(item.code) ?? '（目录中没有此科目）';
    return { item, name, cells: itemGridCells(table, item, name) ?? [] };
  });
}

/** The editable cells of a 项 row laid out by the table's columns; null for tables without 项 rows. */
export function itemGridCells(table: DerivedTable, item: ItemFacts, name: string): (GridCell | null)[] | null {
  if (!isSubjectTable(table)) return null;
  return table.columns.map((column): GridCell | null => {
    const fields = column.itemFields;
    if (fields === undefined || fields.length === 0) return null;
    const label = `${table.code} ${item.code} ${name} ${column.name}`;
    if (fields.length === 1) {
      const field = fields[0]!;
      return { kind: 'input', ref: itemRef(item.code, field), valueType: 'money', value: getItemField(item, field), label };
    }
    const refs = fields.map((f) => itemRef(item.code, f));
    return { kind: 'breakdown', refs, values: fields.map((f) => getItemField(item, f)), label };
  });
}

/** The grid: one row per table row, then one per pending row. */
export function buildGrid(table: DerivedTable, report: Report, pending: readonly PendingRow[]): Grid {
  const body = table.rows.map((row) => row.cells.map((_, col) => bodyGridCell(table, row, col, report)));
  return [...body, ...pending.map((p) => p.cells)];
}
