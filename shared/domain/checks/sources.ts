/**
 * Where a derived figure is typed: a grey cell of one table (公开04表's 类 lines, say) sums cells
 * of others, down to the input cells an officer fills in. A finding on grey cells names those
 * tables and cells, so the officer knows where to correct it.
 */
import { cellById, type CellId, type DerivedTables, type TableId, tableIn } from '../tables/types';
import { tableOf } from './printed';

export interface InputPlace {
  table: TableId;
  /** The input cells (at most `limit` per table) that feed the finding's grey cells. */
  cells: CellId[];
}

/**
 * The input cells behind some cells, grouped by table in table order. Input cells among `cells`
 * count as their own place; a derived cell of facts without cells of their own (表02 财政拨款收入)
 * is itself the place where they are typed.
 */
export function inputPlaces(tables: DerivedTables, cells: readonly CellId[], limit = 50): InputPlace[] {
  const byTable = new Map<TableId, Set<CellId>>();
  const seen = new Set<CellId>();
  const stack = [...cells];
  let visits = 0;
  while (stack.length > 0 && visits < 20_000) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    visits++;
    let table: TableId;
    try {
      table = tableOf(id);
    } catch {
      continue;
    }
    const cell = cellById(tableIn(tables, table), id);
    if (!cell) continue;
    const isPlace = (cell.kind === 'input' && cell.fact) || (cell.kind === 'derived' && cell.fact) || (cell.kind === 'derived' && !cell.refs?.length && cell.sourceFacts?.length);
    if (isPlace) {
      let set = byTable.get(table);
      if (!set) byTable.set(table, (set = new Set()));
      if (set.size < limit) set.add(id);
      continue;
    }
    for (const ref of cell.refs ?? []) stack.push(ref);
  }
  return [...byTable.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([table, set]) => ({ table, cells: [...set] }));
}
