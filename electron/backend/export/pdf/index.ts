/**
 * PDF export of the whole disclosure package (SPEC §1, §7) from the same model as the Word and
 * Excel exports: an HTML/CSS rendering of the package, part by part (packageParts), printed by
 * Chromium (engine.ts: the desktop app's printToPDF or headless Chromium), with the 目录 taken
 * from the real layout (render.ts).
 *
 * Modules: fonts and styles (CSS), html (escaping), document (parts, headings, the HTML page),
 * packageParts and tableHtml (the package), render (two prints, the 目录's numbers, bookmarks),
 * pdfObjects, pdfFile and pdfReader (reading the printed PDF back), pdfUpdate (changing it),
 * engine, chromium and documentServer (printing), embeddedFonts with sfnt, cff and glyphClosure
 * (the Noto CJK faces as files cut down to the document's text, for an engine that loads fonts).
 */
import { factsHashKeywords } from '../../../../shared/domain/factsHash';
import type { PackageModel } from '../../../../shared/domain/package';
import type { PdfPart } from './document';
import type { OpeningEngine, PdfEngine } from './engine';
import { packageParts } from './packageParts';
import { type PrintedPdf, printParts } from './render';

export type { HtmlContext, OutlineEntry, PdfPart } from './document';
export { renderHtmlDocument } from './document';
export { type OpenPdfEngine, type OpeningEngine, openInBackground, type PdfEngine, PdfEngineUnavailable, type PrintOptions, printWindowEngine, type PrintWindow, withPdfEngine } from './engine';
export { packageParts } from './packageParts';
export { type PrintedEntry, type PrintedPdf, printParts } from './render';
export { readPdfStructure, type PdfOutlineItem, type PdfStructure } from './pdfReader';

export interface RenderPdfOptions {
  /** The package's parts; default packageParts(model). */
  parts?: PdfPart[];
  /** The content hash of the facts (factsHash), kept in the PDF's keywords as in the Word and Excel files'. */
  factsHash?: string;
  /** Called after each print (the last one when done). */
  onProgress?: (done: number, total: number) => void;
}

/** The whole package as a PDF, printed by `engine` (or one still opening: it is waited for once the HTML is written). */
export async function renderPdf(model: PackageModel, engine: PdfEngine | OpeningEngine, options: RenderPdfOptions = {}): Promise<PrintedPdf> {
  return printParts(engine, {
    title: model.title,
    parts: options.parts ?? packageParts(model),
    onPass: (done, total) => options.onProgress?.(done, total),
    ...(options.factsHash ? { keywords: factsHashKeywords(options.factsHash) } : {}),
  });
}
