/**
 * The shape of each of the ten tables as the importer reads it — the one place that knows it.
 *
 * Nothing here is written twice: the shape is taken from the tables the app itself derives
 * (`deriveTables` of a probe report holding one 项 with every field filled), so column keys,
 * header texts, 行次, 经济分类 rows and which cell is typed or derived are exactly what the
 * screen, Word and Excel print. What this module adds is only what a printed table may do
 * differently: other titles, other header words, no 行次 column, ordinals dropped from labels.
 *
 * A value cell is addressed by its column key and an anchor: the 科目代码 (`code:2011301`), the
 * 行次 (`line:58`) or the row label (`label:人员经费合计`) that precedes it in its row, found by
 * `anchorsOf` in the same way for our own tables and for a sheet.
 */
import { getCatalogue, type Catalogue } from '../../../catalogue';
import { type Department, emptyItem, emptyReport, ITEM_FIELDS, setItemField } from '../../../model';
import { normaliseWidth } from '../../../money';
import { deriveTables, SHANXI_TABLE_IDS, TABLE_TITLES, type Cell, type DerivedTable, type ShanxiTableId, type ShanxiTables } from '../../../tables';
import { placeHeader } from '../../../tables/header';

export type ColumnRole = 'code' | 'line' | 'label' | 'value';

export interface LayoutColumn {
  /** The ColumnDef key (`total`, `amountR`, `actual.reception`). */
  key: string;
  role: ColumnRole;
  /** Header texts above the column, top to bottom, normalised; a merged header repeats over its span. */
  path: string[];
}

export interface TableLayout {
  id: ShanxiTableId;
  /** `公开02表` */
  code: string;
  /** Normalised titles the table is printed under. */
  titles: string[];
  /** Rows are 科目 listed from the data (02, 03, 05, 07, 08), not fixed lines. */
  bySubject: boolean;
  columns: LayoutColumn[];
  /** Every normalised word of the header (and its aliases): rows made only of these are header rows. */
  headerWords: ReadonlySet<string>;
}

/** The 项 the probe report holds (any code works; this one is in every edition). */
export const PROBE_CODE = '2010101';

/** Tables listed by 支出功能分类. */
export const SUBJECT_TABLES: ReadonlySet<ShanxiTableId> = new Set<ShanxiTableId>(['02', '03', '05', '07', '08']);

/** Other titles a table is printed under (上海 and older templates). */
const TITLE_ALIASES: Partial<Record<ShanxiTableId, string[]>> = {
  '06': ['一般公共预算财政拨款基本支出决算表'],
  '10': ['部门决算相关信息统计表'],
};

/** Header words printed differently from ours → ours. */
const HEADER_ALIASES: Record<string, string> = {
  科目编码: '科目代码',
  功能分类科目编码: '科目代码',
  功能分类科目代码: '科目代码',
  支出功能分类科目编码: '科目代码',
  支出功能分类科目代码: '科目代码',
  经济分类科目编码: '科目代码',
  项目名称: '科目名称',
  科目: '科目名称',
  公务用车购置及运行费: '公务用车购置及运行维护费',
  公务用车运行费: '公务用车运行维护费',
  决算金额: '决算数',
  金额合计: '合计',
};

/** Header words of split code columns and the 栏次 row. */
const EXTRA_HEADER_WORDS = ['类', '款', '项', '栏次', '档次', '科目代码', '科目名称', '项目', '行次', '金额'];

/**
 * Text compared loosely: full-width forms as ASCII, no spaces or line breaks, no quotes
 * (“三公” / "三公" / 三公), no colon at the end.
 */
export function normaliseText(text: string): string {
  return normaliseWidth(text)
    .replace(/[\s\u200B-\u200D\u2060\uFEFF]+/gu, '')
    .replace(/["'“”‘’「」『』]/gu, '')
    .replace(/[:：]$/u, '');
}

/** A header word as ours (aliases resolved). */
export function headerWord(text: string): string {
  const t = normaliseText(text);
  return HEADER_ALIASES[t] ?? t;
}

/** A row label for matching: normalised, without a leading ordinal (`一、`, `(一)`, `1.`). */
export function labelKey(text: string): string {
  return normaliseText(text)
    .replace(/^[一二三四五六七八九十]+、/u, '')
    .replace(/^\([一二三四五六七八九十]+\)/u, '')
    .replace(/^\d+[.、]/u, '');
}

const LANCI = new Set(['栏次', '档次']);

/** Header rows that name columns (not the 栏次 row of column numbers). */
function namingRows(table: DerivedTable): number[] {
  const rows: number[] = [];
  table.header.forEach((cells, r) => {
    const texts = cells.map((c) => normaliseText(c.text)).filter((t) => t !== '');
    if (texts.some((t) => LANCI.has(t)) || texts.every((t) => /^\d+$/u.test(t))) return;
    rows.push(r);
  });
  return rows;
}

function columnRole(table: DerivedTable, col: number): ColumnRole {
  for (const row of table.rows) {
    const cell = row.cells[col];
    if (!cell || (cell.colSpan ?? 1) > 1) continue;
    if (cell.kind === 'code') return 'code';
    if (cell.kind === 'lineNo') return 'line';
    if (cell.kind === 'input' || cell.kind === 'derived' || cell.kind === 'na') return 'value';
  }
  return 'label';
}

function layoutOf(table: DerivedTable, id: ShanxiTableId): TableLayout {
  const n = table.columns.length;
  const naming = new Set(namingRows(table));
  const paths: string[][] = Array.from({ length: n }, () => []);
  const words = new Set<string>(EXTRA_HEADER_WORDS);
  for (const p of placeHeader(table.header, n)) {
    const word = headerWord(p.text);
    if (!naming.has(p.row) || word === '') continue;
    words.add(word);
    for (let c = p.col; c < p.col + p.colSpan; c++) paths[c]!.push(word);
  }
  for (const [alias, word] of Object.entries(HEADER_ALIASES)) if (words.has(word)) words.add(alias);
  return {
    id,
    code: table.code,
    titles: [table.title, ...(TITLE_ALIASES[id] ?? [])].map(normaliseText),
    bySubject: SUBJECT_TABLES.has(id),
    columns: table.columns.map((c, k) => ({ key: c.key, role: columnRole(table, k), path: paths[k]! })),
    headerWords: words,
  };
}

/**
 * The tables as derived for a probe report: one 项 (PROBE_CODE) with every field 1 分, so every
 * column of a 科目 table shows its leaf cell; the fixed tables show every line and 经济分类 row.
 */
export function probeTables(department: Department, year: number, catalogue: Catalogue = getCatalogue(year)): ShanxiTables {
  const report = emptyReport(year, catalogue.edition);
  const item = emptyItem(PROBE_CODE);
  for (const field of ITEM_FIELDS) setItemField(item, field, 1);
  report.items = [item];
  return deriveTables(department, report, catalogue);
}

/** The layout of all ten tables. */
export function tableLayouts(probe: ShanxiTables): Record<ShanxiTableId, TableLayout> {
  const out = {} as Record<ShanxiTableId, TableLayout>;
  for (const id of SHANXI_TABLE_IDS) out[id] = layoutOf(probe[id], id);
  return out;
}

/** Every normalised title, longest first (so 财政拨款收入支出决算总表 wins over 收入支出决算总表). */
export function titleIndex(layouts: Record<ShanxiTableId, TableLayout>): { title: string; id: ShanxiTableId }[] {
  return SHANXI_TABLE_IDS.flatMap((id) => layouts[id].titles.map((title) => ({ title, id }))).sort((a, b) => b.title.length - a.title.length);
}

export { TABLE_TITLES };

// ---------------------------------------------------------------------------------------------
// Anchors.

export interface AnchorInput {
  role: ColumnRole;
  /** The cell's text ('' for an empty cell); a code column's composed 科目代码. */
  text: string;
  /** Covered by a merged cell to its left: not a position of its own. */
  covered?: boolean;
}

export interface Anchor {
  /** `code:…` or `line:…`: what the row says the value belongs to, when it says it by number. */
  strong: string | null;
  /** `label:…`: the label before the value, when the row has one. */
  label: string | null;
}

const CODE = /^\d{3}(?:\d{2}){0,2}$/u;
const LINE = /^\d{1,3}$/u;

/**
 * The anchor of every value position of a row, walking left to right: a 科目代码 or 行次 names
 * the values after it; a label after a value column starts a new side (表01 收入 | 支出); a label
 * right after a code (科目名称) does not replace it. Text in a code column that is not a code
 * (合计, 人员经费合计) is a label. A value with nothing before it on its side takes the row's last
 * label (公用经费合计 printed across unmerged cells).
 */
export function anchorsOf(cells: readonly AnchorInput[]): (Anchor | null)[] {
  const out: (Anchor | null)[] = [];
  let strong: string | null = null;
  let label: string | null = null;
  let lastLabel: string | null = null;
  let afterValue = true;
  for (const cell of cells) {
    if (cell.covered) {
      out.push(null);
      continue;
    }
    if (cell.role === 'value') {
      out.push(strong === null && label === null ? { strong: null, label: lastLabel } : { strong, label });
      afterValue = true;
      continue;
    }
    out.push(null);
    const t = normaliseText(cell.text);
    if (afterValue) {
      strong = null;
      label = null;
    }
    afterValue = false;
    if (t === '') continue;
    if (cell.role === 'code' && CODE.test(t)) strong = `code:${t}`;
    else if (cell.role === 'line' && LINE.test(t)) strong = `line:${Number(t)}`;
    else if (cell.role === 'label' && strong !== null && strong.startsWith('code:')) continue; // 科目名称
    else if (label === null || strong === null) {
      label = `label:${labelKey(t)}`;
      lastLabel = label;
    }
  }
  return out;
}

/** Where a value cell sits in our table: its anchors and column key. */
export interface AnchoredCell {
  cell: Cell;
  column: string;
}

/**
 * Our cells by `anchor|column` (both the strong and the label anchor), for a table with fixed
 * rows (01, 04, 06, 09, 10). A label that two rows share in the same column is dropped, so
 * only unambiguous labels are used.
 */
export function anchorIndex(table: DerivedTable, layout: TableLayout): Map<string, AnchoredCell> {
  const index = new Map<string, AnchoredCell>();
  const ambiguous = new Set<string>();
  for (const row of table.rows) {
    const inputs = layout.columns.map((col, k): AnchorInput => {
      const cell = row.cells[k];
      if (cell?.kind === 'covered') return { role: col.role, text: '', covered: true };
      const text = cell && cell.kind !== 'input' && cell.kind !== 'derived' && cell.kind !== 'na' ? cell.text : '';
      return { role: col.role, text };
    });
    anchorsOf(inputs).forEach((anchor, k) => {
      const cell = row.cells[k];
      if (!anchor || !cell || !cell.id) return;
      const column = layout.columns[k]!.key;
      const entry = { cell, column };
      const none = anchor.strong === null && anchor.label === null;
      if (anchor.strong) index.set(`${anchor.strong}|${column}`, entry);
      if (none) index.set(`none|${column}`, entry);
      if (anchor.label) {
        const key = `${anchor.label}|${column}`;
        if (index.has(key) || ambiguous.has(key)) {
          ambiguous.add(key);
          index.delete(key);
        } else index.set(key, entry);
      }
    });
  }
  return index;
}
