/**
 * Printing a document of parts to PDF, a few parts at a time, with a 目录 that is exact by
 * construction.
 *
 * 1. The parts after the 目录 are printed in order, as a few documents of about CHUNK_CHARS of
 *    HTML each (cut only where a part starts a new page anyway): each document's footers go on
 *    from the last one's pages (CSS page counter), so the pages come out as one document's would,
 *    and no print has to lay out the whole package at once — the engine's memory is that of the
 *    largest piece, not of the package.
 * 2. Each piece's PDF names the page every 目录 entry's heading landed on (its named
 *    destination: the piece links to its headings, invisibly), so every heading's printed page
 *    number is known.
 * 3. The cover and the 目录 are printed last, the numbers written; the 目录's footers count in
 *    roman and the cover's not at all, so their length moves no other page's number.
 * 4. The pieces are joined into one PDF (pdfUpdate.ts) with the named destinations of every
 *    heading and the bookmarks: one per 目录 entry, nested as the 目录, each to its heading. The
 *    joined file is read back: every heading must be on the page its number says.
 */
import { composeDocument, type DocumentOptions, HtmlContext, type OutlineEntry, type PdfPart, renderParts } from './document';
import { type EmbeddedFonts, embedFonts } from './embeddedFonts';
import type { OpeningEngine, PdfEngine, PrintDocument } from './engine';
import { PdfFile } from './pdfFile';
import { type PdfObject, PdfName, type PdfRef } from './pdfObjects';
import { readPdfStructure, type PdfStructure } from './pdfReader';
import { type OutlineNode, PdfUpdate } from './pdfUpdate';
import { PACKAGE_CSS } from './styles';

/**
 * About how much HTML one print lays out (a part is never cut): Chromium's renderer takes some
 * 60 MB and about 0.5 MB more for every 1,000 characters of a table's HTML (a 20-page table of a
 * big department, 170,000 characters, about 180 MB), and gives none of it back until it ends.
 */
export const CHUNK_CHARS = 100_000;

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
  /** Prints it took: one per piece of the parts after the 目录, and one for the cover and the 目录. */
  passes: number;
}

/** The physical pages (0-based) holding the 目录: those with links to its entries; they follow each other. */
function tocPageIndexes(structure: PdfStructure, entries: readonly OutlineEntry[]): number[] {
  const ids = new Set(entries.map((e) => e.id));
  const pages = structure.pages.flatMap((p, i) => (p.links.some((l) => ids.has(l)) ? [i] : []));
  if (pages.length === 0 || pages.some((p, k) => k > 0 && p !== pages[k - 1]! + 1)) throw new Error('PDF 中找不到目录所在的页');
  return pages;
}

/** Bookmarks: 目录 first (when `tocRef`), then the entries nested as the 目录 (level 2 under the level 1 before it). */
function outlineOf(entries: readonly OutlineEntry[], dests: ReadonlyMap<string, PdfObject[]>, tocRef: PdfRef | null): OutlineNode[] {
  const nodes: OutlineNode[] = [];
  if (tocRef) nodes.push({ title: '目录', dest: [tocRef, new PdfName('Fit')], children: [] });
  let parent: OutlineNode | null = null;
  for (const e of entries) {
    const node: OutlineNode = { title: e.text, dest: dests.get(e.id)!, children: [] };
    if (e.level === 2 && parent) parent.children.push(node);
    else {
      nodes.push(node);
      if (e.level === 1) parent = node;
    }
  }
  return nodes;
}

/** Runs of consecutive parts of about `budget` characters of HTML each, cut only before a part that starts a new page. */
export function chunkParts(parts: readonly PdfPart[], bodies: readonly string[], budget: number): number[][] {
  const chunks: number[][] = [];
  let size = 0;
  parts.forEach((part, k) => {
    const last = chunks[chunks.length - 1];
    const newPage = k === 0 || part.newPage || part.page !== parts[k - 1]!.page;
    const length = bodies[k]!.length;
    if (last && (!newPage || size + length <= budget)) {
      last.push(k);
      size += length;
    } else {
      chunks.push([k]);
      size = length;
    }
  });
  return chunks;
}

interface Piece {
  file: PdfFile;
  structure: PdfStructure;
}

/**
 * Prints the parts; when they include a 目录 (a part that needs the outline), its page numbers are
 * the pages the headings are on, and the PDF gets bookmarks. `onPass` reports each print and how
 * many there are.
 */
export async function printParts(
  given: PdfEngine | OpeningEngine,
  input: {
    title: string;
    parts: readonly PdfPart[];
    css?: string;
    onPass?: (done: number, total: number) => void;
    chunkChars?: number;
    /** Written into the document information (as the Word and Excel files' keywords: the content hash). */
    keywords?: string;
  },
): Promise<PrintedPdf> {
  // An engine still opening is waited for only once the first piece is written.
  const loadsFonts = 'print' in given ? given.loadsFonts === true : given.loadsFonts;
  // An engine that loads fonts itself gets the Noto CJK faces as files cut down to the text
  // (embeddedFonts.ts), made once for the whole text and again only for new characters.
  let fonts: EmbeddedFonts | null = null;
  const fontsFor = (text: string) => {
    if (!fonts?.covers(text)) fonts = embedFonts(text);
    return fonts.css;
  };
  const options: DocumentOptions = { title: input.title, ...(input.css ? { css: input.css } : {}), ...(loadsFonts ? { fonts: fontsFor, printOnly: true } : {}) };
  const withFiles = (html: string): PrintDocument => (fonts ? { html, files: fonts.files } : { html });

  // Every part but the 目录, headings numbered in document order; which entries each part holds.
  const { parts } = input;
  const ctx = new HtmlContext(null);
  const { bodies, entriesOf } = renderParts(parts, ctx);
  const entries = [...ctx.entries];
  const lastToc = parts.reduce((last, part, k) => (part.needsOutline ? k : last), -1);
  const withToc = lastToc >= 0 && entries.length > 0;
  const headCount = withToc ? lastToc + 1 : 0;
  if (entriesOf.slice(0, headCount).some((list) => list.length > 0)) throw new Error('目录之前的部分不能有目录条目');
  /** Each entry's printed page number, filled as the pieces are printed. */
  const numbers = new Map<string, number>();
  const tocBodies = () => parts.slice(0, headCount).map((part, k) => (part.needsOutline ? part.render(ctx.continued(numbers)) : bodies[k]!));
  if (loadsFonts) fontsFor(`${input.title}${input.css ?? PACKAGE_CSS}${bodies.join('')}${withToc ? tocBodies().join('') : ''}`);

  const content = parts.slice(headCount);
  const chunks = chunkParts(content, bodies.slice(headCount), input.chunkChars ?? CHUNK_CHARS).map((c) => c.map((k) => k + headCount));
  const total = chunks.length + (withToc ? 1 : 0);
  const engine = 'print' in given ? given : await given.engine();
  const pieces: Piece[] = [];
  /** Each entry's piece, and its page (0-based) there. */
  const placed = new Map<string, { piece: number; page: number }>();
  let printedPages = 0;
  for (const chunk of chunks) {
    const linked = chunk.flatMap((k) => entriesOf[k]!.map((e) => e.id));
    const html = composeDocument(
      options,
      chunk.map((k) => parts[k]!),
      chunk.map((k) => bodies[k]!),
      { firstPage: printedPages + 1, ...(withToc ? { linked } : {}) },
    );
    const file = new PdfFile(await engine.print(withFiles(html)));
    const structure = readPdfStructure(file);
    for (const id of withToc ? linked : []) {
      const page = structure.dests.get(id);
      if (page === undefined) throw new Error(`PDF 中没有“${entries.find((e) => e.id === id)!.text}”的位置（目录的链接目标缺失）`);
      placed.set(id, { piece: pieces.length, page });
      // The footer's number: content pages count from 1 (the cover and the 目录 do not count).
      numbers.set(id, printedPages + page + 1);
    }
    pieces.push({ file, structure });
    printedPages += structure.pages.length;
    input.onPass?.(pieces.length, total);
  }
  if (!withToc) {
    if (pieces.length === 1 && input.keywords === undefined) return { pdf: pieces[0]!.file.data, pageCount: printedPages, toc: [], passes: 1 };
    const update = new PdfUpdate(pieces[0]!.file);
    if (pieces.length > 1) update.joinPages(pieces.map((p) => ({ file: p.file, pages: p.structure.pages.map((_, i) => i), links: true })));
    if (input.keywords !== undefined) update.setInfo({ Keywords: input.keywords });
    return { pdf: update.bytes(), pageCount: printedPages, toc: [], passes: pieces.length };
  }

  // The cover and the 目录, numbers written, then a page of empty places for its links' targets (not kept).
  const head = composeDocument(options, parts.slice(0, headCount), tocBodies(), { targets: entries.map((e) => e.id) });
  const headFile = new PdfFile(await engine.print(withFiles(head)));
  const headStructure = readPdfStructure(headFile);
  input.onPass?.(total, total);
  const targetsPage = headStructure.dests.get(entries[0]!.id);
  if (targetsPage === undefined) throw new Error('PDF 中找不到目录的链接目标');
  const tocPages = tocPageIndexes(headStructure, entries);
  const headPages = headStructure.pages.slice(0, targetsPage).map((_, i) => i);

  const update = new PdfUpdate(headFile);
  const maps = update.joinPages([
    { file: headFile, pages: headPages, links: true },
    ...pieces.map((p) => ({ file: p.file, pages: p.structure.pages.map((_, i) => i), links: false })),
  ]);
  const dests = new Map<string, PdfObject[]>();
  for (const e of entries) {
    const at = placed.get(e.id)!;
    const piece = pieces[at.piece]!;
    const array = piece.structure.destArrays.get(e.id)!;
    dests.set(e.id, update.copy(piece.file, array, maps[at.piece + 1]!) as PdfObject[]);
  }
  update.setDests(dests);
  update.addOutline(outlineOf(entries, dests, headStructure.pages[tocPages[0]!]!.ref));
  if (input.keywords !== undefined) update.setInfo({ Keywords: input.keywords });
  const pdf = update.bytes();
  // Read back: every heading on the page its number says (counted from the first page after the 目录).
  const check = readPdfStructure(pdf);
  const firstContent = headPages.length;
  const wrong = entries.filter((e) => check.dests.get(e.id) !== firstContent + numbers.get(e.id)! - 1);
  if (check.pages.length !== firstContent + printedPages || wrong.length > 0) throw new Error(`合并后的 PDF 页面位置不符：${wrong.map((e) => e.text).join('、') || '页数'}`);
  const toc = entries.map((e) => ({ level: e.level, text: e.text, page: numbers.get(e.id)! }));
  return { pdf, pageCount: check.pages.length, toc, passes: total };
}
