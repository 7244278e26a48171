/**
 * 第二部分 in HTML: each of the ten tables as printed — title, 公开NN表, the 部门名称 / 年度 / 金额单位
 * line, the header rows with their merged cells in a <thead> (Chromium repeats it on every page
 * the table runs over), the body rows (never split), and the 注 / 说明 lines below. Column widths
 * are the tables' own relative widths; 9pt text on landscape pages, 9.5pt on portrait ones.
 */
import type { DerivedTable, HeaderCell, Row } from '../../../../shared/domain/tables';
import { BOLD_ROWS, bodyAlignment, SECTION_TITLE } from '../print/printed';
import type { HtmlContext } from './document';
import { escapeHtml } from './html';

const ALIGN_CLASS = { left: 'l', center: 'c', right: 'r' } as const;

function sizeClass(table: DerivedTable): string {
  return table.landscape ? 'size-9' : 'size-9-5';
}

function colgroup(table: DerivedTable): string {
  const total = table.columns.reduce((s, c) => s + c.width, 0);
  return `<colgroup>${table.columns.map((c) => `<col style="width:${((100 * c.width) / total).toFixed(3)}%">`).join('')}</colgroup>`;
}

function span(name: 'colspan' | 'rowspan', n: number | undefined): string {
  return n !== undefined && n > 1 ? ` ${name}="${n}"` : '';
}

function headerCell(cell: HeaderCell): string {
  const cls = SECTION_TITLE.test(cell.text) ? ' class="part-title"' : '';
  return `<th${cls}${span('colspan', cell.colSpan)}${span('rowspan', cell.rowSpan)}>${escapeHtml(cell.text)}</th>`;
}

function bodyRow(table: DerivedTable, row: Row): string {
  const cells: string[] = [];
  let coveredUntil = 0;
  row.cells.forEach((cell, col) => {
    if (cell.kind === 'covered') {
      // Covered by a span to its left; otherwise (a covered cell alone) an empty cell keeps the grid whole.
      if (col < coveredUntil) return;
      cells.push('<td></td>');
      return;
    }
    const colSpan = Math.max(1, Math.min(cell.colSpan ?? 1, row.cells.length - col));
    coveredUntil = col + colSpan;
    const align = ALIGN_CLASS[bodyAlignment(table, row, cell, col)];
    cells.push(`<td class="${align}"${span('colspan', colSpan)}>${escapeHtml(cell.text)}</td>`);
  });
  return `<tr${BOLD_ROWS.has(row.kind) ? ' class="bold"' : ''}>${cells.join('')}</tr>`;
}

/** The table element itself: colgroup, thead (repeated on every page) and tbody. */
export function figuresTable(table: DerivedTable): string {
  return [
    `<table class="figures ${sizeClass(table)}">`,
    colgroup(table),
    `<thead>${table.header.map((cells) => `<tr>${cells.map(headerCell).join('')}</tr>`).join('')}</thead>`,
    `<tbody>${table.rows.map((row) => bodyRow(table, row)).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

/** One table with its title and the lines around it; the first carries the 第二部分 heading. */
export function tableBlock(ctx: HtmlContext, table: DerivedTable, titleText: string, partTitle: string | null): string {
  const notes = [table.note, table.emptyNote].filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  return [
    partTitle === null ? '' : ctx.heading(1, partTitle),
    ctx.heading(2, titleText, { className: 'table-title' }),
    `<div class="table-mark table-code">${escapeHtml(table.code)}</div>`,
    `<div class="table-mark table-org"><span>${escapeHtml(table.orgLine)}</span><span>${escapeHtml(table.yearLine)}</span><span>${escapeHtml(table.unitLine)}</span></div>`,
    figuresTable(table),
    ...notes.map((note) => `<p class="table-note ${sizeClass(table)}">${escapeHtml(note)}</p>`),
  ].join('\n');
}
