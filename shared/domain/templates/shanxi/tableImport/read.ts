/**
 * Reading one located table block: its frame lines (部门名称, 年度, 金额单位), its header (which
 * sheet column is which of our columns, by the header words above it), and its body as printed
 * entries — a raw cell value at an anchor (科目代码, 行次 or label) and a column.
 *
 * Nothing is interpreted as a figure here (a 车辆数 is a count, an amount is 万元): `resolve.ts`
 * parses each entry once it knows which of our cells it is. Problems a user must fix throw an
 * ImportError naming the sheet and cell.
 */
import type { ShanxiTableId } from '../../../tables';
import { cellAddress, type GridCell, type SheetGrid } from './grid';
import { type Anchor, type AnchorInput, anchorsOf, headerWord, type LayoutColumn, normaliseText, type TableLayout } from './layout';
import type { Block } from './locate';
import { ImportError } from './errors';

/** A printed value cell as read: where it is, what it holds, and what it belongs to. */
export interface PrintedEntry {
  table: ShanxiTableId;
  sheet: string;
  row: number;
  col: number;
  /** `E7` */
  address: string;
  anchor: Anchor;
  /** Our column key. */
  column: string;
  cell: GridCell | undefined;
}

export interface PrintedTable {
  table: ShanxiTableId;
  sheet: string;
  /** Where the table starts, for messages (`A1`). */
  at: string;
  /** From `部门名称：…` / `单位名称：…`, when printed. */
  orgName: string | null;
  /** From `2023年度`, when printed. */
  year: number | null;
  /** The cell the year was read from. */
  yearAt: string | null;
  /** Amounts are printed in 万元 (the official unit) or 元. */
  unit: '万元' | '元';
  entries: PrintedEntry[];
  /** 科目名称 printed next to each 科目代码 (tables 02–08 and 06). */
  names: Map<string, string>;
  /** The sheet row each 科目代码 was first printed on. */
  codeRows: Map<string, number>;
}

function text(cell: GridCell | undefined): string {
  return cell ? cell.text : '';
}

const ORG = /^(?:部门名称|单位名称|编制部门|编制单位)[:：](.*)$/u;
const YEAR = /^(\d{4})年度?$/u;
const UNIT = /单位[:：]?(万元|元)$/u;
const NOTE = /^(注|说明)[:：]/u;
const LANCI = new Set(['栏次', '档次']);

interface Frame {
  orgName: string | null;
  year: number | null;
  yearAt: string | null;
  unit: '万元' | '元';
}

function readFrame(block: Block, lastRow: number): Frame {
  const frame: Frame = { orgName: null, year: null, yearAt: null, unit: '万元' };
  const { sheet } = block;
  for (let r = Math.max(1, block.titleRow - 2); r <= lastRow; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = sheet.cell(r, c);
      if (!cell || cell.covered) continue;
      const t = normaliseText(cell.text);
      const org = ORG.exec(t);
      if (org && frame.orgName === null && (org[1] ?? '') !== '') frame.orgName = (org[1] ?? '').trim();
      const year = YEAR.exec(t) ?? /(\d{4})年度/u.exec(t);
      if (year && frame.year === null && !org) {
        frame.year = Number(year[1]);
        frame.yearAt = cellAddress(r, c);
      }
      const unit = UNIT.exec(t);
      if (unit) frame.unit = unit[1] === '元' ? '元' : '万元';
    }
  }
  return frame;
}

/**
 * Whether a row is part of a header: every non-empty cell is a header word, or the row is a 栏次
 * row (栏次 followed by column numbers, or the numbers 1, 2, 3 … alone as 表09 prints them).
 */
function isHeaderRow(sheet: SheetGrid, row: number, layout: TableLayout): boolean {
  const numbers: number[] = [];
  let first: string | null = null;
  for (let c = 1; c <= sheet.columnCount; c++) {
    const cell = sheet.cell(row, c);
    if (!cell) continue;
    // A figure (not a column number) makes a body row.
    if (cell.number !== undefined && !(Number.isInteger(cell.number) && cell.number > 0 && cell.number < 100)) return false;
    const t = headerWord(cell.text);
    if (t === '') continue;
    if (/^\d{1,2}$/u.test(t)) numbers.push(Number(t));
    else if (!layout.headerWords.has(t)) return false;
    else first ??= t;
  }
  if (first === null && numbers.length === 0) return false;
  if (numbers.length === 0) return true;
  // Column numbers: 1, 2, 3 … alone (表09), or after 栏次.
  const counting = numbers.length >= 3 && numbers.every((n, k) => n === k + 1);
  return counting || LANCI.has(first ?? '');
}

/** The first non-empty text of a row, normalised. */
function firstText(sheet: SheetGrid, row: number): string {
  for (let c = 1; c <= sheet.columnCount; c++) {
    const t = normaliseText(text(sheet.cell(row, c)));
    if (t !== '') return t;
  }
  return '';
}

/** Whether a row holds nothing at all. */
function isBlankRow(sheet: SheetGrid, row: number): boolean {
  for (let c = 1; c <= sheet.columnCount; c++) if (text(sheet.cell(row, c)).trim() !== '') return false;
  return true;
}

interface Header {
  first: number;
  last: number;
  /** Header words above each sheet column (index = column), top to bottom. */
  paths: string[][];
}

function readHeader(block: Block, layout: TableLayout): Header | null {
  const { sheet } = block;
  let first = 0;
  for (let r = block.titleRow + 1; r <= block.lastRow; r++) {
    if (isHeaderRow(sheet, r, layout)) {
      first = r;
      break;
    }
  }
  if (first === 0) return null;
  // The header ends at its 栏次 row (an empty 合计 row below it is body, not header).
  let last = first;
  while (!LANCI.has(headerWord(firstText(sheet, last))) && last + 1 <= block.lastRow && isHeaderRow(sheet, last + 1, layout)) last++;
  const paths: string[][] = Array.from({ length: sheet.columnCount + 1 }, () => []);
  for (let r = first; r <= last; r++) {
    if (LANCI.has(headerWord(firstText(sheet, r)))) continue;
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = headerWord(text(sheet.cell(r, c)));
      const path = paths[c]!;
      if (t !== '' && path[path.length - 1] !== t) path.push(t);
    }
  }
  return { first, last, paths };
}

/** How many of `wanted`'s words `path` has, in order. */
function pathScore(path: readonly string[], wanted: readonly string[]): number {
  let k = 0;
  let score = 0;
  for (const w of wanted) {
    const at = path.indexOf(w, k);
    if (at >= 0) {
      score++;
      k = at + 1;
    }
  }
  return score;
}

/** A sheet column per layout column (code columns may be three: 类 / 款 / 项). */
export interface ColumnMap {
  /** Sheet column → our column, for every mapped column. */
  byColumn: Map<number, LayoutColumn>;
  /** Split 科目代码 columns (类, 款, 项), when the code is printed in three. */
  splitCode: number[] | null;
}

const SPLIT = ['类', '款', '项'];

function mapColumns(block: Block, layout: TableLayout, header: Header): ColumnMap {
  const { sheet } = block;
  const used = new Set<number>();
  const byColumn = new Map<number, LayoutColumn>();
  let splitCode: number[] | null = null;
  const headerRange = `${cellAddress(header.first, 1)}:${cellAddress(header.last, sheet.columnCount)}`;
  for (const col of layout.columns) {
    const leaf = col.path[col.path.length - 1];
    if (leaf === undefined) continue;
    if (col.role === 'code' && layout.bySubject) {
      const split = SPLIT.map((part) => header.paths.findIndex((p, c) => c > 0 && !used.has(c) && p.includes('科目代码') && p[p.length - 1] === part));
      if (split.every((c) => c > 0)) {
        splitCode = split;
        for (const c of split) used.add(c);
        byColumn.set(split[0]!, col);
        continue;
      }
    }
    let best = -1;
    let bestScore = -1;
    header.paths.forEach((path, c) => {
      if (c === 0 || used.has(c) || !path.includes(leaf)) return;
      // Words of ours found in order, then the column whose last word is ours.
      const score = pathScore(path, col.path) * 2 + (path[path.length - 1] === leaf ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    });
    if (best < 0) {
      if (col.role === 'label' || col.role === 'line') continue; // optional: 行次 and labels may be absent
      throw new ImportError(
        `工作表“${sheet.name}”的${layout.code}（${block.titleRow > 0 ? cellAddress(block.titleRow, 1) : '第1行'}起）：表头（${headerRange}）中找不到“${col.path.join('—')}”栏。` +
          '请保留表格原有的表头行后再导入。',
      );
    }
    used.add(best);
    byColumn.set(best, col);
  }
  return { byColumn, splitCode };
}

/** 科目代码 printed in 类 / 款 / 项 columns: each part alone (201 / 13 / 01) or whole (20113). */
class SplitCodes {
  private lastClass = '';
  private lastSection = '';

  compose(parts: readonly string[]): string | null {
    // A 款 or 项 part stored as a number loses its leading zero (01 → 1).
    const [a = '', b = '', c = ''] = parts.map((p, k) => {
      const t = normaliseText(p);
      return k > 0 && /^\d$/u.test(t) ? `0${t}` : t;
    });
    if (a === '' && b === '' && c === '') return '';
    if (![a, b, c].every((p) => p === '' || /^\d+$/u.test(p))) return null;
    const whole = [c, b, a].find((p) => p.length === 7 || p.length === 5);
    if (whole) return this.remember(whole);
    const cls = a.length === 3 ? a : this.lastClass;
    if (c !== '') {
      const section = b.length === 2 ? cls + b : this.lastSection;
      return c.length === 2 && section.length === 5 ? this.remember(section + c) : null;
    }
    if (b !== '') return b.length === 2 && cls.length === 3 ? this.remember(cls + b) : null;
    return a.length === 3 ? this.remember(a) : null;
  }

  private remember(code: string): string {
    this.lastClass = code.slice(0, 3);
    if (code.length >= 5) this.lastSection = code.slice(0, 5);
    return code;
  }
}

/** Reads one block; null when it has no header this table's layout recognises. */
export function readBlock(block: Block, layout: TableLayout): PrintedTable | null {
  const header = readHeader(block, layout);
  if (!header) return null;
  const { sheet } = block;
  const frame = readFrame(block, header.first - 1);
  const map = mapColumns(block, layout, header);
  const columns = [...map.byColumn.keys()].sort((a, b) => a - b);
  const splitRest = new Set(map.splitCode?.slice(1) ?? []);
  const splitCodes = new SplitCodes();
  const table: PrintedTable = {
    table: layout.id,
    sheet: sheet.name,
    at: block.titleRow > 0 ? cellAddress(block.titleRow, 1) : 'A1',
    ...frame,
    entries: [],
    names: new Map(),
    codeRows: new Map(),
  };
  for (let r = header.last + 1; r <= block.lastRow; r++) {
    if (isBlankRow(sheet, r)) continue;
    if (NOTE.test(firstText(sheet, r))) break;
    if (isHeaderRow(sheet, r, layout)) continue; // a header repeated after a page break
    const inputs: AnchorInput[] = [];
    let code: string | null = null;
    for (const c of columns) {
      const col = map.byColumn.get(c)!;
      const cell = sheet.cell(r, c);
      if (col.role === 'value') {
        inputs.push({ role: 'value', text: '', covered: cell?.covered === true });
        continue;
      }
      if (col.role === 'code' && map.splitCode) {
        const parts = map.splitCode.map((sc) => (sheet.cell(r, sc)?.covered ? '' : text(sheet.cell(r, sc))));
        const composed = splitCodes.compose(parts);
        // Text in the code columns that is no code (合计): the label of the row.
        inputs.push({ role: 'code', text: composed ?? parts.find((p) => p.trim() !== '') ?? '' });
        code = composed;
        continue;
      }
      const t = cell?.covered ? '' : text(cell);
      inputs.push({ role: col.role, text: t, covered: cell?.covered === true });
      if (col.role === 'code') code = normaliseText(t);
    }
    const anchors = anchorsOf(inputs);
    if (layout.bySubject && code && /^\d{3}(\d{2}){0,2}$/u.test(code)) {
      const nameCol = columns.find((c) => map.byColumn.get(c)?.role === 'label');
      const name = nameCol === undefined ? '' : normaliseName(text(sheet.cell(r, nameCol)));
      if (!table.codeRows.has(code)) {
        table.codeRows.set(code, r);
        if (name !== '') table.names.set(code, name);
      }
    }
    if (layout.id === '06') collectEconomicNames(table, sheet, r, columns, map);
    columns.forEach((c, k) => {
      const anchor = anchors[k];
      const col = map.byColumn.get(c)!;
      if (!anchor || splitRest.has(c)) return;
      const cell = sheet.cell(r, c);
      if (cell?.covered) return;
      table.entries.push({ table: layout.id, sheet: sheet.name, row: r, col: c, address: cellAddress(r, c), anchor, column: col.key, cell });
    });
  }
  return table;
}

function normaliseName(name: string): string {
  return name.replace(/[\r\n]+/gu, '').replace(/\s+/gu, ' ').trim();
}

/** 表06 prints code and name in each of its four groups. */
function collectEconomicNames(table: PrintedTable, sheet: SheetGrid, row: number, columns: readonly number[], map: ColumnMap): void {
  columns.forEach((c, k) => {
    if (map.byColumn.get(c)?.role !== 'code') return;
    const code = normaliseText(text(sheet.cell(row, c)));
    if (!/^\d{3}(\d{2})?$/u.test(code) || table.names.has(code)) return;
    const next = columns[k + 1];
    const name = next !== undefined && map.byColumn.get(next)?.role === 'label' ? normaliseName(text(sheet.cell(row, next))) : '';
    table.codeRows.set(code, row);
    if (name !== '') table.names.set(code, name);
  });
}
