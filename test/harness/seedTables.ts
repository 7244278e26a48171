/**
 * Test helper (Node only): extracts every printed figure of the ten disclosure
 * tables (公开01表 … 公开10表) from a seed document, i.e. the text extracted from
 * a published 部门决算公开 package (see shared/SPEC.md and shared/seeds/).
 *
 * Seed text conventions handled here:
 * - table cells are tab separated; trailing blank cells may be missing;
 * - wrapped cell text shows up as a space inside the cell (`社会保障和就业支 出`):
 *   labels are returned with all whitespace removed;
 * - a table may be split by a page break (a blank line inside the body);
 * - the `公开NN表` marker may be split over two lines (`公开02` / `表`);
 * - the 部门名称 / 年度 / 金额单位 lines may come in any order;
 * - the column-number row is `栏次` (seed 000 table 04 prints `档次`).
 *
 * The parser is strict: anything it does not understand throws, so a change
 * in a seed's layout is noticed instead of silently yielding fewer figures.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type SeedTableId = '01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10';

export interface SeedRow {
  /** see readSeedTables for the key scheme of each table */
  key: string;
  /** the row's printed label (科目名称, or the line's 项目 text), whitespace removed; '' if none */
  label: string;
  /** printed figure cells in column order, exactly as printed; '' for a blank cell */
  values: string[];
}

export interface SeedTable {
  id: SeedTableId;
  /** e.g. '收入支出决算总表' */
  title: string;
  /** department name from the 部门名称：/单位名称： line */
  orgName: string;
  /** from the '2023年度' line */
  year: number;
  /** '金额单位：万元' or '单位：万元' as printed */
  unitLine: string;
  /** in printed order */
  rows: SeedRow[];
  /** the table is followed by '说明：本表无数据' */
  noDataNote: boolean;
  /** the '注：…' line */
  note: string;
}

export const SEED_TABLE_IDS: readonly SeedTableId[] = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10',
];

export const SEED_000: string = fileURLToPath(
  new URL('../../../shared/seeds/000_80dc64eda384f1d0.txt', import.meta.url),
);
export const SEED_002: string = fileURLToPath(
  new URL('../../../shared/seeds/002_05e60210c6b60a66.txt', import.meta.url),
);

/** Figure columns of the 科目-coded tables. */
const CODED_TABLE_COLUMNS: Partial<Record<SeedTableId, number>> = {
  '02': 7,
  '03': 6,
  '05': 3,
  '07': 6,
  '08': 3,
};

const FIGURE_RE = /^(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|——)?$/;
const FUNC_CODE_RE = /^\d{3}(?:\d{2}(?:\d{2})?)?$/;
const ECON_CODE_RE = /^\d{3}(?:\d{2})?$/;
const COLUMN_NUMBER_ROW_LABELS = new Set(['栏次', '档次']);
const NO_DATA_NOTE = '说明：本表无数据';

class SeedParseError extends Error {
  constructor(seedPath: string, id: SeedTableId | null, message: string) {
    super(`${seedPath}${id === null ? '' : ` 公开${id}表`}: ${message}`);
    this.name = 'SeedParseError';
  }
}

interface Line {
  /** 1-based line number in the seed, for error messages */
  no: number;
  text: string;
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

function cellsOf(line: Line): string[] {
  return line.text.split('\t').map((c) => c.trim());
}

function padCells(cells: string[], n: number): string[] {
  const out = cells.slice();
  while (out.length < n) out.push('');
  return out;
}

function cell(cells: readonly string[], i: number): string {
  return cells[i] ?? '';
}

/** Parse all ten tables of a seed document. */
export function readSeedTables(seedPath: string): Record<SeedTableId, SeedTable> {
  const raw = readFileSync(seedPath, 'utf8').replace(/^\uFEFF/, '');
  const lines: Line[] = raw.split(/\r?\n/).map((text, i) => ({ no: i + 1, text: text.replace(/\s+$/, '') }));
  const fail = (id: SeedTableId | null, message: string): never => {
    throw new SeedParseError(seedPath, id, message);
  };

  const nextNonBlank = (from: number): number => {
    let i = from;
    while (i < lines.length && (lines[i]?.text ?? '') === '') i++;
    return i;
  };
  const prevNonBlank = (from: number): number => {
    let i = from;
    while (i >= 0 && (lines[i]?.text ?? '') === '') i--;
    return i;
  };
  const textAt = (i: number): string => lines[i]?.text ?? '';

  /** Locate `公开NN表` (possibly printed as `公开NN` + `表`); returns [markerStart, indexAfterMarker]. */
  const findMarker = (id: SeedTableId): [number, number] => {
    const found: [number, number][] = [];
    for (let i = 0; i < lines.length; i++) {
      const t = textAt(i).trim();
      if (t === `公开${id}表`) found.push([i, i + 1]);
      else if (t === `公开${id}`) {
        const j = nextNonBlank(i + 1);
        if (textAt(j).trim() === '表') found.push([i, j + 1]);
      }
    }
    if (found.length !== 1) fail(id, `expected exactly one 公开${id}表 marker, found ${found.length}`);
    return found[0] as [number, number];
  };

  const result: Partial<Record<SeedTableId, SeedTable>> = {};

  for (const id of SEED_TABLE_IDS) {
    const [markerAt, afterMarker] = findMarker(id);
    const titleAt = prevNonBlank(markerAt - 1);
    const title = squash(textAt(titleAt));
    if (title === '' || !title.endsWith('表')) fail(id, `unexpected title line ${titleAt + 1}: '${textAt(titleAt)}'`);

    // Header block: 部门名称 / 年度 / 金额单位, any order.
    let orgName: string | null = null;
    let year: number | null = null;
    let unitLine: string | null = null;
    let i = afterMarker;
    while (orgName === null || year === null || unitLine === null) {
      i = nextNonBlank(i);
      if (i >= lines.length) fail(id, 'header block not terminated');
      const t = textAt(i).trim();
      const org = /^(?:部门|单位)名称[:：]\s*(.+)$/.exec(t);
      const yr = /^(\d{4})年度$/.exec(t);
      if (org && orgName === null) orgName = squash(org[1] ?? '');
      else if (yr && year === null) year = Number(yr[1]);
      else if (/^(?:金额)?单位[:：]/.test(t) && unitLine === null) unitLine = t;
      else fail(id, `unexpected header line ${i + 1}: '${t}'`);
      i++;
    }

    // Body: every non-blank line up to the 注： line (blank lines are page breaks).
    const body: Line[] = [];
    let note: string | null = null;
    for (; i < lines.length; i++) {
      const line = lines[i] as Line;
      if (line.text === '') continue;
      if (line.text.trim().startsWith('注：')) {
        note = line.text.trim();
        i++;
        break;
      }
      body.push(line);
    }
    if (note === null) fail(id, 'no 注： line after the table');
    const after = nextNonBlank(i);
    const noDataNote = textAt(after).trim() === NO_DATA_NOTE;

    const rows = parseBody(id, body, (msg) => fail(id, msg));
    result[id] = {
      id,
      title,
      orgName: orgName as string,
      year: year as number,
      unitLine: unitLine as string,
      rows,
      noDataNote,
      note: note as string,
    };
  }
  return result as Record<SeedTableId, SeedTable>;
}

type Fail = (message: string) => never;

function checkFigure(value: string, line: Line, fail: Fail): string {
  if (!FIGURE_RE.test(value)) fail(`line ${line.no}: '${value}' is not a printed figure`);
  return value;
}

/** Index of the first body line whose first cell satisfies `pred`; the rows after it are the data rows. */
function dataStart(body: readonly Line[], pred: (first: string, cells: string[]) => boolean, fail: Fail, what: string): number {
  const at = body.findIndex((l) => {
    const cells = cellsOf(l);
    return pred(cell(cells, 0), cells);
  });
  if (at < 0) fail(`no ${what} row`);
  return at + 1;
}

function parseBody(id: SeedTableId, body: readonly Line[], fail: Fail): SeedRow[] {
  switch (id) {
    case '01':
      return parseLineTable(body, fail, 62, 31, 1, 1);
    case '04':
      return parseLineTable(body, fail, 64, 32, 1, 4);
    case '06':
      return parseTable06(body, fail);
    case '09':
      return parseTable09(body, fail);
    case '10':
      return parseTable10(body, fail);
    default: {
      const n = CODED_TABLE_COLUMNS[id];
      if (n === undefined) return fail('no parser for this table');
      return parseCodedTable(body, fail, n);
    }
  }
}

/**
 * Tables 01 and 04: each printed row holds a left line (项目, 行次, values) and a
 * right line (项目, 行次, values). Returns lines 1..total in line order.
 */
function parseLineTable(
  body: readonly Line[],
  fail: Fail,
  total: number,
  leftCount: number,
  leftValues: number,
  rightValues: number,
): SeedRow[] {
  const start = dataStart(body, (first) => COLUMN_NUMBER_ROW_LABELS.has(first), fail, '栏次');
  const width = 2 * 2 + leftValues + rightValues;
  const byLine = new Map<number, SeedRow>();
  const add = (line: Line, lineNoCell: string, label: string, values: string[], left: boolean): void => {
    if (!/^\d+$/.test(lineNoCell)) fail(`line ${line.no}: 行次 '${lineNoCell}' is not a number`);
    const n = Number(lineNoCell);
    const inRange = left ? n >= 1 && n <= leftCount : n > leftCount && n <= total;
    if (!inRange) fail(`line ${line.no}: 行次 ${n} out of range for the ${left ? 'left' : 'right'} half`);
    if (byLine.has(n)) fail(`line ${line.no}: 行次 ${n} printed twice`);
    byLine.set(n, { key: `L${n}`, label: squash(label), values: values.map((v) => checkFigure(v, line, fail)) });
  };
  for (const line of body.slice(start)) {
    const raw = cellsOf(line);
    if (raw.length > width) fail(`line ${line.no}: ${raw.length} cells, expected at most ${width}`);
    const cells = padCells(raw, width);
    add(line, cell(cells, 1), cell(cells, 0), cells.slice(2, 2 + leftValues), true);
    const r = 2 + leftValues;
    add(line, cell(cells, r + 1), cell(cells, r), cells.slice(r + 2, r + 2 + rightValues), false);
  }
  const rows: SeedRow[] = [];
  for (let n = 1; n <= total; n++) {
    const row = byLine.get(n);
    if (row === undefined) return fail(`行次 ${n} missing`);
    rows.push(row);
  }
  return rows;
}

/** Tables 02, 03, 05, 07, 08: 科目代码, 科目名称, then `columns` figures. */
function parseCodedTable(body: readonly Line[], fail: Fail, columns: number): SeedRow[] {
  const start = dataStart(body, (first) => COLUMN_NUMBER_ROW_LABELS.has(first), fail, '栏次');
  const rows: SeedRow[] = [];
  for (const line of body.slice(start)) {
    const raw = cellsOf(line);
    if (raw.length > columns + 2) fail(`line ${line.no}: ${raw.length} cells, expected at most ${columns + 2}`);
    const cells = padCells(raw, columns + 2);
    const code = cell(cells, 0);
    const isTotal = code === '合计';
    if (!isTotal && !FUNC_CODE_RE.test(code)) fail(`line ${line.no}: '${code}' is neither 合计 nor a 科目代码`);
    if (isTotal && rows.length > 0) fail(`line ${line.no}: 合计 row is not the first body row`);
    rows.push({
      key: code,
      label: isTotal ? '合计' : squash(cell(cells, 1)),
      values: cells.slice(2).map((v) => checkFigure(v, line, fail)),
    });
  }
  if (rows[0]?.key !== '合计') fail('no 合计 row');
  return rows;
}

/**
 * Table 06: four column groups (代码, 名称, 决算数) side by side, read group by
 * group; the last row holds 人员经费合计 and 公用经费合计.
 */
function parseTable06(body: readonly Line[], fail: Fail): SeedRow[] {
  const GROUPS = 4;
  const width = GROUPS * 3;
  const start = dataStart(body, (first) => first === '科目代码', fail, '科目代码 header');
  const groups: SeedRow[][] = Array.from({ length: GROUPS }, () => []);
  const totals: SeedRow[] = [];
  const seen = new Set<string>();
  for (const line of body.slice(start)) {
    const raw = cellsOf(line);
    if (raw.length > width) fail(`line ${line.no}: ${raw.length} cells, expected at most ${width}`);
    const cells = padCells(raw, width);
    if (cell(cells, 0) === '人员经费合计') {
      const gongAt = cells.indexOf('公用经费合计');
      if (gongAt < 0) fail(`line ${line.no}: no 公用经费合计 cell`);
      const renyuan = cells.slice(1, gongAt).filter((c) => c !== '');
      const gongyong = cells.slice(gongAt + 1).filter((c) => c !== '');
      if (renyuan.length > 1 || gongyong.length > 1) fail(`line ${line.no}: more than one figure per 合计`);
      totals.push(
        { key: '人员经费合计', label: '人员经费合计', values: [checkFigure(renyuan[0] ?? '', line, fail)] },
        { key: '公用经费合计', label: '公用经费合计', values: [checkFigure(gongyong[0] ?? '', line, fail)] },
      );
      continue;
    }
    if (totals.length > 0) fail(`line ${line.no}: row after the 合计 row`);
    for (let g = 0; g < GROUPS; g++) {
      const code = cell(cells, 3 * g);
      const name = cell(cells, 3 * g + 1);
      const value = cell(cells, 3 * g + 2);
      if (code === '') {
        if (name !== '' || value !== '') fail(`line ${line.no}: group ${g + 1} has no 科目代码`);
        continue;
      }
      if (!ECON_CODE_RE.test(code)) fail(`line ${line.no}: '${code}' is not an economic code`);
      if (seen.has(code)) fail(`line ${line.no}: code ${code} printed twice`);
      seen.add(code);
      groups[g]?.push({ key: code, label: squash(name), values: [checkFigure(value, line, fail)] });
    }
  }
  if (totals.length === 0) fail('no 人员经费合计 row');
  return [...groups.flat(), ...totals];
}

/** Table 09: one figure row below the column-number row 1..12. */
function parseTable09(body: readonly Line[], fail: Fail): SeedRow[] {
  const start = dataStart(
    body,
    (_first, cells) => cells.length === 12 && cells.every((c, k) => c === String(k + 1)),
    fail,
    'column-number (1..12)',
  );
  const data = body.slice(start);
  if (data.length !== 1) fail(`expected one figure row, found ${data.length}`);
  const line = data[0] as Line;
  const raw = cellsOf(line);
  if (raw.length > 12) fail(`line ${line.no}: ${raw.length} cells, expected 12`);
  return [{ key: 'row', label: '', values: padCells(raw, 12).map((v) => checkFigure(v, line, fail)) }];
}

/** Table 10: 项目, 行次, 统计数; section heading and 项目 header rows carry no 行次. */
function parseTable10(body: readonly Line[], fail: Fail): SeedRow[] {
  const rows: SeedRow[] = [];
  const seen = new Set<string>();
  for (const line of body) {
    const raw = cellsOf(line);
    if (raw.length > 3) fail(`line ${line.no}: ${raw.length} cells, expected at most 3`);
    const cells = padCells(raw, 3);
    const [label = '', lineNo = '', value = ''] = cells;
    if (lineNo === '' || lineNo === '行次') {
      if (value !== '' && value !== '统计数') fail(`line ${line.no}: figure '${value}' without 行次`);
      continue;
    }
    if (!/^\d+$/.test(lineNo)) fail(`line ${line.no}: 行次 '${lineNo}' is not a number`);
    const key = `L${Number(lineNo)}`;
    if (seen.has(key)) fail(`line ${line.no}: 行次 ${lineNo} printed twice`);
    seen.add(key);
    rows.push({ key, label: squash(label), values: [checkFigure(value, line, fail)] });
  }
  return rows;
}

/** Convenience: the row with `key` in `table`, or throws. */
export function seedRow(table: SeedTable, key: string): SeedRow {
  const row = table.rows.find((r) => r.key === key);
  if (row === undefined) throw new Error(`公开${table.id}表: no row '${key}'`);
  return row;
}
