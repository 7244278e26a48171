/**
 * The consistency rules (勾稽关系) of the ten tables: the identities of SPEC §4 inside each
 * table, the links between tables, and report-level checks. Every comparison is made on the
 * printed figures with the rounding envelope of `printed.ts`.
 *
 * Identities that hold by construction are still checked: the checks must catch a broken model
 * as well as a broken report. Naming: `T01-…` inside table 01, `X-01-03-…` between tables 01
 * and 03, `R-…` over the whole report.
 *
 *     common.ts         rule(), line cell ids, column lookup, the exact fast path
 *     lineTables.ts     tables 01 and 04
 *     subjectTables.ts  tables 02, 03, 05, 07, 08: row identities and the 类/款/项 hierarchy
 *     table06.ts        table 06 and its layout
 *     tables0910.ts     tables 09 and 10, and the 三公 / 机关运行经费 helpers
 *     cross.ts          rules between tables (X-…)
 *     negative.ts       R-NEGATIVE
 *     report.ts         report-level rules (R-…)
 */
import type { Rule } from '../types';
import { TABLE01_RULES, TABLE04_RULES } from './lineTables';
import { TABLE02_RULES, TABLE03_RULES, TABLE05_RULES, TABLE07_RULES, TABLE08_RULES } from './subjectTables';
import { TABLE06_RULES } from './table06';
import { TABLE09_RULES, TABLE10_RULES } from './tables0910';

export { CROSS_RULES } from './cross';
export { printsAs, REPORT_RULES } from './report';

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
