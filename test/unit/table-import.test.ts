/**
 * The table importer's pure parts: anchors, printed values, and whole small sheets read through
 * `importTables` (a title not at A1, 类/款/项 columns, text figures, a header repeated after a
 * page break, 尾数 reconciled, a missing header refused).
 */
import { describe, expect, it } from 'vitest';
import { gridFromRows, ImportError, importTables } from '../../shared/domain/templates/shanxi/tableImport';
import { anchorsOf } from '../../shared/domain/templates/shanxi/tableImport/layout';
import { parseCount, parseMoney } from '../../shared/domain/templates/shanxi/tableImport/values';
import { cellById } from '../../shared/domain/tables';
import type { Department } from '../../shared/domain/model';

const DEPARTMENT: Department = { name: '测试局', unitKind: '行政单位', subordinateUnits: [] };
const place = () => '工作表“T”单元格 A1';
const text = (t: string) => ({ text: t });

describe('anchorsOf', () => {
  it('names each value by the 行次 or code before it, a new side after a value column', () => {
    const anchors = anchorsOf([
      { role: 'label', text: '一、一般公共预算财政拨款收入' },
      { role: 'line', text: '1' },
      { role: 'value', text: '' },
      { role: 'label', text: '一、一般公共服务支出' },
      { role: 'line', text: '32' },
      { role: 'value', text: '' },
    ]);
    expect(anchors[2]).toEqual({ strong: 'line:1', label: 'label:一般公共预算财政拨款收入' });
    expect(anchors[5]).toEqual({ strong: 'line:32', label: 'label:一般公共服务支出' });
  });

  it('keeps the code over the name, and reads text in a code column as a label', () => {
    expect(anchorsOf([{ role: 'code', text: '2011301' }, { role: 'label', text: '行政运行' }, { role: 'value', text: '' }])[2]).toEqual({
      strong: 'code:2011301',
      label: null,
    });
    expect(anchorsOf([{ role: 'code', text: '合 计' }, { role: 'label', text: '', covered: true }, { role: 'value', text: '' }])[2]).toEqual({
      strong: null,
      label: 'label:合计',
    });
  });

  it('gives a value with nothing before it on its side the row’s last label (a total printed across unmerged cells)', () => {
    const anchors = anchorsOf([
      { role: 'code', text: '公用经费合计' },
      { role: 'label', text: '' },
      { role: 'value', text: '' },
      { role: 'code', text: '' },
      { role: 'label', text: '' },
      { role: 'value', text: '' },
    ]);
    expect(anchors[5]).toEqual({ strong: null, label: 'label:公用经费合计' });
  });
});

describe('printed values', () => {
  it('reads 万元 as numbers or as text, with separators, full-width digits, brackets and dashes', () => {
    expect(parseMoney({ text: '753.32', number: 753.32 }, '万元', place)).toEqual({ value: 753_320_000, blank: false });
    expect(parseMoney(text('1,234.56'), '万元', place)).toEqual({ value: 1_234_560_000, blank: false });
    expect(parseMoney(text('１，２３４．５６'), '万元', place).value).toBe(1_234_560_000);
    expect(parseMoney(text('(12.00)'), '万元', place).value).toBe(-12_000_000);
    expect(parseMoney(text(' 8.85 万元'), '万元', place).value).toBe(8_850_000);
    expect(parseMoney(text('——'), '万元', place)).toEqual({ value: 0, blank: true });
    expect(parseMoney(text('-'), '万元', place).blank).toBe(true);
    expect(parseMoney(undefined, '万元', place).blank).toBe(true);
    expect(parseMoney(text('12345.67'), '元', place).value).toBe(1_234_567);
  });

  it('refuses what is no number, naming the cell', () => {
    expect(() => parseMoney(text('12.3.4'), '万元', place)).toThrow(/工作表“T”单元格 A1的内容“12\.3\.4”不是数字/);
    expect(() => parseMoney(text('约10万'), '万元', place)).toThrow(ImportError);
    expect(() => parseMoney({ text: '', uncalculated: true }, '万元', place)).toThrow(/公式，但文件中没有保存它的计算结果/);
    expect(() => parseCount(text('1.5'), place)).toThrow(/不是整数/);
    expect(parseCount(text('3辆'), place)).toEqual({ value: 3, blank: false });
  });
});

/** 表03 in the printed layout from B2, codes split 类 / 款 / 项, figures as text; 208 prints 239.70 over 230.84 + 8.85. */
function table03Rows(header = true): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    [],
    [null, '测试局2023年度支出决算表'],
    [null, null, null, null, null, null, null, null, null, '公开03表'],
    [null, '部门名称：测试局', null, null, null, '2023年度', null, null, null, '金额单位：万元'],
    [null, '项目', '项目', '项目', '项目', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
    [null, '科目编码', '科目编码', '科目编码', '科目名称'],
    [null, '类', '款', '项'],
    [null, '栏次', null, null, null, 1, 2, 3, 4, 5, 6],
    [null, '合计', null, null, null, '239.70', '230.84', '8.85'],
    [null, '208', null, null, '社会保障和就业支出', '239.70', '230.84', '8.85'],
    [null, null, '05', null, '行政事业单位养老支出', '230.84', '230.84'],
    [null, null, null, 1, '行政单位离退休', '230.84', '230.84'], // 项 01 stored as the number 1
    // A page break repeats the header.
    [null, '项目', '项目', '项目', '项目', '本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'],
    [null, null, '99', null, '其他社会保障和就业支出', '8.85', null, '8.85'],
    [null, null, null, '99', '其他社会保障和就业支出', '8.85', null, '8.85'],
    [null, '注：本表反映部门本年度各项支出情况。'],
  ];
  if (!header) rows[4] = [null, '项目', '项目', '项目', '项目', '本年支出合计', '', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];
  return rows;
}

describe('importTables on a small printed sheet', () => {
  it('reads a block that starts at B2 with split codes and text figures, and reconciles 尾数', () => {
    const result = importTables([gridFromRows('Sheet1', table03Rows())], { year: 2023, department: DEPARTMENT, base: null, customCodes: [] });
    expect(result.found).toEqual([{ table: '03', sheet: 'Sheet1', at: 'A2' }]);
    expect(result.report.items.map((i) => i.code)).toEqual(['2080501', '2089999']);
    expect(result.differences).toEqual([]);
    // 239.70 printed over 230.84 + 8.85: 尾数, within the envelope of 2 leaves, and reproduced.
    expect(result.rounding.map((r) => [r.address, r.printed, r.sumOfParts, r.adjusted])).toEqual([
      ['F9', 239_700_000, 239_690_000, true],
      ['F10', 239_700_000, 239_690_000, true],
    ]);
    expect(cellById(result.tables['03'], '03.208.total')?.text).toBe('239.70');
    expect(cellById(result.tables['03'], '03.2080501.basic')?.text).toBe('230.84');
    expect(cellById(result.tables['03'], '03.2089999.project')?.text).toBe('8.85');
  });

  it('refuses a block whose header lost a column name', () => {
    expect(() => importTables([gridFromRows('Sheet1', table03Rows(false))], { year: 2023, department: DEPARTMENT, base: null, customCodes: [] })).toThrow(
      /工作表“Sheet1”的公开03表（A2起）：表头（A5:K8）中找不到“基本支出”栏/,
    );
  });

  it('takes “单位：万元” for the unit, not for a department name', () => {
    const rows = table03Rows();
    rows[3] = [null, null, null, null, null, '2023年度', null, null, null, '单位：万元'];
    const result = importTables([gridFromRows('Sheet1', rows)], { year: 2023, department: DEPARTMENT, base: null, customCodes: [] });
    expect(result.department.name).toBe('测试局');
    expect(() => importTables([gridFromRows('Sheet1', rows.map((r) => r.map((c) => (c === '测试局2023年度支出决算表' ? '支出决算表' : c))))], { year: 2023, department: null, base: null, customCodes: [] })).toThrow(
      /没有“部门名称：……”一行/,
    );
  });

  it('refuses a workbook of another department', () => {
    expect(() =>
      importTables([gridFromRows('Sheet1', table03Rows())], { year: 2023, department: { ...DEPARTMENT, name: '别的局' }, base: null, customCodes: [] }),
    ).toThrow(/属于“测试局”，而此文件是“别的局”的/);
  });

  it('finds no table in a sheet of something else', () => {
    expect(() => importTables([gridFromRows('目录', [['二、收入决算表'], ['三、支出决算表']])], { year: 2023, department: DEPARTMENT, base: null, customCodes: [] })).toThrow(
      /工作簿中找不到任何公开表/,
    );
  });
});
