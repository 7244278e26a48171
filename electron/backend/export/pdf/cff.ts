/**
 * The CFF table of an OpenType face (Adobe TN 5176) rewritten with only some glyphs drawn: every
 * other glyph keeps its number but gets an empty outline (`endchar`). Glyph numbers, metrics and
 * every other table stay as they are, so text lays out exactly as with the whole font; only the
 * outlines nobody prints are left out — 20 MB of a Noto CJK face's 23 MB.
 *
 * The table is read with positioned reads (a CJK face's outlines are not all read); the parts
 * around the outlines (names, strings, global subroutines, charset, FDSelect, the font DICTs'
 * private DICTs and their local subroutines) are copied byte for byte, and the DICTs that point
 * at them written again with the new offsets.
 */
import type { SfntFace } from './sfnt';

/** One DICT entry: its operator (escaped ones as 1200 + second byte), operand values and operand bytes. */
interface DictEntry {
  op: number;
  values: number[];
  raw: Buffer;
}

const OP = { charset: 15, encoding: 16, charStrings: 17, private: 18, subrs: 19, fdArray: 1236, fdSelect: 1237, ros: 1230 } as const;
const ENDCHAR = Buffer.from([14]);


function parseDict(data: Buffer): DictEntry[] {
  const entries: DictEntry[] = [];
  let values: number[] = [];
  let start = 0;
  let p = 0;
  while (p < data.length) {
    const b = data[p]!;
    if (b <= 21) {
      const raw = data.subarray(start, p);
      let op = b;
      p += 1;
      if (b === 12) {
        op = 1200 + data[p]!;
        p += 1;
      }
      entries.push({ op, values, raw });
      values = [];
      start = p;
    } else if (b === 28) {
      values.push(data.readInt16BE(p + 1));
      p += 3;
    } else if (b === 29) {
      values.push(data.readInt32BE(p + 1));
      p += 5;
    } else if (b === 30) {
      // A real number: nibbles up to an 0xf nibble. Kept as bytes; offsets are never real.
      p += 1;
      while (p < data.length) {
        const n = data[p]!;
        p += 1;
        if ((n & 0x0f) === 0x0f || n >> 4 === 0x0f) break;
      }
      values.push(Number.NaN);
    } else if (b >= 32 && b <= 246) {
      values.push(b - 139);
      p += 1;
    } else if (b >= 247 && b <= 250) {
      values.push((b - 247) * 256 + data[p + 1]! + 108);
      p += 2;
    } else if (b >= 251 && b <= 254) {
      values.push(-(b - 251) * 256 - data[p + 1]! - 108);
      p += 2;
    } else throw new Error(`CFF DICT 中有无效字节 ${b}`);
  }
  return entries;
}

const int32 = (v: number) => {
  const b = Buffer.alloc(5);
  b[0] = 29;
  b.writeInt32BE(v, 1);
  return b;
};

function operator(op: number): Buffer {
  return op >= 1200 ? Buffer.from([12, op - 1200]) : Buffer.from([op]);
}

/** A DICT with `replace`d operands (offsets, written as 5-byte integers so their length is known beforehand). */
function writeDict(entries: readonly DictEntry[], replace: ReadonlyMap<number, readonly number[]>): Buffer {
  return Buffer.concat(entries.flatMap((e) => [replace.has(e.op) ? Buffer.concat(replace.get(e.op)!.map(int32)) : e.raw, operator(e.op)]));
}

function writeIndex(items: readonly Buffer[]): Buffer {
  if (items.length === 0) return Buffer.from([0, 0]);
  const total = items.reduce((s, i) => s + i.length, 0) + 1;
  const offSize = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
  const head = Buffer.alloc(3 + (items.length + 1) * offSize);
  head.writeUInt16BE(items.length, 0);
  head[2] = offSize;
  let offset = 1;
  for (let i = 0; i <= items.length; i++) {
    head.writeUIntBE(offset, 3 + i * offSize, offSize);
    if (i < items.length) offset += items[i]!.length;
  }
  return Buffer.concat([head, ...items]);
}

interface CffIndex {
  count: number;
  starts: Float64Array;
  end: number;
}

/** Reads the CFF table of a face: positioned reads relative to the table's start. */
class CffSource {
  private readonly base: number;
  readonly length: number;

  constructor(private readonly face: SfntFace) {
    const record = face.tables.get('CFF ');
    if (!record) throw new Error('字体没有 CFF 表');
    this.base = record.offset;
    this.length = record.length;
  }

  read(offset: number, length: number): Buffer {
    if (offset + length > this.length) throw new Error('CFF 表读取越界');
    return this.face.file.read(this.base + offset, length);
  }

  /** Reads `length` bytes at `offset` into `target` at `at`; returns `length`. */
  readInto(offset: number, length: number, target: Buffer, at: number): number {
    if (offset + length > this.length) throw new Error('CFF 表读取越界');
    this.face.file.readInto(this.base + offset, length, target, at);
    return length;
  }

  /** An INDEX at `at`: its items' offsets (absolute in the table; item i is [starts[i], starts[i + 1])) and where it ends. */
  index(at: number): CffIndex {
    const head = this.read(at, 3);
    const count = head.readUInt16BE(0);
    if (count === 0) return { count, starts: new Float64Array([at + 2]), end: at + 2 };
    const offSize = head[2]!;
    const raw = this.read(at + 3, (count + 1) * offSize);
    const data = at + 3 + (count + 1) * offSize - 1;
    const starts = new Float64Array(count + 1);
    for (let i = 0, p = 0; i <= count; i++, p += offSize) {
      let v = 0;
      for (let k = 0; k < offSize; k++) v = v * 256 + raw[p + k]!;
      starts[i] = data + v;
    }
    return { count, starts, end: starts[count]! };
  }
}

/** The length of the charset (format 0, 1 or 2) for `glyphs` glyphs at `at`. */
function charsetLength(cff: CffSource, at: number, glyphs: number): number {
  const format = cff.read(at, 1)[0]!;
  if (format === 0) return 1 + 2 * (glyphs - 1);
  const rangeSize = format === 1 ? 3 : 4;
  const data = cff.read(at, Math.min(cff.length - at, 1 + rangeSize * glyphs));
  let covered = 1;
  let p = 1;
  while (covered < glyphs) {
    const left = format === 1 ? data[p + 2]! : data.readUInt16BE(p + 2);
    covered += left + 1;
    p += rangeSize;
  }
  return p;
}

function fdSelectLength(cff: CffSource, at: number, glyphs: number): number {
  const head = cff.read(at, 3);
  if (head[0] === 0) return 1 + glyphs;
  if (head[0] === 3) return 3 + 3 * head.readUInt16BE(1) + 2;
  throw new Error(`不支持的 FDSelect 格式 ${head[0]}`);
}

function encodingLength(cff: CffSource, at: number): number {
  const head = cff.read(at, 2);
  const format = head[0]! & 0x7f;
  let length = format === 0 ? 2 + head[1]! : 2 + 2 * head[1]!;
  if (head[0]! & 0x80) length += 1 + 3 * cff.read(at + length, 1)[0]!;
  return length;
}

/**
 * A private DICT followed by its local subroutines, which it points at relative to itself (the
 * private DICTs of a font's DICTs may lie together, their subroutines after them all).
 */
function privateBlock(cff: CffSource, size: number, offset: number): { data: Buffer; dictLength: number } {
  const dict = parseDict(cff.read(offset, size));
  const subrs = dict.find((e) => e.op === OP.subrs)?.values[0];
  if (subrs === undefined) return { data: writeDict(dict, new Map()), dictLength: size };
  const index = cff.index(offset + subrs);
  const dictLength = writeDict(dict, new Map([[OP.subrs, [0]]])).length;
  return { data: Buffer.concat([writeDict(dict, new Map([[OP.subrs, [dictLength]]])), cff.read(offset + subrs, index.end - offset - subrs)]), dictLength };
}

/**
 * The CharStrings INDEX with the outlines of `keep` (and glyph 0) and `endchar` for every other
 * glyph, written in one buffer (a CJK face has 65,535 glyphs); neighbouring kept outlines are
 * read in one go.
 */
function outlinesIndex(cff: CffSource, charStrings: CffIndex, keep: ReadonlySet<number>): Buffer {
  const { count: glyphs, starts } = charStrings;
  const kept = new Uint8Array(glyphs);
  kept[0] = 1;
  for (const g of keep) if (g < glyphs) kept[g] = 1;
  let total = 0;
  for (let g = 0; g < glyphs; g++) total += kept[g] === 1 ? starts[g + 1]! - starts[g]! : ENDCHAR.length;
  // Offsets of four bytes: written as 32-bit integers.
  const data = 3 + (glyphs + 1) * 4;
  const out = Buffer.alloc(data + total);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  view.setUint16(0, glyphs);
  out[2] = 4;
  let at = data;
  for (let g = 0; g < glyphs; g++) {
    if (kept[g] !== 1) {
      view.setUint32(3 + 4 * g, at - data + 1);
      out[at] = ENDCHAR[0]!;
      at += 1;
      continue;
    }
    let last = g;
    while (last + 1 < glyphs && kept[last + 1] === 1) last += 1;
    for (let k = g; k <= last; k++) view.setUint32(3 + 4 * k, at - data + 1 + starts[k]! - starts[g]!);
    at += cff.readInto(starts[g]!, starts[last + 1]! - starts[g]!, out, at);
    g = last;
  }
  view.setUint32(3 + 4 * glyphs, at - data + 1);
  return out;
}

/** The CFF table of `face` with only the glyphs in `keep` drawn (glyph 0, .notdef, always). */
export function cffWithGlyphs(face: SfntFace, keep: ReadonlySet<number>): Buffer {
  const cff = new CffSource(face);
  const header = cff.read(0, 4);
  const hdrSize = header[2]!;
  const headerBytes = cff.read(0, hdrSize);
  const names = cff.index(hdrSize);
  const tops = cff.index(names.end);
  if (tops.count !== 1) throw new Error('CFF 表应只有一个字体');
  const top = parseDict(cff.read(tops.starts[0]!, tops.starts[1]! - tops.starts[0]!));
  const strings = cff.index(tops.end);
  const globalSubrs = cff.index(strings.end);
  const value = (op: number) => top.find((e) => e.op === op)?.values;

  const charStringsAt = value(OP.charStrings)?.[0];
  if (charStringsAt === undefined) throw new Error('CFF 表没有 CharStrings');
  const charStrings = cff.index(charStringsAt);
  const glyphs = charStrings.count;
  const newCharStrings = outlinesIndex(cff, charStrings, keep);

  // Blocks copied as they are, in this order after the global subroutines.
  const blocks: { op: number; data: Buffer }[] = [];
  const charset = value(OP.charset)?.[0];
  if (charset !== undefined && charset > 2) blocks.push({ op: OP.charset, data: cff.read(charset, charsetLength(cff, charset, glyphs)) });
  const encoding = value(OP.encoding)?.[0];
  if (encoding !== undefined && encoding > 1) blocks.push({ op: OP.encoding, data: cff.read(encoding, encodingLength(cff, encoding)) });
  const fdSelect = value(OP.fdSelect)?.[0];
  if (fdSelect !== undefined) blocks.push({ op: OP.fdSelect, data: cff.read(fdSelect, fdSelectLength(cff, fdSelect, glyphs)) });

  // Font DICTs (CID-keyed fonts) or the one private DICT.
  const fdArrayAt = value(OP.fdArray)?.[0];
  const fds: DictEntry[][] = [];
  if (fdArrayAt !== undefined) {
    const fdArray = cff.index(fdArrayAt);
    for (let i = 0; i < fdArray.count; i++) fds.push(parseDict(cff.read(fdArray.starts[i]!, fdArray.starts[i + 1]! - fdArray.starts[i]!)));
  }
  const privateOf = (dict: DictEntry[]) => dict.find((e) => e.op === OP.private)?.values as [number, number] | undefined;
  const privates = new Map<number, { data: Buffer; dictLength: number }>();
  for (const dict of [top, ...fds]) {
    const p = privateOf(dict);
    if (p && !privates.has(p[1])) privates.set(p[1], privateBlock(cff, p[0], p[1]));
  }

  // Lay out: every offset is a 5-byte integer, so the DICTs' lengths do not depend on the values.
  const placeholder = (ops: readonly number[], dict: DictEntry[]) => new Map(dict.filter((e) => ops.includes(e.op)).map((e) => [e.op, e.values.map(() => 0)]));
  const topOffsets = [OP.charStrings, OP.fdArray, OP.private, ...blocks.map((b) => b.op)];
  const topLength = writeDict(top, placeholder(topOffsets, top)).length;
  const fdLengths = fds.map((fd) => writeDict(fd, placeholder([OP.private], fd)).length);
  const topIndexLength = writeIndex([Buffer.alloc(topLength)]).length;
  const rawNames = cff.read(hdrSize, names.end - hdrSize);
  const rawStrings = cff.read(tops.end, strings.end - tops.end);
  const rawGlobal = cff.read(strings.end, globalSubrs.end - strings.end);
  let at = hdrSize + rawNames.length + topIndexLength + rawStrings.length + rawGlobal.length;
  const placed = new Map<number, number>();
  for (const b of blocks) {
    placed.set(b.op, at);
    at += b.data.length;
  }
  placed.set(OP.charStrings, at);
  at += newCharStrings.length;
  const fdArrayPlace = at;
  if (fds.length > 0) at += writeIndex(fdLengths.map((n) => Buffer.alloc(n))).length;
  const privatePlace = new Map<number, number>();
  for (const [old, block] of privates) {
    privatePlace.set(old, at);
    at += block.data.length;
  }

  const withPrivate = (dict: DictEntry[], extra: [number, number[]][]) => {
    const p = privateOf(dict);
    const replace = new Map<number, readonly number[]>(extra);
    if (p) replace.set(OP.private, [privates.get(p[1])!.dictLength, privatePlace.get(p[1])!]);
    return writeDict(dict, replace);
  };
  const newTop = withPrivate(top, [
    ...blocks.map((b): [number, number[]] => [b.op, [placed.get(b.op)!]]),
    [OP.charStrings, [placed.get(OP.charStrings)!]],
    ...(fds.length > 0 ? [[OP.fdArray, [fdArrayPlace]] as [number, number[]]] : []),
  ]);
  const newFds = fds.map((fd) => withPrivate(fd, []));
  if (newTop.length !== topLength || newFds.some((fd, i) => fd.length !== fdLengths[i])) throw new Error('CFF DICT 长度计算错误');
  const head = Buffer.from(headerBytes);
  head[3] = 4; // offSize of absolute offsets
  const out = Buffer.concat([
    head,
    rawNames,
    writeIndex([newTop]),
    rawStrings,
    rawGlobal,
    ...blocks.map((b) => b.data),
    newCharStrings,
    ...(fds.length > 0 ? [writeIndex(newFds)] : []),
    ...[...privates.values()].map((b) => b.data),
  ]);
  if (out.length !== at) throw new Error('CFF 表长度计算错误');
  return out;
}
