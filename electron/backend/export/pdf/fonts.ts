/**
 * The PDF's fonts, by name in CSS: the Noto CJK faces first (fonts-noto-cjk, which the tests'
 * machines have: the layout does not depend on what else is installed), then the official faces
 * a government PC has (仿宋_GB2312, 方正小标宋简体 …) and each system's own CJK fonts. Chromium
 * embeds what it uses. The roles follow the Word export: title 方正小标宋简体, headings 黑体 /
 * 楷体, body 仿宋_GB2312, tables 宋体; Latin text in Times New Roman where the CJK face is missing.
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
