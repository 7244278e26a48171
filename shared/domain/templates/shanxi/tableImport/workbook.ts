/**
 * The tables a workbook holds: every table block located and read (one per table; none found,
 * one found twice, or a title without its header is refused), its frame lines checked against
 * the year and department, 单位性质 inferred for a new file, and the 科目 the catalogue lacks.
 */
import { economicLevel, functionalLevel, type Catalogue } from '../../../catalogue';
import type { CustomCode, Department, UnitKind } from '../../../model';
import type { ShanxiTableId } from '../../../tables';
import { ImportError } from './errors';
import type { SheetGrid } from './grid';
import { labelKey, normaliseText, SUBJECT_TABLES, type TableLayout } from './layout';
import { locateBlocks } from './locate';
import { type PrintedTable, readBlock } from './read';
import { parseMoney, rowPlace } from './values';

export function readTables(sheets: readonly SheetGrid[], layouts: Record<ShanxiTableId, TableLayout>): Map<ShanxiTableId, PrintedTable> {
  const blocks = locateBlocks(sheets, layouts);
  const read = new Map<ShanxiTableId, PrintedTable>();
  const unreadable = new Map<ShanxiTableId, string>();
  for (const block of blocks) {
    const table = readBlock(block, layouts[block.table]);
    const place = rowPlace(block.sheet.name, Math.max(1, block.titleRow));
    if (!table) {
      if (!unreadable.has(block.table)) unreadable.set(block.table, place);
      continue;
    }
    const before = read.get(block.table);
    if (before) {
      throw new ImportError(
        `工作簿中有两张公开${block.table}表（工作表“${before.sheet}”${before.at}和工作表“${table.sheet}”${table.at}），无法确定导入哪一张。请删去多余的一张后重新导入。`,
      );
    }
    read.set(block.table, table);
  }
  for (const [id, place] of unreadable) {
    if (!read.has(id)) {
      throw new ImportError(`${place}有公开${id}表的标题，但找不到它的表头（如“${layouts[id].columns.find((c) => c.role === 'value')?.path.join('—') ?? ''}”）。请保留表格原有的表头行后重新导入。`);
    }
  }
  if (read.size === 0) {
    throw new ImportError('工作簿中找不到任何公开表：需要标题为“收入支出决算总表”“收入决算表”等（或“公开01表”…“公开10表”）的表格。');
  }
  return read;
}

export function checkFrames(tables: Map<ShanxiTableId, PrintedTable>, options: { year: number; department: Department | null }): string | null {
  let orgName: string | null = null;
  for (const t of tables.values()) {
    if (t.year !== null && t.year !== options.year) {
      throw new ImportError(
        `工作表“${t.sheet}”的公开${t.table}表是${t.year}年度的（单元格 ${t.yearAt ?? ''}），不是要导入的${options.year}年度。请选择${options.year}年度的表格，或导入到${t.year}年度。`,
      );
    }
    if (t.orgName !== null && orgName === null) orgName = t.orgName;
    if (options.department && t.orgName !== null && normaliseText(t.orgName) !== normaliseText(options.department.name)) {
      throw new ImportError(
        `工作表“${t.sheet}”的公开${t.table}表属于“${t.orgName}”，而此文件是“${options.department.name}”的。一个文件只保存一个部门的数据，请选择本部门的表格。`,
      );
    }
  }
  return orgName;
}

/** 单位性质 of a new file: 表10 prints 机关运行经费 on line 5 (行政单位) or 6 (参公); neither while 表06 has 公用经费: 事业单位. */
export function inferUnitKind(tables: Map<ShanxiTableId, PrintedTable>): { kind: UnitKind; note: string | null } {
  const t10 = tables.get('10');
  const printedOn = (line: number): boolean =>
    t10?.entries.some((e) => e.anchor.strong === `line:${line}` && !parseMoney(e.cell, t10.unit, () => '').blank) ?? false;
  if (printedOn(5)) return { kind: '行政单位', note: null };
  if (printedOn(6)) return { kind: '参公事业单位', note: '公开10表机关运行经费印在第6行，单位性质按“参照公务员法管理事业单位”建立。' };
  const t06 = tables.get('06');
  const publicTotal = t06?.entries.find((e) => e.anchor.label === `label:${labelKey('公用经费合计')}` && !parseMoney(e.cell, t06.unit, () => '').blank);
  if (t10 && publicTotal) return { kind: '事业单位', note: '公开10表没有机关运行经费，单位性质按“事业单位”建立。' };
  return { kind: '行政单位', note: null };
}

/** 科目 the catalogue lacks, with their printed names; a 科目 without a name is refused. */
export function unknownCodes(tables: Map<ShanxiTableId, PrintedTable>, catalogue: Catalogue): CustomCode[] {
  const out = new Map<string, CustomCode>();
  for (const t of tables.values()) {
    const economic = t.table === '06';
    if (!economic && !SUBJECT_TABLES.has(t.table)) continue;
    for (const [code, row] of t.codeRows) {
      const known = economic ? catalogue.isTable06Code(code) : catalogue.hasFunctional(code);
      const key = `${economic ? 'e' : 'f'}${code}`;
      if (known || out.has(key)) continue;
      const name = t.names.get(code);
      const place = rowPlace(t.sheet, row);
      if (economic && economicLevel(code) !== '款') {
        throw new ImportError(`${place}：经济分类类级科目 ${code} 不是公开06表的科目，无法导入。请核对科目代码。`);
      }
      if (!economic && !functionalLevel(code)) continue;
      if (economic && !catalogue.isTable06Code(code.slice(0, 3))) {
        throw new ImportError(`${place}：经济分类科目 ${code} 的类 ${code.slice(0, 3)} 不在公开06表中，无法导入。请核对科目代码。`);
      }
      if (!name) {
        throw new ImportError(`${place}：科目 ${code} 不在${catalogue.edition}年的科目目录中，表中也没有印它的科目名称，无法添加。请在表中填上科目名称后重新导入。`);
      }
      out.set(key, { catalogue: economic ? 'economic' : 'functional', code, name });
    }
  }
  return [...out.values()].sort((a, b) => a.catalogue.localeCompare(b.catalogue) || a.code.localeCompare(b.code));
}

