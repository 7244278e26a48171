/**
 * 山西's report-level rules on its tables 09 and 10: 三公经费 and 机关运行经费 left blank where
 * 表06 has the spending; and R-PROCUREMENT-SME, which every template shares (checks/rules/procurement.ts).
 */
import { THREE_PUBLIC_ITEMS, THREE_PUBLIC_NAMES } from '../../../model';
import { toPrintedUnits } from '../../../money';
import { CellNamer, exactValue, finding, formatFen, formatPrinted, printedUnits } from '../../../checks/printed';
import type { Finding, Rule } from '../../../checks/types';
import { rule } from '../../../checks/rules/common';
import { figureCell as at } from '../../figures';
import { figuresOf } from '../../figuresOf';
import { economicTerms, operatingCostLine, operatingCostTerms } from './tables0910';
import { procurementSmeRule } from '../../../checks/rules/procurement';

export const SHANXI_REPORT_RULES: Rule[] = [
  rule(
    'R-THREE-PUBLIC-MISSING',
    '错误',
    '三公经费漏填',
    '表06 有因公出国（境）费 30212、公务用车运行维护费 30231、公务接待费 30217 或公务用车购置 31013 的支出，表09 对应的决算数却为空。',
    (ctx, m) =>
      THREE_PUBLIC_ITEMS.flatMap((item) => {
        const id = at(figuresOf(ctx.tables).threePublic.actual[item]);
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
      const f = figuresOf(ctx.tables);
      const publicTotal = at(f.economic.publicTotal);
      const publicUnits = printedUnits(ctx, publicTotal);
      const terms = operatingCostTerms(ctx);
      if (publicUnits === 0 || terms.some((t) => printedUnits(ctx, t.id) !== 0)) return [];
      const namer = new CellNamer(ctx);
      const first = namer.name(publicTotal);
      return [
        finding(
          m,
          `${first} ${formatPrinted(publicUnits, false)}，但表10 第${line}行 机关运行经费为空（${ctx.department.unitKind}）`,
          [at(f.operatingCost), publicTotal],
          '10',
        ),
      ];
    },
  ),
  procurementSmeRule,
];
