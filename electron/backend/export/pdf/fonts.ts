/**
 * The PDF's fonts, by name in CSS: the Noto CJK faces first (fonts-noto-cjk, which the tests'
 * machines have: the layout does not depend on what else is installed), then the official faces
 * a government PC has (仿宋_GB2312, 方正小标宋简体 …) and each system's own CJK fonts. Chromium
 * embeds what it uses. The roles follow the Word export: title 方正小标宋简体, headings 黑体 /
 * 楷体, body 仿宋_GB2312, tables 宋体; Latin text in Times New Roman where the CJK face is missing.
 *
 * The Noto CJK faces can also come with the document as files (embeddedFonts.ts): NOTO_FACES says
 * which faces, and where their files usually are.
 */

const quote = (family: string) => (/^[a-z-]+$/.test(family) ? family : `"${family}"`);
const stack = (...families: string[]) => families.map(quote).join(', ');

/** The title's bold serif: Noto Serif CJK SC Bold by its face name, so 方正小标宋 (one weight) is never made bold. */
export const TITLE_FACE = 'DisclosureTitle';

export const FONT_FACES = `@font-face { font-family: "${TITLE_FACE}"; src: local("Noto Serif CJK SC Bold"), local("NotoSerifCJKsc-Bold"); }`;

export const FONT_STACKS = {
  title: stack(TITLE_FACE, '方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'Times New Roman', 'SimSun', '宋体', 'Songti SC', 'serif'),
  hei: stack('Noto Sans CJK SC', 'Times New Roman', '黑体', 'SimHei', 'Source Han Sans SC', 'Heiti SC', 'Microsoft YaHei', 'sans-serif'),
  kai: stack('Noto Serif CJK SC', 'Times New Roman', '楷体_GB2312', '楷体', 'KaiTi', 'STKaiti', 'serif'),
  fangsong: stack('Noto Serif CJK SC', 'Times New Roman', '仿宋_GB2312', '仿宋', 'FangSong', 'STFangsong', 'serif'),
  song: stack('Noto Serif CJK SC', 'Times New Roman', '宋体', 'SimSun', 'Source Han Serif SC', 'Songti SC', 'serif'),
} as const;

/** A face the stacks above name, as a file: the @font-face rules it answers, its PostScript name, its usual file names. */
export interface NotoFace {
  /** Family and weight of each rule (no weight: the title face, whatever the weight asked). */
  rules: readonly { family: string; weight?: 400 | 700 }[];
  postScriptName: string;
  /** The collection every distribution ships (.ttc), then the SC-only file (.otf). */
  fileNames: readonly string[];
}

export const NOTO_FACES: readonly NotoFace[] = [
  { rules: [{ family: 'Noto Serif CJK SC', weight: 400 }], postScriptName: 'NotoSerifCJKsc-Regular', fileNames: ['NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular.otf'] },
  {
    rules: [{ family: 'Noto Serif CJK SC', weight: 700 }, { family: TITLE_FACE }],
    postScriptName: 'NotoSerifCJKsc-Bold',
    fileNames: ['NotoSerifCJK-Bold.ttc', 'NotoSerifCJKsc-Bold.otf'],
  },
  { rules: [{ family: 'Noto Sans CJK SC', weight: 400 }], postScriptName: 'NotoSansCJKsc-Regular', fileNames: ['NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular.otf'] },
  // No rule sets 黑体 bold: Noto Sans CJK SC Bold stays the system's, used whole if ever asked for.
];
