/**
 * R-PRIOR-TYPED: the 上年数 typed into this year against last year's report in the same file.
 * When last year is in the file (imported from its interchange JSON, its published tables, or
 * kept from last year), the narrative reads last year's figures from it, and a typed figure it
 * has is not used; where the report lacks a figure (zero: a table not brought in), the typed one
 * is. Either way the two never disagree silently: each difference is reported, saying which one
 * the 情况说明 prints.
 */
import { toPrintedUnits } from '../../money';
import { figureCells, figureLabel, figureValue, type PriorKey } from '../../narrative/prior';
import { FEN_PER_PRINTED_UNIT } from '../../money';
import { describeCell, finding, formatPrinted, tableOf } from '../printed';
import { tableShortName } from '../../templates/tableSpecs';
import type { Finding, Rule } from '../types';
import { rule } from './common';

export const PRIOR_RULES: Rule[] = [
  rule(
    'R-PRIOR-TYPED',
    '警告',
    '填写的上年数与文件中上年报表不一致',
    '文件中有上一年度报表时，情况说明按该报表取上年数；本年填写的上年数与之不同（按0.01万元打印数比较）时提醒，并说明情况说明使用哪一个。',
    (ctx, meta) => {
      const last = ctx.lastYear;
      if (!last) return [];
      const out: Finding[] = [];
      for (const key of Object.keys(ctx.report.prior).sort()) {
        const typed = toPrintedUnits(ctx.report.prior[key]!);
        const file = toPrintedUnits(figureValue(last.tables, key as PriorKey));
        if (typed === file) continue;
        const cells = figureCells(last.tables, key as PriorKey);
        const where = cells.length > 0 ? `（${cells.map((id) => `${tableShortName(tableOf(id))} ${describeCell({ ...ctx, tables: last.tables }, id)}`).join('、')}）` : '';
        const used =
          file !== 0
            ? `情况说明按${last.year}年度报表计，未使用填写的数。`
            : typed !== 0
              ? `该报表中此数为0（可能未导入相应的表），情况说明按填写的上年数计。`
              : '';
        const f = finding(
          meta,
          `填写的上年数“${figureLabel(key)}”为 ${formatPrinted(typed, false)} 万元，文件中${last.year}年度报表为 ${formatPrinted(file, false)} 万元${where}。${used}请核对后修改或清除填写的上年数。`,
          [],
        );
        f.left = typed * FEN_PER_PRINTED_UNIT;
        f.right = file * FEN_PER_PRINTED_UNIT;
        f.difference = (typed - file) * FEN_PER_PRINTED_UNIT;
        out.push(f);
      }
      return out;
    },
  ),
];
