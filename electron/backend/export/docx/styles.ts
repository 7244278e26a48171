/**
 * The document's styles: defaults (仿宋 三号), Heading1–3 (黑体 / 楷体, the 目录's outline),
 * BodyText, a TableText style per table text size, alignment and weight (so table cells carry
 * almost nothing of their own), and the 目录's TOC1–2.
 */
import { AlignmentType, LineRuleType } from 'docx';
import { BODY_INDENT, BODY_LINE, FONTS, fonts, SIZE } from './fonts';
import { TABLE_SIZES, tableLine, tableStyleId } from './tableLayout';

export function styles() {
  const heading = (id: string, name: string, font: string, size: number, outlineLevel: number, extra: { bold?: boolean; center?: boolean; indent?: boolean } = {}) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'BodyText',
    quickFormat: true,
    run: { font: fonts(font, font), size, bold: extra.bold ?? false, color: '000000' },
    paragraph: {
      outlineLevel,
      keepNext: true,
      keepLines: true,
      alignment: extra.center ? AlignmentType.CENTER : AlignmentType.LEFT,
      spacing: { before: extra.center ? 240 : 120, after: extra.center ? 240 : 120, line: BODY_LINE, lineRule: LineRuleType.AT_LEAST },
      ...(extra.indent ? { indent: { firstLine: BODY_INDENT, firstLineChars: 200 } } : {}),
    },
  });
  return {
    default: {
      document: {
        run: { font: fonts(FONTS.fangsong), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    },
    paragraphStyles: [
      heading('Heading1', 'heading 1', FONTS.hei, SIZE.part, 0, { center: true }),
      heading('Heading2', 'heading 2', FONTS.hei, SIZE.heading, 1, { indent: true }),
      heading('Heading3', 'heading 3', FONTS.kai, SIZE.heading, 2, { bold: true, indent: true }),
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: fonts(FONTS.fangsong), size: SIZE.body },
        paragraph: {
          alignment: AlignmentType.JUSTIFIED,
          spacing: { before: 0, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT },
          indent: { firstLine: BODY_INDENT, firstLineChars: 200 },
        },
      },
      // Table text: 宋体 at the table's size, exact line height, no spacing or indent, one style
      // per alignment, so the cells' paragraphs and runs carry (almost) nothing of their own.
      ...TABLE_SIZES.flatMap((size) => [
        {
          id: `TableText${String(size)}`,
          name: `Table Text ${String(size / 2)}pt`,
          basedOn: 'Normal',
          run: { font: fonts(FONTS.song), size },
          paragraph: {
            spacing: { before: 0, after: 0, line: tableLine(size), lineRule: LineRuleType.EXACT },
            indent: { firstLine: 0, firstLineChars: 0, left: 0, right: 0 },
          },
        },
        ...(['left', 'center', 'right'] as const).flatMap((alignment) => [
          {
            id: tableStyleId(size, alignment),
            name: `Table Text ${String(size / 2)}pt ${alignment}`,
            basedOn: `TableText${String(size)}`,
            paragraph: { alignment: alignment === 'left' ? AlignmentType.LEFT : alignment === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT },
          },
          {
            id: tableStyleId(size, alignment, true),
            name: `Table Text ${String(size / 2)}pt ${alignment} bold`,
            basedOn: tableStyleId(size, alignment),
            run: { bold: true },
          },
        ]),
      ]),
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: fonts(FONTS.hei, FONTS.hei), size: SIZE.tocEntry },
        paragraph: { spacing: { before: 60, after: 0, line: 400, lineRule: LineRuleType.AT_LEAST } },
      },
      {
        id: 'TOC2',
        name: 'toc 2',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: fonts(FONTS.fangsong), size: SIZE.tocEntry },
        paragraph: { spacing: { before: 0, after: 0, line: 400, lineRule: LineRuleType.AT_LEAST }, indent: { left: 560 } },
      },
    ],
  };
}
