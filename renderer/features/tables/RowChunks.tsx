/**
 * The printed table's body in chunks of rows, each its own <table> (same columns, no gaps, one
 * rule between them) inside a box with `content-visibility: auto`: Chromium skips the style,
 * layout and paint of the chunks far from the viewport, so a paste that changes 600 rows lays
 * out only the rows on screen. (`content-visibility` has no effect on table rows or row groups,
 * hence one table per chunk.) Every row stays in the DOM: `td[data-cell-id]` lookups, focus,
 * scrollIntoView and Ctrl+F reach rows scrolled out of view, and the browser renders a chunk the
 * moment one of them is focused or scrolled to.
 *
 * A skipped chunk clips what overflows it, so the chunk of the active cell (its hint above, the
 * 财政拨款收入 parts editor and refusals below) and chunks with a cell message shown are rendered
 * in full (`open`).
 */
import type { DerivedTable } from '../../../shared/domain/tables/types';
import type { PriorView } from '../compare/usePriorView';
import { BodyRow, errorOf } from './BodyRow';
import type { Grid } from './grid';
import { ColGroup, HeaderRows } from './TableFrame';

/** Rows per chunk: a screen shows about 30, so a handful of chunks are rendered at a time. */
export const CHUNK_ROWS = 24;
/** A printed row's height before the chunk was first rendered (then the browser remembers the real one). */
const ROW_HEIGHT_PX = 23;

export interface RowChunksProps {
  table: DerivedTable;
  grid: Grid;
  /** 科目 tables: the gutter column with the 删除 buttons. */
  gutter: boolean;
  activeRow: number;
  activeCol: number;
  highlighted: ReadonlySet<string>;
  errors: Readonly<Record<string, string>>;
  onDelete?: (code: string) => void;
  prior: PriorView | null;
}

const NONE: ReadonlySet<number> = new Set();

/** The chunks that show a cell message below a cell (the active cell's chunk is open anyway). */
function chunksWithMessages(grid: Grid, rows: number, errors: Readonly<Record<string, string>>): ReadonlySet<number> {
  if (Object.keys(errors).length === 0) return NONE;
  const open = new Set<number>();
  for (let r = 0; r < rows; r++) {
    if ((grid[r] ?? []).some((cell) => errorOf(cell, errors) !== undefined)) open.add(Math.floor(r / CHUNK_ROWS));
  }
  return open;
}

export function RowChunks({ table, grid, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: RowChunksProps) {
  const rows = table.rows.length;
  const open = chunksWithMessages(grid, rows, errors);
  const activeChunk = activeRow >= 0 && activeRow < rows ? Math.floor(activeRow / CHUNK_ROWS) : -1;
  const chunks = Math.max(1, Math.ceil(rows / CHUNK_ROWS));
  return (
    <div className="sheet-body">
      {Array.from({ length: chunks }, (_, k) => {
        const first = k * CHUNK_ROWS;
        const slice = table.rows.slice(first, first + CHUNK_ROWS);
        const headerRows = k === 0 ? table.header.length : 0;
        return (
          <div
            key={k}
            className={`row-chunk${k === activeChunk || open.has(k) ? ' open' : ''}`}
            style={{ containIntrinsicBlockSize: `auto ${(slice.length + headerRows) * ROW_HEIGHT_PX}px` }}
          >
            <table className="sheet-table">
              <ColGroup columns={table.columns} gutter={gutter} />
              {k === 0 ? <HeaderRows table={table} gutter={gutter} /> : null}
              <tbody>
                {slice.map((row, i) => {
                  const r = first + i;
                  return (
                    <BodyRow
                      key={row.key}
                      row={row}
                      rowIndex={r}
                      columns={table.columns}
                      gridRow={grid[r] ?? []}
                      activeCol={r === activeRow ? activeCol : -1}
                      highlighted={highlighted}
                      errors={errors}
                      onDelete={onDelete}
                      prior={prior}
                    />
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
