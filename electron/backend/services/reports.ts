/**
 * Report use cases over an open disclosure file, shared by the CLI and (later) the IPC handlers.
 * Each use case validates first and writes in one transaction, so a refused request writes nothing.
 */
import { editionForYear, getCatalogue, type Catalogue } from '../../../shared/domain/catalogue';
import { formatInterchangeIssues, parseInterchangeBytes, parseInterchangeText, type ReportPackage, toInterchange } from '../../../shared/domain/interchange';
import { type Department, emptyItem, emptyReport, type Report } from '../../../shared/domain/model';
import { type Finding, runChecks } from '../../../shared/domain/checks';
import { buildPackage, type Narrative, priorFromTyped, priorFromYear, type PriorFigures } from '../../../shared/domain/narrative';
import type { PackageModel } from '../../../shared/domain/package';
import { carryEvaluation, type EvaluationSet } from '../../../shared/domain/selfEvaluation';
import { deriveYearTables, type DerivedTables } from '../../../shared/domain/tables';
import { DisclosureRepository, type DisclosureFile, EvaluationRepository, StorageError } from '../db';

/** A request the user can fix; the message is Chinese and complete. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Parses an interchange document (its bytes, checked to be UTF-8, or text) or throws a UserError listing the problems. */
export function parseReportJson(content: string | Uint8Array, source: string): ReportPackage {
  const parsed = typeof content === 'string' ? parseInterchangeText(content) : parseInterchangeBytes(content);
  if (!parsed.ok) {
    throw new UserError(`“${source}”中的数据有误，未导入任何内容：\n${formatInterchangeIssues(parsed.issues)}`);
  }
  return parsed.value;
}

export interface ImportOptions {
  /** Replace a year that is already in the file. */
  replace: boolean;
  /**
   * Let the import change the department's 单位性质 or 下属单位. The department belongs to the
   * whole file, so a change applies to every year in it; without this flag it is refused.
   */
  updateDepartment?: boolean;
}

/** A department change an import made, and the years it applies to. */
export interface DepartmentChange {
  changes: string[];
  years: number[];
}

export interface ImportOutcome {
  departmentChange: DepartmentChange | null;
}

function quoted(text: string): string {
  if (text === '') return '（空）';
  return `“${text.length > 40 ? `${text.slice(0, 40)}…` : text}”`;
}

/** What differs between the file's department and the imported one (the name is checked before). */
function departmentDifferences(existing: Department, imported: Department): string[] {
  const changes: string[] = [];
  if (existing.unitKind !== imported.unitKind) changes.push(`单位性质：${quoted(existing.unitKind)} → ${quoted(imported.unitKind)}`);
  const units = (d: Department) => d.subordinateUnits.map((u) => (u.note ? `${u.name}（${u.note}）` : u.name)).join('、');
  if (units(existing) !== units(imported)) changes.push(`下属单位：${quoted(units(existing))} → ${quoted(units(imported))}`);
  return changes;
}

function yearList(years: readonly number[]): string {
  return years.map((y) => `${y}`).join('、');
}

/**
 * Imports one report: department, custom codes, the year's facts and — when the document has the
 * section — its 附件 (replacing the year's forms and 重点评价报告), all or nothing; the change log
 * records it as `action`. A year older than the latest in the file (last year brought in) leaves
 * the department as the file has it: its 单位性质 and 下属单位 are this year's.
 */
export function importReport(file: DisclosureFile, pkg: ReportPackage, options: ImportOptions, action = '导入'): ImportOutcome {
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
  const affected = [...new Set([...years, year])].sort((a, b) => a - b);
  const olderYear = existing !== null && years.some((y) => y > year);
  const changes = existing && !olderYear ? departmentDifferences(existing, pkg.department) : [];
  if (changes.length > 0 && options.updateDepartment !== true) {
    throw new UserError(
      `要导入的部门信息与文件中的不同（${changes.join('；')}）。部门信息对文件中的所有年度都有效，` +
        `修改会影响 ${yearList(affected)} 年度的报表。未导入任何内容。如确需修改，请加上 --update-department。`,
    );
  }
  file.db.transaction(() => {
    if (!olderYear) repo.setDepartment(pkg.department, action);
    for (const code of pkg.customCodes) repo.addCustomCode(code, action);
    repo.saveReport(pkg.report, action);
    if (pkg.evaluation) new EvaluationRepository(file.db).replaceAll(year, pkg.evaluation);
  })();
  return { departmentChange: changes.length > 0 ? { changes, years: affected } : null };
}

/** The sentence the CLI prints after an import changed the department. */
export function describeDepartmentChange(change: DepartmentChange): string {
  return `已修改部门信息（${change.changes.join('；')}），影响 ${yearList(change.years)} 年度的报表。`;
}

export interface LoadedReport {
  department: Department;
  report: Report;
  catalogue: Catalogue;
  /** 第五部分 附件 of the year (empty when none is stored). */
  evaluation: EvaluationSet;
  pkg: ReportPackage;
}

export function loadReport(file: DisclosureFile, year: number): LoadedReport {
  const repo = new DisclosureRepository(file.db);
  const department = repo.getDepartment();
  if (!department) throw new StorageError('NOT_FOUND', '此文件中还没有部门信息，请先导入或新建部门。');
  const report = repo.loadReport(year);
  const customCodes = repo.listCustomCodes();
  const evaluation = new EvaluationRepository(file.db).load(year);
  return { department, report, catalogue: getCatalogue(report.edition, customCodes), evaluation, pkg: { department, report, customCodes, evaluation } };
}

export function deriveYear(file: DisclosureFile, year: number): { loaded: LoadedReport; tables: DerivedTables } {
  const loaded = loadReport(file, year);
  return { loaded, tables: deriveYearTables(loaded.department, loaded.report, loaded.catalogue) };
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
  return { year, report, tables: deriveYearTables(loaded.department, report, getCatalogue(report.edition, loaded.pkg.customCodes)) };
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
  const { model, narrative } = buildPackage({ ...loaded, tables, prior: priorFor(file, loaded), evaluation: loaded.evaluation });
  return { model, narrative, loaded };
}

/** Text fields a new year starts from: 第一部分 概况, 第四部分 名词解释, the attachment list. */
const CARRIED_TEXT = /^(overview\.|glossary\.|attachments$)/u;

/**
 * 新建年度: a report for `fromYear + 1` that starts from last year's 概况, 名词解释, settings
 * and 科目 rows (with zero amounts), and each project's 自评表 with its indicators and targets
 * (the year's actuals cleared). Last year's figures need no typing: the narrative reads them from
 * last year's report in the same file. One transaction.
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
  const evaluations = new EvaluationRepository(file.db);
  const carried = carryEvaluation(evaluations.load(fromYear), year);
  file.db.transaction(() => {
    repo.saveReport(next, `新建年度（由${fromYear}年度带入）`);
    evaluations.replaceAll(year, carried);
  })();
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
    evaluation: loaded.evaluation,
    ...(last ? { lastYear: { year: last.year, tables: last.tables } } : {}),
  });
  return { findings, loaded };
}
