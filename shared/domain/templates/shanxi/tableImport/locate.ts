/**
 * Finding the ten tables in a workbook: a block starts at a cell holding a table's title
 * (收入决算表, optionally after the department name or year) or its code (公开02表), anywhere on
 * any sheet, and runs to the next block or the end of the sheet. A sheet named after a table
 * with neither inside starts a block at its first row.
 */
import type { ShanxiTableId } from '../../../tables';
import type { SheetGrid } from './grid';
import { normaliseText, type TableLayout, titleIndex } from './layout';

export interface Block {
  table: ShanxiTableId;
  sheet: SheetGrid;
  /** The row of the title (or code) cell; 0 when the sheet's name is the only marker. */
  titleRow: number;
  /** The block's last row. */
  lastRow: number;
}

interface Marker {
  table: ShanxiTableId;
  row: number;
  kind: 'title' | 'code';
}

const CODE_MARK = /^公开(\d{2})表$/u;
/** A title may follow the department name or the year, never an ordinal (目录 lines: 二、收入决算表). */
const TITLE_PREFIX = /^[^、.．]{0,40}$/u;

function markerOf(text: string, titles: readonly { title: string; id: ShanxiTableId }[], ids: ReadonlySet<string>): Omit<Marker, 'row'> | null {
  const t = normaliseText(text);
  if (t === '') return null;
  const code = CODE_MARK.exec(t)?.[1];
  if (code && ids.has(code)) return { table: code as ShanxiTableId, kind: 'code' };
  for (const { title, id } of titles) {
    if (t === title) return { table: id, kind: 'title' };
    if (t.endsWith(title) && TITLE_PREFIX.test(t.slice(0, -title.length))) return { table: id, kind: 'title' };
  }
  return null;
}

function sheetMarkers(sheet: SheetGrid, titles: readonly { title: string; id: ShanxiTableId }[], ids: ReadonlySet<string>): Marker[] {
  const markers: Marker[] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = sheet.cell(r, c);
      // Every title and code ends in 表 (a cheap test before normalising the text).
      if (!cell || cell.covered || cell.number !== undefined || !cell.text.includes('表')) continue;
      const m = markerOf(cell.text, titles, ids);
      if (m) {
        markers.push({ ...m, row: r });
        break;
      }
    }
  }
  // A code printed next to its title (公开02表 just below or above 收入决算表) is the same block.
  return markers.filter((m, k) => {
    if (m.kind !== 'code') return true;
    const near = markers.some((o, j) => j !== k && o.kind === 'title' && o.table === m.table && Math.abs(o.row - m.row) <= 3);
    return !near;
  });
}

/** Every table block of the workbook, in sheet and row order. */
export function locateBlocks(sheets: readonly SheetGrid[], layouts: Record<ShanxiTableId, TableLayout>): Block[] {
  const titles = titleIndex(layouts);
  const ids = new Set<string>(Object.keys(layouts));
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    const markers = sheetMarkers(sheet, titles, ids);
    if (markers.length === 0) {
      const named = markerOf(sheet.name, titles, ids);
      if (named) blocks.push({ table: named.table, sheet, titleRow: 0, lastRow: sheet.rowCount });
      continue;
    }
    markers.forEach((m, k) => {
      const next = markers[k + 1];
      blocks.push({ table: m.table, sheet, titleRow: m.row, lastRow: next ? next.row - 1 : sheet.rowCount });
    });
  }
  return blocks;
}
