/**
 * Equalities the underlying 元 data keeps where a table prints the same money twice, so that
 * 尾数调整 moves both sides together (reconcile.ts keeps a tie only where it holds exactly as
 * imported): a 项's income and its expenditure (表02 and 表03 第1栏), 表03 基本/项目支出 and
 * their 财政拨款 split (表05, 07, 08), and 表05 基本支出 against 表06 人员经费 + 公用经费.
 */
import type { Report } from '../model';
import type { TableId } from '../tables';
import type { Tie } from './reconcile';

const FUND_TABLES = ['05', '07', '08'] as const;

export function tiesFor(report: Report, present: ReadonlySet<TableId>): Tie[] {
  const ties: Tie[] = [];
  const funds = FUND_TABLES.filter((t) => present.has(t));
  for (const { code } of report.items) {
    if (present.has('02') && present.has('03')) ties.push({ left: [`02.${code}.total`], right: [`03.${code}.total`] });
    if (present.has('03') && funds.length > 0) {
      for (const kind of ['basic', 'project'] as const) ties.push({ left: [`03.${code}.${kind}`], right: funds.map((t) => `${t}.${code}.${kind}`) });
    }
  }
  if (present.has('05') && present.has('06')) ties.push({ left: ['05.total.basic'], right: ['06.personnelTotal.amount', '06.publicTotal.amount'] });
  return ties;
}
