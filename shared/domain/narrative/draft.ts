/**
 * 第三部分 情况说明 of 山西's template, drafted from the semantic figures: sections 一 … 十 as
 * structured paragraphs following the seeds' sentence patterns, and the sections 上海 prints in
 * the same words (一 … 四, 六, 五（一）（二）, 国有资产). Human parts (主要原因是…, 用于…) are
 * fields the officer fills in; a required field left empty is reported, never printed as
 * `主要原因是。`.
 */
import {
  type CountField,
  type StatsMoneyField,
  THREE_PUBLIC_ITEMS,
  type ThreePublicItem,
  VEHICLE_TYPE_NAMES,
  VEHICLE_TYPES,
} from '../model';
import { narrativeDetailOf } from '../templates/conventions';
import { budgetSource, detailLabel, type Drafter, generalRow, one, type Para, reasonSentence, sumOf } from './drafter';
import { performanceFromForms } from './performance';
import { factSource, type FigureSource } from './sources';
import type { Paragraph, Section } from './types';

function section1(d: Drafter): Section {
  const income = one(d.figures.overview.incomeTotal);
  const spending = one(d.figures.overview.expenditureTotal);
  const p = d.p().t(`${d.year}年度收入总计`).fig(income).t('万元，支出总计').fig(spending).t('万元。与上年相比，');
  const a = d.yoy(p, income, 'incomeTotal', '收入总计', '收入总计与上年相同');
  p.t('，');
  const b = d.yoy(p, spending, 'expenditureTotal', '支出总计', '支出总计与上年相同');
  reasonSentence(p, 'n1.reason', a === true || b === true, '。主要原因是');
  return { id: 'n1', title: '一、收入支出决算总体情况说明', paragraphs: [p.build()] };
}


function section2(d: Drafter): Section {
  const total = one(d.figures.overview.incomeSum);
  const paragraphs = [d.p().t(`${d.year}年度收入合计`).fig(total).t('万元，其中：').build()];
  const sources = [
    ['财政拨款收入', 'fiscal'],
    ['上级补助收入', 'superior'],
    ['事业收入', 'business'],
    ['经营收入', 'operating'],
    ['附属单位上缴收入', 'affiliated'],
    ['其他收入', 'other'],
  ] as const;
  d.shareList(
    sources.map(([label, column]) => ({ label, source: one(d.figures.income[column]) })),
    total,
    paragraphs,
  );
  return { id: 'n2', title: '二、收入决算情况说明', paragraphs };
}

function section3(d: Drafter): Section {
  const total = one(d.figures.overview.expenditureSum);
  const paragraphs = [d.p().t(`${d.year}年度支出合计`).fig(total).t('万元，其中：').build()];
  const kinds = [
    ['基本支出', 'basic'],
    ['项目支出', 'project'],
    ['上缴上级支出', 'remitUpper'],
    ['经营支出', 'operating'],
    ['对附属单位补助支出', 'affiliatedSubsidy'],
  ] as const;
  d.shareList(
    kinds.map(([label, key]) => ({ label, source: one(d.figures.expenditure[key]) })),
    total,
    paragraphs,
  );
  return { id: 'n3', title: '三、支出决算情况说明', paragraphs };
}

function section4(d: Drafter): Section {
  const income = one(d.figures.fiscal.incomeTotal);
  const spending = one(d.figures.fiscal.expenditureTotal);
  const p = d.p().t(`${d.year}年度财政拨款收入总计`).fig(income).t('万元，支出总计').fig(spending).t('万元。与上年相比，');
  const a = d.yoy(p, income, 'fiscalIncomeTotal', '财政拨款收入总计', '财政拨款收入总计与上年相同');
  p.t('；');
  const b = d.yoy(p, spending, 'fiscalExpenditureTotal', '财政拨款支出总计', '财政拨款支出总计与上年相同');
  reasonSentence(p, 'n4.reason', a === true || b === true, '。主要原因是');
  return { id: 'n4', title: '四、财政拨款收支决算总体情况说明', paragraphs: [p.build()] };
}

/** The rows 五（三） speaks of: 类 rows of table 05, or 项 rows in the per-项 style (always so under 上海). */
export function generalRows(d: Drafter): { code: string; label: string }[] {
  const perItem = narrativeDetailOf(d.input.report.settings) === '项';
  const rows = d.figures.general.rows.filter((r) => (perItem ? r.level === 3 : r.level === 1));
  return rows.map((r) => ({ code: r.code, label: detailLabel(d, r.code) }));
}


/** 五（一） the total with its share and last year's, and 五（二） its structure by 类 (both templates). */
export function generalOverview(d: Drafter): Paragraph[] {
  const general = one(d.figures.general.total.subtotal);
  const spending = one(d.figures.overview.expenditureSum);
  const paragraphs: Paragraph[] = [d.heading('（一）一般公共预算财政拨款支出决算总体情况')];

  const p1 = d.p().t(`${d.year}年一般公共预算财政拨款决算支出`).fig(general).t('万元');
  d.share(p1, '，占本年支出合计的', { kind: 'share', of: [general, spending] }, '一般公共预算财政拨款支出占本年支出合计的比例');
  p1.t('。与上年相比，');
  const changed = d.yoy(p1, general, 'generalExpenditure', '一般公共预算财政拨款支出', '一般公共预算财政拨款支出与上年相同');
  reasonSentence(p1, 'n5.1.reason', changed === true, '。主要原因是');
  paragraphs.push(p1.build());

  paragraphs.push(d.heading('（二）一般公共预算财政拨款支出决算结构情况'));
  paragraphs.push(d.p().t(`${d.year}年度一般公共预算财政拨款支出`).fig(general).t('万元，主要用于以下方面：').build());
  const classRows = d.figures.general.rows.filter((r) => r.level === 1);
  const classSources = classRows.map((r) => one(r.subtotal));
  const classShares = d.shares(classSources, general);
  classRows.forEach((r, k) => {
    const p = d.p().t(`${detailLabel(d, r.code)}（类）`).fig(classSources[k]!).t('万元');
    d.share(p, '，占比', classShares[k]!, `${detailLabel(d, r.code)}占比`);
    paragraphs.push(p.t(k === classRows.length - 1 ? '。' : '；').build());
  });
  return paragraphs;
}

function section5(d: Drafter): Section {
  const general = one(d.figures.general.total.subtotal);
  const paragraphs = generalOverview(d);
  paragraphs.push(d.heading('（三）一般公共预算财政拨款支出决算具体情况'));
  paragraphs.push(budgetIntro(d, general));
  for (const row of generalRows(d)) paragraphs.push(detailParagraph(d, row.code, row.label));
  return { id: 'n5', title: '五、一般公共预算财政拨款支出决算情况说明', paragraphs };
}

/** 五（三）'s first sentence: the 年初预算 total (the sum of the rows'), or the 全年预算 total when it is 0. */
function budgetIntro(d: Drafter, general: FigureSource): Paragraph {
  const rows = generalRows(d);
  const intro = d.p().t(`${d.year}年度一般公共预算财政拨款支出年初预算`);
  const budgets = rows.map((r) => budgetSource(d, 'initialBudget', r.code));
  const untyped = rows.find((_, k) => budgets[k] === null);
  if (untyped) {
    // The total is the sum of the rows' budgets: it cannot be printed while one is missing.
    intro.missing({ kind: 'initialBudget', code: untyped.code }, '年初预算合计（各科目年初预算未填齐）').t('万元，支出决算').fig(general).t('万元。其中：');
    return intro.build();
  }
  const budgetTotal: FigureSource = { kind: 'sum', of: budgets.filter((b): b is FigureSource => b !== null) };
  if (d.value(budgetTotal) > 0) {
    intro.fig(budgetTotal).t('万元，支出决算').fig(general).t('万元，');
    intro.t('完成年初预算的').fig({ kind: 'ratio', of: [general, budgetTotal] }).t('。其中：');
    return intro.build();
  }
  // 年初预算 of zero: the total is worded as each row is, against 全年预算.
  const adjusted = rows.map((r) => budgetSource(d, 'adjustedBudget', r.code));
  const untypedAdjusted = rows.find((_, k) => adjusted[k] === null);
  intro.t('为0万元，全年预算');
  if (untypedAdjusted) {
    intro.missing({ kind: 'adjustedBudget', code: untypedAdjusted.code }, '全年预算合计（各科目全年预算未填齐）').t('万元，支出决算').fig(general).t('万元。其中：');
    return intro.build();
  }
  const adjustedTotal: FigureSource = { kind: 'sum', of: adjusted.filter((b): b is FigureSource => b !== null) };
  intro.fig(adjustedTotal).t('万元，支出决算').fig(general).t('万元');
  if (d.value(adjustedTotal) > 0) intro.t('，完成全年预算的').fig({ kind: 'ratio', of: [general, adjustedTotal] });
  return intro.t('。其中：').build();
}

function detailParagraph(d: Drafter, code: string, label: string): Paragraph {
  const actual = one(generalRow(d, code));
  const actualUnits = d.value(actual);
  const p = d.p().t(label);
  const initial = budgetSource(d, 'initialBudget', code);
  let base: 'initial' | 'adjusted' | null = null;
  let budget: FigureSource | null = null;
  if (initial === null) {
    p.t('年初预算').missing({ kind: 'initialBudget', code }, `${label}年初预算`).t('万元，支出决算').fig(actual).t('万元，');
  } else if (d.value(initial) > 0) {
    budget = initial;
    base = 'initial';
    p.t('年初预算').fig(initial).t('万元，支出决算').fig(actual).t('万元，完成年初预算的').fig({ kind: 'ratio', of: [actual, initial] }).t('，');
  } else {
    // 年初预算 of zero: compare with 全年预算 instead of printing a rate from a zero base.
    const adjusted = budgetSource(d, 'adjustedBudget', code);
    p.t('年初预算为0万元，全年预算');
    if (adjusted === null) p.missing({ kind: 'adjustedBudget', code }, `${label}全年预算`).t('万元，支出决算').fig(actual).t('万元，');
    else {
      budget = adjusted;
      base = 'adjusted';
      p.fig(adjusted).t('万元，支出决算').fig(actual).t('万元，');
      if (d.value(adjusted) > 0) p.t('完成全年预算的').fig({ kind: 'ratio', of: [actual, adjusted] }).t('，');
    }
  }
  p.t('用于').field(`n5.3.${code}.use`, '资金主要用途', true).t('。');
  if (d.input.report.settings.budgetVarianceReason && base !== null && budget !== null && actualUnits !== d.value(budget)) {
    const word = actualUnits > d.value(budget) ? '大于' : '小于';
    p.t(`决算数${word}${base === 'initial' ? '年初预算数' : '全年预算数'}的主要原因是`).field(`n5.3.${code}.budgetReason`, '决算与预算差异的原因', true).t('。');
  }
  const changed = d.yoy(p, actual, `general/${code}`, '较上年决算', '与上年决算相同');
  if (changed === true || p.has(`n5.3.${code}.reason`)) p.t('，主要原因是').field(`n5.3.${code}.reason`, '较上年变动的原因', changed === true);
  return p.t('。').build();
}

/** `主要包括{field}` or, when the officer left it empty, the main 经济分类 类 with amounts. */
function economicSummary(d: Drafter, p: Para, key: string, classes: readonly (readonly [string, string])[]): void {
  p.t('主要包括');
  if (p.has(key)) {
    p.field(key, '主要内容', false);
    return;
  }
  // A template may leave out 类 without figures (上海's 表6 lists only those that apply or have one).
  const parts = classes
    .filter(([code]) => code.length === 3)
    .flatMap(([code, name]) => {
      // A 类 the template's table does not list (上海's 表6 lists 301, 303 | 302, 310) or prints as ——.
      const figure = d.figures.economic.codeIfPrinted(code);
      return figure ? [{ name, source: one(figure) }] : [];
    })
    .filter((c) => d.value(c.source) > 0);
  parts.forEach((c, k) => p.t(`${k > 0 ? '，' : ''}${c.name}`).fig(c.source).t('万元'));
}

function section6(d: Drafter): Section {
  const paragraphs = [d.p().t(`${d.year}年度财政拨款基本支出`).fig(one(d.figures.general.total.basic)).t('万元，其中：').build()];
  const p1 = d.p().t('人员经费').fig(one(d.figures.economic.personnelTotal)).t('万元，');
  economicSummary(d, p1, 'n6.personnel', d.input.catalogue.economicPersonnel);
  paragraphs.push(p1.t('；').build());
  const p2 = d.p().t('公用经费').fig(one(d.figures.economic.publicTotal)).t('万元，');
  economicSummary(d, p2, 'n6.public', d.input.catalogue.economicPublic);
  paragraphs.push(p2.t('。').build());
  return { id: 'n6', title: '六、一般公共预算财政拨款基本支出决算情况说明', paragraphs };
}

function section7(d: Drafter): Section {
  const title = '七、政府性基金预算财政拨款收支决算情况说明';
  const income: FigureSource = { kind: 'sum', of: [one(d.figures.govFund.opening), one(d.figures.govFund.income)] };
  const spending: FigureSource = { kind: 'sum', of: [one(d.figures.govFund.spending), one(d.figures.govFund.closing)] };
  const priorIncome = d.prior('govFundIncomeTotal');
  const priorSpending = d.prior('govFundExpenditureTotal');
  const priorZero = (s: FigureSource | null) => s === null || d.value(s) === 0;
  if (d.value(income) === 0 && d.value(spending) === 0 && priorZero(priorIncome) && priorZero(priorSpending)) {
    return { id: 'n7', title, paragraphs: [d.p().t('本年度无此项支出。').build()] };
  }
  const p = d.p().t(`${d.year}年度政府性基金预算财政拨款收入总计`).fig(income).t('万元、支出总计').fig(spending).t('万元。与上年相比，');
  const a = d.yoy(p, income, 'govFundIncomeTotal', '政府性基金预算财政拨款收入总计', '政府性基金预算财政拨款收入总计与上年相同');
  p.t('，');
  const b = d.yoy(p, spending, 'govFundExpenditureTotal', '政府性基金预算财政拨款支出总计', '政府性基金预算财政拨款支出总计与上年相同');
  reasonSentence(p, 'n7.reason', a === true || b === true, '，主要原因是');
  return { id: 'n7', title, paragraphs: [p.build()] };
}

function section8(d: Drafter): Section {
  const title = '八、国有资本经营预算财政拨款支出决算情况说明';
  const spending = one(d.figures.stateCapital.expenditure);
  const prior = d.prior('stateCapitalExpenditure');
  if (d.value(spending) === 0 && (prior === null || d.value(prior) === 0)) {
    return { id: 'n8', title, paragraphs: [d.p().t('本年度无此项支出。').build()] };
  }
  const p = d.p().t(`${d.year}年度国有资本经营预算财政拨款支出`).fig(spending).t('万元。与上年相比，');
  const changed = d.yoy(p, spending, 'stateCapitalExpenditure', '国有资本经营预算财政拨款支出', '国有资本经营预算财政拨款支出与上年相同');
  reasonSentence(p, 'n8.reason', changed === true, '，主要原因是');
  return { id: 'n8', title, paragraphs: [p.build()] };
}

const THREE_PUBLIC_SENTENCE_NAMES: Record<ThreePublicItem, string> = {
  abroad: '因公出国（境）费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
  reception: '公务接待费',
};

function section9(d: Drafter): Section {
  const paragraphs: Paragraph[] = [d.heading('（一）“三公”经费财政拨款支出决算总体情况说明')];
  const budget = one(d.figures.threePublic.budget.total);
  const actual = one(d.figures.threePublic.actual.total);
  const p = d.p().t(`${d.year}年度“三公”经费财政拨款支出全年预算`).fig(budget).t('万元，支出决算').fig(actual).t('万元，');
  if (d.value(budget) > 0) p.t('完成全年预算的').fig({ kind: 'ratio', of: [actual, budget] }).t('，');
  const changed = d.yoy(p, actual, 'threePublicTotal', '比上年度', '与上年相同');
  if (changed === true || p.has('n9.1.reason')) p.t('，主要原因是：').field('n9.1.reason', '变动的主要原因', changed === true);
  paragraphs.push(p.t('。其中：').build());

  THREE_PUBLIC_ITEMS.forEach((item, k) => {
    const a = one(d.figures.threePublic.actual[item]);
    const b = one(d.figures.threePublic.budget[item]);
    const q = d.p().t(`${THREE_PUBLIC_SENTENCE_NAMES[item]}支出`).fig(a).t('万元，');
    if (d.value(b) > 0) q.t('完成全年预算的').fig({ kind: 'ratio', of: [a, b] }).t('，');
    const itemChanged = d.yoy(q, a, `threePublic.${item}`, '比上年度', '与上年相同');
    const key = `n9.1.${item}.reason`;
    if (itemChanged === true || q.has(key)) q.t('，主要原因是：').field(key, '变动的主要原因', itemChanged === true);
    paragraphs.push(q.t(k === THREE_PUBLIC_ITEMS.length - 1 ? '。' : '；').build());
  });

  paragraphs.push(d.heading('（二）“三公”经费财政拨款支出决算具体情况说明'));
  const since2024 = d.input.report.edition >= 2024;
  const colon = since2024 ? '：' : '';
  const stat = (field: StatsMoneyField): FigureSource => factSource({ kind: 'stats', field });
  /** `{lead}{field}` when the amount is not zero (required) or the officer wrote something. */
  const use = (p: Para, lead: string, key: string, hint: string, required: boolean): Para =>
    required || p.has(key) ? p.t(lead).field(key, hint, required) : p;
  /** `{lead}{batches}批次，{people}人次` when the clause is printed (see countsClause). */
  const batches = (p: Para, amount: FigureSource, lead: string, b: CountField, people: CountField): void => {
    if (!d.countsClause(amount, [b, people])) return;
    d.count(p.t(lead), b).t('批次，');
    d.count(p, people).t('人次');
  };
  const abroad = one(d.figures.threePublic.actual.abroad);
  const p1 = d.p().t('1、因公出国（境）费支出').fig(abroad).t('万元');
  if (d.countsClause(abroad, ['abroadGroups', 'abroadPeople'])) {
    d.count(p1.t(`，${since2024 ? '出国（境）团组' : '出国团组'}共`), 'abroadGroups').t('个，');
    d.count(p1, 'abroadPeople').t('人次');
  }
  paragraphs.push(use(p1, '。主要用于：', 'n9.2.abroad.use', '因公出国（境）的主要用途', d.value(abroad) > 0).t('。').build());
  const purchase = one(d.figures.threePublic.actual.vehiclePurchase);
  const p2 = d.p().t('2、公务用车购置支出').fig(purchase).t('万元');
  if (d.countsClause(purchase, ['vehiclesPurchased'])) d.count(p2.t('，使用财政拨款共购置公务用车'), 'vehiclesPurchased').t('辆');
  paragraphs.push(use(p2, `，主要用于${colon}`, 'n9.2.vehiclePurchase.use', '购置公务用车的主要用途', d.value(purchase) > 0).t('。').build());
  const operation = one(d.figures.threePublic.actual.vehicleOperation);
  const p3 = d.p().t('3、公务用车运行维护费支出').fig(operation).t('万元');
  if (d.countsClause(operation, ['vehiclesHeld'])) d.count(p3.t('，使用财政拨款负担的公务用车保有量共'), 'vehiclesHeld').t(since2024 ? '辆' : '辆车');
  paragraphs.push(use(p3, '，主要用于：', 'n9.2.vehicleOperation.use', '运行维护费的主要用途', d.value(operation) > 0).t('。').build());
  const reception = one(d.figures.threePublic.actual.reception);
  const domestic = stat('receptionDomestic');
  const foreignAffairs = stat('receptionForeignAffairs');
  const overseas = stat('receptionOverseas');
  const p4 = d.p().t('4、公务接待费支出').fig(reception).t('万元');
  batches(p4, reception, '，共接待', 'receptionBatches', 'receptionPeople');
  p4.t('。国内接待费').fig(domestic).t('万元');
  batches(p4, domestic, '，共接待', 'domesticBatches', 'domesticPeople');
  p4.t('，其中外事接待费').fig(foreignAffairs).t('万元');
  batches(p4, foreignAffairs, '，共接待', 'foreignAffairsBatches', 'foreignAffairsPeople');
  use(p4, '，主要是', 'n9.2.reception.domesticUse', '国内接待的主要内容', d.value(domestic) > 0);
  p4.t('；国（境）外接待费').fig(overseas).t('万元');
  batches(p4, overseas, '，共接待国（境）外', 'overseasBatches', 'overseasPeople');
  use(p4, '，主要是', 'n9.2.reception.overseasUse', '国（境）外接待的主要内容', d.value(overseas) > 0);
  paragraphs.push(p4.t('。').build());
  return { id: 'n9', title: '九、财政拨款“三公”经费支出决算情况说明', paragraphs };
}

/** 机关运行经费: the figure, with last year's (the sentence is left open for 上海 to add its definition). */
export function operatingCostSentence(d: Drafter): Para {
  const operating = sumOf(d.figures.operatingCost);
  const p1 = d.p().t(`${d.year}年机关运行经费支出`).fig(operating).t('万元，');
  const changed = d.yoy(p1, operating, 'operatingCost', `比${d.year - 1}年`, `与${d.year - 1}年相同`);
  if (changed === true || p1.has('n10.1.reason')) p1.t('，主要原因').field('n10.1.reason', '变动的主要原因', changed === true);
  return p1.t('。');
}

/**
 * 政府采购: the total by kind and the shares awarded to 中小企业 and 小微企业; with `reserved`
 * (上海), the 中小企业 amount split into 预留项目 and the others.
 */
export function procurementParagraph(d: Drafter, reserved = false): Paragraph {
  const total = one(d.figures.procurement.total);
  const p2 = d.p().t(`${d.year}年度政府采购支出总额`).fig(total).t('万元，其中：政府采购货物支出').fig(one(d.figures.procurement.goods))
    .t('万元、政府采购工程支出').fig(one(d.figures.procurement.works)).t('万元、政府采购服务支出').fig(one(d.figures.procurement.services)).t('万元。');
  const sme = factSource({ kind: 'stats', field: 'procurementSme' });
  const micro = factSource({ kind: 'stats', field: 'procurementMicro' });
  p2.t('政府采购授予中小企业合同金额').fig(sme).t('万元');
  d.share(p2, '，占政府采购支出总额的', { kind: 'share', of: [sme, total] }, '授予中小企业合同金额占政府采购支出总额的比例');
  // With the 预留 split (上海) the 小微企业 amount follows after a semicolon, not a second `其中`.
  const split = reserved && reservedSplit(d, p2, sme);
  p2.t(split ? '；其中，授予小微企业合同金额' : '。其中：授予小微企业合同金额').fig(micro).t('万元');
  d.share(p2, '，占政府采购支出总额的', { kind: 'share', of: [micro, total] }, '授予小微企业合同金额占政府采购支出总额的比例');
  return p2.t('。').build();
}

/**
 * `，其中：预留项目授予中小企业合同金额X万元，非预留项目授予中小企业合同金额Y万元` (Y = 中小企业 − 预留).
 * A 预留 amount above the 中小企业 amount has no such split: the clause is left out and the check
 * R-PROCUREMENT-SME reports the figures.
 */
function reservedSplit(d: Drafter, p: Para, sme: FigureSource): boolean {
  const reserved = factSource({ kind: 'stats', field: 'procurementSmeReserved' });
  const { procurementSme, procurementSmeReserved } = d.input.report.stats;
  if (procurementSmeReserved > procurementSme) return false;
  p.t('，其中：预留项目授予中小企业合同金额').fig(reserved).t('万元，非预留项目授予中小企业合同金额').fig({ kind: 'difference', of: [sme, reserved] }).t('万元');
  return true;
}

/** 预算绩效: the work done (typed, or drafted from the forms or counts), a note, other matters. */
function performanceParagraphs(d: Drafter): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  paragraphs.push(d.heading(d.input.report.edition >= 2024 ? '1、预算绩效管理工作的开展情况' : '1、预算绩效管理工作开展情况'));
  paragraphs.push(performanceParagraph(d));
  if (d.text('n10.4.note')) paragraphs.push(d.p().field('n10.4.note', '附注', false).build());
  paragraphs.push(d.heading('2、其他需要说明的事项'));
  const other = d.p();
  if (other.has('n10.4.2')) other.field('n10.4.2', '其他需要说明的事项', false);
  else other.t('无');
  paragraphs.push(other.t('。').build());
  return paragraphs;
}

function section10(d: Drafter): Section {
  const paragraphs: Paragraph[] = [d.heading('（一）机关运行经费支出情况说明'), operatingCostSentence(d).build()];
  paragraphs.push(d.heading('（二）政府采购情况说明'), procurementParagraph(d));
  paragraphs.push(d.heading('（三）国有资产占用情况说明'), assetsParagraph(d));
  paragraphs.push(d.heading('（四）预算绩效情况说明'), ...performanceParagraphs(d));
  return { id: 'n10', title: '十、其他重要事项情况说明', paragraphs };
}

/** 国有资产: vehicles by type and 单价100万元（含）以上设备 as of 12月31日 (both templates). */
export function assetsParagraph(d: Drafter): Paragraph {
  const { vehicles } = d.input.report.stats;
  const total = one(d.figures.vehicles.total);
  const p = d.p().t(`截至${d.year}年12月31日，本部门（单位）共有车辆`).fig(total).t('辆');
  if (d.value(total) > 0) {
    p.t('。其中：');
    const listed = VEHICLE_TYPES.filter((t) => t !== 'other' && (d.listAll || vehicles[t] > 0));
    listed.forEach((t, k) =>
      p.t(`${k > 0 ? '、' : ''}${VEHICLE_TYPE_NAMES[t].replace('(', '（').replace(')', '）')}`).fig(one(d.figures.vehicles.byType[t])).t('辆'),
    );
    if (d.listAll || vehicles.other > 0) p.t(`${listed.length > 0 ? '，' : ''}其他用车`).fig(one(d.figures.vehicles.byType.other)).t('辆');
    if (vehicles.other > 0) p.t('，其他用车主要是').field('n10.3.otherVehicleUse', '其他用车的用途', true);
  }
  p.t(d.listAll && d.value(total) > 0 ? '；' : '。').t('单价100万元（含）以上设备（不含车辆）').fig(one(d.figures.equipment)).t('台（套）。');
  return p.build();
}

function performanceParagraph(d: Drafter): Paragraph {
  const p = d.p();
  if (p.has('n10.4.1')) return p.field('n10.4.1', '预算绩效管理工作开展情况', false).t('。').build();
  // With 自评表 in the file, 十（四） is drafted from them; the typed counts are for files without forms.
  const evaluation = d.input.evaluation;
  if (evaluation && evaluation.forms.length > 0) return performanceFromForms(d, evaluation);
  const c = d.input.report.stats.counts;
  const count = (field: CountField): FigureSource => factSource({ kind: 'count', field });
  d.count(p.t(`${d.year}年二级项目绩效自评个数`), 'performanceProjects').t('个，涉及资金').fig(factSource({ kind: 'stats', field: 'performanceFunds' })).t('万元');
  const grades = [
    ['performanceExcellent', '优'],
    ['performanceGood', '良'],
    ['performanceFair', '中'],
    ['performancePoor', '差'],
  ] as const;
  const present = grades.filter(([field]) => (c[field] ?? 0) > 0);
  present.forEach(([field, grade], k) => p.t(k === 0 ? '：' : '，').fig(count(field)).t(`个项目自评等级为“${grade}”`));
  return p.t('。').build();
}

/** 山西's sections by id (上海 shares 一 … 四 and 六). */
export const SHANXI_DRAFTERS: Readonly<Record<string, (d: Drafter) => Section>> = {
  n1: section1,
  n2: section2,
  n3: section3,
  n4: section4,
  n5: section5,
  n6: section6,
  n7: section7,
  n8: section8,
  n9: section9,
  n10: section10,
};
