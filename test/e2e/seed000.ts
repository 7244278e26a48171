/**
 * What the officer types in the e2e journey — the printed figures of seed 000 (晋城市商务局 2023)
 * tables 03, 05 and 06, read from the seed text — and what the derived cells must then show.
 *
 * The derived figures are the sums of the typed (printed, rounded to 0.01 万元) leaves. The seed's
 * own totals were summed before rounding, so a few of them differ from the typed leaves' sum by
 * 0.01 万元 — the rounding envelope. Those cells are listed in ROUNDING_DIFFERENCES with both
 * figures; every other checked cell must equal the printed figure exactly.
 */
import { readSeedTables, SEED_000, type SeedTable } from '../harness/seedTables';
import { hundredthsOf, printedOf } from './browser';

const seed = readSeedTables(SEED_000);

export interface ItemRow {
  code: string;
  /** As printed (万元, '' for blank). */
  basic: string;
  project: string;
}

/** 项 rows (7-digit codes) of a 科目 table: 基本支出 and 项目支出 as printed. */
function itemRows(table: SeedTable, basicCol: number, projectCol: number): ItemRow[] {
  return table.rows.filter((r) => /^\d{7}$/.test(r.key)).map((r) => ({ code: r.key, basic: r.values[basicCol] ?? '', project: r.values[projectCol] ?? '' }));
}

/** 公开03表: columns 本年支出合计, 基本支出, 项目支出, … */
export const TABLE03_ITEMS: ItemRow[] = itemRows(seed['03'], 1, 2);
/** 公开05表: columns 小计, 基本支出, 项目支出. */
export const TABLE05_ITEMS: ItemRow[] = itemRows(seed['05'], 1, 2);

export interface EconomicRow {
  code: string;
  amount: string;
}

/** 公开06表 款 rows of a 类 (301, 302, 303), in printed order, blanks included. */
export function table06Leaves(cls: '301' | '302' | '303'): EconomicRow[] {
  return seed['06'].rows.filter((r) => r.key.length === 5 && r.key.startsWith(cls)).map((r) => ({ code: r.key, amount: r.values[0] ?? '' }));
}

/** A printed figure of the seed: table, row key, value column (0-based among the figures). */
export function printed(table: '01' | '03' | '05' | '06', key: string, col = 0): string {
  const row = seed[table].rows.find((r) => r.key === key);
  if (!row) throw new Error(`seed 000 公开${table}表 has no row ${key}`);
  return row.values[col] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Expected derived cells: data-cell-id → the figure the typed leaves give, and the seed's figure.

export interface Expectation {
  /** The figure the screen must show: the sum of the typed leaves. */
  shown: string;
  /** The seed's printed figure. */
  printed: string;
}

/** Exact sum of printed figures, in 0.01 万元. */
function sum(values: readonly string[]): number {
  return values.reduce((s, v) => s + hundredthsOf(v), 0);
}

/** 合计, 类 and 款 rows of table 03 (columns total/basic/project) or 05 (subtotal/basic/project). */
function subjectTotals(id: '03' | '05', items: readonly ItemRow[], totalKey: 'total' | 'subtotal'): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  const prefixes = ['合计', ...new Set(items.flatMap((i) => [i.code.slice(0, 3), i.code.slice(0, 5)]))];
  for (const prefix of prefixes) {
    const rows = prefix === '合计' ? items : items.filter((i) => i.code.startsWith(prefix));
    const basic = sum(rows.map((r) => r.basic));
    const project = sum(rows.map((r) => r.project));
    const rowId = prefix === '合计' ? 'total' : prefix;
    const figures: [string, number][] = [
      [totalKey, basic + project],
      ['basic', basic],
      ['project', project],
    ];
    figures.forEach(([col, n], k) => out.set(`${id}.${rowId}.${col}`, { shown: printedOf(n), printed: printed(id, prefix, k) }));
  }
  return out;
}

export const TABLE03_TOTALS = subjectTotals('03', TABLE03_ITEMS, 'total');
export const TABLE05_TOTALS = subjectTotals('05', TABLE05_ITEMS, 'subtotal');

function table06Totals(): Map<string, Expectation> {
  const cls = (c: '301' | '302' | '303') => sum(table06Leaves(c).map((r) => r.amount));
  const out = new Map<string, Expectation>();
  for (const c of ['301', '302', '303'] as const) out.set(`06.${c}.amount`, { shown: printedOf(cls(c)), printed: printed('06', c) });
  // 人员经费 = 301 + 303; 公用经费 = 302 (+ 307, 310, 312, 313, 399, none typed here).
  out.set('06.personnelTotal.amount', { shown: printedOf(cls('301') + cls('303')), printed: printed('06', '人员经费合计') });
  out.set('06.publicTotal.amount', { shown: printedOf(cls('302')), printed: printed('06', '公用经费合计') });
  return out;
}

export const TABLE06_TOTALS = table06Totals();

/** 公开01表 expenditure lines derived from table 03 (类 → line), 本年支出合计 and 总计. */
function table01Lines(): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  const lines: [string, string][] = [
    ['L32', '201'],
    ['L39', '208'],
    ['L40', '210'],
    ['L46', '216'],
    ['L50', '221'],
    ['L58', 'total'], // 本年支出合计
    ['L62', 'total'], // 总计 (no 结余分配 / 年末结转和结余 typed)
  ];
  for (const [line, row] of lines) {
    const from = TABLE03_TOTALS.get(`03.${row}.total`);
    if (!from) throw new Error(`no 03.${row}.total`);
    out.set(`01.${line}.amount`, { shown: from.shown, printed: printed('01', line) });
  }
  return out;
}

export const TABLE01_LINES = table01Lines();

/**
 * The cells where the typed leaves' sum differs from the seed's printed total by the rounding
 * envelope (printed → shown). The brief expected only 208 (239.70 → 239.69); the typed figures
 * show more: 201/20113 项目支出 1,160.76 → 1,160.75 (its five project leaves sum to 1,160.75), so
 * 合计 项目支出 and 本年支出合计 move too; table 06 has its own (each 类 of 款 leaves is off by
 * 0.01). The same in table 05 (the seed's 05 is table 03's 一般公共预算 part, identical here).
 */
export const ROUNDING_DIFFERENCES: Record<string, [printed: string, shown: string]> = {
  // 公开03表
  '03.total.total': ['2,384.38', '2,384.37'],
  '03.total.project': ['1,277.02', '1,277.01'],
  '03.201.project': ['1,160.76', '1,160.75'],
  '03.20113.project': ['1,160.76', '1,160.75'],
  '03.208.total': ['239.70', '239.69'], // the one the brief names: 153.71 + 70.93 + 5.32 + 9.73
  // 公开05表 (same figures)
  '05.total.subtotal': ['2,384.38', '2,384.37'],
  '05.total.project': ['1,277.02', '1,277.01'],
  '05.201.project': ['1,160.76', '1,160.75'],
  '05.20113.project': ['1,160.76', '1,160.75'],
  '05.208.subtotal': ['239.70', '239.69'],
  // 公开06表
  '06.301.amount': ['773.17', '773.18'],
  '06.302.amount': ['122.06', '122.05'],
  '06.303.amount': ['212.12', '212.11'],
  '06.personnelTotal.amount': ['985.30', '985.29'],
  '06.publicTotal.amount': ['122.06', '122.05'],
  // 公开01表 (from table 03)
  '01.L39.amount': ['239.70', '239.69'],
  '01.L58.amount': ['2,384.38', '2,384.37'],
  '01.L62.amount': ['2,384.38', '2,384.37'],
};
