/**
 * The indicator grids' columns (a GridSpec per kind of row), and a block of cells pasted from
 * Excel/WPS into a grid: text/plain as Excel puts it on the clipboard (tab-separated, rows by line
 * breaks, a cell with a line break or tab quoted with doubled quotes). The block fills the grid
 * from the cell pasted into, adding rows as needed; 分值/得分 must be scores, else nothing is pasted
 * and the message names the cell.
 */
import {
  emptyIndicator,
  emptyKeyIndicator,
  type Indicator,
  INDICATOR_FIELD_NAMES,
  KEY_INDICATOR_FIELD_NAMES,
  type KeyIndicator,
  formatPoints,
  parsePoints,
  PointsError,
} from '../../../shared/domain/selfEvaluation';

/** How a grid reads and writes one kind of row. */
export interface GridSpec<Row, Col extends string> {
  /** Every column, in the order the grid shows them and a pasted block fills them. */
  columns: readonly Col[];
  headers: Readonly<Record<Col, string>>;
  /** Columns holding a score (centred, parsed as points). */
  numeric: readonly Col[];
  /** What a row is called in an action label (`指标`). */
  noun: string;
  cellText(row: Row, col: Col): string;
  /** One cell's new value; throws PointsError for a bad score. */
  withCell(row: Row, col: Col, text: string): Row;
  /** A new row below `above` (continuing its 一级/二级). */
  emptyRow(above: Row | undefined): Row;
  /** The row's name in labels (its 三级指标), '' when it has none. */
  rowName(row: Row): string;
}

/** Parses Excel's text/plain clipboard into rows of cells. */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * A pasted block written into the grid from (row, col) — `col` an index into `columns`, the
 * columns shown — adding rows as needed. Columns not shown keep their values.
 */
export function applyPaste<Row, Col extends string>(
  spec: GridSpec<Row, Col>,
  columns: readonly Col[],
  rows: readonly Row[],
  row: number,
  col: number,
  block: string[][],
): { rows: Row[] } | { error: string } {
  const out = [...rows];
  for (let r = 0; r < block.length; r++) {
    const target = row + r;
    while (out.length <= target) out.push(spec.emptyRow(out[out.length - 1]));
    let next: Row = out[target]!;
    for (let c = 0; c < block[r]!.length; c++) {
      const column = columns[col + c];
      if (!column) break;
      try {
        next = spec.withCell(next, column, block[r]![c] ?? '');
      } catch (e) {
        if (e instanceof PointsError) return { error: `第${target + 1}行“${spec.headers[column]}”：${e.message}，未粘贴任何内容` };
        throw e;
      }
    }
    out[target] = next;
  }
  return { rows: out };
}

// --- 自评表 绩效指标 ---------------------------------------------------------------------------

export const FORM_COLUMNS = ['level1', 'level2', 'level3', 'targetInitial', 'target', 'actual', 'weight', 'score', 'deviation'] as const;
export type FormColumn = (typeof FORM_COLUMNS)[number];

export const FORM_INDICATOR_GRID: GridSpec<Indicator, FormColumn> = {
  columns: FORM_COLUMNS,
  headers: INDICATOR_FIELD_NAMES,
  numeric: ['weight', 'score'],
  noun: '指标',
  cellText(ind, col) {
    if (col === 'weight' || col === 'score') {
      const v = ind[col];
      return v === null ? '' : formatPoints(v);
    }
    return ind[col];
  },
  withCell(ind, col, text) {
    if (col === 'weight' || col === 'score') return { ...ind, [col]: parsePoints(text) };
    return { ...ind, [col]: text.trim() };
  },
  emptyRow: (above) => emptyIndicator(above?.level1 ?? '', above?.level2 ?? ''),
  rowName: (ind) => ind.level3,
};

// --- 重点评价报告 评价指标评分表 -----------------------------------------------------------------

export const KEY_COLUMNS = ['level1', 'level2', 'level3', 'weight', 'score', 'explanation', 'benchmark', 'criteria', 'source', 'result'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

export const KEY_INDICATOR_GRID: GridSpec<KeyIndicator, KeyColumn> = {
  columns: KEY_COLUMNS,
  headers: KEY_INDICATOR_FIELD_NAMES,
  numeric: ['weight', 'score'],
  noun: '评分表指标',
  cellText(ind, col) {
    if (col === 'weight') return formatPoints(ind.weight);
    if (col === 'score') return ind.score === null ? '' : formatPoints(ind.score);
    return ind[col];
  },
  withCell(ind, col, text) {
    // Every row of the 评分表 has a 分值 (blank is 0); 得分 may be blank (not scored yet).
    if (col === 'weight') return { ...ind, weight: parsePoints(text) ?? 0 };
    if (col === 'score') return { ...ind, score: parsePoints(text) };
    return { ...ind, [col]: text.trim() };
  },
  emptyRow: (above) => ({ ...emptyKeyIndicator(), level1: above?.level1 ?? '', level2: above?.level2 ?? '' }),
  rowName: (ind) => ind.level3,
};
