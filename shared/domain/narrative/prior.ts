/**
 * Last year's figures for the year-over-year sentences: from last year's report in the same
 * file when there is one (its derived tables), otherwise from what the officer typed.
 */
import { type PriorField, priorKeyCode, type Report } from '../model';
import { cellValue, type DerivedTables, valueById } from '../tables';
import { CELLS, operatingCostCells, threePublicCell } from './cells';

export interface PriorFigures {
  /** Where the figures come from, for the screen. */
  source: 'report' | 'typed';
  /** Fen, or null when unknown (not typed and no report for last year). */
  get(key: PriorField | `general/${string}`): number | null;
}

/** Reads last year's figures from last year's derived tables. */
export function priorFromTables(t: DerivedTables): PriorFigures {
  const v = (id: string) => valueById(t[id.slice(0, 2) as keyof DerivedTables], id);
  const fixed: Record<PriorField, number> = {
    incomeTotal: v(CELLS.incomeTotal),
    expenditureTotal: v(CELLS.expenditureTotal),
    fiscalIncomeTotal: v(CELLS.fiscalIncomeTotal),
    fiscalExpenditureTotal: v(CELLS.fiscalExpenditureTotal),
    generalExpenditure: v(CELLS.generalExpenditure),
    govFundIncomeTotal: v(CELLS.govFundOpening) + v(CELLS.govFundIncome),
    govFundExpenditureTotal: v(CELLS.govFundSpending) + v(CELLS.govFundClosing),
    stateCapitalExpenditure: v(CELLS.stateCapitalExpenditure),
    threePublicTotal: v(threePublicCell('actual', 'total')),
    'threePublic.abroad': v(threePublicCell('actual', 'abroad')),
    'threePublic.vehiclePurchase': v(threePublicCell('actual', 'vehiclePurchase')),
    'threePublic.vehicleOperation': v(threePublicCell('actual', 'vehicleOperation')),
    'threePublic.reception': v(threePublicCell('actual', 'reception')),
    operatingCost: operatingCostCells(t).reduce((s, id) => s + v(id), 0),
  };
  return {
    source: 'report',
    // A 类 or 项 without a row in last year's table 05 had no such spending: 0.
    get: (key) => {
      const code = priorKeyCode(key);
      return code === null ? fixed[key as PriorField] : cellValue(t['05'], code, 'subtotal');
    },
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
