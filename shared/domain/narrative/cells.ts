/**
 * The table cells the narrative and last year's figures read, named by what they hold: the one
 * place outside the table builders where the narrative spells out cell ids. (Templates, issue 14,
 * will replace these with semantic figures.)
 */
import type { ExpenditureKind, ThreePublicItem } from '../model';
import { economicCellId } from '../tables/table06';
import { threePublicCellId } from '../tables/table09';
import { statsCellId } from '../tables/table10';
import { cellById, type CellId, type DerivedTables } from '../tables/types';

export const CELLS = {
  incomeTotal: '01.L31.amount', // 收入总计
  expenditureTotal: '01.L62.amount', // 支出总计
  incomeSum: '01.L27.amount', // 本年收入合计
  expenditureSum: '01.L58.amount', // 本年支出合计
  fiscalIncomeTotal: '04.L32.amount', // 财政拨款收入总计
  fiscalExpenditureTotal: '04.L64.total', // 财政拨款支出总计
  generalExpenditure: '05.total.subtotal', // 一般公共预算财政拨款支出合计
  generalBasic: '05.total.basic', // 一般公共预算财政拨款基本支出合计
  personnelTotal: '06.personnelTotal.amount', // 人员经费合计
  publicTotal: '06.publicTotal.amount', // 公用经费合计
  govFundOpening: '07.total.opening', // 政府性基金 年初结转和结余
  govFundIncome: '07.total.income', // 政府性基金 本年收入
  govFundSpending: '07.total.subtotal', // 政府性基金 本年支出
  govFundClosing: '07.total.closing', // 政府性基金 年末结转和结余
  stateCapitalExpenditure: '08.total.total', // 国有资本经营预算财政拨款支出合计
  procurementTotal: statsCellId(1), // 政府采购支出合计
  procurementGoods: statsCellId(2),
  procurementWorks: statsCellId(3),
  procurementServices: statsCellId(4),
  vehicleTotal: statsCellId(7), // 车辆数合计
  equipment: statsCellId(17), // 单价100万元(含)以上设备
} as const satisfies Record<string, CellId>;

/** Table 02 合计行, by column: `fiscal` 财政拨款收入, `superior`, `business`, … */
export const incomeCell = (column: string): CellId => `02.total.${column}`;

/** Table 03 合计行, by kind of expenditure. */
export const expenditureCell = (kind: ExpenditureKind): CellId => `03.total.${kind}`;

/** Table 05, a 类 or 项 row (`subtotal`, `basic`, `project`). */
export const generalCell = (code: string, column: 'subtotal' | 'basic' | 'project' = 'subtotal'): CellId => `05.${code}.${column}`;

/** Table 06, an economic 类 or 款. */
export const economicCell = economicCellId;

/** Table 09, a 预算数 or 决算数 column. */
export const threePublicCell = (side: 'budget' | 'actual', item: ThreePublicItem | 'total'): CellId => threePublicCellId(side, item);

/** Table 10, a vehicle type's line (8 … 15). */
export const vehicleCell = (index: number): CellId => statsCellId(8 + index);

/**
 * Table 10's 机关运行经费 cells that exist: line 5 for a 行政单位, line 6 for a 参公事业单位, none for
 * other units (their 机关运行经费 is 0).
 */
export function operatingCostCells(tables: DerivedTables): CellId[] {
  return [5, 6].map(statsCellId).filter((id) => cellById(tables['10'], id) !== undefined);
}
