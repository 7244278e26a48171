/**
 * The printed table's body in chunks of rows, each its own <table> (same columns, no gaps, one
 * rule between them) inside a box with `content-visibility: auto`: Chromium skips the style,
 * layout and paint of the chunks far from the viewport, so a paste that changes 600 rows lays
 * out only the rows on screen. (`content-visibility` has no effect on table rows or row groups,
 * hence one table per chunk.) Every row stays in the DOM: `td[data-cell-id]` lookups, focus,
 * scrollIntoView and find reach rows scrolled out of view, and the browser renders a chunk the
 * moment one of them is focused or scrolled to.
 *
 * React work follows a narrower split: a chunk that is not on screen takes new rows as a deferred
 * value (useDeferredValue), so an edit renders and lays out only the rows in the viewport first,
 * the screen is painted, and the rows out of view follow in the background render right after.
 *
 * A skipped chunk clips what overflows it, so the chunk of the active cell (its hint above, the
 * 财政拨款收入 parts editor and refusals below) and chunks with a cell message shown are rendered
 * in full (`open`).
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ColumnDef, DerivedTable, Row } from '../../../shared/domain/tables/types';
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

/**
 * The chunks intersecting the viewport, from an IntersectionObserver on the chunk boxes (null until
 * it first reports: every chunk counts as on screen). Narrower than "not skipped by
 * content-visibility", whose margin keeps a few chunks around the screen rendered.
 */
function useChunksOnScreen(chunks: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [onScreen, setOnScreen] = useState<ReadonlySet<number> | null>(null);
  useEffect(() => {
    const body = ref.current;
    if (!body) return;
    const seen = new Map<number, boolean>();
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        if (entry.target instanceof HTMLElement) seen.set(Number(entry.target.dataset.chunk), entry.isIntersecting);
      }
      const next = new Set([...seen].filter(([, visible]) => visible).map(([k]) => k));
      setOnScreen((s) => (s && s.size === next.size && [...next].every((k) => s.has(k)) ? s : next));
    });
    for (const el of body.querySelectorAll('[data-chunk]')) observer.observe(el);
    return () => observer.disconnect();
  }, [chunks]);
  return { ref, onScreen };
}

export function RowChunks({ table, grid, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: RowChunksProps) {
  const rows = table.rows.length;
  const chunks = Math.max(1, Math.ceil(rows / CHUNK_ROWS));
  const { ref, onScreen } = useChunksOnScreen(chunks);
  const open = chunksWithMessages(grid, rows, errors);
  const activeChunk = activeRow >= 0 && activeRow < rows ? Math.floor(activeRow / CHUNK_ROWS) : -1;
  // One object per chunk and derivation: a render for anything else (the cursor moving) gives the
  // chunks out of view nothing new to defer.
  const parts = useMemo(
    () =>
      Array.from({ length: chunks }, (_, k): ChunkRows => {
        const first = k * CHUNK_ROWS;
        return { first, rows: table.rows.slice(first, first + CHUNK_ROWS), grid, columns: table.columns };
      }),
    [table, grid, chunks],
  );
  return (
    <div className="sheet-body" ref={ref}>
      {parts.map((part, k) => {
        const isOpen = k === activeChunk || open.has(k);
        return (
          <RowChunk
            key={k}
            index={k}
            open={isOpen}
            live={isOpen || !onScreen || onScreen.has(k)}
            table={table}
            rows={part}
            gutter={gutter}
            activeRow={k === activeChunk ? activeRow : -1}
            activeCol={k === activeChunk ? activeCol : -1}
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

/** A chunk's rows, the grid they index into and the columns (deferred together). */
interface ChunkRows {
  first: number;
  rows: readonly Row[];
  grid: Grid;
  columns: ColumnDef[];
}

interface RowChunkProps extends Omit<RowChunksProps, 'grid'> {
  index: number;
  /** Rendered in full (content-visibility: visible). */
  open: boolean;
  /** On screen (or open): takes new rows at once, else as a deferred value. */
  live: boolean;
  rows: ChunkRows;
}

function RowChunk({ index, open, live, table, rows: current, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: RowChunkProps) {
  const deferred = useDeferredValue(current);
  const shown = live ? current : deferred;
  const header = index === 0 ? table : null;
  const render = () => (
    <ChunkTable shown={shown} header={header} gutter={gutter} activeRow={activeRow} activeCol={activeCol} highlighted={highlighted} errors={errors} onDelete={onDelete} prior={prior} />
  );
  // The same element while nothing it shows changed: React skips the chunk's rows altogether (a
  // chunk out of view, in the render that shows an edit, still has its previous rows). Not the
  // chunk of the active cell: its row follows the editor on every render.
  const memoised = useMemo(() => (activeRow >= 0 ? null : render()), [shown, header, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior]);
  const headerRows = header ? header.header.length : 0;
  return (
    <div
      data-chunk={index}
      className={`row-chunk${open ? ' open' : ''}`}
      style={{ containIntrinsicBlockSize: `auto ${(shown.rows.length + headerRows) * ROW_HEIGHT_PX}px` }}
    >
      {memoised ?? render()}
    </div>
  );
}

interface ChunkTableProps extends Pick<RowChunkProps, 'gutter' | 'activeRow' | 'activeCol' | 'highlighted' | 'errors' | 'onDelete' | 'prior'> {
  shown: ChunkRows;
  /** The table whose header the chunk prints (the first chunk). */
  header: DerivedTable | null;
}

function ChunkTable({ shown, header, gutter, activeRow, activeCol, highlighted, errors, onDelete, prior }: ChunkTableProps) {
  const { first, rows, grid, columns } = shown;
  return (
    <table className="sheet-table">
      <ColGroup columns={columns} gutter={gutter} />
      {header ? <HeaderRows table={header} gutter={gutter} /> : null}
      <tbody>
        {rows.map((row, i) => {
          const r = first + i;
          return (
            <BodyRow
              key={row.key}
              row={row}
              rowIndex={r}
              columns={columns}
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
  );
}
