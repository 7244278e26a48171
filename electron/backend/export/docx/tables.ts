/**
 * 第二部分: the ten tables, each in its own section (landscape where wide): title, table code and
 * the 编制单位 / year / 单位 line above the table, the table, and its 注 below.
 */
import { AlignmentType, type FileChild, type ISectionOptions, LineRuleType, Paragraph, TabStopType } from 'docx';
import type { PackageModel } from '../../../../shared/domain/package';
import { type DerivedTable, tableList } from '../../../../shared/domain/tables';
import { tableTitleText } from '../print/printed';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { type PageGeometry, section, TABLE_LANDSCAPE, TABLE_PORTRAIT, textWidth } from './page';
import { BODY_METRICS, HEADING_METRICS_BASE, type ParagraphMetrics } from './pageFlow';
import { heading, partHeading } from './paragraphs';
import { bodyRowsXml, TableWithBody } from './tableBody';
import { headerRows } from './tableHeader';
import { columnWidthsTwips, fixedTable, tableLine, tableRowHeights, tableTextSize } from './tableLayout';

/** Paragraph metrics of the lines above and below a table (see tableBlock). */
const TABLE_TITLE_METRICS: ParagraphMetrics = { ...HEADING_METRICS_BASE, size: SIZE.tableTitle, line: 440, exact: true, before: 0, after: 0, firstLine: 0 };
const TABLE_MARK_METRICS: ParagraphMetrics = { ...HEADING_METRICS_BASE, size: SIZE.tableMark, line: 300, exact: true, before: 0, after: 0, firstLine: 0, keepLines: false };

function tableBlock(toc: Outline, table: DerivedTable, page: PageGeometry, first: { partTitle: string } | null): FileChild[] {
  const width = textWidth(page);
  const size = tableTextSize(table);
  const widths = columnWidthsTwips(table, width);
  const children: FileChild[] = [];
  toc.flow.section(page);
  if (first) children.push(partHeading(toc, first.partTitle, { compact: true }));
  children.push(
    heading(toc, 2, tableTitleText(table), {
      font: FONTS.hei,
      size: SIZE.tableTitle,
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 0, after: 0, line: TABLE_TITLE_METRICS.line, lineRule: LineRuleType.EXACT },
      indent: { firstLine: 0, firstLineChars: 0 },
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext: true,
      spacing: { before: 0, after: 0, line: TABLE_MARK_METRICS.line, lineRule: LineRuleType.EXACT },
      children: [run(table.code, FONTS.song, SIZE.tableMark)],
    }),
    new Paragraph({
      keepNext: true,
      spacing: { before: 0, after: 40, line: TABLE_MARK_METRICS.line, lineRule: LineRuleType.EXACT },
      tabStops: [
        { type: TabStopType.CENTER, position: Math.round(width / 2) },
        { type: TabStopType.RIGHT, position: width },
      ],
      children: [run(`${table.orgLine}\t${table.yearLine}\t${table.unitLine}`, FONTS.song, SIZE.tableMark)],
    }),
    new TableWithBody(
      () => fixedTable(width, widths, headerRows(table, widths, size)),
      () => bodyRowsXml(table, widths, size),
    ),
  );
  toc.flow.paragraph(table.code, TABLE_MARK_METRICS);
  // Three tab-separated parts on one line.
  toc.flow.paragraph('', { ...TABLE_MARK_METRICS, after: 40 });
  toc.flow.table(tableRowHeights(table, widths, size));
  const notes = [table.note, table.emptyNote].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  const noteMetrics: ParagraphMetrics = { ...BODY_METRICS, size, line: tableLine(size), before: 40, firstLine: 0 };
  notes.forEach((note) => {
    toc.flow.paragraph(note, noteMetrics);
    children.push(
      new Paragraph({
        spacing: { before: 40, after: 0, line: tableLine(size), lineRule: LineRuleType.EXACT },
        children: [run(note, FONTS.song, size)],
      }),
    );
  });
  return children;
}

export function tableSections(model: PackageModel, toc: Outline, step: () => void): ISectionOptions[] {
  return tableList(model.tables).map((table, i) => {
    const page = table.landscape ? TABLE_LANDSCAPE : TABLE_PORTRAIT;
    const s = section(page, tableBlock(toc, table, page, i === 0 ? { partTitle: `第二部分 ${model.year}年部门决算表` } : null));
    step();
    return s;
  });
}
