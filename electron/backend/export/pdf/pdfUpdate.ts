/**
 * Changes to a printed PDF written as an incremental update (ISO 32000 §7.5.6): the original
 * bytes stay as they are, new versions of changed objects and new objects are appended with
 * their own cross-reference section. Used to join the pieces of a document printed apart into
 * one (joinPages: the 目录's file, then every other piece's pages copied in), to name the
 * headings' places (setDests) and to add the bookmarks (addOutline).
 */
import { createHash } from 'node:crypto';
import { PdfFile } from './pdfFile';
import { PdfDict, PdfName, type PdfObject, PdfRef, PdfString, PdfSyntaxError } from './pdfObjects';

const REGULAR = /^[!-~]$/;
const DELIMITER = /[()<>[\]{}/%#]/;

function number(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return n.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** An object in PDF syntax (Latin-1 text). */
export function serialize(value: PdfObject): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return number(value);
  if (value instanceof PdfName) {
    if (/^[A-Za-z0-9_.+-]*$/.test(value.name)) return `/${value.name}`;
    const bytes = new TextEncoder().encode(value.name);
    return `/${[...bytes].map((b) => (REGULAR.test(String.fromCharCode(b)) && !DELIMITER.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, '0')}`)).join('')}`;
  }
  if (value instanceof PdfString) return `<${Buffer.from(value.bytes).toString('hex')}>`;
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  return `<<${[...value.entries].map(([k, v]) => `${serialize(new PdfName(k))} ${serialize(v)}`).join(' ')}>>`;
}

/** Text as a PDF text string: UTF-16BE with a byte-order mark. */
export function textString(text: string): PdfString {
  const bytes = [0xfe, 0xff];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes.push(c >> 8, c & 0xff);
  }
  return new PdfString(Uint8Array.from(bytes));
}

/** Keys of a page that belong to its own document, not to its content. */
const PAGE_LOCAL = new Set(['Parent', 'Annots', 'StructParents', 'Tabs']);

export class PdfUpdate {
  private next: number;
  private readonly objects = new Map<number, Uint8Array>();
  private catalogEntries: Map<string, PdfObject> | null = null;
  /** Streams copied in, by a hash of their dictionary and bytes. */
  private readonly streams = new Map<string, PdfRef>();
  private info: PdfRef | null = null;

  constructor(readonly base: PdfFile) {
    if (base.xrefOffset === null) throw new PdfSyntaxError('the PDF has no cross-reference table to update');
    this.next = base.size;
  }

  allocate(): PdfRef {
    return new PdfRef(this.next++, 0);
  }

  /** Writes (a new version of) object `ref`; a stream's dictionary gets its /Length. */
  set(ref: PdfRef, value: PdfObject, stream: Uint8Array | null = null): void {
    if (stream === null) {
      this.objects.set(ref.num, Buffer.from(`${ref.num} ${ref.gen} obj\n${serialize(value)}\nendobj\n`, 'latin1'));
      return;
    }
    if (!(value instanceof PdfDict)) throw new PdfSyntaxError('a stream needs a dictionary');
    const dict = new PdfDict(new Map([...value.entries, ['Length', stream.length]]));
    const head = Buffer.from(`${ref.num} ${ref.gen} obj\n${serialize(dict)}\nstream\n`, 'latin1');
    this.objects.set(ref.num, Buffer.concat([head, stream, Buffer.from('\nendstream\nendobj\n', 'latin1')]));
  }

  /** Copies `value` from another file, with every object it refers to (once each, renumbered). */
  copy(from: PdfFile, value: PdfObject, copied: Map<string, PdfRef>): PdfObject {
    if (value instanceof PdfRef) {
      const done = copied.get(value.key);
      if (done) return done;
      const { value: target, stream } = from.objectWithStream(value.key);
      if (stream !== null) {
        // A stream (a page's content, a glyph's drawing, a font file) copied before, byte for
        // byte, from any file, is that object again: pieces printed apart draw the same glyphs.
        const dict = this.copy(from, target, copied);
        const key = createHash('sha1').update(serialize(dict)).update(stream).digest('hex');
        const ref = this.streams.get(key) ?? this.allocate();
        if (!this.streams.has(key)) {
          this.streams.set(key, ref);
          this.set(ref, dict, stream);
        }
        copied.set(value.key, ref);
        return ref;
      }
      const ref = this.allocate();
      copied.set(value.key, ref);
      this.set(ref, this.copy(from, target, copied), stream);
      return ref;
    }
    if (Array.isArray(value)) return value.map((v) => this.copy(from, v, copied));
    if (value instanceof PdfDict) return new PdfDict(new Map([...value.entries].map(([k, v]) => [k, this.copy(from, v, copied)])));
    return value;
  }

  /** The catalog's entries as they will be written (change them in place). */
  catalog(): Map<string, PdfObject> {
    this.catalogEntries ??= new Map(this.base.root.entries);
    return this.catalogEntries;
  }

  /** The updated file: the original bytes, then the new objects, a cross-reference section and trailer. */
  bytes(): Uint8Array {
    if (this.catalogEntries) {
      const rootRef = this.base.trailer.get('Root');
      if (!(rootRef instanceof PdfRef)) throw new PdfSyntaxError('no catalog reference');
      this.set(rootRef, new PdfDict(this.catalogEntries));
    }
    const base = this.base.data;
    const parts: Uint8Array[] = [base, Buffer.from('\n', 'latin1')];
    let offset = base.length + 1;
    const entries: [number, number][] = [];
    for (const num of [...this.objects.keys()].sort((a, b) => a - b)) {
      const body = this.objects.get(num)!;
      entries.push([num, offset]);
      parts.push(body);
      offset += body.length;
    }
    let xref = 'xref\n';
    for (let i = 0; i < entries.length; ) {
      let j = i;
      while (j + 1 < entries.length && entries[j + 1]![0] === entries[j]![0] + 1) j++;
      xref += `${entries[i]![0]} ${j - i + 1}\n`;
      for (let k = i; k <= j; k++) xref += `${String(entries[k]![1]).padStart(10, '0')} 00000 n \n`;
      i = j + 1;
    }
    const trailer = new Map<string, PdfObject>([['Size', Math.max(this.next, this.base.size)]]);
    for (const key of ['Root', 'Info', 'ID']) {
      const v = key === 'Info' && this.info ? this.info : this.base.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', this.base.xrefOffset!);
    parts.push(Buffer.from(`${xref}trailer\n${serialize(new PdfDict(trailer))}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }

  /** Adds bookmarks (replacing any) and asks viewers to show them. */
  addOutline(items: readonly OutlineNode[]): void {
    if (items.length === 0) return;
    const outlines = this.allocate();
    const visible = (list: readonly OutlineNode[]): number => list.reduce((n, i) => n + 1 + visible(i.children), 0);
    const write = (list: readonly OutlineNode[], parent: PdfRef): { first: PdfRef; last: PdfRef } => {
      const refs = list.map(() => this.allocate());
      list.forEach((item, k) => {
        const entries = new Map<string, PdfObject>([
          ['Title', textString(item.title)],
          ['Parent', parent],
          ['Dest', item.dest],
        ]);
        if (k > 0) entries.set('Prev', refs[k - 1]!);
        if (k + 1 < refs.length) entries.set('Next', refs[k + 1]!);
        if (item.children.length > 0) {
          const { first, last } = write(item.children, refs[k]!);
          entries.set('First', first);
          entries.set('Last', last);
          entries.set('Count', visible(item.children));
        }
        this.set(refs[k]!, new PdfDict(entries));
      });
      return { first: refs[0]!, last: refs[refs.length - 1]! };
    };
    const { first, last } = write(items, outlines);
    this.set(outlines, new PdfDict(new Map<string, PdfObject>([['Type', new PdfName('Outlines')], ['First', first], ['Last', last], ['Count', visible(items)]])));
    const catalog = this.catalog();
    catalog.set('Outlines', outlines);
    catalog.set('PageMode', new PdfName('UseOutlines'));
  }

  /**
   * Makes the document the pages `sources[k].pages` (0-based) of each source in order — the
   * first source is this update's own file, the others' pages are copied with everything they use —
   * under one new page tree, each page holding what it inherited from its old tree. Link
   * annotations stay on a source's pages only when its `links` is set. Returns, for each source,
   * its page objects mapped to theirs here (page ref key → ref), to translate its destinations.
   */
  joinPages(sources: readonly { file: PdfFile; pages: readonly number[]; links: boolean }[]): Map<string, PdfRef>[] {
    if (sources[0]?.file !== this.base) throw new PdfSyntaxError('joinPages: the first source must be the file updated');
    const tree = this.allocate();
    const kids: PdfRef[] = [];
    const maps = sources.map(({ file, pages, links }, k) => {
      const refs = pageRefs(file);
      const copied = new Map<string, PdfRef>();
      const chosen = pages.map((i) => {
        const ref = refs[i];
        if (!ref) throw new PdfSyntaxError(`joinPages: no page ${i + 1}`);
        const to = k === 0 ? ref : this.allocate();
        copied.set(ref.key, to);
        return { ref, to };
      });
      for (const { ref, to } of chosen) {
        const page = file.dict(ref)!;
        const entries = new Map<string, PdfObject>();
        const own = (key: string, v: PdfObject) => entries.set(key, k === 0 ? v : this.copy(file, v, copied));
        for (const [key, v] of page.entries) if (key !== 'Parent' && key !== 'Annots' && !PAGE_LOCAL.has(key)) own(key, v);
        for (const key of INHERITED) if (!page.entries.has(key)) {
          const v = inherited(file, page, key);
          if (v !== undefined) own(key, v);
        }
        const annots = page.get('Annots');
        if (links && annots !== undefined) own('Annots', annots);
        entries.set('Parent', tree);
        this.set(to, new PdfDict(entries));
        kids.push(to);
      }
      return copied;
    });
    this.set(tree, new PdfDict(new Map<string, PdfObject>([['Type', new PdfName('Pages')], ['Kids', kids], ['Count', kids.length]])));
    this.catalog().set('Pages', tree);
    return maps;
  }

  /** Sets entries of the document information dictionary (Title, Keywords …) as text strings, keeping the others. */
  setInfo(entries: Readonly<Record<string, string>>): void {
    const old = this.base.dict(this.base.trailer.get('Info'));
    const info = new Map(old?.entries ?? []);
    for (const [key, text] of Object.entries(entries)) info.set(key, textString(text));
    this.info ??= this.allocate();
    this.set(this.info, new PdfDict(info));
  }

  /** Named destinations (replacing the document's): name → explicit destination, as one name tree. */
  setDests(dests: ReadonlyMap<string, PdfObject[]>): void {
    const names = [...dests.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    const tree = this.allocate();
    this.set(tree, new PdfDict(new Map<string, PdfObject>([['Names', names.flatMap((n) => [new PdfString(Buffer.from(n, 'utf8')), dests.get(n)!])]])));
    const catalog = this.catalog();
    const old = this.base.dict(catalog.get('Names'));
    catalog.set('Names', new PdfDict(new Map([...(old?.entries ?? []), ['Dests', tree]])));
    catalog.delete('Dests');
  }
}

/** Page attributes a page takes from its ancestors when it has none of its own (ISO 32000 §7.7.3.4). */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'];

function inherited(file: PdfFile, page: PdfDict, key: string): PdfObject | undefined {
  let node = file.dict(page.get('Parent'));
  for (let depth = 0; node && depth < 64; depth++) {
    const v = node.get(key);
    if (v !== undefined) return v;
    node = file.dict(node.get('Parent'));
  }
  return undefined;
}

/** The page objects of a file in order (its page tree walked depth-first). */
function pageRefs(file: PdfFile): PdfRef[] {
  const out: PdfRef[] = [];
  const walk = (ref: PdfObject | undefined, depth: number) => {
    const node = file.dict(ref);
    if (!node || depth > 64) return;
    const kids = file.resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
    else if (ref instanceof PdfRef) out.push(ref);
  };
  walk(file.root.get('Pages'), 0);
  return out;
}

export interface OutlineNode {
  title: string;
  /** An explicit destination: `[page /XYZ left top zoom]` or `[page /Fit]`. */
  dest: PdfObject[];
  children: OutlineNode[];
}
