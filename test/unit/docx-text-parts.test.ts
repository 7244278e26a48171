/**
 * The 自评表 tables of the Word export are written as XML text and spliced into
 * word/document.xml (electron/backend/export/docx/textParts.ts, xmlText.ts) instead of through
 * docx's writer, to keep 100 forms within the export's memory budget. This holds that path to
 * docx's own output, byte for byte: the same 第五部分 (seed 000, seed 002, and a form with text
 * that needs escaping) packed by docx as it is, and with its tables as text parts, give the same
 * word/document.xml; and odd shapes of docx's XML objects are written as docx writes them.
 */
import { Document, FileChild, type IXmlableObject, Packer } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { evaluationSection } from '../../electron/backend/export/docx/attachments';
import { Outline } from '../../electron/backend/export/docx/outline';
import { type AsText, TextParts } from '../../electron/backend/export/docx/textParts';
import { xmlText } from '../../electron/backend/export/docx/xmlText';
import type { PackageModel } from '../../shared/domain/package';
import { fixturePackage } from '../harness/fixturePackage';

const AS_IS: AsText = { asText: (child) => child };

/** The file's entries, and its word/document.xml with bookmark ids left out (docx numbers them from a counter of the whole process). */
async function documentXml(file: Buffer): Promise<{ entries: string[]; xml: string }> {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { entries: Object.keys(zip.files), xml: xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?) w:id="\d+"/gu, '$1') };
}

/** word/document.xml of a document, written by docx alone and through text parts; the same entries in both files. */
async function bothWays(make: (parts: AsText) => Document): Promise<{ docx: string; text: string; parts: number }> {
  const docx = await documentXml(await Packer.toBuffer(make(AS_IS)));
  const parts = new TextParts();
  let count = 0;
  const counting: AsText = {
    asText: (child) => {
      count += 1;
      return parts.asText(child);
    },
  };
  const text = await documentXml(await parts.splice(await Packer.toBuffer(make(counting))));
  expect(text.entries).toEqual(docx.entries);
  return { docx: docx.xml, text: text.xml, parts: count };
}

function formsDocument(model: PackageModel, parts: AsText): Document {
  return new Document({ sections: [evaluationSection(model, new Outline(), parts)] });
}

/** Seed 000 with a first form whose texts need escaping: `&<>"'`, a control character, line breaks. */
function awkward(): PackageModel {
  const { model } = fixturePackage('jincheng-2023.json');
  const set = model.evaluation!;
  const first = set.forms[0]!;
  const form = {
    ...first,
    name: `A&B <项目> "引号" '单引号'\u0001 ]]>`,
    goal: '第一行\n\n第三行 & <b>',
    indicators: first.indicators.map((ind, k) => (k === 0 ? { ...ind, level3: '<w:t>不是标签</w:t>', actual: '≥95%\t"完成"' } : ind)),
  };
  return { ...model, evaluation: { ...set, forms: [form, ...set.forms.slice(1)] } };
}

describe('自评表 tables as text parts: word/document.xml as docx writes it', () => {
  it.each([
    ['seed 000 (晋城, with the 重点评价报告)', () => fixturePackage('jincheng-2023.json').model, 24],
    ['seed 002 (阳泉)', () => fixturePackage('yangquan-2024.json').model, 11],
    ['a form with text that needs escaping', awkward, 24],
  ])('%s', async (_name, model, forms) => {
    const m = model();
    const { docx, text, parts } = await bothWays((p) => formsDocument(m, p));
    // Three tables per form, and the 重点评价报告's 评分表 where there is one.
    expect(parts).toBe(forms * 3 + m.evaluation!.keyReports.length);
    expect(text).not.toContain('disclosure:text');
    expect(text.split('<w:tbl>').length - 1).toBe(parts);
    expect(text).toContain(`<w:t xml:space="preserve">${m.evaluation!.forms[0]!.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\u0001/g, '')}</w:t>`);
    expect(text.length).toBe(docx.length);
    expect(text === docx).toBe(true);
  });

  class Raw extends FileChild {
    constructor(private readonly xml: IXmlableObject) {
      super('raw');
    }
    override prepForXml(): IXmlableObject {
      return this.xml;
    }
  }

  it('writes the odd shapes of docx XML objects as docx does (attributes, text, numbers, CDATA, empty elements, text after a child)', async () => {
    const shapes: IXmlableObject[] = [
      { 'w:tbl': [{ 'w:tr': [{ 'w:trPr': [{ 'w:cantSplit': {} }] }, { 'w:tc': [{ 'w:p': {} }] }] }] },
      { 'w:p': [{ _attr: { 'w:a': 'x&"y"', 'w:n': 3, 'w:b': true } }, { _attr: { 'w:c': "<'>" } }, { 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, 'a < b & c > "d" \'e\'\u0002'] }] }] },
      { 'w:p': [{ 'w:r': [{ 'w:t': 42 }] }, { 'w:r': [{ 'w:t': '' }] }, { 'w:r': [{ 'w:t': [] }] }, { 'w:r': [{ 'w:t': [''] }] }] },
      { 'w:p': [{ 'w:r': [{ 'w:rPr': [] }, 'text after a child'] }] },
      { 'w:p': [{ 'w:r': [{ 'w:instrText': { _attr: { 'xml:space': 'preserve' }, _cdata: 'PAGE ]]> x' } }] }] },
      { 'w:p': [{ 'w:pPr': { _attr: {} } }, { 'w:r': [{ 'w:br': null }] }] },
    ];
    const { docx, text } = await bothWays((parts) => new Document({ sections: [{ children: shapes.map((s) => parts.asText(new Raw(s))) }] }));
    expect(text).toBe(docx);
    expect(xmlText(shapes[1]!)).toBe('<w:p w:a="x&amp;&quot;y&quot;" w:n="3" w:b="true" w:c="&lt;&apos;&gt;"><w:r><w:t xml:space="preserve">a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;</w:t></w:r></w:p>');
  });

  it('refuses to splice a file whose text parts docx did not write', async () => {
    const parts = new TextParts();
    const written = parts.asText(new Raw({ 'w:p': [{ 'w:r': [{ 'w:t': 'written' }] }] }));
    parts.asText(new Raw({ 'w:p': {} }));
    const file = await Packer.toBuffer(new Document({ sections: [{ children: [written] }] }));
    await expect(parts.splice(file)).rejects.toThrow('word/document.xml: 1 text parts were not written');
  });

  it('splices a part that wrote nothing as nothing, as docx leaves such a child out', async () => {
    class Nothing extends FileChild {
      constructor() {
        super('nothing');
      }
      override prepForXml(): undefined {
        return undefined;
      }
    }
    const { docx, text, parts } = await bothWays((p) => new Document({ sections: [{ children: [p.asText(new Nothing()), p.asText(new Raw({ 'w:p': [{ 'w:r': [{ 'w:t': 'after' }] }] }))] }] }));
    expect(parts).toBe(2);
    expect(text).toBe(docx);
    expect(text).toContain('<w:t>after</w:t>');
  });
});
