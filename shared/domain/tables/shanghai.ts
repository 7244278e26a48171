/**
 * 上海's nine tables (SPEC §8) from the same typed facts as 山西's ten: 表1 收入支出决算总表 and
 * 表4 财政拨款收入支出决算总表 are 山西's line tables without 行次; 表2, 表3 and 表8 are 山西's
 * 公开02表, 公开03表 and 公开07表; 表5 prints its 合计 row last; 表6 lists 人员经费 and 公用经费 side
 * by side, zeros as 0.00; 表7 is the 三公 table as two rows; 表9 is 国有资本经营 by 项 with its
 * carry-overs. Amounts print without thousands separators whatever the year's setting.
 */
import type { CodeList } from '../catalogue';
import type { ItemField, ThreePublicItem } from '../model';
import { codeCell, covered, derivedMoney, h, inputMoney, label, type BuildContext } from './cells';
import { context, emptyNoteOf, frame, type TableInput } from './frame';
import type { SubjectColumn } from './subjects';
import { subjectTable, TABLE02, TABLE03, TABLE05, TABLE07 } from './subjectTables';
import { table01 } from './table01';
import { table04 } from './table04';
import { amountCells, classTotal, NOT_APPLICABLE_CLASSES } from './table06';
import type { Cell, ColumnDef, DerivedTable, HeaderCell, Row } from './types';
import { amountGrouping } from '../templates/conventions';
import type { ShanghaiTableId } from '../templates/shanghai/tables';
import { tableSpec } from '../templates/tableSpecs';

export type ShanghaiTables = Readonly<Record<ShanghaiTableId, DerivedTable>>;

const SUBJECT_HEADER = [h('科目代码'), h('科目名称')];

/**
 * The columns of 表9: 国有资本经营预算财政拨款 by 项, laid out as 表8 (公开07表) with the fund's own
 * facts, the carry-overs typed per 项.
 */
const STATE_CAPITAL_FIELDS: Partial<Record<ItemField, ItemField>> = {
  govFundOpening: 'stateCapitalItemOpening',
  'income.govFund': 'income.stateCapital',
  'fiscal.govFundBasic': 'fiscal.stateCapitalBasic',
  'fiscal.govFundProject': 'fiscal.stateCapitalProject',
  govFundClosing: 'stateCapitalItemClosing',
};

export const SHANGHAI_TABLE09: readonly SubjectColumn[] = TABLE07.map((c) => (c.kind === 'input' ? { ...c, field: STATE_CAPITAL_FIELDS[c.field] ?? c.field } : c));

const CARRY_HEADER: HeaderCell[][] = [
  [h('项目', 2), h('年初结转和结余', 1, 2), h('本年收入', 1, 2), h('本年支出', 3), h('年末结转和结余', 1, 2)],
  [...SUBJECT_HEADER, h('小计'), h('基本支出'), h('项目支出')],
];

/** A line table (山西 01 or 04) without its 行次 columns, with 上海's header. */
function withoutLineNumbers(table: DerivedTable, header: HeaderCell[][]): DerivedTable {
  const keep = table.columns.map((c, k) => (c.key === 'lineL' || c.key === 'lineR' ? -1 : k)).filter((k) => k >= 0);
  return {
    ...table,
    columns: keep.map((k) => table.columns[k]!),
    header,
    rows: table.rows.map((row): Row => ({ ...row, cells: keep.map((k) => row.cells[k]!) })),
  };
}

/** 表5: 山西's 公开05表 with the 合计 row printed last and its first column headed 合计. */
function table5(input: TableInput): DerivedTable {
  const t = subjectTable('S5', input, TABLE05, [
    [h('项目', 2), h('本年支出', 3)],
    [...SUBJECT_HEADER, h('合计'), h('基本支出'), h('项目支出')],
  ], { width: 16 });
  const [total, ...rest] = t.rows;
  return { ...t, rows: total ? [...rest, total] : rest };
}

/** The classes of one half of 表6: the list's 类 that apply, the required ones always, others only with a figure. */
function halfList(list: CodeList, required: ReadonlySet<string>, cells: Map<string, Cell>): CodeList {
  const printed = new Set<string>();
  for (const [code] of list) {
    if (code.length !== 3 || NOT_APPLICABLE_CLASSES.has(code)) continue;
    if (required.has(code) || (cells.get(code)?.value ?? 0) !== 0) printed.add(code);
  }
  return list.filter(([code]) => printed.has(code.slice(0, 3)));
}

const ZERO_TEXT = tableSpec('S6').zeroText ?? '';

/** A value cell printed as the template's zero (表6 prints every figure, 0.00 where there is none). */
function zeroShown(cell: Cell | undefined): Cell {
  if (!cell) return { kind: 'blank', text: '' };
  return cell.value === 0 && (cell.kind === 'input' || cell.kind === 'derived') ? { ...cell, text: ZERO_TEXT } : cell;
}

/** 表6 一般公共预算财政拨款基本支出决算表: 人员经费 | 公用经费, side by side. */
function table6(input: TableInput): DerivedTable {
  const ctx = context('S6', input);
  const { economicPersonnel, economicPublic } = input.catalogue;
  const economic = input.report.economic;
  const personnelCells = amountCells(ctx, economicPersonnel, economic);
  const publicCells = amountCells(ctx, economicPublic, economic);
  const left = halfList(economicPersonnel, new Set(['301', '303']), personnelCells);
  const right = halfList(economicPublic, new Set(['302', '310']), publicCells);
  const half = (entry: readonly [string, string] | undefined, cells: Map<string, Cell>): Cell[] =>
    entry ? [codeCell(entry[0]), label(entry[1]), zeroShown(cells.get(entry[0]))] : [label(''), label(''), { kind: 'blank', text: '' }];
  const rows: Row[] = [];
  for (let r = 0; r < Math.max(left.length, right.length); r++) {
    rows.push({ key: `r${r + 1}`, kind: 'item', cells: [...half(left[r], personnelCells), ...half(right[r], publicCells)] });
  }
  rows.push({
    key: 'totals',
    kind: 'total',
    cells: [
      label('人员经费合计', 2),
      covered(),
      zeroShown(classTotal(ctx, 'S6.personnelTotal.amount', economicPersonnel, personnelCells, '= 人员经费各类之和')),
      label('公用经费合计', 2),
      covered(),
      zeroShown(classTotal(ctx, 'S6.publicTotal.amount', economicPublic, publicCells, '= 公用经费各类之和')),
    ],
  });
  const columns: ColumnDef[] = [1, 2].flatMap((g): ColumnDef[] => [
    { key: `code${g}`, name: '科目代码', width: 8, align: 'left' },
    { key: `name${g}`, name: '科目名称', width: 22, align: 'left' },
    { key: `amount${g}`, name: '决算数', width: 12, align: 'right' },
  ]);
  return {
    ...frame('S6', input),
    columns,
    header: [[h('人员经费', 3), h('公用经费', 3)], [h('科目代码'), h('科目名称'), h('决算数'), h('科目代码'), h('科目名称'), h('决算数')]],
    rows,
    zeroText: ZERO_TEXT,
  };
}

const THREE_PUBLIC_COLUMNS = [
  ['total', '合计'],
  ['abroad', '因公出国（境）费'],
  ['vehicleTotal', '公务用车购置及运行费小计'],
  ['vehiclePurchase', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行费'],
  ['reception', '公务接待费'],
] as const;

/** 表7 财政拨款“三公”经费支出决算表: a 预算数 row and a 决算数 row. */
function table7(input: TableInput): DerivedTable {
  const ctx: BuildContext = context('S7', input);
  const rows: Row[] = (
    [
      ['budget', '预算数'],
      ['actual', '决算数'],
    ] as const
  ).map(([side, name]) => {
    const values = input.report.threePublic[side];
    const id = (column: string) => `S7.${side}.${column}`;
    const item = (key: ThreePublicItem) => inputMoney(ctx, id(key), values[key], { kind: 'threePublic', side, item: key });
    const vehicleTotal = derivedMoney(ctx, id('vehicleTotal'), values.vehiclePurchase + values.vehicleOperation, {
      formula: '= 公务用车购置费 + 公务用车运行费',
      refs: [id('vehiclePurchase'), id('vehicleOperation')],
    });
    const total = derivedMoney(ctx, id('total'), values.abroad + values.vehiclePurchase + values.vehicleOperation + values.reception, {
      formula: '= 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费',
      refs: [id('abroad'), id('vehicleTotal'), id('reception')],
    });
    return { key: side, kind: 'item', cells: [label(name), total, item('abroad'), vehicleTotal, item('vehiclePurchase'), item('vehicleOperation'), item('reception')] };
  });
  const table: DerivedTable = {
    ...frame('S7', input),
    columns: [
      { key: 'item', name: '项目', width: 10, align: 'left' },
      ...THREE_PUBLIC_COLUMNS.map(([key, name]): ColumnDef => ({ key, name, width: 12, align: 'right' })),
    ],
    header: [
      [h('项目', 1, 2), h('合计', 1, 2), h('因公出国（境）费', 1, 2), h('公务用车购置及运行费', 3), h('公务接待费', 1, 2)],
      [h('小计'), h('公务用车购置费'), h('公务用车运行费')],
    ],
    rows,
  };
  const empty = rows.every((r) => r.cells.every((c) => (c.value ?? 0) === 0));
  const note = empty ? emptyNoteOf('S7', input) : undefined;
  if (note) table.emptyNote = note;
  return table;
}

/** 上海's nine tables, in printed order. */
export function deriveShanghaiTables(input: TableInput): ShanghaiTables {
  // 上海 prints amounts without thousands separators (SPEC §8; templates/conventions).
  const grouping = amountGrouping({ ...input.report.settings, template: '上海' });
  const plain: TableInput =
    input.report.settings.tableGrouping === grouping ? input : { ...input, report: { ...input.report, settings: { ...input.report.settings, tableGrouping: grouping } } };
  const s2 = subjectTable('S2', plain, TABLE02, [[h('项目', 2), ...TABLE02.map((c) => h(c.name, 1, 2))], SUBJECT_HEADER]);
  const s3 = subjectTable('S3', plain, TABLE03, [[h('项目', 2), ...TABLE03.map((c) => h(c.name, 1, 2))], SUBJECT_HEADER]);
  const s5 = table5(plain);
  const s8 = subjectTable('S8', plain, TABLE07, CARRY_HEADER);
  const s9 = subjectTable('S9', plain, SHANGHAI_TABLE09, CARRY_HEADER);
  const lines4 = table04(plain, s5, s8, s9, 'S4', 'subtotal');
  const lines1 = table01(plain, s2, s3, lines4, 'S1');
  const s1 = withoutLineNumbers(lines1, [[h('收入', 2), h('支出', 2)], [h('项目'), h('金额'), h('项目'), h('金额')]]);
  const s4 = withoutLineNumbers(lines4, [
    [h('收入', 2), h('支出', 5)],
    [h('项目'), h('金额'), h('项目'), h('合计'), h('一般公共预算财政拨款'), h('政府性基金预算财政拨款'), h('国有资本经营预算财政拨款')],
  ]);
  return { S1: s1, S2: s2, S3: s3, S4: s4, S5: s5, S6: table6(plain), S7: table7(plain), S8: s8, S9: s9 };
}
