/**
 * Headings and body paragraphs: a heading gets a bookmark and a 目录 entry (Outline), and every
 * paragraph is recorded in the page flow as it is made. Also what an unfilled field prints.
 */
import { AlignmentType, Bookmark, HeadingLevel, type IRunOptions, LineRuleType, Paragraph, type ParagraphChild, type TextRun } from 'docx';
import { MISSING_FIELD_TEXT } from '../print/printed';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { BODY_METRICS, HEADING_METRICS, type ParagraphMetrics } from './pageFlow';

export function heading(
  toc: Outline,
  level: 1 | 2,
  text: string,
  options: {
    font: string;
    size: number;
    alignment?: (typeof AlignmentType)[keyof typeof AlignmentType];
    pageBreakBefore?: boolean;
    keepNext?: boolean;
    spacing?: { before: number; after: number; line?: number; lineRule?: (typeof LineRuleType)[keyof typeof LineRuleType] };
    indent?: { firstLine: number; firstLineChars: number };
  },
): Paragraph {
  const bookmark = toc.bookmark(level, text);
  const style = level === 1 ? HEADING_METRICS.part : HEADING_METRICS.section;
  toc.flow.paragraph(text, {
    ...style,
    size: options.size,
    ...(options.spacing
      ? { before: options.spacing.before, after: options.spacing.after, line: options.spacing.line ?? style.line, exact: options.spacing.lineRule === LineRuleType.EXACT }
      : {}),
    ...(options.indent ? { firstLine: options.indent.firstLine } : {}),
    pageBreakBefore: options.pageBreakBefore ?? false,
    bookmark,
  });
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    ...(options.alignment ? { alignment: options.alignment } : {}),
    ...(options.pageBreakBefore ? { pageBreakBefore: true } : {}),
    ...(options.keepNext ? { keepNext: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
    ...(options.indent ? { indent: options.indent } : {}),
    children: [new Bookmark({ id: bookmark, children: [run(text, options.font, options.size)] })],
  });
}

export function partHeading(toc: Outline, text: string, options: { pageBreakBefore?: boolean; compact?: boolean } = {}): Paragraph {
  return heading(toc, 1, text, {
    font: FONTS.hei,
    size: SIZE.part,
    alignment: AlignmentType.CENTER,
    pageBreakBefore: options.pageBreakBefore ?? false,
    // Above a table, where every line counts (公开01表 shares its first page with it).
    ...(options.compact ? { keepNext: true, spacing: { before: 0, after: 0, line: 480, lineRule: LineRuleType.EXACT } } : {}),
  });
}

export function sectionHeading(toc: Outline, text: string): Paragraph {
  return heading(toc, 2, text, { font: FONTS.hei, size: SIZE.heading });
}

/** A 仿宋 三号 body paragraph (style BodyText) of `text`, or of `children` printing it. */
export function bodyParagraph(toc: Outline, text: string, children: ParagraphChild[] = [bodyRun(text)], metrics: Partial<ParagraphMetrics> = {}): Paragraph {
  toc.flow.paragraph(text, { ...BODY_METRICS, ...metrics });
  return new Paragraph({
    style: 'BodyText',
    ...(metrics.keepNext ? { keepNext: true } : {}),
    children,
  });
}

function bodyRun(text: string, extra: Partial<IRunOptions> = {}): TextRun {
  return run(text, FONTS.fangsong, SIZE.body, extra);
}

export { MISSING_FIELD_TEXT } from '../print/printed';

export function missingRun(): TextRun {
  return run(MISSING_FIELD_TEXT, FONTS.fangsong, SIZE.body, { color: 'FF0000' });
}
