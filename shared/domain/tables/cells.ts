/** Small constructors for table cells, shared by the ten table builders. */
import type { FactRef } from '../model';
import { formatWanCell, type Fen } from '../money';
import type { Cell, CellId, HeaderCell, TableId } from './types';

export interface BuildContext {
  table: TableId;
  grouping: boolean;
  /** 项 codes whose 财政拨款 split is implied, not typed (tables 05, 07, 08). */
  implied?: ReadonlySet<string>;
}

/**
 * Printed texts by amount, with and without grouping. A derivation prints some 10,000 amounts and
 * the next one (after an edit) nearly the same ones; formatting is pure, so the texts are kept
 * (and forgotten wholesale should a session ever print very many different amounts).
 */
const TEXT_CACHE_LIMIT = 100_000;
const groupedTexts = new Map<number, string>();
const plainTexts = new Map<number, string>();

export function moneyText(ctx: BuildContext, fen: Fen): string {
  if (fen === 0) return '';
  const cache = ctx.grouping ? groupedTexts : plainTexts;
  let text = cache.get(fen);
  if (text === undefined) {
    text = formatWanCell(fen, { grouping: ctx.grouping });
    if (cache.size >= TEXT_CACHE_LIMIT) cache.clear();
    cache.set(fen, text);
  }
  return text;
}

export function countText(n: number): string {
  return n === 0 ? '' : String(n);
}

export function label(text: string, colSpan?: number): Cell {
  return colSpan && colSpan > 1 ? { kind: 'label', text, colSpan } : { kind: 'label', text };
}

export function codeCell(code: string): Cell {
  return { kind: 'code', text: code };
}

export function lineNo(n: number | null): Cell {
  return { kind: 'lineNo', text: n === null ? '' : String(n) };
}

export function covered(): Cell {
  return { kind: 'covered', text: '' };
}

export function blank(): Cell {
  return { kind: 'blank', text: '' };
}

export function na(id?: CellId): Cell {
  return id ? { kind: 'na', text: '——', id } : { kind: 'na', text: '——' };
}

export function inputMoney(ctx: BuildContext, id: CellId, fen: Fen, fact: FactRef): Cell {
  return { kind: 'input', text: moneyText(ctx, fen), value: fen, valueType: 'money', fact, id };
}

export function inputCount(id: CellId, n: number, fact: FactRef): Cell {
  return { kind: 'input', text: countText(n), value: n, valueType: 'count', fact, id };
}

export interface Derivation {
  formula: string;
  refs?: CellId[];
  /** Facts summed directly (when they have no cell of their own in any table). */
  facts?: FactRef[];
}

export function derivedMoney(ctx: BuildContext, id: CellId, fen: Fen, how: Derivation): Cell {
  const cell: Cell = { kind: 'derived', text: moneyText(ctx, fen), value: fen, valueType: 'money', id, formula: how.formula };
  if (how.refs) cell.refs = how.refs;
  if (how.facts) cell.sourceFacts = how.facts;
  return cell;
}

export function derivedCount(id: CellId, n: number, how: Derivation): Cell {
  const cell: Cell = { kind: 'derived', text: countText(n), value: n, valueType: 'count', id, formula: how.formula };
  if (how.refs) cell.refs = how.refs;
  return cell;
}

/** Sums the values of cells (0 for blank ones). */
export function sumCells(cells: readonly (Cell | undefined)[]): number {
  let total = 0;
  for (const c of cells) total += c?.value ?? 0;
  return total;
}

export function h(text: string, colSpan = 1, rowSpan = 1): HeaderCell {
  const cell: HeaderCell = { text };
  if (colSpan > 1) cell.colSpan = colSpan;
  if (rowSpan > 1) cell.rowSpan = rowSpan;
  return cell;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 26 → 二十六 (up to 99). */
export function chineseNumeral(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}
