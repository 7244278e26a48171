/**
 * The 审核报告 as an Excel workbook: one sheet, 审核报告 — what it covers, the counts by severity,
 * then one row per finding (序号, 级别, 规则编号, 规则, 位置, 涉及单元格, 左侧数, 右侧数, 差额,
 * 单位, 说明), figures as numbers (万元 with two decimals, or counts), filterable, the header
 * frozen and repeated on every printed page (A4 landscape, fit to width).
 */
import ExcelJS from 'exceljs';
import type { AuditFigure, AuditReport } from '../../../../shared/domain/checks';
import { WORKBOOK_CREATOR } from '../xlsx';
import { type AuditMeta, localTime } from './auditHtml';

export const AUDIT_SHEET = '审核报告';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '级别', width: 7 },
  { header: '规则编号', width: 20 },
  { header: '规则', width: 26 },
  { header: '位置', width: 16 },
  { header: '涉及单元格', width: 40 },
  { header: '左侧数', width: 13 },
  { header: '右侧数', width: 13 },
  { header: '差额', width: 11 },
  { header: '单位', width: 6 },
  { header: '说明', width: 60 },
] as const;

/** Row of the column headings; the findings follow. */
export const AUDIT_HEADER_ROW = 5;

const font = (bold = false, size = 11): Partial<ExcelJS.Font> => ({ name: '宋体', size, bold, charset: 134 });
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function setFigure(cell: ExcelJS.Cell, f: AuditFigure | null, unit: string): void {
  if (f === null) return;
  cell.value = f.value;
  cell.numFmt = unit === '个' ? '0' : '#,##0.00';
}

export async function renderAuditXlsx(report: AuditReport, meta: AuditMeta): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  workbook.title = report.title;
  const ws = workbook.addWorksheet(AUDIT_SHEET, {
    views: [{ state: 'frozen', ySplit: AUDIT_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, printTitlesRow: `${AUDIT_HEADER_ROW}:${AUDIT_HEADER_ROW}` },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = COLUMNS.length;
  const c = report.counts;
  const lines: [string, Partial<ExcelJS.Font>][] = [
    [report.title, font(true, 16)],
    [`部门：${report.department}　　年度：${report.year}　　审核时间：${localTime(meta.generatedAt)}`, font()],
    [`数据指纹（SHA-256）：${meta.factsHash}`, font()],
    [`审核结果：错误 ${c['错误']} 项，警告 ${c['警告']} 项，提示 ${c['提示']} 项`, font()],
  ];
  lines.forEach(([text, f], k) => {
    const row = ws.getRow(k + 1);
    row.getCell(1).value = text;
    row.getCell(1).font = f;
    ws.mergeCells(k + 1, 1, k + 1, last);
  });
  ws.getRow(1).height = 26;
  ws.getRow(1).getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const header = ws.getRow(AUDIT_HEADER_ROW);
  COLUMNS.forEach((col, k) => {
    const cell = header.getCell(k + 1);
    cell.value = col.header;
    cell.font = font(true);
    cell.border = THIN;
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  report.rows.forEach((r, k) => {
    const row = ws.getRow(AUDIT_HEADER_ROW + 1 + k);
    const values: (string | number)[] = [r.index, r.severity, r.ruleId, r.title, r.where, r.cells.join('\n')];
    values.forEach((v, j) => {
      row.getCell(j + 1).value = v;
    });
    setFigure(row.getCell(7), r.left, r.unit);
    setFigure(row.getCell(8), r.right, r.unit);
    setFigure(row.getCell(9), r.difference, r.unit);
    row.getCell(10).value = r.unit;
    row.getCell(11).value = r.message;
    for (let j = 1; j <= last; j++) {
      const cell = row.getCell(j);
      cell.font = j === 2 && r.severity === '错误' ? { ...font(true), color: { argb: 'FFC00000' } } : font();
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: j === 4 || j === 6 || j === 11, ...(j <= 2 || j === 10 ? { horizontal: 'center' } : {}) };
    }
  });
  if (report.rows.length > 0) ws.autoFilter = { from: { row: AUDIT_HEADER_ROW, column: 1 }, to: { row: AUDIT_HEADER_ROW + report.rows.length, column: last } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
