/**
 * 导入Excel表格 over an open file: read the workbook's bytes, import its tables into a year
 * (shared/domain/tableImport), preview what changes, and apply it in one transaction.
 *
 * What happens to a year that already has data: the facts the workbook's tables carry are
 * replaced by what they print (a table the workbook lacks keeps its figures); everything else
 * the year holds — 情况说明 and other texts, settings, 年初预算, last year's figures, counts — is
 * kept. The CLI asks for --replace before it replaces figures; the app shows the preview first.
 */
import path from 'node:path';
import type { CustomCode, Department, Report } from '../../../shared/domain/model';
import {
  ImportError,
  importPreview,
  importTables,
  type ImportPreview,
  type SheetGrid,
  type TablesImport,
} from '../../../shared/domain/templates/shanxi/tableImport';
import { type DisclosureFile, DisclosureRepository } from '../db';
import { UserError } from './reports';
import { isOle, loadWorkbook } from './workbookFile';
import { workbookGrids } from './workbookGrids';

const NOTHING = '未导入任何内容，文件中原有的数据没有改动。';

function displayName(fileName: string): string {
  return `“${path.basename(fileName)}”`;
}

/** The workbook's sheets, or a Chinese refusal saying what the file is instead. */
export async function readTableSheets(bytes: Buffer, fileName: string): Promise<SheetGrid[]> {
  const name = displayName(fileName);
  if (bytes.length === 0) throw new UserError(`${name}是空文件。${NOTHING}`);
  if (isOle(bytes)) {
    throw new UserError(`${name}是旧版 Excel（.xls）文件或设置了打开密码的工作簿，无法读取。请在 Excel 或 WPS 中取消密码，另存为 .xlsx 工作簿后再导入。${NOTHING}`);
  }
  const workbook = await loadWorkbook(bytes);
  if (!workbook) {
    throw new UserError(`${name}不是有效的 Excel 工作簿（.xlsx），可能已损坏或并非表格文件，无法读取。请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入。${NOTHING}`);
  }
  return workbookGrids(workbook);
}

export interface TablesImportPlan {
  result: TablesImport;
  preview: ImportPreview;
  /** The file has no department yet: the import sets it from the workbook. */
  newDepartment: boolean;
  /** The file has no report for the year yet. */
  newYear: boolean;
}

/** Imports into memory against the file as it is now: nothing is written. */
export function planTablesImport(file: DisclosureFile, year: number, sheets: readonly SheetGrid[], fileName: string): TablesImportPlan {
  const repo = new DisclosureRepository(file.db);
  const department: Department | null = repo.getDepartment();
  const hasYear = repo.listYears().includes(year);
  const base: Report | null = hasYear ? repo.loadReport(year) : null;
  let result: TablesImport;
  try {
    result = importTables(sheets, { year, department, base, customCodes: repo.listCustomCodes() });
  } catch (e) {
    if (e instanceof ImportError) throw new UserError(`${displayName(fileName)}：${e.message}\n${NOTHING}`);
    throw e;
  }
  return { result, preview: importPreview(result, base), newDepartment: department === null, newYear: !hasYear };
}

/** Writes a plan in one transaction: department (new file), added 科目, the year's report. */
export function applyTablesImport(file: DisclosureFile, plan: TablesImportPlan): void {
  const repo = new DisclosureRepository(file.db);
  file.db.transaction(() => {
    if (plan.newDepartment) repo.setDepartment(plan.result.department);
    for (const code of plan.result.addedCodes) repo.addCustomCode(code);
    repo.saveReport(plan.result.report);
  })();
}

/** `新增科目：2011399 其他商贸事务支出（功能分类）…` */
export function describeAddedCodes(codes: readonly CustomCode[]): string[] {
  return codes.map((c) => `${c.code} ${c.name}（${c.catalogue === 'functional' ? '支出功能分类' : '经济分类'}）`);
}
