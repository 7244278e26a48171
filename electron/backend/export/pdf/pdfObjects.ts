/**
 * The PDF object syntax (ISO 32000 §7.3), enough to read a document's structure: numbers, names,
 * strings, arrays, dictionaries, references and `N G obj` headers. Stream contents are never
 * decoded (the structure this app reads — page tree, destinations, outline — is in plain objects
 * in the PDFs Chromium writes).
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfString {
  constructor(readonly bytes: Uint8Array) {}

  /** As text: UTF-16BE with a byte-order mark, UTF-8 with one, else PDFDocEncoding (read as Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder('utf-8').decode(b.subarray(3));
    return String.fromCharCode(...b);
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}

  get key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  constructor(readonly entries: ReadonlyMap<string, PdfObject>) {}

  get(key: string): PdfObject | undefined {
    return this.entries.get(key);
  }
}

export type PdfObject = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfObject[];

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
/** Per byte: 1 whitespace, 2 delimiter, 0 regular (a word's character). */
const CLASS = Uint8Array.from({ length: 256 }, (_, b) => (WHITESPACE.has(b) ? 1 : DELIMITERS.has(b) ? 2 : 0));

/** A name's characters after `/`, `#xx` escapes resolved: UTF-8 when the bytes are, else Latin-1. */
function decodeName(raw: string): string {
  if (!raw.includes('#')) return raw;
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === '#' ? /^[0-9a-fA-F]{2}$/.exec(raw.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(raw.charCodeAt(i) & 0xff);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return String.fromCharCode(...bytes);
  }
}

/** A parse error: the bytes are not the PDF this reader expects. */
export class PdfSyntaxError extends Error {}

/** Reads PDF objects from `data` starting at a byte offset. */
export class PdfParser {
  pos: number;

  constructor(
    private readonly data: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  private peek(): number {
    return this.data[this.pos] ?? -1;
  }

  skipSpace(): void {
    for (;;) {
      const c = this.peek();
      if (c >= 0 && CLASS[c] === 1) this.pos++;
      else if (c === 0x25) {
        // A comment runs to the end of the line.
        while (this.pos < this.data.length && this.peek() !== 0x0a && this.peek() !== 0x0d) this.pos++;
      } else return;
    }
  }

  /** A run of regular characters (a number, keyword or name body). */
  private word(): string {
    const start = this.pos;
    const data = this.data;
    let pos = start;
    while (pos < data.length && CLASS[data[pos]!] === 0) pos++;
    this.pos = pos;
    return pos - start === 1 ? String.fromCharCode(data[start]!) : Buffer.from(data.buffer, data.byteOffset + start, pos - start).toString('latin1');
  }

  /** `N G obj`: the object number at the current position, or null. */
  objectHeader(): { num: number; gen: number } | null {
    this.skipSpace();
    const m = /^(\d+)$/.exec(this.word());
    this.skipSpace();
    const g = /^(\d+)$/.exec(this.word());
    this.skipSpace();
    if (!m || !g || this.word() !== 'obj') return null;
    return { num: Number(m[1]), gen: Number(g[1]) };
  }

  keyword(): string {
    this.skipSpace();
    return this.word();
  }

  value(): PdfObject {
    this.skipSpace();
    const c = this.peek();
    if (c === 0x2f) {
      this.pos++;
      return new PdfName(decodeName(this.word()));
    }
    if (c === 0x28) return this.literalString();
    if (c === 0x3c) {
      if (this.data[this.pos + 1] === 0x3c) return this.dictionary();
      return this.hexString();
    }
    if (c === 0x5b) {
      this.pos++;
      const items: PdfObject[] = [];
      for (;;) {
        this.skipSpace();
        if (this.peek() === 0x5d) {
          this.pos++;
          return items;
        }
        if (this.pos >= this.data.length) throw new PdfSyntaxError('unterminated array');
        items.push(this.value());
      }
    }
    const word = this.word();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) throw new PdfSyntaxError(`unexpected “${word || String.fromCharCode(c)}” at ${this.pos}`);
    // `N G R`: a reference.
    if (/^\d+$/.test(word)) {
      const save = this.pos;
      this.skipSpace();
      const gen = this.word();
      this.skipSpace();
      if (/^\d+$/.test(gen) && this.word() === 'R') return new PdfRef(Number(word), Number(gen));
      this.pos = save;
    }
    return Number(word);
  }

  private dictionary(): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfObject>();
    for (;;) {
      this.skipSpace();
      if (this.peek() === 0x3e && this.data[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return new PdfDict(entries);
      }
      const key = this.value();
      if (!(key instanceof PdfName)) throw new PdfSyntaxError(`dictionary key expected at ${this.pos}`);
      entries.set(key.name, this.value());
    }
  }

  private hexString(): PdfString {
    this.pos++;
    let hex = '';
    while (this.pos < this.data.length && this.peek() !== 0x3e) {
      const ch = String.fromCharCode(this.data[this.pos++]!);
      if (/[0-9a-fA-F]/.test(ch)) hex += ch;
    }
    this.pos++;
    if (hex.length % 2 === 1) hex += '0';
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return new PdfString(bytes);
  }

  private literalString(): PdfString {
    this.pos++;
    const out: number[] = [];
    let depth = 1;
    const escapes: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };
    while (this.pos < this.data.length) {
      const c = this.data[this.pos++]!;
      if (c === 0x5c) {
        const e = this.data[this.pos++]!;
        const ch = String.fromCharCode(e);
        if (ch in escapes) out.push(escapes[ch]!);
        else if (e >= 0x30 && e <= 0x37) {
          let oct = ch;
          while (oct.length < 3 && this.peek() >= 0x30 && this.peek() <= 0x37) oct += String.fromCharCode(this.data[this.pos++]!);
          out.push(parseInt(oct, 8) & 0xff);
        } else if (e === 0x0d) {
          if (this.peek() === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && --depth === 0) return new PdfString(Uint8Array.from(out));
      out.push(c);
    }
    throw new PdfSyntaxError('unterminated string');
  }
}
