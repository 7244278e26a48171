/**
 * An .xlsx workbook as the grids the table importer reads (shared/domain/tableImport/grid.ts):
 * every worksheet's cells with their shown text, numbers as numbers, formulas by their stored
 * result, and merged areas resolved (the covered cells carry the merged text, marked covered).
 */
import type ExcelJS from 'exceljs';
import type { GridCell, SheetGrid } from '../../../shared/domain/templates/shanxi/tableImport';
import { excelCellText } from './workbookFile';

function gridCell(value: ExcelJS.CellValue): GridCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const result: unknown = 'result' in value ? value.result : undefined;
    if (result === undefined || result === null) return { text: '', uncalculated: true };
    if (typeof result === 'number') return { text: String(result), number: result };
  }
  const text = excelCellText(value);
  return text === '' ? undefined : { text };
}

/** One worksheet as a grid. */
export function worksheetGrid(ws: ExcelJS.Worksheet): SheetGrid {
  const rows: (GridCell | undefined)[][] = [];
  let columnCount = 0;
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: (GridCell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const master = cell.isMerged ? cell.master : cell;
      if (master !== cell) {
        const shown = gridCell(master.value);
        cells[c - 1] = { text: shown?.text ?? '', covered: true };
      } else cells[c - 1] = gridCell(cell.value);
      columnCount = Math.max(columnCount, c);
    });
    rows[r - 1] = cells;
  });
  return {
    name: ws.name,
    rowCount: rows.length,
    columnCount,
    cell: (row, col) => rows[row - 1]?.[col - 1],
  };
}

export function workbookGrids(workbook: ExcelJS.Workbook): SheetGrid[] {
  return workbook.worksheets.filter((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden').map(worksheetGrid);
}
