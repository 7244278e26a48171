/**
 * Whether an indicator's 实际完成值 misses its target: a deduction (得分 < 分值), a result that
 * says so (未完成…, 部分达成…), or a numeric target (`≥20家`, `≤35万元`, `=100%`) the actual value
 * does not meet in the same unit. Text targets (提高, 2023年10月底) are judged by the first two only.
 */
import { normaliseWidth } from '../money';
import type { Indicator } from './types';

const MISSED_WORDS = /未完成|部分达成|未达到|未达成|未实现|没有完成/u;

interface Quantity {
  op: '≥' | '≤' | '=' | '>' | '<';
  value: number;
  unit: string;
}

/**
 * `≥20家` → { op '≥', value 20, unit '家' }. A leading `-` is the seeds' garbled `=` (`-100%`);
 * a bare number is `=`. Units must not contain digits (so dates and ranges are not quantities).
 */
export function readQuantity(text: string): Quantity | null {
  const t = normaliseWidth(text).replace(/\s+/gu, '').replace(/＞/gu, '>').replace(/＜/gu, '<').replace(/>=/u, '≥').replace(/<=/u, '≤');
  const m = /^(≥|≤|=|>|<|-)?(\d+(?:\.\d+)?)([^\d.]*)$/u.exec(t);
  if (!m) return null;
  const op = m[1] === undefined || m[1] === '-' ? '=' : (m[1] as Quantity['op']);
  return { op, value: Number(m[2]), unit: m[3] ?? '' };
}

/** Whether `actual` meets a numeric target; null when they cannot be compared. */
export function meetsQuantity(target: Quantity, actual: Quantity): boolean | null {
  if (target.unit !== actual.unit) return null;
  const a = actual.value;
  const t = target.value;
  switch (target.op) {
    case '≥':
      return a >= t;
    case '>':
      return a > t;
    case '≤':
      return a <= t;
    case '<':
      return a < t;
    case '=':
      return a === t;
  }
}

export function missesTarget(ind: Pick<Indicator, 'target' | 'targetInitial' | 'actual' | 'weight' | 'score'>): boolean {
  if (ind.weight !== null && ind.score !== null && ind.score < ind.weight) return true;
  if (MISSED_WORDS.test(ind.actual)) return true;
  const target = readQuantity(ind.target || ind.targetInitial);
  const actual = readQuantity(ind.actual);
  if (!target || !actual) return false;
  return meetsQuantity(target, actual) === false;
}
