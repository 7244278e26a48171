/**
 * The print stylesheet: A4 pages by CSS named pages (the 公文 margins for the prose; narrower ones
 * for the tables; A4 landscape for the wide tables), the page number in the footer by a page
 * margin box (`— 1 —`: none on the cover, roman on the 目录, 1, 2, 3 … from 第一部分 on, as in the
 * Word export), and the typography of the Word export in CSS (sizes in pt).
 */
import { FONT_FACES, FONT_STACKS } from './fonts';

/** Page kinds, one CSS named page each (see PdfPart.page). */
export const PAGE_KINDS = ['cover', 'toc', 'prose', 'table', 'wide'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

const FOOTER = `font-family: ${FONT_STACKS.song}; font-size: 14pt;`;

export const PACKAGE_CSS = `
${FONT_FACES}
@page {
  size: A4 portrait;
  margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; ${FOOTER} }
}
/* The cover and the 目录 do not count: 第一部分 is page 1. The 目录 counts its own pages in roman. */
@page cover { counter-increment: page 0; @bottom-center { content: none; } }
@page toc { counter-increment: page 0 toc 1; @bottom-center { content: "— " counter(toc, upper-roman) " —"; ${FOOTER} } }
@page prose { size: A4 portrait; }
@page table { size: A4 portrait; margin: 20mm 20mm 19mm 20mm; @bottom-center { font-size: 10.5pt; } }
@page wide { size: A4 landscape; margin: 18mm 20mm 17mm 20mm; @bottom-center { font-size: 10.5pt; } }
.page-cover { page: cover; }
.page-toc { page: toc; }
.page-prose { page: prose; }
.page-table { page: table; }
.page-wide { page: wide; }
.new-page { break-before: page; }

html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #000; font-family: ${FONT_STACKS.fangsong}; font-size: 16pt; line-height: 28pt; }
h1, h2, h3 { margin: 0; font-weight: normal; break-after: avoid; break-inside: avoid; }
p { margin: 0; orphans: 2; widows: 2; }
a { color: inherit; text-decoration: none; }
.missing { color: #f00; }

/* 封面 */
.cover-title { font-family: ${FONT_STACKS.title}; font-size: 26pt; line-height: 50pt; text-align: center; margin-top: 74mm; }

/* 目录 */
.toc-title { font-family: ${FONT_STACKS.hei}; font-size: 18pt; line-height: 28pt; text-align: center; margin-bottom: 8pt; letter-spacing: 1em; text-indent: 1em; }
.toc-entry { display: flex; align-items: last baseline; font-size: 14pt; line-height: 20pt; margin-top: 3pt; break-inside: avoid; }
.toc-entry.l1 { font-family: ${FONT_STACKS.hei}; }
.toc-entry.l2 { font-family: ${FONT_STACKS.fangsong}; margin-top: 0; padding-left: 2em; }
.toc-entry .leader { flex: 1 1 auto; border-bottom: 1.2pt dotted #000; margin: 0 0.3em; min-width: 2em; transform: translateY(-0.3em); }
/* Room for three digits whether the number is written yet or not: the 目录 takes the same lines in both prints. */
.toc-entry .n { flex: 0 0 auto; min-width: 2em; text-align: right; }

/* Parts and sections */
h1 { font-family: ${FONT_STACKS.hei}; font-size: 18pt; line-height: 28pt; text-align: center; margin: 12pt 0; }
h2 { font-family: ${FONT_STACKS.hei}; font-size: 16pt; line-height: 28pt; text-indent: 2em; margin: 6pt 0; }
h3 { font-family: ${FONT_STACKS.kai}; font-size: 16pt; line-height: 28pt; font-weight: bold; text-indent: 2em; margin: 6pt 0; }
.body { text-indent: 2em; text-align: justify; }
.body.subheading { font-family: ${FONT_STACKS.hei}; break-after: avoid; }

/* Tables are 1pt narrower than the text block: the outer half of a collapsed border lies outside
   the table's box, and Chromium clips what passes the page's content edge (the right rule vanished). */
/* 部门决算单位构成 */
.units-title { font-family: ${FONT_STACKS.hei}; text-align: center; margin: 6pt 0 3pt; break-after: avoid; }
table.units { border-collapse: collapse; width: calc(100% - 1pt); table-layout: fixed; font-family: ${FONT_STACKS.song}; font-size: 12pt; line-height: 15pt; }
table.units th, table.units td { border: 0.5pt solid #000; padding: 3pt 3pt; vertical-align: middle; }
table.units th { font-weight: bold; text-align: center; }
table.units td.no { text-align: center; }

/* 第二部分: the ten tables. A heading's line is never shorter than its font's own height (1.45 em in
   Noto CJK): Chromium then writes the heading's text twice into its PDF bookmark. */
.page-table h1, .page-wide h1 { margin: 0; line-height: 27pt; }
.table-title { font-family: ${FONT_STACKS.hei}; font-size: 16pt; line-height: 24pt; text-align: center; text-indent: 0; margin: 0; }
.table-mark { font-family: ${FONT_STACKS.song}; font-size: 10.5pt; line-height: 15pt; }
.table-code { text-align: right; }
.table-org { display: flex; justify-content: space-between; margin-bottom: 2pt; }
.table-org span { flex: 1 1 0; }
.table-org span:nth-child(2) { text-align: center; }
.table-org span:nth-child(3) { text-align: right; }
table.figures { border-collapse: collapse; width: calc(100% - 1pt); table-layout: fixed; font-family: ${FONT_STACKS.song}; }
/* A row is its line and a rule: Chromium draws the 0.5pt rule one device pixel wide, so the line is a little under Word's 1.25 to keep Word's row height. */
table.figures.size-9 { font-size: 9pt; line-height: 14.6px; }
table.figures.size-9-5 { font-size: 9.5pt; line-height: 15.2px; }
table.figures th, table.figures td { border: 0.5pt solid #000; padding: 0 1mm; vertical-align: middle; overflow-wrap: anywhere; }
table.figures th { font-weight: normal; text-align: center; text-wrap: balance; }
table.figures th.part-title { text-align: left; font-weight: bold; }
table.figures tr { break-inside: avoid; }
table.figures td.l { text-align: left; }
table.figures td.c { text-align: center; }
table.figures td.r { text-align: right; white-space: nowrap; }
table.figures tr.bold td { font-weight: bold; }
.table-note { font-family: ${FONT_STACKS.song}; margin-top: 2pt; break-before: avoid; }
.table-note.size-9 { font-size: 9pt; line-height: 11.25pt; }
.table-note.size-9-5 { font-size: 9.5pt; line-height: 11.9pt; }
/* 第五部分 附件: the 自评表 and 重点评价报告 (9pt 宋体 grids, as the Word export). */
.attachment-title { font-family: ${FONT_STACKS.hei}; font-size: 14pt; line-height: 20pt; text-indent: 0; margin: 0 0 6pt; }
.form-title { font-family: ${FONT_STACKS.hei}; font-size: 16pt; line-height: 22pt; text-align: center; break-after: avoid; }
.form-line { font-family: ${FONT_STACKS.song}; font-size: 10.5pt; line-height: 15pt; break-after: avoid; }
.form-line.c { text-align: center; }
.report-heading.l1 { font-family: ${FONT_STACKS.hei}; break-after: avoid; }
.report-heading.l2 { font-family: ${FONT_STACKS.kai}; break-after: avoid; }
.report-heading.l3 { font-weight: bold; break-after: avoid; }
.report-caption { font-family: ${FONT_STACKS.hei}; font-size: 14pt; line-height: 20pt; text-align: center; margin: 6pt 0; break-after: avoid; }
table.form-grid { border-collapse: collapse; width: calc(100% - 1pt); table-layout: fixed; font-family: ${FONT_STACKS.song}; font-size: 9pt; line-height: 12pt; margin-top: 3pt; }
table.form-grid + table.form-grid { margin-top: -0.5pt; }
table.form-grid th, table.form-grid td { border: 0.5pt solid #000; padding: 1pt 1mm; vertical-align: middle; overflow-wrap: anywhere; font-weight: normal; }
table.form-grid tr { break-inside: avoid; }
table.form-grid .l { text-align: left; }
table.form-grid .c { text-align: center; }
table.form-grid .r { text-align: right; }
table.form-grid .b { font-weight: bold; }
/* A figure never breaks inside: a reader (and pdftotext) sees it whole. */
table.form-grid .n { overflow-wrap: normal; white-space: nowrap; }
`;
