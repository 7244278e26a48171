/**
 * 审核报告 (the findings of 勾稽审核 for a year, for the reviewer at the 财政局) as PDF and Excel,
 * from the domain's AuditReport rows.
 */
import type { AuditReport } from '../../../../shared/domain/checks';
import type { PdfEngine } from '../pdf/engine';
import { printParts } from '../pdf/render';
import { AUDIT_CSS, type AuditMeta, auditPart } from './auditHtml';

export { type AuditMeta, auditPart, localTime } from './auditHtml';
export { AUDIT_HEADER_ROW, AUDIT_SHEET, renderAuditXlsx } from './auditXlsx';

/** The 审核报告 as a PDF. */
export async function renderAuditPdf(report: AuditReport, meta: AuditMeta, engine: PdfEngine): Promise<Uint8Array> {
  return (await printParts(engine, { title: report.title, parts: [auditPart(report, meta)], css: AUDIT_CSS })).pdf;
}
