/**
 * Which glyphs of a face a text can print: the glyphs its characters map to (cmap), and every
 * glyph a substitution (GSUB) can turn them into — ligatures, localized and alternate forms,
 * decompositions — taken generously: each lookup is applied to the set whatever its feature,
 * script or context, until nothing new comes in. A glyph too many only costs its outline.
 */

/** Glyph ids of `codePoints` in the cmap table (format 12 preferred, else format 4); unmapped ones are left out. */
export function cmapGlyphs(cmap: Buffer, codePoints: Iterable<number>): Set<number> {
  const count = cmap.readUInt16BE(2);
  let format4 = -1;
  let format12 = -1;
  for (let i = 0; i < count; i++) {
    const r = 4 + 8 * i;
    const platform = cmap.readUInt16BE(r);
    const encoding = cmap.readUInt16BE(r + 2);
    const offset = cmap.readUInt32BE(r + 4);
    const format = cmap.readUInt16BE(offset);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && format12 < 0) format12 = offset;
    if (format === 4 && format4 < 0) format4 = offset;
  }
  const out = new Set<number>();
  if (format12 >= 0) {
    const groups = cmap.readUInt32BE(format12 + 12);
    const find = (c: number): number => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const g = format12 + 16 + 12 * mid;
        const start = cmap.readUInt32BE(g);
        const end = cmap.readUInt32BE(g + 4);
        if (c < start) hi = mid - 1;
        else if (c > end) lo = mid + 1;
        else return cmap.readUInt32BE(g + 8) + (c - start);
      }
      return 0;
    };
    for (const c of codePoints) {
      const g = find(c);
      if (g !== 0) out.add(g);
    }
    return out;
  }
  if (format4 < 0) throw new Error('字体的 cmap 表没有 Unicode 子表');
  const segments = cmap.readUInt16BE(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  for (const c of codePoints) {
    if (c > 0xffff) continue;
    for (let s = 0; s < segments; s++) {
      if (c > cmap.readUInt16BE(ends + 2 * s)) continue;
      const start = cmap.readUInt16BE(starts + 2 * s);
      if (c < start) break;
      const delta = cmap.readInt16BE(deltas + 2 * s);
      const rangeOffset = cmap.readUInt16BE(ranges + 2 * s);
      let g = 0;
      if (rangeOffset === 0) g = (c + delta) & 0xffff;
      else {
        const at = ranges + 2 * s + rangeOffset + 2 * (c - start);
        const raw = cmap.readUInt16BE(at);
        if (raw !== 0) g = (raw + delta) & 0xffff;
      }
      if (g !== 0) out.add(g);
      break;
    }
  }
  return out;
}

/** A Coverage table: its glyphs and, for each, its coverage index. */
interface Coverage {
  glyphs: Uint16Array;
  index: Uint16Array;
}

function coverage(t: Buffer, at: number): Coverage {
  const format = t.readUInt16BE(at);
  const n = t.readUInt16BE(at + 2);
  if (format === 1) {
    const glyphs = new Uint16Array(n);
    const index = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      glyphs[i] = t.readUInt16BE(at + 4 + 2 * i);
      index[i] = i;
    }
    return { glyphs, index };
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += t.readUInt16BE(at + 6 + 6 * i) - t.readUInt16BE(at + 4 + 6 * i) + 1;
  const glyphs = new Uint16Array(total);
  const index = new Uint16Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const r = at + 4 + 6 * i;
    const start = t.readUInt16BE(r);
    const first = t.readUInt16BE(r + 4);
    for (let g = start; g <= t.readUInt16BE(r + 2); g++, k++) {
      glyphs[k] = g;
      index[k] = first + g - start;
    }
  }
  return { glyphs, index };
}

const glyphArray = (t: Buffer, at: number): number[] => Array.from({ length: t.readUInt16BE(at) }, (_, i) => t.readUInt16BE(at + 2 + 2 * i));

/** One substitution subtable: its type, where it is, its coverage (read once). */
interface Subtable {
  type: number;
  at: number;
  coverage: Coverage;
}

/** Adds to `set` what `s` substitutes for the glyphs of `set` it covers. */
function apply(t: Buffer, s: Subtable, set: Set<number>): void {
  const { type, at } = s;
  const { glyphs, index } = s.coverage;
  for (let k = 0; k < glyphs.length; k++) {
    const g = glyphs[k]!;
    if (!set.has(g)) continue;
    const i = index[k]!;
    switch (type) {
      case 1:
        set.add(t.readUInt16BE(at) === 1 ? (g + t.readInt16BE(at + 4)) & 0xffff : t.readUInt16BE(at + 6 + 2 * i));
        break;
      case 2:
      case 3:
        // Multiple (a sequence) and alternate (a set of alternatives): every glyph listed.
        for (const out of glyphArray(t, at + t.readUInt16BE(at + 6 + 2 * i))) set.add(out);
        break;
      case 4: {
        const ligatureSet = at + t.readUInt16BE(at + 6 + 2 * i);
        for (let n = 0; n < t.readUInt16BE(ligatureSet); n++) {
          const lig = ligatureSet + t.readUInt16BE(ligatureSet + 2 + 2 * n);
          let all = true;
          for (let c = 1; c < t.readUInt16BE(lig + 2); c++) if (!set.has(t.readUInt16BE(lig + 2 + 2 * c))) all = false;
          if (all) set.add(t.readUInt16BE(lig));
        }
        break;
      }
      case 8: {
        // Reverse chaining single substitution: coverage, backtrack and lookahead coverages, substitutes.
        const lookahead = at + 6 + 2 * t.readUInt16BE(at + 4);
        set.add(t.readUInt16BE(lookahead + 4 + 2 * t.readUInt16BE(lookahead) + 2 * i));
        break;
      }
    }
  }
}

/** `glyphs` (changed in place and returned) with every glyph the GSUB table can substitute for them. */
export function gsubClosure(gsub: Buffer, glyphs: Set<number>): Set<number> {
  const lookupList = gsub.readUInt16BE(8);
  const subtables: Subtable[] = [];
  for (let i = 0; i < gsub.readUInt16BE(lookupList); i++) {
    const lookup = lookupList + gsub.readUInt16BE(lookupList + 2 + 2 * i);
    const type = gsub.readUInt16BE(lookup);
    for (let k = 0; k < gsub.readUInt16BE(lookup + 4); k++) {
      let at = lookup + gsub.readUInt16BE(lookup + 6 + 2 * k);
      let real = type;
      if (type === 7) {
        // Extension: the real subtable, of the type it names, at a 32-bit offset.
        real = gsub.readUInt16BE(at + 2);
        at += gsub.readUInt32BE(at + 4);
      }
      // 5 and 6 (contextual) substitute only through other lookups, which are applied on their own.
      if (real === 1 || real === 2 || real === 3 || real === 4 || real === 8) subtables.push({ type: real, at, coverage: coverage(gsub, at + gsub.readUInt16BE(at + 2)) });
    }
  }
  for (;;) {
    const before = glyphs.size;
    for (const s of subtables) apply(gsub, s, glyphs);
    if (glyphs.size === before) return glyphs;
  }
}
