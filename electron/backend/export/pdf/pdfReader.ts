/**
 * Reads the structure of a PDF this app printed with Chromium: its pages (size), its named
 * destinations (the page each link target — every 目录 entry's heading — landed on) and its
 * outline (bookmarks). This is how the 目录's page numbers are taken from the real layout
 * (see render.ts). No dependency: Chromium (Skia) writes plain objects and a classic xref table;
 * a file without one is read by scanning for its `N 0 obj` headers.
 */
import { PdfDict, PdfName, type PdfObject, PdfParser, PdfRef, PdfString, PdfSyntaxError } from './pdfObjects';

export interface PdfPageInfo {
  /** Points, as displayed (after /Rotate). */
  width: number;
  height: number;
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
  outline: PdfOutlineItem[];
}

class PdfDocument {
  private readonly offsets = new Map<string, number>();
  private readonly cache = new Map<string, PdfObject>();
  readonly trailer: PdfDict;

  constructor(private readonly data: Uint8Array) {
    this.trailer = this.readXref() ?? this.scan();
  }

  /** The classic xref table the file ends with, and its trailer; null when there is none. */
  private readXref(): PdfDict | null {
    const tail = String.fromCharCode(...this.data.subarray(Math.max(0, this.data.length - 1024)));
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!m) return null;
    const p = new PdfParser(this.data, Number(m[1]));
    if (p.keyword() !== 'xref') return null;
    for (;;) {
      const word = p.keyword();
      if (word === 'trailer') break;
      const first = Number(word);
      const count = Number(p.keyword());
      if (!Number.isInteger(first) || !Number.isInteger(count)) return null;
      for (let k = 0; k < count; k++) {
        const offset = Number(p.keyword());
        const gen = Number(p.keyword());
        if (p.keyword() === 'n') this.offsets.set(`${first + k} ${gen}`, offset);
      }
    }
    const trailer = p.value();
    return trailer instanceof PdfDict && !trailer.get('Prev') ? trailer : null;
  }

  /** Every `N G obj` header in the file, the last one of a number winning; the trailer from the catalog. */
  private scan(): PdfDict {
    this.offsets.clear();
    const text = Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString('latin1');
    let root: PdfRef | null = null;
    for (const m of text.matchAll(/(?:^|[\r\n\s])(\d+)\s+(\d+)\s+obj\b/g)) {
      const at = (m.index ?? 0) + m[0].length - m[0].trimStart().length;
      this.offsets.set(`${m[1]} ${m[2]}`, at);
    }
    for (const key of this.offsets.keys()) {
      const value = this.object(key);
      if (value instanceof PdfDict && name(value.get('Type')) === 'Catalog') {
        const [num, gen] = key.split(' ').map(Number);
        root = new PdfRef(num!, gen!);
      }
    }
    if (!root) throw new PdfSyntaxError('no document catalog');
    return new PdfDict(new Map([['Root', root]]));
  }

  private object(key: string): PdfObject {
    if (this.cache.has(key)) return this.cache.get(key)!;
    const offset = this.offsets.get(key);
    if (offset === undefined) return null;
    const p = new PdfParser(this.data, offset);
    if (!p.objectHeader()) throw new PdfSyntaxError(`object ${key} not at ${offset}`);
    const value = p.value();
    this.cache.set(key, value);
    return value;
  }

  resolve(value: PdfObject | undefined): PdfObject {
    let v: PdfObject | undefined = value;
    for (let depth = 0; v instanceof PdfRef && depth < 32; depth++) v = this.object(v.key);
    return v ?? null;
  }

  dict(value: PdfObject | undefined): PdfDict | null {
    const v = this.resolve(value);
    return v instanceof PdfDict ? v : null;
  }
}

function name(value: PdfObject | undefined): string | null {
  return value instanceof PdfName ? value.name : null;
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
    pages.push(ownRotate % 180 === 0 ? { width: w, height: h } : { width: h, height: w });
  };
  walk(root.get('Pages'), null, 0, 0);
  return { refs, pages };
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

function readDests(doc: PdfDocument, root: PdfDict, refs: Map<string, number>): Map<string, number> {
  const dests = new Map<string, number>();
  // PDF 1.1: a dictionary in the catalog.
  const dict = doc.dict(root.get('Dests'));
  if (dict) {
    for (const [key, value] of dict.entries) {
      const page = destPage(doc, value, refs);
      if (page !== null) dests.set(key, page);
    }
  }
  // PDF 1.2 on: a name tree under /Names /Dests.
  const walk = (node: PdfDict | null, depth: number) => {
    if (!node || depth > 64) return;
    const names = doc.resolve(node.get('Names'));
    if (Array.isArray(names)) {
      for (let k = 0; k + 1 < names.length; k += 2) {
        const key = doc.resolve(names[k]);
        const page = destPage(doc, names[k + 1], refs);
        if (key instanceof PdfString && page !== null) dests.set(key.text(), page);
      }
    }
    const kids = doc.resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(doc.dict(kid), depth + 1);
  };
  walk(doc.dict(doc.dict(root.get('Names'))?.get('Dests')), 0);
  return dests;
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
export function readPdfStructure(data: Uint8Array): PdfStructure {
  const doc = new PdfDocument(data);
  const root = doc.dict(doc.trailer.get('Root'));
  if (!root) throw new PdfSyntaxError('no document catalog');
  const { refs, pages } = readPages(doc, root);
  const dests = readDests(doc, root, refs);
  return { pages, dests, outline: readOutline(doc, root, refs, dests) };
}
