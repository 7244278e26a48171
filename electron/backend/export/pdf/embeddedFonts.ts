/**
 * The Noto CJK faces brought with a print document as files, each drawing only what the
 * document's text can use (glyphClosure.ts, cff.ts). Chromium hands every font a document prints
 * with, whole, from the page's renderer to its print compositor, and each side keeps a copy: for
 * the three faces of a package, 70 MB of font collections — most of a print's memory and much of
 * its time. With these files the pages come out the same (same glyph numbers, metrics and layout
 * tables: the same lines and page breaks) from a few MB of fonts.
 *
 * A face that is not found stays the system's (the stacks in fonts.ts name it); a file that does
 * not load falls back to the system's face by local().
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cffWithGlyphs } from './cff';
import { NOTO_FACES, type NotoFace } from './fonts';
import { cmapGlyphs, gsubClosure } from './glyphClosure';
import { FontFile, SfntFace, type SfntTable, writeSfnt } from './sfnt';

export interface EmbeddedFonts {
  /** @font-face rules naming the files by relative URL. */
  css: string;
  /** File name → bytes, to put beside the document. */
  files: Map<string, Uint8Array>;
  /** Whether the files draw every character of `text` (else embed again for it). */
  covers(text: string): boolean;
}

/** Where fonts are installed, per platform (Noto CJK's folders on Debian/Ubuntu, Fedora and Arch first). */
export function fontDirectories(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const home = env.HOME ?? os.homedir();
  if (platform === 'win32') {
    const windows = env.WINDIR ?? env.SystemRoot ?? 'C:\\Windows';
    return [path.win32.join(windows, 'Fonts'), ...(env.LOCALAPPDATA ? [path.win32.join(env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  }
  if (platform === 'darwin') return ['/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  return [
    '/usr/share/fonts/opentype/noto',
    '/usr/share/fonts/google-noto-cjk',
    '/usr/share/fonts/noto-cjk',
    '/usr/share/fonts/opentype/noto-cjk',
    '/usr/share/fonts/noto',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
}

/** `face` in the first of `dirs` holding one of its files, or null. The caller closes the file. */
export function findFace(face: NotoFace, dirs: readonly string[]): SfntFace | null {
  for (const dir of dirs)
    for (const name of face.fileNames) {
      const file = path.join(dir, name);
      if (!fs.existsSync(file)) continue;
      const opened = FontFile.open(file);
      try {
        const found = SfntFace.faces(opened).find((f) => f.postScriptName() === face.postScriptName);
        if (found) return found;
      } catch {
        // Not a font we can read: look further.
      }
      opened.close();
    }
  return null;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

/**
 * Characters a font must draw besides the text's own: ASCII and the no-break space, and all of
 * the CJK and general punctuation — Chromium looks at the shapes of a face's fullwidth
 * punctuation (、。，：“” （） …) to decide whether it may set two of them in a row closer
 * (text-spacing-trim), whether or not the text has them.
 */
const ALWAYS = [...range(0x20, 0x7e), 0xa0, 0xb7, ...range(0x2010, 0x2027), ...range(0x3000, 0x303f), 0x30fb, ...range(0xff01, 0xff65)];

/** The characters of an HTML text: its own and those its character references stand for. */
export function codePointsOf(html: string): Set<number> {
  // A flag per UTF-16 unit first (a package is a few hundred thousand of them), then the set.
  const seen = new Uint8Array(0x10000);
  const astral = new Set<number>();
  for (let i = 0; i < html.length; i++) {
    const u = html.charCodeAt(i);
    if (u >= 0xd800 && u < 0xdc00 && i + 1 < html.length) {
      astral.add(html.codePointAt(i)!);
      i += 1;
    } else seen[u] = 1;
  }
  const out = new Set<number>(ALWAYS);
  for (let u = 0; u < 0x10000; u++) if (seen[u] === 1) out.add(u);
  for (const c of astral) out.add(c);
  for (const m of html.matchAll(/&#(?:x([0-9a-f]+)|(\d+));/gi)) out.add(m[1] !== undefined ? Number.parseInt(m[1], 16) : Number(m[2]));
  if (html.includes('&nbsp;')) out.add(0xa0);
  return out;
}

/** `face` as a single .otf whose outlines are only those of `codePoints` (and what they become in GSUB). */
export function faceWithCharacters(face: SfntFace, codePoints: Iterable<number>): Buffer {
  const glyphs = cmapGlyphs(face.table('cmap'), codePoints);
  glyphs.add(0);
  if (face.has('GSUB')) gsubClosure(face.table('GSUB'), glyphs);
  const tables = new Map<string, SfntTable>();
  for (const [tag, record] of face.tables) tables.set(tag, tag === 'CFF ' ? { data: cffWithGlyphs(face, glyphs) } : { data: face.table(tag), checksum: record.checksum });
  return writeSfnt(face.flavor, tables);
}

function fontFaceRule(family: string, weight: number | undefined, file: string, postScriptName: string): string {
  return `@font-face { font-family: "${family}";${weight === undefined ? '' : ` font-weight: ${weight};`} src: url("${file}") format("opentype"), local("${postScriptName}"); }`;
}

/**
 * The Noto CJK faces found on this system (outlines only for the characters of `html`, an HTML
 * document or its text) with their @font-face rules; faces only CFF-outlined fonts (all of
 * Noto CJK) are cut down, others left to the system.
 */
export function embedFonts(html: string, options: { faces?: readonly NotoFace[]; dirs?: readonly string[] } = {}): EmbeddedFonts {
  const codePoints = codePointsOf(html);
  const dirs = options.dirs ?? fontDirectories();
  const rules: string[] = [];
  const files = new Map<string, Uint8Array>();
  for (const face of options.faces ?? NOTO_FACES) {
    const found = findFace(face, dirs);
    if (!found) continue;
    try {
      if (!found.has('CFF ')) continue;
      const data = faceWithCharacters(found, codePoints);
      const name = `${face.postScriptName}-${createHash('sha1').update(data).digest('hex').slice(0, 10)}.otf`;
      files.set(name, data);
      for (const rule of face.rules) rules.push(fontFaceRule(rule.family, rule.weight, name, face.postScriptName));
    } finally {
      found.file.close();
    }
  }
  return {
    css: rules.join('\n'),
    files,
    covers: (text) => [...codePointsOf(text)].every((c) => codePoints.has(c)),
  };
}
