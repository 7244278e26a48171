/**
 * Two years side by side: every line of the ten tables with 本年 / 上年 / 增减额 / 增减率, lines
 * matched by their key (a 科目 code, with codes replaced between catalogue editions mapped),
 * lines of one year only marked as such, the 情况说明 figures, a threshold that marks the changes
 * the narrative must explain, and for each change the narrative field that explains it.
 *
 * Figures are compared as printed (0.01 万元 units; counts as counts), with the narrative's own
 * rules (`change` of narrative/figures.ts): a rate from a zero or negative base is not computed,
 * and rates are half-up to 0.01%. So the comparison and the YoY sentences cannot disagree.
 *
 * Nothing here knows a table's layout: lines come from cell ids (lines.ts), links from the
 * drafted narrative's figure sources (narrativeLinks.ts).
 */
import { change } from '../narrative/figures';
import type { PriorFigures, PriorKey } from '../narrative/prior';
import { figureCells, figureLabel, figureValue } from '../narrative/prior';
import type { Section } from '../narrative/types';
import { PRIOR_FIELDS, type Report } from '../model';
import { toPrintedUnits } from '../money';
import { type CellId, type DerivedTables, type TableId, type ValueType, tableIn, tableList } from '../tables/types';
import { figuresOf } from '../templates/figuresOf';
import { type LineFigure, tableLines, type TableLine } from './lines';
import { indexNarrative, linkFor, type NarrativeLink } from './narrativeLinks';

export type { NarrativeLink } from './narrativeLinks';
export { tableLines, type TableLine } from './lines';

/** What counts as a change the narrative must explain: |增减率| ≥ rate and |增减额| ≥ amount. */
export interface Threshold {
  /** Basis points (1000 = 10%). A change from a zero base has no rate and passes this test. */
  rateBp: number;
  /** Printed units of 0.01 万元 (100 = 1 万元); counts use 1. */
  amountUnits: number;
}

export const DEFAULT_THRESHOLD: Threshold = { rateBp: 1000, amountUnits: 100 };

export interface Delta {
  /** current − prior, signed (printed units or counts). */
  diff: number;
  /** Signed rate in basis points; null from a zero or negative base (the narrative prints no rate then). */
  rate: number | null;
}

/** 增减额 and 增减率 as the narrative computes them. */
export function delta(current: number, prior: number): Delta {
  const c = change(current, prior);
  const sign = c.direction === 'down' ? -1 : 1;
  if (c.direction === 'same') return { diff: 0, rate: prior > 0 ? 0 : null };
  return { diff: sign * c.diff, rate: c.pct === null ? null : sign * c.pct };
}

export function exceeds(d: Delta, valueType: ValueType, threshold: Threshold): boolean {
  if (d.diff === 0) return false;
  const amount = valueType === 'count' ? 1 : threshold.amountUnits;
  return Math.abs(d.diff) >= amount && (d.rate === null || Math.abs(d.rate) >= threshold.rateBp);
}

export interface CompareFigure extends Delta {
  column: string;
  columnName: string;
  valueType: ValueType;
  /** Printed units (money) or a count; null when the year has no such cell. */
  current: number | null;
  prior: number | null;
  currentCell?: CellId;
  priorCell?: CellId;
  changed: boolean;
  significant: boolean;
}

export type Presence = 'both' | 'current' | 'prior';

export interface CompareLine {
  /** The current year's line key (`03.2011301`), or the prior year's for a line of that year only. */
  key: string;
  table: TableId;
  code?: string;
  name: string;
  lineNo?: string;
  /** The line of the other year when it differs: a code replaced between editions, or a renamed 科目. */
  priorCode?: string;
  priorName?: string;
  presence: Presence;
  figures: CompareFigure[];
  changed: boolean;
  significant: boolean;
  /** The 情况说明 field (or section) that explains the line's change; only for changed lines. */
  explainedBy?: NarrativeLink;
}

export interface TableComparison {
  id: TableId;
  lines: CompareLine[];
}

/** A figure the 情况说明 compares with last year. */
export interface NarrativeFigure extends Delta {
  key: PriorKey;
  label: string;
  current: number;
  /** null: last year's figure is not known (not typed, no report for that year). */
  prior: number | null;
  priorSource: 'report' | 'typed' | null;
  currentCells: CellId[];
  changed: boolean;
  significant: boolean;
  /** The clause's section and reason field, when the narrative prints this change. */
  explainedBy?: NarrativeLink;
}

export interface Comparison {
  year: number;
  withYear: number;
  threshold: Threshold;
  tables: TableComparison[];
  narrative: NarrativeFigure[];
}

export interface CompareInput {
  current: { year: number; report: Report; tables: DerivedTables; narrative: readonly Section[] };
  prior: { year: number; tables: DerivedTables };
  /** Last year's figures as the current year's narrative reads them (for the 情况说明 figures). */
  priorFigures: PriorFigures;
  /** Codes of the prior year's edition replaced in the current one (catalogue `codeMoves`). */
  codeMoves?: ReadonlyMap<string, string>;
  threshold?: Threshold;
}

function printed(value: number, valueType: ValueType): number {
  return valueType === 'money' ? toPrintedUnits(value) : value;
}

/** A line blank in both years (its blank columns are not compared, so it has no figures). */
function isZeroLine(line: CompareLine): boolean {
  return line.figures.length === 0;
}

/** One column of a line in both years; null when it is blank in both (nothing to compare). */
function compareFigure(c: LineFigure | undefined, p: LineFigure | undefined, threshold: Threshold): CompareFigure | null {
  if ((c?.value ?? 0) === 0 && (p?.value ?? 0) === 0) return null;
  const any = (c ?? p)!;
  const valueType = any.valueType;
  const current = c ? printed(c.value, valueType) : null;
  const prior = p ? printed(p.value, valueType) : null;
  const d = delta(current ?? 0, prior ?? 0);
  // One object shape for every figure (both cell fields present, undefined where the year has none).
  return {
    column: any.column,
    columnName: any.columnName,
    valueType,
    current,
    prior,
    currentCell: c?.cell,
    priorCell: p?.cell,
    diff: d.diff,
    rate: d.rate,
    changed: d.diff !== 0,
    significant: exceeds(d, valueType, threshold),
  };
}

/** The current-year key a prior line matches: its 科目 code replaced when the edition moved it. */
function mappedKey(line: TableLine, moves: ReadonlyMap<string, string> | undefined): string {
  const moved = moves?.get(line.rowKey);
  return moved === undefined ? line.key : `${line.key.slice(0, line.key.indexOf('.'))}.${moved}`;
}

function compareTable(id: TableId, input: CompareInput, threshold: Threshold): TableComparison {
  const currentLines = tableLines(tableIn(input.current.tables, id));
  const priorLines = new Map(tableLines(tableIn(input.prior.tables, id)).map((l) => [mappedKey(l, input.codeMoves), l]));
  const lines: CompareLine[] = [];
  const build = (key: string, cur: TableLine | undefined, pri: TableLine | undefined): CompareLine => {
    const main = (cur ?? pri)!;
    const figures: CompareFigure[] = [];
    const add = (c: LineFigure | undefined, p: LineFigure | undefined) => {
      const figure = compareFigure(c, p, threshold);
      if (figure) figures.push(figure);
    };
    // This year's columns in order, then any only last year had.
    const priorFigures = pri?.figures ?? [];
    const currentFigures = cur?.figures ?? [];
    let matched = 0;
    currentFigures.forEach((c, k) => {
      // Same columns in the same order (the usual case), else looked up.
      const same = priorFigures[k];
      const p = same?.column === c.column ? same : priorFigures.find((f) => f.column === c.column);
      if (p) matched++;
      add(c, p);
    });
    if (matched < priorFigures.length) for (const p of priorFigures) if (!currentFigures.some((c) => c.column === p.column)) add(undefined, p);
    let changed = false;
    let significant = false;
    for (const f of figures) {
      changed ||= f.changed;
      significant ||= f.significant;
    }
    const line: CompareLine = { key, table: id, name: main.name, presence: cur && pri ? 'both' : cur ? 'current' : 'prior', figures, changed, significant };
    if (main.code !== undefined) line.code = main.code;
    if (main.lineNo !== undefined) line.lineNo = main.lineNo;
    if (cur && pri && pri.code !== cur.code && pri.code !== undefined) line.priorCode = pri.code;
    if (cur && pri && pri.name !== cur.name) line.priorName = pri.name;
    return line;
  };
  const position = new Map<string, number>();
  for (const cur of currentLines) {
    position.set(cur.key, lines.length);
    lines.push(build(cur.key, cur, priorLines.get(cur.key)));
  }
  // Lines of the prior year only go after the line that precedes them in the prior year's order.
  const after = new Map<number, CompareLine[]>();
  let anchor = -1;
  for (const [key, pri] of priorLines) {
    const found = position.get(key);
    if (found !== undefined) {
      anchor = found;
      continue;
    }
    const bucket = after.get(anchor) ?? [];
    bucket.push(build(key, undefined, pri));
    after.set(anchor, bucket);
  }
  const merged: CompareLine[] = [...(after.get(-1) ?? [])];
  lines.forEach((line, k) => merged.push(line, ...(after.get(k) ?? [])));
  return { id, lines: merged.filter((l) => !isZeroLine(l)) };
}

/** The 情况说明 figures: every fixed figure and each 类 (or 项) of table 05 in either year. */
function narrativeKeys(input: CompareInput): PriorKey[] {
  const level = input.current.report.settings.narrativeDetail === '项' ? 7 : 3;
  const codes = new Set<string>();
  for (const tables of [input.current.tables, input.prior.tables]) {
    for (const row of figuresOf(tables).general.rows) if (row.code.length === level) codes.add(row.code);
  }
  return [...PRIOR_FIELDS, ...[...codes].sort().map((c): PriorKey => `general/${c}`)];
}

function compareNarrative(input: CompareInput, threshold: Threshold, index: ReturnType<typeof indexNarrative>): NarrativeFigure[] {
  const name = (code: string) => {
    for (const tables of [input.current.tables, input.prior.tables]) {
      const row = figuresOf(tables).general.row(code);
      if (row) return row.name;
    }
    return undefined;
  };
  return narrativeKeys(input).flatMap((key) => {
    const current = toPrintedUnits(figureValue(input.current.tables, key));
    const priorFen = input.priorFigures.get(key);
    const prior = priorFen === null ? null : toPrintedUnits(priorFen);
    const origin = input.priorFigures.origin?.(key) ?? null;
    const d = delta(current, prior ?? 0);
    if (current === 0 && (prior ?? 0) === 0) return [];
    const clause = index.clauses.find((c) => c.key === key);
    const figure: NarrativeFigure = {
      key,
      label: figureLabel(key, name),
      current,
      prior,
      priorSource: origin ? (origin.kind === 'typed' ? 'typed' : 'report') : null,
      currentCells: figureCells(input.current.tables, key),
      ...(prior === null ? { diff: 0, rate: null } : d),
      changed: prior !== null && d.diff !== 0,
      significant: prior !== null && exceeds(d, 'money', threshold),
    };
    if (clause) figure.explainedBy = { section: clause.section, sectionTitle: clause.sectionTitle, ...(clause.field ? { field: clause.field } : {}) };
    return [figure];
  });
}

export function compareYears(input: CompareInput): Comparison {
  const threshold = input.threshold ?? DEFAULT_THRESHOLD;
  const index = indexNarrative(input.current.narrative);
  // The tables of this year's template that last year's template also prints (both years' layouts alike).
  const ids = tableList(input.current.tables).map((t) => t.id).filter((id) => id in input.prior.tables);
  const tables = ids.map((id) => {
    const t = compareTable(id, input, threshold);
    for (const line of t.lines) {
      if (!line.changed) continue;
      // The changed figure's cell this year (a line of last year only: the id it would have).
      const figure = line.figures.find((f) => f.changed) ?? line.figures[0];
      const link = figure ? linkFor(index, figure.currentCell ?? `${line.key}.${figure.column}`) : index.sectionByTable.get(id);
      if (link) line.explainedBy = link;
    }
    return t;
  });
  return { year: input.current.year, withYear: input.prior.year, threshold, tables, narrative: compareNarrative(input, threshold, index) };
}

/** The lines to show under a filter: all, changed only, or beyond the threshold only. */
export function filterLines(lines: readonly CompareLine[], filter: 'all' | 'changed' | 'significant'): CompareLine[] {
  if (filter === 'all') return [...lines];
  return lines.filter((l) => (filter === 'changed' ? l.changed || l.presence !== 'both' : l.significant));
}

/** Re-applies a threshold to a comparison (the user moved the sliders): no re-derivation. */
export function withThreshold(comparison: Comparison, threshold: Threshold): Comparison {
  const mark = <F extends Delta & { valueType?: ValueType; significant: boolean; changed: boolean }>(f: F): F => ({
    ...f,
    significant: f.changed && exceeds(f, f.valueType ?? 'money', threshold),
  });
  return {
    ...comparison,
    threshold,
    tables: comparison.tables.map((t) => ({
      ...t,
      lines: t.lines.map((l) => {
        const figures = l.figures.map(mark);
        return { ...l, figures, significant: figures.some((f) => f.significant) };
      }),
    })),
    narrative: comparison.narrative.map((f) => (f.prior === null ? f : mark(f))),
  };
}
