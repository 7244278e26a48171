/**
 * Semantic figures read from a layout of the standard tables: which table of a template plays
 * the part of 收入支出决算总表 (lines `L1` … `L62`), 收入决算表, 财政拨款收入支出决算总表, … and
 * which cell of it holds which figure. 山西 and 上海 lay the same lines and 科目 rows out in
 * tables of their own numbering (`shanxi/figures.ts`, `shanghai/figures.ts` name them); the
 * figures a template prints in no table (上海: 政府采购, 机关运行经费, 国有资产) are read from
 * the facts, with no cells. Every cell is read strictly: a cell the tables lack throws (a
 * programming error, never a 0); the figures that may legitimately be absent are the 科目 rows
 * without data and 机关运行经费 of a unit kind that has none.
 */
import { TABLE01_CLASSES } from '../catalogue';
import { EXPENDITURE_KINDS, type FactRef, readFact, type Report, type StatsMoneyField, THREE_PUBLIC_ITEMS, type VehicleType, VEHICLE_TYPES } from '../model';
import { cellById, type CellId, type DerivedTable, type DerivedTables, type Row, type TableId, tableOfCell, tableIn } from '../tables/types';
import { type Figure, FUNDS, type Fund, type GeneralRow, OTHER_INCOME_SOURCES, type SemanticFigures, type ThreePublicColumn } from './figures';
import { factsOfTables } from './figuresOf';

/** Which of a template's tables plays which part. */
export interface FigureLayout {
  /** 收入支出决算总表: lines `L1` … `L62`, column `amount`. */
  overview: TableId;
  /** 收入决算表, 支出决算表: 科目 tables with a `total` row. */
  income: TableId;
  expenditure: TableId;
  /** 财政拨款收入支出决算总表: lines `L1` … `L64`, columns `amount`, `total` and one per fund. */
  fiscal: TableId;
  /** 一般公共预算财政拨款支出决算表: columns `subtotal`, `basic`, `project`. */
  general: TableId;
  /** 一般公共预算财政拨款基本支出: `{table}.{code}.amount`, `personnelTotal`, `publicTotal`. */
  economic: TableId;
  /** 政府性基金预算财政拨款: columns `opening`, `income`, `subtotal`, `closing`. */
  govFund: TableId;
  /** 国有资本经营预算财政拨款支出: the table and the column of its 本年支出. */
  stateCapital: { table: TableId; column: string };
  /** 财政拨款“三公”经费: `{table}.{budget|actual}.{column}`. */
  threePublic: TableId;
  /** 部门决算公开相关信息统计表 (lines `L1` … `L17`, column `value`); absent: those figures come from the facts. */
  stats?: TableId;
}

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

/** The 合计 row of a 科目 table (always printed, blank when the table is empty; first, or 上海's 表5 last). */
function totalRow(table: DerivedTable): Row {
  const first = table.rows[0];
  if (first?.key === 'total') return first;
  const last = table.rows[table.rows.length - 1];
  if (last?.key === 'total') return last;
  throw new Error(`表${table.id} 没有合计行`);
}

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

function generalFigures(tables: DerivedTables, id: TableId): SemanticFigures['general'] {
  const t05 = tableIn(tables, id);
  const total = totalRow(t05);
  const rows: GeneralRow[] = [];
  const byCode = new Map<string, GeneralRow>();
  for (const row of t05.rows) {
    if (row.level === undefined) continue;
    const r: GeneralRow = { code: row.key, name: row.cells[1]?.text ?? '', level: row.level, subtotal: rowCell(t05, row, 'subtotal'), basic: rowCell(t05, row, 'basic'), project: rowCell(t05, row, 'project') };
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
function operatingCost(tables: DerivedTables, line10: (n: number) => CellId): Figure {
  const lines = [5, 6].map((n) => cellIfPrinted(tables, line10(n))).filter((f): f is Figure => f !== undefined);
  return { value: lines.reduce((s, f) => s + f.value, 0), cells: lines.flatMap((f) => f.cells) };
}

/** A figure read from typed facts (the template prints it in no table). */
const fromFacts = (report: Report, facts: readonly FactRef[]): Figure => ({ value: facts.reduce((s, f) => s + (readFact(report, f) ?? 0), 0), cells: [], facts });

/** 政府采购, 机关运行经费 and 国有资产: from 统计表 `stats`, or from the facts where the template prints no such table. */
function statsFigures(tables: DerivedTables, layout: FigureLayout, publicTotal: Figure): Pick<SemanticFigures, 'procurement' | 'operatingCost' | 'vehicles' | 'equipment'> {
  const id = layout.stats;
  if (id !== undefined) {
    const line10 = (n: number): CellId => `${id}.L${n}.value`;
    const c = (cellId: CellId) => cell(tables, cellId);
    return {
      procurement: { total: c(line10(1)), goods: c(line10(2)), works: c(line10(3)), services: c(line10(4)) },
      operatingCost: operatingCost(tables, line10),
      vehicles: { total: c(line10(7)), byType: record(VEHICLE_TYPES, (_, k) => c(line10(8 + k))) },
      equipment: c(line10(17)),
    };
  }
  const { department, report } = factsOfTables(tables);
  const facts = (...refs: FactRef[]) => fromFacts(report, refs);
  const stats = (field: StatsMoneyField): FactRef => ({ kind: 'stats', field });
  const vehicle = (type: VehicleType): FactRef => ({ kind: 'vehicle', type });
  // 机关运行经费 as 山西's 公开10表 prints it: the officer's figure, or 公用经费合计, for 行政单位 and 参公事业单位 only.
  const hasOperatingCost = department.unitKind === '行政单位' || department.unitKind === '参公事业单位';
  const operating = !hasOperatingCost ? { value: 0, cells: [] } : report.stats.operatingCostOverride !== null ? facts({ kind: 'operatingCost' }) : publicTotal;
  return {
    procurement: {
      total: facts(stats('procurementGoods'), stats('procurementWorks'), stats('procurementServices')),
      goods: facts(stats('procurementGoods')),
      works: facts(stats('procurementWorks')),
      services: facts(stats('procurementServices')),
    },
    operatingCost: operating,
    vehicles: { total: facts(...VEHICLE_TYPES.map(vehicle)), byType: record(VEHICLE_TYPES, (t) => facts(vehicle(t))) },
    equipment: facts({ kind: 'equipment' }),
  };
}

/** The semantic figures of tables laid out as `layout` says. */
export function layoutFigures(tables: DerivedTables, layout: FigureLayout): SemanticFigures {
  const c = (id: CellId) => cell(tables, id);
  const line01 = (n: number): CellId => `${layout.overview}.L${n}.amount`;
  const line04 = (n: number, column: 'amount' | 'total' | Fund = 'amount'): CellId => `${layout.fiscal}.L${n}.${column}`;
  const t02 = tableIn(tables, layout.income);
  const t03 = tableIn(tables, layout.expenditure);
  const t07 = tableIn(tables, layout.govFund);
  const t08 = tableIn(tables, layout.stateCapital.table);
  const total02 = totalRow(t02);
  const total03 = totalRow(t03);
  const total07 = totalRow(t07);
  const total08 = totalRow(t08);
  const eco = (code: string): CellId => `${layout.economic}.${code}.amount`;
  const publicTotal = c(eco('publicTotal'));
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
    general: generalFigures(tables, layout.general),
    economic: {
      personnelTotal: c(eco('personnelTotal')),
      publicTotal,
      code: (code) => c(eco(code)),
      codeIfPrinted: (code) => cellIfPrinted(tables, eco(code)),
    },
    govFund: {
      opening: rowCell(t07, total07, 'opening'),
      income: rowCell(t07, total07, 'income'),
      spending: rowCell(t07, total07, 'subtotal'),
      closing: rowCell(t07, total07, 'closing'),
    },
    stateCapital: { expenditure: rowCell(t08, total08, layout.stateCapital.column) },
    threePublic: {
      budget: threePublic(c, layout.threePublic, 'budget'),
      actual: threePublic(c, layout.threePublic, 'actual'),
    },
    ...statsFigures(tables, layout, publicTotal),
  };
}

function byFundMap(read: (fund: Fund) => ReadonlyMap<string, Figure>): Record<Fund, ReadonlyMap<string, Figure>> {
  const out = {} as Record<Fund, ReadonlyMap<string, Figure>>;
  for (const f of FUNDS) out[f] = read(f);
  return out;
}

const THREE_PUBLIC_COLUMNS: readonly ThreePublicColumn[] = ['total', ...THREE_PUBLIC_ITEMS, 'vehicleTotal'];

function threePublic(c: (id: CellId) => Figure, table: TableId, side: 'budget' | 'actual'): Record<ThreePublicColumn, Figure> {
  return record(THREE_PUBLIC_COLUMNS, (column) => c(`${table}.${side}.${column}`));
}
