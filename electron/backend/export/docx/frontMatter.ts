/**
 * The cover (封面: department and title in 方正小标宋, no footer) and the 目录 (a TOC field whose
 * current result is the Outline's entries; its pages numbered in Roman).
 */
import { AlignmentType, type ISectionOptions, LineRuleType, NumberFormat, Paragraph, TableOfContents, type TextRun } from 'docx';
import type { PackageModel } from '../../../../shared/domain/package';
import { FONTS, run, SIZE } from './fonts';
import type { Outline } from './outline';
import { PROSE_PAGE, section, textWidth } from './page';

export function coverSection(model: PackageModel): ISectionOptions {
  const name = model.department.name;
  const lines = name && model.title.startsWith(name) && model.title.length > name.length ? [name, model.title.slice(name.length)] : [model.title];
  const children: TextRun[] = [];
  lines.forEach((line, i) => {
    children.push(run(line, FONTS.title, SIZE.cover, i > 0 ? { break: 1 } : {}));
  });
  return section(
    PROSE_PAGE,
    [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 4200, line: 1000, lineRule: LineRuleType.AT_LEAST },
        children,
      }),
    ],
    { footer: false },
  );
}

export function tocSection(toc: Outline): ISectionOptions {
  return section(
    PROSE_PAGE,
    [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 0, after: 160 },
        children: [run('目  录', FONTS.hei, SIZE.part)],
      }),
      new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2', contentChildren: toc.paragraphs(textWidth(PROSE_PAGE)) }),
    ],
    { pageNumbers: { start: 1, formatType: NumberFormat.UPPER_ROMAN } },
  );
}
