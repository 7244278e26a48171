/**
 * The header rows of a table (表头), built with docx's TableRow / TableCell: row spans as explicit
 * restart / continue cells, long headings split into balanced lines, repeated on every page.
 */
import { Paragraph, TableCell, TableRow, TextRun, VerticalAlignTable, VerticalMergeType } from 'docx';
import type { DerivedTable, HeaderCell } from '../../../../shared/domain/tables';
import { FONTS } from './fonts';
import { type CellAlignment, headerLines, NON_ASCII, SECTION_TITLE, spanWidth, tableStyleId } from './tableLayout';

/** Run options of Chinese table text, shared by every cell: font and size are the cell paragraph's style's. */
const CELL_RUN_CJK = { font: { eastAsia: FONTS.song } } as const;

/**
 * A table cell's paragraph. Fonts, size, weight, exact line height and alignment are the paragraph
 * style's (tableStyleId), so a figure's run carries nothing but its text, and a run with Chinese
 * text only its east-Asian font (named on every such run, as everywhere in the document).
 */
function cellParagraph(text: string | string[], alignment: CellAlignment, size: number, bold: boolean): Paragraph {
  const style = tableStyleId(size, alignment, bold);
  if (!Array.isArray(text)) {
    if (text === '') return new Paragraph({ style });
    return new Paragraph({ style, children: [NON_ASCII.test(text) ? new TextRun({ text, ...CELL_RUN_CJK }) : new TextRun(text)] });
  }
  const lines = text.filter((l) => l !== '');
  return new Paragraph({
    style,
    children: lines.map((line, i) => new TextRun({ text: line, ...(NON_ASCII.test(line) ? CELL_RUN_CJK : {}), ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/**
 * Header rows laid out like HTML (covered positions omitted): explicit restart/continue cells for
 * row spans. Cells carry no width or margins of their own: the table's grid and cell margins
 * give them (docx writes each cell's width from `columnWidths`).
 */
export function headerRows(table: DerivedTable, widths: number[], size: number): TableRow[] {
  const columns = table.columns.length;
  /** For each column, the cell spanning down into the current row: remaining rows and its colSpan. */
  const pending: ({ rows: number; colSpan: number } | null)[] = new Array(columns).fill(null);
  return table.header.map((cells: HeaderCell[]) => {
    const out: TableCell[] = [];
    let col = 0;
    let next = 0;
    while (col < columns) {
      const down = pending[col];
      if (down && down.rows > 0) {
        out.push(
          new TableCell({
            columnSpan: down.colSpan > 1 ? down.colSpan : undefined,
            verticalMerge: VerticalMergeType.CONTINUE,
            verticalAlign: VerticalAlignTable.CENTER,
            children: [cellParagraph('', 'center', size, false)],
          }),
        );
        down.rows -= 1;
        if (down.rows === 0) pending[col] = null;
        col += down.colSpan;
        continue;
      }
      const cell = cells[next++];
      if (!cell) break;
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, columns - col));
      const rowSpan = Math.max(1, cell.rowSpan ?? 1);
      out.push(
        new TableCell({
          columnSpan: colSpan > 1 ? colSpan : undefined,
          verticalMerge: rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
          verticalAlign: VerticalAlignTable.CENTER,
          children: [
            SECTION_TITLE.test(cell.text)
              ? cellParagraph(cell.text, 'left', size, true)
              : cellParagraph(headerLines(cell.text, spanWidth(widths, col, colSpan), size), 'center', size, false),
          ],
        }),
      );
      if (rowSpan > 1) pending[col] = { rows: rowSpan - 1, colSpan };
      col += colSpan;
    }
    return new TableRow({ children: out, tableHeader: true, cantSplit: true });
  });
}
