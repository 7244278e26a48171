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

interface Segment {
  code?: string;
  label?: string;
  lineNo?: string;
  /** A value cell has been seen since the labels: the next label starts a new segment. */
  closed: boolean;
}

function isValueCell(cell: Cell): cell is Cell & { id: CellId } {
  return cell.id !== undefined && (cell.kind === 'input' || cell.kind === 'derived');
}

function splitId(id: CellId): { line: string; column: string } {
  const cut = id.lastIndexOf('.');
  return { line: id.slice(0, cut), column: id.slice(cut + 1) };
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
  for (const row of table.rows) {
    let segment: Segment = { closed: false };
    row.cells.forEach((cell, col) => {
      if (cell.kind === 'code' || cell.kind === 'label' || cell.kind === 'lineNo') {
        if (segment.closed) segment = { closed: false };
        const text = cell.text.trim();
        if (cell.kind === 'code' && text !== '') segment.code = text;
        else if (cell.kind === 'label' && text !== '') segment.label = text;
        else if (cell.kind === 'lineNo' && text !== '') segment.lineNo = text;
        return;
      }
      if (!isValueCell(cell)) return;
      segment.closed = true;
      const { line: key, column } = splitId(cell.id);
      let line = lines.get(key);
      if (!line) {
        line = { key, rowKey: key.slice(key.indexOf('.') + 1), name: segment.label ?? '', figures: [] };
        if (segment.code !== undefined) line.code = segment.code;
        if (segment.lineNo !== undefined) line.lineNo = segment.lineNo;
        lines.set(key, line);
      }
      line.figures.push({ column, columnName: table.columns[col]?.name ?? column, cell: cell.id, value: cell.value ?? 0, valueType: cell.valueType ?? 'money' });
    });
  }
  const out = [...lines.values()];
  for (const line of out) if (line.name === '') line.name = commonPrefix(line.figures.map((f) => f.columnName)) || line.rowKey;
  cache.set(table, out);
  return out;
}
