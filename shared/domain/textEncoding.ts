/**
 * Reading a text file that must be UTF-8 (the interchange JSON). Nothing is ever replaced by `�`:
 * a file that is not valid UTF-8 is refused, with where the first bad byte is and which encoding
 * the file looks like instead — GBK/GB18030 (what Chinese Windows and Excel write by default),
 * UTF-16 (what some editors call “Unicode”), UTF-32 — so the officer knows how to save it again.
 * A UTF-8 byte order mark is accepted and dropped.
 */

export type DecodeResult = { ok: true; text: string } | { ok: false; message: string };

const SAVE_AS_UTF8 = '请用记事本或 WPS 打开此文件，另存为“UTF-8”编码后再导入。';

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** The byte order mark's encoding, if the file starts with one other than UTF-8's. */
function foreignBom(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return 'UTF-32（小端序，带 BOM）';
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return 'UTF-32（大端序，带 BOM）';
  if (startsWith(bytes, [0xff, 0xfe])) return 'UTF-16（小端序，带 BOM）';
  if (startsWith(bytes, [0xfe, 0xff])) return 'UTF-16（大端序，带 BOM）';
  return null;
}

/**
 * UTF-16 without a BOM: ASCII text (JSON punctuation, field names) has a zero byte beside every
 * character. Raw zero bytes never occur in a JSON file, so a third of them is conclusive.
 */
function utf16WithoutBom(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  const pairs = sample.length / 2;
  if (pairs < 2) return null;
  if (odd > pairs / 3 && odd > even * 4) return 'UTF-16（小端序）';
  if (even > pairs / 3 && even > odd * 4) return 'UTF-16（大端序）';
  return null;
}

/** Length of the UTF-8 sequence starting at `i`, or 0 when it is not a valid one (RFC 3629). */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i] ?? 0;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // no surrogates
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length; ) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) return i;
    i += n;
  }
  return -1;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** Chinese characters (and full-width punctuation) only: what a GBK-encoded Chinese text decodes to. */
const CHINESE_TEXT = /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+$/u;

/**
 * The non-ASCII run around `offset` read as GB18030 (a superset of GBK and GB2312), when it reads
 * as Chinese text: then the file, or that value, was saved as GBK. A GBK character is a lead byte
 * (0x81–0xFE) and a trail byte that may be ASCII, so the run is taken in pairs from its start.
 */
function asGbk(bytes: Uint8Array, offset: number): string | null {
  let start = offset;
  while (start > 0 && (bytes[start - 1] ?? 0) >= 0x80) start--;
  let end = start;
  while (end + 1 < bytes.length && (bytes[end] ?? 0) >= 0x81 && end - start < 64) end += 2;
  if (end === start) return null;
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes.subarray(start, end));
    return CHINESE_TEXT.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** Decodes UTF-8 text strictly; see the module comment for what is refused and how. */
export function decodeUtf8Text(input: Uint8Array): DecodeResult {
  const bom = foreignBom(input);
  if (bom) return { ok: false, message: `文件是 ${bom}编码的，不是 UTF-8。${SAVE_AS_UTF8}` };
  const utf16 = utf16WithoutBom(input);
  if (utf16) return { ok: false, message: `文件看起来是 ${utf16}编码的，不是 UTF-8。${SAVE_AS_UTF8}` };
  const bytes = startsWith(input, [0xef, 0xbb, 0xbf]) ? input.subarray(3) : input;
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };

  const { line, column } = lineAndColumn(bytes, bad);
  const where = `第 ${line} 行第 ${column} 个字符处（字节 ${hex(bytes.subarray(bad, bad + 4))}）`;
  const gbk = asGbk(bytes, bad);
  const looksLike = gbk
    ? `，这段内容按 GBK（GB2312/GB18030）编码读出来是“${gbk}”：文件（或其中这一项）是用 GBK 编码保存的`
    : '，也不像 GBK 或 UTF-16 编码，文件可能已损坏或不是文本文件';
  return { ok: false, message: `文件不是有效的 UTF-8 编码：${where}有无法识别的字节${looksLike}。${SAVE_AS_UTF8}` };
}
