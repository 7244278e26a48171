/**
 * Fonts and sizes of the Word export. Fonts are set by name with the east-Asian attribute on every
 * run with Chinese text (and on the styles and document defaults), so Chinese text never falls
 * back to a Latin font: title 方正小标宋简体, headings 黑体 / 楷体, body 仿宋_GB2312 三号, tables 宋体.
 */
import { type IRunOptions, TextRun } from 'docx';

export const FONTS = {
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体',
  fangsong: '仿宋_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
} as const;

/** Run fonts: the Chinese font for east-Asian text (and ambiguous punctuation), `latin` for the rest. */
export function fonts(eastAsia: string, latin: string = FONTS.latin): IRunOptions['font'] {
  return { ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' };
}

/** Half-points. */
export const SIZE = {
  cover: 52, // 一号 26pt
  part: 36, // 小二 18pt (第一部分 …)
  tableTitle: 32, // 三号 16pt
  heading: 32, // 三号
  body: 32, // 三号 16pt
  tocEntry: 28, // 四号 14pt
  tableMark: 21, // 五号 10.5pt
  footer: 28, // 四号
} as const;

/** 28pt exact line spacing of the narrative (twips). */
export const BODY_LINE = 560;
/** Two characters of 三号 (twips), for LibreOffice, which ignores firstLineChars in some versions. */
export const BODY_INDENT = 640;

/** A run of `text` in `font` (east-Asian; Times New Roman for Latin) at `size` half-points. */
export function run(text: string, font: string, size: number, extra: Partial<IRunOptions> = {}): TextRun {
  return new TextRun({ text, font: fonts(font), size, ...extra });
}
