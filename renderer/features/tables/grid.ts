/**
 * The editable positions of a table as a grid, and spreadsheet movement over them:
 * arrows go to the nearest editable cell in that direction, Tab/Shift+Tab go through the
 * editable cells in reading order, Enter goes down. Pure: the table editor builds the grid
 * from the derived table (plus the rows still waiting for data) and keeps the position.
 */
import type { FactRef } from '../../../shared/domain/model';

export type GridCell =
  /** A typed fact (also 机关运行经费 when overridden or about to be). */
  | { kind: 'input'; ref: FactRef; valueType: 'money' | 'count'; value: number; label: string }
  /** 表02 财政拨款收入 of a 项: three facts, edited in a small breakdown popover. */
  | { kind: 'breakdown'; refs: readonly FactRef[]; values: number[]; label: string };

export type Grid = readonly (readonly (GridCell | null)[])[];

export interface GridPos {
  row: number;
  col: number;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

export function cellAt(grid: Grid, pos: GridPos): GridCell | null {
  return grid[pos.row]?.[pos.col] ?? null;
}

export function firstEditable(grid: Grid): GridPos | null {
  for (let row = 0; row < grid.length; row++) {
    const cols = grid[row]!;
    for (let col = 0; col < cols.length; col++) if (cols[col]) return { row, col };
  }
  return null;
}

/** The nearest editable cell in a direction; the same position when there is none. */
export function move(grid: Grid, from: GridPos, direction: Direction): GridPos {
  if (direction === 'up' || direction === 'down') {
    const step = direction === 'down' ? 1 : -1;
    for (let row = from.row + step; row >= 0 && row < grid.length; row += step) {
      if (grid[row]?.[from.col]) return { row, col: from.col };
    }
    return from;
  }
  const step = direction === 'right' ? 1 : -1;
  const cols = grid[from.row] ?? [];
  for (let col = from.col + step; col >= 0 && col < cols.length; col += step) {
    if (cols[col]) return { row: from.row, col };
  }
  return from;
}

/** Tab order: the next (or previous) editable cell in reading order; the same at either end. */
export function tabFrom(grid: Grid, from: GridPos, backwards: boolean): GridPos {
  const step = backwards ? -1 : 1;
  let row = from.row;
  let col = from.col + step;
  while (row >= 0 && row < grid.length) {
    const cols = grid[row]!;
    while (col >= 0 && col < cols.length) {
      if (cols[col]) return { row, col };
      col += step;
    }
    row += step;
    col = backwards ? (grid[row]?.length ?? 0) - 1 : 0;
  }
  return from;
}

export interface PasteTarget {
  pos: GridPos;
  cell: GridCell;
  text: string;
  /** Row and column in the pasted block (0-based), for messages. */
  blockRow: number;
  blockCol: number;
}

/**
 * Where each value of a pasted block goes: block rows fill the editable rows from the focused
 * one downwards (in the focused column), block columns the editable cells to the right.
 * Values with nowhere to go are counted, not written.
 */
export function pasteTargets(grid: Grid, start: GridPos, block: readonly (readonly string[])[]): { targets: PasteTarget[]; dropped: number } {
  const targets: PasteTarget[] = [];
  let dropped = 0;
  let rowPos: GridPos | null = cellAt(grid, start) ? start : null;
  block.forEach((values, blockRow) => {
    if (!rowPos) {
      dropped += values.length;
      return;
    }
    let pos: GridPos | null = rowPos;
    values.forEach((text, blockCol) => {
      const cell = pos ? cellAt(grid, pos) : null;
      if (!pos || !cell) {
        dropped++;
        return;
      }
      targets.push({ pos, cell, text, blockRow, blockCol });
      const next = move(grid, pos, 'right');
      pos = next.col === pos.col ? null : next;
    });
    const nextRow = move(grid, rowPos, 'down');
    rowPos = nextRow.row === rowPos.row ? null : nextRow;
  });
  return { targets, dropped };
}
