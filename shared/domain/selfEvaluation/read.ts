/**
 * Reads forms, 重点评价报告 and settings from untrusted data, reporting every problem with its
 * path and a Chinese message; the one place their shape is validated (interchange file, IPC
 * request, stored JSON columns). Two encodings of numbers:
 * - `internal`: money as integer 分, scores as integer thousandths of a point (IPC, storage);
 * - `interchange`: money as decimal numbers in the document's unit, scores as decimal points (2.5).
 */
import { type AmountUnit, decimalToFen, type Fen, MAX_AMOUNT_FEN, MoneyError, numberToDecimal } from '../money';
import { MAX_POINTS } from './points';
import {
  ANALYSIS_FIELDS,
  ATTACHMENT_ID,
  type BudgetScoreRule,
  DEFAULT_EVALUATION_SETTINGS,
  type EvaluationSet,
  type EvaluationSettings,
  type Evaluator,
  emptyFunds,
  FUND_KINDS,
  FUND_SOURCES,
  FUND_STAGES,
  FUNDS_BASES,
  type Indicator,
  type KeyEvaluationReport,
  type KeyIndicator,
  type KeySection,
  LAYOUTS,
  LEVEL1_KINDS,
  type Points,
  POINTS_PER_POINT,
  type PrintedFigures,
  type SelfEvaluationForm,
} from './types';

export interface ReadIssue {
  path: string;
  message: string;
}

export type Encoding = { kind: 'internal' } | { kind: 'interchange'; unit: AmountUnit };

/** Text limits: a form's free texts are long paragraphs; labels are short. */
export const EVALUATION_LIMITS = {
  label: 200,
  text: 20_000,
  indicators: 500,
  evaluators: 50,
  sections: 500,
  forms: 1000,
} as const;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shown(v: unknown): string {
  if (v === undefined) return '缺少此字段';
  if (v === null) return '收到 null';
  if (Array.isArray(v)) return '收到数组';
  if (typeof v === 'string') return `收到文字“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
  if (typeof v === 'object') return '收到对象';
  return `收到${typeof v === 'number' ? '数字' : '其他类型'} ${String(v)}`;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;

export class EvaluationReader {
  readonly issues: ReadIssue[] = [];
  constructor(readonly encoding: Encoding) {}

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  /** An object with only the allowed keys; null (and an issue) otherwise. */
  object(v: unknown, path: string, allowed: readonly string[]): Obj | null {
    if (!isObj(v)) {
      this.fail(path, `应为对象，${shown(v)}`);
      return null;
    }
    for (const key of Object.keys(v)) if (!allowed.includes(key)) this.fail(`${path}.${key}`, `未知字段“${key}”`);
    return v;
  }

  text(v: unknown, path: string, max: number = EVALUATION_LIMITS.text): string {
    if (v === undefined) return '';
    if (typeof v !== 'string') {
      this.fail(path, `应为文字，${shown(v)}`);
      return '';
    }
    if (v.length > max) this.fail(path, `不能超过${max}个字符（收到${v.length}个）`);
    if (CONTROL.test(v)) this.fail(path, '含有不允许的控制字符');
    return v;
  }

  label(v: unknown, path: string): string {
    const t = this.text(v, path, EVALUATION_LIMITS.label);
    if (/[\r\n]/u.test(t)) this.fail(path, '应为一行文字');
    return t;
  }

  oneOf<T extends string>(values: readonly T[], v: unknown, path: string, fallback: T): T {
    if (v === undefined) return fallback;
    const found = values.find((x) => x === v);
    if (found !== undefined) return found;
    this.fail(path, `应为${values.join('、')}之一，${shown(v)}`);
    return fallback;
  }

  array(v: unknown, path: string, max: number): unknown[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.fail(path, `应为数组，${shown(v)}`);
      return [];
    }
    if (v.length > max) this.fail(path, `最多${max}项（收到${v.length}项）`);
    return v.slice(0, max);
  }

  amount(v: unknown, path: string): Fen {
    if (v === undefined || v === null) return 0;
    if (this.encoding.kind === 'internal') {
      if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_AMOUNT_FEN) return v;
      this.fail(path, `应为不小于0的整数金额（分），${shown(v)}`);
      return 0;
    }
    if (typeof v !== 'number' && typeof v !== 'string') {
      this.fail(path, `应为金额（数字），${shown(v)}`);
      return 0;
    }
    try {
      const fen = decimalToFen(typeof v === 'number' ? numberToDecimal(v) : v.trim().replace(/,/gu, ''), this.encoding.unit);
      if (fen < 0) {
        this.fail(path, `金额不能为负数：${String(v)}`);
        return 0;
      }
      return fen;
    } catch (e) {
      this.fail(path, e instanceof MoneyError ? e.message : `“${String(v)}”不是有效的金额`);
      return 0;
    }
  }

  /** A score; `nullable` fields accept null (not scored). */
  points(v: unknown, path: string, nullable: true): Points | null;
  points(v: unknown, path: string, nullable: false): Points;
  points(v: unknown, path: string, nullable: boolean): Points | null {
    if (v === undefined || v === null) {
      if (nullable) return null;
      this.fail(path, '缺少分值');
      return 0;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      this.fail(path, `应为不小于0的分数，${shown(v)}`);
      return nullable ? null : 0;
    }
    // The number exactly as written (5e-324 is not 0, 12.3456 is not 12.346): at most 3 decimals.
    const exact = this.encoding.kind === 'internal' || /^\d+(\.\d{1,3})?$/u.test(numberToDecimal(v));
    const scaled = this.encoding.kind === 'internal' ? v : Math.round(v * POINTS_PER_POINT);
    if (!exact || !Number.isSafeInteger(scaled)) {
      this.fail(path, `分数最多保留3位小数，收到 ${String(v)}`);
      return nullable ? null : 0;
    }
    if (scaled > MAX_POINTS) {
      this.fail(path, `分数超出范围（不超过1000分），收到 ${String(v)}`);
      return nullable ? null : 0;
    }
    return scaled;
  }

  id(v: unknown, path: string): string {
    if (typeof v === 'string' && ATTACHMENT_ID.test(v)) return v;
    this.fail(path, `应为编号（1至40个字母、数字、“-”或“_”），${shown(v)}`);
    return 'x';
  }

  date(v: unknown, path: string): string {
    const t = this.text(v, path, 10);
    if (t === '') return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(t);
    if (!m || !isValidDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
      this.fail(path, `填报日期应为“年-月-日”（例如 2024-03-15）的有效日期，收到“${t}”`);
      return '';
    }
    return t;
  }
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  return d <= days;
}

const INDICATOR_KEYS = ['level1', 'level2', 'level3', 'targetInitial', 'target', 'actual', 'weight', 'score', 'deviation'] as const;

export function readIndicator(r: EvaluationReader, v: unknown, path: string): Indicator {
  const o = r.object(v, path, INDICATOR_KEYS) ?? {};
  return {
    level1: r.label(o.level1, `${path}.level1`),
    level2: r.label(o.level2, `${path}.level2`),
    level3: r.text(o.level3, `${path}.level3`, 1000),
    targetInitial: r.text(o.targetInitial, `${path}.targetInitial`, 1000),
    target: r.text(o.target, `${path}.target`, 1000),
    actual: r.text(o.actual, `${path}.actual`, 2000),
    weight: r.points(o.weight, `${path}.weight`, true),
    score: r.points(o.score, `${path}.score`, true),
    deviation: r.text(o.deviation, `${path}.deviation`),
  };
}

function readEvaluator(r: EvaluationReader, v: unknown, path: string): Evaluator {
  const o = r.object(v, path, ['role', 'name', 'title', 'unit']) ?? {};
  return {
    role: r.oneOf(['组长', '成员'] as const, o.role, `${path}.role`, '成员'),
    name: r.label(o.name, `${path}.name`),
    title: r.label(o.title, `${path}.title`),
    unit: r.label(o.unit, `${path}.unit`),
  };
}

function readPrinted(r: EvaluationReader, v: unknown, path: string, keys: readonly ('rate' | 'total' | 'grade')[]): PrintedFigures {
  if (v === undefined) return {};
  const o = r.object(v, path, keys) ?? {};
  const out: PrintedFigures = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = r.label(o[k], `${path}.${k}`);
  return out;
}

const FORM_KEYS = [
  'id', 'name', 'department', 'unit', 'manager', 'phone', 'period', 'evaluationYear', 'fundKind', 'funds', 'goal', 'goalEffect',
  'achieved', 'indicators', 'groupScores', 'analysis', 'evaluators', 'seal', 'filledOn', 'printed',
] as const;

export function readForm(r: EvaluationReader, v: unknown, path: string): SelfEvaluationForm {
  const o = r.object(v, path, FORM_KEYS) ?? {};
  const funds = emptyFunds();
  const fo = o.funds === undefined ? null : r.object(o.funds, `${path}.funds`, FUND_SOURCES);
  if (fo) {
    for (const src of FUND_SOURCES) {
      if (fo[src] === undefined) continue;
      const line = r.object(fo[src], `${path}.funds.${src}`, FUND_STAGES);
      if (line) for (const stage of FUND_STAGES) funds[src][stage] = r.amount(line[stage], `${path}.funds.${src}.${stage}`);
    }
  }
  const groupScores: SelfEvaluationForm['groupScores'] = {};
  const go = o.groupScores === undefined ? null : r.object(o.groupScores, `${path}.groupScores`, LEVEL1_KINDS);
  if (go) {
    for (const kind of LEVEL1_KINDS) {
      if (go[kind] === undefined || go[kind] === null) continue;
      groupScores[kind] = r.points(go[kind], `${path}.groupScores.${kind}`, false);
    }
  }
  const ao = o.analysis === undefined ? {} : (r.object(o.analysis, `${path}.analysis`, ANALYSIS_FIELDS) ?? {});
  const analysis = Object.fromEntries(ANALYSIS_FIELDS.map((k) => [k, r.text(ao[k], `${path}.analysis.${k}`)])) as SelfEvaluationForm['analysis'];
  const name = r.label(o.name, `${path}.name`);
  if (name.trim() === '') r.fail(`${path}.name`, '项目名称不能为空');
  return {
    id: r.id(o.id, `${path}.id`),
    name,
    department: r.label(o.department, `${path}.department`),
    unit: r.label(o.unit, `${path}.unit`),
    manager: r.label(o.manager, `${path}.manager`),
    phone: r.label(o.phone, `${path}.phone`),
    period: r.label(o.period, `${path}.period`),
    evaluationYear: r.label(o.evaluationYear, `${path}.evaluationYear`),
    fundKind: r.oneOf(FUND_KINDS, o.fundKind, `${path}.fundKind`, '一般公共预算'),
    funds,
    goal: r.text(o.goal, `${path}.goal`),
    goalEffect: r.text(o.goalEffect, `${path}.goalEffect`),
    achieved: r.text(o.achieved, `${path}.achieved`),
    indicators: r.array(o.indicators, `${path}.indicators`, EVALUATION_LIMITS.indicators).map((x, k) => readIndicator(r, x, `${path}.indicators[${k}]`)),
    groupScores,
    analysis,
    evaluators: r.array(o.evaluators, `${path}.evaluators`, EVALUATION_LIMITS.evaluators).map((x, k) => readEvaluator(r, x, `${path}.evaluators[${k}]`)),
    seal: r.label(o.seal, `${path}.seal`),
    filledOn: r.date(o.filledOn, `${path}.filledOn`),
    printed: readPrinted(r, o.printed, `${path}.printed`, ['rate', 'total', 'grade']),
  };
}

const KEY_INDICATOR_KEYS = ['level1', 'level2', 'level3', 'weight', 'score', 'explanation', 'benchmark', 'criteria', 'source', 'result'] as const;

function readKeyIndicator(r: EvaluationReader, v: unknown, path: string): KeyIndicator {
  const o = r.object(v, path, KEY_INDICATOR_KEYS) ?? {};
  return {
    level1: r.label(o.level1, `${path}.level1`),
    level2: r.label(o.level2, `${path}.level2`),
    level3: r.label(o.level3, `${path}.level3`),
    weight: r.points(o.weight, `${path}.weight`, false),
    score: r.points(o.score, `${path}.score`, true),
    explanation: r.text(o.explanation, `${path}.explanation`),
    benchmark: r.text(o.benchmark, `${path}.benchmark`),
    criteria: r.text(o.criteria, `${path}.criteria`),
    source: r.text(o.source, `${path}.source`),
    result: r.text(o.result, `${path}.result`),
  };
}

function readSection(r: EvaluationReader, v: unknown, path: string): KeySection {
  const o = r.object(v, path, ['heading', 'level', 'text']) ?? {};
  const level = o.level === 1 || o.level === 2 || o.level === 3 ? o.level : 1;
  if (o.level !== undefined && level !== o.level) r.fail(`${path}.level`, `标题级别应为 1、2 或 3，${shown(o.level)}`);
  return { heading: r.label(o.heading, `${path}.heading`), level, text: r.text(o.text, `${path}.text`, 200_000) };
}

export function readKeyReport(r: EvaluationReader, v: unknown, path: string): KeyEvaluationReport {
  const o = r.object(v, path, ['id', 'title', 'projectName', 'funds', 'fundKind', 'sections', 'indicators', 'conclusion', 'printed']) ?? {};
  const title = r.label(o.title, `${path}.title`);
  if (title.trim() === '') r.fail(`${path}.title`, '报告标题不能为空');
  return {
    id: r.id(o.id, `${path}.id`),
    title,
    projectName: r.label(o.projectName, `${path}.projectName`),
    funds: r.amount(o.funds, `${path}.funds`),
    fundKind: r.oneOf(FUND_KINDS, o.fundKind, `${path}.fundKind`, '一般公共预算'),
    sections: r.array(o.sections, `${path}.sections`, EVALUATION_LIMITS.sections).map((x, k) => readSection(r, x, `${path}.sections[${k}]`)),
    indicators: r.array(o.indicators, `${path}.indicators`, EVALUATION_LIMITS.indicators).map((x, k) => readKeyIndicator(r, x, `${path}.indicators[${k}]`)),
    conclusion: r.text(o.conclusion, `${path}.conclusion`),
    printed: readPrinted(r, o.printed, `${path}.printed`, ['total', 'grade']),
  };
}

function readBudgetRule(r: EvaluationReader, v: unknown, path: string): BudgetScoreRule {
  const o = r.object(v, path, ['kind', 'bands']);
  if (!o) return { kind: 'linear' };
  if (o.kind === 'linear') {
    if (o.bands !== undefined) r.fail(`${path}.bands`, '线性规则没有分档');
    return { kind: 'linear' };
  }
  if (o.kind !== 'banded') {
    r.fail(`${path}.kind`, `预算执行得分规则应为 linear（10×执行率）或 banded（分档），${shown(o.kind)}`);
    return { kind: 'linear' };
  }
  const bands = r.array(o.bands, `${path}.bands`, 50).map((b, k) => {
    const bo = r.object(b, `${path}.bands[${k}]`, ['minRateBp', 'score']) ?? {};
    const min = bo.minRateBp;
    if (typeof min !== 'number' || !Number.isSafeInteger(min) || min < 0 || min > 1_000_000) r.fail(`${path}.bands[${k}].minRateBp`, `应为不小于0的整数（万分之一），${shown(min)}`);
    return { minRateBp: typeof min === 'number' && Number.isSafeInteger(min) ? min : 0, score: r.points(bo.score, `${path}.bands[${k}].score`, false) };
  });
  if (bands.length === 0) r.fail(`${path}.bands`, '分档规则至少需要一档');
  return { kind: 'banded', bands };
}

export function readEvaluationSettings(r: EvaluationReader, v: unknown, path: string): EvaluationSettings {
  const d = DEFAULT_EVALUATION_SETTINGS;
  if (v === undefined) return structuredClone(d);
  const o = r.object(v, path, ['layout', 'budgetRule', 'budgetWeight', 'grades', 'weights', 'fundsBasis']) ?? {};
  const go = o.grades === undefined ? null : r.object(o.grades, `${path}.grades`, ['excellent', 'good', 'fair']);
  const grades = go
    ? { excellent: r.points(go.excellent, `${path}.grades.excellent`, false), good: r.points(go.good, `${path}.grades.good`, false), fair: r.points(go.fair, `${path}.grades.fair`, false) }
    : { ...d.grades };
  if (!(grades.excellent > grades.good && grades.good > grades.fair)) r.fail(`${path}.grades`, '等级分数线应满足 优 > 良 > 中');
  const wo = o.weights === undefined ? null : r.object(o.weights, `${path}.weights`, LEVEL1_KINDS);
  const weights = wo
    ? { output: r.points(wo.output, `${path}.weights.output`, false), benefit: r.points(wo.benefit, `${path}.weights.benefit`, false), satisfaction: r.points(wo.satisfaction, `${path}.weights.satisfaction`, false) }
    : { ...d.weights };
  return {
    layout: r.oneOf(LAYOUTS, o.layout, `${path}.layout`, d.layout),
    budgetRule: o.budgetRule === undefined ? { kind: 'linear' } : readBudgetRule(r, o.budgetRule, `${path}.budgetRule`),
    budgetWeight: o.budgetWeight === undefined ? d.budgetWeight : r.points(o.budgetWeight, `${path}.budgetWeight`, false),
    grades,
    weights,
    fundsBasis: r.oneOf(FUNDS_BASES, o.fundsBasis, `${path}.fundsBasis`, d.fundsBasis),
  };
}

/** Reads a whole 附件 set; ids must be unique within forms and within reports. */
export function readEvaluationSet(r: EvaluationReader, v: unknown, path: string): EvaluationSet {
  const o = r.object(v, path, ['settings', 'forms', 'keyReports']) ?? {};
  const set: EvaluationSet = {
    settings: readEvaluationSettings(r, o.settings, `${path}.settings`),
    forms: r.array(o.forms, `${path}.forms`, EVALUATION_LIMITS.forms).map((x, k) => readForm(r, x, `${path}.forms[${k}]`)),
    keyReports: r.array(o.keyReports, `${path}.keyReports`, 100).map((x, k) => readKeyReport(r, x, `${path}.keyReports[${k}]`)),
  };
  const unique = (ids: string[], p: string) => {
    const seen = new Set<string>();
    ids.forEach((id, k) => {
      if (seen.has(id)) r.fail(`${path}.${p}[${k}].id`, `编号“${id}”重复出现`);
      seen.add(id);
    });
  };
  unique(set.forms.map((f) => f.id), 'forms');
  unique(set.keyReports.map((x) => x.id), 'keyReports');
  return set;
}

/** Writes money for the interchange document: 元 numbers. */
export function fenToDoc(fen: Fen): number {
  return fen / 100;
}

/** Writes a score for the interchange document: decimal points (2.5). */
export function pointsToDoc(points: Points): number {
  return points / POINTS_PER_POINT;
}
