/**
 * Report-level rules (`R-…`): 三公经费 and 机关运行经费 left blank, negative amounts
 * (negative.ts), the 单位名称 and 年度 in every table's heading, and every cell's printed text
 * against its figure (`printsAs`).
 */
import { THREE_PUBLIC_ITEMS, THREE_PUBLIC_NAMES } from '../../model';
import { formatWanCell, toPrintedUnits } from '../../money';
import { tableList } from '../../tables/types';
import { amountGrouping } from '../../templates/conventions';
import { tableShortName } from '../../templates/tableSpecs';
import { CellNamer, finding, formatPrinted, printedUnits } from '../printed';
import type { Finding, Rule } from '../types';
import { figureCell as at } from '../../templates/figures';
import { figuresOf } from '../../templates/figuresOf';
import { rule } from './common';
import { negativeAmounts } from './negative';
import { procurementSmeRule } from './procurement';
import { economicTerms, operatingCostLine, operatingCostTerms } from './tables0910';

/**
 * Whether `text` is exactly `formatWanCell(fen, { grouping })` — blank for 0, else
 * `[-]1,234.56` — checked character by character without building the string (a large
 * department has tens of thousands of cells).
 */
export function printsAs(text: string, fen: number, grouping: boolean): boolean {
  if (fen === 0) return text === '';
  const units = toPrintedUnits(fen);
  const start = units < 0 ? 1 : 0;
  if (start === 1 && text.charCodeAt(0) !== 45 /* - */) return false;
  const abs = Math.abs(units);
  const n = text.length;
  if (n - start < 4 || text.charCodeAt(n - 3) !== 46 /* . */) return false;
  if (text.charCodeAt(n - 2) !== 48 + Math.floor((abs % 100) / 10) || text.charCodeAt(n - 1) !== 48 + (abs % 10)) return false;
  let whole = Math.floor(abs / 100);
  let pos = n - 4;
  let digits = 0;
  do {
    if (grouping && digits > 0 && digits % 3 === 0) {
      if (text.charCodeAt(pos) !== 44 /* , */) return false;
      pos--;
    }
    if (text.charCodeAt(pos) !== 48 + (whole % 10)) return false;
    whole = Math.floor(whole / 10);
    digits++;
    pos--;
  } while (whole > 0);
  return pos === start - 1;
}

export const REPORT_RULES: Rule[] = [
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
  rule(
    'R-NEGATIVE',
    '错误',
    '不允许的负数',
    '除年初、年末结转和结余（表01 第29、60行，表04 第29至31、60行，表07 第1、6栏）以外，录入数和表中金额都不得为负数。每个负数只在其来源处报告一次。',
    negativeAmounts,
  ),
  rule('R-FRAME', '错误', '表头单位名称和年度', '每张表的“部门名称/单位名称”与单位名称一致，“XXXX年度”与报告年度一致。', (ctx, m) => {
    const out: Finding[] = [];
    const name = ctx.department.name;
    const year = `${ctx.report.year}年度`;
    for (const table of tableList(ctx.tables)) {
      const tid = table.id;
      const printedName = table.orgLine.replace(/^(部门名称|单位名称|编制部门)：/, '');
      if (printedName !== name) {
        out.push(finding(m, `${tableShortName(tid)} 印“${table.orgLine}”，与单位名称“${name}”不一致`, [], tid));
      }
      if (table.yearLine !== year) {
        out.push(finding(m, `${tableShortName(tid)} 印“${table.yearLine}”，与报告年度“${year}”不一致`, [], tid));
      }
    }
    return out;
  }),
  rule(
    'R-CELL-TEXT',
    '错误',
    '打印数与数据一致',
    '每个金额单元格印出的文字 = 其金额按0.01万元四舍五入（零印空白，上海模板表6印0.00；按设置加千分位，上海模板不加）；数量单元格印整数。检查以单元格金额计算，印出的文字必须与之一致。',
    (ctx, m) => {
      const grouping = amountGrouping(ctx.report.settings);
      const out: Finding[] = [];
      for (const table of tableList(ctx.tables)) {
        for (const row of table.rows) {
          for (const cell of row.cells) {
            if (!cell.id || cell.value === undefined) continue;
            if (cell.value === 0 && table.zerosShown && cell.valueType !== 'count' && cell.text === '0.00') continue;
            if (cell.valueType === 'count' ? cell.text === (cell.value === 0 ? '' : String(cell.value)) : printsAs(cell.text, cell.value, grouping)) continue;
            const expected = cell.valueType === 'count' ? (cell.value === 0 ? '' : String(cell.value)) : formatWanCell(cell.value, { grouping });
            const namer = new CellNamer(ctx);
            out.push(finding(m, `${namer.name(cell.id)} 印“${cell.text}”，按其金额应印“${expected}”`, [cell.id], table.id));
          }
        }
      }
      return out;
    },
  ),
];
