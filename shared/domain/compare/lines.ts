/**
 * A derived table read as comparable lines, knowing nothing of its layout: each value cell's id
 * (`03.2011301.basic`, `01.L32.amount`, `09.actual.reception`) names its line (the id without its
 * last part: `03.2011301`) and its column (the last part: `basic`); the line's code, name and 行次
 * are the code, label and line-number cells printed to the left of its first value cell in the
 * same printed row (tables 01, 04 and 06 print two or four lines side by side). Templates
 * (issue 14) may change the layouts; as long as cells carry ids, this reading stays.
 */
import type { Cell, CellId, DerivedTable, ValueType } from '../tables/types';

export interface LineFigure {
  /** The last part of the cell id: the same column in either year. */
  column: string;
  /** The column's printed name (`本年支出合计`, `预算数合计`). */
  columnName: string;
  cell: CellId;
  /** 分 for money, a number for counts. */
  value: number;
  valueType: ValueType;
}

export interface TableLine {
  /** The cell id without its column: `03.2011301`, `01.L32`. */
  key: string;
  /** The middle part of the key (`2011301`, `L32`, `actual`). */
  rowKey: string;
  code?: string;
  name: string;
  lineNo?: string;
  figures: LineFigure[];
}

function isValueCell(cell: Cell): cell is Cell & { id: CellId } {
  return cell.id !== undefined && (cell.kind === 'input' || cell.kind === 'derived');
}

/** The longest common prefix of names (a line with no label of its own: `预算数合计`, `预算数因公出国（境）费` → `预算数`). */
function commonPrefix(names: readonly string[]): string {
  if (names.length === 0) return '';
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

const cache = new WeakMap<DerivedTable, TableLine[]>();

/** The lines of a table in printed order (left to right, top to bottom), each with its value cells. */
export function tableLines(table: DerivedTable): TableLine[] {
  const hit = cache.get(table);
  if (hit) return hit;
  const lines = new Map<string, TableLine>();
  const columns = table.columns;
  let line: TableLine | null = null;
  for (const row of table.rows) {
    // The code, name and 行次 printed before a line's first value cell; a label after a value starts the next line.
    let code: string | undefined;
    let label: string | undefined;
    let lineNo: string | undefined;
    let closed = false;
    const cells = row.cells;
    for (let col = 0; col < cells.length; col++) {
      const cell = cells[col]!;
      const kind = cell.kind;
      if (kind === 'code' || kind === 'label' || kind === 'lineNo') {
        if (closed) {
          code = label = lineNo = undefined;
          closed = false;
        }
        const text = cell.text.trim();
        if (text === '') continue;
        if (kind === 'code') code = text;
        else if (kind === 'label') label = text;
        else lineNo = text;
        continue;
      }
      if (!isValueCell(cell)) continue;
      closed = true;
      const id = cell.id;
      // Cells of one line follow each other: reuse the line while the id starts with its key.
      if (line === null || !(id.length > line.key.length && id.charCodeAt(line.key.length) === 46 && id.startsWith(line.key))) {
        const key = id.slice(0, id.lastIndexOf('.'));
        line = lines.get(key) ?? null;
        if (line === null) {
          line = { key, rowKey: key.slice(key.indexOf('.') + 1), name: label ?? '', figures: [] };
          if (code !== undefined) line.code = code;
          if (lineNo !== undefined) line.lineNo = lineNo;
          lines.set(key, line);
        }
      }
      const column = id.slice(line.key.length + 1);
      line.figures.push({ column, columnName: columns[col]?.name ?? column, cell: id, value: cell.value ?? 0, valueType: cell.valueType ?? 'money' });
    }
  }
  const out = [...lines.values()];
  for (const l of out) if (l.name === '') l.name = commonPrefix(l.figures.map((f) => f.columnName)) || l.rowKey;
  cache.set(table, out);
  return out;
}
