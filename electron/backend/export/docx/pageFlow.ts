/**
 * Page flow: the 目录's page numbers, worked out from what the exporter knows.
 *
 * Every part and every table starts on a new page, table rows and the lines of the prose have
 * exact heights, and Chinese text is one em a character in every Chinese font, so the pages
 * can be counted without laying the document out: the table rows that fit a page under the
 * repeated header, and the prose lines (characters per line, lines per page). Word and WPS
 * still rebuild the 目录 on open (updateFields); LibreOffice and viewers show these numbers.
 */
import { BODY_INDENT, BODY_LINE, SIZE } from './fonts';
import { countLines } from './lineBreaking';
import { A4, type PageGeometry, textWidth } from './page';

/** How a paragraph takes up its page (twips). */
export interface ParagraphMetrics {
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

export const BODY_METRICS: ParagraphMetrics = { size: SIZE.body, line: BODY_LINE, exact: true, before: 0, after: 0, firstLine: BODY_INDENT, keepNext: false, keepLines: false };
export const HEADING_METRICS_BASE = { line: BODY_LINE, exact: false, keepNext: true, keepLines: true } as const;
/** The heading styles (see styles()): 第一部分…, 一、…, and the 楷体 sub-headings of the 情况说明. */
export const HEADING_METRICS = {
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

type FlowBlock =
  | { kind: 'section'; height: number; width: number }
  | { kind: 'paragraph'; text: string; metrics: ParagraphMetrics; width: number; pageBreakBefore: boolean; bookmark?: string }
  | { kind: 'table'; header: number[]; rows: number[] };

/**
 * The body from 第一部分 on, as blocks of known height: recorded while the document is built,
 * then paginated by `pages`.
 */
export class PageFlow {
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
        // The last row stays with the line below the table (unless that line starts a new page).
        const next = this.blocks[i + 1];
        const keep = r === last && !(next?.kind === 'paragraph' && next.pageBreakBefore);
        const need = h + (keep ? startNeed(i + 1) : 0);
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
