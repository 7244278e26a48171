/**
 * The PDF's HTML (electron/backend/export/pdf: document, packageParts, tableHtml) without a browser:
 * parts in the seeds' order on their kinds of page, the 目录's entries and links, page numbers
 * written when known, text escaped, and one more part (the 附件 forms, later) slotting in.
 */
import { describe, expect, it } from 'vitest';
import { type PdfPart, renderHtmlDocument } from '../../electron/backend/export/pdf/document';
import { packageParts } from '../../electron/backend/export/pdf/packageParts';
import { SHANXI_TABLE_IDS } from '../../shared/domain/tables';
import { samplePackage } from '../harness/samplePackage';
import { tocTitles } from '../harness/tocCheck';

const model = samplePackage('jincheng-2023.json');

describe('the package as HTML parts', () => {
  const doc = renderHtmlDocument({ title: model.title, parts: packageParts(model), pageNumbers: null });

  it('puts the parts in order, each on its kind of page', () => {
    const sections = [...doc.html.matchAll(/<section class="part page-(\w+) part-([\w-]+)/g)].map((m) => `${m[2]}:${m[1]}`);
    expect(sections).toEqual([
      'cover:cover',
      'toc:toc',
      'overview:prose',
      ...SHANXI_TABLE_IDS.map((id) => `table-${id}:${model.tables[id]!.landscape ? 'wide' : 'table'}`),
      'narrative:prose',
      'glossary:prose',
      'attachments:prose',
    ]);
    // The attachments follow the glossary on its page; everything else starts a page.
    expect(doc.html).toMatch(/<section class="part page-prose part-glossary new-page">/);
    expect(doc.html).toMatch(/<section class="part page-prose part-attachments">/);
  });

  it('lists every part, table and section in the 目录, linked to its heading, numbers blank before the layout', () => {
    expect(doc.entries.map((e) => e.text)).toEqual(tocTitles(model));
    for (const e of doc.entries) {
      expect(doc.html).toContain(`<a class="toc-entry l${e.level}" href="#${e.id}">`);
      expect(doc.html).toMatch(new RegExp(`<h${e.level} id="${e.id}"[^>]*>`));
    }
    expect(doc.html).toContain('<span class="n"></span>');
    const ids = [...doc.html.matchAll(/ id="(h\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the measured page numbers into the 目录', () => {
    const numbers = new Map(doc.entries.map((e, k) => [e.id, 10 + k]));
    const again = renderHtmlDocument({ title: model.title, parts: packageParts(model), pageNumbers: numbers });
    expect(again.entries).toEqual(doc.entries);
    for (const e of again.entries) expect(again.html).toMatch(new RegExp(`href="#${e.id}">.*?<span class="n">${numbers.get(e.id)}</span></a>`));
  });

  it('prints the tables with a thead of the header rows and a row per body row, merged cells spanned', () => {
    const t01 = model.tables['01']!;
    const part = doc.html.split('part-table-01')[1]!.split('<section')[0]!;
    const thead = part.split('<thead>')[1]!.split('</thead>')[0]!;
    expect(thead.match(/<tr>/g)).toHaveLength(t01.header.length);
    expect(thead).toContain('<th colspan="3">收入</th>');
    const tbody = part.split('<tbody>')[1]!.split('</tbody>')[0]!;
    expect(tbody.match(/<tr/g)).toHaveLength(t01.rows.length);
    expect(tbody).toContain('<td class="r">2,384.38</td>');
  });

  it('marks unfilled required fields in red and escapes every text', () => {
    expect(doc.html).toContain('<span class="missing">【待填写：收支增减的主要原因】</span>');
    const odd = { ...model, department: { ...model.department, name: '某局<b>&"' }, title: '某局<b>&"2023年度部门决算公开' };
    const html = renderHtmlDocument({ title: odd.title, parts: packageParts(odd), pageNumbers: null }).html;
    expect(html).not.toContain('<b>');
    expect(html).toContain('某局&lt;b&gt;&amp;&quot;');
  });
});

describe('a later part (附件 forms)', () => {
  it('renders after the others, its headings in the 目录 and the outline', () => {
    const forms: PdfPart = {
      id: 'forms',
      page: 'wide',
      newPage: true,
      render: (ctx) => `${ctx.heading(2, '项目支出绩效自评表（1）')}<table class="figures"></table>`,
    };
    const doc = renderHtmlDocument({ title: model.title, parts: [...packageParts(model), forms], pageNumbers: null });
    expect(doc.entries.at(-1)).toMatchObject({ level: 2, text: '项目支出绩效自评表（1）' });
    expect(doc.html.indexOf('part-forms')).toBeGreaterThan(doc.html.indexOf('part-attachments'));
    expect(doc.html).toContain(`href="#${doc.entries.at(-1)!.id}"`);
  });
});
