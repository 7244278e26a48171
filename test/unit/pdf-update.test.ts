/**
 * Incremental updates of a PDF (electron/backend/export/pdf/pdfUpdate.ts): objects written back
 * in PDF syntax read the same, pages of several files joined (streams copied byte for byte, once),
 * named destinations and bookmarks added — the original bytes untouched, the result read through
 * its /Prev chain by our reader and by poppler.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../electron/backend/export/pdf/pdfFile';
import { PdfDict, PdfName, type PdfObject, PdfParser, PdfRef, PdfString } from '../../electron/backend/export/pdf/pdfObjects';
import { readPdfStructure } from '../../electron/backend/export/pdf/pdfReader';
import { PdfUpdate, serialize, textString } from '../../electron/backend/export/pdf/pdfUpdate';
import { OBJECTS, pdf } from '../harness/handPdf';

const parse = (text: string): PdfObject => new PdfParser(Buffer.from(text, 'latin1')).value();

describe('serialize', () => {
  it('writes objects that parse back to the same', () => {
    const value = new PdfDict(
      new Map<string, PdfObject>([
        ['Type', new PdfName('Page')],
        ['A b#c', new PdfName('名 称')],
        ['Kids', [new PdfRef(3, 0), 1.5, -2, 0.0001, true, null]],
        ['T', textString('第一部分 概况')],
        ['S', new PdfString(Uint8Array.from([0x28, 0x29, 0x5c, 0]))],
      ]),
    );
    const back = parse(serialize(value));
    expect(serialize(back)).toBe(serialize(value));
    if (!(back instanceof PdfDict)) throw new Error('not a dictionary');
    const name = back.get('A b#c');
    const title = back.get('T');
    expect(name instanceof PdfName && name.name).toBe('名 称');
    expect(title instanceof PdfString && title.text()).toBe('第一部分 概况');
    expect(serialize(0.1 + 0.2)).toBe('0.3');
  });
});

describe('PdfUpdate', () => {
  const base = pdf(OBJECTS, true);

  it('joins pages of several files under one page tree, with named destinations and bookmarks, keeping the original bytes', () => {
    // Another file whose page inherits its size and resources, with a content stream and a font.
    const other = pdf(
      [
        '<</Type /Catalog /Pages 2 0 R>>',
        '<</Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /MediaBox [0 0 100 200] /Resources <</Font <</F1 5 0 R>>>>>>',
        '<</Type /Page /Parent 2 0 R /Contents 4 0 R /Annots [<</Subtype /Link /Dest (h9)>>]>>',
        '<</Length 6 0 R>>\nstream\nBT (new) Tj ET\nendstream',
        '<</Type /Font /Subtype /Type3 /Name /F1>>',
        '15',
        '<</Type /Page /Parent 2 0 R /Contents 4 0 R>>',
      ],
      true,
    );
    const file = new PdfFile(base);
    const before = readPdfStructure(file);
    const from = new PdfFile(other);
    const update = new PdfUpdate(file);
    // The base's pages 1 and 3 with their links, then both of the other's pages without theirs.
    const maps = update.joinPages([
      { file, pages: [0, 2], links: true },
      { file: from, pages: [0, 1], links: false },
    ]);
    const copied = maps[1]!.get(readPdfStructure(from).pages[0]!.ref!.key)!;
    update.setDests(new Map([['z1', [copied, new PdfName('Fit')]], ['a2', [before.pages[2]!.ref!, new PdfName('XYZ'), 0, 10, 0]]]));
    update.addOutline([{ title: '第一部分 概况', dest: [before.pages[0]!.ref!, new PdfName('Fit')], children: [{ title: '一、表', dest: [copied, new PdfName('Fit')], children: [] }] }]);
    const bytes = update.bytes();
    expect(Buffer.from(bytes.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);

    const after = new PdfFile(bytes);
    expect(after.xrefOffset).not.toBeNull();
    const structure = readPdfStructure(after);
    // Sizes as inherited in their old trees (the base's MediaBox, the other's 100 × 200), the rotation kept.
    expect(structure.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [595, 842],
      [842, 595],
      [100, 200],
      [100, 200],
    ]);
    expect(structure.pages.map((p) => p.links)).toEqual([[], [], [], []]);
    expect([...structure.dests]).toEqual([
      ['a2', 1],
      ['z1', 2],
    ]);
    expect(structure.outline).toEqual([{ title: '第一部分 概况', page: 0, children: [{ title: '一、表', page: 2, children: [] }] }]);
    // Both copied pages draw the one copied stream (same bytes, copied once), with the inherited font.
    const pages = structure.pages.slice(2).map((p) => after.dict(p.ref!)!);
    expect(pages[0]!.get('Contents')).toEqual(pages[1]!.get('Contents'));
    const contents = pages[0]!.get('Contents');
    if (!(contents instanceof PdfRef)) throw new Error('no content stream');
    expect(Buffer.from(after.objectWithStream(contents.key).stream!).toString('latin1')).toBe('BT (new) Tj ET\n');
    expect(after.dict(after.dict(pages[0]!.get('Resources'))!.get('Font'))!.get('F1')).toBeInstanceOf(PdfRef);
    expect(after.root.get('PageMode')).toEqual(new PdfName('UseOutlines'));

    // poppler reads the updated file too.
    const dir = mkdtempSync(join(tmpdir(), 'pdf-update-'));
    writeFileSync(join(dir, 'u.pdf'), bytes);
    const info = spawnSync('pdfinfo', [join(dir, 'u.pdf')], { encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Pages:\s+4/);
    const xml = spawnSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', join(dir, 'u.pdf')], { encoding: 'utf8' }).stdout;
    expect(xml).toContain('<item page="1">第一部分 概况</item>');
    expect(xml).toContain('<item page="3">一、表</item>');
  });
});
