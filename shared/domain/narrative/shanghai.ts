/**
 * 上海's 第三部分 情况说明 (SPEC §8), where its wording differs from 山西's: 五（三） per 项
 * against 年初预算, 七 “三公”经费 against 年初预算 with 公务用车购置及运行费 as one figure, 八/九
 * 收入支出 of 政府性基金 and 国有资本经营, 十 预算绩效管理情况 and 十一 其他重要事项 (机关运行
 * 经费, 政府采购 with the 预留项目 split, 国有资产). Sections 一 … 四 and 六 are 山西's words.
 *
 * Budget wording: every comparison is with 年初预算 (`年初预算为…万元，支出决算为…万元，完成年初
 * 预算的…%`); a 年初预算 of 0 prints no rate (`年初预算为0万元，支出决算为…万元`) and asks why the
 * 决算 exceeds it. Year-over-year changes from a zero base print the amount only (`change`), never
 * `增长100%`.
 */
import { type CountField, type FactRef, type StatsMoneyField, THREE_PUBLIC_NAMES, type ThreePublicItem } from '../model';
import type { Grade } from '../selfEvaluation';
import type { Figure } from '../templates/figures';
import { assetsParagraph, generalOverview, generalRows, operatingCostSentence, procurementParagraph } from './draft';
import { budgetSource, type Drafter, generalRow, one, type Para, reasonSentence } from './drafter';
import { standardGlossary } from './glossary';
import { evaluationFromForms } from './performance';
import { factSource, type FigureSource } from './sources';
import type { Paragraph, Section } from './types';

/** A budget to compare with: its source, or the typed fact that is still missing (待填写). */
type Budget = FigureSource | { missing: FactRef; label: string };

/**
 * `年初预算为B万元，支出决算为A万元[，完成年初预算的r]`, then, with a reason key and A ≠ B,
 * `。决算数大于|小于年初预算数的主要原因是{reason}`. Leaves the sentence open.
 */
function againstBudget(d: Drafter, p: Para, budget: Budget, actual: FigureSource, reasonKey?: string): Para {
  p.t('年初预算为');
  if ('missing' in budget) return p.missing(budget.missing, budget.label).t('万元，支出决算为').fig(actual).t('万元');
  p.fig(budget).t('万元，支出决算为').fig(actual).t('万元');
  const [b, a] = [d.value(budget), d.value(actual)];
  if (b > 0) p.t('，完成年初预算的').fig({ kind: 'ratio', of: [actual, budget] });
  if (reasonKey !== undefined && a !== b) p.t(`。决算数${a > b ? '大于' : '小于'}年初预算数的主要原因是`).field(reasonKey, '决算数与年初预算数差异的主要原因', true);
  return p;
}

// --- 五 ---------------------------------------------------------------------------------------

function section5(d: Drafter): Section {
  const general = one(d.figures.general.total.subtotal);
  const paragraphs = generalOverview(d);
  paragraphs.push(d.heading('（三）一般公共预算财政拨款支出决算具体情况'));
  const rows = generalRows(d);
  const budgets = rows.map((r) => budgetSource(d, 'initialBudget', r.code));
  const untyped = rows.find((_, k) => budgets[k] === null);
  // The total is the sum of the 项' budgets: it cannot be printed while one is missing.
  const total: Budget = untyped
    ? { missing: { kind: 'initialBudget', code: untyped.code }, label: '年初预算合计（各项年初预算未填齐）' }
    : { kind: 'sum', of: budgets.filter((b): b is FigureSource => b !== null) };
  paragraphs.push(againstBudget(d, d.p().t(`${d.year}年度一般公共预算财政拨款支出`), total, general).t('。').build());
  rows.forEach((row, k) => {
    const budget: Budget = budgets[k] ?? { missing: { kind: 'initialBudget', code: row.code }, label: `${row.label}年初预算` };
    const actual = one(generalRow(d, row.code));
    paragraphs.push(againstBudget(d, d.p().t(`${row.label}：`), budget, actual, `n5.3.${row.code}.budgetReason`).t('。').build());
  });
  return { id: 'n5', title: '五、一般公共预算财政拨款支出决算情况说明', paragraphs };
}

// --- 七 “三公”经费 -------------------------------------------------------------------------------

/** The 三公 columns 上海 speaks of: the three items, 公务用车 as one figure with its two parts. */
const VEHICLE_PARTS: readonly [ThreePublicItem, string][] = [
  ['vehiclePurchase', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行费'],
];

function threePublicBudget(d: Drafter): Paragraph[] {
  const { budget, actual } = d.figures.threePublic;
  const p = d.p().t(`${d.year}年度“三公”经费财政拨款支出`);
  againstBudget(d, p, one(budget.total), one(actual.total), 'n9.1.budgetReason').t('。');
  const q = d.p().t('其中：');
  const item = (name: string, b: Figure, a: Figure, last: string) => {
    q.t(`${name}年初预算为`).fig(one(b)).t('万元，支出决算为').fig(one(a)).t('万元');
    if (d.value(one(b)) > 0) q.t('，完成年初预算的').fig({ kind: 'ratio', of: [one(a), one(b)] });
    q.t(last);
  };
  item(THREE_PUBLIC_NAMES.abroad, budget.abroad, actual.abroad, '；');
  item('公务用车购置及运行费', budget.vehicleTotal, actual.vehicleTotal, '，其中：');
  VEHICLE_PARTS.forEach(([key, name], k) => {
    q.t(`${k > 0 ? '，' : ''}${name}年初预算为`).fig(one(budget[key])).t('万元，支出决算为').fig(one(actual[key])).t('万元');
  });
  q.t('；');
  item(THREE_PUBLIC_NAMES.reception, budget.reception, actual.reception, '。');
  return [p.build(), q.build()];
}

function threePublicDetail(d: Drafter): Paragraph[] {
  const { actual } = d.figures.threePublic;
  const paragraphs: Paragraph[] = [];
  const total = one(actual.total);
  const parts: [string, FigureSource][] = [
    [THREE_PUBLIC_NAMES.abroad, one(actual.abroad)],
    ['公务用车购置及运行费', one(actual.vehicleTotal)],
    [THREE_PUBLIC_NAMES.reception, one(actual.reception)],
  ];
  if (d.value(total) > 0) {
    const shares = d.shares(
      parts.map(([, s]) => s),
      total,
    );
    const p = d.p().t(`${d.year}年度“三公”经费财政拨款支出决算中，`);
    parts.forEach(([name, source], k) => {
      p.t(`${k > 0 ? '；' : ''}${name}支出决算`).fig(source).t('万元');
      d.share(p, '，占', shares[k]!, `${name}占“三公”经费的比例`);
    });
    paragraphs.push(p.t('。具体情况如下：').build());
  }
  /** `{lead}{field}` when the amount is not zero (required) or the officer wrote something. */
  const use = (p: Para, key: string, hint: string, amount: FigureSource): Para =>
    d.value(amount) > 0 || p.has(key) ? p.t('，主要用于').field(key, hint, d.value(amount) > 0) : p;
  const counts = (p: Para, amount: FigureSource, lead: string, fields: readonly [CountField, string][]): void => {
    if (!d.countsClause(amount, fields.map(([f]) => f))) return;
    p.t(lead);
    fields.forEach(([f, unit], k) => d.count(p.t(k > 0 ? '，' : ''), f).t(unit));
  };

  const abroad = one(actual.abroad);
  const p1 = d.p().t('1、因公出国（境）费支出').fig(abroad).t('万元');
  counts(p1, abroad, '，全年安排因公出国（境）团组', [
    ['abroadGroups', '个'],
    ['abroadPeople', '人次'],
  ]);
  paragraphs.push(use(p1, 'n9.2.abroad.use', '因公出国（境）的主要用途', abroad).t('。').build());

  const vehicles = one(actual.vehicleTotal);
  const purchase = one(actual.vehiclePurchase);
  const operation = one(actual.vehicleOperation);
  const p2 = d.p().t('2、公务用车购置及运行费支出').fig(vehicles).t('万元。其中：公务用车购置费支出').fig(purchase).t('万元');
  counts(p2, purchase, '，使用财政拨款购置公务用车', [['vehiclesPurchased', '辆']]);
  use(p2, 'n9.2.vehiclePurchase.use', '购置公务用车的主要用途', purchase).t('；公务用车运行费支出').fig(operation).t('万元');
  use(p2, 'n9.2.vehicleOperation.use', '运行费的主要用途', operation).t('。');
  if (d.countsClause(vehicles, ['vehiclesHeld'])) d.count(p2.t(`截至${d.year}年12月31日，使用财政拨款开支的公务用车保有量为`), 'vehiclesHeld').t('辆。');
  paragraphs.push(p2.build());

  const reception = one(actual.reception);
  const stat = (field: StatsMoneyField): FigureSource => factSource({ kind: 'stats', field });
  const [domestic, foreignAffairs, overseas] = [stat('receptionDomestic'), stat('receptionForeignAffairs'), stat('receptionOverseas')];
  const p3 = d.p().t('3、公务接待费支出').fig(reception).t('万元');
  counts(p3, reception, '，共接待', [
    ['receptionBatches', '批次'],
    ['receptionPeople', '人次'],
  ]);
  p3.t('。其中：国内公务接待费').fig(domestic).t('万元');
  counts(p3, domestic, '，接待', [
    ['domesticBatches', '批次'],
    ['domesticPeople', '人次'],
  ]);
  p3.t('（其中外事接待费').fig(foreignAffairs).t('万元');
  counts(p3, foreignAffairs, '，接待', [
    ['foreignAffairsBatches', '批次'],
    ['foreignAffairsPeople', '人次'],
  ]);
  p3.t('）');
  use(p3, 'n9.2.reception.domesticUse', '国内接待的主要内容', domestic).t('；国（境）外公务接待费').fig(overseas).t('万元');
  counts(p3, overseas, '，接待', [
    ['overseasBatches', '批次'],
    ['overseasPeople', '人次'],
  ]);
  paragraphs.push(use(p3, 'n9.2.reception.overseasUse', '国（境）外接待的主要内容', overseas).t('。').build());
  return paragraphs;
}

function section7(d: Drafter): Section {
  return {
    id: 'n9',
    title: '七、财政拨款“三公”经费支出决算情况说明',
    paragraphs: [
      d.heading('（一）“三公”经费财政拨款支出决算总体情况说明'),
      ...threePublicBudget(d),
      d.heading('（二）“三公”经费财政拨款支出决算具体情况说明'),
      ...threePublicDetail(d),
    ],
  };
}

// --- 八 政府性基金, 九 国有资本经营 --------------------------------------------------------------

interface FundFigures {
  name: string;
  opening: Figure;
  income: Figure;
  spending: Figure;
  closing: Figure;
}

/**
 * `{year}年度{name}收入总计X万元（年初结转和结余o万元，本年收入i万元），支出总计Y万元（本年支出s万元，
 * 年末结转和结余c万元）。`, or `本部门{year}年度无{name}收入和支出。` when all is 0 this year and last.
 */
function fundParagraph(d: Drafter, f: FundFigures, priorKeys: readonly Parameters<Drafter['prior']>[0][]): { p: Para; empty: boolean } {
  const [o, i, s, c] = [f.opening, f.income, f.spending, f.closing].map(one) as [FigureSource, FigureSource, FigureSource, FigureSource];
  const income: FigureSource = { kind: 'sum', of: [o, i] };
  const spending: FigureSource = { kind: 'sum', of: [s, c] };
  const priorZero = priorKeys.every((k) => {
    const prior = d.prior(k);
    return prior === null || d.value(prior) === 0;
  });
  if ([o, i, s, c].every((x) => d.value(x) === 0) && priorZero) {
    return { p: d.p().t(`本${d.input.report.settings.packageKind}${d.year}年度无${f.name}收入和支出。`), empty: true };
  }
  const p = d.p().t(`${d.year}年度${f.name}收入总计`).fig(income).t('万元（年初结转和结余').fig(o).t('万元，本年收入').fig(i);
  p.t('万元），支出总计').fig(spending).t('万元（本年支出').fig(s).t('万元，年末结转和结余').fig(c).t('万元）。与上年相比，');
  return { p, empty: false };
}

function section8(d: Drafter): Section {
  const title = '八、政府性基金预算财政拨款收入支出决算情况说明';
  const g = d.figures.govFund;
  const name = '政府性基金预算财政拨款';
  const { p, empty } = fundParagraph(d, { name, ...g }, ['govFundIncomeTotal', 'govFundExpenditureTotal']);
  if (!empty) {
    const income: FigureSource = { kind: 'sum', of: [one(g.opening), one(g.income)] };
    const spending: FigureSource = { kind: 'sum', of: [one(g.spending), one(g.closing)] };
    const a = d.yoy(p, income, 'govFundIncomeTotal', '收入总计', '收入总计与上年相同');
    p.t('，');
    const b = d.yoy(p, spending, 'govFundExpenditureTotal', '支出总计', '支出总计与上年相同');
    reasonSentence(p, 'n7.reason', a === true || b === true, '，主要原因是');
  }
  return { id: 'n7', title, paragraphs: [p.build()] };
}

function section9(d: Drafter): Section {
  const title = '九、国有资本经营预算财政拨款收入支出决算情况说明';
  const f = d.figures.fiscal;
  const figures = { opening: f.opening.stateCapital, income: f.income.stateCapital, spending: d.figures.stateCapital.expenditure, closing: f.closing.stateCapital };
  const { p, empty } = fundParagraph(d, { name: '国有资本经营预算财政拨款', ...figures }, ['stateCapitalExpenditure']);
  if (!empty) {
    const changed = d.yoy(p, one(figures.spending), 'stateCapitalExpenditure', '本年支出', '本年支出与上年相同');
    reasonSentence(p, 'n8.reason', changed === true, '，主要原因是');
  }
  return { id: 'n8', title, paragraphs: [p.build()] };
}

// --- 十 预算绩效管理情况 --------------------------------------------------------------------------

const GRADE_COUNTS: readonly [CountField, Grade][] = [
  ['performanceExcellent', '优'],
  ['performanceGood', '良'],
  ['performanceFair', '中'],
  ['performancePoor', '差'],
];

/** `对N个项目{what}，涉及资金F万元`: from typed facts; a count not typed is 待填写 (and its funds with it). */
function typedClause(d: Drafter, p: Para, count: CountField, funds: StatsMoneyField, what: string, fundsLabel: string): void {
  const typed = d.input.report.stats.counts[count] !== undefined;
  d.count(p.t('对'), count).t(`个项目${what}，涉及资金`);
  if (typed) p.fig(factSource({ kind: 'stats', field: funds }));
  else p.missing({ kind: 'stats', field: funds }, fundsLabel);
  p.t('万元');
}

/** The 绩效自评 clause from typed facts: count, funds, 平均分 and the count per grade; whether one is 中 or 差. */
function typedEvaluation(d: Drafter, p: Para): boolean {
  typedClause(d, p, 'performanceProjects', 'performanceFunds', '开展了绩效自评', '绩效自评项目涉及资金');
  const c = d.input.report.stats.counts;
  if ((c.performanceProjects ?? 0) === 0 && c.performanceProjects !== undefined) return false;
  d.count(p.t('，平均分'), 'performanceAverageScore').t('分');
  GRADE_COUNTS.filter(([field]) => (c[field] ?? 0) > 0).forEach(([field, grade], k) =>
    p.t(k === 0 ? '。其中：' : '，').fig(factSource({ kind: 'count', field })).t(`个项目自评等级为“${grade}”`),
  );
  return GRADE_COUNTS.slice(2).some(([field]) => (c[field] ?? 0) > 0);
}

function performanceParagraph(d: Drafter): Paragraph[] {
  const p = d.p();
  if (p.has('n10.4.1')) return [p.field('n10.4.1', '预算绩效管理工作开展情况', false).t('。').build()];
  p.t(`${d.year}年度，本${d.input.report.settings.packageKind}`);
  typedClause(d, p, 'performanceTargetProjects', 'performanceTargetFunds', '设定了绩效目标', '设定绩效目标的项目涉及资金');
  p.t('；');
  typedClause(d, p, 'performanceTrackingProjects', 'performanceTrackingFunds', '开展了绩效跟踪', '开展绩效跟踪的项目涉及资金');
  p.t('；');
  // With 自评表 in the file, the 评价 clause is drafted from them; the typed counts are for files without forms.
  const evaluation = d.input.evaluation;
  const weak = evaluation && evaluation.forms.length > 0 ? evaluationFromForms(d, p, evaluation) : typedEvaluation(d, p);
  const paragraphs = [p.t('。').build()];
  const problems = d.p();
  if (weak || problems.has('performance.problems')) {
    paragraphs.push(problems.t('绩效评价中发现的问题及整改情况：').field('performance.problems', '绩效评价发现的问题及整改情况', weak).t('。').build());
  }
  if (d.text('n10.4.note')) paragraphs.push(d.p().field('n10.4.note', '附注', false).build());
  return paragraphs;
}

function section10(d: Drafter): Section {
  return { id: 'performance', title: '十、预算绩效管理情况说明', paragraphs: performanceParagraph(d) };
}

// --- 十一 其他重要事项 --------------------------------------------------------------------------

/** 机关运行经费 is in no table of 上海's, nor in its 名词解释: the sentence says what it is. */
function operatingCostDefinition(edition: number): string {
  const term = standardGlossary(edition).find((t) => t.term === '机关运行经费');
  if (!term) throw new Error('名词解释缺少“机关运行经费”');
  return `机关运行经费${term.definition}`;
}

function section11(d: Drafter): Section {
  const operating = operatingCostSentence(d).t(operatingCostDefinition(d.input.report.edition)).build();
  return {
    id: 'other',
    title: '十一、其他重要事项情况说明',
    paragraphs: [
      d.heading('（一）机关运行经费支出情况'),
      operating,
      d.heading('（二）政府采购支出情况'),
      procurementParagraph(d, true),
      d.heading('（三）国有资产占有使用情况'),
      assetsParagraph(d),
    ],
  };
}

/** 上海's own sections by id (`n9` is 三公, printed as 七; `n7`/`n8` are 八/九); 一 … 四 and 六 are 山西's. */
export const SHANGHAI_DRAFTERS: Readonly<Record<string, (d: Drafter) => Section>> = {
  n5: section5,
  n9: section7,
  n7: section8,
  n8: section9,
  performance: section10,
  other: section11,
};
