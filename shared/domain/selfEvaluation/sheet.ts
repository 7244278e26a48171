/**
 * A printed 项目支出绩效自评表 read back into the aggregate: the layout this app exports (晋城) and
 * the 阳泉 layout that 预算管理一体化 systems print. Input is the form as rows of non-empty cells —
 * from an Excel sheet (each cell with its address and column) or from text extracted from a
 * published document (seed files: tab-separated, blank cells dropped, merged cells on any row of
 * their span, no reliable columns).
 *
 * Rows are read by their labels (项目名称, 主管部门及代码, 资金总额:, 市财政, 总分 …). Where cells carry
 * columns, the indicator grid and the fund rows are read by the header's columns; without columns,
 * an indicator row is `[一级] [二级] 三级 指标值… 分值 得分 [偏差原因]`, 分值/得分 being the last two
 * adjacent numbers. The 一级 of a row follows from its 二级 (数量指标 → 产出指标 …), the standard
 * frame, because a merged 一级 cell is often printed on a row of another group.
 *
 * Problems are thrown as SheetError with the cell (`B12`, or `第612行` for text) and a Chinese message.
 */
import { decimalToFen, type Fen, MoneyError } from '../money';
import { level1Kind } from './derive';
import { emptyForm, emptyIndicator, type Evaluator, type FundSource, type Indicator, type Level1Kind, type Points, POINTS_PER_POINT, type SelfEvaluationForm } from './types';

export interface SheetCell {
  text: string;
  /** Where the cell is, for messages: `B12` (Excel) or `第612行` (text). */
  at: string;
  /** Column index (0-based) when the source has reliable columns (Excel). */
  col?: number;
}

export type SheetRow = SheetCell[];

export class SheetError extends Error {
  constructor(
    message: string,
    readonly at: string,
  ) {
    super(message);
    this.name = 'SheetError';
  }
}

/** Every figure a printed form shows, as printed (for comparison with the derived ones). */
export interface PrintedForm {
  name: string;
  funds: { declared?: string; initial?: string; budget?: string; spent?: string; carryover?: string };
  /** The 资金总额 row of the 晋城 layout, when printed. */
  fundsTotal?: { declared?: string; initial?: string; budget?: string; spent?: string; carryover?: string };
  rate?: string;
  /** 预算执行 得分 (晋城: the score column of the fund rows). */
  budgetScore?: string;
  /** Per indicator row: 分值 and 得分 as printed ('' when blank). */
  indicators: { weight: string; score: string }[];
  /** 一级 自评得分 (阳泉) as printed. */
  groupScores: Partial<Record<Level1Kind, string>>;
  total?: string;
  grade?: string;
}

export interface SheetForm {
  form: SelfEvaluationForm;
  printed: PrintedForm;
}

const NUMBER = /^-?[\d,]+(\.\d+)?$/u;
const squeeze = (s: string) => s.replace(/\s+/gu, '');
const isNumber = (s: string) => NUMBER.test(s);
const isScore = (s: string) => /^\d+(\.\d{1,3})?分?$/u.test(squeeze(s));
const texts = (row: SheetRow) => row.map((c) => c.text);

function wan(cell: SheetCell | undefined): Fen {
  if (!cell || cell.text.trim() === '') return 0;
  try {
    const fen = decimalToFen(cell.text.replace(/,/gu, '').trim(), '万元');
    if (fen < 0) throw new SheetError(`金额不能为负数：“${cell.text}”`, cell.at);
    return fen;
  } catch (e) {
    if (e instanceof MoneyError) throw new SheetError(`${e.message}（金额以万元为单位）`, cell.at);
    throw e;
  }
}

function points(cell: SheetCell): Points {
  const m = /^(\d+)(?:\.(\d{1,3}))?分?$/u.exec(squeeze(cell.text));
  if (!m) throw new SheetError(`“${cell.text}”不是有效的分数（不小于0，最多3位小数）`, cell.at);
  return Number(m[1]) * POINTS_PER_POINT + Number((m[2] ?? '').padEnd(3, '0'));
}

// --- indicator names --------------------------------------------------------------------------

const LEVEL1 = /^(产出|效益|满意度)指标([(（]\d+分[)）])?$/u;
const LEVEL2 = /^(数量指标|质量指标|时效指标|成本指标|经济效益指标|经济收益指标|社会效益指标|生态效益指标|可持续影响指标|可持续性影响指标|服务对象满意度指标|服务对象满意度)$/u;
export const LEVEL1_TEXT: Record<Level1Kind, string> = { output: '产出指标', benefit: '效益指标', satisfaction: '满意度指标' };
/** A target or actual value rather than a name: `≥90%`, `=1个`, `-8人`. */
const VALUE_LIKE = /^[≥≤=<>＜＞-]/u;

function kindOfLevel1(text: string): Level1Kind | null {
  const m = LEVEL1.exec(squeeze(text));
  if (!m) return null;
  return m[1] === '产出' ? 'output' : m[1] === '效益' ? 'benefit' : 'satisfaction';
}

/** Sets carry.level1 from the 二级 (standard frame) or, failing that, from a 一级 cell. */
function settle(carry: { level1: string; level2: string }, level1: string, level2: string): void {
  if (level2) carry.level2 = level2;
  const fromLevel2 = level1Kind({ level1: '', level2: carry.level2 });
  const fromLevel1 = level1 ? kindOfLevel1(level1) : null;
  if (fromLevel2) carry.level1 = LEVEL1_TEXT[fromLevel2];
  else if (fromLevel1) carry.level1 = LEVEL1_TEXT[fromLevel1];
  else if (level1) carry.level1 = level1;
}

// --- 晋城 --------------------------------------------------------------------------------------

const ANALYSIS_LABELS: [RegExp, keyof SelfEvaluationForm['analysis']][] = [
  [/预算执行|预算及执行/u, 'execution'],
  [/^产出情况/u, 'output'],
  [/^效益情况/u, 'benefit'],
  [/^满意度情况/u, 'satisfaction'],
  [/经验做法/u, 'experience'],
  [/问题/u, 'problems'],
  [/改进措施/u, 'improvements'],
  [/^自评结论/u, 'conclusion'],
];

/** 晋城 source-row labels: anything ending in 财政资金 is the 市县区 row unless it names another source. */
function jinchengSource(label: string): FundSource | null {
  const l = squeeze(label);
  if (/^其他资金$/u.test(l)) return 'other';
  if (!/财政资金$/u.test(l)) return null;
  if (/中央|省级|省财政/u.test(l)) return 'central';
  if (/^县[（(]区[)）]/u.test(l)) return 'county';
  return 'city';
}

const INDICATOR_HEADERS = {
  level1: /^一级指标$/u,
  level2: /^二级指标$/u,
  level3: /^三级指标$/u,
  targetInitial: /^年初指标值$/u,
  target: /^(调整后指标值|年度指标值)$/u,
  actual: /^(实际完成值|全年完成值)$/u,
  weight: /^分值$/u,
  score: /^得分$/u,
  deviation: /^(偏差原因分析及改进措施|调整原因分析及改进措施|未完成原因和改进措施)$/u,
} as const;
type IndicatorField = keyof typeof INDICATOR_HEADERS;

/** Header columns of the indicator grid, when every header cell has a column. */
function headerColumns(row: SheetRow): Partial<Record<IndicatorField, number>> | null {
  const out: Partial<Record<IndicatorField, number>> = {};
  for (const cell of row) {
    if (cell.col === undefined) return null;
    for (const [field, re] of Object.entries(INDICATOR_HEADERS) as [IndicatorField, RegExp][]) if (re.test(squeeze(cell.text))) out[field] = cell.col;
  }
  return out.level3 !== undefined && out.weight !== undefined ? out : null;
}

interface IndicatorRow {
  ind: Indicator;
  weight: string;
  score: string;
}

/** An indicator row by the header's columns (Excel). */
function jinchengByColumns(row: SheetRow, cols: Partial<Record<IndicatorField, number>>, carry: { level1: string; level2: string }): IndicatorRow | null {
  const get = (f: IndicatorField) => (cols[f] === undefined ? undefined : row.find((c) => c.col === cols[f]));
  const text = (f: IndicatorField) => get(f)?.text.trim() ?? '';
  if (['level3', 'targetInitial', 'target', 'actual', 'weight', 'score', 'deviation'].every((f) => text(f as IndicatorField) === '')) return null;
  settle(carry, text('level1'), text('level2'));
  const weight = get('weight');
  const score = get('score');
  return {
    ind: {
      ...emptyIndicator(carry.level1, carry.level2),
      level3: text('level3'),
      targetInitial: text('targetInitial'),
      target: text('target'),
      actual: text('actual'),
      weight: weight && weight.text.trim() !== '' ? points(weight) : null,
      score: score && score.text.trim() !== '' ? points(score) : null,
      deviation: text('deviation'),
    },
    weight: weight?.text ?? '',
    score: score?.text ?? '',
  };
}

/** An indicator row of extracted text (no columns): the heuristic of the module comment. */
function jinchengByLabels(row: SheetRow, carry: { level1: string; level2: string }): IndicatorRow | null {
  let k = 0;
  let level1 = '';
  let level2 = '';
  if (row[k] !== undefined && kindOfLevel1(row[k]!.text) !== null) level1 = row[k++]!.text;
  if (row[k] !== undefined && LEVEL2.test(squeeze(row[k]!.text))) level2 = row[k++]!.text;
  const rest = row.slice(k);
  const t = texts(rest);
  let weightAt = -1;
  let scoreAt = -1;
  for (let i = t.length - 2; i >= 1; i--) {
    if (isNumber(t[i]!) && isNumber(t[i + 1]!)) {
      weightAt = i;
      scoreAt = i + 1;
      break;
    }
  }
  if (weightAt < 0) for (let i = t.length - 1; i >= 1 && weightAt < 0; i--) if (isNumber(t[i]!)) weightAt = i;
  if (weightAt < 0) return null;
  const names = t.slice(0, weightAt);
  const deviation = t.slice((scoreAt >= 0 ? scoreAt : weightAt) + 1).join('');
  // names: [三级] 年初指标值 调整后指标值 实际完成值 — the 三级 is missing when the first looks like a value.
  let level3 = '';
  if (names.length >= 4 || (names.length >= 1 && !VALUE_LIKE.test(names[0]!) && names.length !== 2)) level3 = names.shift() ?? '';
  let targetInitial = '';
  let target = '';
  let actual = '';
  if (names.length >= 3) [targetInitial = '', target = '', actual = ''] = names;
  else if (names.length === 2) {
    // Two of the three: equal ones are 年初/调整后 (实际完成值 blank), else 调整后 and 实际.
    if (names[0] === names[1]) [targetInitial = '', target = ''] = names;
    else [target = '', actual = ''] = names;
  } else if (names.length === 1) target = names[0] ?? '';
  settle(carry, level1, level2);
  const weight = rest[weightAt]!;
  const score = scoreAt >= 0 ? rest[scoreAt] : undefined;
  return {
    ind: { ...emptyIndicator(carry.level1, carry.level2), level3, targetInitial, target, actual, weight: points(weight), score: score ? points(score) : null, deviation },
    weight: weight.text,
    score: score?.text ?? '',
  };
}

const FUND_HEADERS: [RegExp, keyof PrintedForm['funds'] | 'rate' | 'score'][] = [
  [/^目标申报数$/u, 'declared'],
  [/^预算编制数$/u, 'initial'],
  [/^全年预算数$/u, 'budget'],
  [/^全年执行数$/u, 'spent'],
  [/^资金结/u, 'carryover'],
  [/^执行率$/u, 'rate'],
  [/^得分$/u, 'score'],
];

/** 晋城 fund row values: by the header columns when known, else the 7 numbers in order. */
function fundValues(row: SheetRow, from: number, cols: Map<string, number> | null, label: SheetCell, strict = true): Record<string, SheetCell | undefined> {
  if (cols) {
    const at = (key: string) => row.find((c) => c.col !== undefined && c.col === cols.get(key));
    return Object.fromEntries(['declared', 'initial', 'budget', 'spent', 'carryover', 'rate', 'score'].map((k) => [k, at(k)]));
  }
  const nums = row.slice(from).filter((c) => isNumber(c.text));
  if (nums.length < 7 && !strict) return {};
  if (nums.length < 7) throw new SheetError(`“${label.text}”一行应有目标申报数、预算编制数、全年预算数、全年执行数、结转结余、执行率、得分7个数字（为零请填0），只找到${nums.length}个`, label.at);
  // A doubled 年初预算数 header can print the 全年 figures twice: the budget is the third, the spending the fourth from the end.
  return { declared: nums[0], initial: nums[1], budget: nums[2], spent: nums[nums.length - 4], carryover: nums[nums.length - 3], rate: nums[nums.length - 2], score: nums[nums.length - 1] };
}

export function readJinchengSheet(rows: SheetRow[]): SheetForm {
  const form = emptyForm('f', '');
  const printed: PrintedForm = { name: '', funds: {}, indicators: [], groupScores: {} };
  let fundCols: Map<string, number> | null = null;
  let i = 0;
  const at = (k: number) => texts(rows[k] ?? []);
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    const t = texts(row);
    const head = squeeze(t[0] ?? '');
    if (head === '项目名称') form.name = t[1] ?? '';
    if (head === '主管部门及代码' || head === '主管部门') form.department = t[1] ?? '';
    const unitAt = t.findIndex((c) => /^(预算单位|实施单位)$/u.test(squeeze(c)));
    if (unitAt >= 0) form.unit = t[unitAt + 1] ?? '';
    if (row.every((c) => c.col !== undefined) && t.some((c) => /^目标申报数$/u.test(squeeze(c)))) {
      // Sub-header row (目标申报数 预算编制数); the other columns come from the row above.
      fundCols = new Map();
      for (const r of [rows[i - 1] ?? [], row]) for (const c of r) for (const [re, key] of FUND_HEADERS) if (re.test(squeeze(c.text)) && c.col !== undefined) fundCols.set(key, c.col);
    }
    const totalAt = t.findIndex((c) => squeeze(c) === '资金总额:' || squeeze(c) === '资金总额：');
    if (totalAt >= 0) {
      // 资金总额 repeats the sum of the source rows; an incomplete one is only not compared.
      const v = fundValues(row, totalAt + 1, fundCols, row[totalAt]!, false);
      if (v.declared || v.spent) printed.fundsTotal = { declared: v.declared?.text, initial: v.initial?.text, budget: v.budget?.text, spent: v.spent?.text, carryover: v.carryover?.text };
    }
    const sourceAt = t.findIndex((c) => jinchengSource(c) !== null);
    if (sourceAt >= 0 && totalAt < 0) {
      const source = jinchengSource(t[sourceAt]!)!;
      const v = fundValues(row, sourceAt + 1, fundCols, row[sourceAt]!);
      form.funds[source] = { declared: wan(v.declared), initial: wan(v.initial), budget: wan(v.budget), spent: wan(v.spent) };
      if (source === 'city' || printed.rate === undefined) {
        printed.funds = { declared: v.declared?.text, initial: v.initial?.text, budget: v.budget?.text, spent: v.spent?.text, carryover: v.carryover?.text };
        printed.rate = v.rate?.text;
        printed.budgetScore = v.score?.text;
      }
    }
    if (head === '项目年度绩效目标') {
      const next = rows[i + 1] ?? [];
      const achievedCol = row.find((c) => squeeze(c.text) === '实际完成情况')?.col;
      if (achievedCol !== undefined && next.every((c) => c.col !== undefined)) {
        // By columns: the goal under 年度目标, the result under 实际完成情况 (either may be blank).
        form.goal = next.filter((c) => c.col! < achievedCol).map((c) => c.text).join('');
        form.achieved = next.filter((c) => c.col! >= achievedCol).map((c) => c.text).join('');
      } else {
        const goals = texts(next).filter((c) => !/^(年度目标|实际完成情况)$/u.test(c));
        form.goal = goals[0] ?? '';
        form.achieved = goals[1] ?? '';
      }
    }
    if (t.includes('三级指标') && t.includes('分值')) break;
    // A form without the grid's header row: its first indicator row follows the goals.
    const first = t.filter((c) => c !== '绩效指标');
    if (i > 0 && first[0] !== undefined && kindOfLevel1(first[0]) !== null && first.some(isNumber)) {
      i--;
      break;
    }
  }
  if (form.name.trim() === '') throw new SheetError('没有找到“项目名称”', rows[0]?.[0]?.at ?? '第1行');
  const cols = rows[i] ? headerColumns(rows[i]!) : null;
  const carry = { level1: '', level2: '' };
  for (i++; i < rows.length; i++) {
    const row = rows[i]!.filter((c) => c.text !== '绩效指标');
    if (squeeze(row[0]?.text ?? '') === '总分') break;
    if (row.length === 0) continue;
    const parsed = cols ? jinchengByColumns(row, cols, carry) : jinchengByLabels(row, carry);
    if (!parsed) {
      if (cols) continue;
      throw new SheetError(`这一行指标没有分值和得分：${texts(row).join(' ')}`, row[0]?.at ?? '');
    }
    form.indicators.push(parsed.ind);
    printed.indicators.push({ weight: parsed.weight, score: parsed.score });
  }
  for (; i < rows.length; i++) {
    const t = at(i);
    if (t[0] === '项目绩效分析' || ANALYSIS_LABELS.some(([re]) => re.test(t[0] ?? ''))) break;
    for (const c of t) {
      if (isNumber(c)) printed.total = c;
      if (/^(优|良|中|差)$/u.test(c)) printed.grade = c;
    }
  }
  for (; i < rows.length; i++) {
    const t = at(i).filter((c) => c !== '项目绩效分析' && c !== '自评结果分析');
    const field = ANALYSIS_LABELS.find(([re]) => re.test(t[0] ?? ''))?.[1];
    if (field) form.analysis[field] = t.slice(1).join('');
  }
  printed.name = form.name;
  form.printed = { rate: printed.rate, total: printed.total, grade: printed.grade };
  return { form, printed };
}

// --- 阳泉 --------------------------------------------------------------------------------------

function isoDate(text: string): string {
  const m = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/u.exec(text);
  if (!m) return '';
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** `[label, value, label, value …]` where a value may be missing: label → value cell. */
function labelled(row: SheetRow, isLabel: (s: string) => boolean): [SheetCell, SheetCell | undefined][] {
  const out: [SheetCell, SheetCell | undefined][] = [];
  for (let k = 0; k < row.length; k++) {
    if (!isLabel(row[k]!.text)) continue;
    const next = row[k + 1];
    out.push([row[k]!, next !== undefined && !isLabel(next.text) ? next : undefined]);
  }
  return out;
}

const FUND_LABEL = /^(项目预算金额|实际到位金额|实际执行金额)/u;
const SOURCE_LABEL = /^(其中：中央、省财政|中央、省财政|市财政|县[（(]区[)）]财政|其它|其他)$/u;
const STAGE_OF = { 项目预算金额: 'initial', 实际到位金额: 'budget', 实际执行金额: 'spent' } as const;

function yangquanSource(label: string): FundSource {
  const l = squeeze(label);
  if (/中央/u.test(l)) return 'central';
  if (/^市财政$/u.test(l)) return 'city';
  if (/^县/u.test(l)) return 'county';
  return 'other';
}

interface YqRow {
  ind: Indicator;
  level2Given: boolean;
  number: number;
  groupScore: SheetCell | undefined;
  level1Kind: Level1Kind | null;
}

function yangquanIndicator(row: SheetRow): YqRow {
  let t = row.filter((c) => !/^绩效\s*指标$/u.test(c.text));
  let level1: Level1Kind | null = null;
  let level2 = '';
  if (t[0] !== undefined && kindOfLevel1(t[0].text) !== null) level1 = kindOfLevel1(t.shift()!.text);
  if (t[0] !== undefined && LEVEL2.test(squeeze(t[0].text))) level2 = t.shift()!.text;
  let number = 0;
  const numberAt = t.findIndex((c) => /^指标\d+$/u.test(c.text));
  if (numberAt >= 0) {
    // A 一级/二级 cell may also follow the number (rows squeezed by the extraction).
    number = Number(t[numberAt]!.text.slice(2));
    t = [...t.slice(0, numberAt), ...t.slice(numberAt + 1)];
    if (t[0] !== undefined && LEVEL2.test(squeeze(t[0].text)) && level2 === '') level2 = t.shift()!.text;
    // Two empty template rows squeezed into one (`成本指标 指标1 经济效益指标 指标1`): keep the first.
    if (t.every((c) => LEVEL2.test(squeeze(c.text)) || /^指标\d+$/u.test(c.text))) t = [];
  }
  let groupScore: SheetCell | undefined;
  const last = t[t.length - 1];
  if (last !== undefined && isScore(last.text) && t.length !== 3) groupScore = t.pop();
  const [level3 = '', target = '', actual = '', ...deviation] = texts(t);
  return {
    ind: { ...emptyIndicator('', level2), level3, target, actual, deviation: deviation.join('') },
    level2Given: level2 !== '',
    number,
    groupScore,
    level1Kind: level1,
  };
}

/**
 * Assigns 一级/二级 to the rows: a row without a 二级 continues the group above, unless its 指标N
 * restarts the numbering (指标1 after 指标1), which opens a group whose labels come from a later row
 * of the same group (指标2 …).
 */
function assignGroups(rows: YqRow[]): void {
  let level2 = '';
  let pending: YqRow[] = [];
  let lastNumber = 0;
  for (const row of rows) {
    if (row.level2Given) {
      if (row.number > 1 && pending.length > 0) for (const p of pending) p.ind.level2 = row.ind.level2;
      pending = [];
      level2 = row.ind.level2;
    } else if (row.number === 1 && lastNumber >= 1 && row.ind.level3 !== '') {
      pending = [row];
      row.ind.level2 = level2;
    } else {
      row.ind.level2 = level2;
      if (pending.length > 0) pending.push(row);
    }
    lastNumber = row.number || lastNumber;
  }
  for (const row of rows) {
    const kind = level1Kind({ level1: '', level2: row.ind.level2 }) ?? row.level1Kind;
    row.ind.level1 = kind ? LEVEL1_TEXT[kind] : '';
  }
}

export function readYangquanSheet(rows: SheetRow[], year: number): SheetForm {
  const form = emptyForm('f', '');
  const printed: PrintedForm = { name: '', funds: {}, indicators: [], groupScores: {} };
  let i = 0;
  let stageOrder: ('initial' | 'budget' | 'spent')[] = [];
  const printedStage: Partial<Record<'initial' | 'budget' | 'spent', string>> = {};
  for (; i < rows.length; i++) {
    const row = rows[i]!;
    const t = texts(row);
    const head = squeeze(t[0] ?? '');
    if (head.startsWith('单位（盖章）')) form.seal = squeeze(head.replace(/^单位（盖章）[：:]/u, '')) || squeeze(t[1] ?? '');
    if (head.startsWith('填报日期')) form.filledOn = isoDate(t.join(''));
    if (head === '项目名称') form.name = t[1] ?? '';
    for (const [label, value] of labelled(row, (s) => /^(项目负责人|联系电话|主管部门|实施单位|项目起止时间|绩效自评评价年度)$/u.test(squeeze(s)))) {
      const v = value?.text ?? '';
      const l = squeeze(label.text);
      if (l === '项目负责人') form.manager = v;
      if (l === '联系电话') form.phone = v;
      if (l === '主管部门') form.department = v;
      if (l === '实施单位') form.unit = v || (rows[i + 1]?.[0]?.text ?? '');
      if (l === '项目起止时间') form.period = squeeze(v);
      if (l === '绩效自评评价年度') form.evaluationYear = v;
    }
    const stages = labelled(row, (s) => FUND_LABEL.test(squeeze(s)));
    if (stages.length > 0) {
      stageOrder = stages.map(([label]) => STAGE_OF[FUND_LABEL.exec(squeeze(label.text))![1] as keyof typeof STAGE_OF]);
      stages.forEach(([, value], k) => (printedStage[stageOrder[k]!] = value?.text));
    }
    const sources = labelled(row, (s) => SOURCE_LABEL.test(squeeze(s)));
    if (sources.length > 0) {
      const key = yangquanSource(sources[0]![0].text);
      sources.forEach(([, value], k) => {
        const stage = stageOrder[k];
        if (stage && value && isNumber(value.text)) form.funds[key][stage] = wan(value);
      });
    }
    if (head === '项目预期绩效目标' || t[1] === '项目提供的公共产品和服务的数量') form.goal = t[t.length - 1] ?? '';
    if (t[0] === '项目效果') form.goalEffect = t[1] ?? '';
    if (/^项目执行情况/u.test(head)) printed.rate = /(\d+(?:\.\d+)?%)/u.exec(t.join(''))?.[1];
    if (t.includes('一级指标')) break;
  }
  if (form.name.trim() === '') throw new SheetError('没有找到“项目名称”', rows[0]?.[0]?.at ?? '第1行');
  const yq: YqRow[] = [];
  for (i++; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.some((c) => squeeze(c.text) === '总分')) {
      printed.total = row.filter((c) => squeeze(c.text) !== '总分').find((c) => isScore(c.text))?.text;
      break;
    }
    if (row.length === 0) continue;
    yq.push(yangquanIndicator(row));
  }
  assignGroups(yq);
  for (const row of yq) {
    form.indicators.push(row.ind);
    printed.indicators.push({ weight: '', score: '' });
    const kind = level1Kind(row.ind);
    if (row.groupScore && kind) {
      printed.groupScores[kind] = row.groupScore.text;
      form.groupScores[kind] = points(row.groupScore);
    }
  }
  for (; i < rows.length; i++) {
    const t = texts(rows[i]!);
    const head = squeeze(t[0] ?? '');
    if (head.startsWith('自评结论')) form.analysis.conclusion = t.slice(1).join('');
    if (head === '主要经验做法') form.analysis.experience = t.slice(1).join('');
    if (head.startsWith('存在问题')) form.analysis.problems = t.slice(1).join('');
    const people = t.filter((c) => !/^评价\s*人员$/u.test(c));
    if (people[0] === '组长' || people[0] === '成员') {
      const [role, name = '', title = '', unit = ''] = people;
      form.evaluators.push({ role: role as Evaluator['role'], name, title, unit });
    } else if (people.length === 3 && form.evaluators.length > 0 && people.every((c) => !/^(姓名|职称\/职务|工作单位|签字)$/u.test(c))) {
      const [name = '', title = '', unit = ''] = people;
      form.evaluators.push({ role: '成员', name, title, unit });
    } else if (people[0] === '姓名' && people[2] === '职务') {
      form.evaluators.push({ role: '成员', name: people[1] ?? '', title: people[3] ?? '', unit: people[5] ?? '' });
    }
  }
  printed.name = form.name;
  printed.funds = { initial: printedStage.initial, budget: printedStage.budget, spent: printedStage.spent };
  printed.grade = /自评(?:等级|结论)为[：:]?“?(优|良|中|差)/u.exec(form.analysis.conclusion)?.[1];
  form.printed = { rate: printed.rate, total: printed.total, grade: printed.grade };
  if (form.evaluationYear === '') form.evaluationYear = `${year}年度`;
  return { form, printed };
}

/** Which layout a sheet is printed in, from its labels; null when it is not a 自评表. */
export function sheetLayout(rows: SheetRow[]): '晋城' | '阳泉' | null {
  const all = rows.flatMap((r) => r.map((c) => squeeze(c.text)));
  if (all.some((t) => /^(项目预算金额|实际到位金额)/u.test(t) || /^项目执行情况/u.test(t))) return '阳泉';
  if (all.some((t) => /^项目资金预算安排及执行进度/u.test(t) || t === '资金总额:' || t === '资金总额：')) return '晋城';
  return null;
}
