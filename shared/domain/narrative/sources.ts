/**
 * Where every printed figure of the narrative comes from (FigureSource), and its value.
 *
 * A figure is a table cell, a typed fact that has no cell in the ten tables (三公 counts, the
 * amounts granted to SMEs, budgets), last year's figure, or a computation on such figures
 * (a sum, a difference, a percentage). The drafter prints what `evaluateSource` gives; the check
 * N-FIGURE-SOURCE evaluates the same source again against the tables and facts and compares it
 * with the printed text, so a reader can recompute every number the narrative prints.
 *
 * Differences and percentages work on printed values (0.01 万元 units), as a reader with the
 * tables does; a sum adds the stored 分 and rounds once, as the tables' totals do (SPEC §2).
 * A cell id no table carries throws: it is a programming error, never a zero.
 */
import { type FactRef, factRefKey, isCountFact, isScoreCount, readFact, type Report, scoreText } from '../model';
import { FEN_PER_PRINTED_UNIT, toPrintedUnits } from '../money';
import { cellById, type CellId, type DerivedTables, tableOfCell } from '../tables/types';
import { largestRemainderShares, percentText, ratioBasisPoints, wanText } from './figures';

export type FigureSource =
  /** A cell of the ten tables: its printed value (money in 0.01 万元 units, counts as they are). */
  | { kind: 'cell'; id: CellId }
  /** A typed fact with no cell in the tables: its stored value (money rounded to 0.01 万元). */
  | { kind: 'fact'; fact: FactRef }
  /** Last year's figure (from last year's report or typed this year), in 分. */
  | { kind: 'prior'; key: string; fen: number }
  /** The sum of figures: stored 分 added, then rounded once (a total of typed budgets). */
  | { kind: 'sum'; of: FigureSource[] }
  /** |a − b| (a year-over-year change). */
  | { kind: 'difference'; of: [FigureSource, FigureSource] }
  /** a ÷ b as a percentage, half up (completion and growth rates; may exceed 100%). */
  | { kind: 'ratio'; of: [FigureSource, FigureSource] }
  /** part ÷ whole as a percentage, half up: a share (占比), which cannot exceed 100%; 0 of 0 is 0%. */
  | { kind: 'share'; of: [FigureSource, FigureSource] }
  /** Share `index` of a list, by largest remainder over the list's own sum (the shareRounding setting). */
  | { kind: 'listShare'; of: FigureSource[]; index: number }
  /**
   * A figure summed from the 附件 (项目支出绩效自评表: how many, their funds, the count per grade,
   * their average score): derived from the forms in the same pass, and checked there by the SE
   * rules, not against a table.
   */
  | { kind: 'forms'; what: string; value: number; format: 'money' | 'count' | 'score'; fen?: number };

export type FigureFormat = 'money' | 'count' | 'percent' | 'score';

/**
 * A figure's value: printed units for money, a count, basis points (1/100 %) for a percentage, or
 * hundredths of a point for a score (平均分).
 */
export interface FigureValue {
  value: number;
  format: FigureFormat;
  /** Money: the unrounded amount in 分 behind `value` (what a sum adds up). */
  fen?: number;
}

function money(fen: number): FigureValue {
  return { value: toPrintedUnits(fen), format: 'money', fen };
}

/** What a source is evaluated against: the derived tables and the typed facts. */
export interface SourceContext {
  tables: DerivedTables;
  report: Report;
}

function cellValue(ctx: SourceContext, id: CellId): FigureValue {
  const cell = cellById(tableOfCell(ctx.tables, id), id);
  if (!cell) throw new Error(`表格中没有单元格 ${id}`);
  const value = cell.value ?? 0;
  return cell.valueType === 'count' ? { value, format: 'count' } : money(value);
}

function factValue(ctx: SourceContext, fact: FactRef): FigureValue {
  const stored = readFact(ctx.report, fact);
  if (stored === null) throw new Error(`尚未填写：${factRefKey(fact)}`);
  if (fact.kind === 'count' && isScoreCount(fact.field)) return { value: stored, format: 'score' };
  return isCountFact(fact) ? { value: stored, format: 'count' } : money(stored);
}

function percent(a: FigureValue, b: FigureValue): FigureValue {
  if (b.value <= 0) throw new Error('百分比的分母为0');
  return { value: ratioBasisPoints(a.value, b.value), format: 'percent' };
}

/** The value of a figure; throws for a cell that does not exist or a fact not typed. */
export function evaluateSource(source: FigureSource, ctx: SourceContext): FigureValue {
  switch (source.kind) {
    case 'cell':
      return cellValue(ctx, source.id);
    case 'fact':
      return factValue(ctx, source.fact);
    case 'prior':
      return money(source.fen);
    case 'sum': {
      const parts = source.of.map((s) => evaluateSource(s, ctx));
      if (parts[0]?.format === 'count') return { value: parts.reduce((s, p) => s + p.value, 0), format: 'count' };
      return money(parts.reduce((s, p) => s + (p.fen ?? p.value * FEN_PER_PRINTED_UNIT), 0));
    }
    case 'difference': {
      const [a, b] = source.of.map((s) => evaluateSource(s, ctx)) as [FigureValue, FigureValue];
      return { value: Math.abs(a.value - b.value), format: a.format };
    }
    case 'ratio':
    case 'share': {
      const [a, b] = source.of.map((s) => evaluateSource(s, ctx)) as [FigureValue, FigureValue];
      if (source.kind === 'share' && a.value === 0 && b.value === 0) return { value: 0, format: 'percent' };
      return percent(a, b);
    }
    case 'listShare': {
      const parts = source.of.map((s) => evaluateSource(s, ctx).value);
      return { value: largestRemainderShares(parts)[source.index] ?? 0, format: 'percent' };
    }
    case 'forms':
      return source.fen === undefined ? { value: source.value, format: source.format } : { value: source.value, format: source.format, fen: source.fen };
  }
}

/** A figure as the narrative prints it: `2,384.38` (or `2384.38`), `0`, `3`, `83.41%`, `0%`, `93.45` (a score). */
export function figureText(v: FigureValue, grouping: boolean): string {
  switch (v.format) {
    case 'money':
      return wanText(v.value, grouping);
    case 'count':
      return String(v.value);
    case 'percent':
      return percentText(v.value);
    case 'score':
      return scoreText(v.value);
  }
}

/** Every table cell a source reads (for findings and for showing the cells on screen). */
export function sourceCells(source: FigureSource): CellId[] {
  switch (source.kind) {
    case 'cell':
      return [source.id];
    case 'fact':
    case 'prior':
    case 'forms':
      return [];
    case 'sum':
    case 'difference':
    case 'ratio':
    case 'share':
    case 'listShare':
      return source.of.flatMap(sourceCells);
  }
}

export const cellSource = (id: CellId): FigureSource => ({ kind: 'cell', id });
export const factSource = (fact: FactRef): FigureSource => ({ kind: 'fact', fact });
