/**
 * The 审核报告 as a PDF part: title, what it covers (部门, 年度, 数据指纹, when), the counts by
 * severity, and one table row per finding — 序号, 级别, 规则, 位置, the cells involved, both
 * figures and their difference, and the finding's own message — on landscape pages with the
 * header row repeated.
 */
import type { AuditFigure, AuditReport } from '../../../../shared/domain/checks';
import type { PdfPart } from '../pdf/document';
import { escapeHtml } from '../pdf/html';
import { PACKAGE_CSS } from '../pdf/styles';
import { FONT_STACKS } from '../pdf/fonts';

export interface AuditMeta {
  /** The facts' content hash the findings were computed from. */
  factsHash: string;
  generatedAt: Date;
}

/** `2026-12-03 09:41`, local time. */
export function localTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}:${p(date.getMinutes())}`;
}

export const AUDIT_COLUMNS = [
  { name: '序号', width: 4 },
  { name: '级别', width: 4.5 },
  { name: '规则', width: 17 },
  { name: '位置', width: 7 },
  { name: '涉及单元格', width: 24 },
  { name: '左侧数', width: 8 },
  { name: '右侧数', width: 8 },
  { name: '差额', width: 7 },
  { name: '说明', width: 20.5 },
] as const;

export const AUDIT_CSS = `${PACKAGE_CSS}
.audit-title { font-family: ${FONT_STACKS.hei}; font-size: 16pt; line-height: 24pt; text-align: center; margin: 0 0 4pt; }
.audit-meta { font-family: ${FONT_STACKS.song}; font-size: 10pt; line-height: 15pt; }
.audit-none { font-family: ${FONT_STACKS.song}; font-size: 12pt; margin-top: 12pt; }
table.audit { border-collapse: collapse; width: 100%; table-layout: fixed; font-family: ${FONT_STACKS.song}; font-size: 9pt; line-height: 12pt; margin-top: 4pt; }
table.audit th, table.audit td { border: 0.5pt solid #000; padding: 1pt 1mm; vertical-align: top; overflow-wrap: anywhere; }
table.audit th { text-align: center; vertical-align: middle; font-weight: bold; }
table.audit tr { break-inside: avoid; }
table.audit td.n { text-align: right; white-space: nowrap; }
table.audit td.c { text-align: center; }
table.audit td.sev-错误 { color: #c00; font-weight: bold; }
table.audit td.sev-警告 { color: #a60; }
table.audit .rule-id { font-size: 7.5pt; white-space: nowrap; }
`;

function figure(f: AuditFigure | null): string {
  return f === null ? '' : escapeHtml(f.text);
}

export function auditPart(report: AuditReport, meta: AuditMeta): PdfPart {
  return {
    id: 'audit',
    page: 'wide',
    newPage: true,
    render(ctx) {
      const c = report.counts;
      const head = [
        ctx.heading(1, report.title, { className: 'audit-title', inToc: false }),
        `<p class="audit-meta">部门：${escapeHtml(report.department)}　　年度：${report.year}　　审核时间：${localTime(meta.generatedAt)}</p>`,
        `<p class="audit-meta">数据指纹（SHA-256）：${escapeHtml(meta.factsHash)}</p>`,
        `<p class="audit-meta">审核结果：错误 ${c['错误']} 项，警告 ${c['警告']} 项，提示 ${c['提示']} 项。金额单位：万元（另注明的除外）。</p>`,
      ];
      if (report.rows.length === 0) return [...head, '<p class="audit-none">勾稽审核未发现问题。</p>'].join('\n');
      const total = AUDIT_COLUMNS.reduce((s, col) => s + col.width, 0);
      const rows = report.rows.map((r) =>
        [
          '<tr>',
          `<td class="c">${r.index}</td>`,
          `<td class="c sev-${r.severity}">${r.severity}</td>`,
          `<td><span class="rule-id">${escapeHtml(r.ruleId)}</span><br>${escapeHtml(r.title)}</td>`,
          `<td>${escapeHtml(r.where)}</td>`,
          `<td>${r.cells.map(escapeHtml).join('<br>')}</td>`,
          `<td class="n">${figure(r.left)}</td>`,
          `<td class="n">${figure(r.right)}</td>`,
          `<td class="n">${figure(r.difference)}${r.unit === '个' && r.difference ? ' 个' : ''}</td>`,
          `<td>${escapeHtml(r.message)}</td>`,
          '</tr>',
        ].join(''),
      );
      return [
        ...head,
        '<table class="audit">',
        `<colgroup>${AUDIT_COLUMNS.map((col) => `<col style="width:${((100 * col.width) / total).toFixed(2)}%">`).join('')}</colgroup>`,
        `<thead><tr>${AUDIT_COLUMNS.map((col) => `<th>${col.name}</th>`).join('')}</tr></thead>`,
        `<tbody>${rows.join('\n')}</tbody>`,
        '</table>',
      ].join('\n');
    },
  };
}
