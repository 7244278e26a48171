/**
 * The disclosure package as PDF parts, in the seeds' order (SPEC §1), printing what the Word
 * export prints: 封面, 目录, 第一部分 概况 (职责, 机构设置, 部门决算单位构成), 第二部分 the ten
 * tables (one part each, on landscape pages where wide), 第三部分 情况说明, 第四部分 名词解释 and
 * 第五部分 附件 (the list of titles, or the year's 自评表 and 重点评价报告 in their printed layout).
 */
import type { Paragraph as NarrativeParagraph } from '../../../../shared/domain/narrative/types';
import { hasEvaluation, type PackageModel, UNIT_COMPOSITION_COLUMNS, UNIT_COMPOSITION_TITLE } from '../../../../shared/domain/package';
import { chineseNumeral, tableList } from '../../../../shared/domain/tables';
import { MISSING_FIELD_TEXT, narrativePieces, type PrintedPiece, tableTitleText } from '../print/printed';
import type { HtmlContext, PdfPart } from './document';
import { evaluationParts } from './formHtml';
import { escapeHtml } from './html';
import { tableBlock } from './tableHtml';

const missing = (text: string) => `<span class="missing">${escapeHtml(text)}</span>`;

function body(text: string): string {
  return `<p class="body">${escapeHtml(text)}</p>`;
}

function pieces(list: PrintedPiece[]): string {
  return list.map((p) => (p.missing ? missing(p.text) : escapeHtml(p.text))).join('');
}

export function coverPart(model: PackageModel): PdfPart {
  const name = model.department.name;
  const lines = name && model.title.startsWith(name) && model.title.length > name.length ? [name, model.title.slice(name.length)] : [model.title];
  return { id: 'cover', page: 'cover', newPage: true, render: () => `<p class="cover-title">${lines.map(escapeHtml).join('<br>')}</p>` };
}

/** 目录: each level 1–2 heading with a dot leader and its printed page, linking to it. */
export function tocPart(): PdfPart {
  return {
    id: 'toc',
    page: 'toc',
    newPage: true,
    needsOutline: true,
    render(ctx: HtmlContext) {
      const entries = ctx.entries.map((e) => {
        const page = ctx.pageOf(e.id);
        return `<a class="toc-entry l${e.level}" href="#${e.id}"><span class="t">${escapeHtml(e.text)}</span><span class="leader"></span><span class="n">${page === null ? '' : String(page)}</span></a>`;
      });
      return [ctx.heading(1, '目录', { className: 'toc-title', inToc: false }), ...entries].join('\n');
    },
  };
}

function unitComposition(model: PackageModel): string {
  const units = model.overview.units;
  if (units.length === 0) return '';
  const [no, unitName, note] = UNIT_COMPOSITION_COLUMNS;
  return [
    `<p class="units-title">${escapeHtml(UNIT_COMPOSITION_TITLE)}</p>`,
    '<table class="units"><colgroup><col style="width:9.09%"><col style="width:54.55%"><col style="width:36.36%"></colgroup>',
    `<thead><tr><th>${no}</th><th>${unitName}</th><th>${note}</th></tr></thead><tbody>`,
    ...units.map((u, k) => `<tr><td class="no">${k + 1}</td><td>${escapeHtml(u.name)}</td><td>${escapeHtml(u.note)}</td></tr>`),
    '</tbody></table>',
  ].join('\n');
}

export function overviewPart(model: PackageModel): PdfPart {
  return {
    id: 'overview',
    page: 'prose',
    newPage: true,
    render(ctx) {
      const out = [ctx.heading(1, '第一部分 概况'), ctx.heading(2, '一、本部门（单位）职责')];
      if (model.overview.duties.length === 0) out.push(`<p class="body">${missing(MISSING_FIELD_TEXT)}</p>`);
      model.overview.duties.forEach((duty, i) => out.push(body(`（${chineseNumeral(i + 1)}）${duty.trim()}`)));
      out.push(ctx.heading(2, '二、机构设置情况'));
      const organisation = model.overview.organisation
        .split(/\n+/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      if (organisation.length === 0) out.push(`<p class="body">${missing(MISSING_FIELD_TEXT)}</p>`);
      for (const p of organisation) out.push(body(p));
      out.push(unitComposition(model));
      return out.join('\n');
    },
  };
}

export function tableParts(model: PackageModel): PdfPart[] {
  return tableList(model.tables).map((table, i) => {
    return {
      id: `table-${table.id}`,
      page: table.landscape ? 'wide' : 'table',
      newPage: true,
      render: (ctx: HtmlContext) => tableBlock(ctx, table, tableTitleText(table), i === 0 ? `第二部分 ${model.year}年部门决算表` : null),
    };
  });
}

function narrativeParagraph(ctx: HtmlContext, p: NarrativeParagraph): string {
  const printed = narrativePieces(p.runs);
  switch (p.style) {
    case 'heading3':
      // A bookmark under its section, not a 目录 entry (as in Word).
      return ctx.heading(3, printed.map((x) => x.text).join(''), { html: pieces(printed) });
    case 'heading1':
    case 'heading2':
      // Sub-headings inside a section: 黑体, neither in the 目录 nor the outline.
      return `<p class="body subheading">${pieces(printed)}</p>`;
    default:
      return `<p class="body">${pieces(printed)}</p>`;
  }
}

export function narrativePart(model: PackageModel): PdfPart {
  return {
    id: 'narrative',
    page: 'prose',
    newPage: true,
    render(ctx) {
      const out = [ctx.heading(1, '第三部分 情况说明')];
      for (const s of model.narrative) {
        out.push(ctx.heading(2, s.title));
        for (const p of s.paragraphs) out.push(narrativeParagraph(ctx, p));
      }
      return out.join('\n');
    },
  };
}

export function glossaryPart(model: PackageModel): PdfPart {
  return {
    id: 'glossary',
    page: 'prose',
    newPage: true,
    render(ctx) {
      const out = [ctx.heading(1, '第四部分 名词解释')];
      model.glossary.terms.forEach((t, i) => out.push(body(`${chineseNumeral(i + 1)}、${t.term}：${t.definition}`)));
      for (const line of model.glossary.extra.split(/\n+/)) if (line.trim() !== '') out.push(body(line.trim()));
      return out.join('\n');
    },
  };
}

/** 第五部分 附件: the attachments' titles (the forms themselves come as their own part). */
export function attachmentsPart(model: PackageModel): PdfPart {
  return {
    id: 'attachments',
    page: 'prose',
    newPage: false,
    render(ctx) {
      const titles = model.attachments.map((t) => t.trim()).filter((t) => t !== '');
      const out = [ctx.heading(1, '第五部分 附件')];
      if (titles.length === 0) out.push(body('无'));
      titles.forEach((title, i) => out.push(body(titles.length > 1 ? `${i + 1}.${title}` : title)));
      return out.join('\n');
    },
  };
}

/** The whole package, part by part. */
export function packageParts(model: PackageModel): PdfPart[] {
  const attachments = hasEvaluation(model) ? evaluationParts(model) : [attachmentsPart(model)];
  return [coverPart(model), tocPart(), overviewPart(model), ...tableParts(model), narrativePart(model), glossaryPart(model), ...attachments];
}
