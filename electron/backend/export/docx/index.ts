/**
 * Word export of the whole disclosure package (SPEC §1, §7), in the seeds' order:
 * 封面, 目录 (a real TOC field, filled in on open), 第一部分 概况, 第二部分 the ten tables
 * (each on its own page, landscape where wide), 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件.
 *
 * The modules: fonts (fonts, sizes, runs), page (geometry, sections), styles, outline (目录
 * entries) and pageFlow + lineBreaking (their page numbers), paragraphs (headings, body text),
 * frontMatter (封面, 目录), prose (概况, 情况说明, 名词解释, 附件), tables (第二部分) with
 * tableLayout, tableHeader and tableBody, attachments (第五部分's 自评表 and 重点评价报告), and
 * textParts with xmlText (the 自评表's tables written as XML text and spliced into the packed
 * file, which keeps a package with many forms within the export's memory budget).
 */
import { Document, type ISectionOptions, Packer } from 'docx';
import { factsHashKeywords } from '../../../../shared/domain/factsHash';
import { hasEvaluation, type PackageModel } from '../../../../shared/domain/package';
import { evaluationSection } from './attachments';
import { coverSection, tocSection } from './frontMatter';
import { Outline } from './outline';
import { PROSE_PAGE, section } from './page';
import { attachmentChildren, glossaryChildren, narrativeChildren, overviewSection } from './prose';
import { styles } from './styles';
import { tableSections } from './tables';
import { TextParts } from './textParts';

export { FONTS } from './fonts';
export { MISSING_FIELD_TEXT } from './paragraphs';
export { missingText } from './prose';
export { columnWidthsTwips, headerLines } from './tableLayout';

export interface RenderDocxOptions {
  /** Called after each part of the package is laid out, and once more when the file is packed. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Write the 目录's page numbers with the file (default true), counted from the package itself
   * (PageFlow: table rows per page, prose lines per page), which costs a few milliseconds. Without
   * them the numbers are left for Word/WPS to fill in on open (LibreOffice then shows none).
   */
  pageNumbers?: boolean;
  /** The content hash of the facts the package is made from (factsHash), kept in the document's keywords. */
  factsHash?: string;
}

/**
 * The whole package as a docx Document (not yet packed); `step` is called after each part.
 * With `pageNumbers` (default), the 目录's page numbers are written with the file (PageFlow).
 * The 自评表's tables are written as text into `parts`, spliced into the packed file (textParts).
 */
function buildDocxDocument(model: PackageModel, parts: TextParts, step: () => void, layout: { pageNumbers?: boolean; factsHash?: string }): Document {
  // The body first, so the 目录 knows every heading.
  const toc = new Outline();
  const overview = overviewSection(model, toc);
  step();
  const tables = tableSections(model, toc, step);
  const prose = narrativeChildren(model.narrative, toc);
  step();
  prose.push(...glossaryChildren(model, toc));
  step();
  // 第五部分: the 自评表 and 重点评价报告 on their own pages when the file holds them, else the typed titles.
  const forms = hasEvaluation(model) ? evaluationSection(model, toc, parts) : null;
  if (!forms) prose.push(...attachmentChildren(model, toc));
  step();
  const sections: ISectionOptions[] = [coverSection(model), tocSection(toc), overview, ...tables, section(PROSE_PAGE, prose), ...(forms ? [forms] : [])];
  step();
  const bookmarks = layout.pageNumbers === false ? null : toc.flow.pages();
  return new Document({
    title: model.title,
    creator: model.department.name,
    description: `${model.title}（部门决算公开助手导出）`,
    ...(layout.factsHash ? { keywords: factsHashKeywords(layout.factsHash) } : {}),
    features: { updateFields: true },
    styles: styles(),
    sections,
    ...(bookmarks ? { pageNumbers: () => ({ bookmarks }) } : {}),
  });
}

/** The whole package as a .docx file. */
export async function renderDocx(model: PackageModel, options: RenderDocxOptions = {}): Promise<Buffer> {
  const total = 16;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  const parts = new TextParts();
  const document = buildDocxDocument(model, parts, step, { pageNumbers: options.pageNumbers ?? true, ...(options.factsHash ? { factsHash: options.factsHash } : {}) });
  const buffer = await parts.splice(await Packer.toBuffer(document));
  step();
  return buffer;
}
