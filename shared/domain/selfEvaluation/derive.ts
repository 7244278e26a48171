/**
 * Derivation of the forms and the 重点评价报告: fund totals, 执行率, 预算执行 score, 一级 group
 * scores, 总分, 等级, and the summary of all forms (自评汇总, 十（四）). Pure and integer-only.
 */
import type { Fen } from '../money';
import { budgetScore, formatRate, formatTotal, gradeOf, rateBasisPoints } from './points';
import {
  type EvaluationSet,
  type EvaluationSettings,
  FUND_SOURCES,
  FUND_STAGES,
  type FundLine,
  type FundStage,
  type Grade,
  GRADES,
  type Indicator,
  type KeyEvaluationReport,
  type Level1Kind,
  type Points,
  type SelfEvaluationForm,
} from './types';

/** 二级指标 names that fix the 一级 (the standard 山西 indicator frame). */
const LEVEL2_KIND: ReadonlyArray<[RegExp, Level1Kind]> = [
  [/^(数量|质量|时效|成本)指标$/u, 'output'],
  [/^(经济效益|社会效益|生态效益|可持续影响|可持续性影响|经济收益)指标$/u, 'benefit'],
  [/满意度/u, 'satisfaction'],
];

/** The 一级 kind of an indicator: from its 一级 text, else from its 二级 name; null if neither says. */
export function level1Kind(indicator: Pick<Indicator, 'level1' | 'level2'>): Level1Kind | null {
  const l1 = indicator.level1.replace(/\s+/gu, '');
  if (/^产出/u.test(l1)) return 'output';
  if (/^效益/u.test(l1)) return 'benefit';
  if (/^满意度/u.test(l1)) return 'satisfaction';
  const l2 = indicator.level2.replace(/\s+/gu, '');
  for (const [pattern, kind] of LEVEL2_KIND) if (pattern.test(l2)) return kind;
  return null;
}

export interface GroupFigures {
  /** The 一级 text as first written in the form (or the standard name). */
  level1: string;
  kind: Level1Kind | null;
  /** Indices of the indicators in this group, in form order. */
  rows: number[];
  /** Σ 分值 of the group's indicators (null when none has one). */
  weightSum: Points | null;
  /** The standard weight of the kind from the settings (产出 50 …), null for other 一级. */
  standardWeight: Points | null;
  /** Typed group score (阳泉), else Σ indicator 得分; null when nothing is scored. */
  score: Points | null;
  scoredBy: 'group' | 'indicators' | 'none';
}

export interface FormFigures {
  /** 资金总额 per stage and 资金结(转)余 (全年预算 − 全年执行). */
  funds: FundLine & { carryover: Fen };
  carryover: Record<(typeof FUND_SOURCES)[number], Fen>;
  /** 执行率 in basis points; null when 全年预算 is 0. */
  rateBp: number | null;
  rateText: string;
  budgetScore: Points;
  groups: GroupFigures[];
  /** 预算执行 + every group's score (an unscored group counts 0). */
  total: Points;
  totalText: string;
  grade: Grade;
  /** Whether every indicator (or its group) carries a score. */
  complete: boolean;
}

function sumStage(form: SelfEvaluationForm, stage: FundStage): Fen {
  let s = 0;
  for (const src of FUND_SOURCES) s += form.funds[src][stage];
  return s;
}

/** The 一级 groups in order of first appearance; indicators of one kind join one group. */
export function groupIndicators(indicators: readonly Indicator[]): { level1: string; kind: Level1Kind | null; rows: number[] }[] {
  const groups: { level1: string; kind: Level1Kind | null; rows: number[] }[] = [];
  indicators.forEach((ind, k) => {
    const kind = level1Kind(ind);
    const label = ind.level1.trim();
    const g = groups.find((x) => (kind !== null ? x.kind === kind : x.kind === null && x.level1 === label));
    if (g) g.rows.push(k);
    else groups.push({ level1: label || (kind ? STANDARD_LEVEL1[kind] : ''), kind, rows: [k] });
  });
  return groups;
}

const STANDARD_LEVEL1: Record<Level1Kind, string> = { output: '产出指标', benefit: '效益指标', satisfaction: '满意度指标' };

export function deriveForm(form: SelfEvaluationForm, settings: EvaluationSettings): FormFigures {
  const stages = Object.fromEntries(FUND_STAGES.map((s) => [s, sumStage(form, s)])) as Record<FundStage, Fen>;
  const funds = { ...stages, carryover: stages.budget - stages.spent };
  const carryover = Object.fromEntries(FUND_SOURCES.map((s) => [s, form.funds[s].budget - form.funds[s].spent])) as FormFigures['carryover'];
  const rateBp = rateBasisPoints(stages.spent, stages.budget);
  const budget = budgetScore(rateBp, settings.budgetRule, settings.budgetWeight);

  let complete = true;
  const groups: GroupFigures[] = groupIndicators(form.indicators).map((g) => {
    const rows = g.rows.map((k) => form.indicators[k]!);
    const weights = rows.map((r) => r.weight).filter((w): w is Points => w !== null);
    const scores = rows.map((r) => r.score).filter((s): s is Points => s !== null);
    const typed = g.kind !== null ? form.groupScores[g.kind] : undefined;
    let score: Points | null;
    let scoredBy: GroupFigures['scoredBy'];
    if (typed !== undefined) {
      score = typed;
      scoredBy = 'group';
    } else if (scores.length > 0) {
      score = scores.reduce((a, b) => a + b, 0);
      scoredBy = 'indicators';
      if (rows.some((r) => r.weight !== null && r.weight > 0 && r.score === null)) complete = false;
    } else {
      score = null;
      scoredBy = 'none';
      complete = false;
    }
    return {
      level1: g.level1,
      kind: g.kind,
      rows: g.rows,
      weightSum: weights.length > 0 ? weights.reduce((a, b) => a + b, 0) : null,
      standardWeight: g.kind ? settings.weights[g.kind] : null,
      score,
      scoredBy,
    };
  });
  // A typed group score for a kind without indicators still counts (a form may list none).
  for (const kind of Object.keys(form.groupScores) as Level1Kind[]) {
    const typed = form.groupScores[kind];
    if (typed === undefined || groups.some((g) => g.kind === kind)) continue;
    groups.push({ level1: STANDARD_LEVEL1[kind], kind, rows: [], weightSum: null, standardWeight: settings.weights[kind], score: typed, scoredBy: 'group' });
  }
  if (groups.length === 0) complete = false;

  const totalPoints = budget + groups.reduce((s, g) => s + (g.score ?? 0), 0);
  return {
    funds,
    carryover,
    rateBp,
    rateText: formatRate(rateBp),
    budgetScore: budget,
    groups,
    total: totalPoints,
    totalText: formatTotal(totalPoints),
    grade: gradeOf(totalPoints, settings.grades),
    complete,
  };
}

export interface FormSummaryRow {
  id: string;
  name: string;
  budget: Fen;
  spent: Fen;
  initial: Fen;
  rateBp: number | null;
  total: Points;
  grade: Grade;
  complete: boolean;
}

export interface EvaluationSummary {
  count: number;
  byGrade: Record<Grade, number>;
  initial: Fen;
  budget: Fen;
  spent: Fen;
  /** The sum 十（四） reports as 涉及资金, per settings.fundsBasis. */
  narrativeFunds: Fen;
  /** Per 资金性质, on the same basis. */
  byFundKind: Record<SelfEvaluationForm['fundKind'], Fen>;
  rows: FormSummaryRow[];
  /** Forms whose scores are incomplete (their grade counts as derived from the scored part). */
  incomplete: string[];
}

const figuresCache = new WeakMap<SelfEvaluationForm, { settings: EvaluationSettings; figures: FormFigures }>();

/** deriveForm, remembered per form object and settings object (forms are replaced, never mutated). */
export function figuresOf(form: SelfEvaluationForm, settings: EvaluationSettings): FormFigures {
  const hit = figuresCache.get(form);
  if (hit && hit.settings === settings) return hit.figures;
  const figures = deriveForm(form, settings);
  figuresCache.set(form, { settings, figures });
  return figures;
}

export function summarise(set: EvaluationSet): EvaluationSummary {
  const byGrade = Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>;
  const byFundKind = { 一般公共预算: 0, 政府性基金预算: 0, 国有资本经营预算: 0, 社会保险基金预算: 0 };
  let initial = 0;
  let budget = 0;
  let spent = 0;
  const incomplete: string[] = [];
  const rows = set.forms.map((form): FormSummaryRow => {
    const f = figuresOf(form, set.settings);
    byGrade[f.grade]++;
    initial += f.funds.initial;
    budget += f.funds.budget;
    spent += f.funds.spent;
    byFundKind[form.fundKind] += f.funds[set.settings.fundsBasis];
    if (!f.complete) incomplete.push(form.id);
    return { id: form.id, name: form.name, budget: f.funds.budget, spent: f.funds.spent, initial: f.funds.initial, rateBp: f.rateBp, total: f.total, grade: f.grade, complete: f.complete };
  });
  const basis = { initial, budget, spent }[set.settings.fundsBasis];
  return { count: set.forms.length, byGrade, initial, budget, spent, narrativeFunds: basis, byFundKind, rows, incomplete };
}

// --- 重点评价报告 -----------------------------------------------------------------------------

export interface KeyGroup {
  label: string;
  rows: number[];
  weight: Points;
  score: Points;
}

export interface KeyFigures {
  /** 一级 groups (A 制定, B 实施 …) with their 二级 groups inside. */
  level1: (KeyGroup & { level2: KeyGroup[] })[];
  weight: Points;
  total: Points;
  totalText: string;
  grade: Grade;
  complete: boolean;
}

function group(rows: readonly number[], label: string, report: KeyEvaluationReport): KeyGroup {
  let weight = 0;
  let score = 0;
  for (const k of rows) {
    weight += report.indicators[k]!.weight;
    score += report.indicators[k]!.score ?? 0;
  }
  return { label, rows: [...rows], weight, score };
}

/** Carries a merged 一级/二级 cell down: a blank label continues the group above. */
function labelsDown(values: readonly string[]): string[] {
  let last = '';
  return values.map((v) => (v.trim() === '' ? last : (last = v.trim())));
}

export function deriveKeyReport(report: KeyEvaluationReport, settings: EvaluationSettings): KeyFigures {
  const l1 = labelsDown(report.indicators.map((i) => i.level1));
  const l2 = labelsDown(report.indicators.map((i) => i.level2));
  const level1: KeyFigures['level1'] = [];
  report.indicators.forEach((_, k) => {
    let g1 = level1.find((g) => g.label === l1[k]);
    if (!g1) {
      g1 = { label: l1[k] ?? '', rows: [], weight: 0, score: 0, level2: [] };
      level1.push(g1);
    }
    g1.rows.push(k);
    const g2 = g1.level2.find((g) => g.label === l2[k]);
    if (g2) g2.rows.push(k);
    else g1.level2.push({ label: l2[k] ?? '', rows: [k], weight: 0, score: 0 });
  });
  const groups = level1.map((g) => ({ ...group(g.rows, g.label, report), level2: g.level2.map((s) => group(s.rows, s.label, report)) }));
  const weight = groups.reduce((s, g) => s + g.weight, 0);
  const total = groups.reduce((s, g) => s + g.score, 0);
  return {
    level1: groups,
    weight,
    total,
    totalText: formatTotal(total),
    grade: gradeOf(total, settings.grades),
    complete: report.indicators.length > 0 && report.indicators.every((i) => i.score !== null),
  };
}
