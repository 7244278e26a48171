/**
 * Report use cases over an open disclosure file, shared by the CLI and (later) the IPC handlers.
 * Each use case validates first and writes in one transaction, so a refused request writes nothing.
 */
import { editionForYear, getCatalogue, type Catalogue } from '../../../shared/domain/catalogue';
import { formatInterchangeIssues, parseInterchangeText, type ReportPackage, toInterchange } from '../../../shared/domain/interchange';
import { type Department, emptyItem, emptyReport, type Report } from '../../../shared/domain/model';
import { type Finding, runChecks } from '../../../shared/domain/checks';
import { buildPackage, type Narrative, priorFromTyped, priorFromYear, type PriorFigures } from '../../../shared/domain/narrative';
import type { PackageModel } from '../../../shared/domain/package';
import { deriveTables, type DerivedTables } from '../../../shared/domain/tables';
import { DisclosureRepository, type DisclosureFile, StorageError } from '../db';

/** A request the user can fix; the message is Chinese and complete. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export function parseReportJson(text: string, source: string): ReportPackage {
  const parsed = parseInterchangeText(text);
  if (!parsed.ok) {
    throw new UserError(`“${source}”中的数据有误，未导入任何内容：\n${formatInterchangeIssues(parsed.issues)}`);
  }
  return parsed.value;
}

export interface ImportOptions {
  /** Replace a year that is already in the file. */
  replace: boolean;
}

/**
 * Imports one report: department, custom codes and the year's facts, all or nothing; the change
 * log records it as `action`. A year older than the latest in the file (last year brought in)
 * leaves the department as the file has it: its 单位性质 and 下属单位 are this year's.
 */
export function importReport(file: DisclosureFile, pkg: ReportPackage, options: ImportOptions, action = '导入'): void {
  const repo = new DisclosureRepository(file.db);
  const existing = repo.getDepartment();
  if (existing && existing.name !== pkg.department.name) {
    throw new UserError(`此文件属于“${existing.name}”，要导入的数据属于“${pkg.department.name}”。一个文件只保存一个部门的数据，请另选文件。`);
  }
  const year = pkg.report.year;
  const years = repo.listYears();
  if (!options.replace && years.includes(year)) {
    throw new UserError(`文件中已有${year}年度的数据。如确需用导入的数据覆盖，请加上 --replace。`);
  }
  const olderYear = existing !== null && years.some((y) => y > year);
  file.db.transaction(() => {
    if (!olderYear) repo.setDepartment(pkg.department, action);
    for (const code of pkg.customCodes) repo.addCustomCode(code, action);
    repo.saveReport(pkg.report, action);
  })();
}

export interface LoadedReport {
  department: Department;
  report: Report;
  catalogue: Catalogue;
  pkg: ReportPackage;
}

export function loadReport(file: DisclosureFile, year: number): LoadedReport {
  const repo = new DisclosureRepository(file.db);
  const department = repo.getDepartment();
  if (!department) throw new StorageError('NOT_FOUND', '此文件中还没有部门信息，请先导入或新建部门。');
  const report = repo.loadReport(year);
  const customCodes = repo.listCustomCodes();
  return { department, report, catalogue: getCatalogue(report.edition, customCodes), pkg: { department, report, customCodes } };
}

export function deriveYear(file: DisclosureFile, year: number): { loaded: LoadedReport; tables: DerivedTables } {
  const loaded = loadReport(file, year);
  return { loaded, tables: deriveTables(loaded.department, loaded.report, loaded.catalogue) };
}

export function exportReportJson(file: DisclosureFile, year: number): string {
  return `${JSON.stringify(toInterchange(loadReport(file, year).pkg), null, 2)}\n`;
}

/** Last year's report in the same file (whatever brought it in) and its tables; null when absent. */
export function lastYearOf(file: DisclosureFile, loaded: LoadedReport): { year: number; report: Report; tables: DerivedTables } | null {
  const repo = new DisclosureRepository(file.db);
  const year = loaded.report.year - 1;
  if (!repo.listYears().includes(year)) return null;
  const report = repo.loadReport(year);
  return { year, report, tables: deriveTables(loaded.department, report, getCatalogue(report.edition, loaded.pkg.customCodes)) };
}

/**
 * Last year's figures: last year's report in the same file (completed by typed 上年数 for figures
 * it lacks), else what this year's report typed.
 */
export function priorFor(file: DisclosureFile, loaded: LoadedReport): PriorFigures {
  const last = lastYearOf(file, loaded);
  return last ? priorFromYear(last.tables, last.year, loaded.report) : priorFromTyped(loaded.report);
}

/** The whole package of a year (tables, drafted narrative, 概况, 名词解释) and the narrative findings. */
export function packageForYear(file: DisclosureFile, year: number): { model: PackageModel; narrative: Narrative; loaded: LoadedReport } {
  const { loaded, tables } = deriveYear(file, year);
  const { model, narrative } = buildPackage({ ...loaded, tables, prior: priorFor(file, loaded) });
  return { model, narrative, loaded };
}

/** Text fields a new year starts from: 第一部分 概况, 第四部分 名词解释, the attachment list. */
const CARRIED_TEXT = /^(overview\.|glossary\.|attachments$)/u;

/**
 * 新建年度: a report for `fromYear + 1` that starts from last year's 概况, 名词解释, settings
 * and 科目 rows (with zero amounts). Last year's figures need no typing: the narrative reads
 * them from last year's report in the same file.
 */
export function createNextYear(file: DisclosureFile, fromYear: number): Report {
  const repo = new DisclosureRepository(file.db);
  const last = repo.loadReport(fromYear);
  const year = fromYear + 1;
  if (repo.listYears().includes(year)) throw new UserError(`文件中已有${year}年度的数据。`);
  const edition = editionForYear(year);
  const catalogue = getCatalogue(edition, repo.listCustomCodes());
  const next = emptyReport(year, edition);
  next.settings = { ...last.settings };
  next.items = last.items.filter((i) => catalogue.hasFunctional(i.code)).map((i) => emptyItem(i.code));
  for (const [key, value] of Object.entries(last.texts)) if (CARRIED_TEXT.test(key)) next.texts[key] = value;
  repo.saveReport(next, `新建年度（由${fromYear}年度带入）`);
  return next;
}

/** 勾稽审核 of a year: every table, cross-table, report and 情况说明 rule. */
export function checkYear(file: DisclosureFile, year: number): { findings: Finding[]; loaded: LoadedReport } {
  const { model, loaded } = packageForYear(file, year);
  const last = lastYearOf(file, loaded);
  const findings = runChecks({
    department: loaded.department,
    report: loaded.report,
    tables: model.tables,
    narrative: model.narrative,
    ...(last ? { lastYear: { year: last.year, tables: last.tables } } : {}),
  });
  return { findings, loaded };
}
