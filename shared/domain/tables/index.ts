/**
 * deriveTables: a pure function from a report's typed facts to the ten official tables,
 * every row and cell in printed order.
 */
import { getCatalogue, type Catalogue } from '../catalogue';
import type { Department, Report } from '../model';
import type { TableInput } from './frame';
import { table01 } from './table01';
import { table04 } from './table04';
import { table06 } from './table06';
import { table09 } from './table09';
import { table10 } from './table10';
import { table02, table03, table05, table07, table08 } from './subjectTables';
import type { DerivedTables } from './types';

export * from './types';
export { TABLE_TITLES, NO_DATA_NOTE } from './frame';
export { chineseNumeral } from './cells';

export function deriveTables(department: Department, report: Report, catalogue: Catalogue = getCatalogue(report.edition)): DerivedTables {
  const input: TableInput = { department, report, catalogue };
  const t02 = table02(input);
  const t03 = table03(input);
  const t05 = table05(input);
  const t06 = table06(input);
  const t07 = table07(input);
  const t08 = table08(input);
  const t04 = table04(input, t05, t07, t08);
  const t01 = table01(input, t02, t03, t04);
  const t09 = table09(input);
  const t10 = table10(input, t06);
  return { '01': t01, '02': t02, '03': t03, '04': t04, '05': t05, '06': t06, '07': t07, '08': t08, '09': t09, '10': t10 };
}
