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
import { type DerivedTable, type DerivedTables, isShanxiTableId, type ShanxiTableId, type ShanxiTables, type TableId, tableIn } from './types';
import { markTemplate } from '../templates/figuresOf';
import { deriveShanghaiTables } from './shanghai';

export * from './types';
export { TABLE_TITLES, NO_DATA_NOTE } from './frame';
export { tableName, tableNumber, tableShortName, tableSpec } from '../templates/tableSpecs';
export { chineseNumeral } from './cells';

/** 山西's ten tables (公开01表 … 公开10表). */
export function deriveTables(department: Department, report: Report, catalogue: Catalogue = getCatalogue(report.edition)): ShanxiTables {
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
  // These are 山西's ten tables (the only template's layout so far): their figures are read as 山西's.
  const tables: ShanxiTables = { '01': t01, '02': t02, '03': t03, '04': t04, '05': t05, '06': t06, '07': t07, '08': t08, '09': t09, '10': t10 };
  markTemplate(tables, '山西', input);
  return tables;
}

/**
 * The tables of a year in the layout of its template (`report.settings.template`): 山西's ten or
 * 上海's nine. What every consumer that shows or prints a year's tables calls.
 */
export function deriveYearTables(department: Department, report: Report, catalogue: Catalogue = getCatalogue(report.edition)): DerivedTables {
  switch (report.settings.template) {
    case '山西':
      return deriveTables(department, report, catalogue);
    case '上海': {
      const input: TableInput = { department, report, catalogue };
      const tables = deriveShanghaiTables(input);
      markTemplate(tables, '上海', input);
      return tables;
    }
  }
}

/**
 * One table of a year's template: 山西's derive only what the table reads; another template's
 * tables are derived together (they are few and small).
 */
export function deriveYearTable(department: Department, report: Report, catalogue: Catalogue, id: TableId): DerivedTable {
  if (report.settings.template === '山西' && isShanxiTableId(id)) return deriveTable(department, report, catalogue, id);
  return tableIn(deriveYearTables(department, report, catalogue), id);
}

/**
 * One table, deriving only what it reads (04 reads 05, 07 and 08; 01 reads 02, 03 and 04; 10 reads
 * 06): the same cells as `deriveTables(…)[id]`, for a screen that shows one table while a figure
 * is typed.
 */
export function deriveTable(department: Department, report: Report, catalogue: Catalogue, id: ShanxiTableId): DerivedTable {
  const input: TableInput = { department, report, catalogue };
  switch (id) {
    case '01': {
      const t04 = table04(input, table05(input), table07(input), table08(input));
      return table01(input, table02(input), table03(input), t04);
    }
    case '02':
      return table02(input);
    case '03':
      return table03(input);
    case '04':
      return table04(input, table05(input), table07(input), table08(input));
    case '05':
      return table05(input);
    case '06':
      return table06(input);
    case '07':
      return table07(input);
    case '08':
      return table08(input);
    case '09':
      return table09(input);
    case '10':
      return table10(input, table06(input));
  }
}
