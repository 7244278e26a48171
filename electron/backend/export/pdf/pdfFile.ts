/**
 * A PDF file's objects: found through its cross-reference tables (classic tables, following
 * /Prev through incremental updates) or, without them, by scanning for `N G obj` headers; read on
 * demand, with a stream's raw bytes when asked. What pdfReader reads the structure with and
 * pdfUpdate copies objects from. Chromium (Skia) writes plain objects and classic tables.
 */
import { PdfDict, PdfName, type PdfObject, PdfParser, PdfRef, PdfSyntaxError } from './pdfObjects';

export interface PdfObjectWithStream {
  value: PdfObject;
  /** The stream's bytes as stored (still encoded), when the object is a stream. */
  stream: Uint8Array | null;
}

export class PdfFile {
  private readonly offsets = new Map<string, number>();
  private readonly cache = new Map<string, PdfObject>();
  /** The last trailer (/Root, /Info, /ID, /Size). */
  readonly trailer: PdfDict;
  /** Byte offset of the last cross-reference table, or null when the file was scanned. */
  readonly xrefOffset: number | null;

  constructor(readonly data: Uint8Array) {
    const tail = String.fromCharCode(...data.subarray(Math.max(0, data.length - 1024)));
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    const read = m ? this.readXrefChain(Number(m[1])) : null;
    this.xrefOffset = read ? Number(m![1]) : null;
    this.trailer = read ?? this.scan();
  }

  /** Reads the table at `offset` and the ones before it (/Prev); the newest entry of an object wins. */
  private readXrefChain(offset: number): PdfDict | null {
    let newest: PdfDict | null = null;
    const seen = new Set<number>();
    for (let at: number | null = offset; at !== null && !seen.has(at); ) {
      seen.add(at);
      const p: PdfParser = new PdfParser(this.data, at);
      if (p.keyword() !== 'xref') return null;
      for (;;) {
        const word = p.keyword();
        if (word === 'trailer') break;
        const first = Number(word);
        const count = Number(p.keyword());
        if (!Number.isInteger(first) || !Number.isInteger(count)) return null;
        for (let k = 0; k < count; k++) {
          const objectOffset = Number(p.keyword());
          const gen = Number(p.keyword());
          const key = `${first + k} ${gen}`;
          if (p.keyword() === 'n' && !this.offsets.has(key)) this.offsets.set(key, objectOffset);
        }
      }
      const trailer: PdfObject = p.value();
      if (!(trailer instanceof PdfDict)) return null;
      newest ??= trailer;
      const prev: PdfObject | undefined = trailer.get('Prev');
      at = typeof prev === 'number' ? prev : null;
    }
    return newest;
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
      if (value instanceof PdfDict && nameOf(value.get('Type')) === 'Catalog') {
        const [num, gen] = key.split(' ').map(Number);
        root = new PdfRef(num!, gen!);
      }
    }
    if (!root) throw new PdfSyntaxError('no document catalog');
    return new PdfDict(new Map([['Root', root]]));
  }

  /** The highest object number in use, plus one. */
  get size(): number {
    const size = this.trailer.get('Size');
    let most = typeof size === 'number' ? size : 0;
    for (const key of this.offsets.keys()) most = Math.max(most, Number(key.split(' ')[0]) + 1);
    return most;
  }

  object(key: string): PdfObject {
    if (this.cache.has(key)) return this.cache.get(key)!;
    const value = this.objectWithStream(key, false).value;
    this.cache.set(key, value);
    return value;
  }

  /** An object and, for a stream, its stored bytes. */
  objectWithStream(key: string, withStream = true): PdfObjectWithStream {
    const offset = this.offsets.get(key);
    if (offset === undefined) return { value: null, stream: null };
    const p = new PdfParser(this.data, offset);
    if (!p.objectHeader()) throw new PdfSyntaxError(`object ${key} not at ${offset}`);
    const value = p.value();
    if (!withStream || !(value instanceof PdfDict)) return { value, stream: null };
    const at = p.pos;
    if (p.keyword() !== 'stream') {
      p.pos = at;
      return { value, stream: null };
    }
    // The data starts after the end of line that follows `stream`.
    if (this.data[p.pos] === 0x0d) p.pos++;
    if (this.data[p.pos] === 0x0a) p.pos++;
    const length = this.resolve(value.get('Length'));
    if (typeof length !== 'number') throw new PdfSyntaxError(`stream ${key} without a length`);
    return { value, stream: this.data.subarray(p.pos, p.pos + length) };
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

  get root(): PdfDict {
    const root = this.dict(this.trailer.get('Root'));
    if (!root) throw new PdfSyntaxError('no document catalog');
    return root;
  }
}

export function nameOf(value: PdfObject | undefined): string | null {
  return value instanceof PdfName ? value.name : null;
}
