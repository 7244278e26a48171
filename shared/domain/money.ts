/**
 * Money: integer 分 (fen) everywhere inside the app.
 * 1 元 = 100 分; 1 万元 = 1,000,000 分; a printed cell shows 0.01 万元 = 10,000 分.
 * Parsing and formatting happen only at the edges (input cells, sentences, exporters).
 */

export type Fen = number;

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;
/** One printed unit (0.01 万元) in 分. */
export const FEN_PER_PRINTED_UNIT = 10_000;

export type AmountUnit = '分' | '元' | '万元';

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertFen(value: unknown, what = '金额'): Fen {
  if (!isFen(value)) throw new MoneyError(`${what}必须是以“分”为单位的整数，收到：${String(value)}`);
  return value;
}

/** Sum of fen amounts; throws if any is not an integer. */
export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  for (const v of values) total += assertFen(v);
  return total;
}

/**
 * Rounds an amount to printed units of 0.01 万元, half away from zero
 * (half up for the non-negative amounts of the tables). Returns the number of 0.01 万元 units.
 */
export function toPrintedUnits(fen: Fen): number {
  assertFen(fen);
  const sign = fen < 0 ? -1 : 1;
  const abs = Math.abs(fen);
  const units = Math.floor(abs / FEN_PER_PRINTED_UNIT);
  const rest = abs - units * FEN_PER_PRINTED_UNIT;
  return sign * (rest * 2 >= FEN_PER_PRINTED_UNIT ? units + 1 : units);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface WanFormat {
  /** Thousands separators, as seed 000 prints (`2,384.38`); seed 002 prints `4662.90`. */
  grouping: boolean;
}

/** Formats printed units (0.01 万元) as `1,234.56`. */
export function formatUnits(units: number, format: WanFormat): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 100).toString();
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${sign}${format.grouping ? groupThousands(whole) : whole}.${cents}`;
}

/** A table cell: blank for zero, otherwise 万元 with two decimals. */
export function formatWanCell(fen: Fen, format: WanFormat): string {
  if (fen === 0) return '';
  return formatUnits(toPrintedUnits(fen), format);
}

/** A figure inside a sentence: `2,384.38`, and `0` for zero. */
export function formatWanSentence(fen: Fen): string {
  const units = toPrintedUnits(fen);
  if (units === 0) return '0';
  return formatUnits(units, { grouping: true });
}

const FULL_WIDTH_OFFSET = 0xfee0;

/** Turns full-width digits and punctuation (１２３．４５，) into ASCII. */
export function normaliseWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ')
    .replace(/。/g, '.');
}

/**
 * The largest amount accepted: just under 10 万亿元. Far above any department's figures, and
 * small enough that every amount round-trips exactly through a JSON number of 元.
 */
export const MAX_AMOUNT_FEN = 999_999_999_999_999;

const DECIMALS: Record<AmountUnit, number> = { 分: 0, 元: 2, 万元: 6 };
const SCALE: Record<AmountUnit, bigint> = { 分: 1n, 元: 100n, 万元: 1_000_000n };
const SCALE_NUMBER: Record<AmountUnit, number> = { 分: 1, 元: 100, 万元: 1_000_000 };

/**
 * Converts an exact decimal string in `unit` to fen. Rejects more decimals than the unit allows
 * (元 has two, 万元 six), so every accepted amount is exact in 分.
 */
export function decimalToFen(decimal: string, unit: AmountUnit): Fen {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(decimal);
  if (!m) throw new MoneyError(`“${decimal}”不是有效的数字`);
  const sign = m[1] ?? '';
  const whole = m[2] ?? '0';
  const frac = m[3] ?? '';
  const maxDecimals = DECIMALS[unit];
  const trimmed = frac.replace(/0+$/, '');
  if (trimmed.length > maxDecimals) {
    throw new MoneyError(`“${decimal}”的小数位过多：以${unit}为单位最多${maxDecimals}位小数`);
  }
  if (whole.length <= 9) {
    // Exact in a double (at most 999,999,999 × 10⁶ + 999,999 < MAX_AMOUNT_FEN): no BigInt for the
    // figures officers type and paste (a pasted table holds thousands).
    const fen = Number(whole) * SCALE_NUMBER[unit] + (trimmed ? Number(trimmed.padEnd(maxDecimals, '0')) : 0);
    return sign === '-' && fen !== 0 ? -fen : fen;
  }
  const scaled = BigInt(whole) * SCALE[unit] + (trimmed ? BigInt(trimmed.padEnd(maxDecimals, '0')) : 0n);
  const signed = sign === '-' ? -scaled : scaled;
  if (signed > BigInt(MAX_AMOUNT_FEN) || signed < -BigInt(MAX_AMOUNT_FEN)) {
    throw new MoneyError(`“${decimal}”超出可记录的金额范围（绝对值不超过 9,999,999,999,999.99 元）`);
  }
  return Number(signed);
}

/**
 * Writes a JS number that came from JSON as a plain decimal string (no exponent), exactly: the
 * shortest decimal that reads back as the same number (what `String` gives), with any exponent
 * expanded digit for digit. `5e-324` becomes `0.000…05` (324 decimals), which `decimalToFen` then
 * refuses for its decimals, instead of rounding to 0.
 */
export function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`“${String(value)}”不是有效的数字`);
  return expandExponent(String(value));
}

/** `1.5e-3` → `0.0015`, `2e+21` → `2000000000000000000000`; text without an exponent is returned as is. */
export function expandExponent(text: string): string {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  const sign = m[1] === '-' ? '-' : '';
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  const digits = `${int}${frac}`;
  const point = int.length + Number(m[4]);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export interface ParsedAmount {
  fen: Fen;
  unit: AmountUnit;
}

/**
 * Parses what a user types into an amount cell: `1,234.56`, full-width digits,
 * an optional trailing unit `万元`/`万`/`元` overriding the report's default unit.
 * Empty text is zero.
 */
/** Digits with an optional fraction and nothing else: read as is (most pasted cells). */
const PLAIN_DECIMAL = /^\d+(\.\d+)?$/;

export function parseAmountInput(input: string, defaultUnit: AmountUnit): ParsedAmount {
  if (PLAIN_DECIMAL.test(input)) return { fen: decimalToFen(input, defaultUnit), unit: defaultUnit };
  let text = normaliseWidth(input).trim().replace(/\s+/g, '');
  let unit = defaultUnit;
  const suffix = /(万元|万|元)$/.exec(text)?.[1];
  if (suffix) {
    unit = suffix === '元' ? '元' : '万元';
    text = text.slice(0, -suffix.length);
  }
  if (text === '' || text === '-') return { fen: 0, unit };
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$/.test(text) && !/^[+-]?\.\d+$/.test(text)) {
    throw new MoneyError(`“${input.trim()}”不是有效的金额，请输入数字，例如 1,234.56`);
  }
  const plain = text.replace(/,/g, '').replace(/^([+-]?)\./, '$10.');
  return { fen: decimalToFen(plain, unit), unit };
}

/** Writes fen as a 元 number with at most two decimals, for interchange files. */
export function fenToYuanNumber(fen: Fen): number {
  assertFen(fen);
  return fen / FEN_PER_YUAN;
}

/** Exact 元 text of a fen amount, e.g. `7533215.37`. */
export function fenToYuanText(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${(abs % 100).toString().padStart(2, '0')}`;
}

/** Exact 万元 text of a fen amount with six decimals trimmed, e.g. `753.321537`. */
export function fenToWanText(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const frac = (abs % FEN_PER_WAN).toString().padStart(6, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / FEN_PER_WAN)}${frac ? `.${frac}` : ''}`;
}
