/**
 * An HTML document made of parts (封面, 目录, 概况, each table, 情况说明 …; the 附件 forms come as
 * another part later), each on its kind of page. Headings get ids in document order; levels 1–2
 * are the 目录's entries and link targets, so the printed PDF names the page each one landed on
 * (render.ts reads it back); every heading is also a PDF bookmark (Chromium's outline).
 */
import { escapeHtml } from './html';
import { PACKAGE_CSS, type PageKind } from './styles';

export interface OutlineEntry {
  /** The heading's element id (and the PDF's named destination). */
  id: string;
  level: 1 | 2;
  text: string;
}

/** What a part renders with: headings registered in order, and the 目录's page numbers when known. */
export class HtmlContext {
  readonly entries: OutlineEntry[] = [];
  private next = 1;

  constructor(private readonly pageNumbers: ReadonlyMap<string, number> | null) {}

  /**
   * A heading element. Levels 1–2 are listed in the 目录 unless `inToc` is false; every heading is
   * a bookmark in the PDF outline. `html` is its content when it is more than `text` (red 待填写 parts).
   */
  heading(level: 1 | 2 | 3, text: string, options: { className?: string; inToc?: boolean; html?: string } = {}): string {
    const id = `h${this.next++}`;
    if (level <= 2 && options.inToc !== false) this.entries.push({ id, level: level === 1 ? 1 : 2, text });
    const cls = options.className ? ` class="${options.className}"` : '';
    return `<h${level} id="${id}"${cls}>${options.html ?? escapeHtml(text)}</h${level}>`;
  }

  /** The printed page a 目录 entry's heading is on; null before the layout has been measured. */
  pageOf(id: string): number | null {
    return this.pageNumbers?.get(id) ?? null;
  }
}

export interface PdfPart {
  /** Stable name: `cover`, `toc`, `overview`, `table-01` …, `narrative`, `glossary`, `attachments`. */
  id: string;
  page: PageKind;
  /** Starts a new page even when the page before is of the same kind. */
  newPage: boolean;
  /** Rendered after every other part, when all the 目录's entries are known. */
  needsOutline?: boolean;
  render(ctx: HtmlContext): string;
}

export interface HtmlDocument {
  html: string;
  /** The 目录's entries in document order. */
  entries: OutlineEntry[];
}

/**
 * The document: parts in order, the 目录 (parts that need the outline) rendered last. `pageNumbers`
 * are the printed pages of the entries' headings (from the last layout), or null for a first layout.
 */
export function renderHtmlDocument(input: {
  title: string;
  lang?: string;
  parts: readonly PdfPart[];
  pageNumbers: ReadonlyMap<string, number> | null;
  css?: string;
  /**
   * Only the parts up to the 目录 printed, the rest as one page of empty targets of the 目录's
   * links: the 目录's pages laid out as in the whole document, in a fraction of the time.
   */
  tocOnly?: boolean;
  /**
   * More CSS for the document, from its text (CSS and body): the @font-face rules of the fonts
   * that come with it (embeddedFonts.ts).
   */
  fonts?: (text: string) => string;
  /**
   * Laid out for print only: nothing on screen, so loading the document costs no layout (the
   * engine loads its fonts itself before printing).
   */
  printOnly?: boolean;
}): HtmlDocument {
  const ctx = new HtmlContext(input.pageNumbers);
  const bodies = new Map<PdfPart, string>();
  for (const part of input.parts) if (!part.needsOutline) bodies.set(part, part.render(ctx));
  const entries = [...ctx.entries];
  for (const part of input.parts) if (part.needsOutline) bodies.set(part, part.render(ctx));
  const lastToc = input.parts.reduce((last, part, k) => (part.needsOutline ? k : last), -1);
  const kept = input.tocOnly ? input.parts.slice(0, lastToc + 1) : input.parts;
  const sections = kept.map((part, k) => {
    const classes = ['part', `page-${part.page}`, `part-${part.id}`, ...(part.newPage && k > 0 ? ['new-page'] : [])];
    return `<section class="${classes.join(' ')}">${bodies.get(part) ?? ''}</section>`;
  });
  if (input.tocOnly) sections.push(`<section class="part page-prose new-page">${entries.map((e) => `<span id="${e.id}"></span>`).join('')}</section>`);
  const css = input.css ?? PACKAGE_CSS;
  const title = escapeHtml(input.title);
  const body = sections.join('\n');
  const fonts = input.fonts?.(`${title}${css}${body}`);
  const html = [
    '<!doctype html>',
    `<html lang="${input.lang ?? 'zh-CN'}"><head><meta charset="utf-8">`,
    `<title>${title}</title>`,
    `<style>${css}${fonts ? `\n${fonts}` : ''}${input.printOnly ? '\n@media screen { body { display: none; } }' : ''}</style>`,
    '</head><body>',
    body,
    '</body></html>',
  ].join('\n');
  return { html, entries };
}
