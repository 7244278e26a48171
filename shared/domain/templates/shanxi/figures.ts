/**
 * 山西's semantic figures: which cell of the ten tables (公开01表 … 公开10表) holds which figure.
 * The only place outside the table builders that spells these tables' cell ids. Every cell is
 * read strictly: a cell the tables lack throws (a programming error, never a 0); the figures
 * that may legitimately be absent are the 科目 rows without data and 机关运行经费 lines 5/6.
 */
import { TABLE01_CLASSES } from '../../catalogue';
import { EXPENDITURE_KINDS, THREE_PUBLIC_ITEMS, VEHICLE_TYPES } from '../../model';
import { cellById, type CellId, type DerivedTable, type DerivedTables, type Row, tableOfCell } from '../../tables/types';
import { type Figure, FUNDS, type Fund, type GeneralRow, OTHER_INCOME_SOURCES, type SemanticFigures, type ThreePublicColumn } from '../figures';

/** A cell of a small table by id (tables 01, 04, 06, 09, 10); throws when the table has none. */
function cell(tables: DerivedTables, id: CellId): Figure {
  const found = cellById(tableOfCell(tables, id), id);
  if (!found) throw new Error(`表格中没有单元格 ${id}`);
  return { value: found.value ?? 0, cells: [id] };
}

/** A cell that may be absent (机关运行经费 lines of another unit kind, a 款 of another edition, `——`). */
function cellIfPrinted(tables: DerivedTables, id: CellId): Figure | undefined {
  const found = cellById(tableOfCell(tables, id), id);
  return found && found.kind !== 'na' ? { value: found.value ?? 0, cells: [id] } : undefined;
}

/** A cell of a row of a 科目 table, read by position (no index of the table's many cells); throws when absent. */
function rowCell(table: DerivedTable, row: Row, column: string): Figure {
  const id = `${table.id}.${row.key}.${column}`;
  const k = table.columns.findIndex((c) => c.key === column);
  const found = k >= 0 ? row.cells[k] : undefined;
  if (!found || found.id !== id) throw new Error(`表格中没有单元格 ${id}`);
  return { value: found.value ?? 0, cells: [id] };
}

/** The 合计 row of a 科目 table (always printed, blank when the table is empty). */
function totalRow(table: DerivedTable): Row {
  const row = table.rows[0];
  if (row?.key !== 'total') throw new Error(`表${table.id} 没有合计行`);
  return row;
}

const line01 = (n: number): CellId => `01.L${n}.amount`;
const line04 = (n: number, column: 'amount' | 'total' | Fund = 'amount'): CellId => `04.L${n}.${column}`;
const line10 = (n: number): CellId => `10.L${n}.value`;

function byFund(read: (fund: Fund, k: number) => Figure): Record<Fund, Figure> {
  const out = {} as Record<Fund, Figure>;
  FUNDS.forEach((f, k) => (out[f] = read(f, k)));
  return out;
}

function record<K extends string>(keys: readonly K[], read: (key: K, k: number) => Figure): Record<K, Figure> {
  const out = {} as Record<K, Figure>;
  keys.forEach((key, k) => (out[key] = read(key, k)));
  return out;
}

/** 类 lines of tables 01 (from line 32) and 04 (from line 33), keyed by 类 code. */
function classLines(read: (line: number) => Figure, first: number): ReadonlyMap<string, Figure> {
  return new Map(TABLE01_CLASSES.map((code, k) => [code, read(first + k)]));
}

function generalFigures(tables: DerivedTables): SemanticFigures['general'] {
  const t05 = tables['05'];
  const total = totalRow(t05);
  const rows: GeneralRow[] = [];
  const byCode = new Map<string, GeneralRow>();
  for (const row of t05.rows) {
    if (row.level === undefined) continue;
    const r: GeneralRow = { code: row.key, level: row.level, subtotal: rowCell(t05, row, 'subtotal'), basic: rowCell(t05, row, 'basic'), project: rowCell(t05, row, 'project') };
    rows.push(r);
    byCode.set(r.code, r);
  }
  return {
    total: { subtotal: rowCell(t05, total, 'subtotal'), basic: rowCell(t05, total, 'basic'), project: rowCell(t05, total, 'project') },
    rows,
    row: (code) => byCode.get(code),
  };
}

/** 机关运行经费: line 5 (行政单位) or line 6 (参公事业单位), whichever carries a figure cell; none for other units. */
function operatingCost(tables: DerivedTables): Figure {
  const lines = [5, 6].map((n) => cellIfPrinted(tables, line10(n))).filter((f): f is Figure => f !== undefined);
  return { value: lines.reduce((s, f) => s + f.value, 0), cells: lines.flatMap((f) => f.cells) };
}

export function shanxiFigures(tables: DerivedTables): SemanticFigures {
  const c = (id: CellId) => cell(tables, id);
  const t02 = tables['02'];
  const t03 = tables['03'];
  const t07 = tables['07'];
  const total02 = totalRow(t02);
  const total03 = totalRow(t03);
  const total07 = totalRow(t07);
  const total08 = totalRow(tables['08']);
  return {
    overview: {
      incomeTotal: c(line01(31)),
      expenditureTotal: c(line01(62)),
      incomeSum: c(line01(27)),
      expenditureSum: c(line01(58)),
      fiscalIncome: byFund((_, k) => c(line01(1 + k))),
      otherIncome: record(OTHER_INCOME_SOURCES, (_, k) => c(line01(4 + k))),
      expenditureByClass: classLines((n) => c(line01(n)), 32),
    },
    income: record(['total', 'fiscal', ...OTHER_INCOME_SOURCES] as const, (key) => rowCell(t02, total02, key)),
    expenditure: record(['total', ...EXPENDITURE_KINDS] as const, (key) => rowCell(t03, total03, key)),
    fiscal: {
      incomeTotal: c(line04(32)),
      expenditureTotal: c(line04(64, 'total')),
      incomeSum: c(line04(27)),
      income: byFund((_, k) => c(line04(1 + k))),
      opening: byFund((_, k) => c(line04(29 + k))),
      expenditureByClass: byFundMap((fund) => classLines((n) => c(line04(n, fund)), 33)),
      expenditureSum: byFund((fund) => c(line04(59, fund))),
      closing: byFund((fund) => c(line04(60, fund))),
      expenditureTotalByFund: byFund((fund) => c(line04(64, fund))),
    },
    general: generalFigures(tables),
    economic: {
      personnelTotal: c('06.personnelTotal.amount'),
      publicTotal: c('06.publicTotal.amount'),
      code: (code) => c(`06.${code}.amount`),
      codeIfPrinted: (code) => cellIfPrinted(tables, `06.${code}.amount`),
    },
    govFund: {
      opening: rowCell(t07, total07, 'opening'),
      income: rowCell(t07, total07, 'income'),
      spending: rowCell(t07, total07, 'subtotal'),
      closing: rowCell(t07, total07, 'closing'),
    },
    stateCapital: { expenditure: rowCell(tables['08'], total08, 'total') },
    threePublic: {
      budget: threePublic(c, 'budget'),
      actual: threePublic(c, 'actual'),
    },
    procurement: { total: c(line10(1)), goods: c(line10(2)), works: c(line10(3)), services: c(line10(4)) },
    operatingCost: operatingCost(tables),
    vehicles: { total: c(line10(7)), byType: record(VEHICLE_TYPES, (_, k) => c(line10(8 + k))) },
    equipment: c(line10(17)),
  };
}

function byFundMap(read: (fund: Fund) => ReadonlyMap<string, Figure>): Record<Fund, ReadonlyMap<string, Figure>> {
  const out = {} as Record<Fund, ReadonlyMap<string, Figure>>;
  for (const f of FUNDS) out[f] = read(f);
  return out;
}

const THREE_PUBLIC_COLUMNS: readonly ThreePublicColumn[] = ['total', ...THREE_PUBLIC_ITEMS, 'vehicleTotal'];

function threePublic(c: (id: CellId) => Figure, side: 'budget' | 'actual'): Record<ThreePublicColumn, Figure> {
  return record(THREE_PUBLIC_COLUMNS, (column) => c(`09.${side}.${column}`));
}
