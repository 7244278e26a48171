import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { inputPlaces } from '../../shared/domain/checks';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { deriveTables } from '../../shared/domain/tables';

describe('where a grey figure is typed', () => {
  const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  const { department, report, customCodes } = parsed.value;
  const tables = deriveTables(department, report, getCatalogue(report.edition, customCodes));

  it('traces a 公开04表 类 line back to the 项 of 公开05表 and 公开07表 (seed 002)', () => {
    const general = inputPlaces(tables, ['04.L33.general']);
    expect(general.map((p) => p.table)).toEqual(['05']);
    expect(general[0]!.cells).toContain('05.2011301.basic');
    expect(general[0]!.cells.every((c) => c.startsWith('05.201'))).toBe(true);
    const total = inputPlaces(tables, ['04.L59.total']);
    expect(total.map((p) => p.table)).toEqual(['05', '07']);
    expect(total.find((p) => p.table === '07')!.cells).toContain('07.2159802.project');
  });

  it('an input cell is its own place; 表02 财政拨款收入 is where its funds are typed', () => {
    expect(inputPlaces(tables, ['04.L60.general'])).toEqual([{ table: '04', cells: ['04.L60.general'] }]);
    expect(inputPlaces(tables, ['02.201.fiscal'])[0]).toMatchObject({ table: '02' });
    expect(inputPlaces(tables, ['02.201.fiscal'])[0]!.cells).toContain('02.2011301.fiscal');
  });
});
