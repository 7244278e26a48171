/**
 * Numbers in sentences. Everything here works on printed units (0.01 万元), the figures a
 * reader sees in the tables, so every difference and percentage can be checked by hand.
 */
import { formatUnits, toPrintedUnits, type Fen } from '../money';

/**
 * `2,384.38` (or `2384.38` without grouping), and `0` for zero. The grouping is the report's one
 * setting for every amount of the package (`tableGrouping`), so sentences print as the tables do.
 */
export function wanText(units: number, grouping: boolean): string {
  return units === 0 ? '0' : formatUnits(units, { grouping });
}

export function units(fen: Fen): number {
  return toPrintedUnits(fen);
}

/** Half-up ratio a/b in basis points (1/100 of a percent); b must be > 0, a ≥ 0. */
export function ratioBasisPoints(a: number, b: number): number {
  if (b <= 0) throw new Error('ratio with a zero base');
  const sign = a < 0 ? -1 : 1;
  const num = Math.abs(a) * 10000;
  return sign * Math.floor((2 * num + b) / (2 * b));
}

/** `83.41%`; zero prints `0%` (as the seeds do). */
export function percentText(basisPoints: number): string {
  if (basisPoints === 0) return '0%';
  const abs = Math.abs(basisPoints);
  return `${basisPoints < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/**
 * 占比 of a list in basis points, as the report's setting says:
 * - `each`: every part over the printed `total`, half up — what a reader recomputing one share
 *   gets (60.99 / 2,940.06 → 2.07%; 10.82 / 307.82 → 3.52%). A zero total gives zero shares.
 * - `largestRemainder`: over the parts' own sum, adjusted to add up to exactly 100.00%.
 */
export function shares(parts: readonly number[], total: number, style: 'each' | 'largestRemainder'): number[] {
  if (style === 'largestRemainder') return largestRemainderShares(parts);
  return parts.map((p) => (total > 0 ? ratioBasisPoints(p, total) : 0));
}

/**
 * Shares of a list in basis points that add up to exactly 10000 (100.00%):
 * largest-remainder over the parts' own sum. All zero parts give all zero shares.
 */
export function largestRemainderShares(parts: readonly number[]): number[] {
  const total = parts.reduce((s, p) => s + p, 0);
  if (total <= 0) return parts.map(() => 0);
  const exact = parts.map((p) => (p * 10000) / total);
  const floors = exact.map((e) => Math.floor(e));
  let left = 10000 - floors.reduce((s, f) => s + f, 0);
  const order = exact
    .map((e, i) => ({ i, rest: e - Math.floor(e) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    if (parts[i] === 0) continue;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}

export type Direction = 'up' | 'down' | 'same';

export interface Change {
  direction: Direction;
  /** Absolute difference in printed units. */
  diff: number;
  /** Percentage change in basis points; null when last year was zero. */
  pct: number | null;
}

export function change(current: number, prior: number): Change {
  const diff = current - prior;
  const direction: Direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  return { direction, diff: Math.abs(diff), pct: prior > 0 && diff !== 0 ? ratioBasisPoints(Math.abs(diff), prior) : null };
}
