import { headingPlacements, pdfPages, printedToc } from './test/harness/pdfPages';
for (const pdf of process.argv.slice(2)) {
  const pages = pdfPages(pdf);
  const toc = printedToc(pages);
  const placed = headingPlacements(pages, toc.map((e) => e.title));
  const bad = toc.map((e, i) => [e.title, e.page, placed[i]!.printed] as const).filter(([, a, b]) => a !== b);
  console.log(pdf, pages.length, 'pages; mismatches:', JSON.stringify(bad));
}
