/**
 * 上海's 勾稽审核: every identity of the nine tables, and the figures they share.
 *
 * - **Within the tables**: every derived cell is the sum (or the copy) of the cells it names
 *   (`refs`): 表1's 总计 and 本年收入/支出合计, 表2/3/5/8/9's 合计 row, 类 and 款 rows and 合计
 *   columns, 表4's lines and 合计 column, 表6's 类 and 合计, 表7's 小计 and 合计. Compared as
 *   printed (0.01 万元) within the rounding envelope, as 山西's table rules are.
 * - **Across tables**: the figures two tables both print (本年收入合计 on 表1 and 表2, …), by
 *   their semantic names; 表9's 结转和结余 by 项 against 表4's 国有资本经营 lines.
 * - The template-independent rules: negative amounts, the frame lines, printed texts, last
 *   year's typed figures, the 情况说明 and the 附件.
 */
import { cellUnits, equalCheck, type RuleMeta, sumCheck } from '../../checks/printed';
import type { CheckContext, Finding, Rule } from '../../checks/types';
import { rule } from '../../checks/rules/common';
import { procurementSmeRule } from '../../checks/rules/procurement';
import { REPORT_RULES } from '../../checks/rules/report';
import { PRIOR_RULES } from '../../checks/rules/prior';
import { NARRATIVE_RULES } from '../../checks/narrativeRules';
import { EVALUATION_RULES } from '../../checks/rules/selfEvaluation';
import { cellById, tableList, tableOfCell } from '../../tables/types';
import { figureCell as at, FUNDS, OTHER_INCOME_SOURCES } from '../figures';
import { figuresOf } from '../figuresOf';

/**
 * Every derived cell of the nine tables against the cells it is summed or copied from. The
 * printed and stored sums are compared here first, reading the parts through each table's cell
 * index (`cellById`); only a cell whose sums differ (a printed rounding difference, or worse) is
 * compared again by `sumCheck`, which words the finding.
 */
function derivedIdentities(ctx: CheckContext, m: RuleMeta): Finding[] {
  const out: Finding[] = [];
  for (const table of tableList(ctx.tables)) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const refs = cell.refs;
        if (cell.kind !== 'derived' || !cell.id || !refs || refs.length === 0) continue;
        let printed = 0;
        let exact = 0;
        let found = true;
        for (const ref of refs) {
          const part = cellById(tableOfCell(ctx.tables, ref), ref);
          if (!part) {
            found = false;
            break;
          }
          printed += cellUnits(part);
          exact += part.value ?? 0;
        }
        if (found && printed === cellUnits(cell) && exact === (cell.value ?? 0)) continue;
        const [only, ...rest] = refs;
        if (only !== undefined && rest.length === 0) out.push(...equalCheck(ctx, cell.id, only, m));
        else out.push(...sumCheck(ctx, cell.id, refs, m));
      }
    }
  }
  return out;
}

/** The rules of 上海's nine tables and the figures they share. */
export const SHANGHAI_TABLE_RULES: Rule[] = [
  rule('SH-SUM', '错误', '表内合计与小计', '九张表中每个由其他单元格相加（或照录）得出的数：合计行、类和款、合计栏、总计、表6的类与人员经费/公用经费合计、表7的小计与合计，按打印的万元数核对（允许尾数误差）。', derivedIdentities),
  rule('SH-X-1-2-INCOME', '错误', '表1与表2 本年收入', '表1“本年收入合计”= 表2 合计行“本年收入合计”；表1 上级补助、事业、经营、附属单位上缴、其他收入 = 表2 合计行对应栏；表1 三项财政拨款收入之和 = 表2 合计行“财政拨款收入”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return [
      ...equalCheck(ctx, at(f.overview.incomeSum), at(f.income.total), m),
      ...sumCheck(ctx, at(f.income.fiscal), FUNDS.map((fund) => at(f.overview.fiscalIncome[fund])), m),
      ...OTHER_INCOME_SOURCES.flatMap((source) => equalCheck(ctx, at(f.overview.otherIncome[source]), at(f.income[source]), m)),
    ];
  }),
  rule('SH-X-1-3-EXP', '错误', '表1与表3 本年支出合计', '表1“本年支出合计”= 表3 合计行“本年支出合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.overview.expenditureSum), at(f.expenditure.total), m);
  }),
  rule('SH-X-2-4-FISCAL', '错误', '表2与表4 财政拨款收入', '表2 合计行“财政拨款收入”= 表4“本年收入合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.income.fiscal), at(f.fiscal.incomeSum), m);
  }),
  rule('SH-X-4-5-GENERAL', '错误', '表4与表5 一般公共预算财政拨款支出', '表4“本年支出合计”的一般公共预算财政拨款栏 = 表5 合计行“合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.fiscal.expenditureSum.general), at(f.general.total.subtotal), m);
  }),
  rule('SH-X-4-8-GOVFUND', '错误', '表4与表8 政府性基金', '表4 年初、本年支出、年末的政府性基金预算财政拨款 = 表8 合计行的年初结转和结余、本年支出小计、年末结转和结余；表4 本年收入（政府性基金）= 表8 合计行“本年收入”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return [
      ...equalCheck(ctx, at(f.fiscal.opening.govFund), at(f.govFund.opening), m),
      ...equalCheck(ctx, at(f.fiscal.income.govFund), at(f.govFund.income), m),
      ...equalCheck(ctx, at(f.fiscal.expenditureSum.govFund), at(f.govFund.spending), m),
      ...equalCheck(ctx, at(f.fiscal.closing.govFund), at(f.govFund.closing), m),
    ];
  }),
  rule('SH-X-4-9-CAPITAL', '错误', '表4与表9 国有资本经营', '表4 国有资本经营预算财政拨款的年初结转和结余、本年收入、本年支出、年末结转和结余 = 表9 合计行对应栏。表9 的结转和结余按项填写，合计须与表4 填写的数一致。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return [
      ...equalCheck(ctx, at(f.fiscal.opening.stateCapital), 'S9.total.opening', m),
      ...equalCheck(ctx, at(f.fiscal.income.stateCapital), 'S9.total.income', m),
      ...equalCheck(ctx, at(f.fiscal.expenditureSum.stateCapital), at(f.stateCapital.expenditure), m),
      ...equalCheck(ctx, at(f.fiscal.closing.stateCapital), 'S9.total.closing', m),
    ];
  }),
  rule('SH-X-5-6-BASIC', '错误', '表5与表6 基本支出', '表5 合计行“基本支出”= 表6 人员经费合计 + 公用经费合计。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return sumCheck(ctx, at(f.general.total.basic), [at(f.economic.personnelTotal), at(f.economic.publicTotal)], m);
  }),
];

/** Rules of every template that read no table layout. */
const COMMON_REPORT_RULES = REPORT_RULES.filter((r) => ['R-NEGATIVE', 'R-FRAME', 'R-CELL-TEXT'].includes(r.id));

/** R-PROCUREMENT-SME reads 政府采购 by name: under 上海, from the typed amounts (no 表10). */
export const SHANGHAI_RULES: Rule[] = [...SHANGHAI_TABLE_RULES, ...COMMON_REPORT_RULES, procurementSmeRule, ...PRIOR_RULES, ...NARRATIVE_RULES, ...EVALUATION_RULES];
