/**
 * Everything the screen shows is derived locally from the loaded year with shared/domain:
 * the ten tables, the narrative package and the checks. Each is memoised by the identity of
 * its inputs; an edit makes a new Report object (copy-on-write), so each version is derived
 * once. Tables follow every keystroke (the draft), the narrative and the checks follow
 * committed edits only.
 */
import type { LoadedYear } from '../../shared/contract/api';
import { type Catalogue, getCatalogue } from '../../shared/domain/catalogue';
import { type Finding, runChecks } from '../../shared/domain/checks';
import { factRefKey, type Report } from '../../shared/domain/model';
import { buildPackage, type Narrative, type PriorFigures, priorFromTyped, priorFromYear } from '../../shared/domain/narrative';
import type { PackageModel } from '../../shared/domain/package';
import { deriveYearTable, deriveYearTables, type DerivedTable, type DerivedTables, type TableId, tableIn } from '../../shared/domain/tables';
import { withFact } from './reportEdit';
import type { Draft } from './session';

/** Remembers the result for the most recent inputs (compared by identity). */
function memoLast<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((a, k) => a === args[k])) return lastResult;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}

export const catalogueOf = memoLast((edition: number, customCodes: LoadedYear['customCodes']): Catalogue => getCatalogue(edition, customCodes));

export function catalogueFor(loaded: LoadedYear): Catalogue {
  return catalogueOf(loaded.report.edition, loaded.customCodes);
}

const tablesCache = new WeakMap<Report, { department: LoadedYear['department']; catalogue: Catalogue; tables: DerivedTables }>();

/** The ten tables of a report version (cached per Report object). */
export function tablesOf(loaded: LoadedYear, report: Report = loaded.report): DerivedTables {
  const catalogue = catalogueFor(loaded);
  const hit = tablesCache.get(report);
  if (hit && hit.department === loaded.department && hit.catalogue === catalogue) return hit.tables;
  const tables = deriveYearTables(loaded.department, report, catalogue);
  tablesCache.set(report, { department: loaded.department, catalogue, tables });
  return tables;
}

const tableCache = new WeakMap<Report, Map<TableId, { department: LoadedYear['department']; catalogue: Catalogue; table: DerivedTable }>>();

/**
 * One table of a report version: from the ten tables when they are derived already, else on its
 * own (while a figure is typed, only the table on screen is derived for each keystroke).
 */
export function tableOf(loaded: LoadedYear, report: Report, id: TableId): DerivedTable {
  const catalogue = catalogueFor(loaded);
  const all = tablesCache.get(report);
  if (all && all.department === loaded.department && all.catalogue === catalogue) return tableIn(all.tables, id);
  let byId = tableCache.get(report);
  if (!byId) tableCache.set(report, (byId = new Map()));
  const hit = byId.get(id);
  if (hit && hit.department === loaded.department && hit.catalogue === catalogue) return hit.table;
  const table = deriveYearTable(loaded.department, report, catalogue, id);
  byId.set(id, { department: loaded.department, catalogue, table });
  return table;
}

/** Plain data (numbers, strings, arrays, objects) compared by content; shared parts by identity first. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/**
 * The tables derived from `from` stand for `to` when both hold the same facts: a paste derives
 * the table it lands in with its figures applied (to check the grey ones), then the session makes
 * its own copy of the report with the same figures, and the screen shows that table instead of
 * deriving it again. Nothing is shared when anything differs (a split written along, a row added).
 */
export function reuseTables(from: Report, to: Report): void {
  if (from === to || tableCache.has(to) || tablesCache.has(to)) return;
  const byId = tableCache.get(from);
  if (!byId || !sameData(from, to)) return;
  tableCache.set(to, new Map(byId));
}

let lastPreview: { report: Report; key: string | null; result: Report } | null = null;

/** The report as the screen shows it: the committed report with the value being typed. */
export function previewReport(report: Report, draft: Draft | null): Report {
  if (!draft) return report;
  const key = `${factRefKey(draft.ref)}=${draft.value ?? 'null'}`;
  if (lastPreview && lastPreview.report === report && lastPreview.key === key) return lastPreview.result;
  const result = withFact(report, draft.ref, draft.value);
  lastPreview = { report, key, result };
  return result;
}

const lastYearCache = new WeakMap<Report, { department: LoadedYear['department']; customCodes: LoadedYear['customCodes']; tables: DerivedTables }>();

/** Last year's tables (the year before in the file), or null when the file has no such year. */
export function lastYearTablesOf(loaded: LoadedYear): DerivedTables | null {
  const last = loaded.lastYear;
  if (!last) return null;
  const hit = lastYearCache.get(last);
  if (hit && hit.department === loaded.department && hit.customCodes === loaded.customCodes) return hit.tables;
  const tables = deriveYearTables(loaded.department, last, getCatalogue(last.edition, loaded.customCodes));
  lastYearCache.set(last, { department: loaded.department, customCodes: loaded.customCodes, tables });
  return tables;
}

/**
 * Last year's figures: from last year's report in the file (completed by the typed 上年数 for
 * figures it lacks), otherwise as typed this year.
 */
export const priorOf = memoLast((loaded: LoadedYear, report: Report): PriorFigures => {
  const lastTables = lastYearTablesOf(loaded);
  return lastTables && loaded.lastYear ? priorFromYear(lastTables, loaded.lastYear.year, report) : priorFromTyped(report);
});

export interface PackageView {
  model: PackageModel;
  narrative: Narrative;
  prior: PriorFigures;
}

const packageCache = new WeakMap<Report, PackageView>();

export function packageOf(loaded: LoadedYear): PackageView {
  const report = loaded.report;
  const hit = packageCache.get(report);
  // 十（四） is drafted from the 自评表: a saved form makes a new package.
  if (hit && hit.model.department === loaded.department && hit.model.evaluation === loaded.evaluation) return hit;
  const prior = priorOf(loaded, report);
  const built = buildPackage({ department: loaded.department, report, catalogue: catalogueFor(loaded), tables: tablesOf(loaded), prior, evaluation: loaded.evaluation });
  const view = { ...built, prior };
  packageCache.set(report, view);
  return view;
}

const findingsCache = new WeakMap<Report, { department: LoadedYear['department']; evaluation: LoadedYear['evaluation']; findings: Finding[] }>();

export function findingsOf(loaded: LoadedYear): Finding[] {
  const report = loaded.report;
  const hit = findingsCache.get(report);
  if (hit && hit.department === loaded.department && hit.evaluation === loaded.evaluation) return hit.findings;
  // The 情况说明 rules (N-…) need the drafted narrative: every figure against its source cell,
  // unfilled required parts, the prose lint, shares summing to 100.00%.
  const lastTables = lastYearTablesOf(loaded);
  const lastYear = lastTables && loaded.lastYear ? { lastYear: { year: loaded.lastYear.year, tables: lastTables } } : {};
  const findings = runChecks({
    department: loaded.department,
    report,
    tables: tablesOf(loaded),
    narrative: packageOf(loaded).model.narrative,
    ...(loaded.evaluation ? { evaluation: loaded.evaluation } : {}),
    ...lastYear,
  });
  findingsCache.set(report, { department: loaded.department, evaluation: loaded.evaluation, findings });
  return findings;
}
