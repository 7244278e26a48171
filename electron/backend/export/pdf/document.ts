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

  /** A context going on from this one (same entries, same next id) with `pageNumbers`: rendering with it leaves this one as it is. */
  continued(pageNumbers: ReadonlyMap<string, number> | null): HtmlContext {
    const next = new HtmlContext(pageNumbers);
    next.entries.push(...this.entries);
    next.next = this.next;
    return next;
  }

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

/** How a document's HTML page is written around its parts' bodies. */
export interface DocumentOptions {
  title: string;
  lang?: string;
  css?: string;
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
}

/**
 * Every part's body but the 目录's (those that need the outline: '' here, rendered once all the
 * entries are known), headings numbered in document order by `ctx`, and the 目录 entries each part holds.
 */
export function renderParts(parts: readonly PdfPart[], ctx: HtmlContext): { bodies: string[]; entriesOf: OutlineEntry[][] } {
  const bodies: string[] = [];
  const entriesOf: OutlineEntry[][] = [];
  for (const part of parts) {
    const before = ctx.entries.length;
    bodies.push(part.needsOutline ? '' : part.render(ctx));
    entriesOf.push(ctx.entries.slice(before));
  }
  return { bodies, entriesOf };
}

/**
 * The HTML page of some of a document's parts (`parts[k]` with body `bodies[k]`).
 * `firstPage`: the number the footer gives the first page (the pages before it printed as
 * another document). `linked`: headings the page links to, invisibly, so that the PDF names
 * their places (Chromium writes a named destination only for a link's target). `targets`:
 * headings printed elsewhere, as a last page of empty places, so that the links to them (the
 * 目录's) are kept.
 */
export function composeDocument(
  options: DocumentOptions,
  parts: readonly PdfPart[],
  bodies: readonly string[],
  extra: { firstPage?: number; linked?: readonly string[]; targets?: readonly string[] } = {},
): string {
  const sections = parts.map((part, k) => {
    const classes = ['part', `page-${part.page}`, `part-${part.id}`, ...(part.newPage && k > 0 ? ['new-page'] : [])];
    return `<section class="${classes.join(' ')}">${bodies[k] ?? ''}</section>`;
  });
  if (extra.targets?.length) sections.push(`<section class="part page-prose new-page">${extra.targets.map((id) => `<span id="${id}"></span>`).join('')}</section>`);
  if (extra.linked?.length) sections.unshift(`<nav style="display:none">${extra.linked.map((id) => `<a href="#${id}"></a>`).join('')}</nav>`);
  const firstPage = extra.firstPage !== undefined && extra.firstPage !== 1 ? `\n@page :first { counter-increment: page ${extra.firstPage}; }` : '';
  const css = (options.css ?? PACKAGE_CSS) + firstPage;
  const title = escapeHtml(options.title);
  const body = sections.join('\n');
  const fonts = options.fonts?.(`${title}${css}${body}`);
  return [
    '<!doctype html>',
    `<html lang="${options.lang ?? 'zh-CN'}"><head><meta charset="utf-8">`,
    `<title>${title}</title>`,
    `<style>${css}${fonts ? `\n${fonts}` : ''}${options.printOnly ? '\n@media screen { body { display: none; } }' : ''}</style>`,
    '</head><body>',
    body,
    '</body></html>',
  ].join('\n');
}

/**
 * The whole document in one page: parts in order, the 目录 (parts that need the outline)
 * rendered last. `pageNumbers` are the printed pages of the entries' headings (from the last
 * layout), or null for a first layout.
 */
export function renderHtmlDocument(input: DocumentOptions & { parts: readonly PdfPart[]; pageNumbers: ReadonlyMap<string, number> | null }): HtmlDocument {
  const ctx = new HtmlContext(input.pageNumbers);
  const { bodies } = renderParts(input.parts, ctx);
  const entries = [...ctx.entries];
  input.parts.forEach((part, k) => {
    if (part.needsOutline) bodies[k] = part.render(ctx);
  });
  return { html: composeDocument(input, input.parts, bodies), entries };
}
