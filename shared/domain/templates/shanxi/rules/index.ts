/**
 * 山西's consistency rules (勾稽关系) of the ten tables: the identities of SPEC §4 inside each
 * table, the links between tables, and report-level checks. Every comparison is made on the
 * printed figures with the rounding envelope of `printed.ts`.
 *
 * Identities that hold by construction are still checked: the checks must catch a broken model
 * as well as a broken report. Naming: `T01-…` inside table 01, `X-01-03-…` between tables 01
 * and 03, `R-…` over the whole report.
 *
 *     lines.ts          line cell ids of tables 01, 04 and 10 (rule(), column lookup and the exact fast path: checks/rules/common.ts)
 *     lineTables.ts     tables 01 and 04
 *     subjectTables.ts  tables 02, 03, 05, 07, 08: row identities and the 类/款/项 hierarchy
 *     table06.ts        table 06 and its layout
 *     tables0910.ts     tables 09 and 10, and the 三公 / 机关运行经费 helpers
 *     cross.ts          rules between tables (X-…)
 *     report.ts         山西's report-level rules on tables 09 and 10 (R-…)
 *
 * The rules every template shares (R-NEGATIVE, R-FRAME, R-CELL-TEXT, last year's figures, the
 * 情况说明 and the 附件) are in `checks/`.
 */
import type { Rule } from '../../../checks/types';
import { TABLE01_RULES, TABLE04_RULES } from './lineTables';
import { TABLE02_RULES, TABLE03_RULES, TABLE05_RULES, TABLE07_RULES, TABLE08_RULES } from './subjectTables';
import { TABLE06_RULES } from './table06';
import { TABLE09_RULES, TABLE10_RULES } from './tables0910';

import { CROSS_RULES } from './cross';
import { SHANXI_REPORT_RULES } from './report';
import { REPORT_RULES } from '../../../checks/rules/report';
import { PRIOR_RULES } from '../../../checks/rules/prior';
import { NARRATIVE_RULES } from '../../../checks/narrativeRules';
import { EVALUATION_RULES } from '../../../checks/rules/selfEvaluation';

export { CROSS_RULES, SHANXI_REPORT_RULES };

/** The rules inside each table, table 01 to table 10. */
export const TABLE_RULES: Rule[] = [
  ...TABLE01_RULES,
  ...TABLE02_RULES,
  ...TABLE03_RULES,
  ...TABLE04_RULES,
  ...TABLE05_RULES,
  ...TABLE06_RULES,
  ...TABLE07_RULES,
  ...TABLE08_RULES,
  ...TABLE09_RULES,
  ...TABLE10_RULES,
];

/**
 * Every rule of a 山西 package, in a stable order: table rules 01 … 10, cross-table rules, report
 * rules (山西's, then every template's), last year's figures, narrative rules, 附件 rules.
 */
export const SHANXI_RULES: Rule[] = [...TABLE_RULES, ...CROSS_RULES, ...SHANXI_REPORT_RULES, ...REPORT_RULES, ...PRIOR_RULES, ...NARRATIVE_RULES, ...EVALUATION_RULES];
