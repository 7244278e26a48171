/**
 * 第五部分 附件 as its own aggregate, beside the report of the same year:
 * - 项目支出绩效自评表 (SelfEvaluationForm), one per project, printed in the 晋城 or the 阳泉 layout;
 * - 项目重点评价报告 (KeyEvaluationReport) with its 评价指标评分表;
 * - the settings that score them (EvaluationSettings).
 *
 * Everything here is typed by the officer (money in 分, scores in thousandths of a point);
 * 执行率, 预算执行得分, 总分 and 等级 are derived (derive.ts) and never stored.
 */
import type { Fen } from '../money';

/**
 * A score in thousandths of a point (0.001 分值). Officers type scores with up to two decimals
 * (2.5, 0.35, 82.85); the derived 预算执行 score needs three (10 × 99.32% = 9.932).
 */
export type Points = number;
export const POINTS_PER_POINT = 1000;

/** 自评表的版式: the same data prints in either. */
export const LAYOUTS = ['晋城', '阳泉'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** 资金来源 (阳泉 prints all four; 晋城 prints 资金总额 and the sources with figures). */
export const FUND_SOURCES = ['central', 'city', 'county', 'other'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_NAMES: Record<FundSource, string> = {
  central: '中央、省财政',
  city: '市财政',
  county: '县（区）财政',
  other: '其它',
};

/** How the 晋城 layout names a source row. */
export const FUND_SOURCE_NAMES_JINCHENG: Record<FundSource, string> = {
  central: '中央、省级财政资金',
  city: '市县区财政资金',
  county: '县（区）财政资金',
  other: '其他资金',
};

/**
 * The money of one source at each stage. 晋城: 年初预算数 (目标申报数, 预算编制数), 全年预算数,
 * 全年执行数; 阳泉: 项目预算金额 (= 预算编制数), 实际到位金额 (= 全年预算数), 实际执行金额
 * (= 全年执行数). 资金结(转)余 is derived: 全年预算 − 全年执行.
 */
export interface FundLine {
  /** 目标申报数 */
  declared: Fen;
  /** 预算编制数 / 项目预算金额 */
  initial: Fen;
  /** 全年预算数 / 实际到位金额 */
  budget: Fen;
  /** 全年执行数 / 实际执行金额 */
  spent: Fen;
}

export const FUND_STAGES = ['declared', 'initial', 'budget', 'spent'] as const;
export type FundStage = (typeof FUND_STAGES)[number];

export const FUND_STAGE_NAMES: Record<FundStage, string> = {
  declared: '目标申报数',
  initial: '预算编制数',
  budget: '全年预算数',
  spent: '全年执行数',
};

/** 资金性质, for 十（四）“其中一般公共预算项目支出…”. */
export const FUND_KINDS = ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算'] as const;
export type FundKind = (typeof FUND_KINDS)[number];

/** 一级指标 kinds with a standard weight; any other 一级 text is kept and scored, without a weight. */
export const LEVEL1_KINDS = ['output', 'benefit', 'satisfaction'] as const;
export type Level1Kind = (typeof LEVEL1_KINDS)[number];

export const LEVEL1_NAMES: Record<Level1Kind, string> = {
  output: '产出指标',
  benefit: '效益指标',
  satisfaction: '满意度指标',
};

/** One row of the indicator grid (绩效指标). */
export interface Indicator {
  /** 一级指标, e.g. 产出指标 */
  level1: string;
  /** 二级指标, e.g. 数量指标 */
  level2: string;
  /** 三级指标, e.g. 发放人员数量 */
  level3: string;
  /** 年初指标值 (晋城) */
  targetInitial: string;
  /** 调整后指标值 (晋城) / 年度指标值 (阳泉) */
  target: string;
  /** 实际完成值 / 全年完成值 */
  actual: string;
  /** 分值; null where the form scores the 一级 group instead (阳泉). */
  weight: Points | null;
  /** 得分; null = not scored. */
  score: Points | null;
  /** 偏差原因分析及改进措施 / 未完成原因和改进措施 */
  deviation: string;
}

/** The analysis texts of both layouts. */
export const ANALYSIS_FIELDS = ['execution', 'output', 'benefit', 'satisfaction', 'experience', 'problems', 'improvements', 'conclusion'] as const;
export type AnalysisField = (typeof ANALYSIS_FIELDS)[number];

export const ANALYSIS_NAMES: Record<AnalysisField, string> = {
  execution: '项目实施和预算执行情况',
  output: '产出情况',
  benefit: '效益情况',
  satisfaction: '满意度情况',
  experience: '主要经验做法',
  problems: '项目管理中存在的主要问题及原因分析',
  improvements: '下一步改进措施及管理建议',
  conclusion: '自评结论及结果分析',
};

/** The texts each layout prints (and so requires). */
export const LAYOUT_ANALYSIS: Record<Layout, readonly AnalysisField[]> = {
  晋城: ['execution', 'output', 'benefit', 'satisfaction', 'experience', 'problems', 'improvements'],
  阳泉: ['conclusion', 'experience', 'problems'],
};

/** 评价人员 (阳泉). */
export interface Evaluator {
  role: '组长' | '成员';
  name: string;
  /** 职称/职务 */
  title: string;
  /** 工作单位 */
  unit: string;
}

/**
 * Figures as printed on a source document (an imported form, a seed). They are never used for
 * anything but the checks that compare them with the derived ones; the officer clears them once
 * the form is corrected.
 */
export interface PrintedFigures {
  /** 执行率 as printed, e.g. `58.37%`, `100`, `100.00`. */
  rate?: string;
  /** 总分 as printed, e.g. `95`, `82.85`, `98.48分`. */
  total?: string;
  /** 等级 as printed: 优 / 良 / 中 / 差. */
  grade?: string;
}

export interface SelfEvaluationForm {
  /** Stable id within the file (`f1`, `f2`, … or any [A-Za-z0-9_-]{1,40}). */
  id: string;
  /** 项目名称 */
  name: string;
  /** 主管部门及代码, e.g. `259-晋城市商务局` */
  department: string;
  /** 预算单位 (晋城) / 实施单位 (阳泉) */
  unit: string;
  /** 项目负责人 */
  manager: string;
  /** 联系电话 */
  phone: string;
  /** 项目起止时间 as printed, e.g. `2024.1.1-2024.12.31` */
  period: string;
  /** 绩效自评评价年度 as printed, e.g. `2024年度`; empty prints `{year}年度`. */
  evaluationYear: string;
  fundKind: FundKind;
  funds: Record<FundSource, FundLine>;
  /** 年度目标 (晋城) / 项目提供的公共产品和服务的数量 (阳泉) */
  goal: string;
  /** 项目效果 (阳泉) */
  goalEffect: string;
  /** 实际完成情况 (晋城) */
  achieved: string;
  indicators: Indicator[];
  /** 一级 自评得分 typed per group (阳泉 scores 产出/效益/满意度 as a whole). */
  groupScores: Partial<Record<Level1Kind, Points>>;
  analysis: Record<AnalysisField, string>;
  evaluators: Evaluator[];
  /** 单位（盖章） */
  seal: string;
  /** 填报日期, `YYYY-MM-DD`, or '' when not filled. */
  filledOn: string;
  printed: PrintedFigures;
}

/** One row of the 评价指标评分表 of a 重点评价报告. */
export interface KeyIndicator {
  /** e.g. `A 政策制定` */
  level1: string;
  /** e.g. `A1 政策决策` */
  level2: string;
  /** e.g. `A101 政策出台必要性` */
  level3: string;
  weight: Points;
  score: Points | null;
  /** 指标解释说明, 标杆值, 评价标准, 数据来源, 完成情况 (free text, may be empty). */
  explanation: string;
  benchmark: string;
  criteria: string;
  source: string;
  result: string;
}

/** A heading of the report and the paragraphs under it (one per line of `text`). */
export interface KeySection {
  heading: string;
  /** 1 = 一、, 2 = （一）, 3 = 1、 */
  level: 1 | 2 | 3;
  text: string;
}

export interface KeyEvaluationReport {
  id: string;
  /** e.g. `2023 年度支持开发区建设发展专项资金项目重点评价报告` */
  title: string;
  /** The evaluated project, as 十（四） names it (`开发区考核奖励和基础设施建设`). */
  projectName: string;
  /** 涉及资金 */
  funds: Fen;
  fundKind: FundKind;
  sections: KeySection[];
  indicators: KeyIndicator[];
  /** The evaluation's conclusion sentence for 十（四）. */
  conclusion: string;
  printed: Pick<PrintedFigures, 'total' | 'grade'>;
}

export const GRADES = ['优', '良', '中', '差'] as const;
export type Grade = (typeof GRADES)[number];

/**
 * 预算执行 score: `linear` is 10 × min(执行率, 100%) (SPEC §6); `banded` gives fixed points from
 * a minimum 执行率 (basis points, 1/100 of a percent) upwards, as some provinces score it.
 */
export type BudgetScoreRule =
  | { kind: 'linear' }
  | { kind: 'banded'; bands: { minRateBp: number; score: Points }[] };

/** Which sum 十（四）“涉及资金” reports: seed 000 sums 年初预算, seed 002 sums 全年执行. */
export const FUNDS_BASES = ['initial', 'budget', 'spent'] as const;
export type FundsBasis = (typeof FUNDS_BASES)[number];

export interface EvaluationSettings {
  layout: Layout;
  budgetRule: BudgetScoreRule;
  /** Points of 预算执行 (10). */
  budgetWeight: Points;
  /** Lower bounds of 优, 良, 中 (90, 80, 60); below 中 is 差. */
  grades: { excellent: Points; good: Points; fair: Points };
  /** Weights of the 一级 groups (产出 50, 效益 30, 满意度 10). */
  weights: Record<Level1Kind, Points>;
  fundsBasis: FundsBasis;
}

export const DEFAULT_EVALUATION_SETTINGS: EvaluationSettings = {
  layout: '晋城',
  budgetRule: { kind: 'linear' },
  budgetWeight: 10_000,
  grades: { excellent: 90_000, good: 80_000, fair: 60_000 },
  weights: { output: 50_000, benefit: 30_000, satisfaction: 10_000 },
  fundsBasis: 'spent',
};

/** 第五部分 附件 of one year. */
export interface EvaluationSet {
  settings: EvaluationSettings;
  forms: SelfEvaluationForm[];
  keyReports: KeyEvaluationReport[];
}

export function emptyFundLine(): FundLine {
  return { declared: 0, initial: 0, budget: 0, spent: 0 };
}

export function emptyFunds(): Record<FundSource, FundLine> {
  return { central: emptyFundLine(), city: emptyFundLine(), county: emptyFundLine(), other: emptyFundLine() };
}

export function emptyIndicator(level1 = '', level2 = ''): Indicator {
  return { level1, level2, level3: '', targetInitial: '', target: '', actual: '', weight: null, score: null, deviation: '' };
}

export function emptyAnalysis(): Record<AnalysisField, string> {
  return { execution: '', output: '', benefit: '', satisfaction: '', experience: '', problems: '', improvements: '', conclusion: '' };
}

export function emptyForm(id: string, name = ''): SelfEvaluationForm {
  return {
    id,
    name,
    department: '',
    unit: '',
    manager: '',
    phone: '',
    period: '',
    evaluationYear: '',
    fundKind: '一般公共预算',
    funds: emptyFunds(),
    goal: '',
    goalEffect: '',
    achieved: '',
    indicators: [],
    groupScores: {},
    analysis: emptyAnalysis(),
    evaluators: [],
    seal: '',
    filledOn: '',
    printed: {},
  };
}

export function emptyEvaluationSet(): EvaluationSet {
  return { settings: structuredClone(DEFAULT_EVALUATION_SETTINGS), forms: [], keyReports: [] };
}

export function emptyKeyIndicator(): KeyIndicator {
  return { level1: '', level2: '', level3: '', weight: 0, score: null, explanation: '', benchmark: '', criteria: '', source: '', result: '' };
}

/** The parts of a 绩效评价报告 as the 财政部 template (财预〔2020〕10号) lists them: a new report's headings. */
export const KEY_REPORT_HEADINGS = ['一、基本情况', '二、绩效评价工作开展情况', '三、综合评价情况及评价结论', '四、绩效评价指标分析', '五、主要经验及做法、存在的问题及原因分析', '六、有关建议', '七、其他需要说明的问题'] as const;

/** A new 重点评价报告: the template's headings, no text, an empty 评分表. */
export function emptyKeyReport(id: string, title = ''): KeyEvaluationReport {
  return {
    id,
    title,
    projectName: '',
    funds: 0,
    fundKind: '一般公共预算',
    sections: KEY_REPORT_HEADINGS.map((heading) => ({ heading, level: 1, text: '' })),
    indicators: [],
    conclusion: '',
    printed: {},
  };
}

/** Ids of forms and reports: short, URL- and SQL-safe. */
export const ATTACHMENT_ID = /^[A-Za-z0-9_-]{1,40}$/u;

/** The first `{prefix}{n}` not taken. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
