/** The comparison's figures as the screen prints them. */
import type { Delta } from '../../../shared/domain/compare';
import { formatUnits } from '../../../shared/domain/money';
import { percentText } from '../../../shared/domain/narrative';

/** Printed units (0.01 万元) or a count; `—` where the year has no such line. */
export function amountText(value: number | null, count = false): string {
  if (value === null) return '—';
  return count ? String(value) : formatUnits(value, { grouping: true });
}

/** `+45.29`, `-5.00`, `0.00`. */
export function diffText(diff: number, count = false): string {
  const text = amountText(Math.abs(diff), count);
  return diff > 0 ? `+${text}` : diff < 0 ? `-${text}` : text;
}

/** `+12.94%`, `-100.00%`, `0.00%`; no rate from a zero base (the narrative prints none either). */
export function rateText(d: Delta): string {
  if (d.rate === null) return d.diff === 0 ? '' : '上年为0';
  if (d.rate === 0) return '0.00%';
  return `${d.rate > 0 ? '+' : ''}${percentText(d.rate)}`;
}
