/**
 * Test helper (Node only): a workbook in the official printed layout, as the 决算 reporting
 * software or a department's own sheets have it — not the layout this app exports — built with
 * exceljs from a seed's published figures (seedTables.ts):
 *
 * - every table on ONE sheet (`决算公开表`), as blocks one below the other, starting at C3
 *   (not A1): title, 公开NN表, 部门名称 / 年度 / 金额单位, merged header rows, 栏次, body, 注;
 * - 表02: 科目代码 printed in three columns under 功能分类科目编码 (类 / 款 / 项), each row
 *   printing only its own part (201 / 13 / 01), figures as TEXT with thousands separators,
 *   empty cells as `——`;
 * - 表03: 类 / 款 / 项 columns holding whole codes (201 / 20113 / 2011301), figures as numbers;
 * - 表09: its three header rows and the column numbers 1…12; 表10: lines by 行次.
 */
import ExcelJS from 'exceljs';
import type { SeedTable, SeedTableId } from './seedTables';

const LEFT = 3; // column C

interface Writer {
  ws: ExcelJS.Worksheet;
  row: number;
}

function put(w: Writer, col: number, value: string | number | null, span = 1, rows = 1): void {
  const c = LEFT + col;
  if (value !== null && value !== '') w.ws.getCell(w.row, c).value = value;
  if (span > 1 || rows > 1) w.ws.mergeCells(w.row, c, w.row + rows - 1, c + span - 1);
}

function frame(w: Writer, table: SeedTable, width: number): void {
  put(w, 0, table.title, width);
  w.row++;
  put(w, width - 1, `公开${table.id}表`);
  w.row++;
  if (width < 6) {
    [`部门名称：${table.orgName}`, `${table.year}年度`, table.unitLine].forEach((t, k) => put(w, k, t));
  } else {
    put(w, 0, `部门名称：${table.orgName}`, 3);
    put(w, 3, `${table.year}年度`, width - 5);
    put(w, width - 2, table.unitLine, 2);
  }
  w.row++;
}

function note(w: Writer, table: SeedTable, width: number): void {
  if (table.note) put(w, 0, table.note, width);
  w.row += 3;
}

type CodeStyle = 'parts' | 'whole';

function codeParts(code: string, style: CodeStyle): [string, string, string] {
  if (code.length === 3) return [code, '', ''];
  if (code.length === 5) return style === 'whole' ? ['', code, ''] : ['', code.slice(3), ''];
  return style === 'whole' ? ['', '', code] : ['', '', code.slice(5)];
}

/** 表02 / 表03: 类 | 款 | 项 | 科目名称 | figures. */
function subjectBlock(w: Writer, table: SeedTable, names: readonly string[], style: CodeStyle, asText: boolean): void {
  const width = 4 + names.length;
  frame(w, table, width);
  put(w, 0, '项目', 4);
  names.forEach((name, k) => put(w, 4 + k, name, 1, 3));
  w.row++;
  put(w, 0, '功能分类科目编码', 3);
  put(w, 3, '科目名称', 1, 2);
  w.row++;
  ['类', '款', '项'].forEach((part, k) => put(w, k, part));
  w.row++;
  put(w, 0, '栏次', 4);
  names.forEach((_, k) => put(w, 4 + k, k + 1));
  w.row++;
  for (const row of table.rows) {
    if (row.key === '合计') put(w, 0, '合计', 4);
    else {
      codeParts(row.key, style).forEach((part, k) => put(w, k, part));
      put(w, 3, row.label);
    }
    row.values.forEach((v, k) => {
      if (v === '') put(w, 4 + k, asText ? '——' : null);
      else put(w, 4 + k, asText ? v : Number(v.replace(/,/g, '')));
    });
    w.row++;
  }
  note(w, table, width);
}

const THREE_PUBLIC = ['合计', '因公出国（境）费', '公务用车购置及运行维护费', '公务接待费'];

function threePublicBlock(w: Writer, table: SeedTable): void {
  frame(w, table, 12);
  put(w, 0, '预算数', 6);
  put(w, 6, '决算数', 6);
  w.row++;
  for (const side of [0, 6]) {
    put(w, side, THREE_PUBLIC[0]!, 1, 2);
    put(w, side + 1, THREE_PUBLIC[1]!, 1, 2);
    put(w, side + 2, THREE_PUBLIC[2]!, 3);
    put(w, side + 5, THREE_PUBLIC[3]!, 1, 2);
  }
  w.row++;
  for (const side of [0, 6]) ['小计', '公务用车购置费', '公务用车运行维护费'].forEach((t, k) => put(w, side + 2 + k, t));
  w.row++;
  for (let k = 0; k < 12; k++) put(w, k, k + 1);
  w.row++;
  table.rows[0]!.values.forEach((v, k) => put(w, k, v === '' ? null : v));
  w.row++;
  note(w, table, 12);
}

function statsBlock(w: Writer, table: SeedTable): void {
  frame(w, table, 3);
  put(w, 0, '一、政府采购情况', 3);
  w.row++;
  ['项目', '行次', '统计数'].forEach((t, k) => put(w, k, t));
  w.row++;
  for (const row of table.rows) {
    const line = Number(row.key.slice(1));
    if (line === 5) {
      put(w, 0, '二、机关运行经费', 3);
      w.row++;
    }
    if (line === 7) {
      put(w, 0, '三、国有资产占用情况', 3);
      w.row++;
    }
    put(w, 0, row.label);
    put(w, 1, line);
    put(w, 2, row.values[0] === '' ? null : row.values[0]!);
    w.row++;
  }
  note(w, table, 3);
}

const NAMES_02 = ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'];
const NAMES_03 = ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];

/** The seed's tables 02, 03, 09 and 10 in the official layout, on one sheet. */
export async function officialWorkbook(seed: Record<SeedTableId, SeedTable>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const w: Writer = { ws: workbook.addWorksheet('决算公开表'), row: 3 };
  subjectBlock(w, seed['02'], NAMES_02, 'parts', true);
  subjectBlock(w, seed['03'], NAMES_03, 'whole', false);
  threePublicBlock(w, seed['09']);
  statsBlock(w, seed['10']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
