/**
 * Table geometry of 第二部分: borders and cell margins, the text sizes and their paragraph style
 * ids, column widths, line height, header text split into balanced lines, and the heights of the
 * header and body rows (for the 目录's page numbers, see pageFlow).
 */
import { AlignmentType, BorderStyle, Table, TableLayoutType, type TableRow, WidthType } from 'docx';
import type { DerivedTable } from '../../../../shared/domain/tables';
import { type CellAlignment, SECTION_TITLE } from '../print/printed';
import { countLines } from './lineBreaking';

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
export const TABLE_BORDERS = {
  top: TABLE_BORDER,
  bottom: TABLE_BORDER,
  left: TABLE_BORDER,
  right: TABLE_BORDER,
  insideHorizontal: TABLE_BORDER,
  insideVertical: TABLE_BORDER,
};
export const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 };

/** A table `width` twips wide in fixed columns of `widths` twips, centred, with the tables' borders and cell margins. */
export function fixedTable(width: number, widths: number[], rows: TableRow[] = []): Table {
  return new Table({
    rows,
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    alignment: AlignmentType.CENTER,
  });
}

export type { CellAlignment } from '../print/printed';

/** Table text sizes (half-points) that have cell paragraph styles; see tableTextSize. */
export const TABLE_SIZES = [18, 19] as const;

/** The paragraph style of table text at a size and alignment, bold or not, e.g. `TableText18Right`, `TableText18RightBold`. */
export function tableStyleId(size: number, alignment: CellAlignment, bold = false): string {
  return `TableText${String(size)}${alignment === 'left' ? 'Left' : alignment === 'center' ? 'Center' : 'Right'}${bold ? 'Bold' : ''}`;
}

/** Table text size (half-points): 9pt on the crowded landscape tables, 9.5pt on the portrait ones (a 16-character 科目名称 fits its column). */
export function tableTextSize(table: DerivedTable): number {
  return table.landscape ? 18 : 19;
}

/** Column widths in twips, proportional to ColumnDef.width, summing exactly to the text width. */
export function columnWidthsTwips(table: DerivedTable, total: number): number[] {
  const units = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => Math.floor((c.width * total) / units));
  const rest = total - widths.reduce((s, w) => s + w, 0);
  if (widths.length > 0) widths[widths.length - 1]! += rest;
  return widths;
}

export function spanWidth(widths: number[], start: number, span: number): number {
  let w = 0;
  for (let i = start; i < start + span && i < widths.length; i++) w += widths[i]!;
  return w;
}

/** Exact line height of table text (twips): the rows are as tall in Word, WPS and LibreOffice whatever the font. */
export function tableLine(size: number): number {
  return Math.round(size * 10 * 1.25);
}

/** Width of text in ems: CJK and full-width characters are one em, the rest half. */
function textEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’]/.test(ch) ? 1 : 0.5;
  return ems;
}

/**
 * A header text split into balanced lines when it does not fit its cell, so that Word does not
 * leave a single character on the last line (`附属单位上缴收` / `入` becomes `附属单位` / `上缴收入`).
 */
export function headerLines(text: string, cellWidthTwips: number, size: number): string[] {
  const room = (cellWidthTwips - CELL_MARGINS.left - CELL_MARGINS.right) / (size * 10);
  const ems = textEms(text);
  if (ems <= room || room < 1 || /\s/.test(text)) return [text];
  const chars = [...text];
  const lines = Math.ceil(ems / Math.floor(room));
  const per = Math.ceil(chars.length / lines);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += per) out.push(chars.slice(i, i + per).join(''));
  return out;
}

/** Any character outside ASCII: the run names its east-Asian font (CJK text, full-width and ambiguous punctuation). */
export const NON_ASCII = /[^\x00-\x7f]/;

export { SECTION_TITLE } from '../print/printed';

/**
 * Extra height of a table row over its lines (twips): the 0.5pt rule between rows, which
 * LibreOffice and Word add to the row.
 */
const ROW_RULE = 10;

/** Lines of a cell's text in a cell `width` twips wide, keeping `slack` ems of it free. */
export function cellLines(text: string, width: number, size: number, slack = 0): number {
  if (text === '') return 1;
  const room = (width - CELL_MARGINS.left - CELL_MARGINS.right) / (size * 10) - slack;
  return countLines(text, room, room);
}

/** Heights of a table's header rows and body rows (twips), as Word and LibreOffice size them. */
export function tableRowHeights(table: DerivedTable, widths: number[], size: number): { header: number[]; rows: number[] } {
  const line = tableLine(size);
  const lines = (text: string, width: number) => cellLines(text, width, size);
  // Header: cells laid out as headerRows lays them out; a cell spanning rows spreads its lines over them.
  const columns = table.columns.length;
  const rowLines: number[] = table.header.map(() => 1);
  const below: number[] = new Array(columns).fill(0);
  table.header.forEach((cells, r) => {
    let col = 0;
    let next = 0;
    while (col < columns) {
      if (below[col]! > 0) {
        below[col]! -= 1;
        col += 1;
        continue;
      }
      const cell = cells[next++];
      if (!cell) break;
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, columns - col));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, table.header.length - r));
      const width = spanWidth(widths, col, colSpan);
      const text = SECTION_TITLE.test(cell.text) ? [cell.text] : headerLines(cell.text, width, size);
      const need = text.reduce((n, t) => n + lines(t, width), 0);
      const have = rowLines.slice(r, r + rowSpan).reduce((a, b) => a + b, 0);
      if (need > have) rowLines[r + rowSpan - 1]! += need - have;
      for (let c = col; c < col + colSpan; c++) below[c] = rowSpan - 1;
      col += colSpan;
    }
  });
  const rows = table.rows.map((row) => {
    let most = 1;
    for (let col = 0; col < row.cells.length; ) {
      const cell = row.cells[col]!;
      const span = cell.kind === 'covered' ? 1 : Math.max(1, Math.min(cell.colSpan ?? 1, row.cells.length - col));
      if (cell.kind !== 'covered' && cell.text !== '') most = Math.max(most, lines(cell.text, spanWidth(widths, col, span)));
      col += span;
    }
    return most * line + ROW_RULE;
  });
  return { header: rowLines.map((n) => n * line + ROW_RULE), rows };
}
