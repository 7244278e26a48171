/**
 * Excel sheets of 第五部分 附件, after the ten tables: 自评汇总 (项目, 全年预算, 全年执行, 执行率,
 * 总分, 等级 — figures as numbers with a number format) and one sheet per form (`自评表01` …) in the
 * chosen printed layout (shared/domain/selfEvaluation/printLayout.ts), the project name in the
 * page header, A4 portrait fitted to the width, the indicator grid's header repeated on every page.
 * Figures come from the derived model; nothing is recomputed here.
 */
import type ExcelJS from 'exceljs';
import {
  type EvaluationSet,
  type FormContext,
  formGrid,
  formatRate,
  type GridCell,
  type PrintedGrid,
  roundToHundredth,
  summarise,
} from '../../../shared/domain/selfEvaluation';
import { font, heightFor, linesIn, merge, styleRange, THIN } from './xlsx';

const SIZE = 10;
const MIN_ROW = 16;
/** Printable width of A4 portrait with narrow margins, in column units (about 7 px each). */
const PAGE_UNITS = 104;

export function formSheetName(index: number): string {
  return `自评表${String(index + 1).padStart(2, '0')}`;
}

function pageSetup(printTitlesRow?: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.25, right: 0.25, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow } : {}),
  };
}

/** Page-header text: `&` doubled so the project name prints as typed. */
function headerText(text: string): string {
  return text.replace(/&/gu, '&&');
}

function writeCell(target: ExcelJS.Cell, cell: GridCell): void {
  if (cell.value !== undefined && cell.text !== '') {
    target.value = cell.value;
    target.numFmt = cell.format ?? 'General';
  } else if (cell.text !== '') target.value = cell.text;
}

/** Writes a grid's rows from `first` (1-based); returns the next free row and the grid header's row. */
function writeGrid(ws: ExcelJS.Worksheet, grid: PrintedGrid, widths: number[], first: number): { next: number; headerRow: number | null } {
  let r = first;
  let headerRow: number | null = null;
  for (const block of grid.blocks) {
    const columns = widths.length;
    const pending: number[] = new Array(columns).fill(0);
    const lines: number[] = block.rows.map(() => 1);
    const spanning: { from: number; to: number; need: number }[] = [];
    block.rows.forEach((cells, i) => {
      let col = 0;
      for (const cell of cells) {
        while (col < columns && pending[col]! > 0) col++;
        if (col >= columns) break;
        const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, columns - col));
        const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, block.rows.length - i));
        const row = r + i;
        merge(ws, row, col + 1, row + rowSpan - 1, col + colSpan);
        writeCell(ws.getCell(row, col + 1), cell);
        styleRange(ws, row, col + 1, row + rowSpan - 1, col + colSpan, {
          font: font({ bold: cell.bold ?? false, size: SIZE }),
          alignment: { horizontal: cell.align ?? 'left', vertical: 'middle', wrapText: true },
          border: THIN,
        });
        let width = 0;
        for (let c = col; c < col + colSpan; c++) width += widths[c]!;
        const need = linesIn(cell.text, width, SIZE);
        if (rowSpan === 1) lines[i] = Math.max(lines[i]!, need);
        else spanning.push({ from: i, to: i + rowSpan - 1, need });
        for (let c = col; c < col + colSpan; c++) pending[c] = rowSpan;
        col += colSpan;
      }
      for (let c = 0; c < columns; c++) if (pending[c]! > 0) pending[c]! -= 1;
    });
    for (const s of spanning) {
      const have = lines.slice(s.from, s.to + 1).reduce((a, b) => a + b, 0);
      if (s.need > have) lines[s.to]! += s.need - have;
    }
    lines.forEach((n, i) => (ws.getRow(r + i).height = heightFor(n, MIN_ROW)));
    if (block.headerRows > 0 && headerRow === null) headerRow = r;
    r += block.rows.length;
  }
  return { next: r, headerRow };
}

function addFormSheet(workbook: ExcelJS.Workbook, name: string, projectName: string, grid: PrintedGrid): void {
  const units = grid.columns.reduce((a, b) => a + b, 0);
  const widths = grid.columns.map((c) => Math.round(((c * PAGE_UNITS) / units) * 10) / 10);
  const ws = workbook.addWorksheet(name, {
    views: [{ showGridLines: false }],
    headerFooter: { oddHeader: `&L${headerText(projectName)}`, oddFooter: '&C第 &P 页' },
  });
  ws.columns = widths.map((width) => ({ width }));
  const n = widths.length;
  merge(ws, 1, 1, 1, n);
  ws.getCell(1, 1).value = grid.title;
  styleRange(ws, 1, 1, 1, n, { font: font({ bold: true, size: 16, name: '黑体' }), alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 28;
  grid.subtitle.forEach((line, k) => {
    const row = 2 + k;
    merge(ws, row, 1, row, n);
    ws.getCell(row, 1).value = line;
    styleRange(ws, row, 1, row, n, { font: font({ size: SIZE }), alignment: { horizontal: grid.subtitle.length === 1 ? 'center' : 'left', vertical: 'middle' } });
    ws.getRow(row).height = MIN_ROW;
  });
  const { headerRow } = writeGrid(ws, grid, widths, 2 + grid.subtitle.length);
  ws.pageSetup = { ...ws.pageSetup, ...pageSetup(headerRow === null ? undefined : `${headerRow}:${headerRow}`) };
}

function addSummarySheet(workbook: ExcelJS.Workbook, set: EvaluationSet, ctx: FormContext): void {
  const ws = workbook.addWorksheet('自评汇总', { views: [{ state: 'frozen', ySplit: 3, showGridLines: false }] });
  ws.pageSetup = { ...ws.pageSetup, ...pageSetup('3:3') };
  ws.headerFooter = { oddFooter: '&C第 &P 页' };
  const head = ['序号', '项目', '全年预算(万元)', '全年执行(万元)', '执行率', '总分', '等级'];
  ws.columns = [6, 44, 14, 14, 10, 9, 7].map((width) => ({ width }));
  merge(ws, 1, 1, 1, head.length);
  ws.getCell(1, 1).value = `${ctx.year}年度项目支出绩效自评汇总`;
  styleRange(ws, 1, 1, 1, head.length, { font: font({ bold: true, size: 16, name: '黑体' }), alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 28;
  merge(ws, 2, 1, 2, head.length);
  ws.getCell(2, 1).value = `单位名称：${ctx.departmentName}`;
  styleRange(ws, 2, 1, 2, head.length, { font: font({ size: SIZE }), alignment: { horizontal: 'left', vertical: 'middle' } });
  head.forEach((h, c) => (ws.getCell(3, c + 1).value = h));
  styleRange(ws, 3, 1, 3, head.length, { font: font({ bold: true, size: SIZE }), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: THIN });
  const s = summarise(set);
  s.rows.forEach((row, k) => {
    const r = 4 + k;
    const cells: [number | string, string?][] = [
      [k + 1],
      [row.name],
      [row.budget / 1_000_000, '#,##0.00####'],
      [row.spent / 1_000_000, '#,##0.00####'],
      row.rateBp === null ? [formatRate(null)] : [row.rateBp / 10000, '0.00%'],
      [roundToHundredth(row.total) / 1000, 'General'],
      [row.grade],
    ];
    cells.forEach(([value, format], c) => {
      const cell = ws.getCell(r, c + 1);
      cell.value = value;
      if (format) cell.numFmt = format;
    });
    styleRange(ws, r, 1, r, 2, { font: font({ size: SIZE }), alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: THIN });
    styleRange(ws, r, 3, r, 6, { font: font({ size: SIZE }), alignment: { horizontal: 'right', vertical: 'middle' }, border: THIN });
    styleRange(ws, r, 7, r, 7, { font: font({ size: SIZE }), alignment: { horizontal: 'center', vertical: 'middle' }, border: THIN });
    ws.getRow(r).height = heightFor(linesIn(row.name, 44, SIZE), MIN_ROW);
  });
  const r = 4 + s.rows.length;
  ws.getCell(r, 1).value = '合计';
  merge(ws, r, 1, r, 2);
  ws.getCell(r, 3).value = s.budget / 1_000_000;
  ws.getCell(r, 4).value = s.spent / 1_000_000;
  ws.getCell(r, 3).numFmt = '#,##0.00####';
  ws.getCell(r, 4).numFmt = '#,##0.00####';
  ws.getCell(r, 5).value = `优${s.byGrade.优} 良${s.byGrade.良} 中${s.byGrade.中} 差${s.byGrade.差}`;
  merge(ws, r, 5, r, 7);
  styleRange(ws, r, 1, r, 7, { font: font({ bold: true, size: SIZE }), alignment: { horizontal: 'center', vertical: 'middle' }, border: THIN });
}

export function addEvaluationSheets(workbook: ExcelJS.Workbook, set: EvaluationSet, ctx: FormContext): void {
  addSummarySheet(workbook, set, ctx);
  set.forms.forEach((form, k) => addFormSheet(workbook, formSheetName(k), form.name, formGrid(form, set.settings, ctx)));
}
