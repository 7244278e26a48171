/**
 * A comparison of two years of one file, composed from their typed facts: both years' tables,
 * the current year's narrative drafted against the compared year, and the catalogue's code moves
 * between the two editions. Used by the screen, the CLI and the bench alike.
 */
import { codeMoves, getCatalogue } from '../catalogue';
import type { CustomCode, Department, Report } from '../model';
import { draftNarrative, priorFromTables, priorFromYear, type PriorFigures } from '../narrative';
import { deriveYearTables, type DerivedTables } from '../tables';
import { type Comparison, compareYears, type Threshold } from './index';

export interface YearInput {
  report: Report;
  /** Its derived tables when the caller has them already (the screen does). */
  tables?: DerivedTables;
}

export interface ComposeInput {
  department: Department;
  customCodes: readonly CustomCode[];
  current: YearInput;
  prior: YearInput;
  threshold?: Threshold;
}

/**
 * Last year's figures as the current year's narrative reads them: the compared year's report,
 * completed by the typed 上年数 when it is the year before; any other year as its tables say.
 */
export function priorFiguresFor(current: Report, prior: Report, priorTables: DerivedTables): PriorFigures {
  return prior.year === current.year - 1 ? priorFromYear(priorTables, prior.year, current) : priorFromTables(priorTables, prior.year);
}

export function compareReports(input: ComposeInput): Comparison {
  const { department, customCodes, current, prior } = input;
  const currentCatalogue = getCatalogue(current.report.edition, customCodes);
  const currentTables = current.tables ?? deriveYearTables(department, current.report, currentCatalogue);
  const priorTables = prior.tables ?? deriveYearTables(department, prior.report, getCatalogue(prior.report.edition, customCodes));
  const priorFigures = priorFiguresFor(current.report, prior.report, priorTables);
  const narrative = draftNarrative({ department, report: current.report, tables: currentTables, prior: priorFigures, catalogue: currentCatalogue });
  return compareYears({
    current: { year: current.report.year, report: current.report, tables: currentTables, narrative },
    prior: { year: prior.report.year, tables: priorTables },
    priorFigures,
    codeMoves: codeMoves(prior.report.edition, current.report.edition),
    ...(input.threshold ? { threshold: input.threshold } : {}),
  });
}
