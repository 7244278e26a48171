/**
 * The disclosure model: a department and its report for one fiscal year, as typed facts.
 * Every amount is integer 分 (Fen). Everything printed in the ten tables is derived
 * from these facts by `deriveTables`.
 */
import { LIMITS } from './limits';
import { DEFAULT_TEMPLATE, isTemplateId, TEMPLATE_CHOICES, type TemplateId } from './templates/ids';
import { type Fen, normaliseWidth } from './money';

/** 单位性质 */
export const UNIT_KINDS = ['行政单位', '参公事业单位', '事业单位'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * A 下属单位 whose accounts the 部门决算 includes, with its 备注 as the 部门决算单位构成 table prints
 * it (`预算不单列，并入本级`, or empty).
 */
export interface SubordinateUnit {
  name: string;
  note: string;
}

export interface Department {
  name: string;
  unitKind: UnitKind;
  /** 下属单位, in the order the 部门决算单位构成 table lists them (after 本级). */
  subordinateUnits: SubordinateUnit[];
}

/** Most units a department lists, and the longest name and note (storage and requests check them). */
export const SUBORDINATE_UNIT_LIMITS = { count: LIMITS.subordinateUnits, nameLength: LIMITS.nameLength, noteLength: LIMITS.unitNoteLength } as const;

/**
 * 下属单位 from the free text older files and interchange documents hold: one unit per line, or
 * names separated by 、，；,; (`晋城市商贸流通产业促进中心、晋城市口岸服务中心`). `无` alone means none.
 */
export function parseSubordinateUnits(text: string): SubordinateUnit[] {
  const names = text
    .split(/[\r\n、，；,;]+/u)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 1 && /^(无|没有|无下属单位)$/u.test(names[0]!)) return [];
  return names.map((name) => ({ name, note: '' }));
}

/** 收入来源 (table 02 columns; the first three are 财政拨款 by fund). */
export const INCOME_SOURCES = [
  'generalBudget', // 一般公共预算财政拨款收入
  'govFund', // 政府性基金预算财政拨款收入
  'stateCapital', // 国有资本经营预算财政拨款收入
  'superior', // 上级补助收入
  'business', // 事业收入
  'operating', // 经营收入
  'affiliated', // 附属单位上缴收入
  'other', // 其他收入
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const INCOME_SOURCE_NAMES: Record<IncomeSource, string> = {
  generalBudget: '一般公共预算财政拨款收入',
  govFund: '政府性基金预算财政拨款收入',
  stateCapital: '国有资本经营预算财政拨款收入',
  superior: '上级补助收入',
  business: '事业收入',
  operating: '经营收入',
  affiliated: '附属单位上缴收入',
  other: '其他收入',
};

/** 支出性质 (table 03 columns 2–6). */
export const EXPENDITURE_KINDS = [
  'basic', // 基本支出
  'project', // 项目支出
  'remitUpper', // 上缴上级支出
  'operating', // 经营支出
  'affiliatedSubsidy', // 对附属单位补助支出
] as const;
export type ExpenditureKind = (typeof EXPENDITURE_KINDS)[number];

export const EXPENDITURE_KIND_NAMES: Record<ExpenditureKind, string> = {
  basic: '基本支出',
  project: '项目支出',
  remitUpper: '上缴上级支出',
  operating: '经营支出',
  affiliatedSubsidy: '对附属单位补助支出',
};

/** 财政拨款支出 split by fund and kind (tables 05, 07, 08). */
export const FISCAL_SPLITS = [
  'generalBasic', // 一般公共预算财政拨款 基本支出
  'generalProject', // 一般公共预算财政拨款 项目支出
  'govFundBasic', // 政府性基金预算财政拨款 基本支出
  'govFundProject', // 政府性基金预算财政拨款 项目支出
  'stateCapitalBasic', // 国有资本经营预算财政拨款 基本支出
  'stateCapitalProject', // 国有资本经营预算财政拨款 项目支出
] as const;
export type FiscalSplit = (typeof FISCAL_SPLITS)[number];

export const FISCAL_SPLIT_NAMES: Record<FiscalSplit, string> = {
  generalBasic: '一般公共预算财政拨款基本支出',
  generalProject: '一般公共预算财政拨款项目支出',
  govFundBasic: '政府性基金预算财政拨款基本支出',
  govFundProject: '政府性基金预算财政拨款项目支出',
  stateCapitalBasic: '国有资本经营预算财政拨款基本支出',
  stateCapitalProject: '国有资本经营预算财政拨款项目支出',
};

/** 政府性基金 carry-overs per 项 (table 07 columns 1 and 6). */
export const GOV_FUND_CARRY = ['govFundOpening', 'govFundClosing'] as const;
export type GovFundCarry = (typeof GOV_FUND_CARRY)[number];

export const GOV_FUND_CARRY_NAMES: Record<GovFundCarry, string> = {
  govFundOpening: '政府性基金年初结转和结余',
  govFundClosing: '政府性基金年末结转和结余',
};

/**
 * 国有资本经营 carry-overs per 项 (上海's 表9 columns 1 and 6). 山西 prints only their totals,
 * typed on 公开04表 lines 31 and 60 (`fiscalCarry`); the per-项 figures must add up to those.
 */
export const STATE_CAPITAL_CARRY = ['stateCapitalItemOpening', 'stateCapitalItemClosing'] as const;
export type StateCapitalCarry = (typeof STATE_CAPITAL_CARRY)[number];

export const STATE_CAPITAL_CARRY_NAMES: Record<StateCapitalCarry, string> = {
  stateCapitalItemOpening: '国有资本经营年初结转和结余',
  stateCapitalItemClosing: '国有资本经营年末结转和结余',
};

/** Carry-overs typed per 项. */
export const ITEM_CARRY = [...GOV_FUND_CARRY, ...STATE_CAPITAL_CARRY] as const;
export type ItemCarry = (typeof ITEM_CARRY)[number];
export const ITEM_CARRY_NAMES: Record<ItemCarry, string> = { ...GOV_FUND_CARRY_NAMES, ...STATE_CAPITAL_CARRY_NAMES };

/** Every amount field of one 项 row. */
export const ITEM_FIELDS = [
  ...INCOME_SOURCES.map((k) => `income.${k}` as const),
  ...EXPENDITURE_KINDS.map((k) => `expenditure.${k}` as const),
  ...FISCAL_SPLITS.map((k) => `fiscal.${k}` as const),
  ...ITEM_CARRY,
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** The typed facts of one 支出功能分类 项 (7-digit code). */
export interface ItemFacts {
  code: string;
  income: Record<IncomeSource, Fen>;
  expenditure: Record<ExpenditureKind, Fen>;
  fiscal: Record<FiscalSplit, Fen>;
  govFundOpening: Fen;
  govFundClosing: Fen;
  stateCapitalItemOpening: Fen;
  stateCapitalItemClosing: Fen;
}

/** 收入支出决算总表 carry-overs and 结余分配 (table 01 lines 28, 29, 59, 60). */
export const SUMMARY_FIELDS = [
  'nonFiscalSurplusUsed', // 28 使用非财政拨款结余（含专用结余）
  'openingBalance', // 29 年初结转和结余
  'surplusDistribution', // 59 结余分配
  'closingBalance', // 60 年末结转和结余
] as const;
export type SummaryField = (typeof SUMMARY_FIELDS)[number];

/** 财政拨款 carry-overs by fund (table 04 lines 29, 31, 60); 政府性基金 comes from table 07. */
export const FISCAL_CARRY_FIELDS = [
  'generalOpening', // 年初 一般公共预算财政拨款
  'generalClosing', // 年末 一般公共预算财政拨款
  'stateCapitalOpening', // 年初 国有资本经营预算财政拨款
  'stateCapitalClosing', // 年末 国有资本经营预算财政拨款
] as const;
export type FiscalCarryField = (typeof FISCAL_CARRY_FIELDS)[number];

/** “三公”经费 items (table 09). */
export const THREE_PUBLIC_ITEMS = [
  'abroad', // 因公出国（境）费
  'vehiclePurchase', // 公务用车购置费
  'vehicleOperation', // 公务用车运行维护费
  'reception', // 公务接待费
] as const;
export type ThreePublicItem = (typeof THREE_PUBLIC_ITEMS)[number];

export const THREE_PUBLIC_NAMES: Record<ThreePublicItem, string> = {
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};

export interface ThreePublic {
  /** 预算数: 全年预算 after adjustments. */
  budget: Record<ThreePublicItem, Fen>;
  /** 决算数 */
  actual: Record<ThreePublicItem, Fen>;
}

/** 车辆 by type (table 10 lines 8–15). */
export const VEHICLE_TYPES = [
  'ministerial', // 副部(省)级及以上领导用车
  'principal', // 主要负责人用车
  'confidential', // 机要通信用车
  'emergency', // 应急保障用车
  'enforcement', // 执法执勤用车
  'specialTechnical', // 特种专业技术用车
  'retiredService', // 离退休干部服务用车
  'other', // 其他用车
] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export const VEHICLE_TYPE_NAMES: Record<VehicleType, string> = {
  ministerial: '副部(省)级及以上领导用车',
  principal: '主要负责人用车',
  confidential: '机要通信用车',
  emergency: '应急保障用车',
  enforcement: '执法执勤用车',
  specialTechnical: '特种专业技术用车',
  retiredService: '离退休干部服务用车',
  other: '其他用车',
};

/**
 * Money fields of table 10 (部门决算公开相关信息统计表), the procurement figures of 十（二）, and
 * the amounts 上海's 十 预算绩效管理情况 and 十一（二） 政府采购 print.
 */
export const STATS_MONEY_FIELDS = [
  'procurementGoods', // 政府采购 货物
  'procurementWorks', // 政府采购 工程
  'procurementServices', // 政府采购 服务
  'procurementSme', // 授予中小企业合同金额
  'procurementMicro', // 其中：授予小微企业合同金额
  'receptionDomestic', // 国内公务接待费 (含外事接待)
  'receptionForeignAffairs', // 其中：外事接待费
  'receptionOverseas', // 国（境）外接待费
  'performanceFunds', // 绩效自评（评价）项目涉及资金
  'procurementSmeReserved', // 授予中小企业合同金额中，预留项目（面向中小企业预留份额）的金额
  'performanceTargetFunds', // 设定绩效目标的项目涉及资金
  'performanceTrackingFunds', // 开展绩效跟踪（运行监控）的项目涉及资金
] as const;
export type StatsMoneyField = (typeof STATS_MONEY_FIELDS)[number];

/**
 * The money fields added for 上海 (情况说明 十、十一). The facts hash covers them only when not
 * zero, so every year hashed before they existed keeps its hash.
 */
export const STATS_MONEY_FIELDS_SHANGHAI: readonly StatsMoneyField[] = ['procurementSmeReserved', 'performanceTargetFunds', 'performanceTrackingFunds'];

/** Whole-number facts the narrative prints (三公 counts, 绩效自评 counts). */
export const COUNT_FIELDS = [
  'abroadGroups', // 因公出国（境）团组数
  'abroadPeople', // 因公出国（境）人次
  'vehiclesPurchased', // 使用财政拨款购置公务用车数
  'vehiclesHeld', // 财政拨款负担的公务用车保有量
  'receptionBatches', // 公务接待批次
  'receptionPeople', // 公务接待人次
  'domesticBatches', // 国内接待批次
  'domesticPeople', // 国内接待人次
  'foreignAffairsBatches', // 外事接待批次
  'foreignAffairsPeople', // 外事接待人次
  'overseasBatches', // 国（境）外接待批次
  'overseasPeople', // 国（境）外接待人次
  'performanceProjects', // 绩效自评项目个数
  'performanceExcellent', // 自评等级“优”
  'performanceGood', // 自评等级“良”
  'performanceFair', // 自评等级“中”
  'performancePoor', // 自评等级“差”
  'performanceTargetProjects', // 设定绩效目标的项目个数
  'performanceTrackingProjects', // 开展绩效跟踪（运行监控）的项目个数
  'performanceAverageScore', // 绩效自评平均分, in hundredths of a point (93.45分 → 9345)
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];

/**
 * Counts held in hundredths (a score with two decimals: 平均分 93.45 → 9345), typed and printed as
 * the decimal, at most 100 points. Whole numbers like the other counts, so storage, the change log
 * and the facts hash treat them alike.
 */
export const SCORE_COUNTS: ReadonlySet<CountField> = new Set<CountField>(['performanceAverageScore']);
/** The largest score (100.00 points), in hundredths. */
export const SCORE_MAX_HUNDREDTHS = 10_000;

export function isScoreCount(field: CountField): boolean {
  return SCORE_COUNTS.has(field);
}

/**
 * A typed score: `93.45`, `９３．４５`, `93.45分` → 9345 (hundredths); blank → null (not typed).
 * At most two decimals, 0 to 100 points; otherwise a Chinese message.
 */
export function parseScore(text: string): { ok: true; value: number | null } | { ok: false; message: string } {
  const t = normaliseWidth(text).trim().replace(/\s+/gu, '').replace(/分$/u, '');
  if (t === '') return { ok: true, value: null };
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/u.exec(t);
  const value = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
  if (value === null || value > SCORE_MAX_HUNDREDTHS) return { ok: false, message: `“${text.trim()}”不是有效的分数：应为0至100之间、最多两位小数的数字，例如 93.45` };
  return { ok: true, value };
}

/** `9345` → `93.45`, `9250` → `92.5`, `10000` → `100` (trailing zeros dropped, as 总分 prints). */
export function scoreText(hundredths: number): string {
  const whole = Math.floor(hundredths / 100);
  const frac = String(hundredths % 100).padStart(2, '0').replace(/0+$/u, '');
  return `${whole}${frac ? `.${frac}` : ''}`;
}

/** What each count is, for messages and the list of what is still to fill in. */
export const COUNT_NAMES: Record<CountField, string> = {
  abroadGroups: '因公出国（境）团组数',
  abroadPeople: '因公出国（境）人次',
  vehiclesPurchased: '使用财政拨款购置公务用车数',
  vehiclesHeld: '财政拨款负担的公务用车保有量',
  receptionBatches: '公务接待批次',
  receptionPeople: '公务接待人次',
  domesticBatches: '国内接待批次',
  domesticPeople: '国内接待人次',
  foreignAffairsBatches: '外事接待批次',
  foreignAffairsPeople: '外事接待人次',
  overseasBatches: '国（境）外接待批次',
  overseasPeople: '国（境）外接待人次',
  performanceProjects: '绩效自评项目个数',
  performanceExcellent: '自评等级为“优”的项目个数',
  performanceGood: '自评等级为“良”的项目个数',
  performanceFair: '自评等级为“中”的项目个数',
  performancePoor: '自评等级为“差”的项目个数',
  performanceTargetProjects: '设定绩效目标的项目个数',
  performanceTrackingProjects: '开展绩效跟踪的项目个数',
  performanceAverageScore: '绩效自评平均分',
};

/**
 * Last year's figures the narrative compares with, typed when the file has no report for
 * last year. Per-row keys are `general/{code}` (一般公共预算财政拨款支出 of a 类 or 项).
 */
export const PRIOR_FIELDS = [
  'incomeTotal', // 收入总计 (表01 第31行)
  'expenditureTotal', // 支出总计 (表01 第62行)
  'fiscalIncomeTotal', // 财政拨款收入总计 (表04 第32行)
  'fiscalExpenditureTotal', // 财政拨款支出总计 (表04 第64行)
  'generalExpenditure', // 一般公共预算财政拨款支出 (表05 合计)
  'govFundIncomeTotal', // 政府性基金预算财政拨款收入总计
  'govFundExpenditureTotal', // 政府性基金预算财政拨款支出总计
  'stateCapitalExpenditure', // 国有资本经营预算财政拨款支出 (表08 合计)
  'threePublicTotal', // “三公”经费决算合计 (表09 第7栏)
  'threePublic.abroad',
  'threePublic.vehiclePurchase',
  'threePublic.vehicleOperation',
  'threePublic.reception',
  'operatingCost', // 机关运行经费
] as const;
export type PriorField = (typeof PRIOR_FIELDS)[number];

export function isPriorKey(key: string): boolean {
  return (PRIOR_FIELDS as readonly string[]).includes(key) || /^general\/\d{3}(\d{2}){0,2}$/.test(key);
}

/** The 支出功能分类 code of a per-row prior key (`general/2010301` → `2010301`), else null. */
export function priorKeyCode(key: string): string | null {
  return /^general\/(\d{3}(?:\d{2}){0,2})$/.exec(key)?.[1] ?? null;
}

export interface Stats {
  procurementGoods: Fen;
  procurementWorks: Fen;
  procurementServices: Fen;
  procurementSme: Fen;
  procurementMicro: Fen;
  receptionDomestic: Fen;
  receptionForeignAffairs: Fen;
  receptionOverseas: Fen;
  performanceFunds: Fen;
  procurementSmeReserved: Fen;
  performanceTargetFunds: Fen;
  performanceTrackingFunds: Fen;
  /** Counts the officer typed; an absent count has not been typed (待填写), which differs from 0. */
  counts: Partial<Record<CountField, number>>;
  /**
   * 机关运行经费 typed by the officer; null means "take table 06 公用经费合计"
   * (line 5 for 行政单位, line 6 for 参公事业单位).
   */
  operatingCostOverride: Fen | null;
  vehicles: Record<VehicleType, number>;
  /** 单价100万元(含)以上设备(不含车辆), 台（套）. */
  equipmentCount: number;
}

/** Per-report presentation choices (template differences between years and provinces). */
export interface ReportSettings {
  /** 部门决算公开 or 单位决算公开 on the cover. */
  packageKind: '部门' | '单位';
  /**
   * Thousands separators in every amount of the package: table cells, sentences, Word and Excel
   * (seed 000: yes; seed 002 prints none in its tables, though its narrative has them).
   */
  tableGrouping: boolean;
  /** The unit a user types amounts in by default. */
  inputUnit: '元' | '万元';
  /** 情况说明 lists: every source/kind/vehicle type incl. zeros (seed 000) or only non-zero ones (seed 002). */
  narrativeListStyle: 'all' | 'nonZero';
  /** 五（三）: per 类 (seeds) or per 项 (`…（类）…（款）…（项）`). */
  narrativeDetail: '类' | '项';
  /** 五（三）: ask for the reason where 决算 differs from 年初预算 (not printed in the seeds). */
  budgetVarianceReason: boolean;
  /**
   * 占比 in the narrative's lists: `each` rounds every share on its own, half up, from the printed
   * part and total, so whoever recomputes a share gets the printed figure (the list may then add
   * up to 99.99% or 100.01%); `largestRemainder` adjusts the shares to add up to exactly 100.00%.
   */
  shareRounding: 'each' | 'largestRemainder';
  /**
   * 模板: the province's package layout the year is published in (its tables, 情况说明 sections,
   * glossary and rules). Presentation only: the typed facts do not depend on it.
   */
  template: TemplateId;
}

type SettingRule<K extends keyof ReportSettings> = { valid: (v: unknown) => v is ReportSettings[K]; message: string };
const oneOf =
  <T extends string>(...values: T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (values as string[]).includes(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/** What each setting may hold; the one place settings are validated (file, interchange, IPC). */
export const SETTING_RULES: { [K in keyof ReportSettings]: SettingRule<K> } = {
  packageKind: { valid: oneOf('部门', '单位'), message: '公开类型应为“部门”或“单位”' },
  tableGrouping: { valid: isBoolean, message: '金额千分位应为 true 或 false' },
  inputUnit: { valid: oneOf('元', '万元'), message: '录入单位应为“元”或“万元”' },
  narrativeListStyle: { valid: oneOf('all', 'nonZero'), message: '情况说明列举方式应为“all”（列出全部，含零）或“nonZero”（只列非零项）' },
  narrativeDetail: { valid: oneOf('类', '项'), message: '情况说明五（三）应按“类”或“项”说明' },
  budgetVarianceReason: { valid: isBoolean, message: '是否说明决算与年初预算差异原因应为 true 或 false' },
  shareRounding: { valid: oneOf('each', 'largestRemainder'), message: '占比舍入方式应为“each”（各项分别四舍五入）或“largestRemainder”（最大余数法，合计100.00%）' },
  template: { valid: isTemplateId, message: `未知的模板，目前可选：${TEMPLATE_CHOICES}` },
};

/**
 * Reads settings from untrusted data: every known key that is present must be valid;
 * absent keys take the default. Unknown keys are reported.
 */
export function readSettings(value: unknown): { settings: ReportSettings; problems: { key: string; message: string }[] } {
  const settings: ReportSettings = { ...DEFAULT_SETTINGS };
  const problems: { key: string; message: string }[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { settings, problems: [{ key: '', message: '报表设置应为对象' }] };
  }
  const record = value as Record<string, unknown>;
  // Own keys only: `constructor`, `toString` or `__proto__` are not settings, whatever `in` says.
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(SETTING_RULES, key)) problems.push({ key, message: `未知的设置项“${key}”` });
  }
  const assign = <K extends keyof ReportSettings>(key: K) => {
    const v = Object.hasOwn(record, key) ? record[key] : undefined;
    if (v === undefined) return;
    const rule = SETTING_RULES[key];
    if (rule.valid(v)) settings[key] = v;
    else problems.push({ key, message: rule.message });
  };
  for (const key of Object.keys(SETTING_RULES) as (keyof ReportSettings)[]) assign(key);
  return { settings, problems };
}

export const DEFAULT_SETTINGS: ReportSettings = {
  packageKind: '部门',
  tableGrouping: true,
  inputUnit: '万元',
  narrativeListStyle: 'all',
  narrativeDetail: '类',
  budgetVarianceReason: true,
  shareRounding: 'each',
  template: DEFAULT_TEMPLATE,
};

export interface Report {
  year: number;
  /** The catalogue edition (year) whose codes and names this report uses. */
  edition: number;
  settings: ReportSettings;
  /** 项 rows, kept in code order. */
  items: ItemFacts[];
  /** 部门预算支出经济分类 款 → 一般公共预算财政拨款基本支出 (table 06). */
  economic: Record<string, Fen>;
  summary: Record<SummaryField, Fen>;
  fiscalCarry: Record<FiscalCarryField, Fen>;
  threePublic: ThreePublic;
  stats: Stats;
  /**
   * 年初预算 of 一般公共预算财政拨款支出 per 支出功能分类 code (类, or 项 in the per-项 style);
   * a code without an entry has not been typed yet.
   */
  initialBudget: Record<string, Fen>;
  /** 全年预算 (after adjustments) per code, needed where 年初预算 is 0. */
  adjustedBudget: Record<string, Fen>;
  /** Last year's figures typed by the officer (see PRIOR_FIELDS); absent = not typed. */
  prior: Record<string, Fen>;
  /** Free text fields used by later parts of the package (narrative, 概况, …), keyed by field id. */
  texts: Record<string, string>;
}

/** A code a user added to their file because the shipped catalogue lacks it. */
export interface CustomCode {
  catalogue: 'functional' | 'economic';
  code: string;
  name: string;
}

function zeroRecord<K extends string>(keys: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = 0;
  return out;
}

export function emptyItem(code: string): ItemFacts {
  return {
    code,
    income: zeroRecord(INCOME_SOURCES),
    expenditure: zeroRecord(EXPENDITURE_KINDS),
    fiscal: zeroRecord(FISCAL_SPLITS),
    govFundOpening: 0,
    govFundClosing: 0,
    stateCapitalItemOpening: 0,
    stateCapitalItemClosing: 0,
  };
}

export function emptyReport(year: number, edition = year): Report {
  return {
    year,
    edition,
    settings: { ...DEFAULT_SETTINGS },
    items: [],
    economic: {},
    summary: zeroRecord(SUMMARY_FIELDS),
    fiscalCarry: zeroRecord(FISCAL_CARRY_FIELDS),
    threePublic: { budget: zeroRecord(THREE_PUBLIC_ITEMS), actual: zeroRecord(THREE_PUBLIC_ITEMS) },
    stats: {
      procurementGoods: 0,
      procurementWorks: 0,
      procurementServices: 0,
      procurementSme: 0,
      procurementMicro: 0,
      receptionDomestic: 0,
      receptionForeignAffairs: 0,
      receptionOverseas: 0,
      performanceFunds: 0,
      procurementSmeReserved: 0,
      performanceTargetFunds: 0,
      performanceTrackingFunds: 0,
      counts: {},
      operatingCostOverride: null,
      vehicles: zeroRecord(VEHICLE_TYPES),
      equipmentCount: 0,
    },
    initialBudget: {},
    adjustedBudget: {},
    prior: {},
    texts: {},
  };
}

/**
 * One reader and one writer per item field, built once: getItemField/setItemField run for every
 * cell of every derivation, so they must not parse the field name on each call.
 */
type ItemFieldAccess = { get: (item: ItemFacts) => Fen; set: (item: ItemFacts, fen: Fen) => void };

const ITEM_FIELD_ACCESS: ReadonlyMap<string, ItemFieldAccess> = (() => {
  const access = new Map<string, ItemFieldAccess>();
  for (const k of INCOME_SOURCES) {
    access.set(`income.${k}`, { get: (item) => item.income[k], set: (item, fen) => void (item.income[k] = fen) });
  }
  for (const k of EXPENDITURE_KINDS) {
    access.set(`expenditure.${k}`, { get: (item) => item.expenditure[k], set: (item, fen) => void (item.expenditure[k] = fen) });
  }
  for (const k of FISCAL_SPLITS) {
    access.set(`fiscal.${k}`, { get: (item) => item.fiscal[k], set: (item, fen) => void (item.fiscal[k] = fen) });
  }
  for (const k of ITEM_CARRY) access.set(k, { get: (item) => item[k], set: (item, fen) => void (item[k] = fen) });
  return access;
})();

/** A field name not in ITEM_FIELDS (only reachable by casting): read it the way its prefix says. */
function fieldPath(field: string): [group: 'income' | 'expenditure' | 'fiscal', key: string] {
  const [group, key] = field.split('.') as [string, string];
  return [group === 'income' || group === 'expenditure' ? group : 'fiscal', key];
}

export function getItemField(item: ItemFacts, field: ItemField): Fen {
  const access = ITEM_FIELD_ACCESS.get(field);
  if (access) return access.get(item);
  const [group, key] = fieldPath(field);
  return (item[group] as Record<string, Fen>)[key] as Fen;
}

export function setItemField(item: ItemFacts, field: ItemField, fen: Fen): void {
  const access = ITEM_FIELD_ACCESS.get(field);
  if (access) {
    access.set(item, fen);
    return;
  }
  const [group, key] = fieldPath(field);
  (item[group] as Record<string, Fen>)[key] = fen;
}

export function isItemField(value: string): value is ItemField {
  return (ITEM_FIELDS as readonly string[]).includes(value);
}

export function itemHasData(item: ItemFacts): boolean {
  return ITEM_FIELDS.some((f) => getItemField(item, f) !== 0);
}

/**
 * Every editable amount of a report has a FactRef. The storage layer writes one at a time,
 * and derived input cells carry theirs so the screen can edit the right fact.
 */
export type FactRef =
  | { kind: 'item'; code: string; field: ItemField }
  | { kind: 'economic'; code: string }
  | { kind: 'summary'; field: SummaryField }
  | { kind: 'fiscalCarry'; field: FiscalCarryField }
  | { kind: 'threePublic'; side: 'budget' | 'actual'; item: ThreePublicItem }
  | { kind: 'stats'; field: StatsMoneyField }
  | { kind: 'operatingCost' }
  | { kind: 'vehicle'; type: VehicleType }
  | { kind: 'equipment' }
  | { kind: 'count'; field: CountField }
  | { kind: 'initialBudget'; code: string }
  | { kind: 'adjustedBudget'; code: string }
  | { kind: 'prior'; key: string };

export function factRefKey(ref: FactRef): string {
  switch (ref.kind) {
    case 'item':
      return `item/${ref.code}/${ref.field}`;
    case 'economic':
      return `economic/${ref.code}`;
    case 'summary':
      return `summary/${ref.field}`;
    case 'fiscalCarry':
      return `fiscalCarry/${ref.field}`;
    case 'threePublic':
      return `threePublic/${ref.side}/${ref.item}`;
    case 'stats':
      return `stats/${ref.field}`;
    case 'operatingCost':
      return 'stats/operatingCost';
    case 'vehicle':
      return `vehicles/${ref.type}`;
    case 'equipment':
      return 'stats/equipmentCount';
    case 'count':
      return `counts/${ref.field}`;
    case 'initialBudget':
      return `initialBudget/${ref.code}`;
    case 'adjustedBudget':
      return `adjustedBudget/${ref.code}`;
    case 'prior':
      return `prior/${ref.key}`;
  }
}

const oneOfKeys = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((v) => v === value);

/**
 * The FactRef a `factRefKey` string stands for, or null when it names nothing the model knows
 * (the change log stores facts by key; codes are checked for digits only).
 */
export function parseFactRefKey(key: string): FactRef | null {
  const [head, a, b, extra] = key.split('/');
  if (extra !== undefined && head !== 'prior') return null;
  const digits = (s: string | undefined): s is string => s !== undefined && /^\d+$/u.test(s);
  switch (head) {
    case 'item': {
      const field = b !== undefined && isItemField(b) ? b : undefined;
      return digits(a) && field ? { kind: 'item', code: a, field } : null;
    }
    case 'economic':
      return digits(a) && b === undefined ? { kind: 'economic', code: a } : null;
    case 'summary': {
      const field = oneOfKeys(SUMMARY_FIELDS, a);
      return field && b === undefined ? { kind: 'summary', field } : null;
    }
    case 'fiscalCarry': {
      const field = oneOfKeys(FISCAL_CARRY_FIELDS, a);
      return field && b === undefined ? { kind: 'fiscalCarry', field } : null;
    }
    case 'threePublic': {
      const side = oneOfKeys(['budget', 'actual'] as const, a);
      const item = oneOfKeys(THREE_PUBLIC_ITEMS, b);
      return side && item ? { kind: 'threePublic', side, item } : null;
    }
    case 'stats': {
      if (b !== undefined) return null;
      if (a === 'operatingCost') return { kind: 'operatingCost' };
      if (a === 'equipmentCount') return { kind: 'equipment' };
      const field = oneOfKeys(STATS_MONEY_FIELDS, a);
      return field ? { kind: 'stats', field } : null;
    }
    case 'vehicles': {
      const type = oneOfKeys(VEHICLE_TYPES, a);
      return type && b === undefined ? { kind: 'vehicle', type } : null;
    }
    case 'counts': {
      const field = oneOfKeys(COUNT_FIELDS, a);
      return field && b === undefined ? { kind: 'count', field } : null;
    }
    case 'initialBudget':
    case 'adjustedBudget':
      return digits(a) && b === undefined ? { kind: head, code: a } : null;
    case 'prior': {
      const priorKey = key.slice('prior/'.length);
      return isPriorKey(priorKey) ? { kind: 'prior', key: priorKey } : null;
    }
    default:
      return null;
  }
}

/** Facts whose absence differs from zero (a budget, a last-year figure or a count not typed yet). */
export function isOptionalFact(ref: FactRef): boolean {
  return ref.kind === 'operatingCost' || ref.kind === 'initialBudget' || ref.kind === 'adjustedBudget' || ref.kind === 'prior' || ref.kind === 'count';
}

/** Counts (vehicles, equipment) are whole numbers, not money. */
export function isCountFact(ref: FactRef): boolean {
  return ref.kind === 'vehicle' || ref.kind === 'equipment' || ref.kind === 'count';
}

/** Code order as `localeCompare` gives it (the order `report.items` is kept in); plain string order for all-digit codes. */
export function compareCodes(a: string, b: string): number {
  if (a === b) return 0;
  if (isDigits(a) && isDigits(b)) return a < b ? -1 : 1;
  return a.localeCompare(b);
}

function isDigits(s: string): boolean {
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The first index whose code sorts after `code` (items in code order). */
function upperBound(items: readonly ItemFacts[], code: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareCodes(items[mid]!.code, code) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The item with this code. Items are kept in code order (for all-digit codes that is plain string
 * order), so a binary search finds it; if that misses (codes out of order, or codes that are not
 * all digits) the array is searched in full before the item is reported missing. Codes are unique
 * (the interchange and the storage layer reject duplicates).
 */
function findItem(items: readonly ItemFacts[], code: string): ItemFacts | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = items[mid]!.code;
    if (c === code) {
      // The first of equal codes, as a linear search gives.
      let k = mid;
      while (k > 0 && items[k - 1]!.code === code) k--;
      return items[k];
    }
    if (c < code) lo = mid + 1;
    else hi = mid;
  }
  return items.find((i) => i.code === code);
}

/** Adds a new item in code order (as pushing it and sorting the array would). */
function insertItem(items: ItemFacts[], item: ItemFacts): void {
  for (let k = 1; k < items.length; k++) {
    if (compareCodes(items[k - 1]!.code, items[k]!.code) > 0) {
      items.push(item);
      items.sort((a, b) => a.code.localeCompare(b.code));
      return;
    }
  }
  items.splice(upperBound(items, item.code), 0, item);
}

/** Reads the stored value of a fact; null for an operating cost left to default. */
export function readFact(report: Report, ref: FactRef): number | null {
  switch (ref.kind) {
    case 'item': {
      const item = findItem(report.items, ref.code);
      return item ? getItemField(item, ref.field) : 0;
    }
    case 'economic':
      return report.economic[ref.code] ?? 0;
    case 'summary':
      return report.summary[ref.field];
    case 'fiscalCarry':
      return report.fiscalCarry[ref.field];
    case 'threePublic':
      return report.threePublic[ref.side][ref.item];
    case 'stats':
      return report.stats[ref.field];
    case 'operatingCost':
      return report.stats.operatingCostOverride;
    case 'vehicle':
      return report.stats.vehicles[ref.type];
    case 'equipment':
      return report.stats.equipmentCount;
    case 'count':
      return report.stats.counts[ref.field] ?? null;
    case 'initialBudget':
      return report.initialBudget[ref.code] ?? null;
    case 'adjustedBudget':
      return report.adjustedBudget[ref.code] ?? null;
    case 'prior':
      return report.prior[ref.key] ?? null;
  }
}

function setOptional(map: Record<string, Fen>, key: string, value: number | null): void {
  if (value === null) delete map[key];
  else map[key] = value;
}

/** Writes one fact in place (the caller owns the report object). Items are created on demand. */
export function writeFact(report: Report, ref: FactRef, value: number | null): void {
  switch (ref.kind) {
    case 'item': {
      let item = findItem(report.items, ref.code);
      if (!item) {
        item = emptyItem(ref.code);
        insertItem(report.items, item);
      }
      setItemField(item, ref.field, value ?? 0);
      return;
    }
    case 'economic':
      if (value) report.economic[ref.code] = value;
      else delete report.economic[ref.code];
      return;
    case 'summary':
      report.summary[ref.field] = value ?? 0;
      return;
    case 'fiscalCarry':
      report.fiscalCarry[ref.field] = value ?? 0;
      return;
    case 'threePublic':
      report.threePublic[ref.side][ref.item] = value ?? 0;
      return;
    case 'stats':
      report.stats[ref.field] = value ?? 0;
      return;
    case 'operatingCost':
      report.stats.operatingCostOverride = value;
      return;
    case 'vehicle':
      report.stats.vehicles[ref.type] = value ?? 0;
      return;
    case 'equipment':
      report.stats.equipmentCount = value ?? 0;
      return;
    case 'count':
      if (value === null) delete report.stats.counts[ref.field];
      else report.stats.counts[ref.field] = value;
      return;
    case 'initialBudget':
      setOptional(report.initialBudget, ref.code, value);
      return;
    case 'adjustedBudget':
      setOptional(report.adjustedBudget, ref.code, value);
      return;
    case 'prior':
      setOptional(report.prior, ref.key, value);
      return;
  }
}
