/**
 * Last year's figures for the year-over-year sentences: from last year's report in the same
 * file when there is one (its derived tables), otherwise from what the officer typed — and, when
 * last year's report lacks a figure (a year brought in from only some of its tables), the typed
 * figure for it. The check R-PRIOR-TYPED reports every typed figure that disagrees with the file.
 */
import { type PriorField, priorKeyCode, type Report } from '../model';
import type { CellId, DerivedTables } from '../tables';
import type { Figure, SemanticFigures } from '../templates/figures';
import { figuresOf } from '../templates/figuresOf';

export type PriorKey = PriorField | `general/${string}`;

/** Where one of last year's figures comes from. */
export type PriorOrigin =
  /** Last year's report in the file: the cells of its tables the figure adds up. */
  | { kind: 'report'; year: number | null; cells: CellId[] }
  /** Typed into this year's report (上年数). */
  | { kind: 'typed' };

export interface PriorFigures {
  /** Where the figures come from, for the screen: last year's report (possibly completed by typed figures) or typed. */
  source: 'report' | 'typed';
  /** Fen, or null when unknown (not typed and no report for last year). */
  get(key: PriorKey): number | null;
  /** Where a figure comes from; null when unknown. */
  origin?(key: PriorKey): PriorOrigin | null;
}

/** The figures of a year a last-year key names (the same definition for this year and last year). */
const FIGURES: Record<PriorField, (f: SemanticFigures) => readonly Figure[]> = {
  incomeTotal: (f) => [f.overview.incomeTotal],
  expenditureTotal: (f) => [f.overview.expenditureTotal],
  fiscalIncomeTotal: (f) => [f.fiscal.incomeTotal],
  fiscalExpenditureTotal: (f) => [f.fiscal.expenditureTotal],
  generalExpenditure: (f) => [f.general.total.subtotal],
  govFundIncomeTotal: (f) => [f.govFund.opening, f.govFund.income],
  govFundExpenditureTotal: (f) => [f.govFund.spending, f.govFund.closing],
  stateCapitalExpenditure: (f) => [f.stateCapital.expenditure],
  threePublicTotal: (f) => [f.threePublic.actual.total],
  'threePublic.abroad': (f) => [f.threePublic.actual.abroad],
  'threePublic.vehiclePurchase': (f) => [f.threePublic.actual.vehiclePurchase],
  'threePublic.vehicleOperation': (f) => [f.threePublic.actual.vehicleOperation],
  'threePublic.reception': (f) => [f.threePublic.actual.reception],
  operatingCost: (f) => [f.operatingCost],
};

/**
 * The figures of `t` a key adds up: a 类 or 项 of 一般公共预算财政拨款支出 has none when the
 * table has no row for it (no such spending that year: 0). An unknown key throws.
 */
function figuresFor(t: DerivedTables, key: PriorKey): readonly Figure[] {
  const figures = figuresOf(t);
  const code = priorKeyCode(key);
  if (code !== null) {
    const row = figures.general.row(code);
    return row ? [row.subtotal] : [];
  }
  if (!Object.hasOwn(FIGURES, key)) throw new Error(`未知的上年数：${key}`);
  return FIGURES[key as PriorField](figures);
}

/** The cells of `t` a figure reads (for findings and for showing them on screen). */
export function figureCells(t: DerivedTables, key: PriorKey): CellId[] {
  return figuresFor(t, key).flatMap((f) => f.cells);
}

/** A figure of a year's tables, in 分 (the sum of its cells' stored values). */
export function figureValue(t: DerivedTables, key: PriorKey): number {
  return figuresFor(t, key).reduce((s, f) => s + f.value, 0);
}

/** Reads last year's figures from last year's derived tables (`year` names it on screen). */
export function priorFromTables(t: DerivedTables, year: number | null = null): PriorFigures {
  return {
    source: 'report',
    get: (key) => figureValue(t, key),
    origin: (key) => ({ kind: 'report', year, cells: figureCells(t, key) }),
  };
}

/** Uses the figures typed into this year's report. */
export function priorFromTyped(report: Report): PriorFigures {
  return {
    source: 'typed',
    get: (key) => report.prior[key] ?? null,
    origin: (key) => (report.prior[key] === undefined ? null : { kind: 'typed' }),
  };
}

/**
 * Last year's report in the file, completed by the typed figures: a figure the report has (not
 * zero) comes from it; one it lacks (zero, e.g. a table not brought in) comes from the typed
 * 上年数 when that is not zero. Disagreements are reported by R-PRIOR-TYPED, never silent.
 */
export function priorFromYear(lastTables: DerivedTables, lastYear: number, report: Report): PriorFigures {
  const file = priorFromTables(lastTables, lastYear);
  const typed = (key: PriorKey) => report.prior[key];
  const useTyped = (key: PriorKey) => (typed(key) ?? 0) !== 0 && file.get(key) === 0;
  return {
    source: 'report',
    get: (key) => (useTyped(key) ? (typed(key) ?? null) : file.get(key)),
    origin: (key) => (useTyped(key) ? { kind: 'typed' } : { kind: 'report', year: lastYear, cells: figureCells(lastTables, key) }),
  };
}

const PRIOR_LABELS: Record<PriorField, string> = {
  incomeTotal: '上年收入总计',
  expenditureTotal: '上年支出总计',
  fiscalIncomeTotal: '上年财政拨款收入总计',
  fiscalExpenditureTotal: '上年财政拨款支出总计',
  generalExpenditure: '上年一般公共预算财政拨款支出',
  govFundIncomeTotal: '上年政府性基金预算财政拨款收入总计',
  govFundExpenditureTotal: '上年政府性基金预算财政拨款支出总计',
  stateCapitalExpenditure: '上年国有资本经营预算财政拨款支出',
  threePublicTotal: '上年“三公”经费决算合计',
  'threePublic.abroad': '上年因公出国（境）费',
  'threePublic.vehiclePurchase': '上年公务用车购置费',
  'threePublic.vehicleOperation': '上年公务用车运行维护费',
  'threePublic.reception': '上年公务接待费',
  operatingCost: '上年机关运行经费',
};

/** Chinese label of a last-year figure, for the list of what is still to fill in. */
export function priorLabel(key: string, name?: (code: string) => string | undefined): string {
  if (key.startsWith('general/')) {
    const code = key.slice('general/'.length);
    return `上年一般公共预算财政拨款支出（${code} ${name?.(code) ?? ''}）`.replace(' ）', '）');
  }
  return PRIOR_LABELS[key as PriorField] ?? `上年数（${key}）`;
}

/** The figure itself, without 上年 (`收入总计`, `一般公共预算财政拨款支出（201 一般公共服务支出）`). */
export function figureLabel(key: string, name?: (code: string) => string | undefined): string {
  return priorLabel(key, name).replace(/^上年/u, '');
}
