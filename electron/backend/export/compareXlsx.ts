/**
 * Excel export of a comparison of two years (决算对比): one sheet per table (公开01表 …) and one for
 * the 情况说明 figures, each line with 本年, 上年, 增减额 and 增减率 as numbers (万元 with two
 * decimals, counts as whole numbers, rates as percentages), a 说明 column (lines of one year only,
 * renamed 科目, changes beyond the threshold and the 情况说明 field explaining them), and print
 * setup (A4 landscape, fit to width, the header row repeated on every page).
 *
 * Nothing is recomputed: every figure is the comparison's (shared/domain/compare).
 */
import ExcelJS from 'exceljs';
import type { Comparison, CompareFigure, CompareLine, NarrativeFigure } from '../../../shared/domain/compare';
import { tableName, tableSpec } from '../../../shared/domain/tables';
import { WORKBOOK_CREATOR } from './xlsx';

export const COMPARE_HEADER = ['代码/行次', '名称', '栏目', '本年', '上年', '增减额', '增减率', '说明'] as const;

/** 万元 with two decimals (zero prints 0.00: a comparison shows both years' zeros). */
const MONEY = '#,##0.00;-#,##0.00;0.00';
const RATE = '0.00%;-0.00%;0.00%';
const COUNT = '0';
const HEADER_ROW = 3;
const WIDTHS = [12, 34, 22, 14, 14, 14, 11, 44];
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5, charset: 134 };
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
const ROW_LINE_HEIGHT = 14;

/** Lines a text takes in a column of `width` characters (a Chinese character is two). */
function linesIn(text: string, width: number): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return Math.max(1, Math.ceil(units / Math.max(1, width - 2)));
}

const HIGHLIGHT: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

export interface CompareXlsxOptions {
  /** `阳泉市商务局2024年与2023年决算对比`. */
  title: string;
}

function thresholdText(c: Comparison): string {
  return `阈值：增减率绝对值≥${(c.threshold.rateBp / 100).toFixed(2)}%且增减额≥${(c.threshold.amountUnits / 100).toFixed(2)}万元（上年为0时只看增减额）`;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, title: string, subtitle: string): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, WIDTHS.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { ...FONT, name: '黑体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  ws.mergeCells(2, 1, 2, WIDTHS.length);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = FONT;
  COMPARE_HEADER.forEach((text, k) => {
    const cell = ws.getCell(HEADER_ROW, k + 1);
    cell.value = text;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.border = THIN;
  });
  return ws;
}

/** A figure's four numbers: 万元 (or a count) and the rate as a fraction for the % format. */
function figureCells(f: Pick<CompareFigure, 'current' | 'prior' | 'diff' | 'rate'> & { valueType?: 'money' | 'count' }): (number | null)[] {
  const money = (f.valueType ?? 'money') === 'money';
  const amount = (v: number | null) => (v === null ? null : money ? v / 100 : v);
  return [amount(f.current ?? 0), amount(f.prior ?? 0), amount(f.diff), f.rate === null ? null : f.rate / 10000];
}

function lineNote(line: CompareLine, f: CompareFigure, comparison: Comparison): string {
  const notes: string[] = [];
  if (line.presence === 'current') notes.push(`${comparison.year}年新增`);
  if (line.presence === 'prior') notes.push(`${comparison.withYear}年有、${comparison.year}年无`);
  if (line.priorCode) notes.push(`上年科目${line.priorCode}`);
  if (line.priorName) notes.push(`上年名称“${line.priorName}”`);
  if (f.changed && f.rate === null) notes.push('上年为0，不计增减率');
  if (f.significant) notes.push('超过阈值');
  if (f.significant && line.explainedBy) notes.push(`见情况说明${line.explainedBy.sectionTitle}${line.explainedBy.field ? `（${line.explainedBy.field}）` : ''}`);
  return notes.join('；');
}

function writeRow(ws: ExcelJS.Worksheet, r: number, texts: [string, string, string], numbers: (number | null)[], count: boolean, note: string, bold: boolean, highlight: boolean): void {
  const row = ws.getRow(r);
  texts.forEach((t, k) => {
    const cell = row.getCell(k + 1);
    cell.numFmt = '@';
    if (t !== '') cell.value = t;
  });
  numbers.forEach((n, k) => {
    const cell = row.getCell(k + 4);
    cell.value = n;
    cell.numFmt = k === 3 ? RATE : count ? COUNT : MONEY;
  });
  if (note !== '') row.getCell(8).value = note;
  // Wrapped names and notes get the height they need (Excel does not grow a row written by a program).
  const lines = Math.max(linesIn(texts[1], WIDTHS[1]!), linesIn(note, WIDTHS[7]!));
  if (lines > 1) row.height = ROW_LINE_HEIGHT * lines + 3;
  for (let c = 1; c <= WIDTHS.length; c++) {
    const cell = row.getCell(c);
    cell.font = { ...FONT, bold };
    cell.border = THIN;
    cell.alignment = { vertical: 'middle', horizontal: c >= 4 && c <= 7 ? 'right' : 'left', wrapText: c === 2 || c === 8 };
    if (highlight) cell.fill = HIGHLIGHT;
  }
}

function writeNarrativeSheet(workbook: ExcelJS.Workbook, comparison: Comparison, title: string, subtitle: string): void {
  const ws = addSheet(workbook, '情况说明', `${title} 情况说明中的上年对比数`, subtitle);
  let r = HEADER_ROW + 1;
  for (const f of comparison.narrative) {
    const notes: string[] = [];
    if (f.prior === null) notes.push('上年数未知（文件中无上年报表，也未填写上年数）');
    else notes.push(f.priorSource === 'typed' ? '上年数：本年填写' : `上年数：${comparison.withYear}年度报表`);
    if (f.changed && f.rate === null) notes.push('上年为0，不计增减率');
    if (f.significant) notes.push('超过阈值');
    if (f.explainedBy) notes.push(`见${f.explainedBy.sectionTitle}${f.explainedBy.field ? `（${f.explainedBy.field}）` : ''}`);
    writeRow(ws, r, [f.key, f.label, ''], narrativeNumbers(f), false, notes.join('；'), false, f.significant);
    r++;
  }
}

function narrativeNumbers(f: NarrativeFigure): (number | null)[] {
  if (f.prior === null) return [f.current / 100, null, null, null];
  return figureCells(f);
}

/** Renders a comparison as an .xlsx workbook. */
export async function renderCompareXlsx(comparison: Comparison, options: CompareXlsxOptions): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  const title = options.title;
  workbook.title = title;
  const subtitle = `本年：${comparison.year}年度；上年：${comparison.withYear}年度；金额单位：万元。${thresholdText(comparison)}。两年均为零的行不列出。`;
  for (const t of comparison.tables) {
    const ws = addSheet(workbook, tableSpec(t.id).code, `${title} ${tableName(t.id)}`, subtitle);
    let r = HEADER_ROW + 1;
    for (const line of t.lines) {
      // Every row names its line (a filter in Excel keeps the code and name with the figures).
      for (const f of line.figures) {
        writeRow(ws, r, [line.code ?? line.lineNo ?? '', line.name, f.columnName], figureCells(f), f.valueType === 'count', lineNote(line, f, comparison), line.presence !== 'both', f.significant);
        r++;
      }
    }
    if (t.lines.length === 0) ws.getCell(r, 1).value = '两年均无数据';
  }
  writeNarrativeSheet(workbook, comparison, title, subtitle);
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
