/**
 * 表09 财政拨款“三公”经费支出决算表 and 表10 部门决算公开相关信息统计表: their own totals,
 * and the helpers the cross-table and report rules use on them (the table-06 codes behind each
 * 三公 item, the 机关运行经费 line of the unit kind).
 */
import type { ThreePublicItem } from '../../../model';
import { figuresOf } from '../../figuresOf';
import { sumCheck, type Term } from '../../../checks/printed';
import type { CheckContext, Rule } from '../../../checks/types';
import { range, rule } from '../../../checks/rules/common';
import { line10 } from './lines';

// 三公 items against table 06.

const THREE_PUBLIC_CODES: Record<ThreePublicItem, readonly string[]> = {
  abroad: ['30212'],
  vehiclePurchase: ['31013', '30913'],
  vehicleOperation: ['30231'],
  reception: ['30217'],
};

/** The table-06 cells of an item's codes that hold a figure (not `——`, present in the edition). */
export function economicTerms(ctx: CheckContext, item: ThreePublicItem): Term[] {
  const economic = figuresOf(ctx.tables).economic;
  return THREE_PUBLIC_CODES[item].flatMap((code) => economic.codeIfPrinted(code)?.cells ?? []).map((id) => ({ id }));
}

// 机关运行经费.

/** The table-10 line of 机关运行经费 for the unit kind: 5 行政单位, 6 参公事业单位, else none. */
export function operatingCostLine(ctx: CheckContext): 5 | 6 | null {
  const kind = ctx.department.unitKind;
  return kind === '行政单位' ? 5 : kind === '参公事业单位' ? 6 : null;
}

/** The cells that print 机关运行经费 (table 10 line 5 or 6; none for other unit kinds). */
export function operatingCostTerms(ctx: CheckContext): Term[] {
  return figuresOf(ctx.tables).operatingCost.cells.map((id) => ({ id }));
}

// 表09 财政拨款“三公”经费支出决算表
export const TABLE09_RULES: Rule[] = [
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
];

// 表10 部门决算公开相关信息统计表
export const TABLE10_RULES: Rule[] = [
  rule('T10-PROCUREMENT', '错误', '表10 政府采购合计', '表10 第1行 政府采购支出合计 = 第2、3、4行之和（货物、工程、服务）。', (ctx, m) =>
    sumCheck(ctx, line10(1), [2, 3, 4].map(line10), m),
  ),
  rule('T10-VEHICLES', '错误', '表10 车辆数合计', '表10 第7行 车辆数合计 = 第8至15行之和（各类用车，单位：辆）。', (ctx, m) =>
    sumCheck(ctx, line10(7), range(8, 15).map(line10), m, { rightLabel: '第8至15行之和' }),
  ),
];
