/**
 * Printing a document of parts to PDF with a 目录 that is exact by construction: lay it out once
 * with the 目录's numbers blank, read from the PDF the page every entry's heading landed on (its
 * named destination: each entry links to its heading), write those numbers, print again, and
 * check they did not move. The footers number the pages from 1 at the first page after the 目录
 * (CSS page counter, see styles.ts), so a printed page is its place counted from there: the
 * numbers do not depend on how many pages the 目录 itself takes, and the second layout keeps them.
 */
import { type HtmlDocument, type OutlineEntry, type PdfPart, renderHtmlDocument } from './document';
import type { PdfEngine } from './engine';
import { readPdfStructure, type PdfStructure } from './pdfReader';

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
  /** Layouts it took (2 for a document with a 目录, 1 without). */
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

const MAX_PASSES = 3;

/**
 * Prints the parts; when they include a 目录 (a part that needs the outline), lays out until its
 * page numbers are the pages the headings are on. `onPass` reports each layout (for progress).
 */
export async function printParts(engine: PdfEngine, input: { title: string; parts: readonly PdfPart[]; css?: string; onPass?: (pass: number) => void }): Promise<PrintedPdf> {
  const hasToc = input.parts.some((p) => p.needsOutline);
  let numbers: Map<string, number> | null = null;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const doc: HtmlDocument = renderHtmlDocument({ title: input.title, parts: input.parts, pageNumbers: numbers, ...(input.css ? { css: input.css } : {}) });
    const pdf = await engine.print(doc.html);
    input.onPass?.(pass);
    const structure = readPdfStructure(pdf);
    if (!hasToc) return { pdf, pageCount: structure.pages.length, toc: [], passes: pass };
    const measured = measuredPages(structure, doc.entries);
    if (numbers !== null && samePages(numbers, measured)) {
      const written = numbers;
      return { pdf, pageCount: structure.pages.length, toc: doc.entries.map((e) => ({ level: e.level, text: e.text, page: written.get(e.id)! })), passes: pass };
    }
    numbers = measured;
  }
  throw new Error(`目录页码在${MAX_PASSES}次排版后仍未稳定`);
}
