/**
 * Chinese line breaking as LibreOffice does it: how many lines a text takes in a given width (in
 * ems). Used to count the prose's pages (pageFlow) and the table rows' heights (tableLayout).
 */

/**
 * Width of a character in ems of its size: Chinese and full-width characters one em; Latin text
 * (Times New Roman in the file) as LibreOffice sets it where Times New Roman is missing, in DejaVu
 * Serif, whose digits are wider (0.636 em against 0.5), so a line of figures breaks as there.
 */
function charEms(code: number): number {
  if (code >= 0x2e80 || (code >= 0x2010 && code <= 0x2027) || (code >= 0x3000 && code <= 0x303f)) return 1;
  if (code >= 0x30 && code <= 0x39) return 0.636; // digits
  switch (code) {
    case 0x20: // space
    case 0x2c: // ,
    case 0x2e: // .
      return 0.318;
    case 0x3a: // :
    case 0x3b: // ;
    case 0x2d: // -
    case 0x2f: // /
      return 0.337;
    case 0x25: // %
      return 0.95;
    case 0x28: // (
    case 0x29: // )
      return 0.39;
    default:
      if (code >= 0x41 && code <= 0x5a) return 0.75; // capitals
      return code < 0x80 ? 0.6 : 1;
  }
}

/** Space LibreOffice puts between a Latin word or number and a Chinese character, in ems. */
const LATIN_GAP = 0.2;

/** Chinese characters proper (not punctuation). */
function isIdeograph(code: number): boolean {
  return (code >= 0x3400 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff);
}

/** Closing marks that may hang past the end of a line rather than start the next one. */
const HANGING = new Set([...'，。、．,.']);
/** Characters a line does not start with, and those it does not end with (Chinese line breaking). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’%‰·…—,.;:?!)]}']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);

/**
 * Lines `text` takes when broken as LibreOffice breaks Chinese text: between any two characters
 * but not before closing or after opening punctuation (、，。 hang in the margin instead), Latin
 * words and numbers kept whole, with a little space between them and Chinese characters.
 * `first` and `rest` are the widths of the first and the other lines, in ems.
 */
export function countLines(text: string, first: number, rest: number): number {
  let lines = 1;
  let room = first;
  let used = 0;
  /** Width of the last unit on the line (it moves down with a closing mark after it). */
  let last = 0;
  let lastOpens = false;
  let lastChinese = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i]!;
    const code = ch.codePointAt(0)!;
    let next = i + 1;
    let width = charEms(code);
    /** Space before the unit, dropped at the start of a line. */
    let lead = 0;
    if (code < 0x80 && code !== 0x20) {
      // A Latin word or number, with what sticks to it.
      while (next < chars.length && chars[next]!.codePointAt(0)! < 0x80 && chars[next] !== ' ') width += charEms(chars[next++]!.codePointAt(0)!);
      if (i > 0 && isIdeograph(chars[i - 1]!.codePointAt(0)!)) lead = LATIN_GAP;
      if (next < chars.length && isIdeograph(chars[next]!.codePointAt(0)!)) width += LATIN_GAP;
    }
    const single = next === i + 1;
    if (used === 0) {
      used = width;
    } else if (used + lead + width <= room + 1e-9) {
      used += lead + width;
    } else if (single && HANGING.has(ch) && lastChinese) {
      // Hangs in the margin.
      used += width;
    } else if ((single && NO_LINE_START.has(ch)) || lastOpens) {
      // The unit before goes to the next line with it.
      lines += 1;
      room = rest;
      used = last + width;
    } else {
      lines += 1;
      room = rest;
      used = width;
      // A word longer than a line is broken where it has to be.
      while (used > room && room > 0) {
        lines += 1;
        used -= room;
      }
    }
    last = width;
    lastOpens = single && NO_LINE_END.has(ch);
    lastChinese = single && code >= 0x2e80;
    i = next;
  }
  return lines;
}
