/**
 * Comparisons on PRINTED values: every money cell is rounded on its own to 0.01 万元
 * (`toPrintedUnits` of its stored 分), exactly as the published table shows it, and the
 * identities are checked on those printed figures, because that is what reviewers and the
 * public add up.
 *
 * ## The rounding envelope (尾数误差)
 *
 * Rounding a figure x to printed units (half away from zero) makes an error
 * e = printed(x) − x/10,000 分 with e ∈ (−0.5, +0.5] for x > 0, e ∈ [−0.5, +0.5) for x < 0 and
 * e = 0 for x = 0. Take an identity Σ c_j·x_j = 0 over m non-zero stored figures (c_j = ±1; a total on one
 * side, its parts on the other). Its printed difference D = Σ c_j·printed(x_j) is an integer
 * number of units and equals Σ c_j·e_j, so |D| < m/2; it could only reach m/2 if every c_j·e_j
 * sat on the closed end of its interval, which needs every c_j·x_j to have the same sign and
 * contradicts Σ c_j·x_j = 0. Hence, for a correct model,
 *
 *     |D| ≤ ⌈m/2⌉ − 1 units  (m = non-zero figures on both sides together).
 *
 * For a total and n non-zero parts (m = n + 1) this is ⌊n/2⌋ units, i.e. at most
 * 0.005 万元 × n, the envelope of SPEC §2. Blank (zero) cells are exact and do not widen it.
 * Examples: total vs 2 parts → 1 unit (seed 000 table 03 row 208: 239.70 vs 230.84 + 8.85);
 * two copies of a figure (m = 2) → 0 units: they must print the same.
 *
 * A comparison then yields:
 * - printed sides agree and stored 分 agree: nothing;
 * - stored 分 agree, |D| within the envelope: 提示 (尾数误差 — the printed rounding alone);
 * - stored 分 disagree, |D| within the envelope (including D = 0): 警告 at least. The typed data
 *   themselves differ, which printed rounding cannot explain; it is never called 尾数误差;
 * - beyond the envelope: the rule's severity.
 * Inequalities (a ≥ b) use the same envelope on the side that would violate them.
 * Count cells (vehicles, equipment) are not rounded: envelope 0.
 */
import { formatUnits, FEN_PER_PRINTED_UNIT, toPrintedUnits } from '../money';
import { cellById, type Cell, type CellId, type DerivedTable, type Row, type TableId, tableIdOfCell, tableIn } from '../tables/types';
import type { CheckContext, Finding, Severity } from './types';
import { tableShortName } from '../templates/tableSpecs';

/** The part of a Rule a finding needs. */
export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
}

/** `03.208.total` → `03`, `S5.total.basic` → `S5`. */
export function tableOf(id: CellId): TableId {
  const t = tableIdOfCell(id);
  if (!t) throw new Error(`不是表格单元格：${id}`);
  return t;
}

/** A table listed by 支出功能分类 (its first columns are 科目代码 and 科目名称): its cells are found by row and column. */
function isSubjectTable(table: DerivedTable): boolean {
  return table.columns[0]?.key === 'code' && table.columns[1]?.key === 'name';
}

/** Rows by key, built once per table (a few hundred entries even for a large department). */
const rowIndexCache = new WeakMap<DerivedTable, Map<string, Row>>();

export function rowIndex(table: DerivedTable): Map<string, Row> {
  let index = rowIndexCache.get(table);
  if (!index) {
    index = new Map();
    for (const row of table.rows) index.set(row.key, row);
    rowIndexCache.set(table, index);
  }
  return index;
}

const columnIndexCache = new WeakMap<DerivedTable, Map<string, number>>();

/** Column position by key (−1 when the table has no such column). */
export function columnPosition(table: DerivedTable, key: string): number {
  let index = columnIndexCache.get(table);
  if (!index) {
    index = new Map();
    table.columns.forEach((c, k) => index!.set(c.key, k));
    columnIndexCache.set(table, index);
  }
  return index.get(key) ?? -1;
}

/**
 * A cell by id. 科目 tables (ids `${table}.${row}.${column}`) are looked up by row and column, so
 * checking a large department never indexes their tens of thousands of cells; the small tables
 * use `cellById`.
 */
export function getCell(ctx: CheckContext, id: CellId): Cell | undefined {
  const tid = tableOf(id);
  const table = tableIn(ctx.tables, tid);
  if (!isSubjectTable(table)) return cellById(table, id);
  const last = id.lastIndexOf('.');
  const row = rowIndex(table).get(id.slice(tid.length + 1, last));
  if (!row) return undefined;
  const cell = row.cells[columnPosition(table, id.slice(last + 1))];
  return cell?.id === id ? cell : undefined;
}

/** Stored value of a cell: 分 for money, a count for counts; 0 for an absent row or blank cell. */
export function exactValue(ctx: CheckContext, id: CellId): number {
  return getCell(ctx, id)?.value ?? 0;
}

/** Printed value of a cell in units of 0.01 万元 (counts: the count itself). */
export function cellUnits(cell: Cell | undefined): number {
  if (!cell || cell.value === undefined) return 0;
  return cell.valueType === 'count' ? cell.value : toPrintedUnits(cell.value);
}

export function printedUnits(ctx: CheckContext, id: CellId): number {
  return cellUnits(getCell(ctx, id));
}

/** The envelope in printed units for m non-zero figures on both sides (see the file comment). */
export function envelopeUnits(nonZeroFigures: number): number {
  return Math.max(0, Math.ceil(nonZeroFigures / 2) - 1);
}

/**
 * The rounding envelope of two sums of n typed leaves in all: each leaf carries an independent
 * rounding error of at most half a unit, so the worst case grows like n/2 — but a worst case
 * over dozens of leaves would hide real typing errors of several hundred 元. The sum of n
 * independent errors uniform on ±½ unit has a standard deviation of √(n/12) units; three
 * standard deviations, never more than the worst case and never less than one unit, is the
 * envelope used.
 */
export function leafEnvelopeUnits(leaves: number): number {
  return Math.max(1, Math.min(envelopeUnits(leaves), Math.ceil(3 * Math.sqrt(leaves / 12))));
}

// ---------------------------------------------------------------------------------------------
// Describing cells in Chinese.

function rowByKey(table: DerivedTable, key: string): Row | undefined {
  return rowIndex(table).get(key);
}

/** A cell's description in two parts: the row (`208 社会保障和就业支出`) and the column (`本年支出合计`). */
export interface CellDescription {
  row: string;
  column: string;
}

/** Describes a cell: `第31行 总计`, `208 社会保障和就业支出` + `本年支出合计`, `30217 公务接待费`, `决算数 公务接待费`. */
export function describeCellParts(ctx: CheckContext, id: CellId): CellDescription {
  const tid = tableOf(id);
  const table = tableIn(ctx.tables, tid);
  const first = id.indexOf('.');
  const last = id.lastIndexOf('.');
  const rowKey = id.slice(first + 1, last);
  const colKey = id.slice(last + 1);
  if (isSubjectTable(table)) {
    const column = table.columns.find((c) => c.key === colKey)?.name ?? colKey;
    if (rowKey === 'total') return { row: '合计行', column };
    const row = rowByKey(table, rowKey);
    if (!row) return { row: `${rowKey}（表中无此行）`, column };
    return { row: `${rowKey} ${row.cells[1]?.text ?? ''}`, column };
  }
  // A small table: the cell in its row. `第N行` where the row prints 行次, the 科目 where it lists
  // codes, else the row's label; the column where the row's side has several value columns.
  const at = cellPlace(table, id);
  if (!at) return { row: id, column: '' };
  const { row, col } = at;
  let labelAt = -1;
  let lineNo: Cell | undefined;
  let code: Cell | undefined;
  for (let k = col - 1; k >= 0 && labelAt < 0; k--) {
    const c = row.cells[k]!;
    if (c.kind === 'label') labelAt = k;
    else if (c.kind === 'lineNo') lineNo ??= c;
    else if (c.kind === 'code') code ??= c;
  }
  if (labelAt >= 0) {
    const before = row.cells[labelAt - 1];
    if (before?.kind === 'code') code ??= before;
  }
  const label = labelAt >= 0 ? row.cells[labelAt]!.text : '';
  let values = 0;
  for (let k = labelAt + 1; k < row.cells.length && row.cells[k]!.kind !== 'label'; k++) if (row.cells[k]!.id !== undefined) values++;
  const columnName = table.columns[col]?.name ?? colKey;
  if (labelAt < 0) return { row: columnName.replace(/^(预算数|决算数)/u, '$1 '), column: '' };
  const column = values > 1 ? `${columnName}栏` : '';
  if (lineNo && lineNo.text !== '') return { row: `第${lineNo.text}行 ${label}`.trimEnd(), column };
  if (code) return { row: `${code.text} ${label}`, column };
  return { row: label, column };
}

const placeCache = new WeakMap<DerivedTable, Map<CellId, { row: Row; col: number }>>();

/** Where a cell of a small table is: its row and column position (indexed once per table). */
function cellPlace(table: DerivedTable, id: CellId): { row: Row; col: number } | undefined {
  let index = placeCache.get(table);
  if (!index) {
    index = new Map();
    for (const row of table.rows) row.cells.forEach((c, col) => c.id !== undefined && index!.set(c.id, { row, col }));
    placeCache.set(table, index);
  }
  return index.get(id);
}

export function describeCell(ctx: CheckContext, id: CellId): string {
  const d = describeCellParts(ctx, id);
  return d.column ? `${d.row} ${d.column}` : d.row;
}

/** Formats printed units (`2,384.38`) or a count. */
export function formatPrinted(units: number, count: boolean): string {
  return count ? String(units) : formatUnits(units, { grouping: true });
}

/** `0.01 万元` or `1`. */
export function formatDifference(units: number, count: boolean): string {
  return count ? String(Math.abs(units)) : `${formatUnits(Math.abs(units), { grouping: true })} 万元`;
}

/** `30.84 元`-style rendering of a stored 分 difference, for 提示 messages. */
export function formatFen(fen: number): string {
  const abs = Math.abs(fen);
  return `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

/**
 * Names cells in a message: the table prefix only when the table changes, and only the column
 * when the row is the one just named (`表03 208 社会保障和就业支出 本年支出合计 239.70 ≠ 基本支出 230.84 + 项目支出 8.85`).
 */
export class CellNamer {
  private lastTable: TableId | null = null;
  private lastRow: string | null = null;

  constructor(private readonly ctx: CheckContext) {}

  name(id: CellId): string {
    const tid = tableOf(id);
    const d = describeCellParts(this.ctx, id);
    const sameTable = tid === this.lastTable;
    const sameRow = sameTable && d.row === this.lastRow && d.column !== '';
    this.lastTable = tid;
    this.lastRow = d.row;
    if (sameRow) return d.column;
    const text = d.column ? `${d.row} ${d.column}` : d.row;
    return sameTable ? text : `${tableShortName(tid)} ${text}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Comparisons.

export interface Term {
  id: CellId;
  /** −1 for a subtracted term. */
  sign?: 1 | -1;
  /** The cell itself when the caller already holds it (saves the lookup by id). */
  cell?: Cell;
}

export type Relation = 'eq' | 'ge' | 'le';

export interface CompareOptions {
  /** `eq`: left = right; `ge`: left ≥ right; `le`: left ≤ right. Default `eq`. */
  relation?: Relation;
  /** Short name of a long side, printed instead of its terms (`第32至57行之和`). */
  leftLabel?: string;
  rightLabel?: string;
  /** Text put before the comparison, e.g. `一般公共预算财政拨款：`. */
  prefix?: string;
  /**
   * How many independently typed figures lie behind the two sides, when they are more than the
   * cells compared: two totals that each add up many typed leaves (table 05's 基本支出 and
   * table 06's two 合计) may differ by the leaves' rounding — when a user types 万元 figures
   * copied from printed tables — not just by the totals' own rounding. See leafEnvelopeUnits.
   */
  envelopeLeaves?: number;
}

interface Resolved {
  id: CellId;
  sign: 1 | -1;
  exact: number;
  units: number;
}

interface SideValue {
  terms: Resolved[];
  printed: number;
  exact: number;
  nonZero: number;
  count: boolean;
}

function evaluate(ctx: CheckContext, terms: readonly Term[]): SideValue {
  let printed = 0;
  let exact = 0;
  let nonZero = 0;
  let count = false;
  const resolved: Resolved[] = [];
  for (const t of terms) {
    const cell = t.cell ?? getCell(ctx, t.id);
    const value = cell?.value ?? 0;
    const sign = t.sign ?? 1;
    const units = cellUnits(cell);
    if (cell?.valueType === 'count') count = true;
    printed += sign * units;
    exact += sign * value;
    if (value !== 0) nonZero++;
    resolved.push({ id: t.id, sign, exact: value, units });
  }
  return { terms: resolved, printed, exact, nonZero, count };
}

const MAX_LISTED_TERMS = 6;

function renderSide(namer: CellNamer, side: SideValue, label?: string): string {
  const { terms } = side;
  const total = formatPrinted(side.printed, side.count);
  const first = terms[0]!;
  if (terms.length === 1 && first.sign === 1) return `${namer.name(first.id)} ${total}`;
  if (label && terms.length > 3) {
    // Still move the namer on to this side's table.
    namer.name(first.id);
    return `${label} ${total}`;
  }
  // Blank parts are left out of long sides; a side of two shows both (`年初 0.00 + 本年 12.00`).
  const shown = terms.length <= 2 ? terms : terms.filter((t) => t.exact !== 0);
  const list = shown.length > 0 ? shown : terms.slice(0, 1);
  if (list.length === 1 && list[0]!.sign === 1) return `${namer.name(list[0]!.id)} ${total}`;
  let text = '';
  list.slice(0, MAX_LISTED_TERMS).forEach((t, k) => {
    const op = k === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + ';
    text += `${op}${namer.name(t.id)} ${formatPrinted(t.units, side.count)}`;
  });
  if (list.length > MAX_LISTED_TERMS) text += ` 等 ${list.length} 项`;
  return `${text} = ${total}`;
}

const VIOLATION_SYMBOL: Record<Relation, string> = { eq: '≠', ge: '<', le: '>' };

/**
 * Compares two sides of printed figures. Returns [] when they satisfy the relation (both printed
 * and stored), a 提示 within the rounding envelope, and the rule's severity beyond it.
 */
export function compareTerms(
  ctx: CheckContext,
  meta: RuleMeta,
  left: readonly Term[],
  right: readonly Term[],
  options: CompareOptions = {},
): Finding[] {
  const relation = options.relation ?? 'eq';
  const l = evaluate(ctx, left);
  const r = evaluate(ctx, right);
  const count = l.count || r.count;
  const diff = l.printed - r.printed;
  const exact = l.exact - r.exact;
  // Amount by which the relation is violated (> 0 means violated), printed and stored.
  const violation = (d: number): number => (relation === 'eq' ? Math.abs(d) : relation === 'ge' ? -d : d);
  const printedViolation = violation(diff);
  const exactViolation = violation(exact);
  if (printedViolation <= 0 && exactViolation <= 0) return [];

  const envelope = count
    ? 0
    : Math.max(envelopeUnits(l.nonZero + r.nonZero), options.envelopeLeaves ? leafEnvelopeUnits(options.envelopeLeaves) : 0);
  const within = printedViolation <= envelope;
  // A difference of the typed data (stored 分) is not printed rounding: at least a 警告.
  const dataDiffer = exactViolation > 0;
  const severity: Severity = !within ? meta.severity : dataDiffer ? '警告' : '提示';

  const buildMessage = (): string => {
    const namer = new CellNamer(ctx);
    const leftText = renderSide(namer, l, options.leftLabel);
    const rightText = renderSide(namer, r, options.rightLabel);
    // Typing 万元 figures copied from printed tables rounds every leaf: say so where that applies.
    const leaves = options.envelopeLeaves ? '（各项若照印出的万元数录入，可能是录入数的尾数）' : '';
    if (printedViolation <= 0) {
      // Printed figures agree (or satisfy the inequality); only the stored 分 do not.
      const symbol = relation === 'eq' ? '=' : relation === 'ge' ? '≥' : '≤';
      return (
        `${options.prefix ?? ''}${leftText} ${symbol} ${rightText}（按打印数一致），` +
        `但录入数据相差 ${formatFen(exact)}，不是打印尾数${leaves}，请核对录入数`
      );
    }
    let message = `${options.prefix ?? ''}${leftText} ${VIOLATION_SYMBOL[relation]} ${rightText}，相差 ${formatDifference(diff, count)}`;
    if (within && dataDiffer) {
      return `${message}，录入数据相差 ${formatFen(exact)}，不是打印尾数${leaves}，请核对录入数`;
    }
    if (within) return `尾数误差：${message}，在尾数误差允许范围（${formatDifference(envelope, false)}）内`;
    if (envelope > 0) message += `，超出尾数误差允许范围（${formatDifference(envelope, false)}）`;
    return message;
  };
  const unit = count ? 1 : FEN_PER_PRINTED_UNIT;
  const cells: CellId[] = [];
  for (const t of left) cells.push(t.id);
  for (const t of right) cells.push(t.id);
  let message: string | undefined;
  const finding: Finding = {
    ruleId: meta.id,
    severity,
    title: meta.title,
    // Computed on first read and kept: a large department has hundreds of 尾数误差 notes, and
    // formatting their sentences is most of the cost of a run while a screen shows only some.
    // It is an own enumerable property: JSON.stringify, structuredClone, spreading and IPC see
    // a plain string. The text describes the tables as they are when it is first read.
    get message(): string {
      message ??= buildMessage();
      return message;
    },
    cells,
    left: l.printed * unit,
    right: r.printed * unit,
    difference: diff * unit,
    exactDifference: exact,
    table: tableOf(left[0]?.id ?? right[0]!.id),
  };
  return [finding];
}

/** Printed total = Σ printed parts, within the rounding envelope. */
export function sumCheck(
  ctx: CheckContext,
  totalCellId: CellId,
  partCellIds: readonly CellId[],
  meta: RuleMeta,
  options: Omit<CompareOptions, 'relation' | 'leftLabel'> = {},
): Finding[] {
  return compareTerms(
    ctx,
    meta,
    [{ id: totalCellId }],
    partCellIds.map((id) => ({ id })),
    options,
  );
}

/**
 * Two cells that must print the same figure (a copy of a figure in another table, or two
 * totals that must balance). Two copies of the same stored 分 always print the same, so the
 * envelope is 0; stored values that differ but print the same give a 提示.
 */
export function equalCheck(ctx: CheckContext, a: CellId, b: CellId, meta: RuleMeta, options: CompareOptions = {}): Finding[] {
  return compareTerms(ctx, meta, [{ id: a }], [{ id: b }], { ...options, relation: 'eq' });
}

/** A finding that is not a comparison (a missing figure, a wrong note, a frame line). */
export function finding(meta: RuleMeta, message: string, cells: CellId[], table?: TableId, severity: Severity = meta.severity): Finding {
  const f: Finding = { ruleId: meta.id, severity, title: meta.title, message, cells };
  if (table) f.table = table;
  return f;
}
