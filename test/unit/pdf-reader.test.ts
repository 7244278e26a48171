/**
 * The PDF reader the 目录 is measured with (electron/backend/export/pdf/pdfReader.ts), on a
 * hand-written PDF: page tree with inherited sizes and a rotated page, named destinations in both
 * forms (catalog /Dests, /Names name tree), an outline with nested items, UTF-16 and escaped
 * titles, a GoTo action; with an xref table and without one (found by scanning).
 */
import { describe, expect, it } from 'vitest';
import { readPdfStructure } from '../../electron/backend/export/pdf/pdfReader';
import { PdfSyntaxError } from '../../electron/backend/export/pdf/pdfObjects';
import { OBJECTS, pdf } from '../harness/handPdf';

describe.each([
  ['with an xref table', true],
  ['without one (scanned)', false],
])('readPdfStructure, %s', (_name, withXref) => {
  const structure = readPdfStructure(pdf(OBJECTS, withXref));

  it('lists the pages in tree order with inherited and rotated sizes', () => {
    expect(structure.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [595, 842],
      [842, 595],
      [842, 595],
    ]);
  });

  it('reads named destinations from the catalog dictionary and the name tree', () => {
    expect(Object.fromEntries(structure.dests)).toEqual({ h1: 0, h2: 1, 'h#3': 2, n1: 2, n2: 0 });
  });

  it('reads the outline: nested items, UTF-16 and escaped titles, named and action destinations', () => {
    expect(structure.outline).toEqual([
      { title: '第一部分 概况', page: 0, children: [{ title: '一、收入支出决算总表', page: 1, children: [] }] },
      { title: 'Tables (a) \\ bA', page: 2, children: [] },
    ]);
  });
});

describe('readPdfStructure on what is not a PDF', () => {
  it('throws a PdfSyntaxError', () => {
    expect(() => readPdfStructure(Buffer.from('hello'))).toThrow(PdfSyntaxError);
  });
});
