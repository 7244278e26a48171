/**
 * The ten derived tables as plain data: what the screen shows, the exporters write
 * and the checks point at. Nothing downstream recomputes a figure.
 */
import type { FactRef } from '../model';
import type { Fen } from '../money';

/**
 * A table's id within its template (山西: `01` … `10`; 上海: `S1` … `S9`), numbered in printed
 * order. Ids are unique across templates, so a cell id (`03.208.total`, `S5.total.basic`) names one table of one template and
 * reading a cell of another template's layout throws instead of reading a wrong figure.
 */
export type TableId = string;

/** 山西's ten tables (公开01表 … 公开10表). */
export const SHANXI_TABLE_IDS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'] as const;
export type ShanxiTableId = (typeof SHANXI_TABLE_IDS)[number];

export function isShanxiTableId(id: string): id is ShanxiTableId {
  return (SHANXI_TABLE_IDS as readonly string[]).includes(id);
}

/**
 * - label: printed text (项目, 科目名称, section titles)
 * - code: a 科目代码
 * - lineNo: a 行次
 * - input: a typed fact (editable; `fact` says which)
 * - derived: computed from other cells or facts (`formula`, `refs`)
 * - na: cannot apply, printed `——`
 * - blank: an empty cell that never holds a figure
 * - covered: covered by the colSpan of a cell to its left
 */
export type CellKind = 'label' | 'code' | 'lineNo' | 'input' | 'derived' | 'na' | 'blank' | 'covered';

/** Money cells hold 分; count cells (vehicles, equipment) hold whole numbers. */
export type ValueType = 'money' | 'count';

/** Address of a cell: `${table}.${rowKey}.${columnKey}`. */
export type CellId = string;

export interface Cell {
  kind: CellKind;
  /** Printed text: 万元 with two decimals, blank for zero, `——` for na. */
  text: string;
  /** Value for input/derived cells (分 for money, a number for counts). */
  value?: number;
  valueType?: ValueType;
  /** Input cells: the fact the value is stored in. */
  fact?: FactRef;
  /** Derived cells: how the value is obtained, in Chinese (`= 表03 合计行 第1栏`). */
  formula?: string;
  /** Derived cells: the cells summed or copied. */
  refs?: CellId[];
  /** Derived cells: facts summed directly, when they have no cell of their own in any table. */
  sourceFacts?: FactRef[];
  /**
   * Input cells whose fact is not typed but follows from others (a 财政拨款 split implied by
   * tables 02 and 03, see fiscalSplit.ts): shown as derived, with `formula`; typing overrides.
   */
  implied?: boolean;
  /** Horizontal span (the following cells are `covered`). */
  colSpan?: number;
  id?: CellId;
}

export interface ColumnDef {
  key: string;
  /** Short Chinese name used in formulas and messages (e.g. `本年支出合计`). */
  name: string;
  /** Relative width for exporters and the screen (characters). */
  width: number;
  align: 'left' | 'center' | 'right';
}

/** A header cell, laid out like an HTML table (covered positions omitted). */
export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}

export type RowKind = 'total' | 'class' | 'section' | 'item' | 'line' | 'subheader';

export interface Row {
  key: string;
  kind: RowKind;
  /** 支出功能分类 level for 科目 rows. */
  level?: 1 | 2 | 3;
  cells: Cell[];
}

export interface DerivedTable {
  id: TableId;
  /** `公开01表` */
  code: string;
  title: string;
  /** `部门名称：晋城市商务局` (table 10: `单位名称：…`) */
  orgLine: string;
  /** `2023年度` */
  yearLine: string;
  /** `金额单位：万元` (tables 07, 08: `单位：万元`) */
  unitLine: string;
  columns: ColumnDef[];
  /** Header rows, including the 栏次 row where the table has one; repeated on every page. */
  header: HeaderCell[][];
  rows: Row[];
  /** `注：…` */
  note: string;
  /** `说明：本表无数据` for an empty table 07/08. */
  emptyNote?: string;
  /** Printed on a landscape page. */
  landscape: boolean;
  /** Amounts print with thousands separators (the report's setting); Excel uses the matching number format. */
  grouping: boolean;
  /** Zero amounts print as `0.00` rather than blank (上海's 表6 prints every figure). */
  zerosShown?: boolean;
}

/** A year's tables as its template lays them out, by table id, in printed order. */
export type DerivedTables = Readonly<Record<TableId, DerivedTable>>;

/** 山西's ten tables (what 山西's own rules and figures read). */
export type ShanxiTables = Readonly<Record<ShanxiTableId, DerivedTable>>;

/** A table of a year's tables; an id the template does not have is a programming error and throws. */
export function tableIn(tables: DerivedTables, id: TableId): DerivedTable {
  const table = tables[id];
  if (!table) throw new Error(`没有表${id}`);
  return table;
}

const byNumber = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/**
 * The tables in printed order. A template numbers its table ids in printed order (`01` … `10`,
 * `S1` … `S9`); the object's own key order cannot be relied on (`10` is an integer key, listed first).
 */
export function tableList(tables: DerivedTables): DerivedTable[] {
  return Object.keys(tables)
    .sort(byNumber)
    .map((id) => tables[id]!);
}

/** The id of the table a cell id names (`03.208.total` → `03`, `S5.total.basic` → `S5`). */
export function tableIdOfCell(id: CellId): TableId {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(0, dot) : '';
}

/** Looks a cell up by row key and column key. */
export function findCell(table: DerivedTable, rowKey: string, columnKey: string): Cell | undefined {
  const col = table.columns.findIndex((c) => c.key === columnKey);
  if (col < 0) return undefined;
  return table.rows.find((r) => r.key === rowKey)?.cells[col];
}

/**
 * The value of a cell by row and column: 0 when the table has no such row (a 科目 row exists only
 * when it has data). A column the table does not have is a programming error and throws.
 */
export function cellValue(table: DerivedTable, rowKey: string, columnKey: string): Fen {
  if (!table.columns.some((c) => c.key === columnKey)) throw new Error(`表${table.id} 没有“${columnKey}”栏`);
  return findCell(table, rowKey, columnKey)?.value ?? 0;
}

/** The table a cell id belongs to (`03.208.total` → table 03); an id of no table throws. */
export function tableOfCell(tables: DerivedTables, id: CellId): DerivedTable {
  const t = tables[tableIdOfCell(id)];
  if (!t) throw new Error(`不是表格单元格：${id}`);
  return t;
}

const indexCache = new WeakMap<DerivedTable, Map<CellId, Cell>>();

/** Finds a value cell by its id (`03.208.total`, `01.L58.amount`). */
export function cellById(table: DerivedTable, id: CellId): Cell | undefined {
  let index = indexCache.get(table);
  if (!index) {
    index = new Map();
    for (const row of table.rows) for (const cell of row.cells) if (cell.id) index.set(cell.id, cell);
    indexCache.set(table, index);
  }
  return index.get(id);
}

/**
 * The value of a cell by id (0 for a blank value cell). An id no cell of the table carries is a
 * programming error and throws: it never reads as 0. A 科目 row that may be absent (no data) is
 * read with `cellValue` by row and column instead.
 */
export function valueById(table: DerivedTable, id: CellId): number {
  const cell = cellById(table, id);
  if (!cell) throw new Error(`表${table.id} 没有单元格 ${id}`);
  return cell.value ?? 0;
}
