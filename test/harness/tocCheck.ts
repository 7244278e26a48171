/**
 * Test helper: the 目录 of an exported package checked against a PDF of it (LibreOffice's PDF of
 * the Word export, or the PDF export itself), with poppler-utils: every entry is printed with the
 * page number whose footer its heading first appears on.
 */
import { expect } from 'vitest';
import type { PackageModel } from '../../shared/domain/package';
import { chineseNumeral, SHANXI_TABLE_IDS } from '../../shared/domain/tables';
import { headingPlacements, pdfPages, printedToc, squash, tocPages } from './pdfPages';

/** The 目录's entries in order: the parts, 概况's two sections, the ten tables, the narrative's sections, each 附件. */
export function tocTitles(model: PackageModel): string[] {
  return [
    '第一部分 概况',
    '一、本部门（单位）职责',
    '二、机构设置情况',
    `第二部分 ${model.year}年部门决算表`,
    ...SHANXI_TABLE_IDS.map((id) => `${chineseNumeral(Number(id))}、${model.tables[id]!.title}`),
    '第三部分 情况说明',
    ...model.narrative.map((s) => s.title),
    '第四部分 名词解释',
    '第五部分 附件',
    // Each 自评表 and 重点评价报告 of the year.
    ...(model.evaluation?.forms ?? []).map((f, k) => `附件${k + 1} ${f.name}`),
    ...(model.evaluation?.keyReports ?? []).map((r, k) => `附件${(model.evaluation?.forms.length ?? 0) + k + 1} ${r.title}`),
  ];
}

/**
 * The 目录 as LibreOffice prints it against the pages the headings land on in the same PDF:
 * every heading first appears on the page whose footer (`— N —`) prints the 目录's number.
 */
export function expectTocMatchesPdf(model: PackageModel, pdf: string): void {
  const pages = pdfPages(pdf);
  const toc = printedToc(pages);
  const titles = tocTitles(model);
  expect(
    toc.map((e) => e.title),
    '目录 entries as printed',
  ).toEqual(titles.map(squash));
  // The footers: none on the cover, roman numbers on the 目录, then 1, 2, 3, … to the end.
  const tocEnd = pages.indexOf(tocPages(pages).at(-1)!) + 1;
  expect(pages[0]!.footer, 'cover').toBeNull();
  for (const p of pages.slice(1, tocEnd)) expect(p.footer, `目录 page ${p.page}`).toMatch(/^[IVXLC]+$/);
  expect(
    pages.slice(tocEnd).map((p) => p.printed),
    'footer numbers of the pages after the 目录',
  ).toEqual(pages.slice(tocEnd).map((_, i) => i + 1));
  // Each heading on the page the 目录 says (the whole list compared, so a failure shows every miss).
  const placed = headingPlacements(pages, titles);
  const where = (h: (typeof placed)[number]) =>
    h.pdfPage === null ? 'not found after the 目录' : (h.printed ?? `PDF page ${h.pdfPage}, no footer number`);
  expect(placed.map((h) => `${h.title} → ${where(h)}`)).toEqual(
    toc.map((e, i) => `${titles[i]} → ${e.page}`),
  );
}

