/**
 * 公开06表 一般公共预算财政拨款基本支出决算明细表: the 经济分类 list in four column groups,
 * 人员经费 (301, 303) in the first, 公用经费 (302 … 399) flowed down the other three.
 * 309 and 311 (基本建设) cannot be 基本支出: printed `——`.
 */
import type { CodeList } from '../catalogue';
import { type BuildContext, blank, codeCell, covered, derivedMoney, h, inputMoney, label, na } from './cells';
import { context, frame, type TableInput } from './frame';
import { type Cell, type ColumnDef, type DerivedTable, type Row, valueById } from './types';

/** 基本建设 classes: no 基本支出 can be recorded under them. */
export const NOT_APPLICABLE_CLASSES: ReadonlySet<string> = new Set(['309', '311']);

const GROUPS = 4;

export const TABLE06_COLUMNS: ColumnDef[] = Array.from({ length: GROUPS }, (_, g): ColumnDef[] => [
  { key: `code${g + 1}`, name: '科目代码', width: 7, align: 'left' },
  { key: `name${g + 1}`, name: '科目名称', width: 16, align: 'left' },
  { key: `amount${g + 1}`, name: '决算数', width: 9, align: 'right' },
]).flat();

/** The cell of an 经济分类 code in 公开06表 (or another template's 基本支出 table `table`). */
export function economicCellId(code: string, table = '06'): string {
  return `${table}.${code}.amount`;
}

/** The value of `06.personnelTotal.amount` or `06.publicTotal.amount`, read from the last (totals) row. */
export function economicTotal(t06: DerivedTable, which: 'personnelTotal' | 'publicTotal'): number {
  const id = `06.${which}.amount`;
  const totals = t06.rows[t06.rows.length - 1];
  if (totals?.key === 'totals') {
    for (const cell of totals.cells) if (cell.id === id) return cell.value ?? 0;
  }
  return valueById(t06, id);
}

/** Builds the amount cells of one list: 款 are inputs, 类 are sums of their 款. */
export function amountCells(ctx: BuildContext, list: CodeList, economic: Readonly<Record<string, number>>): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const cellId = (code: string) => economicCellId(code, ctx.table);
  for (const [code] of list) {
    const classCode = code.slice(0, 3);
    if (NOT_APPLICABLE_CLASSES.has(classCode)) cells.set(code, na(cellId(code)));
    else if (code.length === 5) cells.set(code, inputMoney(ctx, cellId(code), economic[code] ?? 0, { kind: 'economic', code }));
  }
  for (const [code, name] of list) {
    if (code.length !== 3 || NOT_APPLICABLE_CLASSES.has(code)) continue;
    const children = list.filter(([c]) => c.length === 5 && c.startsWith(code)).map(([c]) => c);
    const fen = children.reduce((s, c) => s + (cells.get(c)?.value ?? 0), 0);
    cells.set(code, derivedMoney(ctx, cellId(code), fen, { formula: `= ${code} ${name} 下各款之和`, refs: children.map(cellId) }));
  }
  return cells;
}

export function classTotal(ctx: BuildContext, id: string, list: CodeList, cells: Map<string, Cell>, formula: string): Cell {
  const classes = list.filter(([c]) => c.length === 3 && !NOT_APPLICABLE_CLASSES.has(c)).map(([c]) => c);
  const fen = classes.reduce((s, c) => s + (cells.get(c)?.value ?? 0), 0);
  return derivedMoney(ctx, id, fen, { formula: `${formula}（${classes.join('+')}）`, refs: classes.map((c) => economicCellId(c, ctx.table)) });
}

export function table06(input: TableInput): DerivedTable {
  const ctx = context('06', input);
  const { economicPersonnel: personnel, economicPublic: publicList } = input.catalogue;
  const economic = input.report.economic;
  const personnelCells = amountCells(ctx, personnel, economic);
  const publicCells = amountCells(ctx, publicList, economic);

  const rowsCount = Math.max(personnel.length, Math.ceil(publicList.length / 3));
  const group = (entry: readonly [string, string] | undefined, cells: Map<string, Cell>): Cell[] =>
    entry ? [codeCell(entry[0]), label(entry[1]), cells.get(entry[0]) ?? blank()] : [blank(), blank(), blank()];

  const rows: Row[] = [];
  for (let r = 0; r < rowsCount; r++) {
    rows.push({
      key: `r${r + 1}`,
      kind: 'item',
      cells: [
        ...group(personnel[r], personnelCells),
        ...group(publicList[r], publicCells),
        ...group(publicList[rowsCount + r], publicCells),
        ...group(publicList[2 * rowsCount + r], publicCells),
      ],
    });
  }
  rows.push({
    key: 'totals',
    kind: 'total',
    cells: [
      label('人员经费合计', 2),
      covered(),
      classTotal(ctx, '06.personnelTotal.amount', personnel, personnelCells, '= 人员经费各类之和'),
      label('公用经费合计', 8),
      ...Array.from({ length: 7 }, covered),
      classTotal(ctx, '06.publicTotal.amount', publicList, publicCells, '= 公用经费各类之和'),
    ],
  });

  const groupHeader = Array.from({ length: GROUPS }, () => [h('科目代码'), h('科目名称'), h('决算数')]).flat();
  return {
    ...frame('06', input),
    columns: TABLE06_COLUMNS,
    header: [[h('人员经费', 3), h('公用经费', 9)], groupHeader],
    rows,
  };
}
