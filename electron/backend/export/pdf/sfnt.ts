/**
 * OpenType containers (sfnt): one face of a font file (a single .otf/.ttf, or one face of a .ttc
 * collection) read table by table with positioned reads — a CJK collection is 20–30 MB and only
 * a small part of it is needed — and a face written back as a single .otf from its tables.
 */
import fs from 'node:fs';

/** Positioned reads of one open file. */
export class FontFile {
  private constructor(
    readonly path: string,
    private readonly fd: number,
    readonly size: number,
  ) {}

  static open(file: string): FontFile {
    const fd = fs.openSync(file, 'r');
    return new FontFile(file, fd, fs.fstatSync(fd).size);
  }

  read(offset: number, length: number): Buffer {
    const out = Buffer.alloc(length);
    this.readInto(offset, length, out, 0);
    return out;
  }

  /** Reads `length` bytes at `offset` into `target` at `at`. */
  readInto(offset: number, length: number, target: Buffer, at: number): void {
    if (offset < 0 || length < 0 || offset + length > this.size) throw new Error(`字体文件读取越界（${offset}+${length}，共 ${this.size} 字节）`);
    let done = 0;
    while (done < length) {
      const n = fs.readSync(this.fd, target, at + done, length - done, offset + done);
      if (n === 0) throw new Error('字体文件意外结束');
      done += n;
    }
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

export interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

/** One face of a font file: its tables by tag. */
export class SfntFace {
  private constructor(
    readonly file: FontFile,
    readonly flavor: number,
    readonly tables: ReadonlyMap<string, TableRecord>,
  ) {}

  /** The faces' table directories of a file: one for an .otf/.ttf, each face's for a .ttc. */
  static faces(file: FontFile): SfntFace[] {
    const head = file.read(0, 12);
    const tag = head.toString('latin1', 0, 4);
    const offsets: number[] = [];
    if (tag === 'ttcf') {
      const count = head.readUInt32BE(8);
      const list = file.read(12, 4 * count);
      for (let i = 0; i < count; i++) offsets.push(list.readUInt32BE(4 * i));
    } else offsets.push(0);
    return offsets.map((offset) => {
      const dir = file.read(offset, 12);
      const flavor = dir.readUInt32BE(0);
      if (flavor !== 0x00010000 && flavor !== 0x4f54544f) throw new Error('不是 OpenType 字体文件');
      const count = dir.readUInt16BE(4);
      const records = file.read(offset + 12, 16 * count);
      const tables = new Map<string, TableRecord>();
      for (let i = 0; i < count; i++) {
        const r = 16 * i;
        const t = records.toString('latin1', r, r + 4);
        tables.set(t, { tag: t, checksum: records.readUInt32BE(r + 4), offset: records.readUInt32BE(r + 8), length: records.readUInt32BE(r + 12) });
      }
      return new SfntFace(file, flavor, tables);
    });
  }

  has(tag: string): boolean {
    return this.tables.has(tag);
  }

  /** A whole table's bytes. */
  table(tag: string): Buffer {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`字体缺少 ${tag.trim()} 表`);
    return this.file.read(t.offset, t.length);
  }

  /** The PostScript name (name table, ID 6), or null. */
  postScriptName(): string | null {
    if (!this.has('name')) return null;
    const name = this.table('name');
    const count = name.readUInt16BE(2);
    const strings = name.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const r = 6 + 12 * i;
      const platform = name.readUInt16BE(r);
      const id = name.readUInt16BE(r + 6);
      if (id !== 6) continue;
      const length = name.readUInt16BE(r + 8);
      const start = strings + name.readUInt16BE(r + 10);
      const bytes = name.subarray(start, start + length);
      // Windows names are UTF-16BE; Macintosh Roman is ASCII for a PostScript name.
      if (platform === 3 || platform === 0) return length % 2 === 0 ? Buffer.from(bytes).swap16().toString('utf16le') : null;
      return bytes.toString('latin1');
    }
    return null;
  }
}

/** The OpenType checksum of a table: the sum of its big-endian 32-bit words, the last one padded with zeros. */
export function checksum(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const whole = data.length - (data.length % 4);
  let sum = 0;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  let tail = 0;
  for (let i = whole; i < data.length; i++) tail += data[i]! * 2 ** (8 * (3 - (i - whole)));
  return (sum + tail) >>> 0;
}

/** A table for writeSfnt: its bytes, and its checksum when known (a table copied as it was keeps its own). */
export interface SfntTable {
  data: Buffer;
  checksum?: number;
}

/** A single-face font file from its tables (tags of four characters), with the checksums OpenType asks for. */
export function writeSfnt(flavor: number, tables: ReadonlyMap<string, SfntTable>): Buffer {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  let power = 1;
  let log = 0;
  while (power * 2 <= count) {
    power *= 2;
    log += 1;
  }
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(log, 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headOffset = -1;
  let sum = 0;
  tags.forEach((tag, i) => {
    const table = tables.get(tag)!;
    let data = table.data;
    let sumOf = table.checksum;
    if (tag === 'head') {
      data = Buffer.from(data);
      data.writeUInt32BE(0, 8); // checkSumAdjustment, set below
      headOffset = offset;
      sumOf = undefined;
    }
    sumOf ??= checksum(data);
    const r = 12 + 16 * i;
    header.write(tag, r, 4, 'latin1');
    header.writeUInt32BE(sumOf, r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(data.length, r + 12);
    sum = (sum + sumOf) >>> 0;
    const padded = (data.length + 3) & ~3;
    parts.push(data, Buffer.alloc(padded - data.length));
    offset += padded;
  });
  const out = Buffer.concat(parts);
  // The whole file's checksum: the tables' (each padded with zeros) and the directory's.
  if (headOffset >= 0) out.writeUInt32BE((0xb1b0afba - ((sum + checksum(header)) >>> 0)) >>> 0, headOffset + 8);
  return out;
}
