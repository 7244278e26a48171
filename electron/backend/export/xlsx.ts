/**
 * Excel export of the ten tables (公开01表 … 公开10表), after a 部门决算单位构成 sheet when the
 * department lists 下属单位: one worksheet per table, laid out as
 * the published tables are — title, 公开NN表, 部门名称 / 年度 / 金额单位, the merged header rows,
 * the body, the 注 line — with print setup (A4, landscape where wide, fit to width, header rows
 * repeated on every page) and frozen panes below the header.
 *
 * Figures are never recomputed here: a money cell's value is its printed text (万元, two
 * decimals) read back as a number, so the sheet shows exactly what the tables print.
 */
import ExcelJS from 'exceljs';
import { factsHashKeywords } from '../../../shared/domain/factsHash';
import type { SubordinateUnit } from '../../../shared/domain/model';
import { UNIT_COMPOSITION_COLUMNS, UNIT_COMPOSITION_TITLE } from '../../../shared/domain/package';
import type { EvaluationSet, FormContext } from '../../../shared/domain/selfEvaluation';
import { addEvaluationSheets } from './xlsxForms';
import {
  type Cell,
  type ColumnDef,
  type DerivedTable,
  type DerivedTables,
  type Row,
  tableList,
} from '../../../shared/domain/tables';
import { placeHeader, type PlacedHeaderCell } from '../../../shared/domain/tables/header';

export interface RenderXlsxOptions {
  /** 第五部分 附件: one sheet per 自评表 (自评表01…) and a 自评汇总 sheet after the ten tables. */
  evaluation?: { set: EvaluationSet; ctx: FormContext };
  /** Called after each worksheet is laid out (done of total sheets). */
  onProgress?: (done: number, total: number) => void;
  /**
   * 部门决算单位构成 (PackageModel.overview.units): when not empty, a first sheet lists them
   * (序号, 单位名称, 备注), as 第一部分 of the Word package does.
   */
  units?: readonly SubordinateUnit[];
  /** The content hash of the facts the tables are made from (factsHash), kept in the workbook's keywords. */
  factsHash?: string;
}

/** 万元 with two decimals and thousands separators; zero prints blank. */
export const MONEY_FORMAT = '#,##0.00;-#,##0.00;""';
/** The same without thousands separators (the report's grouping setting off). */
export const MONEY_FORMAT_PLAIN = '0.00;-0.00;""';
/** Whole numbers (vehicles, equipment); zero prints blank. */
export const COUNT_FORMAT = '0;-0;""';
/** Cells whose content must stay text (科目代码). */
const TEXT_FORMAT = '@';

export const WORKBOOK_CREATOR = '部门决算公开助手';

const TABLE_FONT = '宋体';
const TITLE_FONT = '黑体';
/** GB2312: tells Excel and WPS to pick the Chinese face without guessing. */
const CHARSET_GB2312 = 134;
const TABLE_SIZE = 11;
const TITLE_SIZE = 16;

/** Rows above the header: title, 公开NN表, 部门名称 / 年度 / 金额单位. */
const TITLE_ROW = 1;
const CODE_ROW = 2;
const ORG_ROW = 3;
const FIRST_HEADER_ROW = 4;

/** Row heights in points. */
const LINE_HEIGHT = 14.5;
const ROW_PADDING = 5;
const BODY_ROW_MIN = 18;
const HEADER_ROW_MIN = 20;

export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

export function font(options: { bold?: boolean; size?: number; name?: string } = {}): Partial<ExcelJS.Font> {
  return {
    name: options.name ?? TABLE_FONT,
    size: options.size ?? TABLE_SIZE,
    bold: options.bold ?? false,
    charset: CHARSET_GB2312,
  };
}

// ---------------------------------------------------------------------------------------------
// Text measurement (Excel column-width units: one unit is about one Latin digit; a CJK glyph of
// the 11pt table font is about two)

function isWide(code: number): boolean {
  // General punctuation (“ ” — …), CJK, full-width forms: one em in 宋体.
  return code >= 0x2000;
}

/** Width of a single line of text at the table font size, in column-width units. */
export function textUnits(text: string, size = TABLE_SIZE): number {
  let units = 0;
  for (const ch of text) units += isWide(ch.codePointAt(0) ?? 0) ? 2.05 : 1.2;
  return (units * size) / TABLE_SIZE;
}

/** Lines needed to print `text` wrapped in `width` units (breaks anywhere, as CJK text does). */
export function linesIn(text: string, width: number, size = TABLE_SIZE): number {
  if (text === '') return 1;
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(textUnits(part, size) / usable - 0.02));
  return lines;
}

export function heightFor(lines: number, min: number): number {
  return Math.max(min, Math.ceil((lines * LINE_HEIGHT + ROW_PADDING) * 4) / 4);
}

// ---------------------------------------------------------------------------------------------
// Header grid: placeHeader (shared/domain/tables/header.ts) puts the header cells on the grid.

export { placeHeader, type PlacedHeaderCell } from '../../../shared/domain/tables/header';

/** Words a two-line header name is best broken after (一般公共预算 / 财政拨款, 公务用车 / 购置费). */
const HEADER_BREAKS = ['预算', '单位', '经营', '出国', '用车'];

/**
 * Breaks a header name that needs two lines after a whole word, when one fits both lines
 * (`附属单位` / `上缴收入` rather than `附属单位上缴收` / `入`); otherwise leaves wrapping to the viewer.
 */
export function breakHeaderText(text: string, width: number): string {
  if (text.includes('\n') || linesIn(text, width) !== 2) return text;
  const usable = width - 1.5;
  const fitting = wordBreaks(text).filter(([head, tail]) => textUnits(head) <= usable && textUnits(tail) <= usable);
  const best = fitting[0];
  return best ? `${best[0]}\n${best[1]}` : text;
}

/** Two-line splits of a header name after a whole word, most balanced first. */
function wordBreaks(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const word of HEADER_BREAKS) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const cut = at + word.length;
      if (cut < text.length) out.push([text.slice(0, cut), text.slice(cut)]);
    }
  }
  const imbalance = ([head, tail]: [string, string]) => Math.abs(textUnits(head) - textUnits(tail));
  return out.sort((a, b) => imbalance(a) - imbalance(b));
}

/** The width a one-column header name needs to print on at most two lines, broken after a word where one is near the middle. */
function headerWidth(text: string): number {
  const balanced = textUnits(text) / 2 + 2.5;
  const longest = ([head, tail]: [string, string]) => Math.max(textUnits(head), textUnits(tail)) + 2;
  const byWord = wordBreaks(text).map(longest).filter((w) => w <= balanced + 4);
  return byWord.length > 0 ? Math.max(balanced, Math.min(...byWord)) : balanced;
}

// ---------------------------------------------------------------------------------------------
// Column widths

/** A column of width w is 7w + 5 pixels wide at 96 dpi (Excel, default font Calibri 11). */
const DIGIT_PX = 7;
const COLUMN_PAD_PX = 5;
/** Printable width of A4 between narrow margins (0.25 in each side), at 96 dpi. */
const PRINTABLE_PX = { portrait: (8.27 - 0.5) * 96, landscape: (11.69 - 0.5) * 96 } as const;
/** Columns grow at most this much to fill the page. */
const MAX_GROW = 1.5;
/** Room taken by an indent of one level. */
const INDENT_UNITS = 1.5;

/** The number a money or count cell holds: its printed text, or null when printed blank. */
function printedNumber(cell: Cell): number | null {
  if (cell.text === '') return null;
  const n = Number(cell.text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function isFigure(cell: Cell): boolean {
  return (cell.kind === 'input' || cell.kind === 'derived') && (cell.valueType === 'money' || cell.valueType === 'count');
}

/** Column widths: ColumnDef.width, widened so figures and codes never show ### or get cut. */
function columnWidths(table: DerivedTable): number[] {
  const widths = table.columns.map((c) => Math.max(c.width, 5));
  table.columns.forEach((col, j) => {
    let figures = 0;
    let labels = 0;
    for (const row of table.rows) {
      const cell = row.cells[j];
      if (!cell || (cell.colSpan ?? 1) > 1) continue;
      if (isFigure(cell)) {
        // The number format adds separators even when the text has none.
        const n = printedNumber(cell);
        const shown = n === null ? '' : cell.valueType === 'money' ? n.toLocaleString('en-US', { minimumFractionDigits: 2 }) : String(n);
        figures = Math.max(figures, textUnits(shown) + INDENT_UNITS + 2);
      } else if (cell.kind === 'code' || cell.kind === 'lineNo' || cell.kind === 'na') {
        figures = Math.max(figures, textUnits(cell.text) + INDENT_UNITS + 2);
      } else if (cell.kind === 'label') {
        labels = Math.max(labels, textUnits(cell.text) + INDENT_UNITS + 1.5);
      }
    }
    // Labels may wrap, but take up to half as much room again before they do.
    widths[j] = Math.max(widths[j]!, figures, Math.min(labels, col.width * 1.5));
  });
  // A header name takes at most two lines.
  for (const p of placeHeader(table.header, widths.length)) {
    if (p.colSpan === 1) widths[p.col] = Math.max(widths[p.col]!, headerWidth(p.text));
  }
  // Widen proportionally to fill the printable width of the page (as the published tables do).
  const available = (PRINTABLE_PX[table.landscape ? 'landscape' : 'portrait'] * 0.97 - COLUMN_PAD_PX * widths.length) / DIGIT_PX;
  const sum = widths.reduce((s, w) => s + w, 0);
  const grow = Math.min(MAX_GROW, Math.max(1, available / sum));
  return widths.map((w) => columnWidth(w * grow));
}

/** Rounds a width to a quarter unit; exceljs omits a width of exactly 9 (its default), so avoid it. */
function columnWidth(width: number): number {
  const w = Math.round(width * 4) / 4;
  return w === 9 ? 9.25 : w;
}

// ---------------------------------------------------------------------------------------------
// The 部门名称 / 年度 / 金额单位 row: three merged groups of columns

interface Span {
  from: number;
  to: number;
}

function spanWidth(widths: readonly number[], span: Span): number {
  let w = 0;
  for (let c = span.from; c <= span.to; c++) w += widths[c] ?? 0;
  return w;
}

/**
 * Splits the columns into org (left), year (centred) and unit (right) groups: org and unit take
 * as few columns as their text needs, the year takes the middle columns whose centre is nearest
 * the table's centre. Widens the middle columns when the year would not fit.
 */
function orgRowSpans(table: DerivedTable, widths: number[]): [Span, Span, Span] {
  const n = widths.length;
  const need = (text: string) => textUnits(text) + 2;
  let orgEnd = 0;
  while (orgEnd < n - 3 && spanWidth(widths, { from: 0, to: orgEnd }) < need(table.orgLine)) orgEnd++;
  let unitStart = n - 1;
  while (unitStart > orgEnd + 2 && spanWidth(widths, { from: unitStart, to: n - 1 }) < need(table.unitLine)) unitStart--;
  const total = spanWidth(widths, { from: 0, to: n - 1 });
  const yearNeed = need(table.yearLine);
  let best: Span | null = null;
  let bestScore = Infinity;
  for (let a = orgEnd + 1; a < unitStart; a++) {
    for (let b = a; b < unitStart; b++) {
      const left = spanWidth(widths, { from: 0, to: a - 1 });
      const width = spanWidth(widths, { from: a, to: b });
      if (width < yearNeed) continue;
      const score = Math.abs(left + width / 2 - total / 2) + width / 1000;
      if (score < bestScore) {
        bestScore = score;
        best = { from: a, to: b };
      }
    }
  }
  if (!best) {
    best = { from: orgEnd + 1, to: unitStart - 1 };
    const short = yearNeed - spanWidth(widths, best);
    const count = best.to - best.from + 1;
    for (let c = best.from; c <= best.to; c++) widths[c] = columnWidth(widths[c]! + short / count + 0.125);
  }
  return [
    { from: 0, to: best.from - 1 },
    best,
    { from: best.to + 1, to: n - 1 },
  ];
}

// ---------------------------------------------------------------------------------------------
// One worksheet

export function merge(ws: ExcelJS.Worksheet, row1: number, col1: number, row2: number, col2: number): void {
  if (row1 === row2 && col1 === col2) return;
  ws.mergeCells(row1, col1, row2, col2);
}

/** Sets the style of every cell of a rectangle (merged cells print the borders of all parts). */
export function styleRange(
  ws: ExcelJS.Worksheet,
  row1: number,
  col1: number,
  row2: number,
  col2: number,
  style: { font: Partial<ExcelJS.Font>; alignment: Partial<ExcelJS.Alignment>; border?: Partial<ExcelJS.Borders> },
): void {
  for (let r = row1; r <= row2; r++) {
    for (let c = col1; c <= col2; c++) {
      const cell = ws.getCell(r, c);
      cell.font = style.font;
      cell.alignment = style.alignment;
      if (style.border) cell.border = style.border;
    }
  }
}

function bodyAlignment(cell: Cell, column: ColumnDef, row: Row): Partial<ExcelJS.Alignment> {
  switch (cell.kind) {
    case 'input':
    case 'derived':
      return { horizontal: 'right', vertical: 'middle', indent: 1 };
    case 'na':
    case 'lineNo':
      return { horizontal: 'center', vertical: 'middle' };
    case 'code':
      return { horizontal: 'left', vertical: 'middle', indent: 1 };
    case 'label':
      if (row.kind === 'subheader') return { horizontal: 'center', vertical: 'middle', wrapText: true };
      if ((cell.colSpan ?? 1) > 1 && row.kind === 'total') return { horizontal: 'center', vertical: 'middle', wrapText: true };
      if (column.align === 'center') return { horizontal: 'center', vertical: 'middle', wrapText: true };
      return { horizontal: 'left', vertical: 'middle', wrapText: true, indent: 1 };
    default:
      return { horizontal: column.align, vertical: 'middle' };
  }
}

function writeBodyCell(target: ExcelJS.Cell, cell: Cell, grouping: boolean): void {
  switch (cell.kind) {
    case 'input':
    case 'derived': {
      const n = printedNumber(cell);
      if (cell.valueType === 'count') {
        target.numFmt = COUNT_FORMAT;
        if (n !== null) target.value = n;
        else if (cell.text !== '') target.value = cell.text;
      } else {
        // A non-zero amount that rounds to 0.00 prints `0.00`, which the zero-blank format would hide.
        target.numFmt = n === 0 ? '0.00' : grouping ? MONEY_FORMAT : MONEY_FORMAT_PLAIN;
        if (n !== null) target.value = n;
        else if (cell.text !== '') target.value = cell.text;
      }
      return;
    }
    case 'code':
      target.numFmt = TEXT_FORMAT;
      target.value = cell.text;
      return;
    case 'lineNo': {
      if (cell.text === '') return;
      const n = Number(cell.text);
      target.value = Number.isInteger(n) ? n : cell.text;
      return;
    }
    case 'label':
    case 'na':
      if (cell.text !== '') target.value = cell.text;
      return;
    case 'blank':
    case 'covered':
      return;
  }
}

function addTableSheet(workbook: ExcelJS.Workbook, table: DerivedTable): void {
  const n = table.columns.length;
  if (n < 3) throw new Error(`${table.code}：列数不足`);
  const widths = columnWidths(table);
  const [orgSpan, yearSpan, unitSpan] = orgRowSpans(table, widths);
  const totalWidth = widths.reduce((s, w) => s + w, 0);

  const headerRows = table.header.length;
  const lastHeaderRow = FIRST_HEADER_ROW + headerRows - 1;
  const firstBodyRow = lastHeaderRow + 1;

  const ws = workbook.addWorksheet(table.code, {
    properties: { defaultRowHeight: BODY_ROW_MIN },
    views: [{ state: 'frozen', xSplit: 0, ySplit: lastHeaderRow, topLeftCell: `A${firstBodyRow}`, activeCell: `A${firstBodyRow}`, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: table.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      verticalCentered: false,
      // Excel's "Narrow" margins (inches).
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `${FIRST_HEADER_ROW}:${lastHeaderRow}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页' },
  });
  ws.columns = widths.map((width) => ({ width }));

  // Title, 公开NN表, 部门名称 / 年度 / 金额单位.
  merge(ws, TITLE_ROW, 1, TITLE_ROW, n);
  ws.getCell(TITLE_ROW, 1).value = table.title;
  styleRange(ws, TITLE_ROW, 1, TITLE_ROW, n, {
    font: font({ name: TITLE_FONT, size: TITLE_SIZE, bold: true }),
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  ws.getRow(TITLE_ROW).height = heightFor(linesIn(table.title, totalWidth, TITLE_SIZE), 32);

  merge(ws, CODE_ROW, 1, CODE_ROW, n);
  ws.getCell(CODE_ROW, 1).value = table.code;
  styleRange(ws, CODE_ROW, 1, CODE_ROW, n, { font: font(), alignment: { horizontal: 'right', vertical: 'middle' } });
  ws.getRow(CODE_ROW).height = BODY_ROW_MIN;

  const orgLine: [Span, string, ExcelJS.Alignment['horizontal']][] = [
    [orgSpan, table.orgLine, 'left'],
    [yearSpan, table.yearLine, 'center'],
    [unitSpan, table.unitLine, 'right'],
  ];
  for (const [span, text, horizontal] of orgLine) {
    merge(ws, ORG_ROW, span.from + 1, ORG_ROW, span.to + 1);
    ws.getCell(ORG_ROW, span.from + 1).value = text;
    styleRange(ws, ORG_ROW, span.from + 1, ORG_ROW, span.to + 1, { font: font(), alignment: { horizontal, vertical: 'middle' } });
  }
  ws.getRow(ORG_ROW).height = 20;

  // Header rows, merged as the HeaderCell spans say.
  const placed = placeHeader(table.header, n);
  const headerHeights = new Array<number>(headerRows).fill(HEADER_ROW_MIN);
  const widthOf = (p: PlacedHeaderCell) => spanWidth(widths, { from: p.col, to: p.col + p.colSpan - 1 });
  for (const p of placed) p.text = breakHeaderText(p.text, widthOf(p));
  const linesOf = (p: PlacedHeaderCell) => linesIn(p.text, widthOf(p));
  for (const p of placed) {
    if (p.rowSpan === 1) headerHeights[p.row] = Math.max(headerHeights[p.row]!, heightFor(linesOf(p), HEADER_ROW_MIN));
  }
  for (const p of placed) {
    if (p.rowSpan === 1) continue;
    const needed = heightFor(linesOf(p), HEADER_ROW_MIN);
    let have = 0;
    for (let r = p.row; r < p.row + p.rowSpan; r++) have += headerHeights[r]!;
    if (have < needed) {
      const extra = (needed - have) / p.rowSpan;
      for (let r = p.row; r < p.row + p.rowSpan; r++) headerHeights[r] = Math.ceil((headerHeights[r]! + extra) * 4) / 4;
    }
  }
  for (const p of placed) {
    const row = FIRST_HEADER_ROW + p.row;
    const col = p.col + 1;
    merge(ws, row, col, row + p.rowSpan - 1, col + p.colSpan - 1);
    if (p.text !== '') ws.getCell(row, col).value = p.text;
    styleRange(ws, row, col, row + p.rowSpan - 1, col + p.colSpan - 1, {
      font: font(),
      alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      border: THIN,
    });
  }
  headerHeights.forEach((height, r) => (ws.getRow(FIRST_HEADER_ROW + r).height = height));

  // Body.
  table.rows.forEach((row, i) => {
    const r = firstBodyRow + i;
    const bold = row.kind === 'total' || row.kind === 'class' || row.kind === 'section';
    let lines = 1;
    for (let j = 0; j < n; j++) {
      const cell = row.cells[j] ?? { kind: 'blank', text: '' };
      if (cell.kind === 'covered') continue;
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, n - j));
      merge(ws, r, j + 1, r, j + span);
      const target = ws.getCell(r, j + 1);
      writeBodyCell(target, cell, table.grouping);
      styleRange(ws, r, j + 1, r, j + span, {
        font: font({ bold }),
        alignment: bodyAlignment(cell, table.columns[j]!, row),
        border: THIN,
      });
      if (cell.kind === 'label') lines = Math.max(lines, linesIn(cell.text, spanWidth(widths, { from: j, to: j + span - 1 })));
    }
    ws.getRow(r).height = heightFor(lines, BODY_ROW_MIN);
  });

  // 注 and 说明 below the table.
  let r = firstBodyRow + table.rows.length;
  for (const text of [table.note, table.emptyNote ?? '']) {
    if (text === '') continue;
    merge(ws, r, 1, r, n);
    ws.getCell(r, 1).value = text;
    styleRange(ws, r, 1, r, n, { font: font(), alignment: { horizontal: 'left', vertical: 'top', wrapText: true } });
    ws.getRow(r).height = heightFor(linesIn(text, totalWidth), BODY_ROW_MIN);
    r++;
  }
}

/** The 部门决算单位构成 sheet: title, the department line, 序号 | 单位名称 | 备注 with borders. */
function addUnitSheet(workbook: ExcelJS.Workbook, department: string, units: readonly SubordinateUnit[]): void {
  const widths = [8, 48, 36];
  const headerRow = 3;
  const ws = workbook.addWorksheet(UNIT_COMPOSITION_TITLE, {
    properties: { defaultRowHeight: BODY_ROW_MIN },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}`, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printTitlesRow: `${headerRow}:${headerRow}`,
    },
    headerFooter: { oddFooter: '&C第 &P 页' },
  });
  ws.columns = widths.map((width) => ({ width }));
  merge(ws, TITLE_ROW, 1, TITLE_ROW, 3);
  ws.getCell(TITLE_ROW, 1).value = UNIT_COMPOSITION_TITLE;
  styleRange(ws, TITLE_ROW, 1, TITLE_ROW, 3, { font: font({ name: TITLE_FONT, size: TITLE_SIZE, bold: true }), alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(TITLE_ROW).height = 32;
  merge(ws, CODE_ROW, 1, CODE_ROW, 3);
  ws.getCell(CODE_ROW, 1).value = `部门名称：${department}`;
  styleRange(ws, CODE_ROW, 1, CODE_ROW, 3, { font: font(), alignment: { horizontal: 'left', vertical: 'middle' } });
  UNIT_COMPOSITION_COLUMNS.forEach((text, k) => {
    ws.getCell(headerRow, k + 1).value = text;
    styleRange(ws, headerRow, k + 1, headerRow, k + 1, { font: font({ bold: true }), alignment: { horizontal: 'center', vertical: 'middle' }, border: THIN });
  });
  ws.getRow(headerRow).height = HEADER_ROW_MIN;
  units.forEach((u, i) => {
    const r = headerRow + 1 + i;
    const values: (number | string)[] = [i + 1, u.name, u.note];
    values.forEach((value, k) => {
      if (value !== '') ws.getCell(r, k + 1).value = value;
      styleRange(ws, r, k + 1, r, k + 1, { font: font(), alignment: { horizontal: k === 0 ? 'center' : 'left', vertical: 'middle', wrapText: k > 0 }, border: THIN });
    });
    ws.getRow(r).height = heightFor(Math.max(linesIn(u.name, widths[1]!), linesIn(u.note, widths[2]!)), BODY_ROW_MIN);
  });
}

/** Renders the ten tables as an .xlsx workbook, one worksheet per table in official order. */
export async function renderXlsx(tables: DerivedTables, options: RenderXlsxOptions = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const list = tableList(tables);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) throw new Error('没有表格可以导出');
  const department = first.orgLine.replace(/^[^：]*：/, '');
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.title = `${department}${first.yearLine}决算公开表`;
  workbook.subject = `部门决算公开 ${first.code}—${last.code}`;
  if (options.factsHash) workbook.keywords = factsHashKeywords(options.factsHash);
  const now = new Date();
  workbook.created = now;
  workbook.modified = now;

  const units = options.units ?? [];
  const total = list.length + (units.length > 0 ? 1 : 0);
  options.onProgress?.(0, total);
  if (units.length > 0) {
    addUnitSheet(workbook, department, units);
    options.onProgress?.(1, total);
  }
  for (const [k, table] of list.entries()) {
    addTableSheet(workbook, table);
    options.onProgress?.(total - list.length + k + 1, total);
    // Let the event loop breathe between sheets so a progress bar can repaint.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (options.evaluation && options.evaluation.set.forms.length > 0) addEvaluationSheets(workbook, options.evaluation.set, options.evaluation.ctx);
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
