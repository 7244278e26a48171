/**
 * Equalities the underlying 元 data keeps where a table prints the same money twice, so that
 * 尾数调整 moves both sides together: a 项's income and its expenditure (表02 and 表03 第1栏),
 * 表03 基本/项目支出 and their 财政拨款 split (表05, 07, 08), 表05 基本支出 against 表06
 * 人员经费 + 公用经费, and 表09 决算数 against the 表06 款 it is spent from. A tie is kept only
 * where the workbook prints both sides alike (`printed`: the printed figure of a cell, in 分).
 */
import { type Report, THREE_PUBLIC_ITEMS, type ThreePublicItem } from '../../../model';
import type { ShanxiTableId } from '../../../tables';
import { figureCell as at, FUNDS, type SemanticFigures } from '../../figures';
import type { Tie } from './reconcile';

const FUND_TABLES = ['05', '07', '08'] as const;

/** 表09 决算数 and the 表06 款 (经济分类) that usually holds the same money. */
const THREE_PUBLIC_ECONOMIC: readonly (readonly [ThreePublicItem, string])[] = [
  ['abroad', '30212'],
  ['vehicleOperation', '30231'],
  ['reception', '30217'],
];

export function tiesFor(report: Report, present: ReadonlySet<ShanxiTableId>, printed: (id: string) => number | undefined, f: SemanticFigures): Tie[] {
  const ties: Tie[] = [];
  const funds = FUND_TABLES.filter((t) => present.has(t));
  for (const { code } of report.items) {
    if (present.has('02') && present.has('03')) ties.push({ left: [`02.${code}.total`], right: [`03.${code}.total`] });
    if (present.has('03') && funds.length > 0) {
      for (const kind of ['basic', 'project'] as const) ties.push({ left: [`03.${code}.${kind}`], right: funds.map((t) => `${t}.${code}.${kind}`) });
    }
  }
  if (present.has('05') && present.has('06')) ties.push({ left: [at(f.general.total.basic)], right: [at(f.economic.personnelTotal), at(f.economic.publicTotal)] });
  if (present.has('09') && present.has('06')) {
    for (const [item, code] of THREE_PUBLIC_ECONOMIC) ties.push({ left: [at(f.threePublic.actual[item])], right: [at(f.economic.code(code))] });
  }
  if (present.has('09')) for (const item of THREE_PUBLIC_ITEMS) ties.push({ left: [at(f.threePublic.budget[item])], right: [at(f.threePublic.actual[item])] });
  // The balances: 收入总计 = 支出总计, and per fund 年初 + 收入 = 支出 + 年末.
  if (present.has('01')) ties.push({ left: [at(f.overview.incomeTotal)], right: [at(f.overview.expenditureTotal)] });
  if (present.has('04')) {
    ties.push({ left: [at(f.fiscal.incomeTotal)], right: [at(f.fiscal.expenditureTotal)] });
    for (const fund of FUNDS) {
      ties.push({ left: [at(f.fiscal.opening[fund]), at(f.fiscal.income[fund])], right: [at(f.fiscal.expenditureSum[fund]), at(f.fiscal.closing[fund])] });
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
