/** 显示上年数: last year's figure of every cell, by the id the cell has this year (codes the catalogue moved followed). */
import { describe, expect, it } from 'vitest';
import { priorCellsFromTables, priorCellsFromTyped } from '../../renderer/features/compare/priorCells';
import { getCatalogue } from '../../shared/domain/catalogue';
import { deriveTables } from '../../shared/domain/tables';
import { twoYears } from '../harness/twoYears';

describe('priorCells', () => {
  const { pkg, prior } = twoYears();
  const last = deriveTables(pkg.department, prior, getCatalogue(2023, pkg.customCodes));

  it('gives each value cell of last year’s tables, money in 分 and counts as counts', () => {
    const cells = priorCellsFromTables(last, 2023);
    expect(cells.get('03.2011301.total')).toEqual({ value: 350_000_000, count: false, source: '2023年度' });
    expect(cells.get('01.L31.amount')?.value).toBe(last['01'].rows.find((r) => r.key === 'L31')!.cells[2]!.value);
    expect(cells.get('10.L15.value')).toEqual({ value: 1, count: true, source: '2023年度' });
    expect(cells.has('03.2159802.total')).toBe(false); // no such line in 2023
  });

  it('follows a code the catalogue moved to this year’s code', () => {
    const cells = priorCellsFromTables(last, 2023, new Map([['2011302', '2011350']]));
    expect(cells.get('03.2011350.total')?.value).toBe(5_000_000);
    expect(cells.has('03.2011302.total')).toBe(false);
  });

  it('without last year in the file: the typed 上年数 on the cells they stand for', () => {
    const tables = deriveTables(pkg.department, pkg.report, getCatalogue(2024, pkg.customCodes));
    const cells = priorCellsFromTyped(pkg.report, tables);
    expect(cells.get('01.L31.amount')).toEqual({ value: 1_710_180_000, count: false, source: '本年填写的上年数' });
    expect(cells.get('05.201.subtotal')?.value).toBe(708_080_000);
    expect(cells.has('06.publicTotal.amount')).toBe(false); // 机关运行经费 reads table 10, not 06
  });
});
