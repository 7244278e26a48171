/**
 * Reading an uploaded spreadsheet's bytes with exceljs: what kind of file it is (a zip-based
 * .xlsx, an old OLE .xls or encrypted workbook), loading it, and a cell's value as text.
 * Shared by the 科目 import (catalogueImport.ts) and the table import (tablesImport.ts).
 */
import ExcelJS from 'exceljs';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(buffer: Buffer, magic: Buffer): boolean {
  return buffer.length >= magic.length && buffer.subarray(0, magic.length).equals(magic);
}

/** A zip container (what every .xlsx is). */
export function isZip(buffer: Buffer): boolean {
  return startsWith(buffer, ZIP_MAGIC) || startsWith(buffer, EMPTY_ZIP_MAGIC);
}

/** An OLE compound file: an old .xls, or an .xlsx encrypted with a password. */
export function isOle(buffer: Buffer): boolean {
  return startsWith(buffer, OLE_MAGIC);
}

/**
 * Loads a workbook; null when the bytes are no readable workbook (not a zip, a damaged zip, or a
 * zip without a workbook part such as a .docx).
 */
export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook | null> {
  if (!isZip(buffer)) return null;
  const workbook = new ExcelJS.Workbook();
  try {
    // A copy as a plain ArrayBuffer: what exceljs' typings ask for, whatever pool the Buffer came from.
    await workbook.xlsx.load(Uint8Array.from(buffer).buffer);
  } catch {
    return null;
  }
  return workbook.worksheets.length === 0 ? null : workbook;
}

/** A cell value as the text a user sees (a formula: its stored result; none stored: ''). */
export function excelCellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return excelCellText((value.result ?? null) as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return '';
    if ('text' in value) {
      const text: unknown = value.text;
      if (typeof text === 'string') return text;
      if (typeof text === 'object' && text !== null && 'richText' in text) return excelCellText(text as ExcelJS.CellValue);
      return '';
    }
    if ('error' in value) return String(value.error);
  }
  return '';
}
