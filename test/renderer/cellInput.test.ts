import { describe, expect, it } from 'vitest';
import { editText, parseCellText, specOf } from '../../renderer/features/tables/cellInput';

const money = { valueType: 'money', optional: false, allowNegative: false } as const;

describe('parseCellText: amounts', () => {
  it('accepts grouping, full-width digits and a trailing unit', () => {
    expect(parseCellText('1,234.56', money, '万元')).toEqual({ ok: true, value: 1_234_560_000 });
    expect(parseCellText('１２３．４５', money, '万元')).toEqual({ ok: true, value: 123_450_000 });
    expect(parseCellText('1,234.56元', money, '万元')).toEqual({ ok: true, value: 123_456 });
    expect(parseCellText('12万元', money, '元')).toEqual({ ok: true, value: 12_000_000 });
    expect(parseCellText(' 7533215.37 ', money, '元')).toEqual({ ok: true, value: 753_321_537 });
  });

  it('clears to zero, or to null for optional facts', () => {
    expect(parseCellText('', money, '万元')).toEqual({ ok: true, value: 0 });
    expect(parseCellText('  ', { ...money, optional: true }, '万元')).toEqual({ ok: true, value: null });
  });

  it('refuses bad entries with a Chinese message', () => {
    const bad = parseCellText('12a', money, '万元');
    expect(bad).toEqual({ ok: false, message: '“12a”不是有效的金额，请输入数字，例如 1,234.56' });
    const decimals = parseCellText('1.234', money, '元');
    expect(decimals.ok).toBe(false);
    if (!decimals.ok) expect(decimals.message).toContain('小数位过多');
    const commas = parseCellText('12,34', money, '万元');
    expect(commas.ok).toBe(false);
    const negative = parseCellText('-5', money, '万元');
    expect(negative).toEqual({ ok: false, message: '“-5”是负数，此处金额不能为负数' });
    expect(parseCellText('-5', { ...money, allowNegative: true }, '万元')).toEqual({ ok: true, value: -5_000_000 });
  });

  it('knows which facts are optional or may be negative', () => {
    expect(specOf({ kind: 'prior', key: 'incomeTotal' }, 'money').optional).toBe(true);
    expect(specOf({ kind: 'summary', field: 'surplusDistribution' }, 'money').allowNegative).toBe(true);
    expect(specOf({ kind: 'economic', code: '30101' }, 'money')).toEqual({ valueType: 'money', optional: false, allowNegative: false });
  });
});

describe('parseCellText: counts', () => {
  const count = { valueType: 'count', optional: false, allowNegative: false } as const;
  it('accepts whole numbers with a unit word', () => {
    expect(parseCellText('3', count, '万元')).toEqual({ ok: true, value: 3 });
    expect(parseCellText('１２辆', count, '万元')).toEqual({ ok: true, value: 12 });
    expect(parseCellText('5 人次', count, '万元')).toEqual({ ok: true, value: 5 });
  });
  it('refuses fractions and words', () => {
    expect(parseCellText('2.5', count, '万元')).toEqual({ ok: false, message: '“2.5”不是有效的数量，请输入整数，例如 3' });
    expect(parseCellText('三', count, '万元').ok).toBe(false);
  });
});

describe('editText', () => {
  it('shows the exact stored value in the input unit', () => {
    expect(editText(1_234_560_000, 'money', '万元')).toBe('1234.56');
    expect(editText(753_321_537, 'money', '万元')).toBe('753.321537');
    expect(editText(753_321_537, 'money', '元')).toBe('7533215.37');
    expect(editText(100_000, 'money', '元')).toBe('1000');
    expect(editText(0, 'money', '万元')).toBe('');
    expect(editText(null, 'money', '万元')).toBe('');
    expect(editText(4, 'count', '万元')).toBe('4');
  });
});

describe('optional counts (三公 批次/人次): typed 0 apart from not typed', () => {
  const spec = specOf({ kind: 'count', field: 'receptionBatches' }, 'count');
  it('a count is optional: clearing it means not typed (null), 0 is a typed zero shown as 0', () => {
    expect(spec.optional).toBe(true);
    expect(parseCellText('', spec, '万元')).toEqual({ ok: true, value: null });
    expect(parseCellText('0', spec, '万元')).toEqual({ ok: true, value: 0 });
    expect(editText(0, 'count', '万元', spec.optional)).toBe('0');
    expect(editText(null, 'count', '万元', spec.optional)).toBe('');
    // Vehicles are table cells: blank is 0 there.
    expect(specOf({ kind: 'vehicle', type: 'other' }, 'count').optional).toBe(false);
  });
});
