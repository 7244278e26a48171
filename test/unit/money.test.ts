/**
 * Money at the edges: rounding to printed units, cell and sentence formatting,
 * parsing what a user types, exact decimal → 分 conversion, 元 text.
 */
import { describe, it, expect } from 'vitest';
import {
  assertFen,
  decimalToFen,
  fenToWanText,
  fenToYuanText,
  fenToYuanNumber,
  MAX_AMOUNT_FEN,
  numberToDecimal,
  formatWanCell,
  formatWanSentence,
  MoneyError,
  parseAmountInput,
  toPrintedUnits,
} from '../../shared/domain/money';

const CHINESE = /[\u4e00-\u9fff]/;

/** Runs `fn`, expects a MoneyError, returns its message. */
function moneyError(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MoneyError);
    return (e as Error).message;
  }
  throw new Error('expected a MoneyError');
}

describe('toPrintedUnits (0.01 万元 = 10,000 分, half up)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [4999, 0],
    [5000, 1],
    [9999, 1],
    [10000, 1],
    [14999, 1],
    [15000, 2],
    [25000, 3],
    [2_384_374_999, 238_437],
    [2_384_375_000, 238_438],
    [23_843_800, 2_384],
  ])('%d 分 → %d units', (fen, units) => {
    expect(toPrintedUnits(fen)).toBe(units);
  });

  it('rounds half away from zero for negative carry-overs', () => {
    expect(toPrintedUnits(-5000)).toBe(-1);
    expect(toPrintedUnits(-14999)).toBe(-1);
    expect(toPrintedUnits(-15000)).toBe(-2);
    expect(toPrintedUnits(-2_384_375_000)).toBe(-238_438);
  });

  it('rejects non-integer 分', () => {
    expect(() => toPrintedUnits(1.5)).toThrow(MoneyError);
    expect(() => toPrintedUnits(Number.NaN)).toThrow(MoneyError);
  });
});

describe('formatWanCell', () => {
  const grouped = { grouping: true };
  const plain = { grouping: false };

  it('prints zero as a blank cell', () => {
    expect(formatWanCell(0, grouped)).toBe('');
    expect(formatWanCell(0, plain)).toBe('');
  });

  it('prints 万元 with two decimals', () => {
    // 23,843,800 分 = 23.8438 万元
    expect(formatWanCell(23_843_800, grouped)).toBe('23.84');
    expect(formatWanCell(23_843_800, plain)).toBe('23.84');
    expect(formatWanCell(10_000, grouped)).toBe('0.01');
    expect(formatWanCell(5_000, grouped)).toBe('0.01');
    expect(formatWanCell(1_000_000, grouped)).toBe('1.00');
    expect(formatWanCell(7_533_199_00, grouped)).toBe('753.32');
  });

  it('groups thousands only when asked (seed 000 vs seed 002)', () => {
    // 2,384,375,000 分 = 2,384.375 万元 → 2,384.38
    expect(formatWanCell(2_384_375_000, grouped)).toBe('2,384.38');
    expect(formatWanCell(2_384_375_000, plain)).toBe('2384.38');
    expect(formatWanCell(4_662_900_000, plain)).toBe('4662.90');
    expect(formatWanCell(1_234_567_890_000, grouped)).toBe('1,234,567.89');
    expect(formatWanCell(1_234_567_890_000, plain)).toBe('1234567.89');
    expect(formatWanCell(999_990_000, grouped)).toBe('999.99');
    expect(formatWanCell(1_000_000_000, grouped)).toBe('1,000.00');
  });

  it('prints negative amounts with a minus sign', () => {
    expect(formatWanCell(-2_384_375_000, grouped)).toBe('-2,384.38');
    expect(formatWanCell(-100_000, plain)).toBe('-0.10');
  });
});

describe('formatWanSentence', () => {
  it('prints zero as 0', () => {
    expect(formatWanSentence(0)).toBe('0');
    // Rounds to zero printed units: still 0 in a sentence.
    expect(formatWanSentence(4_999)).toBe('0');
  });

  it('prints 万元 with two decimals and thousands separators', () => {
    expect(formatWanSentence(2_384_375_000)).toBe('2,384.38');
    expect(formatWanSentence(4_662_900_000)).toBe('4,662.90');
    expect(formatWanSentence(2_600_000)).toBe('2.60');
    expect(formatWanSentence(10_000)).toBe('0.01');
    expect(formatWanSentence(123_456_789_000_000)).toBe('123,456,789.00');
  });
});

describe('parseAmountInput', () => {
  it('reads thousands separators in 万元 and 元', () => {
    expect(parseAmountInput('1,234.56', '万元')).toEqual({ fen: 1_234_560_000, unit: '万元' });
    expect(parseAmountInput('1,234.56', '元')).toEqual({ fen: 123_456, unit: '元' });
    expect(parseAmountInput('1,234,567.89', '元')).toEqual({ fen: 123_456_789, unit: '元' });
    expect(parseAmountInput('1234.56', '元')).toEqual({ fen: 123_456, unit: '元' });
  });

  it('reads full-width digits and punctuation', () => {
    expect(parseAmountInput('１２３．４５', '元')).toEqual({ fen: 12_345, unit: '元' });
    expect(parseAmountInput('１２３．４５', '万元')).toEqual({ fen: 123_450_000, unit: '万元' });
    expect(parseAmountInput('１，２３４．５', '万元')).toEqual({ fen: 1_234_500_000, unit: '万元' });
    expect(parseAmountInput('　１２　', '元')).toEqual({ fen: 1_200, unit: '元' });
  });

  it('lets a trailing unit override the default', () => {
    expect(parseAmountInput('12.5万元', '元')).toEqual({ fen: 12_500_000, unit: '万元' });
    expect(parseAmountInput('12.5万', '元')).toEqual({ fen: 12_500_000, unit: '万元' });
    expect(parseAmountInput('300元', '万元')).toEqual({ fen: 30_000, unit: '元' });
    expect(parseAmountInput('1,234.56 元', '万元')).toEqual({ fen: 123_456, unit: '元' });
    expect(parseAmountInput('３００元', '万元')).toEqual({ fen: 30_000, unit: '元' });
  });

  it('reads empty text as zero in the effective unit', () => {
    expect(parseAmountInput('', '万元')).toEqual({ fen: 0, unit: '万元' });
    expect(parseAmountInput('   ', '元')).toEqual({ fen: 0, unit: '元' });
    expect(parseAmountInput('万元', '元')).toEqual({ fen: 0, unit: '万元' });
  });

  it('reads signs and a bare decimal point', () => {
    expect(parseAmountInput('-5', '元').fen).toBe(-500);
    expect(parseAmountInput('+5', '元').fen).toBe(500);
    expect(parseAmountInput('.5', '元').fen).toBe(50);
    expect(parseAmountInput('-.5', '元').fen).toBe(-50);
    expect(parseAmountInput('5.', '元').fen).toBe(500);
  });

  it('ignores trailing zeros beyond the unit decimals', () => {
    expect(parseAmountInput('1.230', '元').fen).toBe(123);
    expect(parseAmountInput('0.0000010', '万元').fen).toBe(1);
  });

  it.each(['abc', '1.2.3', '12,34', '1,2345', '12a', '1 2.3.4', '--5', '1e5'])('rejects %j with a Chinese message', (text) => {
    const message = moneyError(() => parseAmountInput(text, '元'));
    expect(message).toMatch(CHINESE);
    expect(message).toContain('不是有效的金额');
  });

  it('rejects more decimals than the unit allows', () => {
    const yuan = moneyError(() => parseAmountInput('1.234', '元'));
    expect(yuan).toMatch(CHINESE);
    expect(yuan).toContain('小数位过多');
    expect(yuan).toContain('元');
    expect(yuan).toContain('2位');
    const wan = moneyError(() => parseAmountInput('1.2345678', '万元'));
    expect(wan).toContain('小数位过多');
    expect(wan).toContain('6位');
    // A unit suffix changes the limit: 1.234万元 is exact, 1.234元 is not.
    expect(parseAmountInput('1.234万元', '元').fen).toBe(1_234_000);
  });
});

describe('decimalToFen', () => {
  it('is exact where floating point is not', () => {
    // 1.15 * 100 = 114.99999999999999, 4.35 * 100 = 434.99999999999994 in floating point
    expect(decimalToFen('1.15', '元')).toBe(115);
    expect(decimalToFen('4.35', '元')).toBe(435);
    expect(decimalToFen('0.29', '元')).toBe(29);
    expect(decimalToFen('753.321537', '万元')).toBe(753_321_537);
    expect(decimalToFen('0.000001', '万元')).toBe(1);
    expect(decimalToFen('125', '分')).toBe(125);
    expect(decimalToFen('125.00', '分')).toBe(125);
  });

  it('is exact for large values up to MAX_AMOUNT_FEN (just under 10 万亿元)', () => {
    expect(decimalToFen('123456789012.34', '元')).toBe(12_345_678_901_234);
    expect(decimalToFen('9999999999999.99', '元')).toBe(MAX_AMOUNT_FEN);
    expect(decimalToFen('-9999999999999.99', '元')).toBe(-MAX_AMOUNT_FEN);
    expect(decimalToFen('999999999.999999', '万元')).toBe(MAX_AMOUNT_FEN);
    expect(decimalToFen('999999999999999', '分')).toBe(MAX_AMOUNT_FEN);
    expect(decimalToFen('12345678.901234', '万元')).toBe(12_345_678_901_234);
  });

  it('reads nine whole digits and ten alike (the short ones without BigInt), and minus zero as zero', () => {
    expect(decimalToFen('999999999.99', '元')).toBe(99_999_999_999);
    expect(decimalToFen('1000000000.01', '元')).toBe(100_000_000_001);
    expect(decimalToFen('-123456789.123456', '万元')).toBe(-123_456_789_123_456);
    expect(decimalToFen('-1234567891.23', '元')).toBe(-123_456_789_123);
    expect(() => decimalToFen('1000000000', '万元')).toThrow(MoneyError);
    expect(Object.is(decimalToFen('-0.00', '元'), 0)).toBe(true);
    expect(Object.is(parseAmountInput('-0', '万元').fen, 0)).toBe(true);
    expect(parseAmountInput('0012.50', '万元')).toEqual({ fen: 12_500_000, unit: '万元' });
  });

  it('every accepted amount round-trips exactly through a JSON number of 元', () => {
    for (const fen of [MAX_AMOUNT_FEN, MAX_AMOUNT_FEN - 1, 987_654_321_098_765, 123_456_789_012_301]) {
      const viaJson = JSON.parse(JSON.stringify(fenToYuanNumber(fen))) as number;
      expect(decimalToFen(numberToDecimal(viaJson), '元')).toBe(fen);
    }
  });

  it('rejects amounts beyond the safe range', () => {
    const message = moneyError(() => decimalToFen('10000000000000.00', '元'));
    expect(message).toContain('超出可记录的金额范围');
    expect(() => decimalToFen('1000000000000000', '分')).toThrow(MoneyError);
    expect(() => decimalToFen('90071992547409.91', '元')).toThrow(MoneyError);
  });

  it('rejects malformed text and excess decimals with Chinese messages', () => {
    for (const text of ['', 'abc', '1e5', '1,234', '.5', '1.2.3', ' 1']) {
      expect(moneyError(() => decimalToFen(text, '元')), text).toContain('不是有效的数字');
    }
    expect(moneyError(() => decimalToFen('1.5', '分'))).toContain('最多0位小数');
    expect(moneyError(() => decimalToFen('1.001', '元'))).toContain('最多2位小数');
    expect(moneyError(() => decimalToFen('1.0000001', '万元'))).toContain('最多6位小数');
  });
});

describe('fenToYuanText and fenToWanText', () => {
  it('writes exact 元 with two decimals', () => {
    expect(fenToYuanText(753_321_537)).toBe('7533215.37');
    expect(fenToYuanText(0)).toBe('0.00');
    expect(fenToYuanText(5)).toBe('0.05');
    expect(fenToYuanText(100)).toBe('1.00');
    expect(fenToYuanText(-5)).toBe('-0.05');
    expect(fenToYuanText(-123_456)).toBe('-1234.56');
    expect(fenToYuanText(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('round-trips through decimalToFen', () => {
    for (const fen of [0, 1, 99, 100, 753_321_537, -10_000, MAX_AMOUNT_FEN, -MAX_AMOUNT_FEN]) {
      expect(decimalToFen(fenToYuanText(fen), '元')).toBe(fen);
      expect(decimalToFen(fenToWanText(fen), '万元')).toBe(fen);
    }
  });

  it('writes exact 万元 with trailing zeros trimmed', () => {
    expect(fenToWanText(753_321_537)).toBe('753.321537');
    expect(fenToWanText(1_000_000)).toBe('1');
    expect(fenToWanText(1_500_000)).toBe('1.5');
    expect(fenToWanText(-1)).toBe('-0.000001');
  });

  it('refuses non-integer 分', () => {
    expect(() => fenToYuanText(1.5)).toThrow(MoneyError);
    expect(() => assertFen('12')).toThrow(MoneyError);
    expect(assertFen(12)).toBe(12);
  });
});
