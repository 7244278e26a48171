import { describe, expect, it } from 'vitest';
import type { FactRef } from '../../shared/domain/model';
import type { Grid, GridCell } from '../../renderer/features/tables/grid';
import { isBlock, parseClipboardBlock } from '../../renderer/features/tables/paste';
import { planPaste } from '../../renderer/features/tables/pastePlan';

describe('parseClipboardBlock', () => {
  it('splits tabs and newlines and drops the trailing newline Excel adds', () => {
    expect(parseClipboardBlock('1,234.56\t2\r\n3\t4\r\n')).toEqual([
      ['1,234.56', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps empty cells', () => {
    expect(parseClipboardBlock('1\t\t3\n\t5\t\n')).toEqual([
      ['1', '', '3'],
      ['', '5', ''],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and doubled quotes', () => {
    expect(parseClipboardBlock('"a\tb"\t"line1\nline2"\t"say ""hi"""\n7')).toEqual([['a\tb', 'line1\nline2', 'say "hi"'], ['7']]);
  });

  it('treats a stray quote as text', () => {
    expect(parseClipboardBlock('"12\t3')).toEqual([['"12', '3']]);
  });

  it('handles bare CR line ends (old WPS) and a single value', () => {
    expect(parseClipboardBlock('1\r2\r')).toEqual([['1'], ['2']]);
    expect(parseClipboardBlock('42')).toEqual([['42']]);
  });

  it('knows a block from a single value', () => {
    expect(isBlock('12.5')).toBe(false);
    expect(isBlock('12.5\n')).toBe(false);
    expect(isBlock('1\t2')).toBe(true);
    expect(isBlock('1\n2')).toBe(true);
  });
});

const ref = (code: string, field: 'expenditure.basic' | 'expenditure.project'): FactRef => ({ kind: 'item', code, field });
const input = (r: FactRef, label: string): GridCell => ({ kind: 'input', ref: r, valueType: 'money', value: 0, label });

// Rows: a 类 row (no inputs), two 项 rows with 基本/项目 inputs, a 合计-like row.
const grid: Grid = [
  [null, null, null],
  [null, input(ref('2010301', 'expenditure.basic'), 'A基本'), input(ref('2010301', 'expenditure.project'), 'A项目')],
  [null, null, null],
  [null, input(ref('2010302', 'expenditure.basic'), 'B基本'), input(ref('2010302', 'expenditure.project'), 'B项目')],
];

describe('planPaste', () => {
  it('fills consecutive input cells from the focused one, skipping rows without inputs', () => {
    const plan = planPaste(grid, { row: 1, col: 1 }, parseClipboardBlock('1\t2\n3\t4\n'), '万元');
    expect(plan.errors).toEqual([]);
    expect(plan.dropped).toBe(0);
    expect(plan.writes).toEqual([
      { ref: ref('2010301', 'expenditure.basic'), value: 1_000_000 },
      { ref: ref('2010301', 'expenditure.project'), value: 2_000_000 },
      { ref: ref('2010302', 'expenditure.basic'), value: 3_000_000 },
      { ref: ref('2010302', 'expenditure.project'), value: 4_000_000 },
    ]);
  });

  it('counts values that fall outside the editable cells', () => {
    const plan = planPaste(grid, { row: 1, col: 2 }, [['1', '2'], ['3'], ['4']], '元');
    expect(plan.writes.map((w) => w.value)).toEqual([100, 300]);
    expect(plan.dropped).toBe(2);
  });

  it('refuses the whole paste when one value is not an amount', () => {
    const plan = planPaste(grid, { row: 1, col: 1 }, [['1', '两万']], '万元');
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toContain('第1行第2列（A项目）');
    expect(plan.errors[0]).toContain('不是有效的金额');
  });

  it('puts a pasted 财政拨款收入 into 一般公共预算 when the other funds are empty', () => {
    const fields = ['income.generalBudget', 'income.govFund', 'income.stateCapital'] as const;
    const parts: FactRef[] = fields.map((field) => ({ kind: 'item', code: '2010301', field }));
    const g: Grid = [[{ kind: 'breakdown', refs: parts, values: [0, 0, 0], label: '财政拨款收入' }]];
    expect(planPaste(g, { row: 0, col: 0 }, [['12.5']], '万元').writes).toEqual([{ ref: parts[0], value: 12_500_000 }]);
    const split: Grid = [[{ kind: 'breakdown', refs: parts, values: [1, 2, 0], label: '财政拨款收入' }]];
    expect(planPaste(split, { row: 0, col: 0 }, [['12.5']], '万元').errors[0]).toContain('请在明细中分别填写');
  });
});
