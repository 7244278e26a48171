/**
 * Incremental updates of a PDF (electron/backend/export/pdf/pdfUpdate.ts): objects written back
 * in PDF syntax read the same, a page's content replaced by another file's (streams copied
 * byte for byte), bookmarks added — the original bytes untouched, the result read through its
 * /Prev chain by our reader and by poppler.
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

  it('adds bookmarks and replaces a page’s content, keeping the original bytes and its links', () => {
    // Another file whose page 1 has a content stream and a font dictionary.
    const other = pdf(
      [
        '<</Type /Catalog /Pages 2 0 R>>',
        '<</Type /Pages /Kids [3 0 R] /Count 1>>',
        '<</Type /Page /Parent 2 0 R /MediaBox [0 0 100 200] /Contents 4 0 R /Resources <</Font <</F1 5 0 R>>>>>>',
        '<</Length 6 0 R>>\nstream\nBT (new) Tj ET\nendstream',
        '<</Type /Font /Subtype /Type3 /Name /F1>>',
        '15',
      ],
      true,
    );
    const file = new PdfFile(base);
    const before = readPdfStructure(file);
    const update = new PdfUpdate(file);
    update.replacePages([before.pages[0]!.ref!], new PdfFile(other), [readPdfStructure(other).pages[0]!.ref!]);
    update.addOutline([{ title: '第一部分 概况', dest: [before.pages[1]!.ref!, new PdfName('Fit')], children: [{ title: '一、表', dest: [before.pages[2]!.ref!, new PdfName('Fit')], children: [] }] }]);
    const bytes = update.bytes();
    expect(Buffer.from(bytes.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);

    const after = new PdfFile(bytes);
    expect(after.xrefOffset).not.toBeNull();
    const structure = readPdfStructure(after);
    expect(structure.pages.map((p) => [Math.round(p.width), Math.round(p.height)])).toEqual([
      [100, 200],
      [842, 595],
      [842, 595],
    ]);
    expect(structure.dests).toEqual(before.dests);
    expect(structure.outline).toEqual([{ title: '第一部分 概况', page: 1, children: [{ title: '一、表', page: 2, children: [] }] }]);
    // The page kept its place in the tree; its content is the other file's stream, byte for byte.
    const page = after.dict(before.pages[0]!.ref!)!;
    expect(page.get('Parent')).toEqual(new PdfRef(2, 0));
    const contents = page.get('Contents');
    if (!(contents instanceof PdfRef)) throw new Error('no content stream');
    expect(Buffer.from(after.objectWithStream(contents.key).stream!).toString('latin1')).toBe('BT (new) Tj ET\n');
    expect(after.root.get('PageMode')).toEqual(new PdfName('UseOutlines'));

    // poppler reads the updated file too.
    const dir = mkdtempSync(join(tmpdir(), 'pdf-update-'));
    writeFileSync(join(dir, 'u.pdf'), bytes);
    const info = spawnSync('pdfinfo', [join(dir, 'u.pdf')], { encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Pages:\s+3/);
    const xml = spawnSync('pdftohtml', ['-xml', '-i', '-q', '-stdout', join(dir, 'u.pdf')], { encoding: 'utf8' }).stdout;
    expect(xml).toContain('<item page="2">第一部分 概况</item>');
    expect(xml).toContain('<item page="3">一、表</item>');
  });
});
