/**
 * Test helper: a PDF read page by page with poppler-utils (`pdfinfo`, `pdftotext -f N -l N
 * -layout`), for checking where things land in LibreOffice's layout of a Word export — the
 * number printed in each page's footer (`— N —`), the 目录 as printed (title + page number per
 * entry) and the page a heading first appears on.
 */
import { spawnSync } from 'node:child_process';

/** Whitespace removed: pdftotext spaces out CJK text and wraps long titles over lines. */
export const squash = (text: string): string => text.replace(/\s+/g, '');

function poppler(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is missing: install the Debian package poppler-utils (apt-get install poppler-utils)`);
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** Fails (never skips) without poppler-utils, naming the package. */
export function requirePoppler(): void {
  poppler('pdftotext', ['-v']);
  poppler('pdfinfo', ['-v']);
}

export interface PdfPage {
  /** Physical page, 1-based. */
  page: number;
  /** Non-empty lines of `pdftotext -layout`, trailing whitespace removed. */
  lines: string[];
  /** The page's text with all whitespace removed. */
  squashed: string;
  /** What the footer prints between the dashes (`1`, `II`), or null for a page without one. */
  footer: string | null;
  /** The footer's number when it is a decimal one (the body's numbering), else null. */
  printed: number | null;
}

const FOOTER = /^[—–-]\s*([0-9]+|[IVXLCDM]+|[ivxlcdm]+)\s*[—–-]$/;

export function pdfPageCount(pdf: string): number {
  const m = /^Pages:\s*(\d+)/m.exec(poppler('pdfinfo', [pdf]));
  if (!m) throw new Error(`pdfinfo ${pdf}: no page count`);
  return Number(m[1]);
}

/** Every page of the PDF: its lines, and the footer (the last line when it reads `— N —`). */
export function pdfPages(pdf: string): PdfPage[] {
  const count = pdfPageCount(pdf);
  const pages: PdfPage[] = [];
  for (let page = 1; page <= count; page++) {
    const text = poppler('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-']);
    const lines = text
      .replace(/\f/g, '\n')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l.trim() !== '');
    const m = lines.length > 0 ? FOOTER.exec(lines[lines.length - 1]!.trim()) : null;
    const footer = m ? m[1]! : null;
    pages.push({ page, lines, squashed: squash(lines.join('\n')), footer, printed: footer && /^\d+$/.test(footer) ? Number(footer) : null });
  }
  return pages;
}

export interface PrintedTocEntry {
  /** The entry's title, whitespace removed (lines of a wrapped title joined). */
  title: string;
  /** The page number the 目录 prints for it. */
  page: number;
  /** The physical PDF page the entry is printed on. */
  onPdfPage: number;
}

/** An entry's last line: title (or its last part), a dot leader, the page number at the right. */
const TOC_LINE = /^(.*?)\s*(?:(?:\.|…|·|‥){2,}|\s{2,})\s*(\d+)$/;

/**
 * The 目录 pages: from the page whose first line is 目录 up to the page before the first one
 * with a decimal footer (the body's numbering starts at 1 after the 目录's own roman numbering).
 */
export function tocPages(pages: PdfPage[]): PdfPage[] {
  const start = pages.findIndex((p) => p.lines.length > 0 && squash(p.lines[0]!) === '目录');
  if (start < 0) throw new Error('no page starting with 目录 in the PDF');
  const end = pages.findIndex((p, i) => i > start && p.printed !== null);
  return pages.slice(start, end < 0 ? pages.length : end);
}

/**
 * The 目录 as printed: each entry's title and page number. A line without a page number at its
 * end is the first part of a wrapped title and joins the next line (on the next page too).
 */
export function printedToc(pages: PdfPage[]): PrintedTocEntry[] {
  const entries: PrintedTocEntry[] = [];
  let pending = '';
  tocPages(pages).forEach((p) => {
    p.lines.forEach((line, i) => {
      const trimmed = line.trim();
      if (i === 0 && squash(trimmed) === '目录') return;
      if (i === p.lines.length - 1 && p.footer !== null) return;
      const m = TOC_LINE.exec(trimmed);
      if (!m) {
        pending += trimmed;
        return;
      }
      entries.push({ title: squash(pending + m[1]!), page: Number(m[2]), onPdfPage: p.page });
      pending = '';
    });
  });
  if (pending !== '') throw new Error(`目录: an entry without a page number: ${pending}`);
  return entries;
}

export interface HeadingPlacement {
  title: string;
  /** Physical page the heading first appears on (after the 目录), or null when it is nowhere. */
  pdfPage: number | null;
  /** That page's footer number. */
  printed: number | null;
}

/**
 * Where each heading first appears after the 目录 pages, searching in document order (a heading
 * is looked for from the page of the one before it on, so text repeated later cannot match).
 */
export function headingPlacements(pages: PdfPage[], titles: string[]): HeadingPlacement[] {
  const toc = tocPages(pages);
  let from = pages.indexOf(toc[toc.length - 1]!) + 1;
  return titles.map((title) => {
    const want = squash(title);
    const index = pages.findIndex((p, i) => i >= from && p.squashed.includes(want));
    if (index < 0) return { title, pdfPage: null, printed: null };
    from = index;
    return { title, pdfPage: pages[index]!.page, printed: pages[index]!.printed };
  });
}
