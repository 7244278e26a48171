/**
 * A table's header rows (HeaderCell, laid out like an HTML table with covered positions omitted)
 * placed on a grid: which column each header cell starts at and how far it spans. The Excel
 * exporter merges cells by it; the workbook importer reads each column's header path with it.
 */
import type { HeaderCell } from './types';

export interface PlacedHeaderCell {
  text: string;
  /** 0-based row within the header and 0-based column. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** Places header cells as an HTML table would: each cell takes the next free column of its row. */
export function placeHeader(header: readonly (readonly HeaderCell[])[], columns: number): PlacedHeaderCell[] {
  const taken = header.map(() => new Array<boolean>(columns).fill(false));
  const placed: PlacedHeaderCell[] = [];
  header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (c < columns && taken[r]![c]) c++;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      if (c + colSpan > columns || r + rowSpan > header.length) {
        throw new Error(`表头单元格“${cell.text}”超出表格范围（第${r + 1}行第${c + 1}列）`);
      }
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr]![c + dc] = true;
      placed.push({ text: cell.text, row: r, col: c, rowSpan, colSpan });
      c += colSpan;
    }
  });
  return placed;
}
