/**
 * Equalities the underlying 元 data keeps where a table prints the same money twice, so that
 * 尾数调整 moves both sides together: a 项's income and its expenditure (表02 and 表03 第1栏),
 * 表03 基本/项目支出 and their 财政拨款 split (表05, 07, 08), 表05 基本支出 against 表06
 * 人员经费 + 公用经费, and 表09 决算数 against the 表06 款 it is spent from. A tie is kept only
 * where the workbook prints both sides alike (`printed`: the printed figure of a cell, in 分).
 */
import { type Report, THREE_PUBLIC_ITEMS } from '../model';
import type { TableId } from '../tables';
import type { Tie } from './reconcile';

const FUND_TABLES = ['05', '07', '08'] as const;

/** 表09 决算数 and the 表06 款 that usually holds the same money. */
const THREE_PUBLIC_ECONOMIC = [
  ['09.actual.abroad', '06.30212.amount'],
  ['09.actual.vehicleOperation', '06.30231.amount'],
  ['09.actual.reception', '06.30217.amount'],
] as const;

export function tiesFor(report: Report, present: ReadonlySet<TableId>, printed: (id: string) => number | undefined): Tie[] {
  const ties: Tie[] = [];
  const funds = FUND_TABLES.filter((t) => present.has(t));
  for (const { code } of report.items) {
    if (present.has('02') && present.has('03')) ties.push({ left: [`02.${code}.total`], right: [`03.${code}.total`] });
    if (present.has('03') && funds.length > 0) {
      for (const kind of ['basic', 'project'] as const) ties.push({ left: [`03.${code}.${kind}`], right: funds.map((t) => `${t}.${code}.${kind}`) });
    }
  }
  if (present.has('05') && present.has('06')) ties.push({ left: ['05.total.basic'], right: ['06.personnelTotal.amount', '06.publicTotal.amount'] });
  if (present.has('09') && present.has('06')) for (const [a, b] of THREE_PUBLIC_ECONOMIC) ties.push({ left: [a], right: [b] });
  if (present.has('09')) for (const item of THREE_PUBLIC_ITEMS) ties.push({ left: [`09.budget.${item}`], right: [`09.actual.${item}`] });
  // The balances: 收入总计 = 支出总计, and per fund 年初 + 收入 = 支出 + 年末.
  if (present.has('01')) ties.push({ left: ['01.L31.amount'], right: ['01.L62.amount'] });
  if (present.has('04')) {
    ties.push({ left: ['04.L32.amount'], right: ['04.L64.total'] });
    for (const [fund, opening, income] of [['general', 29, 1], ['govFund', 30, 2], ['stateCapital', 31, 3]] as const) {
      ties.push({ left: [`04.L${opening}.amount`, `04.L${income}.amount`], right: [`04.L59.${fund}`, `04.L60.${fund}`] });
    }
  }
  if (present.has('07')) {
    for (const { code } of report.items) ties.push({ left: [`07.${code}.opening`, `07.${code}.income`], right: [`07.${code}.subtotal`, `07.${code}.closing`] });
  }
  const sum = (ids: readonly string[]): number | null => {
    let total = 0;
    for (const id of ids) {
      const v = printed(id);
      if (v === undefined) return null;
      total += v;
    }
    return total;
  };
  return ties.filter((t) => {
    const left = sum(t.left);
    const right = sum(t.right);
    return left !== null && left !== 0 && left === right;
  });
}
