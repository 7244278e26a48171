/** 公开01表 收入支出决算总表 */
import { TABLE01_CLASSES } from '../catalogue';
import { INCOME_SOURCE_NAMES, INCOME_SOURCES, type SummaryField } from '../model';
import { type BuildContext, chineseNumeral, derivedMoney, h, inputMoney } from './cells';
import { context, frame, type TableInput } from './frame';
import { blanks, lineId, lineRows, lineValue, type LineSide } from './lineTables';
import { subjectTotal } from './subjects';
import type { Cell, ColumnDef, DerivedTable, TableId } from './types';
import { tableShortName } from '../templates/tableSpecs';

export const TABLE01_COLUMNS: ColumnDef[] = [
  { key: 'itemL', name: '收入项目', width: 30, align: 'left' },
  { key: 'lineL', name: '行次', width: 5, align: 'center' },
  { key: 'amount', name: '金额', width: 14, align: 'right' },
  { key: 'itemR', name: '支出项目', width: 30, align: 'left' },
  { key: 'lineR', name: '行次', width: 5, align: 'center' },
  { key: 'amountR', name: '金额', width: 14, align: 'right' },
];

/** Line 28's wording changed in 2024. */
export function table01Line28Label(edition: number): string {
  return edition >= 2024 ? '使用非财政拨款结余（含专用结余）' : '使用非财政拨款结余和专用结余';
}

function sumOf(ctx: BuildContext, id: string, lines: readonly number[], cells: Map<number, Cell>, formula: string): Cell {
  const fen = lines.reduce((s, l) => s + (cells.get(l)?.value ?? 0), 0);
  return derivedMoney(ctx, id, fen, { formula, refs: lines.map((l) => lineId(ctx.table, l, 'amount')) });
}

function summaryInput(ctx: BuildContext, line: number, input: TableInput, field: SummaryField): Cell {
  return inputMoney(ctx, lineId(ctx.table, line, 'amount'), input.report.summary[field], { kind: 'summary', field });
}

/** 公开01表 (上海's 表1 lays the same lines out without 行次: `id` names the table built). */
export function table01(input: TableInput, t02: DerivedTable, t03: DerivedTable, t04: DerivedTable, tableId: TableId = '01'): DerivedTable {
  const ctx = context(tableId, input);
  const cells = new Map<number, Cell>();
  const id = (line: number) => lineId(tableId, line, 'amount');
  const [n02, n03, n04] = [t02, t03, t04].map((t) => tableShortName(t.id));

  // Lines 1–8: income by source. Fiscal funds come from table 04, the rest from table 02's 合计 row.
  const table02Column: Record<string, string> = {
    superior: 'superior',
    business: 'business',
    operating: 'operating',
    affiliated: 'affiliated',
    other: 'other',
  };
  INCOME_SOURCES.forEach((source, k) => {
    const line = k + 1;
    const column = table02Column[source];
    const ref = column ? `${t02.id}.total.${column}` : lineId(t04.id, line, 'amount');
    const value = column ? subjectTotal(t02, 'total', column) : lineValue(t04, line, 'amount');
    const formula = column ? `= ${n02} 合计行 ${INCOME_SOURCE_NAMES[source]}` : `= ${n04} 第${line}行`;
    cells.set(line, derivedMoney(ctx, id(line), value, { formula, refs: [ref] }));
  });
  cells.set(27, sumOf(ctx, id(27), [1, 2, 3, 4, 5, 6, 7, 8], cells, '= 第1至8行之和'));
  cells.set(28, summaryInput(ctx, 28, input, 'nonFiscalSurplusUsed'));
  cells.set(29, summaryInput(ctx, 29, input, 'openingBalance'));
  cells.set(31, sumOf(ctx, id(31), [27, 28, 29], cells, '= 第27、28、29行之和'));

  // Lines 32–57: the 26 类 of table 03.
  const classLines: number[] = [];
  TABLE01_CLASSES.forEach((code, k) => {
    const line = 32 + k;
    classLines.push(line);
    const ref = `${t03.id}.${code}.total`;
    const name = input.catalogue.functionalName(code) ?? code;
    cells.set(line, derivedMoney(ctx, id(line), subjectTotal(t03, code, 'total'), { formula: `= ${n03} ${code} ${name} 本年支出合计`, refs: [ref] }));
  });
  cells.set(58, sumOf(ctx, id(58), classLines, cells, '= 第32至57行之和'));
  cells.set(59, summaryInput(ctx, 59, input, 'surplusDistribution'));
  cells.set(60, summaryInput(ctx, 60, input, 'closingBalance'));
  cells.set(62, sumOf(ctx, id(62), [58, 59, 60], cells, '= 第58、59、60行之和'));

  const leftLabels: Record<number, string> = {
    27: '本年收入合计',
    28: table01Line28Label(input.report.edition),
    29: '年初结转和结余',
    31: '总计',
  };
  INCOME_SOURCES.forEach((s, k) => (leftLabels[k + 1] = `${chineseNumeral(k + 1)}、${INCOME_SOURCE_NAMES[s]}`));
  const rightLabels: Record<number, string> = { 58: '本年支出合计', 59: '结余分配', 60: '年末结转和结余', 62: '总计' };
  TABLE01_CLASSES.forEach((code, k) => {
    rightLabels[32 + k] = `${chineseNumeral(k + 1)}、${input.catalogue.functionalName(code) ?? code}`;
  });

  const side = (line: number, labels: Record<number, string>): LineSide => {
    const cell = cells.get(line);
    return { line, label: labels[line] ?? '', cells: cell ? [cell] : blanks(1) };
  };
  const left = Array.from({ length: 31 }, (_, k) => side(k + 1, leftLabels));
  const right = Array.from({ length: 31 }, (_, k) => side(k + 32, rightLabels));

  return {
    ...frame(tableId, input),
    columns: TABLE01_COLUMNS,
    header: [
      [h('收入', 3), h('支出', 3)],
      [h('项目'), h('行次'), h('金额'), h('项目'), h('行次'), h('金额')],
      [h('栏次'), h(''), h('1'), h('栏次'), h(''), h('2')],
    ],
    rows: lineRows(left, right),
  };
}
