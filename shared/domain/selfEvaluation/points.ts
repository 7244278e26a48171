/**
 * Scores and rates as integers: scores in thousandths of a point (Points), rates in basis points
 * (1/100 of a percent, `9932` = 99.32%). Parsing and formatting happen here, at the edges.
 */
import { normaliseWidth } from '../money';
import { type BudgetScoreRule, type EvaluationSettings, type Grade, type Points, POINTS_PER_POINT } from './types';

export class PointsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PointsError';
  }
}

/** The largest score a field may hold (1000 points): far above any form's 100. */
export const MAX_POINTS: Points = 1000 * POINTS_PER_POINT;

/**
 * Parses a typed score: `2.5`, `０.３５`, `10分`, `82.85`. At most three decimals; blank is null.
 * Throws PointsError with a Chinese message otherwise.
 */
export function parsePoints(input: string): Points | null {
  const text = normaliseWidth(input).trim().replace(/\s+/gu, '').replace(/分$/u, '');
  if (text === '') return null;
  const m = /^(\d+)(?:\.(\d{0,3}))?$/u.exec(text);
  if (!m) {
    if (/^\d+\.\d{4,}$/u.test(text)) throw new PointsError(`“${input.trim()}”的小数位过多：分值、得分最多保留3位小数`);
    throw new PointsError(`“${input.trim()}”不是有效的分数，请输入不小于0的数字，例如 2.5`);
  }
  const value = Number(m[1]) * POINTS_PER_POINT + Number((m[2] ?? '').padEnd(3, '0'));
  if (value > MAX_POINTS) throw new PointsError(`“${input.trim()}”超出分数范围（不超过1000分）`);
  return value;
}

/** `2500` → `2.5`, `10000` → `10`, `97284` → `97.284` (trailing zeros dropped). */
export function formatPoints(points: Points): string {
  const sign = points < 0 ? '-' : '';
  const abs = Math.abs(points);
  const whole = Math.floor(abs / POINTS_PER_POINT);
  const frac = String(abs % POINTS_PER_POINT).padStart(3, '0').replace(/0+$/u, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** Rounds to 0.01 point, half up (the precision 总分 is printed with). */
export function roundToHundredth(points: Points): Points {
  return Math.floor((points + 5) / 10) * 10;
}

/** 总分 as printed: rounded to 0.01, trailing zeros dropped (`97.28`, `100`, `82.85`). */
export function formatTotal(points: Points): string {
  return formatPoints(roundToHundredth(points));
}

/** 执行率 in basis points, half up; null for a zero 全年预算 (no rate can be computed). */
export function rateBasisPoints(spent: number, budget: number): number | null {
  if (budget <= 0) return null;
  const num = Math.abs(spent) * 10000;
  const bp = Math.floor((2 * num + budget) / (2 * budget));
  return spent < 0 ? -bp : bp;
}

/** `5837` → `58.37%`; the form's printed rate always has two decimals. */
export function formatRate(bp: number | null): string {
  if (bp === null) return '——';
  const abs = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** The 预算执行 score of a rate (null rate: zero budget, scores 0). */
export function budgetScore(rateBp: number | null, rule: BudgetScoreRule, weight: Points): Points {
  if (rateBp === null || rateBp <= 0) return 0;
  if (rule.kind === 'linear') {
    // weight × min(rate, 100%), exact: weight · bp / 10000 in Points, rounded half up.
    const capped = Math.min(rateBp, 10000);
    return Math.floor((2 * weight * capped + 10000) / 20000);
  }
  let best: Points = 0;
  let bestFrom = -1;
  for (const band of rule.bands) {
    if (rateBp >= band.minRateBp && band.minRateBp > bestFrom) {
      best = band.score;
      bestFrom = band.minRateBp;
    }
  }
  return best;
}

/** 等级 of a total, judged on the total as printed (to 0.01), so a printed 90.00 is never 良. */
export function gradeOf(total: Points, grades: EvaluationSettings['grades']): Grade {
  const printed = roundToHundredth(total);
  if (printed >= grades.excellent) return '优';
  if (printed >= grades.good) return '良';
  if (printed >= grades.fair) return '中';
  return '差';
}

/**
 * A printed decimal (`95`, `97.3`, `98.48分`, `58.37%`) as a value in its own precision:
 * `{ value: 9730, decimals: 2 }` for `97.30`. Returns null when the text holds no number.
 */
export function readPrintedDecimal(text: string): { scaled: number; decimals: number } | null {
  const m = /(-?\d+(?:,\d{3})*)(?:\.(\d+))?/u.exec(normaliseWidth(text));
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  const whole = (m[1] ?? '0').replace(/,/gu, '');
  return { scaled: Number(`${whole}${m[2] ?? ''}`), decimals };
}

/**
 * Whether a printed figure agrees with a derived one at the printed precision: printed `97.3`
 * agrees with 97.284 (97.3 to one decimal), printed `95` does not agree with 95.837.
 * `derived` is in units of 10^-`derivedDecimals`.
 */
export function agreesAtPrintedPrecision(printed: string, derived: number, derivedDecimals: number): boolean {
  const p = readPrintedDecimal(printed);
  if (!p) return false;
  if (p.decimals >= derivedDecimals) return p.scaled === derived * 10 ** (p.decimals - derivedDecimals);
  const step = 10 ** (derivedDecimals - p.decimals);
  const rounded = Math.floor((derived + step / 2) / step);
  return rounded === p.scaled;
}
