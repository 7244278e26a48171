/**
 * Rules inside the line tables: 表01 收入支出决算总表 and 表04 财政拨款收入支出决算总表
 * (合计 and 总计 lines, 收支平衡, and table 04's split by fund).
 */
import type { CellId } from '../../../tables/types';
import { compareTerms, type CompareOptions, equalCheck, type RuleMeta, sumCheck } from '../../../checks/printed';
import type { CheckContext, Finding, Rule } from '../../../checks/types';
import { range, rule } from '../../../checks/rules/common';
import { CLASS_LINES_04, line01, line04 } from './lines';

function sumLines(ctx: CheckContext, meta: RuleMeta, total: CellId, parts: readonly CellId[], options: CompareOptions = {}): Finding[] {
  return sumCheck(ctx, total, parts, meta, options);
}

const FUNDS04 = ['general', 'govFund', 'stateCapital'] as const;
const COLS04 = ['total', ...FUNDS04] as const;
const FUND_NAMES: Record<(typeof FUNDS04)[number], string> = {
  general: '一般公共预算财政拨款',
  govFund: '政府性基金预算财政拨款',
  stateCapital: '国有资本经营预算财政拨款',
};

// 表01 收入支出决算总表
export const TABLE01_RULES: Rule[] = [
  rule('T01-INCOME-TOTAL', '错误', '表01 本年收入合计', '表01 第27行“本年收入合计” = 第1至8行之和（各项收入）。', (ctx, m) =>
    sumLines(ctx, m, line01(27), range(1, 8).map(line01), { rightLabel: '第1至8行之和' }),
  ),
  rule('T01-GRAND-INCOME', '错误', '表01 收入总计', '表01 第31行“总计” = 第27行本年收入合计 + 第28行使用非财政拨款结余 + 第29行年初结转和结余。', (ctx, m) =>
    sumLines(ctx, m, line01(31), [27, 28, 29].map(line01)),
  ),
  rule('T01-EXP-TOTAL', '错误', '表01 本年支出合计', '表01 第58行“本年支出合计” = 第32至57行（26个类）之和。', (ctx, m) =>
    sumLines(ctx, m, line01(58), range(32, 57).map(line01), { rightLabel: '第32至57行之和' }),
  ),
  rule('T01-GRAND-EXP', '错误', '表01 支出总计', '表01 第62行“总计” = 第58行本年支出合计 + 第59行结余分配 + 第60行年末结转和结余。', (ctx, m) =>
    sumLines(ctx, m, line01(62), [58, 59, 60].map(line01)),
  ),
  rule('T01-BALANCE', '错误', '表01 收支总计平衡', '表01 收入总计（第31行）= 支出总计（第62行）。年初、年末结转和结余及结余分配是录入数，可能不平衡。', (ctx, m) =>
    equalCheck(ctx, line01(31), line01(62), m),
  ),
];

// 表04 财政拨款收入支出决算总表
export const TABLE04_RULES: Rule[] = [
  rule('T04-INCOME-TOTAL', '错误', '表04 本年收入合计', '表04 第27行“本年收入合计” = 第1、2、3行之和（三项财政拨款收入）。', (ctx, m) =>
    sumLines(ctx, m, line04(27), [1, 2, 3].map((n) => line04(n))),
  ),
  rule('T04-OPENING', '错误', '表04 年初财政拨款结转和结余', '表04 第28行“年初财政拨款结转和结余” = 第29、30、31行之和。', (ctx, m) =>
    sumLines(ctx, m, line04(28), [29, 30, 31].map((n) => line04(n))),
  ),
  rule('T04-GRAND-INCOME', '错误', '表04 收入总计', '表04 第32行“总计” = 第27行 + 第28行。', (ctx, m) => sumLines(ctx, m, line04(32), [line04(27), line04(28)])),
  rule('T04-ROW-FUNDS', '错误', '表04 支出合计栏', '表04 每个类行及第59、60、64行：第2栏“合计” = 第3、4、5栏之和（三项财政拨款）。', (ctx, m) =>
    [...CLASS_LINES_04, 59, 60, 64].flatMap((n) => sumLines(ctx, m, line04(n, 'total'), FUNDS04.map((f) => line04(n, f)))),
  ),
  rule('T04-EXP-TOTAL', '错误', '表04 本年支出合计', '表04 第59行“本年支出合计”每一栏 = 第33至58行（26个类）之和。', (ctx, m) =>
    COLS04.flatMap((col) => sumLines(ctx, m, line04(59, col), CLASS_LINES_04.map((n) => line04(n, col)), { rightLabel: '第33至58行之和' })),
  ),
  rule('T04-GRAND-EXP', '错误', '表04 支出总计', '表04 第64行“总计”每一栏 = 第59行本年支出合计 + 第60行年末财政拨款结转和结余。', (ctx, m) =>
    COLS04.flatMap((col) => sumLines(ctx, m, line04(64, col), [line04(59, col), line04(60, col)])),
  ),
  rule('T04-BALANCE', '错误', '表04 收支总计平衡', '表04 收入总计（第32行）= 支出总计（第64行 合计栏）。', (ctx, m) =>
    equalCheck(ctx, line04(32), line04(64, 'total'), m),
  ),
  rule(
    'T04-FUND-BALANCE',
    '错误',
    '表04 分资金收支平衡',
    '表04 每项财政拨款：年初结转和结余 + 本年收入 = 本年支出 + 年末结转和结余（一般公共预算：第29行 + 第1行 = 第59行 + 第60行 第3栏；政府性基金：第30行 + 第2行 = 第4栏；国有资本经营：第31行 + 第3行 = 第5栏）。年初、年末结转是录入数。',
    (ctx, m) => {
      const opening = { general: 29, govFund: 30, stateCapital: 31 } as const;
      const income = { general: 1, govFund: 2, stateCapital: 3 } as const;
      return FUNDS04.flatMap((f) =>
        compareTerms(
          ctx,
          m,
          [{ id: line04(opening[f]) }, { id: line04(income[f]) }],
          [{ id: line04(59, f) }, { id: line04(60, f) }],
          { prefix: `${FUND_NAMES[f]}：` },
        ),
      );
    },
  ),
];
