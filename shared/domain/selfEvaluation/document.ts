/**
 * The 附件 section of the interchange document (docs/interchange-format.md, `evaluation`):
 * money in 元, scores as decimal points, empty texts and zero amounts left out. The reader is
 * read.ts with the `interchange` encoding.
 */
import { fenToDoc, pointsToDoc } from './read';
import {
  ANALYSIS_FIELDS,
  DEFAULT_EVALUATION_SETTINGS,
  type EvaluationSet,
  FUND_SOURCES,
  FUND_STAGES,
  type KeyEvaluationReport,
  LEVEL1_KINDS,
  type SelfEvaluationForm,
} from './types';

type Doc = Record<string, unknown>;

function putText(out: Doc, key: string, value: string): void {
  if (value !== '') out[key] = value;
}

export function formToDoc(form: SelfEvaluationForm): Doc {
  const out: Doc = { id: form.id, name: form.name };
  for (const key of ['department', 'unit', 'manager', 'phone', 'period', 'evaluationYear'] as const) putText(out, key, form[key]);
  if (form.fundKind !== '一般公共预算') out.fundKind = form.fundKind;
  const funds: Doc = {};
  for (const src of FUND_SOURCES) {
    const line: Doc = {};
    for (const stage of FUND_STAGES) if (form.funds[src][stage] !== 0) line[stage] = fenToDoc(form.funds[src][stage]);
    if (Object.keys(line).length > 0) funds[src] = line;
  }
  out.funds = funds;
  putText(out, 'goal', form.goal);
  putText(out, 'goalEffect', form.goalEffect);
  putText(out, 'achieved', form.achieved);
  out.indicators = form.indicators.map((ind) => {
    const row: Doc = {};
    for (const key of ['level1', 'level2', 'level3', 'targetInitial', 'target', 'actual'] as const) putText(row, key, ind[key]);
    if (ind.weight !== null) row.weight = pointsToDoc(ind.weight);
    if (ind.score !== null) row.score = pointsToDoc(ind.score);
    putText(row, 'deviation', ind.deviation);
    return row;
  });
  const groupScores: Doc = {};
  for (const kind of LEVEL1_KINDS) {
    const s = form.groupScores[kind];
    if (s !== undefined) groupScores[kind] = pointsToDoc(s);
  }
  if (Object.keys(groupScores).length > 0) out.groupScores = groupScores;
  const analysis: Doc = {};
  for (const k of ANALYSIS_FIELDS) putText(analysis, k, form.analysis[k]);
  if (Object.keys(analysis).length > 0) out.analysis = analysis;
  if (form.evaluators.length > 0) out.evaluators = form.evaluators.map((e) => ({ ...e }));
  putText(out, 'seal', form.seal);
  putText(out, 'filledOn', form.filledOn);
  if (Object.keys(form.printed).length > 0) out.printed = { ...form.printed };
  return out;
}

export function keyReportToDoc(report: KeyEvaluationReport): Doc {
  const out: Doc = { id: report.id, title: report.title };
  putText(out, 'projectName', report.projectName);
  if (report.funds !== 0) out.funds = fenToDoc(report.funds);
  if (report.fundKind !== '一般公共预算') out.fundKind = report.fundKind;
  out.sections = report.sections.map((s) => ({ heading: s.heading, level: s.level, text: s.text }));
  out.indicators = report.indicators.map((i) => {
    const row: Doc = {};
    for (const key of ['level1', 'level2', 'level3'] as const) putText(row, key, i[key]);
    row.weight = pointsToDoc(i.weight);
    if (i.score !== null) row.score = pointsToDoc(i.score);
    for (const key of ['explanation', 'benchmark', 'criteria', 'source', 'result'] as const) putText(row, key, i[key]);
    return row;
  });
  putText(out, 'conclusion', report.conclusion);
  if (Object.keys(report.printed).length > 0) out.printed = { ...report.printed };
  return out;
}

/** The `evaluation` section; settings are written in full only where they differ from the defaults. */
export function evaluationToDoc(set: EvaluationSet): Doc {
  const s = set.settings;
  const d = DEFAULT_EVALUATION_SETTINGS;
  const settings: Doc = { layout: s.layout };
  if (s.budgetRule.kind !== 'linear') {
    settings.budgetRule = { kind: 'banded', bands: s.budgetRule.bands.map((b) => ({ minRateBp: b.minRateBp, score: pointsToDoc(b.score) })) };
  }
  if (s.budgetWeight !== d.budgetWeight) settings.budgetWeight = pointsToDoc(s.budgetWeight);
  if (s.grades.excellent !== d.grades.excellent || s.grades.good !== d.grades.good || s.grades.fair !== d.grades.fair) {
    settings.grades = { excellent: pointsToDoc(s.grades.excellent), good: pointsToDoc(s.grades.good), fair: pointsToDoc(s.grades.fair) };
  }
  if (LEVEL1_KINDS.some((k) => s.weights[k] !== d.weights[k])) {
    settings.weights = Object.fromEntries(LEVEL1_KINDS.map((k) => [k, pointsToDoc(s.weights[k])]));
  }
  settings.fundsBasis = s.fundsBasis;
  return { settings, forms: set.forms.map(formToDoc), keyReports: set.keyReports.map(keyReportToDoc) };
}
