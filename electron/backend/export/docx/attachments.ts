/**
 * 第五部分 附件 with the year's 自评表 and 重点评价报告: A4 portrait, each form on its own page(s) in
 * the chosen printed layout (shared/domain/selfEvaluation/printLayout.ts), its indicator grid's
 * header repeated when the grid breaks across pages, then each 重点评价报告 (title, sections, its
 * 评价指标评分表). Every form and report is a 目录 entry (`附件1 项目名称`), with its page counted in
 * the page flow like the tables' (rows of exact line height; see tableLayout).
 *
 * The tables, most of a package with many forms, are written as XML text (`parts.asText`, see
 * textParts.ts) when docx writes the body, one table at a time: only their row heights are kept
 * from building the document to writing it.
 */
import { AlignmentType, type FileChild, type ISectionOptions, type IXmlableObject, LineRuleType, Paragraph, TextRun } from 'docx';
import type { PackageModel } from '../../../../shared/domain/package';
import { type FormContext, formGrid, type GridCell, keyReportGrid, placeCells, type PrintedGrid } from '../../../../shared/domain/selfEvaluation';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { type PageGeometry, section, TABLE_PORTRAIT, textWidth } from './page';
import { HEADING_METRICS_BASE, type ParagraphMetrics } from './pageFlow';
import { bodyParagraph, heading, partHeading } from './paragraphs';
import { TableWithBody } from './tableBody';
import { cellLines, fixedTable, NON_ASCII, spanWidth, tableLine, tableStyleId } from './tableLayout';
import type { AsText } from './textParts';

/** Form text: 9pt 宋体, as the crowded tables. */
const SIZE_FORM = 18;
const ROW_RULE = 10;
const PAGE: PageGeometry = TABLE_PORTRAIT;
const TITLE_METRICS: ParagraphMetrics = { ...HEADING_METRICS_BASE, size: SIZE.tableTitle, line: 440, exact: true, before: 0, after: 0, firstLine: 0 };
const LINE_METRICS: ParagraphMetrics = { ...HEADING_METRICS_BASE, size: SIZE.tableMark, line: 300, exact: true, before: 0, after: 0, firstLine: 0, keepLines: false };
/** The caption above a 重点评价报告's 评分表. */
const CAPTION_METRICS: ParagraphMetrics = { ...HEADING_METRICS_BASE, size: SIZE.tocEntry, line: 400, exact: true, before: 120, after: 120, firstLine: 0 };
/** Between two blocks of one form: a hairline paragraph, so the tables stay separate tables. */
const GAP_METRICS: ParagraphMetrics = { ...LINE_METRICS, size: 2, line: 20 };

function widthsOf(grid: PrintedGrid, total: number): number[] {
  const units = grid.columns.reduce((a, b) => a + b, 0);
  const widths = grid.columns.map((c) => Math.floor((c * total) / units));
  widths[widths.length - 1]! += total - widths.reduce((a, b) => a + b, 0);
  return widths;
}

type Xml = IXmlableObject;

/** Lines a cell's text takes (each `\n` starts a line). */
function linesOf(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + cellLines(line, width, SIZE_FORM), 0);
}

/** Whether each row is one line tall (every cell's text on one line, none spanning rows). */
function rowsSingleLine(rows: GridCell[][], widths: number[]): boolean[] {
  return placeCells(rows, widths.length).map((cells) => cells.every((p) => (p.cell.rowSpan ?? 1) <= 1 && linesOf(p.cell.text, spanWidth(widths, p.col, p.span)) <= 1));
}

/**
 * Each row's height (twips) for the page flow: the most lines of its cells, a cell spanning rows
 * putting what its rows lack on its last row.
 */
function blockHeights(rows: GridCell[][], widths: number[]): number[] {
  const lines: number[] = rows.map(() => 1);
  const spanning: { last: number; first: number; need: number }[] = [];
  placeCells(rows, widths.length).forEach((cells, r) => {
    for (const { cell, col, span } of cells) {
      const need = linesOf(cell.text, spanWidth(widths, col, span));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      if (rowSpan === 1) lines[r] = Math.max(lines[r]!, need);
      else spanning.push({ first: r, last: r + rowSpan - 1, need });
    }
  });
  for (const s of spanning) {
    const have = lines.slice(s.first, s.last + 1).reduce((a, b) => a + b, 0);
    if (s.need > have) lines[s.last]! += s.need - have;
  }
  const line = tableLine(SIZE_FORM);
  return lines.map((n) => n * line + ROW_RULE);
}

/**
 * The rows of one block as docx writes them (see TableWithBody in tableBody.ts: a few shared
 * objects per cell instead of a docx object tree), positions laid out like HTML (cells covered by
 * a row span omitted in `rows`, written here as continue cells); a row taller than most of a page
 * (`heights`, blockHeights) may break across pages.
 */
function blockRows(rows: GridCell[][], widths: number[], heights: readonly number[], headerRows: number, pageHeight: number, keepLast: boolean): Xml[] {
  const columns = widths.length;
  const shared = new Map<string, Xml>();
  const once = (key: string, make: () => Xml): Xml => {
    let x = shared.get(key);
    if (!x) shared.set(key, (x = make()));
    return x;
  };
  const preserve = { _attr: { 'xml:space': 'preserve' } };
  const chineseRun = { 'w:rPr': [{ 'w:rFonts': { _attr: { 'w:eastAsia': FONTS.song } } }] };
  /** Cells are centred vertically where a row may be taller than their text (a wrapped neighbour, a merge). */
  const cellProperties = (width: number, span: number, merge: 'restart' | 'continue' | null, center: boolean) =>
    once(`tcPr ${width} ${span} ${merge ?? ''} ${center}`, () => ({
      'w:tcPr': [
        { 'w:tcW': { _attr: { 'w:type': 'dxa', 'w:w': width } } },
        ...(span > 1 ? [{ 'w:gridSpan': { _attr: { 'w:val': span } } }] : []),
        ...(merge === 'restart' ? [{ 'w:vMerge': { _attr: { 'w:val': 'restart' } } }] : merge === 'continue' ? [{ 'w:vMerge': {} }] : []),
        ...(center ? [{ 'w:vAlign': { _attr: { 'w:val': 'center' } } }] : []),
      ],
    }));
  const paragraphProperties = (style: string, keepNext: boolean) =>
    once(`pPr ${style} ${keepNext}`, () => ({ 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': style } } }, ...(keepNext ? [{ 'w:keepNext': {} }] : [])] }));
  const paragraphs = (cell: GridCell | null, keepNext: boolean): Xml[] => {
    const style = tableStyleId(SIZE_FORM, cell?.align ?? 'left', cell?.bold ?? false);
    return (cell?.text ?? '').split('\n').map((line) =>
      line === ''
        ? once(`p ${style} ${keepNext}`, () => ({ 'w:p': [paragraphProperties(style, keepNext)] }))
        : { 'w:p': [paragraphProperties(style, keepNext), { 'w:r': NON_ASCII.test(line) ? [chineseRun, { 'w:t': [preserve, line] }] : [{ 'w:t': [preserve, line] }] }] },
    );
  };
  const pending: ({ rows: number; colSpan: number } | null)[] = new Array(columns).fill(null);
  const singleLine = rowsSingleLine(rows, widths);
  return rows.map((cells, r) => {
    const keepNext = keepLast && r === rows.length - 1;
    const out: Xml[] = [];
    let col = 0;
    let next = 0;
    while (col < columns) {
      const down = pending[col];
      if (down && down.rows > 0) {
        out.push({ 'w:tc': [cellProperties(spanWidth(widths, col, down.colSpan), down.colSpan, 'continue', false), ...paragraphs(null, keepNext)] });
        down.rows -= 1;
        if (down.rows === 0) pending[col] = null;
        col += down.colSpan;
        continue;
      }
      const cell = cells[next++];
      if (!cell) {
        // A short row: one empty cell to the right edge.
        out.push({ 'w:tc': [cellProperties(spanWidth(widths, col, columns - col), columns - col, null, false), ...paragraphs(null, keepNext)] });
        break;
      }
      const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, columns - col));
      const rowSpan = Math.max(1, Math.min(cell.rowSpan ?? 1, rows.length - r));
      out.push({ 'w:tc': [cellProperties(spanWidth(widths, col, colSpan), colSpan, rowSpan > 1 ? 'restart' : null, cell.text !== '' && (rowSpan > 1 || !singleLine[r]!)), ...paragraphs(cell, keepNext)] });
      if (rowSpan > 1) pending[col] = { rows: rowSpan - 1, colSpan };
      col += colSpan;
    }
    // A row taller than most of a page may break (Word would anyway).
    const cantSplit = (heights[r] ?? 0) < pageHeight * 0.8;
    const header = r < headerRows;
    const trPr = once(`trPr ${cantSplit} ${header}`, () => ({ 'w:trPr': [...(cantSplit ? [{ 'w:cantSplit': {} }] : []), ...(header ? [{ 'w:tblHeader': {} }] : [])] }));
    return { 'w:tr': [trPr, ...out] };
  });
}

function gridTables(toc: Outline, parts: AsText, grid: PrintedGrid, width: number, pageHeight: number): FileChild[] {
  const widths = widthsOf(grid, width);
  const out: FileChild[] = [];
  grid.blocks.forEach((block, b) => {
    if (b > 0) {
      toc.flow.paragraph('', GAP_METRICS);
      out.push(new Paragraph({ keepNext: true, spacing: { before: 0, after: 0, line: GAP_METRICS.line, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2 })] }));
    }
    // The heights now, for the page flow; the rows when the table is written, so no form's rows are held in between.
    const heights = blockHeights(block.rows, widths);
    toc.flow.table({ header: heights.slice(0, block.headerRows), rows: heights.slice(block.headerRows) });
    out.push(
      parts.asText(
        new TableWithBody(
          () => fixedTable(width, widths),
          () => blockRows(block.rows, widths, heights, block.headerRows, pageHeight, b < grid.blocks.length - 1),
        ),
      ),
    );
  });
  return out;
}

/** The centred title and the lines under it (年度 / 单位（盖章） and 填报日期). */
function titleLines(toc: Outline, grid: PrintedGrid): Paragraph[] {
  toc.flow.paragraph(grid.title, TITLE_METRICS);
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 0, after: 0, line: TITLE_METRICS.line, lineRule: LineRuleType.EXACT },
      children: [run(grid.title, FONTS.hei, SIZE.tableTitle)],
    }),
  ];
  grid.subtitle.forEach((line, k) => {
    const last = k === grid.subtitle.length - 1;
    toc.flow.paragraph(line, { ...LINE_METRICS, after: last ? 60 : 0 });
    out.push(
      new Paragraph({
        alignment: grid.subtitle.length === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
        keepNext: true,
        spacing: { before: 0, after: last ? 60 : 0, line: LINE_METRICS.line, lineRule: LineRuleType.EXACT },
        children: [run(line, FONTS.song, SIZE.tableMark)],
      }),
    );
  });
  return out;
}

/** `附件3 政府购买服务费`: the 目录 entry and bookmark of an attachment, on a new page. */
function attachmentHeading(toc: Outline, text: string): Paragraph {
  return heading(toc, 2, text, {
    font: FONTS.hei,
    size: SIZE.tocEntry,
    pageBreakBefore: true,
    keepNext: true,
    spacing: { before: 0, after: 120, line: 400, lineRule: LineRuleType.EXACT },
    indent: { firstLine: 0, firstLineChars: 0 },
  });
}

export function evaluationSection(model: PackageModel, toc: Outline, parts: AsText): ISectionOptions {
  const set = model.evaluation!;
  const width = textWidth(PAGE);
  const pageHeight = 16838 - PAGE.margin.top - PAGE.margin.bottom;
  const ctx: FormContext = { year: model.year, departmentName: model.department.name };
  toc.flow.section(PAGE);
  const children: FileChild[] = [partHeading(toc, '第五部分 附件')];
  let n = 0;
  set.forms.forEach((form) => {
    n += 1;
    const grid = formGrid(form, set.settings, ctx);
    children.push(attachmentHeading(toc, `附件${n} ${form.name || '（未命名项目）'}`), ...titleLines(toc, grid), ...gridTables(toc, parts, grid, width, pageHeight));
  });
  for (const report of set.keyReports) {
    n += 1;
    children.push(attachmentHeading(toc, `附件${n} ${report.title}`));
    toc.flow.paragraph(report.title, TITLE_METRICS);
    children.push(new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 0, after: 120, line: TITLE_METRICS.line, lineRule: LineRuleType.EXACT }, children: [run(report.title, FONTS.hei, SIZE.tableTitle)] }));
    for (const s of report.sections) {
      const font = s.level === 1 ? FONTS.hei : s.level === 2 ? FONTS.kai : FONTS.fangsong;
      children.push(bodyParagraph(toc, s.heading, [run(s.heading, font, SIZE.body, { bold: s.level === 3 })], { keepNext: true }));
      for (const p of s.text.split('\n')) if (p.trim() !== '') children.push(bodyParagraph(toc, p.trim()));
    }
    const { grid } = keyReportGrid(report, set.settings);
    const caption = `${report.title.replace(/报告$/u, '')}${grid.title}`;
    toc.flow.paragraph(caption, CAPTION_METRICS);
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        spacing: { before: CAPTION_METRICS.before, after: CAPTION_METRICS.after, line: CAPTION_METRICS.line, lineRule: LineRuleType.EXACT },
        indent: { firstLine: 0, firstLineChars: 0 },
        children: [run(caption, FONTS.hei, SIZE.tocEntry)],
      }),
    );
    children.push(...gridTables(toc, parts, grid, width, pageHeight));
  }
  return section(PAGE, children);
}
