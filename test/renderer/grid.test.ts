import { describe, expect, it } from 'vitest';
import type { Grid, GridCell } from '../../renderer/features/tables/grid';
import { firstEditable, move, tabFrom } from '../../renderer/features/tables/grid';

const c: GridCell = { kind: 'input', ref: { kind: 'equipment' }, valueType: 'count', value: 0, label: 'x' };
// . c c
// . . .
// c . c
const grid: Grid = [
  [null, c, c],
  [null, null, null],
  [c, null, c],
];

describe('grid movement', () => {
  it('finds the first editable cell', () => {
    expect(firstEditable(grid)).toEqual({ row: 0, col: 1 });
    expect(firstEditable([[null]])).toBeNull();
  });

  it('arrows jump over cells that cannot be edited and stop at the edge', () => {
    expect(move(grid, { row: 0, col: 2 }, 'down')).toEqual({ row: 2, col: 2 });
    expect(move(grid, { row: 0, col: 1 }, 'down')).toEqual({ row: 0, col: 1 });
    expect(move(grid, { row: 2, col: 0 }, 'right')).toEqual({ row: 2, col: 2 });
    expect(move(grid, { row: 0, col: 1 }, 'left')).toEqual({ row: 0, col: 1 });
    expect(move(grid, { row: 2, col: 2 }, 'up')).toEqual({ row: 0, col: 2 });
  });

  it('Tab goes through editable cells in reading order, Shift+Tab back', () => {
    expect(tabFrom(grid, { row: 0, col: 2 }, false)).toEqual({ row: 2, col: 0 });
    expect(tabFrom(grid, { row: 2, col: 0 }, true)).toEqual({ row: 0, col: 2 });
    expect(tabFrom(grid, { row: 2, col: 2 }, false)).toEqual({ row: 2, col: 2 });
  });
});
