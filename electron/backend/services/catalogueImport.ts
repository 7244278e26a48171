/**
 * Importing custom 科目 from a spreadsheet: an .xlsx workbook or a UTF-8 CSV with a header row
 * naming a code column (科目代码/代码/编码) and a name column (科目名称/名称).
 *
 * Everything is read and checked before anything is written: a sheet with any problem adds no
 * code at all, and a clean sheet is added in one transaction, so a failure never leaves the file
 * half-changed and never removes what the user already had.
 */
import path from 'node:path';
import { EDITIONS, getCatalogue } from '../../../shared/domain/catalogue';
import type { CustomCode } from '../../../shared/domain/model';
import { type DisclosureFile, DisclosureRepository } from '../db';
import { UserError } from './reports';
import { excelCellText, isOle, isZip, loadWorkbook } from './workbookFile';

export type CodeCatalogue = CustomCode['catalogue'];

export interface SheetCode {
  code: string;
  name: string;
  /** The row of the sheet (1-based, as Excel numbers it) the code came from. */
  row: number;
}

export interface SheetProblem {
  /** The row of the sheet (1-based, as Excel numbers it). */
  row: number;
  message: string;
}

export interface CodeSheet {
  codes: SheetCode[];
  problems: SheetProblem[];
}

export interface CodeImportResult {
  /** Codes the file did not have. */
  added: number;
  /** Custom codes the file had under another name, now renamed. */
  renamed: number;
  /** Custom codes the file already had under the same name. */
  unchanged: number;
  /** Codes every shipped catalogue edition already has under the same name: nothing to add. */
  skippedShipped: number;
}

const CODE_HEADERS = new Set(['科目代码', '科目编码', '代码', '编码']);
const NAME_HEADERS = new Set(['科目名称', '名称']);

const CODE_LENGTHS: Record<CodeCatalogue, readonly number[]> = { functional: [3, 5, 7], economic: [3, 5] };
const CATALOGUE_NAMES: Record<CodeCatalogue, string> = { functional: '支出功能分类', economic: '经济分类' };

/** How many problems a message lists one by one. */
const LISTED_PROBLEMS = 20;

const CSV_HINT = 'CSV 文件须为 UTF-8 编码（在 Excel 中“另存为”时选择“CSV UTF-8（逗号分隔）”）';
const SAVE_AS_HINT = '请在 Excel 中打开后另存为 .xlsx 工作簿或 CSV UTF-8 文件再导入';

function displayName(fileName: string): string {
  return `“${path.basename(fileName)}”`;
}

/** Invisible characters removed, outer spaces (full-width ones too) trimmed. */
function normaliseText(text: string): string {
  return text.replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '').trim();
}

/** A code as typed: full-width digits become ASCII digits. */
function normaliseCode(text: string): string {
  return normaliseText(text).replace(/[\uFF10-\uFF19]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/** A header cell compared without any spaces (科目 代码 is 科目代码). */
function headerKey(text: string): string {
  return normaliseText(text).replace(/\s+/gu, '');
}

/** Names compared loosely: full-width and half-width brackets alike, no spaces. */
function nameKey(name: string): string {
  return name.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');
}

// ---------------------------------------------------------------------------------------------
// A sheet as rows of cell texts, whatever the file format.

interface SheetRow {
  /** 1-based row (Excel) or line-record number (CSV). */
  row: number;
  cells: string[];
}

interface RawSheet {
  /** Worksheet name for messages; empty for CSV. */
  label: string;
  rows: SheetRow[];
}

async function readWorkbook(buffer: Buffer, fileName: string): Promise<RawSheet[]> {
  const notWorkbook = (): UserError =>
    new UserError(`${displayName(fileName)}不是有效的 Excel 工作簿（.xlsx），可能已损坏或并非表格文件，无法读取。${SAVE_AS_HINT}。未导入任何科目。`);
  // A zip without a workbook part (a .docx, an .ods) does not load as a workbook.
  const workbook = await loadWorkbook(buffer);
  if (!workbook) throw notWorkbook();
  const sheets: RawSheet[] = [];
  workbook.eachSheet((worksheet) => {
    const rows: SheetRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let col = 1; col <= row.cellCount; col++) cells.push(excelCellText(row.getCell(col).value));
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ label: worksheet.name, rows });
  });
  return sheets;
}

/** Decodes a CSV as UTF-8 (with or without BOM); anything else is refused with a hint. */
function decodeCsv(buffer: Buffer, fileName: string): string {
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) {
    throw new UserError(`${displayName(fileName)}是 UTF-16 编码的文本，无法读取。${CSV_HINT}。未导入任何科目。`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw new UserError(`${displayName(fileName)}不是 UTF-8 编码的文本（可能是 GBK 编码，或并非 CSV 文件），无法读取。${CSV_HINT}。未导入任何科目。`);
  }
  if (text.includes('\u0000')) {
    throw new UserError(`${displayName(fileName)}不是文本格式的 CSV 文件，无法读取。${CSV_HINT}。未导入任何科目。`);
  }
  return text;
}

/** RFC 4180 records: quoted fields may hold separators, quotes ("") and line breaks. */
function parseCsv(text: string, fileName: string): SheetRow[] {
  const firstLine = text.split(/\r?\n/u, 1)[0] ?? '';
  const separator = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endField = (): void => {
    cells.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    if (cells.some((c) => c.trim() !== '')) rows.push({ row: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      field = '';
      quoted = true;
    } else if (ch === separator) endField();
    else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) {
    throw new UserError(`${displayName(fileName)}第${recordLine}行的引号没有闭合，无法读取。请检查该行，或在 Excel 中另存为 CSV UTF-8 文件后再导入。未导入任何科目。`);
  }
  if (field !== '' || cells.length > 0) endRecord();
  return rows;
}

async function readRawSheets(buffer: Buffer, fileName: string): Promise<RawSheet[]> {
  const name = displayName(fileName);
  if (buffer.length === 0) throw new UserError(`${name}是空文件，没有可导入的科目。`);
  const ext = path.extname(fileName).toLowerCase();
  if (isOle(buffer)) {
    throw new UserError(
      `${name}是旧版 Excel（.xls）文件或设置了打开密码的加密工作簿，无法读取。` +
        `请在 Excel 中取消密码，另存为 .xlsx 工作簿或 CSV UTF-8 文件再导入。未导入任何科目。`,
    );
  }
  // The content decides: an .xlsx saved under a .csv name is still read as a workbook.
  if (isZip(buffer) || ext === '.xlsx' || ext === '.xlsm') {
    if (ext !== '.xlsx' && ext !== '.xlsm' && ext !== '.csv' && ext !== '') {
      throw new UserError(`不支持${name}的文件格式（${ext}）。请提供 .xlsx 工作簿或 CSV UTF-8 文件。未导入任何科目。`);
    }
    return readWorkbook(buffer, fileName);
  }
  if (ext === '.csv' || ext === '.txt' || ext === '') return [{ label: '', rows: parseCsv(decodeCsv(buffer, fileName), fileName) }];
  throw new UserError(`不支持${name}的文件格式（${ext}）。请提供 .xlsx 工作簿或 CSV UTF-8 文件。未导入任何科目。`);
}

// ---------------------------------------------------------------------------------------------

interface Header {
  row: number;
  codeColumn: number;
  nameColumn: number;
}

function findHeader(rows: readonly SheetRow[]): Header | null {
  for (const { row, cells } of rows) {
    const keys = cells.map(headerKey);
    const codeColumn = keys.findIndex((k) => CODE_HEADERS.has(k));
    const nameColumn = keys.findIndex((k) => NAME_HEADERS.has(k));
    if (codeColumn >= 0 && nameColumn >= 0) return { row, codeColumn, nameColumn };
  }
  return null;
}

/** 3、5或7 / 3或5. */
function lengthList(lengths: readonly number[]): string {
  return lengths.length > 1 ? `${lengths.slice(0, -1).join('、')}或${String(lengths[lengths.length - 1])}` : lengths.join('');
}

function codeProblem(code: string, lengths: readonly number[], catalogue: CodeCatalogue | undefined): string | null {
  const what = `${catalogue ? CATALOGUE_NAMES[catalogue] : ''}科目代码应为${lengthList(lengths)}位数字`;
  if (!/^\d+$/u.test(code)) return `科目代码“${code}”含有数字以外的字符（${what}）`;
  if (!lengths.includes(code.length)) return `科目代码“${code}”为${code.length}位，位数不对（${what}）`;
  return null;
}

/**
 * Reads the code list of a spreadsheet: the first worksheet with a header row, and every row
 * below it. Row-level problems (bad or duplicate codes, missing names) are returned with their
 * row numbers; a file that cannot be read as a sheet at all throws a UserError in Chinese.
 * Without `catalogue`, codes of 3, 5 or 7 digits are accepted.
 */
export async function readCodeSheet(buffer: Buffer, fileName: string, catalogue?: CodeCatalogue): Promise<CodeSheet> {
  const sheets = await readRawSheets(buffer, fileName);
  let found: { sheet: RawSheet; header: Header } | null = null;
  for (const sheet of sheets) {
    const header = findHeader(sheet.rows);
    if (header) {
      found = { sheet, header };
      break;
    }
  }
  if (!found) {
    throw new UserError(
      `${displayName(fileName)}中找不到表头：需要有一行同时包含“科目代码”（或“代码”“编码”）和“科目名称”（或“名称”）两列。` +
        `请在科目列表上方加上这一行表头后再导入。未导入任何科目。`,
    );
  }
  const { sheet, header } = found;
  const lengths = catalogue ? CODE_LENGTHS[catalogue] : CODE_LENGTHS.functional;
  const where = sheets.length > 1 ? `工作表“${sheet.label}”` : '';
  const codes: SheetCode[] = [];
  const problems: SheetProblem[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    if (row <= header.row) continue;
    const code = normaliseCode(cells[header.codeColumn] ?? '');
    const name = normaliseText((cells[header.nameColumn] ?? '').replace(/[\r\n]+/gu, '')).replace(/\s+/gu, ' ');
    if (code === '' && name === '') continue;
    const at = (message: string): void => void problems.push({ row, message: `${where}第${row}行：${message}` });
    if (code === '') {
      at(`有科目名称“${name}”但没有科目代码`);
      continue;
    }
    const bad = codeProblem(code, lengths, catalogue);
    if (bad) {
      at(bad);
      continue;
    }
    const earlier = firstRow.get(code);
    if (earlier !== undefined) {
      at(`科目代码 ${code} 重复（第${earlier}行已有）`);
      continue;
    }
    firstRow.set(code, row);
    if (name === '') {
      at(`科目代码 ${code} 没有科目名称`);
      continue;
    }
    codes.push({ code, name, row });
  }
  if (codes.length === 0 && problems.length === 0) {
    throw new UserError(`${displayName(fileName)}${where}的表头（第${header.row}行）下方没有科目，未导入任何科目。`);
  }
  return { codes, problems };
}

/** Problems for a message: the first LISTED_PROBLEMS with row numbers, then how many more. */
export function formatProblems(problems: readonly SheetProblem[]): string {
  const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  ${p.message}`);
  if (problems.length > LISTED_PROBLEMS) listed.push(`  ……另有${problems.length - LISTED_PROBLEMS}处问题未列出。`);
  return listed.join('\n');
}

/** Whether every shipped edition has the code, and one of them under this name. */
function isShipped(catalogue: CodeCatalogue, code: string, name: string): boolean {
  const key = nameKey(name);
  let sameName = false;
  for (const edition of EDITIONS) {
    const cat = getCatalogue(edition);
    const shipped = catalogue === 'functional' ? cat.functionalName(code) : cat.economicName(code);
    if (shipped === undefined) return false;
    if (nameKey(shipped) === key) sameName = true;
  }
  return sameName;
}

/**
 * Imports a sheet's codes into the file's custom codes, all or nothing. Codes every shipped
 * edition already has under the same name are skipped; a custom code under a new name is
 * renamed; nothing the file had is removed.
 */
export async function importCodeSheet(
  file: DisclosureFile,
  catalogue: CodeCatalogue,
  buffer: Buffer,
  fileName: string,
): Promise<CodeImportResult> {
  if (catalogue !== 'functional' && catalogue !== 'economic') {
    throw new UserError(`科目类别“${String(catalogue)}”无效，应为 functional（支出功能分类）或 economic（经济分类）。`);
  }
  const sheet = await readCodeSheet(buffer, fileName, catalogue);
  if (sheet.problems.length > 0) {
    throw new UserError(
      `${displayName(fileName)}中有${sheet.problems.length}处问题，未导入任何科目，文件中原有的科目没有改动。请改正后重新导入：\n${formatProblems(sheet.problems)}`,
    );
  }
  const repo = new DisclosureRepository(file.db);
  const result: CodeImportResult = { added: 0, renamed: 0, unchanged: 0, skippedShipped: 0 };
  file.db
    .transaction(() => {
      const existing = new Map(repo.listCustomCodes().filter((c) => c.catalogue === catalogue).map((c) => [c.code, c.name]));
      for (const { code, name } of sheet.codes) {
        if (isShipped(catalogue, code, name)) {
          result.skippedShipped++;
          continue;
        }
        const had = existing.get(code);
        if (had === name) {
          result.unchanged++;
          continue;
        }
        if (had === undefined) result.added++;
        else result.renamed++;
        repo.addCustomCode({ catalogue, code, name });
      }
    })
    .immediate();
  return result;
}

/** A one-line Chinese summary of an import, for the CLI and the app. */
export function describeCodeImport(catalogue: CodeCatalogue, result: CodeImportResult): string {
  const parts = [`新增 ${result.added} 个`, `更名 ${result.renamed} 个`, `未变 ${result.unchanged} 个`];
  if (result.skippedShipped > 0) parts.push(`内置目录已有而跳过 ${result.skippedShipped} 个`);
  return `${CATALOGUE_NAMES[catalogue]}科目：${parts.join('，')}。`;
}
