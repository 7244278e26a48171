/**
 * Printing a document of parts to PDF with a 目录 that is exact by construction.
 *
 * 1. Lay the document out and print it, the 目录's numbers blank (their room kept, so the 目录
 *    takes the same lines either way).
 * 2. Read from that PDF the page every entry's heading landed on (its named destination: each
 *    entry links to its heading). The footers number the pages from 1 at the first page after the
 *    目录 (CSS page counter, styles.ts), so a printed page number is the heading's place counted
 *    from the first entry's page.
 * 3. Print again with the numbers written, only the 目录's pages (those linking to its entries),
 *    and put them in place of the first print's (an incremental update, pdfUpdate.ts), with the
 *    bookmarks: one per 目录 entry, nested as the 目录, each to its heading.
 * 4. Check: the second print's 目录 has the same pages and the same links on them; otherwise the
 *    whole document is printed again and measured again (the numbers must not have moved).
 */
import { type HtmlDocument, type OutlineEntry, type PdfPart, renderHtmlDocument } from './document';
import { type EmbeddedFonts, embedFonts } from './embeddedFonts';
import type { OpeningEngine, PdfEngine, PrintDocument } from './engine';
import { PdfFile } from './pdfFile';
import { type PdfObject, PdfName } from './pdfObjects';
import { readPdfStructure, type PdfStructure } from './pdfReader';
import { type OutlineNode, PdfUpdate } from './pdfUpdate';

export interface PrintedEntry {
  level: 1 | 2;
  text: string;
  /** The printed page number (footer) of its heading. */
  page: number;
}

export interface PrintedPdf {
  pdf: Uint8Array;
  /** Physical pages. */
  pageCount: number;
  /** The 目录 as printed, each entry with the page its heading is on. */
  toc: PrintedEntry[];
  /** Prints it took: 1 without a 目录; 2 with one (the second of the 目录's pages only), 3 when the 目录 had to be laid out with the whole document again. */
  passes: number;
}

/** Where each entry's heading landed: printed page numbers, counted from the first entry's page as 1. */
export function measuredPages(structure: PdfStructure, entries: readonly OutlineEntry[]): Map<string, number> {
  const first = entries[0];
  if (!first) return new Map();
  const start = structure.dests.get(first.id);
  if (start === undefined) throw new Error(`PDF 中没有“${first.text}”的位置（目录的链接目标缺失）`);
  const pages = new Map<string, number>();
  for (const e of entries) {
    const at = structure.dests.get(e.id);
    if (at === undefined) throw new Error(`PDF 中没有“${e.text}”的位置（目录的链接目标缺失）`);
    pages.set(e.id, at - start + 1);
  }
  return pages;
}

function samePages(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return a.size === b.size && [...a].every(([id, page]) => b.get(id) === page);
}

/** The physical pages (0-based) holding the 目录: those with links to its entries; they follow each other. */
function tocPageIndexes(structure: PdfStructure, entries: readonly OutlineEntry[]): number[] {
  const ids = new Set(entries.map((e) => e.id));
  const pages = structure.pages.flatMap((p, i) => (p.links.some((l) => ids.has(l)) ? [i] : []));
  if (pages.length === 0 || pages.some((p, k) => k > 0 && p !== pages[k - 1]! + 1)) throw new Error('PDF 中找不到目录所在的页');
  return pages;
}

/** Bookmarks: 目录 first, then the entries nested as the 目录 (level 2 under the level 1 before it). */
function outlineOf(structure: PdfStructure, entries: readonly OutlineEntry[], tocFirst: number): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  const tocRef = structure.pages[tocFirst]?.ref;
  if (tocRef) nodes.push({ title: '目录', dest: [tocRef, new PdfName('Fit')], children: [] });
  let parent: OutlineNode | null = null;
  for (const e of entries) {
    const dest: PdfObject[] | undefined = structure.destArrays.get(e.id);
    if (!dest) throw new Error(`PDF 中没有“${e.text}”的位置（目录的链接目标缺失）`);
    const node: OutlineNode = { title: e.text, dest, children: [] };
    if (e.level === 2 && parent) parent.children.push(node);
    else {
      nodes.push(node);
      if (e.level === 1) parent = node;
    }
  }
  return nodes;
}

const sameLinks = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, k) => x === b[k]);

/**
 * Prints the parts; when they include a 目录 (a part that needs the outline), its page numbers are
 * the pages the headings are on, and the PDF gets bookmarks. `onPass` reports each print.
 */
export async function printParts(
  given: PdfEngine | OpeningEngine,
  input: { title: string; parts: readonly PdfPart[]; css?: string; onPass?: (pass: number) => void },
): Promise<PrintedPdf> {
  // An engine still opening is waited for only once the first layout is written.
  const loadsFonts = 'print' in given ? given.loadsFonts === true : given.loadsFonts;
  // An engine that loads fonts itself gets the Noto CJK faces as files cut down to the text
  // (embeddedFonts.ts), made once for the first layout's text and again only for new characters.
  let fonts: EmbeddedFonts | null = null;
  const fontsFor = (text: string) => {
    if (!fonts?.covers(text)) fonts = embedFonts(text);
    return fonts.css;
  };
  const layout = (pageNumbers: ReadonlyMap<string, number> | null, tocOnly = false): HtmlDocument =>
    renderHtmlDocument({
      title: input.title,
      parts: input.parts,
      pageNumbers,
      tocOnly,
      ...(input.css ? { css: input.css } : {}),
      ...(loadsFonts ? { fonts: fontsFor, printOnly: true } : {}),
    });
  const withFiles = (doc: HtmlDocument): PrintDocument => (fonts ? { html: doc.html, files: fonts.files } : { html: doc.html });
  const first = layout(null);
  const engine = 'print' in given ? given : await given.engine();
  const printed = await engine.print(withFiles(first));
  input.onPass?.(1);
  const file = new PdfFile(printed);
  const structure = readPdfStructure(file);
  if (!input.parts.some((p) => p.needsOutline) || first.entries.length === 0) return { pdf: printed, pageCount: structure.pages.length, toc: [], passes: 1 };

  const numbers = measuredPages(structure, first.entries);
  const second = layout(numbers);
  const toc = second.entries.map((e) => ({ level: e.level, text: e.text, page: numbers.get(e.id)! }));
  const tocPages = tocPageIndexes(structure, first.entries);
  const range = `${tocPages[0]! + 1}-${tocPages[tocPages.length - 1]! + 1}`;
  // The 目录's pages with their numbers, from a document that stops after them (its links' targets kept).
  const again = await engine.print(withFiles(layout(numbers, true)), { pageRanges: range });
  input.onPass?.(2);
  const againFile = new PdfFile(again);
  const againStructure = readPdfStructure(againFile);
  const fits =
    againStructure.pages.length === tocPages.length &&
    tocPages.every((p, k) => {
      const a = structure.pages[p]!;
      const b = againStructure.pages[k]!;
      return sameLinks(a.links, b.links) && Math.abs(a.width - b.width) < 0.5 && Math.abs(a.height - b.height) < 0.5;
    });
  if (fits) {
    const update = new PdfUpdate(file);
    update.replacePages(
      tocPages.map((p) => structure.pages[p]!.ref!),
      againFile,
      againStructure.pages.map((p) => p.ref!),
    );
    update.addOutline(outlineOf(structure, first.entries, tocPages[0]!));
    const pdf = update.bytes();
    // The update kept every page and every heading where it was.
    const check = readPdfStructure(pdf);
    if (check.pages.length !== structure.pages.length || !samePages(measuredPages(check, first.entries), numbers)) throw new Error('目录页替换后页面位置发生变化');
    return { pdf, pageCount: check.pages.length, toc, passes: 2 };
  }
  // The 目录 took other lines with its numbers: the whole document again, and the numbers must hold.
  const whole = await engine.print(withFiles(second));
  input.onPass?.(3);
  const wholeFile = new PdfFile(whole);
  const wholeStructure = readPdfStructure(wholeFile);
  if (!samePages(measuredPages(wholeStructure, second.entries), numbers)) throw new Error('目录页码在重新排版后发生变化');
  const update = new PdfUpdate(wholeFile);
  update.addOutline(outlineOf(wholeStructure, second.entries, tocPageIndexes(wholeStructure, second.entries)[0]!));
  return { pdf: update.bytes(), pageCount: wholeStructure.pages.length, toc, passes: 3 };
}
