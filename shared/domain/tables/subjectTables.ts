/**
 * 公开02表 收入决算表, 公开03表 支出决算表, 公开05表 一般公共预算财政拨款支出决算表,
 * 公开07表 政府性基金预算财政拨款收入支出决算表, 公开08表 国有资本经营预算财政拨款支出决算表.
 */
import { effectiveItems, isSplitImplied } from '../fiscalSplit';
import type { ItemFacts } from '../model';
import { h } from './cells';
import { context, emptyNoteOf, frame, type TableInput } from './frame';
import { buildSubjectRows, lanciRow, subjectColumnDefs, type SubjectColumn } from './subjects';
import type { DerivedTable, HeaderCell, TableId } from './types';

export function subjectTable(
  id: TableId,
  input: TableInput,
  columns: readonly SubjectColumn[],
  header: HeaderCell[][],
  options: { width?: number } = {},
): DerivedTable {
  // Tables of 财政拨款 by fund read a 项's implied split while none is typed (fiscalSplit.ts).
  const byFund = columns.some((c) => c.kind === 'input' && c.field.startsWith('fiscal.'));
  const ctx = context(id, input);
  let items: readonly ItemFacts[] = input.report.items;
  if (byFund) {
    items = effectiveItems(items);
    if (items !== input.report.items) ctx.implied = new Set(input.report.items.filter(isSplitImplied).map((i) => i.code));
  }
  const { rows, empty } = buildSubjectRows(ctx, items, columns, input.catalogue);
  const table: DerivedTable = {
    ...frame(id, input),
    columns: subjectColumnDefs(columns, options.width),
    header: [...header, lanciRow(columns.length)],
    rows,
  };
  const emptyNote = empty ? emptyNoteOf(id, input) : undefined;
  if (emptyNote) table.emptyNote = emptyNote;
  return table;
}

export const TABLE02: readonly SubjectColumn[] = [
  { key: 'total', name: '本年收入合计', kind: 'rowSum', of: ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'], formula: '= 第2至7栏之和' },
  {
    key: 'fiscal',
    name: '财政拨款收入',
    kind: 'factSum',
    fields: ['income.generalBudget', 'income.govFund', 'income.stateCapital'],
    formula: '= 一般公共预算、政府性基金预算、国有资本经营预算财政拨款收入之和',
  },
  { key: 'superior', name: '上级补助收入', kind: 'input', field: 'income.superior' },
  { key: 'business', name: '事业收入', kind: 'input', field: 'income.business' },
  { key: 'operating', name: '经营收入', kind: 'input', field: 'income.operating' },
  { key: 'affiliated', name: '附属单位上缴收入', kind: 'input', field: 'income.affiliated' },
  { key: 'other', name: '其他收入', kind: 'input', field: 'income.other' },
];

export function table02(input: TableInput): DerivedTable {
  return subjectTable('02', input, TABLE02, [
    [h('项目', 2), ...TABLE02.map((c) => h(c.name, 1, 2))],
    [h('科目代码'), h('科目名称')],
  ]);
}

export const TABLE03: readonly SubjectColumn[] = [
  { key: 'total', name: '本年支出合计', kind: 'rowSum', of: ['basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy'], formula: '= 第2至6栏之和' },
  { key: 'basic', name: '基本支出', kind: 'input', field: 'expenditure.basic' },
  { key: 'project', name: '项目支出', kind: 'input', field: 'expenditure.project' },
  { key: 'remitUpper', name: '上缴上级支出', kind: 'input', field: 'expenditure.remitUpper' },
  { key: 'operating', name: '经营支出', kind: 'input', field: 'expenditure.operating' },
  { key: 'affiliatedSubsidy', name: '对附属单位补助支出', kind: 'input', field: 'expenditure.affiliatedSubsidy' },
];

export function table03(input: TableInput): DerivedTable {
  return subjectTable('03', input, TABLE03, [
    [h('项目', 2), ...TABLE03.map((c) => h(c.name, 1, 2))],
    [h('科目代码'), h('科目名称')],
  ]);
}

export const TABLE05: readonly SubjectColumn[] = [
  { key: 'subtotal', name: '小计', kind: 'rowSum', of: ['basic', 'project'], formula: '= 第2、3栏之和' },
  { key: 'basic', name: '基本支出', kind: 'input', field: 'fiscal.generalBasic' },
  { key: 'project', name: '项目支出', kind: 'input', field: 'fiscal.generalProject' },
];

export function table05(input: TableInput): DerivedTable {
  return subjectTable('05', input, TABLE05, [
    [h('项目', 2), h('本年支出', 3)],
    [h('科目代码'), h('科目名称'), h('小计'), h('基本支出'), h('项目支出')],
  ], { width: 16 });
}

export const TABLE07: readonly SubjectColumn[] = [
  { key: 'opening', name: '年初结转和结余', kind: 'input', field: 'govFundOpening' },
  { key: 'income', name: '本年收入', kind: 'input', field: 'income.govFund' },
  { key: 'subtotal', name: '本年支出小计', kind: 'rowSum', of: ['basic', 'project'], formula: '= 第4、5栏之和' },
  { key: 'basic', name: '本年支出基本支出', kind: 'input', field: 'fiscal.govFundBasic' },
  { key: 'project', name: '本年支出项目支出', kind: 'input', field: 'fiscal.govFundProject' },
  { key: 'closing', name: '年末结转和结余', kind: 'input', field: 'govFundClosing' },
];

export function table07(input: TableInput): DerivedTable {
  return subjectTable('07', input, TABLE07, [
    [h('项目', 2), h('年初结转和结余', 1, 2), h('本年收入', 1, 2), h('本年支出', 3), h('年末结转和结余', 1, 2)],
    [h('科目代码'), h('科目名称'), h('小计'), h('基本支出'), h('项目支出')],
  ]);
}

const TABLE08: readonly SubjectColumn[] = [
  { key: 'total', name: '合计', kind: 'rowSum', of: ['basic', 'project'], formula: '= 第2、3栏之和' },
  { key: 'basic', name: '基本支出', kind: 'input', field: 'fiscal.stateCapitalBasic' },
  { key: 'project', name: '项目支出', kind: 'input', field: 'fiscal.stateCapitalProject' },
];

export function table08(input: TableInput): DerivedTable {
  return subjectTable('08', input, TABLE08, [
    [h('项目', 2), h('本年支出', 3)],
    [h('科目代码'), h('科目名称'), h('合计'), h('基本支出'), h('项目支出')],
  ], { width: 16 });
}
