/**
 * What an officer types into an amount or count cell, and what the cell shows while editing.
 * Amounts accept `1,234.56`, full-width digits and a trailing 万元/万/元 unit (the report's
 * input unit otherwise); a bad entry is refused with a Chinese message and never written.
 */
import { type FactRef, isOptionalFact } from '../../../shared/domain/model';
import { type AmountUnit, fenToWanText, fenToYuanText, MoneyError, normaliseWidth, parseAmountInput } from '../../../shared/domain/money';

export type InputUnit = Extract<AmountUnit, '元' | '万元'>;

export type ParseResult = { ok: true; value: number | null } | { ok: false; message: string };

export interface CellSpec {
  valueType: 'money' | 'count';
  /** Optional facts (budgets, last year's figures, counts, 机关运行经费) clear to null, not 0. */
  optional: boolean;
  /** Whether a negative amount is acceptable (only 结余分配-like lines). */
  allowNegative: boolean;
}

/** Whole numbers only; the unit words officers add are dropped. */
const COUNT_UNITS = /(台（套）|台\(套\)|人次|批次|辆|台|套|个|人|次|批)$/u;
const MAX_COUNT = 1_000_000_000;

export function specOf(ref: FactRef, valueType: 'money' | 'count'): CellSpec {
  return { valueType, optional: isOptionalFact(ref), allowNegative: ref.kind === 'summary' };
}

export function parseCellText(text: string, spec: CellSpec, unit: InputUnit): ParseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: spec.optional ? null : 0 };
  if (spec.valueType === 'count') return parseCount(trimmed);
  try {
    const { fen } = parseAmountInput(trimmed, unit);
    if (fen < 0 && !spec.allowNegative) return { ok: false, message: `“${trimmed}”是负数，此处金额不能为负数` };
    return { ok: true, value: fen };
  } catch (e) {
    if (e instanceof MoneyError) return { ok: false, message: e.message };
    throw e;
  }
}

function parseCount(text: string): ParseResult {
  const plain = normaliseWidth(text).replace(/\s+/g, '').replace(/,/g, '').replace(COUNT_UNITS, '');
  if (!/^\d+$/.test(plain)) return { ok: false, message: `“${text}”不是有效的数量，请输入整数，例如 3` };
  const n = Number(plain);
  if (n > MAX_COUNT) return { ok: false, message: `“${text}”超出可记录的数量范围` };
  return { ok: true, value: n };
}

/**
 * The exact stored value as the officer would type it: blank when not typed, and blank for zero
 * unless the fact is optional (a typed 0 count or budget shows `0`, apart from 待填写).
 */
export function editText(value: number | null | undefined, valueType: 'money' | 'count', unit: InputUnit, optional = false): string {
  if (value === null || value === undefined) return '';
  if (value === 0) return optional ? '0' : '';
  if (valueType === 'count') return String(value);
  const text = unit === '万元' ? fenToWanText(value) : fenToYuanText(value);
  return unit === '元' ? text.replace(/\.00$/, '') : text;
}
