/**
 * The drafting machinery every template's 情况说明 shares: a paragraph built run by run (`Para`),
 * the drafter of a year (`Drafter`: its figures by name, last year's figures, the user fields,
 * year-over-year clauses, shares, typed counts), and the small helpers that turn a semantic figure
 * into the source of a printed number. The sections themselves are in `draft.ts` (山西, and the
 * sections both templates share) and `shanghai.ts` (上海).
 */
import type { Catalogue } from '../catalogue';
import { COUNT_NAMES, type CountField, type Department, type FactRef, type PriorField, type Report } from '../model';
import type { EvaluationSet } from '../selfEvaluation/types';
import type { DerivedTables } from '../tables';
import { amountGrouping } from '../templates/conventions';
import { type Figure, figureCell, type SemanticFigures } from '../templates/figures';
import { figuresOf } from '../templates/figuresOf';
import { change } from './figures';
import { priorLabel, type PriorFigures } from './prior';
import { cellSource as cell, evaluateSource, factSource, type FigureSource, figureText } from './sources';
import type { Paragraph, ParagraphStyle, Run } from './types';

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
    this.grouping = amountGrouping(input.report.settings);
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

/** A figure's source: its one cell, or the facts of a figure the template prints in no table. */
export const one = (figure: Figure): FigureSource => (figure.cells.length === 0 && figure.facts ? factsSource(figure.facts) : cell(figureCell(figure)));

/** A figure summed from its cells (none, one or more), as the source of a printed number. */
export const sumOf = (figure: Figure): FigureSource => (figure.cells.length === 0 && figure.facts ? factsSource(figure.facts) : { kind: 'sum', of: figure.cells.map(cell) });

function factsSource(facts: readonly FactRef[]): FigureSource {
  const [only, ...rest] = facts;
  return only !== undefined && rest.length === 0 ? factSource(only) : { kind: 'sum', of: facts.map(factSource) };
}

/** A row of 一般公共预算财政拨款支出 the narrative names; it must be printed. */
export function generalRow(d: Drafter, code: string): Figure {
  const row = d.figures.general.row(code);
  if (!row) throw new Error(`一般公共预算财政拨款支出决算表没有科目 ${code}`);
  return row.subtotal;
}

/** `{lead}{field}。` when required or filled; otherwise just `。`. */
export function reasonSentence(p: Para, key: string, required: boolean, lead: string): void {
  if (required || p.has(key)) p.t(lead).field(key, '变动的主要原因', required);
  p.t('。');
}

/** `一般公共服务支出` (类 style) or `一般公共服务支出（类）商贸事务（款）行政运行（项）`. */
export function detailLabel(d: Drafter, code: string): string {
  const name = (c: string) => d.input.catalogue.functionalName(c) ?? c;
  if (code.length !== 7) return name(code);
  return `${name(code.slice(0, 3))}（类）${name(code.slice(0, 5))}（款）${name(code)}（项）`;
}

/** A typed budget of a row (年初预算 or 全年预算), or null when not typed. */
export function budgetSource(d: Drafter, kind: 'initialBudget' | 'adjustedBudget', code: string): FigureSource | null {
  return d.input.report[kind][code] === undefined ? null : factSource({ kind, code });
}
