/**
 * A worksheet as the table importer sees it: a grid of cells, 1-based as Excel numbers them,
 * with merged areas resolved. Built by the backend from an .xlsx (exceljs) or by a test; the
 * importer itself never touches a file format.
 */

export interface GridCell {
  /** The cell's text as shown (a number cell: its value as a plain decimal). */
  text: string;
  /** The value when the cell holds a number (not a text that looks like one). */
  number?: number;
  /** A formula whose result is not stored in the file (never calculated): its value is unknown. */
  uncalculated?: boolean;
  /** Inside a merged area but not its top-left cell: `text` is the merged area's text. */
  covered?: boolean;
}

export interface SheetGrid {
  name: string;
  /** The last row and column that hold anything. */
  rowCount: number;
  columnCount: number;
  /** A cell, or undefined when it is empty. */
  cell(row: number, col: number): GridCell | undefined;
}

/** Column letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let n = col;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** `E7`. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** A grid from rows of plain values (tests, CSV-like input); null and '' are empty cells. */
export function gridFromRows(name: string, rows: readonly (readonly (string | number | null)[])[]): SheetGrid {
  const cells = rows.map((row) =>
    row.map((v): GridCell | undefined => {
      if (v === null || v === '') return undefined;
      return typeof v === 'number' ? { text: String(v), number: v } : { text: v };
    }),
  );
  return {
    name,
    rowCount: cells.length,
    columnCount: Math.max(0, ...cells.map((r) => r.length)),
    cell: (row, col) => cells[row - 1]?.[col - 1],
  };
}
