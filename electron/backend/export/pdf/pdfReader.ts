/**
 * Reads the structure of a PDF this app printed with Chromium: its pages (size), its named
 * destinations (the page each link target — every 目录 entry's heading — landed on) and its
 * outline (bookmarks). This is how the 目录's page numbers are taken from the real layout
 * (see render.ts) — and the links on each page (the 目录's pages are the ones linking to its
 * entries). No dependency: objects are found by pdfFile.ts.
 */
import { nameOf as name, PdfFile as PdfDocument } from './pdfFile';
import { PdfDict, PdfName, type PdfObject, PdfRef, PdfString } from './pdfObjects';

export interface PdfPageInfo {
  /** Points, as displayed (after /Rotate). */
  width: number;
  height: number;
  /** The page object. */
  ref: PdfRef | null;
  /** Named destinations the page's link annotations point to. */
  links: string[];
}

export interface PdfOutlineItem {
  title: string;
  /** 0-based page index, or null when the item points nowhere this reader understands. */
  page: number | null;
  children: PdfOutlineItem[];
}

export interface PdfStructure {
  pages: PdfPageInfo[];
  /** Named destination → 0-based page index. */
  dests: Map<string, number>;
  /** Named destination → its explicit destination (`[page /XYZ left top zoom]`). */
  destArrays: Map<string, PdfObject[]>;
  outline: PdfOutlineItem[];
}

function numbers(value: PdfObject): number[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === 'number') ? (value as number[]) : null;
}

/** The pages in order (the page tree walked depth-first), with inherited MediaBox and Rotate. */
function readPages(doc: PdfDocument, root: PdfDict): { refs: Map<string, number>; pages: PdfPageInfo[] } {
  const refs = new Map<string, number>();
  const pages: PdfPageInfo[] = [];
  const walk = (ref: PdfObject | undefined, box: number[] | null, rotate: number, depth: number) => {
    const node = doc.dict(ref);
    if (!node || depth > 64) return;
    const ownBox = numbers(doc.resolve(node.get('MediaBox'))) ?? box;
    const ownRotate = typeof doc.resolve(node.get('Rotate')) === 'number' ? (doc.resolve(node.get('Rotate')) as number) : rotate;
    if (name(node.get('Type')) === 'Pages' || node.get('Kids')) {
      const kids = doc.resolve(node.get('Kids'));
      if (Array.isArray(kids)) for (const kid of kids) walk(kid, ownBox, ownRotate, depth + 1);
      return;
    }
    if (ref instanceof PdfRef) refs.set(ref.key, pages.length);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = ownBox ?? [];
    const w = Math.abs(x1 - x0);
    const h = Math.abs(y1 - y0);
    const size = ownRotate % 180 === 0 ? { width: w, height: h } : { width: h, height: w };
    pages.push({ ...size, ref: ref instanceof PdfRef ? ref : null, links: pageLinks(doc, node) });
  };
  walk(root.get('Pages'), null, 0, 0);
  return { refs, pages };
}

/** The named destinations of a page's link annotations (`/Dest` or a GoTo action's `/D`). */
function pageLinks(doc: PdfDocument, page: PdfDict): string[] {
  const annots = doc.resolve(page.get('Annots'));
  if (!Array.isArray(annots)) return [];
  const out: string[] = [];
  for (const a of annots) {
    const annot = doc.dict(a);
    if (!annot || name(annot.get('Subtype')) !== 'Link') continue;
    const action = doc.dict(annot.get('A'));
    const dest = doc.resolve(annot.get('Dest') ?? (action && name(action.get('S')) === 'GoTo' ? action.get('D') : undefined));
    if (dest instanceof PdfName) out.push(dest.name);
    else if (dest instanceof PdfString) out.push(dest.text());
  }
  return out;
}

/** The page a destination (an array `[page /XYZ …]` or a dictionary with /D) points at. */
function destPage(doc: PdfDocument, dest: PdfObject | undefined, refs: Map<string, number>): number | null {
  const value = doc.resolve(dest);
  const array = value instanceof PdfDict ? doc.resolve(value.get('D')) : value;
  if (!Array.isArray(array)) return null;
  const target = array[0];
  if (target instanceof PdfRef) return refs.get(target.key) ?? null;
  return typeof target === 'number' ? target : null;
}

function explicitDest(doc: PdfDocument, dest: PdfObject | undefined): PdfObject[] | null {
  const value = doc.resolve(dest);
  const array = value instanceof PdfDict ? doc.resolve(value.get('D')) : value;
  return Array.isArray(array) ? array : null;
}

function readDests(doc: PdfDocument, root: PdfDict, refs: Map<string, number>): { dests: Map<string, number>; arrays: Map<string, PdfObject[]> } {
  const dests = new Map<string, number>();
  const arrays = new Map<string, PdfObject[]>();
  const add = (key: string, value: PdfObject | undefined) => {
    const page = destPage(doc, value, refs);
    const array = explicitDest(doc, value);
    if (page === null || !array) return;
    dests.set(key, page);
    arrays.set(key, array);
  };
  // PDF 1.1: a dictionary in the catalog.
  const dict = doc.dict(root.get('Dests'));
  if (dict) {
    for (const [key, value] of dict.entries) add(key, value);
  }
  // PDF 1.2 on: a name tree under /Names /Dests.
  const walk = (node: PdfDict | null, depth: number) => {
    if (!node || depth > 64) return;
    const names = doc.resolve(node.get('Names'));
    if (Array.isArray(names)) {
      for (let k = 0; k + 1 < names.length; k += 2) {
        const key = doc.resolve(names[k]);
        if (key instanceof PdfString) add(key.text(), names[k + 1]);
      }
    }
    const kids = doc.resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(doc.dict(kid), depth + 1);
  };
  walk(doc.dict(doc.dict(root.get('Names'))?.get('Dests')), 0);
  return { dests, arrays };
}

function readOutline(doc: PdfDocument, root: PdfDict, refs: Map<string, number>, dests: Map<string, number>): PdfOutlineItem[] {
  const seen = new Set<PdfDict>();
  const items = (first: PdfObject | undefined, depth: number): PdfOutlineItem[] => {
    const out: PdfOutlineItem[] = [];
    for (let node = doc.dict(first); node && !seen.has(node) && depth < 64; node = doc.dict(node.get('Next'))) {
      seen.add(node);
      const title = doc.resolve(node.get('Title'));
      let dest = doc.resolve(node.get('Dest'));
      const action = doc.dict(node.get('A'));
      if (dest === null && action && name(action.get('S')) === 'GoTo') dest = doc.resolve(action.get('D'));
      const named = dest instanceof PdfString ? dest.text() : dest instanceof PdfName ? dest.name : null;
      out.push({
        title: title instanceof PdfString ? title.text() : '',
        page: named !== null ? (dests.get(named) ?? null) : destPage(doc, dest, refs),
        children: items(node.get('First'), depth + 1),
      });
    }
    return out;
  };
  return items(doc.dict(root.get('Outlines'))?.get('First'), 0);
}

/** Pages, named destinations and outline of a PDF; throws PdfSyntaxError when it cannot be read. */
export function readPdfStructure(data: Uint8Array | PdfDocument): PdfStructure {
  const doc = data instanceof PdfDocument ? data : new PdfDocument(data);
  const root = doc.root;
  const { refs, pages } = readPages(doc, root);
  const { dests, arrays } = readDests(doc, root, refs);
  return { pages, dests, destArrays: arrays, outline: readOutline(doc, root, refs, dests) };
}
