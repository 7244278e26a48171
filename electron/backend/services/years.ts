/**
 * Use cases over the years of one file, shared by the CLI and the app: 定稿 / 取消定稿, the change
 * log, the content hash of a year, and the comparison of two years (with its workbook).
 */
import type { ChangeEntry } from '../../../shared/domain/changeLog';
import { getCatalogue } from '../../../shared/domain/catalogue';
import { type Comparison, DEFAULT_THRESHOLD, type Threshold } from '../../../shared/domain/compare';
import { compareReports } from '../../../shared/domain/compare/compose';
import { factsHash } from '../../../shared/domain/factsHash';
import { type AttachmentNamer, attachmentNamer } from '../../../shared/domain/selfEvaluation';
import { type DisclosureFile, DisclosureRepository, EvaluationRepository, formatLocalTime, StorageError } from '../db';
import type { Publication } from '../db';
import { renderChangeLogXlsx } from '../export/changeLogXlsx';
import { renderCompareXlsx } from '../export/compareXlsx';
import { loadReport, UserError } from './reports';

export function publishYear(file: DisclosureFile, year: number, note = ''): Publication {
  return new DisclosureRepository(file.db).publish(year, note);
}

export function unpublishYear(file: DisclosureFile, year: number, reason: string): void {
  new DisclosureRepository(file.db).unpublish(year, reason);
}

export function publicationOf(file: DisclosureFile, year: number): Publication | null {
  return new DisclosureRepository(file.db).getPublication(year);
}

/** `已定稿（张三，2025-03-01 10:00）` or `未定稿`. */
export function publicationText(p: Publication | null): string {
  return p ? `已定稿（${p.by || '未知用户'}，${formatLocalTime(p.at)}）` : '未定稿';
}

export function changesOf(file: DisclosureFile, year: number, target?: string): ChangeEntry[] {
  const repo = new DisclosureRepository(file.db);
  if (!repo.listYears().includes(year)) throw new StorageError('NOT_FOUND', `文件中没有${year}年度的决算数据。`);
  return repo.listChanges(year, target);
}

/** The content hash of a year's facts as stored (see shared/domain/factsHash.ts). */
export function factsHashOf(file: DisclosureFile, year: number): string {
  return factsHash(new DisclosureRepository(file.db).loadReport(year));
}

/** Two years of the file compared (the 情况说明 figures drafted for `year` against `withYear`). */
export function compareInFile(file: DisclosureFile, year: number, withYear: number, threshold: Threshold = DEFAULT_THRESHOLD): Comparison {
  if (year === withYear) throw new UserError('请选择两个不同的年度进行对比。');
  const current = loadReport(file, year);
  const years = new DisclosureRepository(file.db).listYears();
  if (!years.includes(withYear)) throw new UserError(`文件中没有${withYear}年度的数据，无法对比。文件中的年度：${years.join('、')}。`);
  const prior = loadReport(file, withYear);
  return compareReports({ department: current.department, customCodes: current.pkg.customCodes, current: { report: current.report }, prior: { report: prior.report }, threshold });
}

export async function compareWorkbook(file: DisclosureFile, comparison: Comparison): Promise<Buffer> {
  const department = new DisclosureRepository(file.db).getDepartment();
  return renderCompareXlsx(comparison, { title: compareTitle(department?.name ?? '', comparison.year, comparison.withYear) });
}

/** 科目 names of a year's edition (with the file's custom codes), for the change log's words. */
export function functionalNamer(file: DisclosureFile, year: number): (code: string) => string | undefined {
  const loaded = loadReport(file, year);
  const catalogue = getCatalogue(loaded.report.edition, loaded.pkg.customCodes);
  return (code) => catalogue.functionalName(code);
}

/** Names of the year's 自评表 and 重点评价报告 (current, else as the log last recorded them), for the change log's words. */
export function attachmentNamesOf(file: DisclosureFile, year: number, entries: readonly ChangeEntry[]): AttachmentNamer {
  return attachmentNamer(entries, new EvaluationRepository(file.db).load(year));
}

export async function changeLogWorkbook(file: DisclosureFile, year: number): Promise<Buffer> {
  const department = loadReport(file, year).department;
  const entries = changesOf(file, year);
  return renderChangeLogXlsx(entries, {
    title: changeLogTitle(department.name, year),
    functionalName: functionalNamer(file, year),
    attachmentName: attachmentNamesOf(file, year, entries),
  });
}

/** Titles (and file names) of the workbooks of a comparison and a change log. */
export function compareTitle(departmentName: string, year: number, withYear: number): string {
  return `${departmentName}${year}年与${withYear}年决算对比`;
}

export function changeLogTitle(departmentName: string, year: number): string {
  return `${departmentName}${year}年度修改记录`;
}
