/**
 * 第五部分 附件 in HTML when the year has 自评表 or 重点评价报告: each form on a new A4 portrait page in
 * its printed layout (the grids of shared/domain/selfEvaluation/printLayout.ts, the same the Word
 * and Excel exports print), its indicator grid's header rows in a <thead> so Chromium repeats them
 * when the grid breaks across pages; then each 重点评价报告 (title, sections, 评价指标评分表). Every form
 * and report is a 目录 entry (`附件1 项目名称`), as in the Word export.
 */
import type { PackageModel } from '../../../../shared/domain/package';
import { type FormContext, formGrid, type GridBlock, type GridCell, keyReportGrid, placeCells, type PlacedCell, type PrintedGrid } from '../../../../shared/domain/selfEvaluation';
import type { HtmlContext, PdfPart } from './document';
import { escapeHtml } from './html';

const ALIGN_CLASS = { left: 'l', center: 'c', right: 'r' } as const;

/** The text block of the form pages (A4 portrait, the table page's margins), less the 1pt the tables leave. */
const TEXT_WIDTH_MM = 210 - 40 - 0.4;
/** 9pt in mm, and the width of a digit or point in the 宋体 faces (about half an em). */
const FONT_MM = (9 * 25.4) / 72;
const FIGURE_EM = 0.55;
const PADDING_MM = 2.2;

/**
 * A figure never breaks over lines or runs out of its cell: one too wide for its column at 9pt
 * (`898.264966` in a narrow 实际执行金额 column) is printed smaller, down to 6pt.
 */
function figureSize(text: string, widthMm: number): number | null {
  const need = text.length * FIGURE_EM * FONT_MM;
  const room = widthMm - PADDING_MM;
  if (need <= room) return null;
  return Math.max(6, Math.floor((9 * room * 10) / need) / 10);
}

function cellHtml(cell: GridCell, tag: 'td' | 'th', widthMm: number): string {
  const classes = [ALIGN_CLASS[cell.align ?? 'left'], ...(cell.bold ? ['b'] : []), ...(cell.value !== undefined ? ['n'] : [])];
  const spans = `${(cell.colSpan ?? 1) > 1 ? ` colspan="${cell.colSpan}"` : ''}${(cell.rowSpan ?? 1) > 1 ? ` rowspan="${cell.rowSpan}"` : ''}`;
  const size = cell.value !== undefined ? figureSize(cell.text, widthMm) : null;
  const style = size === null ? '' : ` style="font-size:${size}pt"`;
  const text = cell.text.split('\n').map(escapeHtml).join('<br>');
  return `<${tag} class="${classes.join(' ')}"${spans}${style}>${text}</${tag}>`;
}

function blockHtml(grid: PrintedGrid, block: GridBlock): string {
  const total = grid.columns.reduce((a, b) => a + b, 0);
  const cols = grid.columns.map((c) => `<col style="width:${((100 * c) / total).toFixed(3)}%">`).join('');
  const columnsMm = grid.columns.map((c) => (TEXT_WIDTH_MM * c) / total);
  const widthMm = (p: PlacedCell) => columnsMm.slice(p.col, p.col + p.span).reduce((a, b) => a + b, 0);
  const laid = placeCells(block.rows, columnsMm.length);
  const rows = (list: PlacedCell[][], tag: 'td' | 'th') => list.map((cells) => `<tr>${cells.map((p) => cellHtml(p.cell, tag, widthMm(p))).join('')}</tr>`).join('\n');
  const head = laid.slice(0, block.headerRows);
  return [
    '<table class="form-grid">',
    `<colgroup>${cols}</colgroup>`,
    head.length > 0 ? `<thead>${rows(head, 'th')}</thead>` : '',
    `<tbody>${rows(laid.slice(block.headerRows), 'td')}</tbody>`,
    '</table>',
  ].join('\n');
}

function gridHtml(grid: PrintedGrid, withTitle: boolean): string {
  const out: string[] = [];
  if (withTitle) {
    out.push(`<p class="form-title">${escapeHtml(grid.title)}</p>`);
    const align = grid.subtitle.length === 1 ? 'c' : 'l';
    for (const line of grid.subtitle) out.push(`<p class="form-line ${align}">${escapeHtml(line)}</p>`);
  }
  for (const block of grid.blocks) out.push(blockHtml(grid, block));
  return out.join('\n');
}

const SECTION_CLASS = { 1: 'l1', 2: 'l2', 3: 'l3' } as const;

/** The 第五部分 heading, then each form and 重点评价报告 as its own part on a new page. */
export function evaluationParts(model: PackageModel): PdfPart[] {
  const set = model.evaluation!;
  const ctx: FormContext = { year: model.year, departmentName: model.department.name };
  const parts: PdfPart[] = [];
  let n = 0;
  set.forms.forEach((form, k) => {
    n += 1;
    const title = `附件${n} ${form.name || '（未命名项目）'}`;
    parts.push({
      id: `form-${k + 1}`,
      page: 'table',
      newPage: true,
      render: (html: HtmlContext) =>
        [k === 0 ? html.heading(1, '第五部分 附件') : '', html.heading(2, title, { className: 'attachment-title' }), gridHtml(formGrid(form, set.settings, ctx), true)].join('\n'),
    });
  });
  set.keyReports.forEach((report, k) => {
    n += 1;
    const title = `附件${n} ${report.title}`;
    const first = set.forms.length === 0 && k === 0;
    parts.push({
      id: `key-report-${k + 1}`,
      page: 'prose',
      newPage: true,
      render(html: HtmlContext) {
        const out = [first ? html.heading(1, '第五部分 附件') : '', html.heading(2, title, { className: 'attachment-title' })];
        out.push(`<p class="form-title">${escapeHtml(report.title)}</p>`);
        for (const s of report.sections) {
          out.push(`<p class="body report-heading ${SECTION_CLASS[s.level]}">${escapeHtml(s.heading)}</p>`);
          for (const p of s.text.split('\n')) if (p.trim() !== '') out.push(`<p class="body">${escapeHtml(p.trim())}</p>`);
        }
        const { grid } = keyReportGrid(report, set.settings);
        out.push(`<p class="report-caption">${escapeHtml(`${report.title.replace(/报告$/u, '')}${grid.title}`)}</p>`);
        out.push(gridHtml(grid, false));
        return out.join('\n');
      },
    });
  });
  return parts;
}
