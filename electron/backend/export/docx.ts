/**
 * Word export of the whole disclosure package (SPEC §1, §7), in the seeds' order:
 * 封面, 目录 (a real TOC field, filled in on open), 第一部分 概况, 第二部分 the ten tables
 * (each on its own page, landscape where wide), 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件.
 *
 * Fonts are set by name with the east-Asian attribute on every run (and on the styles and
 * document defaults), so Chinese text never falls back to a Latin font:
 * title 方正小标宋简体, headings 黑体 / 楷体, body 仿宋_GB2312 三号, tables 宋体.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  InternalHyperlink,
  LeaderType,
  LineRuleType,
  NumberFormat,
  Packer,
  PageNumber,
  PageOrientation,
  PageReference,
  Paragraph,
  type ISectionOptions,
  type IRunOptions,
  type ParagraphChild,
  type FileChild,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import type { PackageModel } from '../../../shared/domain/package';
import type { Paragraph as NarrativeParagraph, Run, Section as NarrativeSection } from '../../../shared/domain/narrative/types';
import { chineseNumeral, TABLE_IDS, type Cell, type DerivedTable, type HeaderCell, type Row } from '../../../shared/domain/tables';

export interface RenderDocxOptions {
  /** Called after each part of the package is laid out, and once more when the file is packed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Write the 目录's page numbers with the file from docx's page layout (default true). It costs
   * about a second for a seed-sized package and ~8 s for a 600-项 one; without it the numbers are
   * left for Word/WPS to fill in on open (LibreOffice's PDF conversion then shows none).
   */
  pageNumbers?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Fonts and sizes

export const FONTS = {
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体',
  fangsong: '仿宋_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
} as const;

/** Run fonts: the Chinese font for east-Asian text (and ambiguous punctuation), `latin` for the rest. */
function fonts(eastAsia: string, latin: string = FONTS.latin): IRunOptions['font'] {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' };
}

/** Half-points. */
const SIZE = {
  cover: 52, // 一号 26pt
  part: 36, // 小二 18pt (第一部分 …)
  tableTitle: 32, // 三号 16pt
  heading: 32, // 三号
  body: 32, // 三号 16pt
  tocEntry: 28, // 四号 14pt
  tableMark: 21, // 五号 10.5pt
  footer: 28, // 四号
} as const;

/** 28pt exact line spacing of the narrative (twips). */
const BODY_LINE = 560;
/** Two characters of 三号 (twips), for LibreOffice, which ignores firstLineChars in some versions. */
const BODY_INDENT = 640;

// ---------------------------------------------------------------------------------------------
// Page geometry (twips)

const A4 = { width: 11906, height: 16838 };

interface PageGeometry {
  landscape: boolean;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
}

/** 公文 margins for the prose parts. */
const PROSE_PAGE: PageGeometry = {
  landscape: false,
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, header: 851, footer: 992 },
};
const TABLE_PORTRAIT: PageGeometry = {
  landscape: false,
  margin: { top: 1134, bottom: 1077, left: 1134, right: 1134, header: 567, footer: 510 },
};
const TABLE_LANDSCAPE: PageGeometry = {
  landscape: true,
  margin: { top: 1021, bottom: 964, left: 1134, right: 1134, header: 567, footer: 454 },
};

function textWidth(page: PageGeometry): number {
  const width = page.landscape ? A4.height : A4.width;
  return width - page.margin.left - page.margin.right;
}

// ---------------------------------------------------------------------------------------------
// Small builders

function run(text: string, font: string, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: fonts(font), size, ...extra });
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fonts(FONTS.song), size: SIZE.footer }),
        ],
      }),
    ],
  });
}

function section(page: PageGeometry, children: FileChild[], extra: { pageNumbers?: { start: number; formatType: (typeof NumberFormat)[keyof typeof NumberFormat] }; footer?: boolean } = {}): ISectionOptions {
  return {
    properties: {
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation: page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: page.margin,
        ...(extra.pageNumbers ? { pageNumbers: extra.pageNumbers } : {}),
      },
    },
    ...(extra.footer === false ? {} : { footers: { default: footer() } }),
    children,
  };
}

/**
 * The 目录 entries: every heading of level 1–2 gets a bookmark and an entry (title, dot leader,
 * PAGEREF). The entries are written as the TOC field's current result with their fonts set, so
 * the 目录 is readable before any application updates the field; Word, WPS and LibreOffice
 * rebuild it from the headings (`TOC \o "1-2" \h`) when they update fields on open.
 */
class TocEntries {
  readonly entries: { level: 1 | 2; text: string; bookmark: string }[] = [];

  bookmark(level: 1 | 2, text: string): string {
    const bookmark = `heading${String(1 + this.entries.length)}`;
    this.entries.push({ level, text, bookmark });
    return bookmark;
  }

  paragraphs(width: number): Paragraph[] {
    return this.entries.map(
      (e) =>
        new Paragraph({
          style: e.level === 1 ? 'TOC1' : 'TOC2',
          tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }],
          children: [
            new InternalHyperlink({
              anchor: e.bookmark,
              children: [
                run(e.text, e.level === 1 ? FONTS.hei : FONTS.fangsong, SIZE.tocEntry),
                new TextRun({ children: [new Tab()], font: fonts(FONTS.fangsong), size: SIZE.tocEntry }),
                new PageReference(e.bookmark),
              ],
            }),
          ],
        }),
    );
  }
}

function heading(
  toc: TocEntries,
  level: 1 | 2,
  text: string,
  options: {
    font: string;
    size: number;
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    pageBreakBefore?: boolean;
    keepNext?: boolean;
    spacing?: { before: number; after: number; line?: number; lineRule?: (typeof LineRuleType)[keyof typeof LineRuleType] };
    indent?: { firstLine: number; firstLineChars: number };
  },
): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    ...(options.alignment ? { alignment: options.alignment } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
    ...(options.indent ? { indent: options.indent } : {}),
    children: [new Bookmark({ id: toc.bookmark(level, text), children: [run(text, options.font, options.size)] })],
  });
}

function partHeading(toc: TocEntries, text: string, options: { pageBreakBefore?: boolean; compact?: boolean } = {}): Paragraph {
  return heading(toc, 1, text, {
    font: FONTS.hei,
    size: SIZE.part,
    alignment: AlignmentType.CENTER,
    pageBreakBefore: options.pageBreakBefore ?? false,
    // Above a table, where every line counts (公开01表 shares its first page with it).
    ...(options.compact ? { keepNext: true, spacing: { before: 0, after: 0, line: 480, lineRule: LineRuleType.EXACT } } : {}),
  });
}

function sectionHeading(toc: TocEntries, text: string): Paragraph {
  return heading(toc, 2, text, { font: FONTS.hei, size: SIZE.heading });
}

function bodyParagraph(children: ParagraphChild[], options: { indent?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    style: 'BodyText',
    alignment: options.alignment ?? AlignmentType.JUSTIFIED,
    ...(options.indent === false ? { indent: { firstLine: 0, firstLineChars: 0 } } : {}),
    children,
  });
}

function bodyRun(text: string, extra: Partial<IRunOptions> = {}): TextRun {
  return run(text, FONTS.fangsong, SIZE.body, extra);
}

/** What an unfilled required field prints: visible, so the checker and the reader notice it. */
export const MISSING_FIELD_TEXT = '【待填写】';

function missingRun(font: string = FONTS.fangsong, size: number = SIZE.body): TextRun {
  return run(MISSING_FIELD_TEXT, font, size, { color: 'FF0000' });
}

// ---------------------------------------------------------------------------------------------
// Cover, 目录, 第一部分

function coverSection(model: PackageModel): ISectionOptions {
  const name = model.department.name;
  const lines = name && model.title.startsWith(name) && model.title.length > name.length ? [name, model.title.slice(name.length)] : [model.title];
  const children: TextRun[] = [];
  lines.forEach((line, i) => {
    children.push(run(line, FONTS.title, SIZE.cover, i > 0 ? { break: 1 } : {}));
  });
  return section(
    PROSE_PAGE,
    [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 4200, line: 1000, lineRule: LineRuleType.AT_LEAST },
        children,
      }),
    ],
    { footer: false },
  );
}

function tocSection(toc: TocEntries): ISectionOptions {
  return section(
    PROSE_PAGE,
    [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 400 },
        children: [run('目  录', FONTS.hei, SIZE.part)],
      }),
      new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2', contentChildren: toc.paragraphs(textWidth(PROSE_PAGE)) }),
    ],
    { pageNumbers: { start: 1, formatType: NumberFormat.UPPER_ROMAN } },
  );
}

function overviewSection(model: PackageModel, toc: TocEntries): ISectionOptions {
  const children: FileChild[] = [partHeading(toc, '第一部分 概况'), sectionHeading(toc, '一、本部门（单位）职责')];
  if (model.overview.duties.length === 0) children.push(bodyParagraph([missingRun()]));
  model.overview.duties.forEach((duty, i) => {
    children.push(bodyParagraph([bodyRun(`（${chineseNumeral(i + 1)}）${duty.trim()}`)]));
  });
  children.push(sectionHeading(toc, '二、机构设置情况'));
  const organisation = model.overview.organisation
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (organisation.length === 0) children.push(bodyParagraph([missingRun()]));
  for (const p of organisation) children.push(bodyParagraph([bodyRun(p)]));
  return section(PROSE_PAGE, children, { pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } });
}

// ---------------------------------------------------------------------------------------------
// 第二部分: the ten tables

const TABLE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const TABLE_BORDERS = {
  top: TABLE_BORDER,
  bottom: TABLE_BORDER,
  left: TABLE_BORDER,
  right: TABLE_BORDER,
  insideHorizontal: TABLE_BORDER,
  insideVertical: TABLE_BORDER,
};
const CELL_MARGINS = { top: 0, bottom: 0, left: 57, right: 57 };

/** Table text size (half-points): 9pt on the crowded landscape tables, 9.5pt on the portrait ones (a 16-character 科目名称 fits its column). */
function tableTextSize(table: DerivedTable): number {
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

function spanWidth(widths: number[], start: number, span: number): number {
  let w = 0;
  for (let i = start; i < start + span && i < widths.length; i++) w += widths[i]!;
  return w;
}

/** Exact line height of table text (twips): the rows are as tall in Word, WPS and LibreOffice whatever the font. */
function tableLine(size: number): number {
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

function cellParagraph(text: string | string[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType], size: number, bold: boolean): Paragraph {
  const lines = (Array.isArray(text) ? text : [text]).filter((l) => l !== '');
  return new Paragraph({
    alignment,
    spacing: { before: 0, after: 0, line: tableLine(size), lineRule: LineRuleType.EXACT },
    indent: { firstLine: 0, firstLineChars: 0, left: 0, right: 0 },
    children: lines.map((line, i) => new TextRun({ text: line, font: fonts(FONTS.song), size, bold, ...(i > 0 ? { break: 1 } : {}) })),
    // An empty cell still gets its size and font on the paragraph mark.
    run: { font: fonts(FONTS.song), size },
  });
}

/** `一、政府采购情况` (table 10): a part title in the header, printed like the part rows below it. */
const SECTION_TITLE = /^[一二三四五六七八九十]+、/;

/** Header rows laid out like HTML (covered positions omitted): explicit restart/continue cells for row spans. */
function headerRows(table: DerivedTable, widths: number[], size: number): TableRow[] {
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
            width: { size: spanWidth(widths, col, down.colSpan), type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: CELL_MARGINS,
            children: [cellParagraph('', AlignmentType.CENTER, size, false)],
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
          width: { size: spanWidth(widths, col, colSpan), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: CELL_MARGINS,
          children: [
            SECTION_TITLE.test(cell.text)
              ? cellParagraph(cell.text, AlignmentType.LEFT, size, true)
              : cellParagraph(headerLines(cell.text, spanWidth(widths, col, colSpan), size), AlignmentType.CENTER, size, false),
          ],
        }),
      );
      if (rowSpan > 1) pending[col] = { rows: rowSpan - 1, colSpan };
      col += colSpan;
    }
    return new TableRow({ children: out, tableHeader: true, cantSplit: true });
  });
}

const BOLD_ROWS = new Set<Row['kind']>(['total', 'class', 'section']);

function bodyAlignment(table: DerivedTable, row: Row, cell: Cell, col: number): (typeof AlignmentType)[keyof typeof AlignmentType] {
  if (row.kind === 'subheader') return AlignmentType.CENTER;
  switch (cell.kind) {
    case 'lineNo':
      return AlignmentType.CENTER;
    case 'na':
      return AlignmentType.CENTER;
    case 'code':
      return AlignmentType.LEFT;
    case 'label':
      // 合计 spanning 科目代码 + 科目名称 is centred, as in the official tables.
      return row.kind === 'total' && (cell.colSpan ?? 1) > 1 ? AlignmentType.CENTER : AlignmentType.LEFT;
    default: {
      const align = table.columns[col]?.align ?? 'right';
      return align === 'center' ? AlignmentType.CENTER : align === 'left' ? AlignmentType.LEFT : AlignmentType.RIGHT;
    }
  }
}

function bodyRows(table: DerivedTable, widths: number[], size: number): TableRow[] {
  return table.rows.map((row, r) => {
    const out: TableCell[] = [];
    const bold = BOLD_ROWS.has(row.kind);
    for (let col = 0; col < row.cells.length; ) {
      const cell = row.cells[col]!;
      if (cell.kind === 'covered') {
        // A covered cell without a spanning cell to its left: keep the grid whole.
        out.push(new TableCell({ width: { size: widths[col] ?? 0, type: WidthType.DXA }, margins: CELL_MARGINS, children: [cellParagraph('', AlignmentType.LEFT, size, false)] }));
        col += 1;
        continue;
      }
      const span = Math.max(1, Math.min(cell.colSpan ?? 1, row.cells.length - col));
      out.push(
        new TableCell({
          columnSpan: span > 1 ? span : undefined,
          width: { size: spanWidth(widths, col, span), type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins: CELL_MARGINS,
          children: [cellParagraph(cell.text, bodyAlignment(table, row, cell, col), size, bold)],
        }),
      );
      col += span;
    }
    // The last row stays with the 注 line below the table, which is never left alone on a page.
    return new TableRow({ children: out, cantSplit: true, ...(r === table.rows.length - 1 ? { keepNext: true } : {}) });
  });
}

function tableTitleText(table: DerivedTable): string {
  return `${chineseNumeral(Number(table.id))}、${table.title}`;
}

function tableBlock(toc: TocEntries, table: DerivedTable, page: PageGeometry, first: { partTitle: string } | null): FileChild[] {
  const width = textWidth(page);
  const size = tableTextSize(table);
  const widths = columnWidthsTwips(table, width);
  const children: FileChild[] = [];
  if (first) children.push(partHeading(toc, first.partTitle, { compact: true }));
  children.push(
    heading(toc, 2, tableTitleText(table), {
      font: FONTS.hei,
      size: SIZE.tableTitle,
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 0, after: 0, line: 440, lineRule: LineRuleType.EXACT },
      indent: { firstLine: 0, firstLineChars: 0 },
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      keepNext: true,
      spacing: { before: 0, after: 0, line: 300, lineRule: LineRuleType.EXACT },
      children: [run(table.code, FONTS.song, SIZE.tableMark)],
    }),
    new Paragraph({
      keepNext: true,
      spacing: { before: 0, after: 40, line: 300, lineRule: LineRuleType.EXACT },
      tabStops: [
        { type: TabStopType.CENTER, position: Math.round(width / 2) },
        { type: TabStopType.RIGHT, position: width },
      ],
      children: [run(`${table.orgLine}\t${table.yearLine}\t${table.unitLine}`, FONTS.song, SIZE.tableMark)],
    }),
    new Table({
      rows: [...headerRows(table, widths, size), ...bodyRows(table, widths, size)],
      width: { size: width, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: TABLE_BORDERS,
      alignment: AlignmentType.CENTER,
    }),
  );
  const notes = [table.note, table.emptyNote].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  notes.forEach((note, i) => {
    children.push(
      new Paragraph({
        spacing: { before: 40, after: 0, line: tableLine(size), lineRule: LineRuleType.EXACT },
        children: [run(note, FONTS.song, size)],
      }),
    );
  });
  return children;
}

function tableSections(model: PackageModel, toc: TocEntries, step: () => void): ISectionOptions[] {
  return TABLE_IDS.map((id, i) => {
    const table = model.tables[id];
    const page = table.landscape ? TABLE_LANDSCAPE : TABLE_PORTRAIT;
    const s = section(page, tableBlock(toc, table, page, i === 0 ? { partTitle: `第二部分 ${model.year}年部门决算表` } : null));
    step();
    return s;
  });
}

// ---------------------------------------------------------------------------------------------
// 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件

/** What a required field or typed figure prints while unfilled: red, so the officer (and the checker) sees it. */
export function missingText(label: string): string {
  return label.trim() === '' ? MISSING_FIELD_TEXT : `【待填写：${label.trim()}】`;
}

function narrativeRuns(runs: Run[], font: string, size: number, bold: boolean): TextRun[] {
  const out: TextRun[] = [];
  for (const r of runs) {
    if (r.kind === 'field' && r.text.trim() === '') {
      if (r.required) out.push(run(missingText(r.hint), font, size, { bold, color: 'FF0000' }));
      continue;
    }
    // A figure the report lacks (last year's figure, a budget) — `missing` is set by the narrative drafter.
    const missing = r.kind === 'figure' ? (r as { missing?: { label: string } }).missing : undefined;
    if (missing && r.text === '') {
      out.push(run(missingText(missing.label), font, size, { bold, color: 'FF0000' }));
      continue;
    }
    if (r.text === '') continue;
    out.push(run(r.text, font, size, { bold }));
  }
  return out;
}

function narrativeParagraph(p: NarrativeParagraph): Paragraph {
  switch (p.style) {
    case 'heading3':
      return new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: narrativeRuns(p.runs, FONTS.kai, SIZE.heading, true),
      });
    case 'heading1':
    case 'heading2':
      // Sub-headings inside a section: 黑体, but not in the 目录 (the section title is).
      return new Paragraph({
        style: 'BodyText',
        keepNext: true,
        children: narrativeRuns(p.runs, FONTS.hei, SIZE.heading, false),
      });
    default:
      return bodyParagraph(narrativeRuns(p.runs, FONTS.fangsong, SIZE.body, false));
  }
}

function narrativeChildren(sections: NarrativeSection[], toc: TocEntries): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第三部分 情况说明')];
  for (const s of sections) {
    children.push(sectionHeading(toc, s.title));
    for (const p of s.paragraphs) children.push(narrativeParagraph(p));
  }
  return children;
}

function glossaryChildren(model: PackageModel, toc: TocEntries): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第四部分 名词解释', { pageBreakBefore: true })];
  model.glossary.terms.forEach((t, i) => {
    children.push(bodyParagraph([bodyRun(`${chineseNumeral(i + 1)}、${t.term}：${t.definition}`)]));
  });
  for (const line of model.glossary.extra.split(/\n+/)) {
    if (line.trim() !== '') children.push(bodyParagraph([bodyRun(line.trim())]));
  }
  return children;
}

function attachmentChildren(model: PackageModel, toc: TocEntries): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第五部分 附件')];
  const titles = model.attachments.map((t) => t.trim()).filter((t) => t !== '');
  if (titles.length === 0) children.push(bodyParagraph([bodyRun('无')]));
  titles.forEach((title, i) => {
    children.push(bodyParagraph([bodyRun(titles.length > 1 ? `${i + 1}.${title}` : title)]));
  });
  return children;
}

// ---------------------------------------------------------------------------------------------
// Styles

function styles() {
  const heading = (id: string, name: string, font: string, size: number, outlineLevel: number, extra: { bold?: boolean; center?: boolean; indent?: boolean } = {}) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'BodyText',
    quickFormat: true,
    run: { font: fonts(font, font), size, bold: extra.bold ?? false, color: '000000' },
    paragraph: {
      outlineLevel,
      keepNext: true,
      keepLines: true,
      alignment: extra.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { before: extra.center ? 240 : 120, after: extra.center ? 240 : 120, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
      ...(extra.indent ? { indent: { firstLine: BODY_INDENT, firstLineChars: 200 } } : {}),
    },
  });
  return {
    default: {
      document: {
        run: { font: fonts(FONTS.fangsong), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    },
    paragraphStyles: [
      heading('Heading1', 'heading 1', FONTS.hei, SIZE.part, 0, { center: true }),
      heading('Heading2', 'heading 2', FONTS.hei, SIZE.heading, 1, { indent: true }),
      heading('Heading3', 'heading 3', FONTS.kai, SIZE.heading, 2, { bold: true, indent: true }),
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: fonts(FONTS.fangsong), size: SIZE.body },
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT },
          indent: { firstLine: BODY_INDENT, firstLineChars: 200 },
        },
      },
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: fonts(FONTS.hei, FONTS.hei), size: SIZE.tocEntry },
        paragraph: { spacing: { before: 60, after: 0, line: 400, lineRule: LineRuleType.AT_LEAST } },
      },
      {
        id: 'TOC2',
        name: 'toc 2',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: fonts(FONTS.fangsong), size: SIZE.tocEntry },
        paragraph: { spacing: { before: 0, after: 0, line: 400, lineRule: LineRuleType.AT_LEAST }, indent: { left: 560 } },
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------

/** The whole package as a docx Document (not yet packed); `step` is called after each part. */
export function buildDocxDocument(model: PackageModel, step: () => void = () => {}, layout: { pageNumbers?: boolean } = {}): Document {
  // The body first, so the 目录 knows every heading.
  const toc = new TocEntries();
  const overview = overviewSection(model, toc);
  step();
  const tables = tableSections(model, toc, step);
  const prose = narrativeChildren(model.narrative, toc);
  step();
  prose.push(...glossaryChildren(model, toc));
  step();
  prose.push(...attachmentChildren(model, toc));
  step();
  const sections: ISectionOptions[] = [coverSection(model), tocSection(toc), overview, ...tables, section(PROSE_PAGE, prose)];
  step();
  return new Document({
    title: model.title,
    creator: model.department.name,
    description: `${model.title}（部门决算公开助手导出）`,
    features: { updateFields: true },
    styles: styles(),
    sections,
    ...(layout.pageNumbers === false ? {} : { pageNumbers: PAGE_NUMBERS }),
  });
}

/**
 * Writes the 目录's page numbers with the file, from docx's own page layout, so they show in
 * applications that do not update fields (LibreOffice's PDF conversion, viewers). The text is
 * laid out with known widths (CJK text is one em a character in every Chinese font, and all
 * the line heights here are exact), guessing only the metrics of fonts outside docx's tables
 * (仿宋_GB2312, 方正小标宋简体). Word and WPS still rebuild the 目录 on open (updateFields).
 */
const PAGE_NUMBERS = estimatePageNumbersWith({ guess: true });

/** The whole package as a .docx file. */
export async function renderDocx(model: PackageModel, options: RenderDocxOptions = {}): Promise<Buffer> {
  const total = 16;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const pageNumbers = options.pageNumbers ?? true;
  let buffer: Buffer;
  try {
    buffer = await Packer.toBuffer(buildDocxDocument(model, step, { pageNumbers }));
  } catch (e) {
    if (!pageNumbers) throw e;
    // The page layout is a nicety: without it the 目录 is written without page numbers,
    // which Word and WPS fill in on open.
    buffer = await Packer.toBuffer(buildDocxDocument(model, () => {}, { pageNumbers: false }));
  }
  step();
  return buffer;
}
