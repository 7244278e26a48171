/**
 * Last year's figures for the year-over-year sentences: from last year's report in the same
 * file when there is one (its derived tables), otherwise from what the officer typed.
 */
import type { PriorField, Report } from '../model';
import { type DerivedTables, valueById } from '../tables';

export interface PriorFigures {
  /** Where the figures come from, for the screen. */
  source: 'report' | 'typed';
  /** Fen, or null when unknown (not typed and no report for last year). */
  get(key: PriorField | `general/${string}`): number | null;
}

/** Reads last year's figures from last year's derived tables. */
export function priorFromTables(t: DerivedTables): PriorFigures {
  const v = (table: keyof DerivedTables, id: string) => valueById(t[table], id);
  const fixed: Record<PriorField, number> = {
    incomeTotal: v('01', '01.L31.amount'),
    expenditureTotal: v('01', '01.L62.amount'),
    fiscalIncomeTotal: v('04', '04.L32.amount'),
    fiscalExpenditureTotal: v('04', '04.L64.total'),
    generalExpenditure: v('05', '05.total.subtotal'),
    govFundIncomeTotal: v('07', '07.total.opening') + v('07', '07.total.income'),
    govFundExpenditureTotal: v('07', '07.total.subtotal') + v('07', '07.total.closing'),
    stateCapitalExpenditure: v('08', '08.total.total'),
    threePublicTotal: v('09', '09.actual.total'),
    'threePublic.abroad': v('09', '09.actual.abroad'),
    'threePublic.vehiclePurchase': v('09', '09.actual.vehiclePurchase'),
    'threePublic.vehicleOperation': v('09', '09.actual.vehicleOperation'),
    'threePublic.reception': v('09', '09.actual.reception'),
    operatingCost: v('10', '10.L5.value') + v('10', '10.L6.value'),
  };
  return {
    source: 'report',
    get: (key) => (key.startsWith('general/') ? v('05', `05.${key.slice('general/'.length)}.subtotal`) : fixed[key as PriorField]),
  };
}

/** Uses the figures typed into this year's report. */
export function priorFromTyped(report: Report): PriorFigures {
  return { source: 'typed', get: (key) => report.prior[key] ?? null };
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
