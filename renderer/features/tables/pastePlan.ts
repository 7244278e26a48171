/**
 * Where a pasted block lands, decided the way the officer copied it: from a printed table.
 *
 * A block copied from a 公开表 (this app's Excel, the 决算 software's, a Word table, the officer's
 * own sheet) carries the printed layout: grey 合计/类/款 lines, the 栏次 line, codes and names,
 * thousands separators, blank cells and `——`. So:
 *
 * - **By code** when any row of the block names a row of the table (a 科目代码, split 类/款/项
 *   code columns, or a printed label such as 合计 or 人员经费合计): every such row lands on the
 *   row with that code, wherever the cursor is; rows without one (titles, the 栏次 line, blank
 *   lines) are skipped. A 项 code not yet in the file gets a row (the caller asks first).
 * - **By position** otherwise: block row k lands on the table's row (cursor row + k) and block
 *   column j on column (cursor column + j) — grey rows included on both sides, exactly as printed.
 *
 * Typed cells are written; a figure landing on a grey (derived) cell is checked against the
 * value the table derives once the paste is applied (within the rounding envelope): a subtotal
 * that does not match means the block is not aligned with the table, and the whole paste is
 * refused naming the rows. Nothing is ever half pasted.
 */
import { type CustomCode, factRefKey, type Report } from '../../../shared/domain/model';
import { normaliseWidth, toPrintedUnits } from '../../../shared/domain/money';
import { leafEnvelopeUnits } from '../../../shared/domain/checks/printed';
import { type Cell, type CellKind, type DerivedTable, findCell } from '../../../shared/domain/tables/types';
import type { FactInput } from '../../store/session';
import { type InputUnit, parseCellText } from './cellInput';
import type { Grid, GridCell, GridPos } from './grid';
import { writesForText } from './cellWrites';

/** One cell of a table row as the paste sees it. */
interface SheetCell {
  kind: CellKind;
  text: string;
  colSpan: number;
  /** What can be typed here (null: grey or a label). */
  grid: GridCell | null;
  /** Column key, for finding the cell again in the table derived after the paste. */
  colKey: string;
}

interface SheetRow {
  key: string;
  cells: SheetCell[];
  /** A 项 row that is not in the file yet (added by the paste). */
  virtual: boolean;
}

export interface PasteContext {
  table: DerivedTable;
  /** The editable cells: one grid row per table row, then one per 待填写 row. */
  grid: Grid;
  /** 项 codes of the 待填写 rows, in grid order after the table's rows. */
  pendingCodes: readonly string[];
  unit: InputUnit;
  /** The table lists 支出功能分类 rows (02, 03, 05, 07, 08): codes it does not print yet can still land. */
  subjectTable: boolean;
  /** The editable cells of a 项 row the file does not have yet (by column), or null when this table has no 项 rows. */
  virtualRow(code: string): (GridCell | null)[] | null;
  /** The catalogue's name for a 支出功能分类 code, or null when the catalogue lacks it. */
  functionalName(code: string): string | null;
  /** The report with the writes (and new rows) applied, and the table derived from it. */
  deriveWith(writes: readonly FactInput[], addItems: readonly string[], customCodes: readonly CustomCode[]): { report: Report; table: DerivedTable };
}

export interface MissingCode {
  code: string;
  name: string;
  /** Not in the catalogue: added as the file's own code with the pasted name. */
  custom: boolean;
}

export interface PastePlan {
  mode: 'code' | 'position';
  writes: FactInput[];
  /** 项 rows the paste needs that the file does not have (the officer is asked first). */
  missing: MissingCode[];
  /** Chinese messages; non-empty means the paste is refused as a whole. */
  errors: string[];
  /** Figures on grey cells that were checked against the derived table. */
  checked: number;
  /** Block rows that name no row of the table (titles, 栏次, blank lines). */
  skipped: number;
  /** The report with the paste applied, when it was derived to check grey figures (its table can be shown as is). */
  applied?: Report;
}

// ---------------------------------------------------------------------------------------------
// Reading the block's cells.

/** A 科目代码, maybe with its name in the same cell (`2010301 行政运行`, `2010301行政运行`). */
const CODE = /^(\d{3}(?:\d{2}){0,2})(?:\s*([\p{L}（(].*))?$/u;

/** Printable ASCII without spaces (most figures and codes): nothing to normalise. */
const PLAIN = /^[!-~]*$/u;

/** Cleaned texts of cells that need it: the same block is often pasted again (600 rows × 8 cells). */
const cleaned = new Map<string, string>();

function clean(text: string): string {
  if (PLAIN.test(text)) return text;
  let out = cleaned.get(text);
  if (out === undefined) {
    if (cleaned.size > 20_000) cleaned.clear();
    out = normaliseWidth(text).replace(/\s+/gu, ' ').trim();
    cleaned.set(text, out);
  }
  return out;
}

/** A label as printed, for matching: no spaces, half-width. */
function labelKey(text: string): string {
  return normaliseWidth(text).replace(/\s+/gu, '');
}

/** Blank or printed as nothing (`——`); `t` is a cleaned text. */
function isEmpty(t: string): boolean {
  return t === '' || t === '——' || t === '—' || t === '-' || t === '－－';
}

const NUMERIC = /^[-+]?[\d,]+(\.\d+)?(万元|万|元)?$/u;

/** A figure (`1,234.56`, `12万元`); `t` is a cleaned text. */
function isNumeric(t: string): boolean {
  return NUMERIC.test(PLAIN.test(t) ? t : t.replace(/\s/gu, ''));
}

/** The 栏次 line (`栏次 1 2 3 …`) or a line of column numbers; `cells` are cleaned. */
function isLanciRow(cells: readonly string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  if (filled[0]?.replace(/\s/gu, '') === '栏次') return true;
  return filled.length >= 2 && filled.every((c, k) => c === String(k + 1));
}

/** A row of the block, read once: cleaned cells, which of them are figures, whether it is the 栏次 line. */
interface Line {
  cells: readonly string[];
  numeric: readonly boolean[];
  anyNumeric: boolean;
  lanci: boolean;
}

function readLine(raw: readonly string[]): Line {
  const cells = raw.map(clean);
  const numeric = cells.map(isNumeric);
  return { cells, numeric, anyNumeric: numeric.includes(true), lanci: isLanciRow(cells) };
}

// ---------------------------------------------------------------------------------------------
// The table's rows, with the 待填写 rows and (on demand) rows for codes the file lacks.

function sheetRowsOf(ctx: PasteContext): SheetRow[] {
  const { table, grid } = ctx;
  const colKeys = table.columns.map((c) => c.key);
  const rows: SheetRow[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    const gridRow = grid[r];
    const cells: SheetCell[] = [];
    for (let c = 0; c < row.cells.length; c++) {
      const cell: Cell = row.cells[c]!;
      cells.push({ kind: cell.kind, text: cell.text, colSpan: cell.colSpan ?? 1, grid: gridRow?.[c] ?? null, colKey: colKeys[c] ?? '' });
    }
    rows.push({ key: row.key, cells, virtual: false });
  }
  ctx.pendingCodes.forEach((code, k) => rows.push(itemRow(ctx, code, grid[table.rows.length + k] ?? [], false)));
  return rows;
}

/** A 项 row laid out like the table's: code, name, then its value columns. */
function itemRow(ctx: PasteContext, code: string, cells: readonly (GridCell | null)[], virtual: boolean): SheetRow {
  return {
    key: code,
    virtual,
    cells: ctx.table.columns.map((column, c): SheetCell => {
      const kind: CellKind = c === 0 ? 'code' : c === 1 ? 'label' : cells[c] ? 'input' : 'derived';
      return { kind, text: c === 0 ? code : '', colSpan: 1, grid: cells[c] ?? null, colKey: column.key };
    }),
  };
}

/** A 类/款 row the table does not print yet (no data): every value cell is grey. */
function parentRow(ctx: PasteContext, code: string): SheetRow {
  return {
    key: code,
    virtual: true,
    cells: ctx.table.columns.map((column, c): SheetCell => ({ kind: c === 0 ? 'code' : c === 1 ? 'label' : 'derived', text: c === 0 ? code : '', colSpan: 1, grid: null, colKey: column.key })),
  };
}

interface Anchor {
  row: SheetRow;
  col: number;
}

/** Where each code and printed label sits in the table. */
function anchorIndex(rows: readonly SheetRow[]): { codes: Map<string, Anchor>; labels: Map<string, Anchor> } {
  const codes = new Map<string, Anchor>();
  const labels = new Map<string, Anchor>();
  for (const row of rows) {
    for (let col = 0; col < row.cells.length; col++) {
      const cell = row.cells[col]!;
      if (cell.kind === 'code' && cell.text && !codes.has(cell.text)) codes.set(cell.text, { row, col });
      // Names of 科目 rows are not anchors (the code is); printed labels of line tables and 合计 are.
      const precededByCode = col > 0 && row.cells[col - 1]?.kind === 'code';
      if (cell.kind === 'label' && cell.text && !precededByCode) {
        const key = labelKey(cell.text);
        if (!labels.has(key)) labels.set(key, { row, col });
      }
    }
  }
  return { codes, labels };
}

// ---------------------------------------------------------------------------------------------
// The plan.

interface Landing {
  blockRow: number;
  blockCol: number;
  text: string;
  row: SheetRow;
  cell: SheetCell;
}

interface Check {
  blockRow: number;
  blockCol: number;
  row: SheetRow;
  cell: SheetCell;
  units: number;
}

/** The code and label printed left of a cell in its row (the half of a side-by-side table it is in). */
function rowLabel(row: SheetRow, cell: SheetCell): string {
  const col = row.cells.indexOf(cell);
  const parts: string[] = [];
  for (let k = col - 1; k >= 0; k--) {
    const c = row.cells[k]!;
    if (c.kind === 'label' || c.kind === 'code') {
      if (c.text) parts.unshift(c.text);
      if (c.kind === 'code') break;
    } else if (parts.length > 0) break;
  }
  if (parts.length === 0 && /^\d+$/u.test(row.key)) parts.push(row.key);
  return parts.join(' ');
}

export function planPaste(ctx: PasteContext, start: GridPos | null, block: readonly (readonly string[])[]): PastePlan {
  const rows = sheetRowsOf(ctx);
  const index = anchorIndex(rows);
  const lines = block.map(readLine);
  const errors: string[] = [];
  const missing = new Map<string, MissingCode>();
  const landings: Landing[] = [];
  let skipped = 0;

  // Every row with figures starts with a code the table knows (or a 7-digit 项 code): codes
  // without names, e.g. a working sheet of code | 基本支出 | 项目支出.
  const withFigures = lines.filter((line) => !line.lanci && line.anyNumeric);
  const codeColumn =
    withFigures.length > 0 &&
    withFigures.every((line) => {
      const first = line.cells.find((c) => c !== '') ?? '';
      return /^\d{7}$/u.test(first) || (/^\d{3}(\d{2})?$/u.test(first) && index.codes.has(first));
    });

  const anchorOf = (line: Line): { blockCol: number; anchor: Anchor; name: string } | null => {
    const cells = line.cells;
    for (let j = 0; j < cells.length; j++) {
      const text = cells[j]!;
      if (text === '') continue;
      const code = joinSplitCode(line, j);
      if (code && (code.named || codeColumn)) {
        const found = index.codes.get(code.code);
        if (found) return { blockCol: j + code.span - 1, anchor: found, name: code.name };
        const virtual = virtualAnchor(code.code, code.name);
        if (virtual) return { blockCol: j + code.span - 1, anchor: virtual, name: code.name };
        return null;
      }
      const label = index.labels.get(labelKey(text));
      if (label) return { blockCol: j, anchor: label, name: text };
      if (line.numeric[j]) return null;
    }
    return null;
  };

  /** A row for a code the table does not print: a 项 the file lacks, or a 类/款 with no data yet. */
  const virtualRows = new Map<string, SheetRow>();
  const virtualAnchor = (code: string, pastedName: string): Anchor | null => {
    const cached = virtualRows.get(code);
    if (cached) return { row: cached, col: 0 };
    if (code.length === 7) {
      const cells = ctx.virtualRow(code);
      if (!cells) return null;
      const name = ctx.functionalName(code);
      if (name === null && pastedName === '') {
        errors.push(`科目${code}不在科目目录中，粘贴的内容里也没有它的名称，无法添加`);
        return null;
      }
      missing.set(code, { code, name: name ?? pastedName, custom: name === null });
      const row = itemRow(ctx, code, cells, true);
      virtualRows.set(code, row);
      return { row, col: 0 };
    }
    if (!ctx.subjectTable) return null;
    const row = parentRow(ctx, code);
    virtualRows.set(code, row);
    return { row, col: 0 };
  };

  const byCode = lines.some((line) => !line.lanci && anchorOf(line) !== null);
  // anchorOf may have recorded rows for codes while probing; start the real pass afresh.
  missing.clear();
  virtualRows.clear();
  errors.length = 0;

  if (byCode) {
    const seen = new Map<string, number>();
    lines.forEach((line, blockRow) => {
      if (line.lanci) {
        skipped++;
        return;
      }
      const found = anchorOf(line);
      if (!found) {
        if (line.anyNumeric) {
          const name = line.cells.find((c, j) => c !== '' && !line.numeric[j]);
          errors.push(`第${blockRow + 1}行${name ? `（${name}）` : ''}在表中找不到对应的行（没有科目代码或与表中项目名称不同）`);
        } else skipped++;
        return;
      }
      const rowKey = found.anchor.row.key;
      const earlier = seen.get(rowKey);
      if (earlier !== undefined) {
        errors.push(`第${earlier + 1}行和第${blockRow + 1}行是同一行（${rowKey === 'total' ? '合计' : rowKey}）`);
        return;
      }
      seen.set(rowKey, blockRow);
      walkRow(line, blockRow, found.blockCol, found.anchor, landings, errors, index);
    });
  } else {
    if (!start) return { mode: 'position', writes: [], missing: [], errors: ['请先点选粘贴开始的单元格'], checked: 0, skipped: 0 };
    let k = 0;
    lines.forEach((line, blockRow) => {
      const { cells } = line;
      const textOnly = cells.some((c, j) => c !== '' && !line.numeric[j] && !isEmpty(c)) && !line.anyNumeric;
      if (k === 0 && (line.lanci || textOnly)) {
        // The 栏次 line, or a title/header line above the figures.
        skipped++;
        return;
      }
      const row = rows[start.row + k];
      k++;
      if (!row) {
        if (cells.some((c) => !isEmpty(c))) errors.push(`第${blockRow + 1}行超出了表格的最后一行`);
        return;
      }
      cells.forEach((text, j) => {
        const cell = row.cells[start.col + j];
        if (!cell) {
          if (!isEmpty(text)) errors.push(`第${blockRow + 1}行第${j + 1}列超出了表格的最后一栏`);
          return;
        }
        landings.push({ blockRow, blockCol: j, text, row, cell });
      });
    });
  }

  const { writes, checks } = writesOf(ctx, landings, errors);
  const plan: PastePlan = { mode: byCode ? 'code' : 'position', writes, missing: [...missing.values()], errors, checked: checks.length, skipped };
  if (errors.length > 0) return plan;
  verify(ctx, plan, checks);
  return plan;
}

/** `2010301`, `2010301 行政运行`, or split `201` `03` `01` code columns starting at j. */
function joinSplitCode(line: Line, j: number): { code: string; name: string; span: number; named: boolean } | null {
  const cells = line.cells;
  const match = CODE.exec(cells[j] ?? '');
  if (!match) return null;
  let code = match[1]!;
  let name = match[2]?.trim() ?? '';
  let span = 1;
  if (code.length === 3 && name === '') {
    while (span < 3 && /^\d{2}$/u.test(cells[j + span] ?? '')) {
      code += cells[j + span] ?? '';
      span++;
    }
  }
  if (name === '') {
    const next = cells[j + span] ?? '';
    if (next !== '' && !line.numeric[j + span] && !isEmpty(next)) name = next;
  }
  // A bare 3-, 5- or 7-digit number may as well be an amount: it is a code only with its name
  // beside it, in split 类/款/项 columns, or when the whole block is laid out by code (`codeColumn`).
  return { code, name, span, named: name !== '' || span > 1 };
}

/**
 * Lines the block's cells up with the table's cells from an anchor (a code or label) rightwards.
 * Tolerates what copies differ in: merged cells copied once (Word) or with empty cells after them
 * (Excel), a missing name column, a missing 行次 column; a further code or label in the table
 * row (the side-by-side halves of 06 and 01) re-anchors on the block's matching cell.
 */
function walkRow(
  line: Line,
  blockRow: number,
  blockAnchor: number,
  anchor: Anchor,
  landings: Landing[],
  errors: string[],
  index: ReturnType<typeof anchorIndex>,
): void {
  const { cells } = line;
  const row = anchor.row;
  let j = blockAnchor + 1;
  let c = anchor.col + (row.cells[anchor.col]?.colSpan ?? 1);
  // Excel copies a merged label with empty cells after it: skip those.
  for (let span = (row.cells[anchor.col]?.colSpan ?? 1) - 1; span > 0 && j < cells.length && cells[j] === ''; span--) j++;
  while (j < cells.length && c < row.cells.length) {
    const cell = row.cells[c]!;
    const t = cells[j] ?? '';
    if (cell.kind === 'covered') {
      if (t === '') j++;
      c++;
      continue;
    }
    if (cell.kind === 'label') {
      if (!line.numeric[j]) j++;
      c += cell.colSpan;
      continue;
    }
    if (cell.kind === 'lineNo') {
      // The block's 行次, if it has that column (a blank one only when more cells follow it).
      if (t === cell.text || (t === '' && j + 1 < cells.length)) j++;
      c++;
      continue;
    }
    if (cell.kind === 'code') {
      // The next half of a side-by-side table: the block should name it too.
      const code = joinSplitCode(line, j);
      if (code && code.code === cell.text) {
        j += code.span;
        c++;
        continue;
      }
      if (t === '') {
        j++;
        c++;
        continue;
      }
      const elsewhere = code ? index.codes.get(code.code) : index.labels.get(labelKey(t));
      if (elsewhere && elsewhere.row === row) {
        // The block skips part of this row: continue from the matching cell.
        c = elsewhere.col;
        continue;
      }
      errors.push(`第${blockRow + 1}行第${j + 1}列的“${t}”与表中此处的科目${cell.text}不一致`);
      return;
    }
    landings.push({ blockRow, blockCol: j, text: t, row, cell });
    j++;
    c += cell.colSpan;
  }
  for (; j < cells.length; j++) {
    if (!isEmpty(cells[j] ?? '')) {
      errors.push(`第${blockRow + 1}行第${j + 1}列多出了“${cells[j] ?? ''}”，表中没有对应的栏目`);
      return;
    }
  }
}

function describe(landing: Landing): string {
  const name = landing.cell.grid?.label ?? '';
  return `第${landing.blockRow + 1}行第${landing.blockCol + 1}列${name ? `（${name}）` : ''}`;
}

/** The facts typed cells receive, and the figures grey cells must match (landing texts are cleaned). */
function writesOf(ctx: PasteContext, landings: readonly Landing[], errors: string[]): { writes: FactInput[]; checks: Check[] } {
  const writes: FactInput[] = [];
  const checks: Check[] = [];
  for (const landing of landings) {
    const { cell, text: t } = landing;
    if (cell.grid) {
      const result = writesForText(cell.grid, isEmpty(t) ? '' : t, ctx.unit);
      if (!result.ok) errors.push(`${describe(landing)}：${result.message}`);
      else if (result.writes.length === 1) writes.push(result.writes[0]!);
      else writes.push(...result.writes);
      continue;
    }
    if (isEmpty(t)) continue;
    if (cell.kind === 'na') {
      errors.push(`${describe(landing)}：此栏不适用（——），不能填数`);
      continue;
    }
    if (cell.kind === 'derived') {
      const parsed = parseCellText(t, DERIVED_SPEC, ctx.unit);
      if (!parsed.ok) {
        errors.push(`第${landing.blockRow + 1}行第${landing.blockCol + 1}列：${parsed.message}`);
        continue;
      }
      checks.push({ blockRow: landing.blockRow, blockCol: landing.blockCol, row: landing.row, cell, units: toPrintedUnits(parsed.value ?? 0) });
      continue;
    }
    errors.push(`第${landing.blockRow + 1}行第${landing.blockCol + 1}列的“${t}”落在表中的文字栏上，粘贴的区域与表格没有对齐`);
  }
  // The same fact twice (a row pasted twice) is refused rather than resolved silently.
  const keys = new Set<string>();
  for (const w of writes) {
    const key = factRefKey(w.ref);
    if (keys.has(key)) errors.push('同一个单元格在粘贴内容中出现了两次');
    keys.add(key);
  }
  return { writes, checks };
}

/** A printed figure on a grey cell: any amount, negative included. */
const DERIVED_SPEC = { valueType: 'money', optional: false, allowNegative: true } as const;

/** Grey figures of the block against the table derived with the paste applied (`plan.writes` holds no fact twice). */
function verify(ctx: PasteContext, plan: PastePlan, checks: readonly Check[]): void {
  if (checks.length === 0) return;
  const missingCodes = plan.missing.map((m) => m.code);
  const customCodes: CustomCode[] = plan.missing.filter((m) => m.custom).map((m) => ({ catalogue: 'functional', code: m.code, name: m.name }));
  const { report, table: after } = ctx.deriveWith(plan.writes, missingCodes, customCodes);
  let leaves = 0;
  for (const w of plan.writes) if (w.value !== null && w.value !== 0) leaves++;
  const tolerance = leafEnvelopeUnits(Math.max(1, leaves));
  for (const check of checks) {
    const cell = findCell(after, check.row.key, check.cell.colKey);
    const derived = cell?.value === undefined ? 0 : cell.valueType === 'count' ? cell.value : toPrintedUnits(cell.value);
    const allowed = cell?.valueType === 'count' ? 0 : tolerance;
    if (Math.abs(derived - check.units) > allowed) {
      const shown = (units: number) => (units / 100).toFixed(2);
      plan.errors.push(
        `第${check.blockRow + 1}行第${check.blockCol + 1}列落在自动计算的“${rowLabel(check.row, check.cell)}”上，粘贴的 ${shown(check.units)} 与按粘贴后的明细计算的 ${shown(derived)} 不符——粘贴的区域可能与表格错行`,
      );
    }
  }
  if (plan.errors.length === 0) plan.applied = report;
}
