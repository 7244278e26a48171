/**
 * Word export of the whole disclosure package (SPEC §1, §7), in the seeds' order:
 * 封面, 目录 (a real TOC field, filled in on open), 第一部分 概况, 第二部分 the ten tables
 * (each on its own page, landscape where wide), 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件.
 *
 * Fonts are set by name with the east-Asian attribute on every run with Chinese text (and on the
 * styles and document defaults), so Chinese text never falls back to a Latin font:
 * title 方正小标宋简体, headings 黑体 / 楷体, body 仿宋_GB2312 三号, tables 宋体. Table cells,
 * most of the document, take font, size, line height and alignment from paragraph styles
 * (TableText…), and margins and borders from the table, so each cell is a few elements only.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  FileChild,
  Footer,
  HeadingLevel,
  type IContext,
  type IXmlableObject,
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
import type { PackageModel } from '../../../shared/domain/package';
import type { Paragraph as NarrativeParagraph, Run, Section as NarrativeSection } from '../../../shared/domain/narrative/types';
import { chineseNumeral, TABLE_IDS, type Cell, type DerivedTable, type HeaderCell, type Row } from '../../../shared/domain/tables';

export interface RenderDocxOptions {
  /** Called after each part of the package is laid out, and once more when the file is packed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Write the 目录's page numbers with the file (default true), counted from the package itself
   * (PageFlow: table rows per page, prose lines per page), which costs a few milliseconds. Without
   * them the numbers are left for Word/WPS to fill in on open (LibreOffice then shows none).
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
// Page flow: the 目录's page numbers, worked out from what the exporter knows
//
// Every part and every table starts on a new page, table rows and the lines of the prose have
// exact heights, and Chinese text is one em a character in every Chinese font, so the pages
// can be counted without laying the document out: the table rows that fit a page under the
// repeated header, and the prose lines (characters per line, lines per page). Word and WPS
// still rebuild the 目录 on open (updateFields); LibreOffice and viewers show these numbers.

/** How a paragraph takes up its page (twips). */
interface ParagraphMetrics {
  /** Font size (half-points): a Chinese character is size × 10 twips wide. */
  size: number;
  /** Line height: exact, or at least this (the fonts' own line heights are below it at these sizes). */
  line: number;
  exact: boolean;
  before: number;
  after: number;
  /** First-line indent. */
  firstLine: number;
  /** On the page of the next paragraph's first line (or the table's first row). */
  keepNext: boolean;
  /** Never split across pages. */
  keepLines: boolean;
}

const BODY_METRICS: ParagraphMetrics = { size: SIZE.body, line: BODY_LINE, exact: true, before: 0, after: 0, firstLine: BODY_INDENT, keepNext: false, keepLines: false };
const HEADING_METRICS_BASE = { line: BODY_LINE, exact: false, keepNext: true, keepLines: true } as const;
/** The heading styles (see styles()): 第一部分…, 一、…, and the 楷体 sub-headings of the 情况说明. */
const HEADING_METRICS = {
  part: { ...HEADING_METRICS_BASE, size: SIZE.part, before: 240, after: 240, firstLine: 0 },
  section: { ...HEADING_METRICS_BASE, size: SIZE.heading, before: 120, after: 120, firstLine: BODY_INDENT },
  subsection: { ...HEADING_METRICS_BASE, size: SIZE.heading, before: 120, after: 120, firstLine: BODY_INDENT },
} satisfies Record<string, ParagraphMetrics>;

/**
 * Widow and orphan control: the lines a paragraph keeps together at a page break. The file sets
 * none (Word then breaks anywhere); LibreOffice keeps two, and its layout is the one whose page
 * numbers show (Word and WPS update the 目录 on open).
 */
const MIN_LINES = 2;

/**
 * Extra height of a table row over its lines (twips): the 0.5pt rule between rows, which
 * LibreOffice and Word add to the row.
 */
const ROW_RULE = 10;

/**
 * Width of a character in ems of its size: Chinese and full-width characters one em; Latin text
 * (Times New Roman in the file) as LibreOffice sets it where Times New Roman is missing, in DejaVu
 * Serif, whose digits are wider (0.636 em against 0.5), so a line of figures breaks as there.
 */
function charEms(code: number): number {
  if (code >= 0x2e80 || (code >= 0x2010 && code <= 0x2027) || (code >= 0x3000 && code <= 0x303f)) return 1;
  if (code >= 0x30 && code <= 0x39) return 0.636; // digits
  switch (code) {
    case 0x20: // space
    case 0x2c: // ,
    case 0x2e: // .
      return 0.318;
    case 0x3a: // :
    case 0x3b: // ;
    case 0x2d: // -
    case 0x2f: // /
      return 0.337;
    case 0x25: // %
      return 0.95;
    case 0x28: // (
    case 0x29: // )
      return 0.39;
    default:
      if (code >= 0x41 && code <= 0x5a) return 0.75; // capitals
      return code < 0x80 ? 0.6 : 1;
  }
}

/** Space LibreOffice puts between a Latin word or number and a Chinese character, in ems. */
const LATIN_GAP = 0.2;

/** Chinese characters proper (not punctuation). */
function isIdeograph(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/** Closing marks that may hang past the end of a line rather than start the next one. */
const HANGING = new Set([...'，。、．,.']);
/** Characters a line does not start with, and those it does not end with (Chinese line breaking). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’%‰·…—,.;:?!)]}']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/**
 * Lines `text` takes when broken as LibreOffice breaks Chinese text: between any two characters
 * but not before closing or after opening punctuation (、，。 hang in the margin instead), Latin
 * words and numbers kept whole, with a little space between them and Chinese characters.
 * `first` and `rest` are the widths of the first and the other lines, in ems.
 */
function countLines(text: string, first: number, rest: number): number {
  let lines = 1;
  let room = first;
  let used = 0;
  /** Width of the last unit on the line (it moves down with a closing mark after it). */
  let last = 0;
  let lastOpens = false;
  let lastChinese = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i]!;
    const code = ch.codePointAt(0)!;
    let next = i + 1;
    let width = charEms(code);
    /** Space before the unit, dropped at the start of a line. */
    let lead = 0;
    if (code < 0x80 && code !== 0x20) {
      // A Latin word or number, with what sticks to it.
      while (next < chars.length && chars[next]!.codePointAt(0)! < 0x80 && chars[next] !== ' ') width += charEms(chars[next++]!.codePointAt(0)!);
      if (i > 0 && isIdeograph(chars[i - 1]!.codePointAt(0)!)) lead = LATIN_GAP;
      if (next < chars.length && isIdeograph(chars[next]!.codePointAt(0)!)) width += LATIN_GAP;
    }
    const single = next === i + 1;
    if (used === 0) {
      used = width;
    } else if (used + lead + width <= room + 1e-9) {
      used += lead + width;
    } else if (single && HANGING.has(ch) && lastChinese) {
      // Hangs in the margin.
      used += width;
    } else if ((single && NO_LINE_START.has(ch)) || lastOpens) {
      // The unit before goes to the next line with it.
      lines += 1;
      room = rest;
      used = last + width;
    } else {
      lines += 1;
      room = rest;
      used = width;
      // A word longer than a line is broken where it has to be.
      while (used > room && room > 0) {
        lines += 1;
        used -= room;
      }
    }
    last = width;
    lastOpens = single && NO_LINE_END.has(ch);
    lastChinese = single && code >= 0x2e80;
    i = next;
  }
  return lines;
}

/** Lines of a cell's text in a cell `width` twips wide, keeping `slack` ems of it free. */
function cellLines(text: string, width: number, size: number, slack = 0): number {
  if (text === '') return 1;
  const room = (width - CELL_MARGINS.left - CELL_MARGINS.right) / (size * 10) - slack;
  return countLines(text, room, room);
}

/** Heights of a table's header rows and body rows (twips), as Word and LibreOffice size them. */
function tableRowHeights(table: DerivedTable, widths: number[], size: number): { header: number[]; rows: number[] } {
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

type FlowBlock =
  | { kind: 'section'; height: number; width: number }
  | { kind: 'paragraph'; text: string; metrics: ParagraphMetrics; width: number; pageBreakBefore: boolean; bookmark?: string }
  | { kind: 'table'; header: number[]; rows: number[] };

/**
 * The body from 第一部分 on, as blocks of known height: recorded while the document is built,
 * then paginated by `pages`.
 */
class PageFlow {
  private readonly blocks: FlowBlock[] = [];
  private width = 0;

  /** A new section, on a new page. */
  section(page: PageGeometry): void {
    const height = (page.landscape ? A4.width : A4.height) - page.margin.top - page.margin.bottom;
    this.width = textWidth(page);
    this.blocks.push({ kind: 'section', height, width: this.width });
  }

  paragraph(text: string, metrics: ParagraphMetrics & { pageBreakBefore?: boolean; bookmark?: string }): void {
    const { pageBreakBefore = false, bookmark, ...rest } = metrics;
    this.blocks.push({ kind: 'paragraph', text, metrics: rest, width: this.width, pageBreakBefore, ...(bookmark ? { bookmark } : {}) });
  }

  table(rows: { header: number[]; rows: number[] }): void {
    this.blocks.push({ kind: 'table', ...rows });
  }

  /** The page (counted from 1 at 第一部分, as the footers number them) each bookmark starts on. */
  pages(): Map<string, string> {
    const out = new Map<string, string>();
    const lineCounts = new Map<FlowBlock, number>();
    const linesOf = (b: FlowBlock & { kind: 'paragraph' }): number => {
      let n = lineCounts.get(b);
      if (n === undefined) {
        const em = b.metrics.size * 10;
        n = b.text === '' ? 1 : countLines(b.text, (b.width - b.metrics.firstLine) / em, b.width / em);
        lineCounts.set(b, n);
      }
      return n;
    };
    const lineHeight = (m: ParagraphMetrics) => (m.exact ? m.line : Math.max(m.line, Math.round(m.size * 10 * 1.3)));
    /** Height that must fit on the page for the block at `i` to start there (its keep-with-next chain). */
    const startNeed = (i: number): number => {
      const b = this.blocks[i];
      if (!b || b.kind === 'section') return 0;
      if (b.kind === 'table') return b.header.reduce((a, h) => a + h, 0) + (b.rows[0] ?? 0);
      const m = b.metrics;
      const n = linesOf(b);
      // Two lines at least (orphan control), or the whole paragraph when it cannot be split.
      const lines = m.keepLines || m.keepNext || n <= 2 * MIN_LINES - 1 ? n : MIN_LINES;
      const own = m.before + lines * lineHeight(m);
      if (!m.keepNext) return own;
      const next = this.blocks[i + 1];
      return own + m.after + (next && next.kind !== 'section' && !(next.kind === 'paragraph' && next.pageBreakBefore) ? startNeed(i + 1) : 0);
    };
    let page = 0;
    let used = 0;
    let height = 0;
    const newPage = () => {
      page += 1;
      used = 0;
    };
    this.blocks.forEach((b, i) => {
      if (b.kind === 'section') {
        newPage();
        height = b.height;
        return;
      }
      if (b.kind === 'paragraph') {
        const m = b.metrics;
        if (b.pageBreakBefore && used > 0) newPage();
        if (used > 0 && used + startNeed(i) > height) newPage();
        if (b.bookmark) out.set(b.bookmark, String(page));
        used += m.before;
        const h = lineHeight(m);
        let left = linesOf(b);
        for (;;) {
          const room = Math.floor((height - used) / h);
          if (left <= room) break;
          // A page break inside the paragraph leaves two lines at least on either side.
          const here = Math.min(room, left - MIN_LINES);
          if (here >= MIN_LINES && !m.keepLines) left -= here;
          else if (used === 0) left -= Math.max(1, room);
          newPage();
        }
        used += left * h;
        used = Math.min(used + m.after, height);
        return;
      }
      const header = b.header.reduce((a, h) => a + h, 0);
      const last = b.rows.length - 1;
      if (used > 0 && used + startNeed(i) > height) newPage();
      used += header;
      b.rows.forEach((h, r) => {
        // The last row stays with the line below the table.
        const need = h + (r === last ? startNeed(i + 1) : 0);
        if (used + need > height && used > header) {
          newPage();
          used = header;
        }
        used += h;
      });
    });
    return out;
  }
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
 *
 * It also records how the body takes up its pages (PageFlow), as the parts are built, so the
 * entries' page numbers are written with the file.
 */
class Outline {
  readonly entries: { level: 1 | 2; text: string; bookmark: string }[] = [];
  readonly flow = new PageFlow();

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
  toc: Outline,
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
  const bookmark = toc.bookmark(level, text);
  const style = level === 1 ? HEADING_METRICS.part : HEADING_METRICS.section;
  toc.flow.paragraph(text, {
    ...style,
    size: options.size,
    ...(options.spacing
      ? { before: options.spacing.before, after: options.spacing.after, line: options.spacing.line ?? style.line, exact: options.spacing.lineRule === LineRuleType.EXACT }
      : {}),
    ...(options.indent ? { firstLine: options.indent.firstLine } : {}),
    pageBreakBefore: options.pageBreakBefore ?? false,
    bookmark,
  });
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    ...(options.alignment ? { alignment: options.alignment } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
    ...(options.indent ? { indent: options.indent } : {}),
    children: [new Bookmark({ id: bookmark, children: [run(text, options.font, options.size)] })],
  });
}

function partHeading(toc: Outline, text: string, options: { pageBreakBefore?: boolean; compact?: boolean } = {}): Paragraph {
  return heading(toc, 1, text, {
    font: FONTS.hei,
    size: SIZE.part,
    alignment: AlignmentType.CENTER,
    pageBreakBefore: options.pageBreakBefore ?? false,
    // Above a table, where every line counts (公开01表 shares its first page with it).
    ...(options.compact ? { keepNext: true, spacing: { before: 0, after: 0, line: 480, lineRule: LineRuleType.EXACT } } : {}),
  });
}

function sectionHeading(toc: Outline, text: string): Paragraph {
  return heading(toc, 2, text, { font: FONTS.hei, size: SIZE.heading });
}

/** A 仿宋 三号 body paragraph (style BodyText) of `text`, or of `children` printing it. */
function bodyParagraph(toc: Outline, text: string, children: ParagraphChild[] = [bodyRun(text)], metrics: Partial<ParagraphMetrics> = {}): Paragraph {
  toc.flow.paragraph(text, { ...BODY_METRICS, ...metrics });
  return new Paragraph({
    style: 'BodyText',
    ...(metrics.keepNext ? { keepNext: true } : {}),
    children,
  });
}

function bodyRun(text: string, extra: Partial<IRunOptions> = {}): TextRun {
  return run(text, FONTS.fangsong, SIZE.body, extra);
}

/** What an unfilled required field prints: visible, so the checker and the reader notice it. */
export const MISSING_FIELD_TEXT = '【待填写】';

function missingRun(): TextRun {
  return run(MISSING_FIELD_TEXT, FONTS.fangsong, SIZE.body, { color: 'FF0000' });
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

function tocSection(toc: Outline): ISectionOptions {
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

function overviewSection(model: PackageModel, toc: Outline): ISectionOptions {
  toc.flow.section(PROSE_PAGE);
  const children: FileChild[] = [partHeading(toc, '第一部分 概况'), sectionHeading(toc, '一、本部门（单位）职责')];
  if (model.overview.duties.length === 0) children.push(bodyParagraph(toc, MISSING_FIELD_TEXT, [missingRun()]));
  model.overview.duties.forEach((duty, i) => {
    children.push(bodyParagraph(toc, `（${chineseNumeral(i + 1)}）${duty.trim()}`));
  });
  children.push(sectionHeading(toc, '二、机构设置情况'));
  const organisation = model.overview.organisation
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (organisation.length === 0) children.push(bodyParagraph(toc, MISSING_FIELD_TEXT, [missingRun()]));
  for (const p of organisation) children.push(bodyParagraph(toc, p));
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

type CellAlignment = 'left' | 'center' | 'right';

/** Table text sizes (half-points) that have cell paragraph styles; see tableTextSize. */
const TABLE_SIZES = [18, 19] as const;

/** The paragraph style of table text at a size and alignment, bold or not, e.g. `TableText18Right`, `TableText18RightBold`. */
function tableStyleId(size: number, alignment: CellAlignment, bold = false): string {
  return `TableText${String(size)}${alignment === 'left' ? 'Left' : alignment === 'center' ? 'Center' : 'Right'}${bold ? 'Bold' : ''}`;
}

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

/** Any character outside ASCII: the run names its east-Asian font (CJK text, full-width and ambiguous punctuation). */
const NON_ASCII = /[^\x00-\x7f]/;

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

/** `一、政府采购情况` (table 10): a part title in the header, printed like the part rows below it. */
const SECTION_TITLE = /^[一二三四五六七八九十]+、/;

/**
 * Header rows laid out like HTML (covered positions omitted): explicit restart/continue cells for
 * row spans. Cells carry no width or margins of their own: the table's grid and cell margins
 * give them (docx writes each cell's width from `columnWidths`).
 */
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

const BOLD_ROWS = new Set<Row['kind']>(['total', 'class', 'section']);

function bodyAlignment(table: DerivedTable, row: Row, cell: Cell, col: number): CellAlignment {
  if (row.kind === 'subheader') return 'center';
  switch (cell.kind) {
    case 'lineNo':
      return 'center';
    case 'na':
      return 'center';
    case 'code':
      return 'left';
    case 'label':
      // 合计 spanning 科目代码 + 科目名称 is centred, as in the official tables.
      return row.kind === 'total' && (cell.colSpan ?? 1) > 1 ? 'center' : 'left';
    default: {
      const align = table.columns[col]?.align ?? 'right';
      return align === 'center' ? 'center' : align === 'left' ? 'left' : 'right';
    }
  }
}

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
class TableWithBody extends FileChild {
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
function bodyRowsXml(table: DerivedTable, widths: number[], size: number): IXmlableObject[] {
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

function tableTitleText(table: DerivedTable): string {
  return `${chineseNumeral(Number(table.id))}、${table.title}`;
}

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
      () =>
        new Table({
          rows: headerRows(table, widths, size),
          width: { size: width, type: WidthType.DXA },
          columnWidths: widths,
          layout: TableLayoutType.FIXED,
          borders: TABLE_BORDERS,
          margins: CELL_MARGINS,
          alignment: AlignmentType.CENTER,
        }),
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

function tableSections(model: PackageModel, toc: Outline, step: () => void): ISectionOptions[] {
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

/** The printed pieces of a narrative paragraph: its runs' text, and what unfilled fields print (in red). */
function narrativePieces(runs: Run[]): { text: string; missing: boolean }[] {
  const out: { text: string; missing: boolean }[] = [];
  for (const r of runs) {
    if (r.kind === 'field' && r.text.trim() === '') {
      if (r.required) out.push({ text: missingText(r.hint), missing: true });
      continue;
    }
    // A figure the report lacks (last year's figure, a budget) — `missing` is set by the narrative drafter.
    const missing = r.kind === 'figure' ? (r as { missing?: { label: string } }).missing : undefined;
    if (missing && r.text === '') {
      out.push({ text: missingText(missing.label), missing: true });
      continue;
    }
    if (r.text === '') continue;
    out.push({ text: r.text, missing: false });
  }
  return out;
}

function narrativeRuns(pieces: { text: string; missing: boolean }[], font: string, size: number, bold: boolean): TextRun[] {
  return pieces.map((p) => run(p.text, font, size, p.missing ? { bold, color: 'FF0000' } : { bold }));
}

function narrativeParagraph(p: NarrativeParagraph, toc: Outline): Paragraph {
  const pieces = narrativePieces(p.runs);
  const text = pieces.map((piece) => piece.text).join('');
  switch (p.style) {
    case 'heading3':
      toc.flow.paragraph(text, HEADING_METRICS.subsection);
      return new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: narrativeRuns(pieces, FONTS.kai, SIZE.heading, true),
      });
    case 'heading1':
    case 'heading2':
      // Sub-headings inside a section: 黑体, but not in the 目录 (the section title is).
      return bodyParagraph(toc, text, narrativeRuns(pieces, FONTS.hei, SIZE.heading, false), { keepNext: true });
    default:
      return bodyParagraph(toc, text, narrativeRuns(pieces, FONTS.fangsong, SIZE.body, false));
  }
}

function narrativeChildren(sections: NarrativeSection[], toc: Outline): FileChild[] {
  toc.flow.section(PROSE_PAGE);
  const children: FileChild[] = [partHeading(toc, '第三部分 情况说明')];
  for (const s of sections) {
    children.push(sectionHeading(toc, s.title));
    for (const p of s.paragraphs) children.push(narrativeParagraph(p, toc));
  }
  return children;
}

function glossaryChildren(model: PackageModel, toc: Outline): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第四部分 名词解释', { pageBreakBefore: true })];
  model.glossary.terms.forEach((t, i) => {
    children.push(bodyParagraph(toc, `${chineseNumeral(i + 1)}、${t.term}：${t.definition}`));
  });
  for (const line of model.glossary.extra.split(/\n+/)) {
    if (line.trim() !== '') children.push(bodyParagraph(toc, line.trim()));
  }
  return children;
}

function attachmentChildren(model: PackageModel, toc: Outline): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第五部分 附件')];
  const titles = model.attachments.map((t) => t.trim()).filter((t) => t !== '');
  if (titles.length === 0) children.push(bodyParagraph(toc, '无'));
  titles.forEach((title, i) => {
    children.push(bodyParagraph(toc, titles.length > 1 ? `${i + 1}.${title}` : title));
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
      // Table text: 宋体 at the table's size, exact line height, no spacing or indent, one style
      // per alignment, so the cells' paragraphs and runs carry (almost) nothing of their own.
      ...TABLE_SIZES.flatMap((size) => [
        {
          id: `TableText${String(size)}`,
          name: `Table Text ${String(size / 2)}pt`,
          basedOn: 'Normal',
          run: { font: fonts(FONTS.song), size },
          paragraph: {
            spacing: { before: 0, after: 0, line: tableLine(size), lineRule: LineRuleType.EXACT },
            indent: { firstLine: 0, firstLineChars: 0, left: 0, right: 0 },
          },
        },
        ...(['left', 'center', 'right'] as const).flatMap((alignment) => [
          {
            id: tableStyleId(size, alignment),
            name: `Table Text ${String(size / 2)}pt ${alignment}`,
            basedOn: `TableText${String(size)}`,
            paragraph: { alignment: alignment === 'left' ? AlignmentType.LEFT : alignment === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT },
          },
          {
            id: tableStyleId(size, alignment, true),
            name: `Table Text ${String(size / 2)}pt ${alignment} bold`,
            basedOn: tableStyleId(size, alignment),
            run: { bold: true },
          },
        ]),
      ]),
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

/**
 * The whole package as a docx Document (not yet packed); `step` is called after each part.
 * With `pageNumbers` (default), the 目录's page numbers are written with the file (PageFlow).
 */
export function buildDocxDocument(model: PackageModel, step: () => void = () => {}, layout: { pageNumbers?: boolean } = {}): Document {
  // The body first, so the 目录 knows every heading.
  const toc = new Outline();
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
  const bookmarks = layout.pageNumbers === false ? null : toc.flow.pages();
  return new Document({
    title: model.title,
    creator: model.department.name,
    description: `${model.title}（部门决算公开助手导出）`,
    features: { updateFields: true },
    styles: styles(),
    sections,
    ...(bookmarks ? { pageNumbers: () => ({ bookmarks }) } : {}),
  });
}

/** The whole package as a .docx file. */
export async function renderDocx(model: PackageModel, options: RenderDocxOptions = {}): Promise<Buffer> {
  const total = 16;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const buffer = await Packer.toBuffer(buildDocxDocument(model, step, { pageNumbers: options.pageNumbers ?? true }));
  step();
  return buffer;
}
