/**
 * 第三部分 情况说明, drafted from the derived tables: sections 一 … 十 as structured
 * paragraphs following the seeds' sentence patterns. Human parts (主要原因是…, 用于…) are
 * fields the officer fills in; a required field left empty is reported, never printed as
 * `主要原因是。`.
 */
import type { Catalogue } from '../catalogue';
import {
  type Department,
  type FactRef,
  type PriorField,
  type Report,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_NAMES,
  type ThreePublicItem,
  VEHICLE_TYPE_NAMES,
  VEHICLE_TYPES,
} from '../model';
import type { EvaluationSet } from '../selfEvaluation/types';
import { type DerivedTables, valueById } from '../tables';
import { change, percentText, ratioBasisPoints, shares, units, wanText } from './figures';
import { performanceFromForms } from './performance';
import { priorLabel, type PriorFigures } from './prior';
import type { Paragraph, ParagraphStyle, Run, Section } from './types';

export interface NarrativeInput {
  department: Department;
  report: Report;
  tables: DerivedTables;
  prior: PriorFigures;
  catalogue: Catalogue;
  /** 第五部分 附件 of the year: when it holds forms, 十（四） is drafted from them. */
  evaluation?: EvaluationSet;
}

/** Builds one paragraph run by run. */
export class Para {
  readonly runs: Run[] = [];
  constructor(private readonly ctx: Drafter) {}

  t(text: string): this {
    const last = this.runs[this.runs.length - 1];
    if (last?.kind === 'text') last.text += text;
    else this.runs.push({ kind: 'text', text });
    return this;
  }

  /** A figure in printed units, with the cell it comes from. */
  fig(u: number, source?: string): this {
    this.runs.push(source ? { kind: 'figure', text: wanText(u), value: u, source } : { kind: 'figure', text: wanText(u), value: u });
    return this;
  }

  pct(bp: number, source?: string): this {
    this.runs.push(source ? { kind: 'figure', text: percentText(bp), source } : { kind: 'figure', text: percentText(bp) });
    return this;
  }

  count(n: number, source?: string): this {
    this.runs.push(source ? { kind: 'figure', text: String(n), value: n, source } : { kind: 'figure', text: String(n), value: n });
    return this;
  }

  missing(fact: FactRef, label: string): this {
    this.runs.push({ kind: 'figure', text: '', missing: { fact, label } });
    return this;
  }

  /** A user field; its trailing punctuation is dropped so the sentence supplies its own. */
  field(key: string, hint: string, required: boolean): this {
    this.runs.push({ kind: 'field', key, text: this.ctx.text(key), required, hint });
    return this;
  }

  /** Whether a field has text (for optional clauses). */
  has(key: string): boolean {
    return this.ctx.text(key) !== '';
  }

  build(style: ParagraphStyle = 'body'): Paragraph {
    return { style, runs: this.runs };
  }
}

const CHANGE_WORDS = { up: ['增加', '增长'], down: ['减少', '下降'] } as const;

export class Drafter {
  readonly year: number;
  constructor(readonly input: NarrativeInput) {
    this.year = input.report.year;
  }

  text(key: string): string {
    return (this.input.report.texts[key] ?? '').trim().replace(/[。；;，,\s]+$/u, '');
  }

  p(): Para {
    return new Para(this);
  }

  heading(text: string, style: ParagraphStyle = 'heading3'): Paragraph {
    return { style, runs: [{ kind: 'text', text }] };
  }

  cell(table: keyof DerivedTables, id: string): number {
    return units(valueById(this.input.tables[table], id));
  }

  priorUnits(key: PriorField | `general/${string}`): number | null {
    const fen = this.input.prior.get(key);
    return fen === null ? null : units(fen);
  }

  get listAll(): boolean {
    return this.input.report.settings.narrativeListStyle === 'all';
  }

  /**
   * Year-over-year clause: `{lead}增加X万元，增长p%`, `{lead}增加X万元` (last year zero),
   * or `{same}` when equal. Returns whether the figure changed (a reason is then required).
   */
  yoy(p: Para, current: number, key: PriorField | `general/${string}`, lead: string, same: string): boolean | null {
    const prior = this.priorUnits(key);
    if (prior === null) {
      p.t(lead).missing({ kind: 'prior', key }, priorLabel(key, (code) => this.input.catalogue.functionalName(code)));
      return null;
    }
    const c = change(current, prior);
    if (c.direction === 'same') {
      p.t(same);
      return false;
    }
    const [more, rate] = CHANGE_WORDS[c.direction];
    p.t(`${lead}${more}`).fig(c.diff);
    p.t('万元');
    if (c.pct !== null) p.t(`，${rate}`).pct(c.pct);
    return true;
  }

  /** `{a}万元，占比{p}%` items joined by `；` and closed by `。`. */
  shareList(items: readonly { label: string; units: number; source: string }[], paragraphs: Paragraph[]): void {
    const list = this.listAll ? items : items.filter((i) => i.units !== 0);
    const bp = shares(list.map((i) => i.units));
    list.forEach((item, k) => {
      const p = this.p().t(item.label).fig(item.units, item.source).t('万元，占比').pct(bp[k] ?? 0);
      paragraphs.push(p.t(k === list.length - 1 ? '。' : '；').build());
    });
  }
}

// ---------------------------------------------------------------------------------------------

function section1(d: Drafter): Section {
  const income = d.cell('01', '01.L31.amount');
  const spending = d.cell('01', '01.L62.amount');
  const p = d.p().t(`${d.year}年度收入总计`).fig(income, '01.L31.amount').t('万元，支出总计').fig(spending, '01.L62.amount').t('万元。与上年相比，');
  const a = d.yoy(p, income, 'incomeTotal', '收入总计', '收入总计与上年相同');
  p.t('，');
  const b = d.yoy(p, spending, 'expenditureTotal', '支出总计', '支出总计与上年相同');
  reasonSentence(p, 'n1.reason', a === true || b === true, '。主要原因是');
  return { id: 'n1', title: '一、收入支出决算总体情况说明', paragraphs: [p.build()] };
}

/** `{lead}{field}。` when required or filled; otherwise just `。`. */
function reasonSentence(p: Para, key: string, required: boolean, lead: string): void {
  if (required || p.has(key)) p.t(lead).field(key, '变动的主要原因', required);
  p.t('。');
}

function section2(d: Drafter): Section {
  const total = d.cell('01', '01.L27.amount');
  const paragraphs = [d.p().t(`${d.year}年度收入合计`).fig(total, '01.L27.amount').t('万元，其中：').build()];
  const fiscal = d.cell('02', '02.total.fiscal');
  d.shareList(
    [
      { label: '财政拨款收入', units: fiscal, source: '02.total.fiscal' },
      { label: '上级补助收入', units: d.cell('02', '02.total.superior'), source: '02.total.superior' },
      { label: '事业收入', units: d.cell('02', '02.total.business'), source: '02.total.business' },
      { label: '经营收入', units: d.cell('02', '02.total.operating'), source: '02.total.operating' },
      { label: '附属单位上缴收入', units: d.cell('02', '02.total.affiliated'), source: '02.total.affiliated' },
      { label: '其他收入', units: d.cell('02', '02.total.other'), source: '02.total.other' },
    ],
    paragraphs,
  );
  return { id: 'n2', title: '二、收入决算情况说明', paragraphs };
}

function section3(d: Drafter): Section {
  const total = d.cell('01', '01.L58.amount');
  const paragraphs = [d.p().t(`${d.year}年度支出合计`).fig(total, '01.L58.amount').t('万元，其中：').build()];
  const kinds = [
    ['基本支出', 'basic'],
    ['项目支出', 'project'],
    ['上缴上级支出', 'remitUpper'],
    ['经营支出', 'operating'],
    ['对附属单位补助支出', 'affiliatedSubsidy'],
  ] as const;
  d.shareList(
    kinds.map(([label, key]) => ({ label, units: d.cell('03', `03.total.${key}`), source: `03.total.${key}` })),
    paragraphs,
  );
  return { id: 'n3', title: '三、支出决算情况说明', paragraphs };
}

function section4(d: Drafter): Section {
  const income = d.cell('04', '04.L32.amount');
  const spending = d.cell('04', '04.L64.total');
  const p = d.p().t(`${d.year}年度财政拨款收入总计`).fig(income, '04.L32.amount').t('万元，支出总计').fig(spending, '04.L64.total').t('万元。与上年相比，');
  const a = d.yoy(p, income, 'fiscalIncomeTotal', '财政拨款收入总计', '财政拨款收入总计与上年相同');
  p.t('；');
  const b = d.yoy(p, spending, 'fiscalExpenditureTotal', '财政拨款支出总计', '财政拨款支出总计与上年相同');
  reasonSentence(p, 'n4.reason', a === true || b === true, '。主要原因是');
  return { id: 'n4', title: '四、财政拨款收支决算总体情况说明', paragraphs: [p.build()] };
}

/** The rows 五（二）/（三） speak of: 类 rows of table 05, or 项 rows in the per-项 style. */
function generalRows(d: Drafter): { code: string; label: string }[] {
  const rows = d.input.tables['05'].rows.filter((r) => (d.input.report.settings.narrativeDetail === '项' ? r.level === 3 : r.level === 1));
  return rows.map((r) => ({ code: r.key, label: detailLabel(d, r.key) }));
}

/** `一般公共服务支出` (类 style) or `一般公共服务支出（类）商贸事务（款）行政运行（项）`. */
function detailLabel(d: Drafter, code: string): string {
  const name = (c: string) => d.input.catalogue.functionalName(c) ?? c;
  if (code.length !== 7) return name(code);
  return `${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）`;
}

function section5(d: Drafter): Section {
  const general = d.cell('05', '05.total.subtotal');
  const spending = d.cell('01', '01.L58.amount');
  const paragraphs: Paragraph[] = [d.heading('（一）一般公共预算财政拨款支出决算总体情况')];

  const p1 = d.p().t(`${d.year}年一般公共预算财政拨款决算支出`).fig(general, '05.total.subtotal').t('万元，占本年支出合计的');
  p1.pct(spending > 0 ? ratioBasisPoints(general, spending) : 0).t('。与上年相比，');
  const changed = d.yoy(p1, general, 'generalExpenditure', '一般公共预算财政拨款支出', '一般公共预算财政拨款支出与上年相同');
  reasonSentence(p1, 'n5.1.reason', changed === true, '。主要原因是');
  paragraphs.push(p1.build());

  paragraphs.push(d.heading('（二）一般公共预算财政拨款支出决算结构情况'));
  paragraphs.push(d.p().t(`${d.year}年度一般公共预算财政拨款支出`).fig(general, '05.total.subtotal').t('万元，主要用于以下方面：').build());
  const classRows = d.input.tables['05'].rows.filter((r) => r.level === 1);
  const classShares = shares(classRows.map((r) => d.cell('05', `05.${r.key}.subtotal`)));
  classRows.forEach((r, k) => {
    const p = d.p().t(`${detailLabel(d, r.key)}（类）`).fig(d.cell('05', `05.${r.key}.subtotal`), `05.${r.key}.subtotal`).t('万元，占比').pct(classShares[k] ?? 0);
    paragraphs.push(p.t(k === classRows.length - 1 ? '。' : '；').build());
  });

  paragraphs.push(d.heading('（三）一般公共预算财政拨款支出决算具体情况'));
  const rows = generalRows(d);
  const budgets = rows.map((r) => d.input.report.initialBudget[r.code]);
  const intro = d.p().t(`${d.year}年度一般公共预算财政拨款支出年初预算`);
  const untyped = rows.filter((_, k) => budgets[k] === undefined);
  if (untyped.length > 0) {
    // The total is the sum of the rows' budgets: it cannot be printed while one is missing.
    intro.missing({ kind: 'initialBudget', code: untyped[0]?.code ?? '' }, '年初预算合计（各科目年初预算未填齐）').t('万元，支出决算').fig(general, '05.total.subtotal').t('万元。其中：');
  } else {
    const budgetTotal = units(budgets.reduce<number>((s, b) => s + (b ?? 0), 0));
    intro.fig(budgetTotal, '年初预算合计').t('万元，支出决算').fig(general, '05.total.subtotal').t('万元，');
    if (budgetTotal > 0) intro.t('完成年初预算的').pct(ratioBasisPoints(general, budgetTotal)).t('。其中：');
    else intro.t('年初预算为0。其中：');
  }
  paragraphs.push(intro.build());
  for (const row of rows) paragraphs.push(detailParagraph(d, row.code, row.label));
  return { id: 'n5', title: '五、一般公共预算财政拨款支出决算情况说明', paragraphs };
}

function detailParagraph(d: Drafter, code: string, label: string): Paragraph {
  const actual = d.cell('05', `05.${code}.subtotal`);
  const source = `05.${code}.subtotal`;
  const p = d.p().t(label);
  const initialFen = d.input.report.initialBudget[code];
  let base: 'initial' | 'adjusted' | null = null;
  let budget = 0;
  if (initialFen === undefined) {
    p.t('年初预算').missing({ kind: 'initialBudget', code }, `${label}年初预算`).t('万元，支出决算').fig(actual, source).t('万元，');
  } else if (initialFen > 0) {
    budget = units(initialFen);
    base = 'initial';
    p.t('年初预算').fig(budget).t('万元，支出决算').fig(actual, source).t('万元，完成年初预算的').pct(ratioBasisPoints(actual, budget)).t('，');
  } else {
    // 年初预算 of zero: compare with 全年预算 instead of printing a rate from a zero base.
    const adjusted = d.input.report.adjustedBudget[code];
    p.t('年初预算为0万元，全年预算');
    if (adjusted === undefined) p.missing({ kind: 'adjustedBudget', code }, `${label}全年预算`).t('万元，支出决算').fig(actual, source).t('万元，');
    else {
      budget = units(adjusted);
      base = 'adjusted';
      p.fig(budget).t('万元，支出决算').fig(actual, source).t('万元，');
      if (budget > 0) p.t('完成全年预算的').pct(ratioBasisPoints(actual, budget)).t('，');
    }
  }
  p.t('用于').field(`n5.3.${code}.use`, '资金主要用途', true).t('。');
  if (d.input.report.settings.budgetVarianceReason && base !== null && actual !== budget) {
    const word = actual > budget ? '大于' : '小于';
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
  const parts = classes
    .filter(([code]) => code.length === 3)
    .map(([code, name]) => ({ code, name, u: d.cell('06', `06.${code}.amount`) }))
    .filter((c) => c.u > 0);
  parts.forEach((c, k) => p.t(`${k > 0 ? '，' : ''}${c.name}`).fig(c.u, `06.${c.code}.amount`).t('万元'));
}

function section6(d: Drafter): Section {
  const basic = d.cell('05', '05.total.basic');
  const personnel = d.cell('06', '06.personnelTotal.amount');
  const office = d.cell('06', '06.publicTotal.amount');
  const paragraphs = [d.p().t(`${d.year}年度财政拨款基本支出`).fig(basic, '05.total.basic').t('万元，其中：').build()];
  const p1 = d.p().t('人员经费').fig(personnel, '06.personnelTotal.amount').t('万元，');
  economicSummary(d, p1, 'n6.personnel', d.input.catalogue.economicPersonnel);
  paragraphs.push(p1.t('；').build());
  const p2 = d.p().t('公用经费').fig(office, '06.publicTotal.amount').t('万元，');
  economicSummary(d, p2, 'n6.public', d.input.catalogue.economicPublic);
  paragraphs.push(p2.t('。').build());
  return { id: 'n6', title: '六、一般公共预算财政拨款基本支出决算情况说明', paragraphs };
}

function section7(d: Drafter): Section {
  const title = '七、政府性基金预算财政拨款收支决算情况说明';
  const income = d.cell('07', '07.total.opening') + d.cell('07', '07.total.income');
  const spending = d.cell('07', '07.total.subtotal') + d.cell('07', '07.total.closing');
  const priorIncome = d.priorUnits('govFundIncomeTotal');
  const priorSpending = d.priorUnits('govFundExpenditureTotal');
  if (income === 0 && spending === 0 && !priorIncome && !priorSpending) {
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
  const spending = d.cell('08', '08.total.total');
  if (spending === 0 && !d.priorUnits('stateCapitalExpenditure')) {
    return { id: 'n8', title, paragraphs: [d.p().t('本年度无此项支出。').build()] };
  }
  const p = d.p().t(`${d.year}年度国有资本经营预算财政拨款支出`).fig(spending, '08.total.total').t('万元。与上年相比，');
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
  const budget = d.cell('09', '09.budget.total');
  const actual = d.cell('09', '09.actual.total');
  const p = d.p().t(`${d.year}年度“三公”经费财政拨款支出全年预算`).fig(budget, '09.budget.total').t('万元，支出决算').fig(actual, '09.actual.total').t('万元，');
  if (budget > 0) p.t('完成全年预算的').pct(ratioBasisPoints(actual, budget)).t('，');
  const changed = d.yoy(p, actual, 'threePublicTotal', '比上年度', '与上年相同');
  if (changed === true || p.has('n9.1.reason')) p.t('，主要原因是：').field('n9.1.reason', '变动的主要原因', changed === true);
  paragraphs.push(p.t('。其中：').build());

  THREE_PUBLIC_ITEMS.forEach((item, k) => {
    const a = d.cell('09', `09.actual.${item}`);
    const b = d.cell('09', `09.budget.${item}`);
    const q = d.p().t(`${THREE_PUBLIC_SENTENCE_NAMES[item]}支出`).fig(a, `09.actual.${item}`).t('万元，');
    if (b > 0) q.t('完成全年预算的').pct(ratioBasisPoints(a, b)).t('，');
    const itemChanged = d.yoy(q, a, `threePublic.${item}`, '比上年度', '与上年相同');
    const key = `n9.1.${item}.reason`;
    if (itemChanged === true || q.has(key)) q.t('，主要原因是：').field(key, '变动的主要原因', itemChanged === true);
    paragraphs.push(q.t(k === THREE_PUBLIC_ITEMS.length - 1 ? '。' : '；').build());
  });

  paragraphs.push(d.heading('（二）“三公”经费财政拨款支出决算具体情况说明'));
  const c = d.input.report.stats.counts;
  const since2024 = d.input.report.edition >= 2024;
  const colon = since2024 ? '：' : '';
  /** `{lead}{field}` when the amount is not zero (required) or the officer wrote something. */
  const use = (p: Para, lead: string, key: string, hint: string, required: boolean): Para =>
    required || p.has(key) ? p.t(lead).field(key, hint, required) : p;
  const abroad = d.cell('09', '09.actual.abroad');
  const p1 = d.p().t('1、因公出国（境）费支出').fig(abroad, '09.actual.abroad').t(`万元，${since2024 ? '出国（境）团组' : '出国团组'}共`).count(c.abroadGroups)
    .t('个，').count(c.abroadPeople).t('人次');
  paragraphs.push(use(p1, '。主要用于：', 'n9.2.abroad.use', '因公出国（境）的主要用途', abroad > 0).t('。').build());
  const purchase = d.cell('09', '09.actual.vehiclePurchase');
  const p2 = d.p().t('2、公务用车购置支出').fig(purchase, '09.actual.vehiclePurchase').t('万元，使用财政拨款共购置公务用车').count(c.vehiclesPurchased).t('辆');
  paragraphs.push(use(p2, `，主要用于${colon}`, 'n9.2.vehiclePurchase.use', '购置公务用车的主要用途', purchase > 0).t('。').build());
  const operation = d.cell('09', '09.actual.vehicleOperation');
  const p3 = d.p().t('3、公务用车运行维护费支出').fig(operation, '09.actual.vehicleOperation').t('万元，使用财政拨款负担的公务用车保有量共').count(c.vehiclesHeld)
    .t(since2024 ? '辆' : '辆车');
  paragraphs.push(use(p3, '，主要用于：', 'n9.2.vehicleOperation.use', '运行维护费的主要用途', operation > 0).t('。').build());
  const reception = d.cell('09', '09.actual.reception');
  const s = d.input.report.stats;
  const p4 = d.p().t('4、公务接待费支出').fig(reception, '09.actual.reception').t('万元，共接待').count(c.receptionBatches).t('批次，').count(c.receptionPeople)
    .t('人次。国内接待费').fig(units(s.receptionDomestic)).t('万元，共接待').count(c.domesticBatches).t('批次，').count(c.domesticPeople)
    .t('人次，其中外事接待费').fig(units(s.receptionForeignAffairs)).t('万元，共接待').count(c.foreignAffairsBatches).t('批次，').count(c.foreignAffairsPeople)
    .t('人次');
  use(p4, '，主要是', 'n9.2.reception.domesticUse', '国内接待的主要内容', units(s.receptionDomestic) > 0);
  p4.t('；国（境）外接待费').fig(units(s.receptionOverseas)).t('万元，共接待国（境）外').count(c.overseasBatches).t('批次，').count(c.overseasPeople).t('人次');
  use(p4, '，主要是', 'n9.2.reception.overseasUse', '国（境）外接待的主要内容', units(s.receptionOverseas) > 0);
  paragraphs.push(p4.t('。').build());
  return { id: 'n9', title: '九、财政拨款“三公”经费支出决算情况说明', paragraphs };
}

function section10(d: Drafter): Section {
  const paragraphs: Paragraph[] = [d.heading('（一）机关运行经费支出情况说明')];
  const operating = d.cell('10', '10.L5.value') + d.cell('10', '10.L6.value');
  const p1 = d.p().t(`${d.year}年机关运行经费支出`).fig(operating, '表10 第5、6行').t('万元，');
  const changed = d.yoy(p1, operating, 'operatingCost', `比${d.year - 1}年`, `与${d.year - 1}年相同`);
  if (changed === true || p1.has('n10.1.reason')) p1.t('，主要原因').field('n10.1.reason', '变动的主要原因', changed === true);
  paragraphs.push(p1.t('。').build());

  paragraphs.push(d.heading('（二）政府采购情况说明'));
  const total = d.cell('10', '10.L1.value');
  const s = d.input.report.stats;
  const p2 = d.p().t(`${d.year}年度政府采购支出总额`).fig(total, '10.L1.value').t('万元，其中：政府采购货物支出').fig(d.cell('10', '10.L2.value'), '10.L2.value')
    .t('万元、政府采购工程支出').fig(d.cell('10', '10.L3.value'), '10.L3.value').t('万元、政府采购服务支出').fig(d.cell('10', '10.L4.value'), '10.L4.value').t('万元。');
  const sme = units(s.procurementSme);
  const micro = units(s.procurementMicro);
  p2.t('政府采购授予中小企业合同金额').fig(sme).t('万元，占政府采购支出总额的').pct(total > 0 ? ratioBasisPoints(sme, total) : 0);
  p2.t('。其中：授予小微企业合同金额').fig(micro).t('万元，占政府采购支出总额的').pct(total > 0 ? ratioBasisPoints(micro, total) : 0).t('。');
  paragraphs.push(p2.build());

  paragraphs.push(d.heading('（三）国有资产占用情况说明'));
  paragraphs.push(assetsParagraph(d));

  paragraphs.push(d.heading('（四）预算绩效情况说明'));
  paragraphs.push(d.heading(d.input.report.edition >= 2024 ? '1、预算绩效管理工作的开展情况' : '1、预算绩效管理工作开展情况'));
  paragraphs.push(performanceParagraph(d));
  if (d.text('n10.4.note')) paragraphs.push(d.p().field('n10.4.note', '附注', false).build());
  paragraphs.push(d.heading('2、其他需要说明的事项'));
  const other = d.p();
  if (other.has('n10.4.2')) other.field('n10.4.2', '其他需要说明的事项', false);
  else other.t('无');
  paragraphs.push(other.t('。').build());
  return { id: 'n10', title: '十、其他重要事项情况说明', paragraphs };
}

function assetsParagraph(d: Drafter): Paragraph {
  const { vehicles, equipmentCount } = d.input.report.stats;
  const total = VEHICLE_TYPES.reduce((s, t) => s + vehicles[t], 0);
  const p = d.p().t(`截至${d.year}年12月31日，本部门（单位）共有车辆`).count(total, '10.L7.value').t('辆');
  if (total > 0) {
    p.t('。其中：');
    const listed = VEHICLE_TYPES.filter((t) => t !== 'other' && (d.listAll || vehicles[t] > 0));
    listed.forEach((t, k) => p.t(`${k > 0 ? '、' : ''}${VEHICLE_TYPE_NAMES[t].replace('(', '（').replace(')', '）')}`).count(vehicles[t]).t('辆'));
    if (d.listAll || vehicles.other > 0) p.t(`${listed.length > 0 ? '，' : ''}其他用车`).count(vehicles.other).t('辆');
    if (vehicles.other > 0) p.t('，其他用车主要是').field('n10.3.otherVehicleUse', '其他用车的用途', true);
  }
  p.t(d.listAll && total > 0 ? '；' : '。').t('单价100万元（含）以上设备（不含车辆）').count(equipmentCount, '10.L17.value').t('台（套）。');
  return p.build();
}

function performanceParagraph(d: Drafter): Paragraph {
  const p = d.p();
  if (p.has('n10.4.1')) return p.field('n10.4.1', '预算绩效管理工作开展情况', false).t('。').build();
  // With 自评表 in the file, 十（四） is drafted from them; the typed counts are for files without forms.
  const evaluation = d.input.evaluation;
  if (evaluation && evaluation.forms.length > 0) return performanceFromForms(d, evaluation);
  const c = d.input.report.stats.counts;
  p.t(`${d.year}年二级项目绩效自评个数`).count(c.performanceProjects).t('个，涉及资金').fig(units(d.input.report.stats.performanceFunds)).t('万元');
  const grades = [
    [c.performanceExcellent, '优'],
    [c.performanceGood, '良'],
    [c.performanceFair, '中'],
    [c.performancePoor, '差'],
  ] as const;
  const present = grades.filter(([n]) => n > 0);
  present.forEach(([n, grade], k) => p.t(k === 0 ? '：' : '，').count(n).t(`个项目自评等级为“${grade}”`));
  return p.t('。').build();
}

export function draftNarrative(input: NarrativeInput): Section[] {
  const d = new Drafter(input);
  return [section1(d), section2(d), section3(d), section4(d), section5(d), section6(d), section7(d), section8(d), section9(d), section10(d)];
}

export { THREE_PUBLIC_NAMES };
