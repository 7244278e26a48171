/**
 * Report-level rules of every template (`R-…`): negative amounts (negative.ts), the 单位名称 and
 * 年度 in every table's heading, and every cell's printed text against its figure (`printsAs`).
 * 山西's own report rules (三公经费, 机关运行经费 and 中小企业 on its tables 09 and 10) are in
 * `templates/shanxi/rules/report.ts`.
 */
import { formatWanCell, toPrintedUnits } from '../../money';
import { tableList } from '../../tables/types';
import { tableShortName, tableSpec } from '../../templates/tableSpecs';
import { CellNamer, finding } from '../printed';
import type { Finding, Rule } from '../types';
import { rule } from './common';
import { negativeAmounts } from './negative';

/**
 * Whether `text` is exactly `formatWanCell(fen, { grouping })` — blank for 0, else
 * `[-]1,234.56` — checked character by character without building the string (a large
 * department has tens of thousands of cells).
 */
export function printsAs(text: string, fen: number, grouping: boolean, zeroText = ''): boolean {
  if (fen === 0) return text === zeroText;
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
    '每个金额单元格印出的文字 = 其金额按0.01万元四舍五入（零印空白，模板要求印出全部金额的表印0.00；按设置或模板的规定加千分位）；数量单元格印整数。检查以单元格金额计算，印出的文字必须与之一致。',
    (ctx, m) => {
      const out: Finding[] = [];
      for (const table of tableList(ctx.tables)) {
        // The table's own format: the year's setting, or its template's rule (上海: no separators, 表6 prints 0.00).
        const { grouping, zeroText = '' } = table;
        for (const row of table.rows) {
          for (const cell of row.cells) {
            if (!cell.id || cell.value === undefined) continue;
            if (cell.valueType === 'count' ? cell.text === (cell.value === 0 ? '' : String(cell.value)) : printsAs(cell.text, cell.value, grouping, zeroText)) continue;
            const expected = cell.valueType === 'count' ? (cell.value === 0 ? '' : String(cell.value)) : cell.value === 0 ? zeroText : formatWanCell(cell.value, { grouping });
            const namer = new CellNamer(ctx);
            out.push(finding(m, `${namer.name(cell.id)} 印“${cell.text}”，按其金额应印“${expected}”`, [cell.id], table.id));
          }
        }
      }
      return out;
    },
  ),
];
