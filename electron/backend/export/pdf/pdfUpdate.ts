/**
 * Changes to a printed PDF written as an incremental update (ISO 32000 §7.5.6): the original
 * bytes stay as they are, new versions of changed objects and new objects are appended with
 * their own cross-reference section. Used to put the 目录's pages, printed again with their page
 * numbers, in place of the first layout's (replacePages), and to add the bookmarks (addOutline).
 */
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
      const ref = this.allocate();
      copied.set(value.key, ref);
      const { value: target, stream } = from.objectWithStream(value.key);
      this.set(ref, this.copy(from, target, copied), stream);
      return ref;
    }
    if (Array.isArray(value)) return value.map((v) => this.copy(from, v, copied));
    if (value instanceof PdfDict) return new PdfDict(new Map([...value.entries].map(([k, v]) => [k, this.copy(from, v, copied)])));
    return value;
  }

  /** The updated file: the original bytes, then the new objects, a cross-reference section and trailer. */
  bytes(): Uint8Array {
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
      const v = this.base.trailer.get(key);
      if (v !== undefined) trailer.set(key, v);
    }
    trailer.set('Prev', this.base.xrefOffset!);
    parts.push(Buffer.from(`${xref}trailer\n${serialize(new PdfDict(trailer))}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(parts);
  }

  /**
   * Puts the pages of `from` in place of this file's pages `refs` (same count, in order): each
   * keeps its place in the page tree and its link annotations, and takes the other's content,
   * resources and size.
   */
  replacePages(refs: readonly PdfRef[], from: PdfFile, fromRefs: readonly PdfRef[]): void {
    if (refs.length !== fromRefs.length) throw new PdfSyntaxError('replacePages: page counts differ');
    const copied = new Map<string, PdfRef>();
    refs.forEach((ref, k) => {
      const old = this.base.dict(ref);
      const page = from.dict(fromRefs[k]);
      if (!old || !page) throw new PdfSyntaxError('replacePages: not a page');
      const entries = new Map<string, PdfObject>();
      for (const [key, v] of page.entries) if (!PAGE_LOCAL.has(key)) entries.set(key, this.copy(from, v, copied));
      for (const key of ['Parent', 'Annots']) {
        const v = old.get(key);
        if (v !== undefined) entries.set(key, v);
      }
      this.set(ref, new PdfDict(entries));
    });
  }

  /** Adds bookmarks (replacing any) and asks viewers to show them. */
  addOutline(items: readonly OutlineNode[]): void {
    if (items.length === 0) return;
    const rootRef = this.base.trailer.get('Root');
    if (!(rootRef instanceof PdfRef)) throw new PdfSyntaxError('no catalog reference');
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
    const catalog = new Map(this.base.root.entries);
    catalog.set('Outlines', outlines);
    catalog.set('PageMode', new PdfName('UseOutlines'));
    this.set(rootRef, new PdfDict(catalog));
  }
}

export interface OutlineNode {
  title: string;
  /** An explicit destination: `[page /XYZ left top zoom]` or `[page /Fit]`. */
  dest: PdfObject[];
  children: OutlineNode[];
}
