/**
 * The body rows of a table (表体), most of the document: written directly in the form docx's
 * components give their XML in, and added to the Table docx builds for the header (TableWithBody).
 * Cells take font, size, line height and alignment from paragraph styles (TableText…, see styles)
 * and margins and borders from the table, so each cell is a few elements only.
 */
import { FileChild, type IContext, type IXmlableObject, type Table } from 'docx';
import type { DerivedTable, Row } from '../../../../shared/domain/tables';
import { FONTS } from './fonts';
import { BOLD_ROWS, bodyAlignment } from '../print/printed';
import { cellLines, NON_ASCII, spanWidth, tableStyleId } from './tableLayout';

/**
 * Whether a body row may have cells of different heights (a wrapped 科目名称): its cells are then
 * centred vertically. In a row of single lines every cell is one exact line tall, so centring
 * changes nothing there and is left out (it is most rows, and a fifth of the cells' XML). Text
 * within an em of its cell's width counts as wrapping, for fonts a little wider than estimated.
 */
function rowMayWrap(row: Row, widths: number[], size: number): boolean {
  for (let col = 0; col < row.cells.length; ) {
    const cell = row.cells[col]!;
    const span = cell.kind === 'covered' ? 1 : Math.max(1, Math.min(cell.colSpan ?? 1, row.cells.length - col));
    if (cell.kind !== 'covered' && cellLines(cell.text, spanWidth(widths, col, span), size, 1) > 1) return true;
    col += span;
  }
  return false;
}

/**
 * A table built when the document is written, one table at a time. docx's Table writes its
 * properties, grid and header rows (with their merges); the body rows, most of the document, are
 * added in the form docx's components give their XML in (`{ "w:tr": [...] }`, what
 * XmlComponent.prepForXml returns), by bodyRowsXml. The file is the same byte for byte as with a
 * TableRow, TableCell, Paragraph and TextRun per cell, at half the time and far less memory:
 * docx builds the whole document's XML at once, and a few objects per cell instead of a few dozen
 * is what keeps a 600-项 package's export within its memory budget.
 */
export class TableWithBody extends FileChild {
  constructor(
    private readonly shell: () => Table,
    private readonly body: () => IXmlableObject[],
  ) {
    super('w:tbl');
  }

  override prepForXml(context: IContext): IXmlableObject | undefined {
    const xml = this.shell().prepForXml(context);
    const children: unknown = xml?.['w:tbl'];
    if (!Array.isArray(children)) throw new Error('docx wrote a table in an unexpected form');
    for (const row of this.body()) children.push(row);
    return xml;
  }
}

/**
 * The body rows of a table as docx writes them (see TableWithBody): each row `cantSplit`, each cell
 * its width (and span), a paragraph of its TableText style and a run of its text (with the
 * east-Asian font when Chinese); cells centred vertically in rows that may wrap (rowMayWrap); the
 * last row kept with the 注 line below. The parts that repeat — row and cell properties, paragraph
 * properties, empty cells — are one shared object each.
 */
export function bodyRowsXml(table: DerivedTable, widths: number[], size: number): IXmlableObject[] {
  const shared = new Map<string, IXmlableObject>();
  const once = (key: string, make: () => IXmlableObject): IXmlableObject => {
    let x = shared.get(key);
    if (!x) shared.set(key, (x = make()));
    return x;
  };
  const rowProperties = { 'w:trPr': [{ 'w:cantSplit': {} }] };
  const preserve = { _attr: { 'xml:space': 'preserve' } };
  const chineseRun = { 'w:rPr': [{ 'w:rFonts': { _attr: { 'w:eastAsia': FONTS.song } } }] };
  const cellProperties = (width: number, span: number, center: boolean) =>
    once(`tcPr ${String(width)} ${String(span)} ${String(center)}`, () => ({
      'w:tcPr': [
        { 'w:tcW': { _attr: { 'w:type': 'dxa', 'w:w': width } } },
        ...(span > 1 ? [{ 'w:gridSpan': { _attr: { 'w:val': span } } }] : []),
        ...(center ? [{ 'w:vAlign': { _attr: { 'w:val': 'center' } } }] : []),
      ],
    }));
  const paragraphProperties = (style: string, keepNext: boolean) =>
    once(`pPr ${style} ${String(keepNext)}`, () => ({ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': style } } }, ...(keepNext ? [{ 'w:keepNext': {} }] : [])] }));
  const last = table.rows.length - 1;
  return table.rows.map((row, r) => {
    const bold = BOLD_ROWS.has(row.kind);
    const center = rowMayWrap(row, widths, size);
    // The last row stays with the 注 line below the table, which is never left alone on a page.
    const keepNext = r === last;
    const cells: IXmlableObject[] = [rowProperties];
    for (let col = 0; col < row.cells.length; ) {
      const cell = row.cells[col]!;
      // A covered cell without a spanning cell to its left keeps the grid whole, empty.
      const covered = cell.kind === 'covered';
      const span = covered ? 1 : Math.max(1, Math.min(cell.colSpan ?? 1, row.cells.length - col));
      const width = spanWidth(widths, col, span);
      const style = covered ? tableStyleId(size, 'left') : tableStyleId(size, bodyAlignment(table, row, cell, col), bold);
      const properties = cellProperties(width, span, center && !covered);
      const text = covered ? '' : cell.text;
      if (text === '') {
        cells.push(once(`tc ${String(width)} ${String(span)} ${String(center && !covered)} ${style} ${String(keepNext)}`, () => ({ 'w:tc': [properties, { 'w:p': [paragraphProperties(style, keepNext)] }] })));
      } else {
        const t = { 'w:t': [preserve, text] };
        cells.push({ 'w:tc': [properties, { 'w:p': [paragraphProperties(style, keepNext), { 'w:r': NON_ASCII.test(text) ? [chineseRun, t] : [t] }] }] });
      }
      col += span;
    }
    return { 'w:tr': cells };
  });
}
