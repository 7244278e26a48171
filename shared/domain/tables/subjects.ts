/**
 * Tables listed by 支出功能分类 (02, 03, 05, 07, 08): a 合计 row, then each 类,
 * its 款 and its 项 in code order; only 项 with data appear; parents are sums of children.
 *
 * Deriving runs on every edit, and a large department has some 18,000 cells, so this is
 * written to allocate little: the column list is compiled once into a plan, and the strings
 * and arrays that depend only on the row and column keys (cell ids, `refs` lists, the FactRefs
 * of input cells) are kept between derivations and shared, frozen, by the cells that use them.
 */
import type { Catalogue } from '../catalogue';
import { compareCodes, getItemField, type FactRef, type ItemFacts, type ItemField } from '../model';
import { type BuildContext, codeCell, covered, derivedMoney, inputMoney, label } from './cells';
import { type Cell, type CellId, cellValue, type ColumnDef, type DerivedTable, type Row, type TableId } from './types';

export type SubjectColumn =
  | { key: string; name: string; kind: 'input'; field: ItemField }
  /** The sum of other columns of the same row (e.g. 本年支出合计). */
  | { key: string; name: string; kind: 'rowSum'; of: readonly string[]; formula: string }
  /** The sum of several facts that have no column here (e.g. 财政拨款收入 = three funds). */
  | { key: string; name: string; kind: 'factSum'; fields: readonly ItemField[]; formula: string };

const IMPLIED_FORMULA = '= 表03 同栏支出：本科目的收入全部来自这一项财政拨款，收支相等且无结转，由表02、表03得出（直接填写可改写）';

export const CODE_COLUMNS: ColumnDef[] = [
  { key: 'code', name: '科目代码', width: 10, align: 'left' },
  { key: 'name', name: '科目名称', width: 30, align: 'left' },
];

export function subjectColumnDefs(columns: readonly SubjectColumn[], width = 14): ColumnDef[] {
  return [
    ...CODE_COLUMNS,
    ...columns.map((c): ColumnDef => {
      const def: ColumnDef = { key: c.key, name: c.name, width, align: 'right' };
      if (c.kind === 'input') def.itemFields = [c.field];
      else if (c.kind === 'factSum') def.itemFields = c.fields;
      return def;
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Shared, immutable pieces kept between derivations. They depend only on codes and column keys,
// so a cache entry never goes stale; the caches are emptied if they ever grow unreasonably
// (a file with thousands of custom codes), which only costs rebuilding them.

const CACHE_LIMIT = 50_000;

/** Every FactRef of one 项, per field, shared (frozen) by the cells of all derivations. */
const itemFactCache = new Map<string, Map<ItemField, FactRef>>();

export function itemFact(code: string, field: ItemField): FactRef {
  let byField = itemFactCache.get(code);
  if (!byField) {
    if (itemFactCache.size >= CACHE_LIMIT) itemFactCache.clear();
    byField = new Map();
    itemFactCache.set(code, byField);
  }
  let ref = byField.get(field);
  if (!ref) {
    ref = Object.freeze({ kind: 'item' as const, code, field });
    byField.set(field, ref);
  }
  return ref;
}

/** The ids and reference lists of one row key in one table. */
interface RowShared {
  /** Cell id per value column: `${table}.${rowKey}.${columnKey}`. */
  ids: readonly CellId[];
  /** Leaf rows: the `refs` of each rowSum column (undefined for other columns). */
  sumRefs?: (readonly CellId[] | undefined)[];
  /** Leaf rows: the `sourceFacts` of each factSum column (undefined for other columns). */
  sumFacts?: (readonly FactRef[] | undefined)[];
  /** Parent rows: the child row keys `childRefs` was built from… */
  childKeys?: readonly string[];
  /** …and the `refs` of each column (the children's ids of that column). */
  childRefs?: readonly (readonly CellId[])[];
}

/** A compiled column list. */
interface Plan {
  columns: readonly SubjectColumn[];
  n: number;
  /** Value columns computed from the 项's facts (inputs and fact sums), in column order. */
  factColumns: number[];
  /** Row-sum columns, in column order, with the column indices of their parts (−1: no such column). */
  sumColumns: number[];
  sumParts: (number[] | undefined)[];
  /** The fields whose non-zero value puts a 项 in the table. */
  dataFields: ItemField[];
  /** Per table id: row key → shared ids and refs. */
  rows: Map<TableId, Map<string, RowShared>>;
}

const plans = new WeakMap<readonly SubjectColumn[], Plan>();

function planFor(columns: readonly SubjectColumn[]): Plan {
  let plan = plans.get(columns);
  if (plan) return plan;
  const indexOf = new Map<string, number>();
  columns.forEach((c, i) => indexOf.set(c.key, i));
  const factColumns: number[] = [];
  const sumColumns: number[] = [];
  const sumParts: (number[] | undefined)[] = [];
  const dataFields: ItemField[] = [];
  columns.forEach((c, i) => {
    if (c.kind === 'input') {
      factColumns.push(i);
      dataFields.push(c.field);
      sumParts.push(undefined);
    } else if (c.kind === 'factSum') {
      factColumns.push(i);
      dataFields.push(...c.fields);
      sumParts.push(undefined);
    } else {
      sumColumns.push(i);
      sumParts.push(c.of.map((k) => indexOf.get(k) ?? -1));
    }
  });
  plan = { columns, n: columns.length, factColumns, sumColumns, sumParts, dataFields, rows: new Map() };
  plans.set(columns, plan);
  return plan;
}

function cellId(table: TableId, rowKey: string, colKey: string): string {
  return `${table}.${rowKey}.${colKey}`;
}

function sharedRow(plan: Plan, table: TableId, rowKey: string): RowShared {
  let byKey = plan.rows.get(table);
  if (!byKey) {
    byKey = new Map();
    plan.rows.set(table, byKey);
  }
  let shared = byKey.get(rowKey);
  if (!shared) {
    if (byKey.size >= CACHE_LIMIT) byKey.clear();
    shared = { ids: Object.freeze(plan.columns.map((c) => cellId(table, rowKey, c.key))) };
    byKey.set(rowKey, shared);
  }
  return shared;
}

/** The `refs` of a leaf's rowSum columns: its own ids of the summed columns. */
function leafSumRefs(plan: Plan, table: TableId, rowKey: string, shared: RowShared): (readonly CellId[] | undefined)[] {
  if (shared.sumRefs) return shared.sumRefs;
  const refs = plan.columns.map((c) => (c.kind === 'rowSum' ? Object.freeze(c.of.map((k) => cellId(table, rowKey, k))) : undefined));
  shared.sumRefs = refs;
  return refs;
}

/** The `sourceFacts` of a leaf's factSum columns: the summed facts of its 项. */
function leafSumFacts(plan: Plan, code: string, shared: RowShared): (readonly FactRef[] | undefined)[] {
  if (shared.sumFacts) return shared.sumFacts;
  const facts = plan.columns.map((c) => (c.kind === 'factSum' ? Object.freeze(c.fields.map((f) => itemFact(code, f))) : undefined));
  shared.sumFacts = facts;
  return facts;
}

/** The `refs` of a parent's columns: the children's ids, reused while the children are the same. */
function parentRefs(plan: Plan, shared: RowShared, children: readonly Built[]): readonly (readonly CellId[])[] {
  const cached = shared.childKeys;
  if (cached && cached.length === children.length) {
    let same = true;
    for (let k = 0; k < children.length; k++) {
      if (cached[k] !== children[k]!.row.key) {
        same = false;
        break;
      }
    }
    if (same) return shared.childRefs!;
  }
  const refs: (readonly CellId[])[] = [];
  for (let i = 0; i < plan.n; i++) {
    const list = new Array<CellId>(children.length);
    for (let k = 0; k < children.length; k++) list[k] = children[k]!.ids[i]!;
    refs.push(Object.freeze(list));
  }
  shared.childKeys = Object.freeze(children.map((c) => c.row.key));
  shared.childRefs = Object.freeze(refs);
  return shared.childRefs;
}

// ---------------------------------------------------------------------------------------------
// Rows.

/** A built row with its values and ids by value column, for the sums of its parent. */
interface Built {
  row: Row;
  values: number[];
  ids: readonly CellId[];
}

function leafRow(ctx: BuildContext, plan: Plan, item: ItemFacts, name: string): Built {
  const { columns, n } = plan;
  const code = item.code;
  const shared = sharedRow(plan, ctx.table, code);
  const ids = shared.ids;
  const values = new Array<number>(n).fill(0);
  const cells = new Array<Cell>(n + 2);
  cells[0] = codeCell(code);
  cells[1] = label(name);
  // Inputs and fact sums first, then row sums that refer to them.
  for (const i of plan.factColumns) {
    const col = columns[i]!;
    if (col.kind === 'input') {
      const fen = getItemField(item, col.field);
      values[i] = fen;
      const cell = inputMoney(ctx, ids[i]!, fen, itemFact(code, col.field));
      if (ctx.implied?.has(code) && col.field.startsWith('fiscal.')) {
        cell.implied = true;
        cell.formula = IMPLIED_FORMULA;
      }
      cells[i + 2] = cell;
    } else if (col.kind === 'factSum') {
      let fen = 0;
      for (const field of col.fields) fen += getItemField(item, field);
      values[i] = fen;
      cells[i + 2] = derivedMoney(ctx, ids[i]!, fen, { formula: col.formula, facts: leafSumFacts(plan, code, shared)[i] as FactRef[] });
    }
  }
  if (plan.sumColumns.length > 0) {
    const sumRefs = leafSumRefs(plan, ctx.table, code, shared);
    for (const i of plan.sumColumns) {
      const col = columns[i]!;
      if (col.kind !== 'rowSum') continue;
      let fen = 0;
      for (const p of plan.sumParts[i]!) if (p >= 0) fen += values[p]!;
      values[i] = fen;
      cells[i + 2] = derivedMoney(ctx, ids[i]!, fen, { formula: col.formula, refs: sumRefs[i] as CellId[] });
    }
  }
  for (let i = 2; i < cells.length; i++) cells[i] ??= covered();
  return { row: { key: code, kind: 'item', level: 3, cells }, values, ids };
}

function parentRow(
  ctx: BuildContext,
  plan: Plan,
  rowKey: string,
  head: Cell[],
  children: readonly Built[],
  formula: string,
  shape: Pick<Row, 'kind' | 'level'>,
): Built {
  const n = plan.n;
  const shared = sharedRow(plan, ctx.table, rowKey);
  const ids = shared.ids;
  const refs = parentRefs(plan, shared, children);
  const values = new Array<number>(n).fill(0);
  for (const child of children) {
    const v = child.values;
    for (let i = 0; i < n; i++) values[i]! += v[i]!;
  }
  const cells = head;
  for (let i = 0; i < n; i++) cells.push(derivedMoney(ctx, ids[i]!, values[i]!, { formula, refs: refs[i] as CellId[] }));
  const row: Row = shape.level === undefined ? { key: rowKey, kind: shape.kind, cells } : { key: rowKey, kind: shape.kind, level: shape.level, cells };
  return { row, values, ids };
}

function nameOf(catalogue: Catalogue, code: string): string {
  return catalogue.functionalName(code) ?? '（目录中没有此科目）';
}

/** The 项 with data in the given fields, in code order (the report keeps them so; sorted if not). */
function itemsWithData(items: readonly ItemFacts[], fields: readonly ItemField[]): ItemFacts[] {
  const out: ItemFacts[] = [];
  for (const item of items) {
    for (const f of fields) {
      if (getItemField(item, f) !== 0) {
        out.push(item);
        break;
      }
    }
  }
  for (let k = 1; k < out.length; k++) {
    if (compareCodes(out[k - 1]!.code, out[k]!.code) > 0) return out.sort((a, b) => a.code.localeCompare(b.code));
  }
  return out;
}

export interface SubjectRows {
  rows: Row[];
  /** True when no 项 has data: the table prints only its 合计 row. */
  empty: boolean;
}

/** The 合计 row and the 类 rows of a subject table, by key, for tables 01 and 04 to read. */
const summaryRows = new WeakMap<Row[], Map<string, Row>>();

export function buildSubjectRows(
  ctx: BuildContext,
  items: readonly ItemFacts[],
  columns: readonly SubjectColumn[],
  catalogue: Catalogue,
): SubjectRows {
  const plan = planFor(columns);
  const withData = itemsWithData(items, plan.dataFields);

  const classes: Built[] = [];
  const body: Row[] = [];
  /** False when a 项 code is also a 类 or 款 code (two rows with one key): no row index then. */
  let distinctKeys = true;
  let i = 0;
  while (i < withData.length) {
    const classCode = withData[i]!.code.slice(0, 3);
    const classStart = body.length;
    body.push(undefined as unknown as Row); // the 类 row, once its 款 are built
    const sections: Built[] = [];
    while (i < withData.length && withData[i]!.code.startsWith(classCode)) {
      const sectionCode = withData[i]!.code.slice(0, 5);
      const sectionAt = body.length;
      body.push(undefined as unknown as Row);
      const leaves: Built[] = [];
      while (i < withData.length && withData[i]!.code.startsWith(sectionCode)) {
        const item = withData[i]!;
        if (item.code === sectionCode || item.code === classCode) distinctKeys = false;
        const leaf = leafRow(ctx, plan, item, nameOf(catalogue, item.code));
        leaves.push(leaf);
        body.push(leaf.row);
        i++;
      }
      const section = parentRow(
        ctx,
        plan,
        sectionCode,
        [codeCell(sectionCode), label(nameOf(catalogue, sectionCode))],
        leaves,
        `= ${sectionCode} 下各项之和`,
        { kind: 'class', level: 2 },
      );
      body[sectionAt] = section.row;
      sections.push(section);
    }
    const cls = parentRow(
      ctx,
      plan,
      classCode,
      [codeCell(classCode), label(nameOf(catalogue, classCode))],
      sections,
      `= ${classCode} 下各款之和`,
      { kind: 'class', level: 1 },
    );
    body[classStart] = cls.row;
    classes.push(cls);
  }
  const total = parentRow(ctx, plan, 'total', [label('合计', 2), covered()], classes, '= 各类之和', { kind: 'total' });
  const rows: Row[] = new Array<Row>(body.length + 1);
  rows[0] = total.row;
  for (let k = 0; k < body.length; k++) rows[k + 1] = body[k]!;
  if (distinctKeys) {
    const index = new Map<string, Row>();
    index.set('total', total.row);
    for (const c of classes) index.set(c.row.key, c.row);
    summaryRows.set(rows, index);
  }
  return { rows, empty: withData.length === 0 };
}

/**
 * The value of a 合计 or 类 cell of a subject table (`'total'` or `'201'`, column key), 0 when
 * the row is absent (no data). Reads the row directly instead of indexing every cell by id.
 */
export function subjectTotal(table: DerivedTable, rowKey: string, columnKey: string): number {
  const id = cellId(table.id, rowKey, columnKey);
  const index = summaryRows.get(table.rows);
  if (index) {
    const row = index.get(rowKey);
    // The index holds the 合计 row and every 类 row: another 类 has no row.
    if (!row) return rowKey === 'total' || rowKey.length === 3 ? 0 : cellValue(table, rowKey, columnKey);
    const col = table.columns.findIndex((c) => c.key === columnKey);
    const cell = col >= 0 ? row.cells[col] : undefined;
    if (cell && cell.id === id) return cell.value ?? 0;
  }
  // A table not laid out as built here: look the cell up by row and column (an absent row is 0).
  return cellValue(table, rowKey, columnKey);
}

/** The 栏次 row of a subject table: `栏次` over the two code columns, then 1, 2, 3 … */
export function lanciRow(valueColumns: number): { text: string; colSpan?: number }[] {
  return [{ text: '栏次', colSpan: 2 }, ...Array.from({ length: valueColumns }, (_, k) => ({ text: String(k + 1) }))];
}
