/**
 * Test helper (Node only): extracts the 第五部分 附件 of a seed — every 项目支出绩效自评表 (晋城
 * layout in seed 000, 阳泉 layout in seed 002) and seed 000's 重点评价报告 — as the app's
 * aggregate, together with every figure the seed PRINTS on each form, so a test can compare the
 * printed figures with the derived ones.
 *
 * The seed text is extracted from the published documents: table cells are tab separated, blank
 * cells are kept or dropped unpredictably, merged cells land on any row of their span, and page
 * breaks split rows. So rows are read by what their cells say, not by position:
 * - labels (`主管部门及代码`, `市财政`, `总分`, …) name the cells after them;
 * - an indicator row is `[一级] [二级] 三级 指标值… 分值 得分 [偏差原因]`, the 一级/二级 recognised by
 *   name (数量指标 …); 分值/得分 are the last two adjacent numbers; the 一级 of a row follows from its
 *   二级 (the standard frame), since the merged 一级 cell is often printed on a row of another group.
 *
 * Where the seed prints a figure the form's own cells do not carry (an 实际执行金额 left blank next
 * to a printed 执行率, 一级 自评得分 left blank next to a printed 总分), the missing cell is
 * inferred and listed in `notes`, so the fixture says what was keyed and what was inferred.
 */
import { readFileSync } from 'node:fs';
import { decimalToFen, type Fen } from '../../shared/domain/money';
import {
  budgetScore,
  DEFAULT_EVALUATION_SETTINGS,
  emptyForm,
  emptyIndicator,
  type Evaluator,
  type EvaluationSet,
  emptyEvaluationSet,
  type Indicator,
  type KeyEvaluationReport,
  type KeyIndicator,
  type KeySection,
  type Level1Kind,
  level1Kind,
  type Points,
  POINTS_PER_POINT,
  rateBasisPoints,
  type SelfEvaluationForm,
} from '../../shared/domain/selfEvaluation';

/** Every figure a seed prints on one form, as printed. */
export interface PrintedForm {
  name: string;
  /** Fund figures as printed: stage → text (万元). */
  funds: { declared?: string; initial?: string; budget?: string; spent?: string; carryover?: string };
  /** 资金总额 row of the 晋城 layout, when printed. */
  fundsTotal?: { declared?: string; initial?: string; budget?: string; spent?: string; carryover?: string };
  rate?: string;
  /** 预算执行 得分 (晋城: the score column of the funds rows). */
  budgetScore?: string;
  /** Per indicator row: 分值 and 得分 as printed ('' when blank). */
  indicators: { weight: string; score: string }[];
  /** 一级 自评得分 (阳泉) as printed. */
  groupScores: Partial<Record<Level1Kind, string>>;
  total?: string;
  grade?: string;
}

export interface SeedForm {
  form: SelfEvaluationForm;
  printed: PrintedForm;
  /** Cells the seed does not print but implies, and how they were inferred. */
  notes: string[];
}

export interface SeedAttachments {
  layout: '晋城' | '阳泉';
  forms: SeedForm[];
  keyReports: KeyEvaluationReport[];
}

const NUMBER = /^-?[\d,]+(\.\d+)?$/u;
const clean = (s: string) => s.replace(/<\/?p>/gu, '').trim();
const squeeze = (s: string) => s.replace(/\s+/gu, '');
const tokensOf = (line: string) => line.split('\t').map(clean).filter((c) => c !== '');
const isNumber = (s: string) => NUMBER.test(s);

function wan(text: string | undefined): Fen {
  if (!text) return 0;
  return decimalToFen(text.replace(/,/gu, ''), '万元');
}

/** `2.5` → 2500 (points as printed, `30分` accepted). */
function points(text: string): Points {
  const m = /^(\d+)(?:\.(\d{1,3}))?分?$/u.exec(squeeze(text));
  if (!m) throw new Error(`not a score: ${text}`);
  return Number(m[1]) * POINTS_PER_POINT + Number((m[2] ?? '').padEnd(3, '0'));
}

const isScore = (s: string) => /^\d+(\.\d{1,3})?分?$/u.test(squeeze(s));

// --- indicator names --------------------------------------------------------------------------

const LEVEL1 = /^(产出|效益|满意度)指标([(（]\d+分[)）])?$/u;
const LEVEL2 = /^(数量指标|质量指标|时效指标|成本指标|经济效益指标|经济收益指标|社会效益指标|生态效益指标|可持续影响指标|可持续性影响指标|服务对象满意度指标|服务对象满意度)$/u;
const LEVEL1_TEXT: Record<Level1Kind, string> = { output: '产出指标', benefit: '效益指标', satisfaction: '满意度指标' };
/** A target or actual value rather than a name: `≥90%`, `=1个`, `-8人`. */
const VALUE_LIKE = /^[≥≤=<>＜＞-]/u;

function kindOfLevel1(token: string): Level1Kind | null {
  const m = LEVEL1.exec(squeeze(token));
  if (!m) return null;
  return m[1] === '产出' ? 'output' : m[1] === '效益' ? 'benefit' : 'satisfaction';
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
];

/**
 * One 晋城 indicator row, tokens without the leading `绩效指标`. Returns null for a row that holds
 * nothing but labels.
 */
function jinchengIndicator(tokens: string[], carry: { level1: string; level2: string }): { ind: Indicator; weight: string; score: string } | null {
  let k = 0;
  let level1 = '';
  let level2 = '';
  if (tokens[k] !== undefined && kindOfLevel1(tokens[k]!) !== null) level1 = tokens[k++]!;
  if (tokens[k] !== undefined && LEVEL2.test(squeeze(tokens[k]!))) level2 = tokens[k++]!;
  const rest = tokens.slice(k);
  // 分值/得分: the last two adjacent numbers; a lone trailing number is 分值 with 得分 blank.
  let weightAt = -1;
  let scoreAt = -1;
  for (let i = rest.length - 2; i >= 1; i--) {
    if (isNumber(rest[i]!) && isNumber(rest[i + 1]!)) {
      weightAt = i;
      scoreAt = i + 1;
      break;
    }
  }
  if (weightAt < 0) {
    for (let i = rest.length - 1; i >= 1; i--) {
      if (isNumber(rest[i]!)) {
        weightAt = i;
        break;
      }
    }
  }
  if (weightAt < 0) return null;
  const names = rest.slice(0, weightAt);
  const deviation = rest.slice((scoreAt >= 0 ? scoreAt : weightAt) + 1).join('');
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
  if (level2) carry.level2 = level2;
  const kindFromLevel2 = level1Kind({ level1: '', level2: carry.level2 });
  if (kindFromLevel2) carry.level1 = LEVEL1_TEXT[kindFromLevel2];
  else if (level1) carry.level1 = LEVEL1_TEXT[kindOfLevel1(level1)!];
  const weightText = rest[weightAt] ?? '';
  const scoreText = scoreAt >= 0 ? (rest[scoreAt] ?? '') : '';
  return {
    ind: {
      ...emptyIndicator(carry.level1, carry.level2),
      level3,
      targetInitial,
      target,
      actual,
      weight: points(weightText),
      score: scoreText === '' ? null : points(scoreText),
      deviation,
    },
    weight: weightText,
    score: scoreText,
  };
}

function parseJinchengForm(lines: string[]): SeedForm {
  const form = emptyForm('f', '');
  const printed: PrintedForm = { name: '', funds: {}, indicators: [], groupScores: {} };
  const notes: string[] = [];
  let i = 0;
  const rows = lines.map(tokensOf);
  const at = (k: number) => rows[k] ?? [];
  form.name = at(0)[1] ?? '';
  printed.name = form.name;
  for (; i < rows.length; i++) {
    const t = at(i);
    if (t[0] === '主管部门及代码') {
      form.department = t[1] ?? '';
      form.unit = t[t.indexOf('预算单位') + 1] ?? '';
    }
    const stage = (nums: string[]) => ({
      declared: nums[0],
      initial: nums[1],
      budget: nums[2],
      spent: nums[nums.length - 4],
      carryover: nums[nums.length - 3],
    });
    if (t.includes('资金总额:')) {
      const nums = t.slice(t.indexOf('资金总额:') + 1).filter(isNumber);
      if (nums.length >= 7) printed.fundsTotal = stage(nums);
    }
    const source = t.findIndex((c) => /财政资金$/u.test(c));
    if (source >= 0 && !t.includes('资金总额:')) {
      const nums = t.slice(source + 1).filter(isNumber);
      if (nums.length < 7) throw new Error(`${form.name}: fund row with ${nums.length} figures`);
      printed.funds = stage(nums);
      printed.rate = nums[nums.length - 2];
      printed.budgetScore = nums[nums.length - 1];
      form.funds.city = { declared: wan(printed.funds.declared), initial: wan(printed.funds.initial), budget: wan(printed.funds.budget), spent: wan(printed.funds.spent) };
    }
    if (t[0] === '项目年度绩效目标') {
      const goals = at(i + 1);
      form.goal = goals[0] ?? '';
      form.achieved = goals[1] ?? '';
    }
    if (t.includes('三级指标') && t.includes('分值')) break;
    // A form without the grid's header row: its first indicator row follows the goals.
    const first = t.filter((c) => c !== '绩效指标');
    if (i > 0 && first[0] !== undefined && kindOfLevel1(first[0]) !== null && first.some(isNumber)) {
      i--;
      break;
    }
  }
  // Indicator rows up to 总分.
  const carry = { level1: '', level2: '' };
  for (i++; i < rows.length; i++) {
    const t = at(i).filter((c) => c !== '绩效指标');
    if (t[0] === '总分') break;
    const row = jinchengIndicator(t, carry);
    if (!row) throw new Error(`${form.name}: indicator row without scores: ${t.join(' | ')}`);
    form.indicators.push(row.ind);
    printed.indicators.push({ weight: row.weight, score: row.score });
  }
  // 总分 and 等级 (possibly on the lines after 总分), then the analysis texts.
  for (; i < rows.length; i++) {
    const t = at(i);
    if (t[0] === '项目绩效分析') break;
    for (const c of t) {
      if (isNumber(c)) printed.total = c;
      if (/^(优|良|中|差)$/u.test(c)) printed.grade = c;
    }
  }
  for (; i < rows.length; i++) {
    const t = at(i).filter((c) => c !== '项目绩效分析' && c !== '自评结果分析');
    const label = t[0] ?? '';
    const field = ANALYSIS_LABELS.find(([re]) => re.test(label))?.[1];
    if (field) form.analysis[field] = t.slice(1).join('');
  }
  form.printed = { rate: printed.rate, total: printed.total, grade: printed.grade };
  return { form, printed, notes };
}

// --- 阳泉 --------------------------------------------------------------------------------------

function isoDate(text: string): string {
  const m = /(\d{4})\D+(\d{1,2})\D+(\d{1,2})/u.exec(text);
  if (!m) return '';
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** `[label, value, label, value …]` where a value may be missing: label → value. */
function labelled(tokens: string[], isLabel: (s: string) => boolean): [string, string][] {
  const out: [string, string][] = [];
  for (let k = 0; k < tokens.length; k++) {
    if (!isLabel(tokens[k]!)) continue;
    const next = tokens[k + 1];
    out.push([tokens[k]!, next !== undefined && !isLabel(next) ? next : '']);
  }
  return out;
}

const FUND_LABEL = /^(项目预算金额|实际到位金额|实际执行金额)/u;
const SOURCE_LABEL = /^(其中：中央、省财政|市财政|县[（(]区[)）]财政|其它)$/u;
const SOURCE_KEY = { '其中：中央、省财政': 'central', 市财政: 'city', 县区财政: 'county', 其它: 'other' } as const;
const STAGE_OF = { 项目预算金额: 'initial', 实际到位金额: 'budget', 实际执行金额: 'spent' } as const;

interface YqRow {
  ind: Indicator;
  /** The 二级 given on this row, its 指标N number, and the group score printed on it. */
  level2Given: boolean;
  number: number;
  groupScore: string;
  level1Kind: Level1Kind | null;
}

function yangquanIndicator(tokens: string[]): YqRow {
  let t = tokens.filter((c) => !/^绩效\s*指标$/u.test(c));
  let level1: Level1Kind | null = null;
  let level2 = '';
  if (t[0] !== undefined && kindOfLevel1(t[0]) !== null) level1 = kindOfLevel1(t.shift()!);
  if (t[0] !== undefined && LEVEL2.test(squeeze(t[0]))) level2 = t.shift()!;
  let number = 0;
  const numberAt = t.findIndex((c) => /^指标\d+$/u.test(c));
  if (numberAt >= 0) {
    // A 一级/二级 cell may also follow the number (rows squeezed by the extraction).
    number = Number(t[numberAt]!.slice(2));
    t = [...t.slice(0, numberAt), ...t.slice(numberAt + 1)];
    if (t[0] !== undefined && LEVEL2.test(squeeze(t[0])) && level2 === '') level2 = t.shift()!;
    // Two empty template rows squeezed into one (`成本指标 指标1 经济效益指标 指标1`): keep the first.
    if (t.every((c) => LEVEL2.test(squeeze(c)) || /^指标\d+$/u.test(c))) t = [];
  }
  let groupScore = '';
  const last = t[t.length - 1];
  if (last !== undefined && isScore(last) && t.length !== 3) groupScore = t.pop()!;
  const [level3 = '', target = '', actual = '', ...deviation] = t;
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

function parseYangquanForm(lines: string[], year: number): SeedForm {
  const form = emptyForm('f', '');
  const printed: PrintedForm = { name: '', funds: {}, indicators: [], groupScores: {} };
  const notes: string[] = [];
  const rows = lines.map(tokensOf);
  let i = 0;
  let stageOrder: ('initial' | 'budget' | 'spent')[] = [];
  const printedStage: Partial<Record<'initial' | 'budget' | 'spent', string>> = {};
  for (; i < rows.length; i++) {
    const t = rows[i]!;
    const head = squeeze(t[0] ?? '');
    if (head.startsWith('单位（盖章）')) form.seal = squeeze(head.replace(/^单位（盖章）[：:]/u, ''));
    if (head.startsWith('填报日期')) form.filledOn = isoDate(t.join(''));
    if (head === '项目名称') form.name = t[1] ?? '';
    for (const [label, value] of labelled(t, (s) => /^(项目负责人|联系电话|主管部门|实施单位|项目起止时间|绩效自评评价年度)$/u.test(s))) {
      if (label === '项目负责人') form.manager = value;
      if (label === '联系电话') form.phone = value;
      if (label === '主管部门') form.department = value;
      if (label === '实施单位') form.unit = value || (rows[i + 1]?.[0] ?? '');
      if (label === '项目起止时间') form.period = squeeze(value);
      if (label === '绩效自评评价年度') form.evaluationYear = value;
    }
    const stages = labelled(t, (s) => FUND_LABEL.test(squeeze(s)));
    if (stages.length > 0) {
      stageOrder = stages.map(([label]) => STAGE_OF[FUND_LABEL.exec(squeeze(label))![1] as keyof typeof STAGE_OF]);
      stages.forEach(([, value], k) => (printedStage[stageOrder[k]!] = value));
    }
    const sources = labelled(t, (s) => SOURCE_LABEL.test(squeeze(s)));
    if (sources.length > 0) {
      const key = SOURCE_KEY[squeeze(sources[0]![0]).replace(/[（(]|[)）]/gu, '') as keyof typeof SOURCE_KEY];
      sources.forEach(([, value], k) => {
        const stage = stageOrder[k];
        if (stage && isNumber(value)) form.funds[key][stage] = wan(value);
      });
    }
    if (squeeze(t[0] ?? '') === '项目预期绩效目标' || t[1] === '项目提供的公共产品和服务的数量') form.goal = t[t.length - 1] ?? '';
    if (t[0] === '项目效果') form.goalEffect = t[1] ?? '';
    if (/^项目执行情况/u.test(squeeze(t[0] ?? ''))) printed.rate = /(\d+(?:\.\d+)?%)/u.exec(t.join(''))?.[1];
    if (t.includes('一级指标')) break;
  }
  const yq: YqRow[] = [];
  for (i++; i < rows.length; i++) {
    const t = rows[i]!;
    if (t.some((c) => squeeze(c) === '总分')) {
      printed.total = t.filter((c) => squeeze(c) !== '总分').find(isScore);
      break;
    }
    if (t.length === 0) continue;
    yq.push(yangquanIndicator(t));
  }
  assignGroups(yq);
  for (const row of yq) {
    form.indicators.push(row.ind);
    printed.indicators.push({ weight: '', score: '' });
    const kind = level1Kind(row.ind);
    if (row.groupScore && kind) printed.groupScores[kind] = row.groupScore;
  }
  for (; i < rows.length; i++) {
    const t = rows[i]!;
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
  const gradeText = /自评(?:等级|结论)为[：:]?“?(优|良|中|差)/u.exec(form.analysis.conclusion)?.[1];
  printed.name = form.name;
  printed.funds = { initial: printedStage.initial, budget: printedStage.budget, spent: printedStage.spent };
  inferMissing(form, printed, notes);
  for (const [kind, text] of Object.entries(printed.groupScores) as [Level1Kind, string][]) form.groupScores[kind] = points(text);
  inferGroupScores(form, printed, notes);
  form.printed = { rate: printed.rate, total: printed.total, grade: gradeText };
  printed.grade = gradeText;
  if (form.evaluationYear === '') form.evaluationYear = `${year}年度`;
  return { form, printed, notes };
}

/** 实际执行金额 left blank next to a printed 执行率: 全年预算 × 执行率, to 0.01 万元. */
function inferMissing(form: SelfEvaluationForm, printed: PrintedForm, notes: string[]): void {
  if (form.funds.city.spent !== 0 || !printed.rate) return;
  const rate = Number(printed.rate.replace('%', ''));
  const budget = form.funds.city.budget;
  const spent = Math.round((budget * rate) / 100 / 10_000) * 10_000;
  form.funds.city.spent = spent;
  notes.push(`实际执行金额未印出：按执行率 ${printed.rate} × 实际到位 ${budget / 1_000_000}万元 取 ${spent / 1_000_000}万元`);
}

/**
 * 一级 自评得分 left blank next to a printed 总分: the blank groups take their full weight, except
 * 产出 (or the only blank group), which takes what the printed 总分 leaves.
 */
function inferGroupScores(form: SelfEvaluationForm, printed: PrintedForm, notes: string[]): void {
  const s = DEFAULT_EVALUATION_SETTINGS;
  const kinds: Level1Kind[] = ['output', 'benefit', 'satisfaction'];
  const missing = kinds.filter((k) => form.groupScores[k] === undefined);
  if (missing.length === 0 || !printed.total) return;
  const total = points(printed.total.replace(/分$/u, ''));
  const budget = budgetScore(rateBasisPoints(form.funds.city.spent, form.funds.city.budget), s.budgetRule, s.budgetWeight);
  const rest = missing.includes('output') ? 'output' : missing[0]!;
  for (const k of missing) if (k !== rest) form.groupScores[k] = s.weights[k];
  const known = kinds.reduce((sum, k) => sum + (k === rest ? 0 : (form.groupScores[k] ?? 0)), 0);
  form.groupScores[rest] = total - budget - known;
  notes.push(
    `一级指标自评得分未印出（${missing.map((k) => LEVEL1_TEXT[k]).join('、')}）：` +
      `${missing.filter((k) => k !== rest).map((k) => `${LEVEL1_TEXT[k]}按满分${s.weights[k] / 1000}分，`).join('')}` +
      `${LEVEL1_TEXT[rest]}取总分${printed.total}减预算执行${budget / 1000}分及其他一级指标得分 = ${(form.groupScores[rest] ?? 0) / 1000}分`,
  );
}

// --- 重点评价报告 -------------------------------------------------------------------------------

function sectionLevel(line: string): 1 | 2 | 3 | null {
  if (/^[一二三四五六七八九十]+、/u.test(line)) return 1;
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[)）]/u.test(line)) return 2;
  if (/^\d+、/u.test(line) && line.length < 60 && !/[。；;，,]/u.test(line) && !line.includes('《')) return 3;
  return null;
}

/** Text of the seed's report body (一、… up to the 附件 table) as headed sections. */
function parseKeySections(lines: string[]): KeySection[] {
  const sections: KeySection[] = [];
  let paragraphs: string[] = [];
  let open = '';
  const flush = () => {
    if (open !== '') paragraphs.push(open);
    open = '';
  };
  const close = () => {
    flush();
    const last = sections[sections.length - 1];
    if (last) last.text = paragraphs.join('\n');
    paragraphs = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/^- /u, '').replace(/\*\*/gu, '').trim();
    if (line === '' ) continue;
    if (raw.includes('\t') || /评分表$|得分情况表$|^绩效评价综合得分情况表/u.test(line) || /^2023 年度支持开发区建设发展专项资金$/u.test(line)) continue;
    const level = sectionLevel(line);
    if (level !== null) {
      close();
      sections.push({ heading: line, level, text: '' });
      continue;
    }
    // A paragraph broken by a page ends without closing punctuation: join the next line to it.
    open = open === '' ? line : `${open}${line}`;
    const subheading = line.length < 40 && /^[（(]\d+[)）]/u.test(line);
    if (/[。；：！？”;:]$/u.test(line) || subheading || /满分.*分\s*[)）]$/u.test(line)) flush();
  }
  close();
  return sections;
}

function parseKeyIndicators(lines: string[]): KeyIndicator[] {
  const out: KeyIndicator[] = [];
  let level1 = '';
  let level2 = '';
  for (const line of lines) {
    if (!line.includes('\t')) continue;
    const t = tokensOf(line);
    if (t[0] === '一级指标' || t[0] === '合计') continue;
    for (let k = 0; k < t.length; k++) {
      const c = t[k]!;
      if (/^[A-D]\s/u.test(c)) level1 = c;
      else if (/^[A-D]\d\s/u.test(c)) level2 = c;
      else if (/^[A-D]\d{3}\s/u.test(c)) {
        const weight = t[k + 1];
        const score = t[k + 2];
        if (!weight || !score || !isNumber(weight) || !isNumber(score)) throw new Error(`key indicator without scores: ${line}`);
        out.push({ level1, level2, level3: c, weight: points(weight), score: points(score), explanation: '', benchmark: '', criteria: '', source: '', result: '' });
        break;
      }
    }
  }
  return out;
}

/** The long 附件 table: where a row carries all its cells, its texts are keyed on the indicator. */
function attachKeyTexts(lines: string[], indicators: KeyIndicator[]): void {
  for (const line of lines) {
    const t = tokensOf(line);
    const at = t.findIndex((c) => /^[A-D]\d{3}\s/u.test(c));
    if (at < 0) continue;
    const ind = indicators.find((i) => squeeze(i.level3) === squeeze(t[at]!));
    const cells = t.slice(at + 1);
    if (!ind || cells.length !== 7) continue;
    [, ind.explanation = '', ind.benchmark = '', ind.criteria = '', ind.source = '', ind.result = ''] = cells;
  }
}

function parseKeyReport(all: string[], start: number, narrative: string): KeyEvaluationReport {
  const title = `${all[start]!.trim()}${all[start + 2]!.trim()}`.replace(/(\d)\s+年/gu, '$1年');
  const body = all.findIndex((l, k) => k > start && /^一、项目基本情况$/u.test(l.trim()) && !l.includes('.....'));
  const annex = all.findIndex((l, k) => k > body && /^附件：/u.test(l.trim()));
  const bodyLines = all.slice(body, annex);
  const sections = parseKeySections(bodyLines);
  const indicators = parseKeyIndicators(bodyLines);
  attachKeyTexts(all.slice(annex), indicators);
  const text = bodyLines.join('\n');
  const conclusionSection = sections.findLast((s) => /评价结论$/u.test(s.heading));
  const conclusion = (conclusionSection?.text ?? '').replace(/，绩效评价结果为“[优良中差]”。?$/u, '').replace(/(\d)\s+年/gu, '$1年');
  const project = /组织对“(.+?)”1个项目开展了部门评价/u.exec(narrative);
  const funds = /部门评价[^。]*?涉及资金([\d.]+)万元/u.exec(narrative);
  return {
    id: 'k1',
    title,
    projectName: project?.[1] ?? '',
    funds: wan(funds?.[1]),
    fundKind: '一般公共预算',
    sections,
    indicators,
    conclusion,
    printed: { total: /总得分为(\d+(?:\.\d+)?)分/u.exec(text)?.[1], grade: /评价结果为“(优|良|中|差)”/u.exec(text)?.[1] },
  };
}

// --- the whole 附件 ----------------------------------------------------------------------------

export function readSeedAttachments(path: string, year: number): SeedAttachments {
  const all = readFileSync(path, 'utf8').split('\n');
  const from = all.findIndex((l) => l.trim() === '第五部分 附件');
  if (from < 0) throw new Error('no 第五部分 附件');
  const yangquan = all.some((l, k) => k > from && l.trim() === '阳泉市项目支出绩效自评表');
  if (yangquan) {
    const starts = all.flatMap((l, k) => (k > from && l.trim() === '阳泉市项目支出绩效自评表' ? [k] : []));
    const forms = starts.map((s, n) => parseYangquanForm(all.slice(s + 1, starts[n + 1] ?? all.length), year));
    return { layout: '阳泉', forms: numbered(forms), keyReports: [] };
  }
  const keyStart = all.findIndex((l, k) => k > from && /^项目重点评价报告$/u.test(l.trim())) - 2;
  const end = keyStart > 0 ? keyStart : all.length;
  const starts = all.flatMap((l, k) => (k > from && k < end && /^项目名称\t/u.test(l) ? [k] : []));
  const forms = starts.map((s, n) => parseJinchengForm(all.slice(s, starts[n + 1] ?? end)));
  const narrative = all.slice(0, from).join('\n');
  const keyReports = keyStart > 0 ? [parseKeyReport(all, keyStart, narrative)] : [];
  return { layout: '晋城', forms: numbered(forms), keyReports };
}

function numbered(forms: SeedForm[]): SeedForm[] {
  forms.forEach((f, k) => (f.form.id = `f${k + 1}`));
  return forms;
}

/** The seed's 附件 as the app's EvaluationSet (settings for the seed's layout and 十（四）). */
export function seedEvaluationSet(a: SeedAttachments, fundsBasis: EvaluationSet['settings']['fundsBasis']): EvaluationSet {
  const set = emptyEvaluationSet();
  set.settings = { ...set.settings, layout: a.layout, fundsBasis };
  set.forms = a.forms.map((f) => f.form);
  set.keyReports = a.keyReports;
  return set;
}
