/**
 * The printed table's body in chunks of rows, each its own <table> (same columns, no gaps, one
 * rule between them) inside a box with `content-visibility: auto`: Chromium skips the style,
 * layout and paint of the chunks far from the viewport, so a paste that changes 600 rows lays
 * out only the rows on screen. (`content-visibility` has no effect on table rows or row groups,
 * hence one table per chunk.) Every row stays in the DOM: `td[data-cell-id]` lookups, focus,
 * scrollIntoView and find reach rows scrolled out of view, and the browser renders a chunk the
 * moment one of them is focused or scrolled to.
 *
 * React work follows the same split: a chunk the browser skips takes new rows as a deferred
 * value (useDeferredValue), so an edit renders the rows near the viewport first, the screen is
 * painted, and the rows out of view follow in the background render right after.
 *
 * A skipped chunk clips what overflows it, so the chunk of the active cell (its hint above, the
 * 财政拨款收入 parts editor and refusals below) and chunks with a cell message shown are rendered
 * in full (`open`).
 */
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { DerivedTable, Row } from '../../../shared/domain/tables/types';
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

/** The chunks Chromium currently skips (content-visibility: auto), from its state-change events. */
function useSkippedChunks() {
  const ref = useRef<HTMLDivElement>(null);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(NONE);
  useEffect(() => {
    const body = ref.current;
    if (!body) return;
    const onChange = (e: Event) => {
      if (!('skipped' in e) || typeof e.skipped !== 'boolean' || !(e.target instanceof HTMLElement)) return;
      const k = Number(e.target.dataset.chunk);
      const isSkipped = e.skipped;
      setSkipped((s) => {
        if (Number.isNaN(k) || s.has(k) === isSkipped) return s;
        const next = new Set(s);
        if (isSkipped) next.add(k);
        else next.delete(k);
        return next;
      });
    };
    body.addEventListener('contentvisibilityautostatechange', onChange);
    return () => body.removeEventListener('contentvisibilityautostatechange', onChange);
  }, []);
  return { ref, skipped };
}

export function RowChunks({ table, grid, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: RowChunksProps) {
  const rows = table.rows.length;
  const { ref, skipped } = useSkippedChunks();
  const open = chunksWithMessages(grid, rows, errors);
  const activeChunk = activeRow >= 0 && activeRow < rows ? Math.floor(activeRow / CHUNK_ROWS) : -1;
  const chunks = Math.max(1, Math.ceil(rows / CHUNK_ROWS));
  return (
    <div className="sheet-body" ref={ref}>
      {Array.from({ length: chunks }, (_, k) => {
        const first = k * CHUNK_ROWS;
        const isOpen = k === activeChunk || open.has(k);
        return (
          <RowChunk
            key={k}
            index={k}
            open={isOpen}
            live={isOpen || !skipped.has(k)}
            table={table}
            rows={{ first, rows: table.rows.slice(first, first + CHUNK_ROWS), grid }}
            gutter={gutter}
            activeRow={activeRow}
            activeCol={activeCol}
            highlighted={highlighted}
            errors={errors}
            onDelete={onDelete}
            prior={prior}
          />
        );
      })}
    </div>
  );
}

/** A chunk's rows and the grid they index into (deferred together). */
interface ChunkRows {
  first: number;
  rows: readonly Row[];
  grid: Grid;
}

interface RowChunkProps extends Omit<RowChunksProps, 'grid'> {
  index: number;
  /** Rendered in full (content-visibility: visible). */
  open: boolean;
  /** Near the viewport (or open): takes new rows at once, else as a deferred value. */
  live: boolean;
  rows: ChunkRows;
}

function RowChunk({ index, open, live, table, rows: current, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: RowChunkProps) {
  const deferred = useDeferredValue(current);
  const { first, rows, grid } = live ? current : deferred;
  const headerRows = index === 0 ? table.header.length : 0;
  return (
    <div
      data-chunk={index}
      className={`row-chunk${open ? ' open' : ''}`}
      style={{ containIntrinsicBlockSize: `auto ${(rows.length + headerRows) * ROW_HEIGHT_PX}px` }}
    >
      <table className="sheet-table">
        <ColGroup columns={table.columns} gutter={gutter} />
        {index === 0 ? <HeaderRows table={table} gutter={gutter} /> : null}
        <tbody>
          {rows.map((row, i) => {
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
}
