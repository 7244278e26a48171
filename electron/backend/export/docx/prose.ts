/**
 * The prose parts, on 公文 pages: 第一部分 概况 (职责, 机构设置 with the 部门决算单位构成; its section starts the page
 * numbers at 1), 第三部分 情况说明 (the drafted narrative, unfilled fields in red),
 * 第四部分 名词解释 and 第五部分 附件.
 */
import { type FileChild, HeadingLevel, type ISectionOptions, NumberFormat, Paragraph, type TextRun } from 'docx';
import type { Paragraph as NarrativeParagraph, Section as NarrativeSection } from '../../../../shared/domain/narrative/types';
import type { PackageModel } from '../../../../shared/domain/package';
import { chineseNumeral } from '../../../../shared/domain/tables';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { PROSE_PAGE, section } from './page';
import { HEADING_METRICS } from './pageFlow';
import { MISSING_FIELD_TEXT, narrativePieces, type PrintedPiece } from '../print/printed';
import { bodyParagraph, missingRun, partHeading, sectionHeading } from './paragraphs';
import { unitCompositionChildren } from './unitTable';

export function overviewSection(model: PackageModel, toc: Outline): ISectionOptions {
  toc.flow.section(PROSE_PAGE);
  const children: FileChild[] = [partHeading(toc, '第一部分 概况'), sectionHeading(toc, '一、本部门（单位）职责')];
  if (model.overview.duties.length === 0) children.push(bodyParagraph(toc, MISSING_FIELD_TEXT, [missingRun()]));
  model.overview.duties.forEach((duty, i) => {
    children.push(bodyParagraph(toc, `（${chineseNumeral(i + 1)}）${duty.trim()}`));
  });
  children.push(sectionHeading(toc, '二、机构设置情况'));
  const organisation = model.overview.organisation
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (organisation.length === 0) children.push(bodyParagraph(toc, MISSING_FIELD_TEXT, [missingRun()]));
  for (const p of organisation) children.push(bodyParagraph(toc, p));
  children.push(...unitCompositionChildren(model, toc));
  return section(PROSE_PAGE, children, { pageNumbers: { start: 1, formatType: NumberFormat.DECIMAL } });
}

export { missingText } from '../print/printed';

function narrativeRuns(pieces: PrintedPiece[], font: string, size: number, bold: boolean): TextRun[] {
  return pieces.map((p) => run(p.text, font, size, p.missing ? { bold, color: 'FF0000' } : { bold }));
}

function narrativeParagraph(p: NarrativeParagraph, toc: Outline): Paragraph {
  const pieces = narrativePieces(p.runs);
  const text = pieces.map((piece) => piece.text).join('');
  switch (p.style) {
    case 'heading3':
      toc.flow.paragraph(text, HEADING_METRICS.subsection);
      return new Paragraph({
        heading: HeadingLevel.HEADING_3,
        children: narrativeRuns(pieces, FONTS.kai, SIZE.heading, true),
      });
    case 'heading1':
    case 'heading2':
      // Sub-headings inside a section: 黑体, but not in the 目录 (the section title is).
      return bodyParagraph(toc, text, narrativeRuns(pieces, FONTS.hei, SIZE.heading, false), { keepNext: true });
    default:
      return bodyParagraph(toc, text, narrativeRuns(pieces, FONTS.fangsong, SIZE.body, false));
  }
}

export function narrativeChildren(sections: NarrativeSection[], toc: Outline): FileChild[] {
  toc.flow.section(PROSE_PAGE);
  const children: FileChild[] = [partHeading(toc, '第三部分 情况说明')];
  for (const s of sections) {
    children.push(sectionHeading(toc, s.title));
    for (const p of s.paragraphs) children.push(narrativeParagraph(p, toc));
  }
  return children;
}

export function glossaryChildren(model: PackageModel, toc: Outline): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第四部分 名词解释', { pageBreakBefore: true })];
  model.glossary.terms.forEach((t, i) => {
    children.push(bodyParagraph(toc, `${chineseNumeral(i + 1)}、${t.term}：${t.definition}`));
  });
  for (const line of model.glossary.extra.split(/\n+/)) {
    if (line.trim() !== '') children.push(bodyParagraph(toc, line.trim()));
  }
  return children;
}

export function attachmentChildren(model: PackageModel, toc: Outline): FileChild[] {
  const children: FileChild[] = [partHeading(toc, '第五部分 附件')];
  const titles = model.attachments.map((t) => t.trim()).filter((t) => t !== '');
  if (titles.length === 0) children.push(bodyParagraph(toc, '无'));
  titles.forEach((title, i) => {
    children.push(bodyParagraph(toc, titles.length > 1 ? `${i + 1}.${title}` : title));
  });
  return children;
}
