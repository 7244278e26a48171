/**
 * Test helper: a private fontconfig setup (FONTCONFIG_FILE) that pins the fonts LibreOffice (or
 * anything else using fontconfig) sees, so a layout read back in a test is the same on every
 * machine with the packages scripts/setup.sh installs, whatever other fonts are present.
 *
 * Without it, LibreOffice draws what the Word export names (宋体, 仿宋_GB2312, 黑体, Times New
 * Roman …, none of them on Linux) with whatever fontconfig ranks first, and that depends on what
 * is installed: fonts-urw-base35 (a dependency of ghostscript) turns Times New Roman into Nimbus
 * Roman, whose digits are narrower than DejaVu Serif's, so lines of figures break differently and
 * headings move up a page; fonts-droid-fallback or fonts-liberation can change the fallbacks too.
 *
 * The file is hermetic: it does not include /etc/fonts/fonts.conf and scans only the folders of
 * the two font families it needs (fonts-noto-cjk, fonts-dejavu-core), then maps every font name
 * the package uses onto them — the Chinese ones to Noto Serif / Sans CJK SC, Times New Roman to
 * DejaVu Serif (what the 目录's page estimate counts with, see export/docx/lineBreaking.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const NOTO_SERIF_CJK = 'Noto Serif CJK SC';
export const NOTO_SANS_CJK = 'Noto Sans CJK SC';
export const DEJAVU_SERIF = 'DejaVu Serif';
export const DEJAVU_SANS = 'DejaVu Sans';

/** The package's font names (Word export and PDF) → the face they are drawn with in tests. */
export const PINNED_FONTS: Readonly<Record<string, string>> = {
  宋体: NOTO_SERIF_CJK,
  SimSun: NOTO_SERIF_CJK,
  仿宋_GB2312: NOTO_SERIF_CJK,
  仿宋: NOTO_SERIF_CJK,
  FangSong: NOTO_SERIF_CJK,
  楷体: NOTO_SERIF_CJK,
  楷体_GB2312: NOTO_SERIF_CJK,
  KaiTi: NOTO_SERIF_CJK,
  方正小标宋简体: NOTO_SERIF_CJK,
  黑体: NOTO_SANS_CJK,
  SimHei: NOTO_SANS_CJK,
  'Times New Roman': DEJAVU_SERIF,
  Arial: DEJAVU_SANS,
};

/** The Debian package that provides each face. */
const PACKAGE_OF: Record<string, string> = {
  [NOTO_SERIF_CJK]: 'fonts-noto-cjk',
  [NOTO_SANS_CJK]: 'fonts-noto-cjk',
  [DEJAVU_SERIF]: 'fonts-dejavu-core',
  [DEJAVU_SANS]: 'fonts-dejavu-core',
};

/** The folder holding a family's file, from the system's fontconfig; throws naming the package when it is missing. */
function familyFolder(family: string): string {
  const r = spawnSync('fc-list', ['-f', '%{family}\t%{file}\n', family], { encoding: 'utf8' });
  if (r.error) throw new Error(`fc-list is missing: install the Debian package fontconfig (${r.error.message})`);
  const file = r.stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .find(([families]) => (families ?? '').split(',').includes(family))?.[1];
  if (!file) throw new Error(`font “${family}” is missing: install the Debian package ${PACKAGE_OF[family] ?? family} (scripts/setup.sh does)`);
  return dirname(file);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Writes `dir/fonts.conf` (and a cache folder beside it) and returns the environment to run a
 * program with: the process environment plus FONTCONFIG_FILE.
 */
export function pinnedFontEnv(dir: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const folders = [...new Set(Object.keys(PACKAGE_OF).map(familyFolder))];
  const cache = join(dir, 'fontconfig-cache');
  mkdirSync(cache, { recursive: true });
  const rule = (from: string, to: string) =>
    `  <match target="pattern"><test name="family"><string>${escapeXml(from)}</string></test>` +
    `<edit name="family" mode="assign" binding="strong"><string>${escapeXml(to)}</string></edit></match>`;
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      ...folders.map((f) => `  <dir>${escapeXml(f)}</dir>`),
      `  <cachedir>${escapeXml(cache)}</cachedir>`,
      ...Object.entries(PINNED_FONTS).map(([from, to]) => rule(from, to)),
      `  <alias><family>serif</family><prefer><family>${DEJAVU_SERIF}</family><family>${NOTO_SERIF_CJK}</family></prefer></alias>`,
      `  <alias><family>sans-serif</family><prefer><family>${DEJAVU_SANS}</family><family>${NOTO_SANS_CJK}</family></prefer></alias>`,
      `  <alias><family>monospace</family><prefer><family>DejaVu Sans Mono</family><family>${NOTO_SANS_CJK}</family></prefer></alias>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return { ...env, FONTCONFIG_FILE: file };
}
