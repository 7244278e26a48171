/**
 * 导入自评表: an Excel workbook with one 项目支出绩效自评表 per sheet, in the layout this app
 * exports (晋城) or the 阳泉 layout 预算管理一体化 systems print. All or nothing: every sheet is
 * read and checked first; any problem is reported with its sheet and cell, in Chinese, and nothing
 * is written. Sheets that are not forms (自评汇总, 公开01表 …) are skipped and named.
 * A form whose project is already in the year replaces it in place; new projects are added last.
 */
import ExcelJS from 'exceljs';
import {
  EvaluationReader,
  nextId,
  readForm,
  readJinchengSheet,
  readYangquanSheet,
  type SelfEvaluationForm,
  SheetError,
  sheetLayout,
  type SheetRow,
} from '../../../shared/domain/selfEvaluation';
import { type DisclosureFile, EvaluationRepository } from '../db';
import { excelCellText } from './workbookFile';
import { UserError } from './reports';

export interface FormImportResult {
  added: string[];
  replaced: string[];
  /** Sheets that hold no 自评表. */
  skipped: string[];
  layout: '晋城' | '阳泉' | null;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

async function sheetsOf(buffer: Buffer, fileName: string): Promise<{ name: string; rows: SheetRow[] }[]> {
  const notWorkbook = () => new UserError(`“${fileName}”不是有效的 Excel 工作簿（.xlsx），可能已损坏或并非表格文件。如是 .xls 或 WPS 表格，请先另存为 .xlsx。未导入任何自评表。`);
  if (buffer.length < 4 || !buffer.subarray(0, 4).equals(ZIP_MAGIC)) throw notWorkbook();
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Uint8Array.from(buffer).buffer);
  } catch {
    throw notWorkbook();
  }
  const sheets: { name: string; rows: SheetRow[] }[] = [];
  workbook.eachSheet((ws) => {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const cells: SheetRow = [];
      for (let col = 1; col <= row.cellCount; col++) {
        const cell = row.getCell(col);
        // A merged range prints its text once, in its top-left cell.
        if (cell.isMerged && cell.master.address !== cell.address) continue;
        const text = excelCellText(cell.value).replace(/\r\n?/gu, '\n').trim();
        if (text !== '') cells.push({ text, at: cell.address, col: col - 1 });
      }
      rows.push(cells);
    });
    sheets.push({ name: ws.name, rows });
  });
  if (sheets.length === 0) throw notWorkbook();
  return sheets;
}

/** Reads every form of a workbook; throws a UserError listing every problem (sheet and cell). */
export async function readFormWorkbook(buffer: Buffer, fileName: string, year: number): Promise<{ forms: SelfEvaluationForm[]; skipped: string[]; layout: FormImportResult['layout'] }> {
  const problems: string[] = [];
  const forms: SelfEvaluationForm[] = [];
  const skipped: string[] = [];
  const layouts = new Set<'晋城' | '阳泉'>();
  for (const sheet of await sheetsOf(buffer, fileName)) {
    const layout = sheetLayout(sheet.rows);
    if (!layout) {
      skipped.push(sheet.name);
      continue;
    }
    layouts.add(layout);
    try {
      const { form } = layout === '阳泉' ? readYangquanSheet(sheet.rows, year) : readJinchengSheet(sheet.rows);
      const r = new EvaluationReader({ kind: 'internal' });
      const checked = readForm(r, { ...form, id: `f${forms.length + 1}` }, 'form');
      for (const issue of r.issues) problems.push(`工作表“${sheet.name}”：${issue.message}（${issue.path}）`);
      forms.push(checked);
    } catch (e) {
      if (!(e instanceof SheetError)) throw e;
      problems.push(`工作表“${sheet.name}” ${e.at}：${e.message}`);
    }
  }
  const names = new Map<string, number>();
  for (const f of forms) names.set(f.name, (names.get(f.name) ?? 0) + 1);
  for (const [name, n] of names) if (n > 1) problems.push(`项目“${name}”有${n}张工作表，每个项目只能有一张自评表`);
  if (forms.length === 0 && problems.length === 0) problems.push(`工作簿中没有找到自评表（每张工作表一张表，含“项目名称”和资金、绩效指标）`);
  if (problems.length > 0) throw new UserError(`“${fileName}”中的自评表有误，未导入任何自评表：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { forms, skipped, layout: layouts.size === 1 ? [...layouts][0]! : null };
}

/** Imports the forms of a workbook into a year, in one transaction. */
export async function importFormWorkbook(file: DisclosureFile, year: number, buffer: Buffer, fileName: string): Promise<FormImportResult> {
  const { forms, skipped, layout } = await readFormWorkbook(buffer, fileName, year);
  const repo = new EvaluationRepository(file.db);
  const result: FormImportResult = { added: [], replaced: [], skipped, layout };
  file.db.transaction(() => {
    const set = repo.load(year);
    const ids = set.forms.map((f) => f.id);
    // A year without forms takes the workbook's layout.
    if (set.forms.length === 0 && layout && layout !== set.settings.layout) repo.saveSettings(year, { ...set.settings, layout });
    for (const form of forms) {
      const existing = set.forms.find((f) => f.name === form.name);
      const id = existing?.id ?? nextId('f', ids);
      ids.push(id);
      repo.saveForm(year, { ...form, id });
      (existing ? result.replaced : result.added).push(form.name);
    }
  })();
  return result;
}

export function describeFormImport(r: FormImportResult): string {
  const parts = [`新增${r.added.length}张`, `替换${r.replaced.length}张`];
  const skipped = r.skipped.length > 0 ? `；跳过不是自评表的工作表：${r.skipped.join('、')}` : '';
  return `自评表${parts.join('、')}${skipped}`;
}
