/**
 * The consistency rules (勾稽关系) of the ten tables: the identities of SPEC §4 inside each
 * table, the links between tables, and report-level checks. Every comparison is made on the
 * printed figures with the rounding envelope of `printed.ts`.
 *
 * Identities that hold by construction are still checked: the checks must catch a broken model
 * as well as a broken report. Naming: `T01-…` inside table 01, `X-01-03-…` between tables 01
 * and 03, `R-…` over the whole report.
 */
import { TABLE01_CLASSES } from '../catalogue';
import {
  EXPENDITURE_KINDS,
  factRefKey,
  FISCAL_SPLITS,
  INCOME_SOURCES,
  type FactRef,
  type ItemField,
  STATS_MONEY_FIELDS,
  type StatsMoneyField,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_NAMES,
  VEHICLE_TYPES,
  type ThreePublicItem,
} from '../model';
import { formatWanCell, toPrintedUnits } from '../money';
import { type Cell, type CellId, type DerivedTable, type Row, type TableId, TABLE_IDS } from '../tables/types';
import {
  CellNamer,
  cellUnits,
  compareTerms,
  type CompareOptions,
  equalCheck,
  exactValue,
  finding,
  formatPrinted,
  getCell,
  printedUnits,
  rowIndex,
  type RuleMeta,
  sumCheck,
  type Term,
} from './printed';
import type { CheckContext, Finding, Rule, Severity } from './types';

type Run = (ctx: CheckContext, meta: RuleMeta) => Finding[];

/** Non-zero typed figures behind table 05's 基本支出 合计 and table 06's two 合计 (their rounding envelope). */
function basicLeafCount(ctx: CheckContext): number {
  const t05 = ctx.tables['05'];
  const basic = columnIndex(t05, 'basic');
  let n = 0;
  for (const row of t05.rows) if (row.level === 3 && (row.cells[basic]?.value ?? 0) !== 0) n++;
  for (const row of ctx.tables['06'].rows) for (const cell of row.cells) if (cell.kind === 'input' && (cell.value ?? 0) !== 0) n++;
  return n;
}

function rule(id: string, severity: Severity, title: string, description: string, run: Run): Rule {
  const meta: RuleMeta = { id, title, severity };
  return { id, title, severity, description, run: (ctx) => run(ctx, meta) };
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const line01 = (n: number): CellId => `01.L${n}.amount`;
const line04 = (n: number, col: 'amount' | 'total' | 'general' | 'govFund' | 'stateCapital' = 'amount'): CellId => `04.L${n}.${col}`;
const line10 = (n: number): CellId => `10.L${n}.value`;

/** Value columns of a 科目 table (after 科目代码, 科目名称). */
const FIRST_VALUE_COLUMN = 2;

// ---------------------------------------------------------------------------------------------
// 科目 tables (02, 03, 05, 07, 08): row identities and the 类/款/项 hierarchy.

/** Whether a total and its parts agree exactly, printed and stored (the fast path). */
function agrees(total: Cell | undefined, parts: readonly (Cell | undefined)[], signs?: readonly number[]): boolean {
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

/** The same on one row's columns, without allocating. */
function rowAgrees(row: Row, totalCol: number, partCols: readonly number[]): boolean {
  let printed = 0;
  let exact = 0;
  for (const c of partCols) {
    const p = row.cells[c];
    printed += cellUnits(p);
    exact += p?.value ?? 0;
  }
  const total = row.cells[totalCol];
  return printed === cellUnits(total) && exact === (total?.value ?? 0);
}

/** The same for a parent row's column against its children's. */
function childrenAgree(parent: Row, children: readonly Row[], col: number): boolean {
  let printed = 0;
  let exact = 0;
  for (const r of children) {
    const p = r.cells[col];
    printed += cellUnits(p);
    exact += p?.value ?? 0;
  }
  const total = parent.cells[col];
  return printed === cellUnits(total) && exact === (total?.value ?? 0);
}

function columnIndex(table: DerivedTable, key: string): number {
  const k = table.columns.findIndex((c) => c.key === key);
  if (k < 0) throw new Error(`表${table.id} 没有“${key}”栏`);
  return k;
}

/** Every row: `totalKey` = Σ `partKeys` (e.g. 表03 第1栏 = 第2至6栏之和). */
function rowIdentity(tid: TableId, totalKey: string, partKeys: readonly string[]): Run {
  return (ctx, meta) => {
    const table = ctx.tables[tid];
    const totalCol = columnIndex(table, totalKey);
    const partCols = partKeys.map((k) => columnIndex(table, k));
    const out: Finding[] = [];
    for (const row of table.rows) {
      if (rowAgrees(row, totalCol, partCols)) continue;
      out.push(...compareTerms(ctx, meta, [cellTerm(tid, row, totalCol, table)], partCols.map((c) => cellTerm(tid, row, c, table))));
    }
    return out;
  };
}

/** A term for the cell in column `col` of `row`, without looking it up again. */
function cellTerm(tid: TableId, row: Row, col: number, table: DerivedTable): Term {
  const cell = row.cells[col];
  const id = cell?.id ?? `${tid}.${row.key}.${table.columns[col]?.key ?? col}`;
  return cell ? { id, cell } : { id };
}

/** The parent row key of a 科目 row: 项 → 款, 款 → 类, 类 → 合计. */
function parentKey(row: Row): string | null {
  if (row.kind === 'total') return null;
  if (row.key.length === 7) return row.key.slice(0, 5);
  if (row.key.length === 5) return row.key.slice(0, 3);
  return 'total';
}

const CHILDREN_NAME: Record<string, string> = { total: '各类之和', 3: '下各款之和', 5: '下各项之和' };

/** 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, in every value column. */
function hierarchy(tid: TableId): Run {
  return (ctx, meta) => {
    const table = ctx.tables[tid];
    const rowByKey = rowIndex(table);
    const children = new Map<string, Row[]>();
    const out: Finding[] = [];
    for (const row of table.rows) {
      const parent = parentKey(row);
      if (parent === null) continue;
      if (!rowByKey.has(parent)) {
        out.push(
          finding(
            meta,
            `表${tid} ${row.key} ${row.cells[1]?.text ?? ''} 的上级科目 ${parent} 未列出，合计数无法包含它`,
            table.columns.slice(FIRST_VALUE_COLUMN).map((c) => `${tid}.${row.key}.${c.key}`),
            tid,
          ),
        );
        continue;
      }
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(row);
    }
    const valueColumns = table.columns.slice(FIRST_VALUE_COLUMN);
    for (const row of table.rows) {
      if (row.kind !== 'total' && row.key.length === 7) continue; // 项: typed
      const kids = children.get(row.key) ?? [];
      valueColumns.forEach((col, k) => {
        const c = k + FIRST_VALUE_COLUMN;
        if (childrenAgree(row, kids, c)) return;
        out.push(
          ...compareTerms(
            ctx,
            meta,
            [cellTerm(tid, row, c, table)],
            kids.map((r) => cellTerm(tid, r, c, table)),
            { rightLabel: `${row.key === 'total' ? '' : `${row.key} `}${CHILDREN_NAME[row.key === 'total' ? 'total' : row.key.length] ?? '下级之和'}` },
          ),
        );
      });
    }
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers for the line tables.

function sumLines(ctx: CheckContext, meta: RuleMeta, total: CellId, parts: readonly CellId[], options: CompareOptions = {}): Finding[] {
  return sumCheck(ctx, total, parts, meta, options);
}

const FUNDS04 = ['general', 'govFund', 'stateCapital'] as const;
const COLS04 = ['total', ...FUNDS04] as const;
const FUND_NAMES: Record<(typeof FUNDS04)[number], string> = {
  general: '一般公共预算财政拨款',
  govFund: '政府性基金预算财政拨款',
  stateCapital: '国有资本经营预算财政拨款',
};
const CLASS_LINES_04 = TABLE01_CLASSES.map((_, k) => 33 + k);
const CLASS_SET: ReadonlySet<string> = new Set(TABLE01_CLASSES);

/** 类 rows of a 科目 table that have no line on tables 01/04 (they could not be printed there). */
function unprintedClasses(ctx: CheckContext, meta: RuleMeta, tid: TableId, column: string, target: '01' | '04'): Finding[] {
  const out: Finding[] = [];
  for (const row of ctx.tables[tid].rows) {
    if (row.level !== 1 || CLASS_SET.has(row.key)) continue;
    const id = `${tid}.${row.key}.${column}`;
    const namer = new CellNamer(ctx);
    out.push(
      finding(
        meta,
        `${namer.name(id)} ${formatPrinted(printedUnits(ctx, id), false)}：类 ${row.key} 不在表${target}所列的26个类中，表${target}无法列示这笔支出`,
        [id],
        tid,
      ),
    );
  }
  return out;
}

/** 表NN 的 类 rows = the 类 lines of table 01/04, and no other 类. */
function classLines(tid: TableId, column: string, target: '01' | '04', lineCell: (line: number) => CellId, firstLine: number): Run {
  return (ctx, meta) => {
    const out: Finding[] = [];
    TABLE01_CLASSES.forEach((code, k) => {
      out.push(...equalCheck(ctx, lineCell(firstLine + k), `${tid}.${code}.${column}`, meta));
    });
    out.push(...unprintedClasses(ctx, meta, tid, column, target));
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Table 06.

interface Table06Layout {
  /** 类 code → its 款 codes (non-`——` cells only). */
  sections: Map<string, string[]>;
  personnelClasses: string[];
  publicClasses: string[];
}

const layoutCache = new WeakMap<DerivedTable, Table06Layout>();

/** Reads table 06's layout from its cells: group 1 is 人员经费, groups 2–4 公用经费. */
function table06Layout(table: DerivedTable): Table06Layout {
  const cached = layoutCache.get(table);
  if (cached) return cached;
  const sections = new Map<string, string[]>();
  const personnelClasses: string[] = [];
  const publicClasses: string[] = [];
  const codeOf = (cell: Cell): string | null => {
    const id = cell.id;
    if (!id || cell.kind === 'na' || !id.startsWith('06.') || !id.endsWith('.amount')) return null;
    const code = id.slice(3, -7);
    return (code.length === 3 || code.length === 5) && /^\d+$/.test(code) ? code : null;
  };
  for (const row of table.rows) {
    row.cells.forEach((cell, col) => {
      const code = codeOf(cell);
      if (code === null) return;
      if (code.length === 3) {
        (col < 3 ? personnelClasses : publicClasses).push(code);
        if (!sections.has(code)) sections.set(code, []);
        return;
      }
      let list = sections.get(code.slice(0, 3));
      if (!list) sections.set(code.slice(0, 3), (list = []));
      list.push(code);
    });
  }
  personnelClasses.sort();
  publicClasses.sort();
  const layout = { sections, personnelClasses, publicClasses };
  layoutCache.set(table, layout);
  return layout;
}

const eco = (code: string): CellId => `06.${code}.amount`;

// ---------------------------------------------------------------------------------------------
// Table 09 / 三公 against table 06.

const THREE_PUBLIC_CODES: Record<ThreePublicItem, readonly string[]> = {
  abroad: ['30212'],
  vehiclePurchase: ['31013', '30913'],
  vehicleOperation: ['30231'],
  reception: ['30217'],
};

/** The table-06 cells of an item's codes that hold a figure (not `——`, present in the edition). */
function economicTerms(ctx: CheckContext, item: ThreePublicItem): Term[] {
  return THREE_PUBLIC_CODES[item]
    .map(eco)
    .filter((id) => {
      const cell = getCell(ctx, id);
      return cell !== undefined && cell.kind !== 'na';
    })
    .map((id) => ({ id }));
}

// ---------------------------------------------------------------------------------------------
// 机关运行经费.

function operatingCostLine(ctx: CheckContext): 5 | 6 | null {
  const kind = ctx.department.unitKind;
  return kind === '行政单位' ? 5 : kind === '参公事业单位' ? 6 : null;
}

/** Table 10 lines 5 and 6 that carry a figure cell. */
function operatingCostTerms(ctx: CheckContext): Term[] {
  return [5, 6].map(line10).filter((id) => getCell(ctx, id) !== undefined).map((id) => ({ id }));
}

// ---------------------------------------------------------------------------------------------
// Tables 07/08 and their 说明：本表无数据.

function nonZeroCells(ctx: CheckContext, ids: readonly CellId[]): CellId[] {
  return ids.filter((id) => exactValue(ctx, id) !== 0);
}

function tableHasData(table: DerivedTable): boolean {
  if (table.rows.some((r) => r.kind !== 'total')) return true;
  return table.rows.some((r) => r.cells.some((c) => (c.value ?? 0) !== 0));
}

function emptyNoteRule(tid: '07' | '08', fundCells: (ctx: CheckContext) => CellId[]): Run {
  return (ctx, meta) => {
    const table = ctx.tables[tid];
    const withFigures = nonZeroCells(ctx, fundCells(ctx));
    const hasData = tableHasData(table);
    const noted = table.emptyNote !== undefined && table.emptyNote !== '';
    const fund = tid === '07' ? '政府性基金预算财政拨款' : '国有资本经营预算财政拨款';
    const totalCells = table.columns.slice(FIRST_VALUE_COLUMN).map((c) => `${tid}.total.${c.key}`);
    if (noted && hasData) {
      return [finding(meta, `表${tid} 列有数据，却印有“${table.emptyNote}”`, nonZeroCells(ctx, totalCells), tid)];
    }
    if (noted && withFigures.length > 0) {
      const namer = new CellNamer(ctx);
      const list = withFigures.slice(0, 3).map((id) => `${namer.name(id)} ${formatPrinted(printedUnits(ctx, id), false)}`);
      return [
        finding(meta, `表04 有${fund}数据（${list.join('，')}${withFigures.length > 3 ? '等' : ''}），表${tid} 却印“${table.emptyNote}”`, withFigures, tid),
      ];
    }
    if (!noted && !hasData && withFigures.length === 0) {
      return [finding(meta, `表04 没有${fund}数据，表${tid} 应印“说明：本表无数据”`, [], tid)];
    }
    return [];
  };
}

// ---------------------------------------------------------------------------------------------
// Negative amounts.

/** Carry-over facts, which may be negative. */
function negativeAllowedFact(ref: FactRef): boolean {
  if (ref.kind === 'fiscalCarry') return true;
  if (ref.kind === 'summary') return ref.field === 'openingBalance' || ref.field === 'closingBalance';
  if (ref.kind === 'item') return ref.field === 'govFundOpening' || ref.field === 'govFundClosing';
  return false;
}

/** Derived cells that include a carry-over and may be negative with it. */
function negativeAllowedCell(id: CellId): boolean {
  const [tid, row, col] = id.split('.');
  if (tid === '01') return row === 'L29' || row === 'L31' || row === 'L60' || row === 'L62';
  if (tid === '04') return ['L28', 'L29', 'L30', 'L31', 'L32', 'L60', 'L64'].includes(row ?? '');
  if (tid === '07') return col === 'opening' || col === 'closing';
  return false;
}

const FACT_NAMES: Partial<Record<StatsMoneyField, string>> = {
  procurementSme: '政府采购 授予中小企业合同金额',
  procurementMicro: '政府采购 授予小微企业合同金额',
};

function factLabel(ref: FactRef): string {
  switch (ref.kind) {
    case 'item':
      return `科目 ${ref.code} ${ref.field}`;
    case 'economic':
      return `经济分类 ${ref.code}`;
    case 'stats':
      return FACT_NAMES[ref.field] ?? ref.field;
    default:
      return factRefKey(ref);
  }
}

/** The negative facts of the report that are not carry-overs (allocates only for those). */
function negativeFacts(ctx: CheckContext): [FactRef, number][] {
  const { report } = ctx;
  const out: [FactRef, number][] = [];
  for (const item of report.items) {
    for (const k of INCOME_SOURCES) if (item.income[k] < 0) out.push([{ kind: 'item', code: item.code, field: `income.${k}` }, item.income[k]]);
    for (const k of EXPENDITURE_KINDS) {
      if (item.expenditure[k] < 0) out.push([{ kind: 'item', code: item.code, field: `expenditure.${k}` }, item.expenditure[k]]);
    }
    for (const k of FISCAL_SPLITS) if (item.fiscal[k] < 0) out.push([{ kind: 'item', code: item.code, field: `fiscal.${k}` }, item.fiscal[k]]);
  }
  for (const [code, value] of Object.entries(report.economic)) if (value < 0) out.push([{ kind: 'economic', code }, value]);
  for (const field of SUMMARY_FIELDS) {
    const ref: FactRef = { kind: 'summary', field };
    if (report.summary[field] < 0 && !negativeAllowedFact(ref)) out.push([ref, report.summary[field]]);
  }
  for (const side of ['budget', 'actual'] as const) {
    for (const item of THREE_PUBLIC_ITEMS) {
      const value = report.threePublic[side][item];
      if (value < 0) out.push([{ kind: 'threePublic', side, item }, value]);
    }
  }
  for (const field of STATS_MONEY_FIELDS) if (report.stats[field] < 0) out.push([{ kind: 'stats', field }, report.stats[field]]);
  const override = report.stats.operatingCostOverride;
  if (override !== null && override < 0) out.push([{ kind: 'operatingCost' }, override]);
  for (const type of VEHICLE_TYPES) if (report.stats.vehicles[type] < 0) out.push([{ kind: 'vehicle', type }, report.stats.vehicles[type]]);
  if (report.stats.equipmentCount < 0) out.push([{ kind: 'equipment' }, report.stats.equipmentCount]);
  return out;
}

function negativeAmounts(ctx: CheckContext, meta: RuleMeta): Finding[] {
  const facts = negativeFacts(ctx);
  const negativeCells: [Cell, CellId][] = [];
  for (const tid of TABLE_IDS) {
    for (const row of ctx.tables[tid].rows) {
      for (const cell of row.cells) if (cell.id && cell.value !== undefined && cell.value < 0) negativeCells.push([cell, cell.id]);
    }
  }
  if (facts.length === 0 && negativeCells.length === 0) return [];

  // Where each negative fact prints: input cells carry `fact`, derived sums of facts `sourceFacts`.
  const negativeKeys = new Set(facts.map(([ref]) => factRefKey(ref)));
  const factCells = new Map<string, CellId[]>();
  if (facts.length > 0) {
    for (const tid of TABLE_IDS) {
      for (const row of ctx.tables[tid].rows) {
        for (const cell of row.cells) {
          if (!cell.id) continue;
          const refs = cell.kind === 'input' && cell.fact ? [cell.fact] : (cell.sourceFacts ?? []);
          for (const ref of refs) {
            const key = factRefKey(ref);
            if (!negativeKeys.has(key)) continue;
            const list = factCells.get(key);
            if (list) list.push(cell.id);
            else factCells.set(key, [cell.id]);
          }
        }
      }
    }
  }
  const out: Finding[] = [];
  for (const [ref, value] of facts) {
    const cells = factCells.get(factRefKey(ref)) ?? [];
    const count = ref.kind === 'vehicle' || ref.kind === 'equipment';
    const shown = count ? String(value) : `${formatPrinted(toPrintedUnits(value), false)} 万元`;
    const where = cells.length > 0 ? new CellNamer(ctx).name(cells[0]!) : factLabel(ref);
    out.push(finding(meta, `${where} 为负数 ${shown}：此项不允许为负（只有结转和结余可以为负）`, cells, cells[0]?.slice(0, 2) as TableId | undefined));
  }
  // A negative cell that no negative fact explains: the model itself is wrong.
  const negativeIds = new Set(negativeCells.map(([, id]) => id));
  for (const [cell, id] of negativeCells) {
    if (negativeAllowedCell(id)) continue;
    if (cell.fact && cell.kind === 'input' && (negativeKeys.has(factRefKey(cell.fact)) || negativeAllowedFact(cell.fact))) continue;
    if (cell.sourceFacts?.some((f) => negativeKeys.has(factRefKey(f)))) continue;
    if (cell.refs?.some((r) => negativeIds.has(r))) continue;
    const shown = cell.valueType === 'count' ? String(cell.value) : `${formatPrinted(toPrintedUnits(cell.value ?? 0), false)} 万元`;
    out.push(finding(meta, `${new CellNamer(ctx).name(id)} 为负数 ${shown}：此项不允许为负`, [id], id.slice(0, 2) as TableId));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Printed text of a money cell.

/**
 * Whether `text` is exactly `formatWanCell(fen, { grouping })` — blank for 0, else
 * `[-]1,234.56` — checked character by character without building the string (a large
 * department has tens of thousands of cells).
 */
export function printsAs(text: string, fen: number, grouping: boolean): boolean {
  if (fen === 0) return text === '';
  const units = toPrintedUnits(fen);
  const start = units < 0 ? 1 : 0;
  if (start === 1 && text.charCodeAt(0) !== 45 /* - */) return false;
  const abs = Math.abs(units);
  const n = text.length;
  if (n - start < 4 || text.charCodeAt(n - 3) !== 46 /* . */) return false;
  if (text.charCodeAt(n - 2) !== 48 + Math.floor((abs % 100) / 10) || text.charCodeAt(n - 1) !== 48 + (abs % 10)) return false;
  let whole = Math.floor(abs / 100);
  let pos = n - 4;
  let digits = 0;
  do {
    if (grouping && digits > 0 && digits % 3 === 0) {
      if (text.charCodeAt(pos) !== 44 /* , */) return false;
      pos--;
    }
    if (text.charCodeAt(pos) !== 48 + (whole % 10)) return false;
    whole = Math.floor(whole / 10);
    digits++;
    pos--;
  } while (whole > 0);
  return pos === start - 1;
}

// ---------------------------------------------------------------------------------------------
// The rules.

export const TABLE_RULES: Rule[] = [
  // 表01 收入支出决算总表
  rule('T01-INCOME-TOTAL', '错误', '表01 本年收入合计', '表01 第27行“本年收入合计” = 第1至8行之和（各项收入）。', (ctx, m) =>
    sumLines(ctx, m, line01(27), range(1, 8).map(line01), { rightLabel: '第1至8行之和' }),
  ),
  rule('T01-GRAND-INCOME', '错误', '表01 收入总计', '表01 第31行“总计” = 第27行本年收入合计 + 第28行使用非财政拨款结余 + 第29行年初结转和结余。', (ctx, m) =>
    sumLines(ctx, m, line01(31), [27, 28, 29].map(line01)),
  ),
  rule('T01-EXP-TOTAL', '错误', '表01 本年支出合计', '表01 第58行“本年支出合计” = 第32至57行（26个类）之和。', (ctx, m) =>
    sumLines(ctx, m, line01(58), range(32, 57).map(line01), { rightLabel: '第32至57行之和' }),
  ),
  rule('T01-GRAND-EXP', '错误', '表01 支出总计', '表01 第62行“总计” = 第58行本年支出合计 + 第59行结余分配 + 第60行年末结转和结余。', (ctx, m) =>
    sumLines(ctx, m, line01(62), [58, 59, 60].map(line01)),
  ),
  rule('T01-BALANCE', '错误', '表01 收支总计平衡', '表01 收入总计（第31行）= 支出总计（第62行）。年初、年末结转和结余及结余分配是录入数，可能不平衡。', (ctx, m) =>
    equalCheck(ctx, line01(31), line01(62), m),
  ),

  // 表02 收入决算表
  rule('T02-ROW-TOTAL', '错误', '表02 本年收入合计栏', '表02 每一行：第1栏“本年收入合计” = 第2至7栏之和。', rowIdentity('02', 'total', ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'])),
  rule('T02-HIERARCHY', '错误', '表02 科目汇总', '表02 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('02')),

  // 表03 支出决算表
  rule('T03-ROW-TOTAL', '错误', '表03 本年支出合计栏', '表03 每一行：第1栏“本年支出合计” = 第2至6栏之和（基本、项目、上缴上级、经营、对附属单位补助支出）。', rowIdentity('03', 'total', ['basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy'])),
  rule('T03-HIERARCHY', '错误', '表03 科目汇总', '表03 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('03')),

  // 表04 财政拨款收入支出决算总表
  rule('T04-INCOME-TOTAL', '错误', '表04 本年收入合计', '表04 第27行“本年收入合计” = 第1、2、3行之和（三项财政拨款收入）。', (ctx, m) =>
    sumLines(ctx, m, line04(27), [1, 2, 3].map((n) => line04(n))),
  ),
  rule('T04-OPENING', '错误', '表04 年初财政拨款结转和结余', '表04 第28行“年初财政拨款结转和结余” = 第29、30、31行之和。', (ctx, m) =>
    sumLines(ctx, m, line04(28), [29, 30, 31].map((n) => line04(n))),
  ),
  rule('T04-GRAND-INCOME', '错误', '表04 收入总计', '表04 第32行“总计” = 第27行 + 第28行。', (ctx, m) => sumLines(ctx, m, line04(32), [line04(27), line04(28)])),
  rule('T04-ROW-FUNDS', '错误', '表04 支出合计栏', '表04 每个类行及第59、60、64行：第2栏“合计” = 第3、4、5栏之和（三项财政拨款）。', (ctx, m) =>
    [...CLASS_LINES_04, 59, 60, 64].flatMap((n) => sumLines(ctx, m, line04(n, 'total'), FUNDS04.map((f) => line04(n, f)))),
  ),
  rule('T04-EXP-TOTAL', '错误', '表04 本年支出合计', '表04 第59行“本年支出合计”每一栏 = 第33至58行（26个类）之和。', (ctx, m) =>
    COLS04.flatMap((col) => sumLines(ctx, m, line04(59, col), CLASS_LINES_04.map((n) => line04(n, col)), { rightLabel: '第33至58行之和' })),
  ),
  rule('T04-GRAND-EXP', '错误', '表04 支出总计', '表04 第64行“总计”每一栏 = 第59行本年支出合计 + 第60行年末财政拨款结转和结余。', (ctx, m) =>
    COLS04.flatMap((col) => sumLines(ctx, m, line04(64, col), [line04(59, col), line04(60, col)])),
  ),
  rule('T04-BALANCE', '错误', '表04 收支总计平衡', '表04 收入总计（第32行）= 支出总计（第64行 合计栏）。', (ctx, m) =>
    equalCheck(ctx, line04(32), line04(64, 'total'), m),
  ),
  rule(
    'T04-FUND-BALANCE',
    '错误',
    '表04 分资金收支平衡',
    '表04 每项财政拨款：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余（一般公共预算：第29行 + 第1行 = 第59行 + 第60行 第3栏；政府性基金：第30行 + 第2行 = 第4栏；国有资本经营：第31行 + 第3行 = 第5栏）。年初、年末结转是录入数。',
    (ctx, m) => {
      const opening = { general: 29, govFund: 30, stateCapital: 31 } as const;
      const income = { general: 1, govFund: 2, stateCapital: 3 } as const;
      return FUNDS04.flatMap((f) =>
        compareTerms(
          ctx,
          m,
          [{ id: line04(opening[f]) }, { id: line04(income[f]) }],
          [{ id: line04(59, f) }, { id: line04(60, f) }],
          { prefix: `${FUND_NAMES[f]}：` },
        ),
      );
    },
  ),

  // 表05 一般公共预算财政拨款支出决算表
  rule('T05-ROW-TOTAL', '错误', '表05 本年支出小计栏', '表05 每一行：第1栏“小计” = 第2栏基本支出 + 第3栏项目支出。', rowIdentity('05', 'subtotal', ['basic', 'project'])),
  rule('T05-HIERARCHY', '错误', '表05 科目汇总', '表05 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('05')),

  // 表06 一般公共预算财政拨款基本支出决算明细表
  rule('T06-CLASS', '错误', '表06 经济分类类级汇总', '表06 每个经济分类类（301、302、303、307、310、312、313、399 等）= 所属各款之和；印“——”的类（309、311）不参与。', (ctx, m) => {
    const layout = table06Layout(ctx.tables['06']);
    const out: Finding[] = [];
    for (const code of [...layout.personnelClasses, ...layout.publicClasses]) {
      const sections = layout.sections.get(code) ?? [];
      const total = getCell(ctx, eco(code));
      if (agrees(total, sections.map((s) => getCell(ctx, eco(s))))) continue;
      out.push(...sumCheck(ctx, eco(code), sections.map(eco), m, { rightLabel: `${code} 下各款之和` }));
    }
    return out;
  }),
  rule('T06-PERSONNEL-TOTAL', '错误', '表06 人员经费合计', '表06 人员经费合计 = 人员经费各类之和（301 工资福利支出 + 303 对个人和家庭的补助）。', (ctx, m) => {
    const layout = table06Layout(ctx.tables['06']);
    return sumCheck(ctx, '06.personnelTotal.amount', layout.personnelClasses.map(eco), m);
  }),
  rule('T06-PUBLIC-TOTAL', '错误', '表06 公用经费合计', '表06 公用经费合计 = 公用经费各类之和（302 + 307 + 310 + 312 + 313 + 399；309、311 印“——”不参与）。', (ctx, m) => {
    const layout = table06Layout(ctx.tables['06']);
    return sumCheck(ctx, '06.publicTotal.amount', layout.publicClasses.map(eco), m);
  }),

  // 表07 政府性基金预算财政拨款收入支出决算表
  rule('T07-ROW-SUBTOTAL', '错误', '表07 本年支出小计栏', '表07 每一行：第3栏“本年支出小计” = 第4栏基本支出 + 第5栏项目支出。', rowIdentity('07', 'subtotal', ['basic', 'project'])),
  rule('T07-HIERARCHY', '错误', '表07 科目汇总', '表07 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('07')),
  rule(
    'T07-CARRY',
    '错误',
    '表07 年末结转和结余',
    '表07 每一行：第6栏“年末结转和结余” = 第1栏年初结转和结余 + 第2栏本年收入 − 第3栏本年支出。年初、年末结转是录入数；一个项不平衡时只报告该项，不重复报告其款、类和合计行。',
    (ctx, m) => {
      const table = ctx.tables['07'];
      const [opening, income, subtotal, closing] = ['opening', 'income', 'subtotal', 'closing'].map((k) => columnIndex(table, k)) as [number, number, number, number];
      const failing: Row[] = [];
      const failingAncestors = new Set<string>();
      for (const row of table.rows) {
        const c = row.cells;
        if (agrees(c[closing], [c[opening], c[income], c[subtotal]], [1, 1, -1])) continue;
        failing.push(row);
        if (row.key.length === 7) failingAncestors.add(row.key.slice(0, 5));
        if (row.key.length >= 5) failingAncestors.add(row.key.slice(0, 3));
        if (row.kind !== 'total') failingAncestors.add('total');
      }
      return failing
        .filter((row) => !failingAncestors.has(row.key))
        .flatMap((row) => {
          const id = (k: string): CellId => `07.${row.key}.${k}`;
          return compareTerms(ctx, m, [{ id: id('closing') }], [{ id: id('opening') }, { id: id('income') }, { id: id('subtotal'), sign: -1 }]);
        });
    },
  ),

  // 表08 国有资本经营预算财政拨款支出决算表
  rule('T08-ROW-TOTAL', '错误', '表08 本年支出合计栏', '表08 每一行：第1栏“合计” = 第2栏基本支出 + 第3栏项目支出。', rowIdentity('08', 'total', ['basic', 'project'])),
  rule('T08-HIERARCHY', '错误', '表08 科目汇总', '表08 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('08')),

  // 表09 财政拨款“三公”经费支出决算表
  rule('T09-TOTAL', '错误', '表09 三公经费合计', '表09 预算数、决算数各自：合计 = 因公出国（境）费 + 公务用车购置及运行维护费小计 + 公务接待费（第1栏 = 第2、3、6栏之和；第7栏 = 第8、9、12栏之和）。', (ctx, m) =>
    (['budget', 'actual'] as const).flatMap((side) =>
      sumCheck(ctx, `09.${side}.total`, [`09.${side}.abroad`, `09.${side}.vehicleTotal`, `09.${side}.reception`], m),
    ),
  ),
  rule('T09-VEHICLE', '错误', '表09 公务用车小计', '表09 预算数、决算数各自：公务用车购置及运行维护费小计 = 公务用车购置费 + 公务用车运行维护费（第3栏 = 第4、5栏之和；第9栏 = 第10、11栏之和）。', (ctx, m) =>
    (['budget', 'actual'] as const).flatMap((side) =>
      sumCheck(ctx, `09.${side}.vehicleTotal`, [`09.${side}.vehiclePurchase`, `09.${side}.vehicleOperation`], m),
    ),
  ),

  // 表10 部门决算公开相关信息统计表
  rule('T10-PROCUREMENT', '错误', '表10 政府采购合计', '表10 第1行 政府采购支出合计 = 第2、3、4行之和（货物、工程、服务）。', (ctx, m) =>
    sumCheck(ctx, line10(1), [2, 3, 4].map(line10), m),
  ),
  rule('T10-VEHICLES', '错误', '表10 车辆数合计', '表10 第7行 车辆数合计 = 第8至15行之和（各类用车，单位：辆）。', (ctx, m) =>
    sumCheck(ctx, line10(7), range(8, 15).map(line10), m, { rightLabel: '第8至15行之和' }),
  ),
];

export const CROSS_RULES: Rule[] = [
  rule('X-01-02-INCOME', '错误', '表01与表02 本年收入合计', '表01 第27行“本年收入合计” = 表02 合计行 第1栏“本年收入合计”。', (ctx, m) =>
    equalCheck(ctx, line01(27), '02.total.total', m),
  ),
  rule('X-01-02-SOURCE', '错误', '表01与表02 各项收入', '表01 第4至8行（上级补助、事业、经营、附属单位上缴、其他收入）= 表02 合计行 第3至7栏；表01 第1至3行之和 = 表02 合计行 第2栏“财政拨款收入”。', (ctx, m) => {
    const columns = ['superior', 'business', 'operating', 'affiliated', 'other'];
    return [
      ...sumCheck(ctx, '02.total.fiscal', [1, 2, 3].map(line01), m),
      ...columns.flatMap((col, k) => equalCheck(ctx, line01(4 + k), `02.total.${col}`, m)),
    ];
  }),
  rule('X-01-04-FISCAL', '错误', '表01与表04 财政拨款收入', '表01 第1、2、3行（三项财政拨款收入）= 表04 第1、2、3行。', (ctx, m) =>
    [1, 2, 3].flatMap((n) => equalCheck(ctx, line01(n), line04(n), m)),
  ),
  rule('X-01-03-EXP', '错误', '表01与表03 本年支出合计', '表01 第58行“本年支出合计” = 表03 合计行 第1栏“本年支出合计”。', (ctx, m) =>
    equalCheck(ctx, line01(58), '03.total.total', m),
  ),
  rule(
    'X-01-03-CLASS',
    '错误',
    '表01与表03 分类支出',
    '表01 第32至57行每个类 = 表03 同一类行的“本年支出合计”；表03 列有表01 26个类以外的类（表01无法列示）也是错误。',
    classLines('03', 'total', '01', line01, 32),
  ),
  rule('X-02-04-FISCAL', '错误', '表02与表04 财政拨款收入', '表02 合计行 第2栏“财政拨款收入” = 表04 第27行“本年收入合计”。', (ctx, m) =>
    equalCheck(ctx, '02.total.fiscal', line04(27), m),
  ),
  rule(
    'X-04-05-CLASS',
    '错误',
    '表04与表05 一般公共预算财政拨款支出',
    '表04 第33至58行第3栏（一般公共预算财政拨款）每个类 = 表05 同一类行的“小计”；表05 不得列有26个类以外的类。',
    classLines('05', 'subtotal', '04', (n) => line04(n, 'general'), 33),
  ),
  rule(
    'X-04-07-CLASS',
    '错误',
    '表04与表07 政府性基金预算财政拨款支出',
    '表04 第33至58行第4栏（政府性基金预算财政拨款）每个类 = 表07 同一类行的“本年支出小计”；表07 不得列有26个类以外的类。',
    classLines('07', 'subtotal', '04', (n) => line04(n, 'govFund'), 33),
  ),
  rule(
    'X-04-08-CLASS',
    '错误',
    '表04与表08 国有资本经营预算财政拨款支出',
    '表04 第33至58行第5栏（国有资本经营预算财政拨款）每个类 = 表08 同一类行的“合计”；表08 不得列有26个类以外的类。',
    classLines('08', 'total', '04', (n) => line04(n, 'stateCapital'), 33),
  ),
  rule('X-04-07-CARRY', '错误', '表04与表07 政府性基金结转和结余', '表04 第30行“年初 政府性基金预算财政拨款” = 表07 合计行 年初结转和结余；表04 第60行第4栏 = 表07 合计行 年末结转和结余。', (ctx, m) => [
    ...equalCheck(ctx, line04(30), '07.total.opening', m),
    ...equalCheck(ctx, line04(60, 'govFund'), '07.total.closing', m),
  ]),
  rule(
    'X-04-07-EMPTY',
    '错误',
    '表07 无数据说明',
    '表04 没有政府性基金预算财政拨款数据（第2、30行，第4栏）⇔ 表07 印“说明：本表无数据”；表07 有数据时不得印此说明。',
    emptyNoteRule('07', () => [line04(2), line04(30), ...[...CLASS_LINES_04, 59, 60, 64].map((n) => line04(n, 'govFund'))]),
  ),
  rule(
    'X-04-08-EMPTY',
    '错误',
    '表08 无数据说明',
    '表04 没有国有资本经营预算财政拨款支出（第5栏 第33至59行）⇔ 表08 印“说明：本表无数据”；表08 有数据时不得印此说明。（只有收入或结转而无支出时表08 仍为空表。）',
    emptyNoteRule('08', () => [...CLASS_LINES_04, 59].map((n) => line04(n, 'stateCapital'))),
  ),
  rule(
    'X-05-06-BASIC',
    '错误',
    '表05与表06 基本支出',
    '表05 合计行 第2栏“基本支出” = 表06 人员经费合计 + 公用经费合计。表06 的经济分类数是另行录入的，可能不一致；两边都由许多录入数相加（照印出的万元数录入时各有尾数），尾数误差按录入数的个数估计（三倍标准差，不少于0.01万元）。',
    (ctx, m) => sumCheck(ctx, '05.total.basic', ['06.personnelTotal.amount', '06.publicTotal.amount'], m, { envelopeLeaves: basicLeafCount(ctx) }),
  ),
  rule(
    'X-03-FISCAL-ITEM',
    '错误',
    '财政拨款支出不超过总支出',
    '每个项：表05、07、08 的基本支出之和 ≤ 表03 基本支出，表05、07、08 的项目支出之和 ≤ 表03 项目支出（财政拨款只是支出的一部分）。',
    (ctx, m) => {
      const fiscalTables = (['05', '07', '08'] as const).map((tid) => {
        const table = ctx.tables[tid];
        return { tid, table, rows: rowIndex(table), basic: columnIndex(table, 'basic'), project: columnIndex(table, 'project') };
      });
      const t03 = ctx.tables['03'];
      const rows03 = rowIndex(t03);
      const col03 = { basic: columnIndex(t03, 'basic'), project: columnIndex(t03, 'project') };
      const codes = new Set<string>();
      for (const t of fiscalTables) for (const row of t.table.rows) if (row.kind !== 'total' && row.key.length === 7) codes.add(row.key);
      const out: Finding[] = [];
      for (const code of [...codes].sort()) {
        for (const kind of ['basic', 'project'] as const) {
          // Fast path: within the total, printed and stored.
          let printed = 0;
          let exact = 0;
          const present: CellId[] = [];
          for (const t of fiscalTables) {
            const cell = t.rows.get(code)?.cells[t[kind]];
            if (!cell) continue;
            present.push(`${t.tid}.${code}.${kind}`);
            printed += cellUnits(cell);
            exact += cell.value ?? 0;
          }
          const total = rows03.get(code)?.cells[col03[kind]];
          if (printed <= cellUnits(total) && exact <= (total?.value ?? 0)) continue;
          out.push(...compareTerms(ctx, m, [{ id: `03.${code}.${kind}` }], present.map((id) => ({ id })), { relation: 'ge' }));
        }
      }
      return out;
    },
  ),
  rule(
    'X-09-06-THREE',
    '错误',
    '三公经费不低于基本支出中的对应科目',
    '表09 决算数各项不得低于表06 对应经济分类：因公出国（境）费 ≥ 30212，公务用车运行维护费 ≥ 30231，公务接待费 ≥ 30217，公务用车购置费 ≥ 31013 + 30913（表06 中印“——”的不计）。三公经费还包括项目支出和以前年度结转，所以可以更高。决算数为空时由 R-THREE-PUBLIC-MISSING 报告。',
    (ctx, m) =>
      THREE_PUBLIC_ITEMS.flatMap((item) => {
        const id = `09.actual.${item}`;
        const terms = economicTerms(ctx, item);
        if (terms.length === 0 || printedUnits(ctx, id) === 0) return [];
        return compareTerms(ctx, m, [{ id }], terms, { relation: 'ge' });
      }),
  ),
  rule('X-09-BUDGET', '警告', '三公经费决算超预算', '表09 每项“三公”经费决算数不应超过预算数（第8、10、11、12栏 ≤ 第2、4、5、6栏）；超出需在情况说明中解释。', (ctx, m) =>
    THREE_PUBLIC_ITEMS.flatMap((item) => compareTerms(ctx, m, [{ id: `09.actual.${item}` }], [{ id: `09.budget.${item}` }], { relation: 'le' })),
  ),
  rule(
    'X-10-06-OPCOST',
    '警告',
    '机关运行经费与公用经费',
    '行政单位、参公事业单位：表10 机关运行经费（第5行或第6行）= 表06 公用经费合计。手工改写机关运行经费后不一致时提醒核对。为空时由 R-OPCOST-MISSING 报告。',
    (ctx, m) => {
      if (operatingCostLine(ctx) === null) return [];
      const terms = operatingCostTerms(ctx);
      if (terms.length === 0 || terms.every((t) => printedUnits(ctx, t.id) === 0)) return [];
      return compareTerms(ctx, m, terms, [{ id: '06.publicTotal.amount' }]);
    },
  ),
];

export const REPORT_RULES: Rule[] = [
  rule(
    'R-THREE-PUBLIC-MISSING',
    '错误',
    '三公经费漏填',
    '表06 有因公出国（境）费 30212、公务用车运行维护费 30231、公务接待费 30217 或公务用车购置 31013 的支出，表09 对应的决算数却为空。',
    (ctx, m) =>
      THREE_PUBLIC_ITEMS.flatMap((item) => {
        const id = `09.actual.${item}`;
        const withFigures = economicTerms(ctx, item).filter((t) => printedUnits(ctx, t.id) !== 0);
        if (withFigures.length === 0 || printedUnits(ctx, id) !== 0) return [];
        const namer = new CellNamer(ctx);
        const list = withFigures.map((t) => `${namer.name(t.id)} ${formatPrinted(printedUnits(ctx, t.id), false)}`).join('，');
        return [finding(m, `${list}，但${namer.name(id)}为空：${THREE_PUBLIC_NAMES[item]}漏填`, [id, ...withFigures.map((t) => t.id)], '09')];
      }),
  ),
  rule(
    'R-OPCOST-MISSING',
    '错误',
    '机关运行经费漏填',
    '行政单位、参公事业单位表06 公用经费合计大于0时，表10 机关运行经费（行政单位第5行，参公事业单位第6行）不得为空。',
    (ctx, m) => {
      const line = operatingCostLine(ctx);
      if (line === null) return [];
      const publicUnits = printedUnits(ctx, '06.publicTotal.amount');
      const terms = operatingCostTerms(ctx);
      if (publicUnits === 0 || terms.some((t) => printedUnits(ctx, t.id) !== 0)) return [];
      const namer = new CellNamer(ctx);
      const first = namer.name('06.publicTotal.amount');
      return [
        finding(
          m,
          `${first} ${formatPrinted(publicUnits, false)}，但表10 第${line}行 机关运行经费为空（${ctx.department.unitKind}）`,
          [line10(line), '06.publicTotal.amount'],
          '10',
        ),
      ];
    },
  ),
  rule(
    'R-NEGATIVE',
    '错误',
    '不允许的负数',
    '除年初、年末结转和结余（表01 第29、60行，表04 第29至31、60行，表07 第1、6栏）以外，录入数和表中金额都不得为负数。每个负数只在其来源处报告一次。',
    negativeAmounts,
  ),
  rule('R-FRAME', '错误', '表头单位名称和年度', '每张表的“部门名称/单位名称”与单位名称一致，“XXXX年度”与报告年度一致。', (ctx, m) => {
    const out: Finding[] = [];
    const name = ctx.department.name;
    const year = `${ctx.report.year}年度`;
    for (const tid of TABLE_IDS) {
      const table = ctx.tables[tid];
      const printedName = table.orgLine.replace(/^(部门名称|单位名称)：/, '');
      if (printedName !== name) {
        out.push(finding(m, `表${tid} 印“${table.orgLine}”，与单位名称“${name}”不一致`, [], tid));
      }
      if (table.yearLine !== year) {
        out.push(finding(m, `表${tid} 印“${table.yearLine}”，与报告年度“${year}”不一致`, [], tid));
      }
    }
    return out;
  }),
  rule(
    'R-CELL-TEXT',
    '错误',
    '打印数与数据一致',
    '每个金额单元格印出的文字 = 其金额按0.01万元四舍五入（零印空白，按设置加千分位）；数量单元格印整数。检查以单元格金额计算，印出的文字必须与之一致。',
    (ctx, m) => {
      const grouping = ctx.report.settings.tableGrouping;
      const out: Finding[] = [];
      for (const tid of TABLE_IDS) {
        for (const row of ctx.tables[tid].rows) {
          for (const cell of row.cells) {
            if (!cell.id || cell.value === undefined) continue;
            if (cell.valueType === 'count' ? cell.text === (cell.value === 0 ? '' : String(cell.value)) : printsAs(cell.text, cell.value, grouping)) continue;
            const expected = cell.valueType === 'count' ? (cell.value === 0 ? '' : String(cell.value)) : formatWanCell(cell.value, { grouping });
            const namer = new CellNamer(ctx);
            out.push(finding(m, `${namer.name(cell.id)} 印“${cell.text}”，按其金额应印“${expected}”`, [cell.id], tid));
          }
        }
      }
      return out;
    },
  ),
];
