/**
 * Page geometry (twips) and sections: A4, the 公文 margins of the prose parts, the margins of the
 * portrait and landscape tables, and a section on such pages with its footer (— 页码 —).
 */
import { AlignmentType, type FileChild, Footer, type ISectionOptions, NumberFormat, PageNumber, PageOrientation, Paragraph, TextRun } from 'docx';
import { FONTS, fonts, SIZE } from './fonts';

export const A4 = { width: 11906, height: 16838 };

export interface PageGeometry {
  landscape: boolean;
  margin: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
}

/** 公文 margins for the prose parts. */
export const PROSE_PAGE: PageGeometry = {
  landscape: false,
  margin: { top: 2098, bottom: 1984, left: 1588, right: 1474, header: 851, footer: 992 },
};
export const TABLE_PORTRAIT: PageGeometry = {
  landscape: false,
  margin: { top: 1134, bottom: 1077, left: 1134, right: 1134, header: 567, footer: 510 },
};
export const TABLE_LANDSCAPE: PageGeometry = {
  landscape: true,
  margin: { top: 1021, bottom: 964, left: 1134, right: 1134, header: 567, footer: 454 },
};

export function textWidth(page: PageGeometry): number {
  const width = page.landscape ? A4.height : A4.width;
  return width - page.margin.left - page.margin.right;
}

function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: fonts(FONTS.song), size: SIZE.footer }),
        ],
      }),
    ],
  });
}

export function section(page: PageGeometry, children: FileChild[], extra: { pageNumbers?: { start: number; formatType: (typeof NumberFormat)[keyof typeof NumberFormat] }; footer?: boolean } = {}): ISectionOptions {
  return {
    properties: {
      page: {
        size: {
          width: A4.width,
          height: A4.height,
          orientation: page.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: page.margin,
        ...(extra.pageNumbers ? { pageNumbers: extra.pageNumbers } : {}),
      },
    },
    ...(extra.footer === false ? {} : { footers: { default: footer() } }),
    children,
  };
}
