/**
 * Excel export of a year's change log (修改记录): one row per record, oldest first — time, who,
 * the action, what changed, from and to (amounts as exact 万元 text: a log must not round), and
 * the note (取消定稿 reasons, exported files).
 */
import ExcelJS from 'exceljs';
import { type ChangeEntry, targetLabel, valueText } from '../../../shared/domain/changeLog';
import type { AttachmentNamer } from '../../../shared/domain/selfEvaluation';
import { formatLocalTime } from '../db';
import { WORKBOOK_CREATOR } from './xlsx';

export const CHANGE_LOG_HEADER = ['时间', '用户', '操作', '内容', '原值', '新值', '备注'] as const;
const WIDTHS = [18, 12, 26, 40, 22, 22, 36];
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10.5, charset: 134 };

export async function renderChangeLogXlsx(
  entries: readonly ChangeEntry[],
  options: { title: string; functionalName?: (code: string) => string | undefined; attachmentName?: AttachmentNamer },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = WORKBOOK_CREATOR;
  workbook.title = options.title;
  const ws = workbook.addWorksheet('修改记录', {
    views: [{ state: 'frozen', ySplit: 2, topLeftCell: 'A3' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' },
    headerFooter: { oddFooter: '&C第 &P 页' },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, WIDTHS.length);
  ws.getCell(1, 1).value = options.title;
  ws.getCell(1, 1).font = { ...FONT, name: '黑体', size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  CHANGE_LOG_HEADER.forEach((text, k) => {
    const cell = ws.getCell(2, k + 1);
    cell.value = text;
    cell.font = { ...FONT, bold: true };
  });
  entries.forEach((e, k) => {
    const row = ws.getRow(k + 3);
    const values = [formatLocalTime(e.at), e.user, e.action, targetLabel(e.target, options.functionalName, undefined, options.attachmentName), valueText(e.target, e.before), valueText(e.target, e.after), e.note];
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.numFmt = '@';
      cell.font = FONT;
      cell.alignment = { vertical: 'top', wrapText: c >= 3 };
    });
  });
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}
