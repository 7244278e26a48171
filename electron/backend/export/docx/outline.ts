/**
 * The 目录 (table of contents) as the body is built: one entry and bookmark per heading, and the
 * page flow that gives the entries their page numbers.
 */
import { InternalHyperlink, LeaderType, PageReference, Paragraph, Tab, TabStopType, TextRun } from 'docx';
import { FONTS, fonts, run, SIZE } from './fonts';
import { PageFlow } from './pageFlow';

/**
 * The 目录 entries: every heading of level 1–2 gets a bookmark and an entry (title, dot leader,
 * PAGEREF). The entries are written as the TOC field's current result with their fonts set, so
 * the 目录 is readable before any application updates the field; Word, WPS and LibreOffice
 * rebuild it from the headings (`TOC \o "1-2" \h`) when they update fields on open.
 *
 * It also records how the body takes up its pages (PageFlow), as the parts are built, so the
 * entries' page numbers are written with the file.
 */
export class Outline {
  readonly entries: { level: 1 | 2; text: string; bookmark: string }[] = [];
  readonly flow = new PageFlow();

  bookmark(level: 1 | 2, text: string): string {
    const bookmark = `heading${String(1 + this.entries.length)}`;
    this.entries.push({ level, text, bookmark });
    return bookmark;
  }

  paragraphs(width: number): Paragraph[] {
    return this.entries.map(
      (e) =>
        new Paragraph({
          style: e.level === 1 ? 'TOC1' : 'TOC2',
          tabStops: [{ type: TabStopType.RIGHT, position: width, leader: LeaderType.DOT }],
          children: [
            new InternalHyperlink({
              anchor: e.bookmark,
              children: [
                run(e.text, e.level === 1 ? FONTS.hei : FONTS.fangsong, SIZE.tocEntry),
                new TextRun({ children: [new Tab()], font: fonts(FONTS.fangsong), size: SIZE.tocEntry }),
                new PageReference(e.bookmark),
              ],
            }),
          ],
        }),
    );
  }
}
