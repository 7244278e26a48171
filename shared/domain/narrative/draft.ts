/**
 * 第三部分 情况说明, drafted from the derived tables: sections 一 … 十 as structured
 * paragraphs following the seeds' sentence patterns. Human parts (主要原因是…, 用于…) are
 * fields the officer fills in; a required field left empty is reported, never printed as
 * `主要原因是。`.
 */
import type { Catalogue } from '../catalogue';
import {
  COUNT_NAMES,
  type CountField,
  type Department,
  type FactRef,
  type PriorField,
  type Report,
  type StatsMoneyField,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_NAMES,
  type ThreePublicItem,
  VEHICLE_TYPE_NAMES,
  VEHICLE_TYPES,
} from '../model';
import type { EvaluationSet } from '../selfEvaluation/types';
import type { DerivedTables } from '../tables';
import { type Figure, figureCell, type SemanticFigures } from '../templates/figures';
import { figuresOf } from '../templates/figuresOf';
import { templateSections } from '../templates/sections';
import { change } from './figures';
import { performanceFromForms } from './performance';
import { priorLabel, type PriorFigures } from './prior';
import { cellSource as cell, evaluateSource, factSource, type FigureSource, figureText } from './sources';
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

  /** A figure, printed as its source evaluates (money, count or percentage). */
  fig(source: FigureSource): this {
    const v = this.ctx.evaluate(source);
    this.runs.push({ kind: 'figure', text: figureText(v, this.ctx.grouping), value: v.value, source });
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
  /** Thousands separators: one setting for tables and sentences. */
  readonly grouping: boolean;
  /** The year's figures by name (the template knows their cells). */
  readonly figures: SemanticFigures;
  constructor(readonly input: NarrativeInput) {
    this.year = input.report.year;
    this.grouping = input.report.settings.tableGrouping;
    this.figures = figuresOf(input.tables);
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

  evaluate(source: FigureSource) {
    return evaluateSource(source, this.input);
  }

  /** The printed value of a figure: 0.01 万元 units, a count, or basis points. */
  value(source: FigureSource): number {
    return this.evaluate(source).value;
  }

  /** Last year's figure as a source, or null when unknown. */
  prior(key: PriorField | `general/${string}`): FigureSource | null {
    const fen = this.input.prior.get(key);
    return fen === null ? null : { kind: 'prior', key, fen };
  }

  /** A typed count: printed as typed; not typed, a 待填写 figure (never 0). */
  count(p: Para, field: CountField): Para {
    if (this.input.report.stats.counts[field] === undefined) return p.missing({ kind: 'count', field }, COUNT_NAMES[field]);
    return p.fig(factSource({ kind: 'count', field }));
  }

  /**
   * Whether a clause of counts is printed: when the amount they back is not zero (the counts are
   * then required) or one of them was typed. Counts behind a zero amount that nobody typed are
   * left out rather than printed as 0.
   */
  countsClause(amount: FigureSource, fields: readonly CountField[]): boolean {
    return this.value(amount) !== 0 || fields.some((f) => this.input.report.stats.counts[f] !== undefined);
  }

  /** `part ÷ whole` as a share of a list, as the report's shareRounding setting says. */
  shares(parts: readonly FigureSource[], whole: FigureSource): FigureSource[] {
    if (this.input.report.settings.shareRounding === 'largestRemainder') {
      return parts.map((_, index): FigureSource => ({ kind: 'listShare', of: [...parts], index }));
    }
    return parts.map((part): FigureSource => ({ kind: 'share', of: [part, whole] }));
  }

  get listAll(): boolean {
    return this.input.report.settings.narrativeListStyle === 'all';
  }

  /**
   * Year-over-year clause: `{lead}增加X万元，增长p%`, `{lead}增加X万元` (last year zero),
   * or `{same}` when equal. Returns whether the figure changed (a reason is then required).
   */
  yoy(p: Para, current: FigureSource, key: PriorField | `general/${string}`, lead: string, same: string): boolean | null {
    const prior = this.prior(key);
    if (prior === null) {
      p.t(lead).missing({ kind: 'prior', key }, priorLabel(key, (code) => this.input.catalogue.functionalName(code)));
      return null;
    }
    const c = change(this.value(current), this.value(prior));
    if (c.direction === 'same') {
      p.t(same);
      return false;
    }
    const [more, rate] = CHANGE_WORDS[c.direction];
    const diff: FigureSource = { kind: 'difference', of: [current, prior] };
    p.t(`${lead}${more}`).fig(diff);
    p.t('万元');
    if (c.pct !== null) p.t(`，${rate}`).fig({ kind: 'ratio', of: [diff, prior] });
    return true;
  }

  /** `{a}万元，占比{p}%` items joined by `；` and closed by `。`; shares of the printed `total`. */
  shareList(items: readonly { label: string; source: FigureSource }[], total: FigureSource, paragraphs: Paragraph[]): void {
    const list = this.listAll ? items : items.filter((i) => this.value(i.source) !== 0);
    const shares = this.shares(
      list.map((i) => i.source),
      total,
    );
    list.forEach((item, k) => {
      const p = this.p().t(item.label).fig(item.source).t('万元');
      this.share(p, '，占比', shares[k]!, `${item.label}占比`);
      paragraphs.push(p.t(k === list.length - 1 ? '。' : '；').build());
    });
  }

  /**
   * `{lead}{share}`: printed when the part is within the whole (`0%` when both are 0); when the
   * part exceeds the whole, neither is printed and the share is withheld for N-SHARES to report.
   */
  share(p: Para, lead: string, source: FigureSource, label: string): void {
    if (source.kind === 'share') {
      const [part, whole] = source.of.map((s) => this.value(s)) as [number, number];
      if (part < 0 || part > whole) {
        p.runs.push({ kind: 'figure', text: '', source, withheld: label });
        return;
      }
    }
    p.t(lead).fig(source);
  }
}

// ---------------------------------------------------------------------------------------------

/** A figure printed in one cell, as the source of a printed number. */
/** A figure's source: its one cell, or the facts of a figure the template prints in no table. */
const one = (figure: Figure): FigureSource => (figure.cells.length === 0 && figure.facts ? factsSource(figure.facts) : cell(figureCell(figure)));

/** A figure summed from its cells (none, one or more), as the source of a printed number. */
const sumOf = (figure: Figure): FigureSource => (figure.cells.length === 0 && figure.facts ? factsSource(figure.facts) : { kind: 'sum', of: figure.cells.map(cell) });

function factsSource(facts: readonly FactRef[]): FigureSource {
  const [only, ...rest] = facts;
  return only !== undefined && rest.length === 0 ? factSource(only) : { kind: 'sum', of: facts.map(factSource) };
}

/** A row of 一般公共预算财政拨款支出 the narrative names; it must be printed. */
function generalRow(d: Drafter, code: string): Figure {
  const row = d.figures.general.row(code);
  if (!row) throw new Error(`一般公共预算财政拨款支出决算表没有科目 ${code}`);
  return row.subtotal;
}

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

/** `{lead}{field}。` when required or filled; otherwise just `。`. */
function reasonSentence(p: Para, key: string, required: boolean, lead: string): void {
  if (required || p.has(key)) p.t(lead).field(key, '变动的主要原因', required);
  p.t('。');
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

/** The rows 五（二）/（三） speak of: 类 rows of table 05, or 项 rows in the per-项 style. */
function generalRows(d: Drafter): { code: string; label: string }[] {
  const rows = d.figures.general.rows.filter((r) => (d.input.report.settings.narrativeDetail === '项' ? r.level === 3 : r.level === 1));
  return rows.map((r) => ({ code: r.code, label: detailLabel(d, r.code) }));
}

/** `一般公共服务支出` (类 style) or `一般公共服务支出（类）商贸事务（款）行政运行（项）`. */
function detailLabel(d: Drafter, code: string): string {
  const name = (c: string) => d.input.catalogue.functionalName(c) ?? c;
  if (code.length !== 7) return name(code);
  return `${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）`;
}

/** A typed budget of a row (年初预算 or 全年预算), or null when not typed. */
function budgetSource(d: Drafter, kind: 'initialBudget' | 'adjustedBudget', code: string): FigureSource | null {
  return d.input.report[kind][code] === undefined ? null : factSource({ kind, code });
}

function section5(d: Drafter): Section {
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

/** 机关运行经费: the figure, with last year's. */
function operatingCostParagraph(d: Drafter): Paragraph {
  const operating = sumOf(d.figures.operatingCost);
  const p1 = d.p().t(`${d.year}年机关运行经费支出`).fig(operating).t('万元，');
  const changed = d.yoy(p1, operating, 'operatingCost', `比${d.year - 1}年`, `与${d.year - 1}年相同`);
  if (changed === true || p1.has('n10.1.reason')) p1.t('，主要原因').field('n10.1.reason', '变动的主要原因', changed === true);
  return p1.t('。').build();
}

/** 政府采购: the total by kind and the shares awarded to 中小企业 and 小微企业. */
function procurementParagraph(d: Drafter): Paragraph {
  const total = one(d.figures.procurement.total);
  const p2 = d.p().t(`${d.year}年度政府采购支出总额`).fig(total).t('万元，其中：政府采购货物支出').fig(one(d.figures.procurement.goods))
    .t('万元、政府采购工程支出').fig(one(d.figures.procurement.works)).t('万元、政府采购服务支出').fig(one(d.figures.procurement.services)).t('万元。');
  const sme = factSource({ kind: 'stats', field: 'procurementSme' });
  const micro = factSource({ kind: 'stats', field: 'procurementMicro' });
  p2.t('政府采购授予中小企业合同金额').fig(sme).t('万元');
  d.share(p2, '，占政府采购支出总额的', { kind: 'share', of: [sme, total] }, '授予中小企业合同金额占政府采购支出总额的比例');
  p2.t('。其中：授予小微企业合同金额').fig(micro).t('万元');
  d.share(p2, '，占政府采购支出总额的', { kind: 'share', of: [micro, total] }, '授予小微企业合同金额占政府采购支出总额的比例');
  return p2.t('。').build();
}

/** 预算绩效: the work done (typed, or drafted from the forms or counts), a note, other matters. */
function performanceParagraphs(d: Drafter, numbered: boolean): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (numbered) paragraphs.push(d.heading(d.input.report.edition >= 2024 ? '1、预算绩效管理工作的开展情况' : '1、预算绩效管理工作开展情况'));
  paragraphs.push(performanceParagraph(d));
  if (d.text('n10.4.note')) paragraphs.push(d.p().field('n10.4.note', '附注', false).build());
  if (!numbered) return paragraphs;
  paragraphs.push(d.heading('2、其他需要说明的事项'));
  const other = d.p();
  if (other.has('n10.4.2')) other.field('n10.4.2', '其他需要说明的事项', false);
  else other.t('无');
  paragraphs.push(other.t('。').build());
  return paragraphs;
}

function section10(d: Drafter): Section {
  const paragraphs: Paragraph[] = [d.heading('（一）机关运行经费支出情况说明'), operatingCostParagraph(d)];
  paragraphs.push(d.heading('（二）政府采购情况说明'), procurementParagraph(d));
  paragraphs.push(d.heading('（三）国有资产占用情况说明'), assetsParagraph(d));
  paragraphs.push(d.heading('（四）预算绩效情况说明'), ...performanceParagraphs(d, true));
  return { id: 'n10', title: '十、其他重要事项情况说明', paragraphs };
}

/** 上海 十 预算绩效管理情况. */
function sectionPerformance(d: Drafter): Section {
  return { id: 'performance', title: '十、预算绩效管理情况说明', paragraphs: performanceParagraphs(d, false) };
}

/** 上海 十一 其他重要事项: 机关运行经费, 政府采购, 国有资产. */
function sectionOther(d: Drafter): Section {
  const paragraphs: Paragraph[] = [d.heading('（一）机关运行经费支出情况'), operatingCostParagraph(d)];
  paragraphs.push(d.heading('（二）政府采购支出情况'), procurementParagraph(d));
  paragraphs.push(d.heading('（三）国有资产占有使用情况'), assetsParagraph(d));
  return { id: 'other', title: '十一、其他重要事项的情况说明', paragraphs };
}

function assetsParagraph(d: Drafter): Paragraph {
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

/** The drafter of each section, by the section id a template lists. */
const DRAFTERS: Readonly<Record<string, (d: Drafter) => Section>> = {
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
  performance: sectionPerformance,
  other: sectionOther,
};

/** The sections of the report's template, in its order. */
export function draftNarrative(input: NarrativeInput): Section[] {
  const d = new Drafter(input);
  return templateSections(input.report.settings.template).map(({ id, title }) => {
    const draft = Object.hasOwn(DRAFTERS, id) ? DRAFTERS[id] : undefined;
    if (!draft) throw new Error(`情况说明没有第“${id}”节的起草规则`);
    // The template's heading (its number and wording: 上海 prints 三公 as 七, 政府性基金 as 八).
    return { ...draft(d), title };
  });
}

export { THREE_PUBLIC_NAMES };
