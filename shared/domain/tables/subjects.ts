/**
 * Tables listed by 支出功能分类 (02, 03, 05, 07, 08): a 合计 row, then each 类,
 * its 款 and its 项 in code order; only 项 with data appear; parents are sums of children.
 */
import type { Catalogue } from '../catalogue';
import { getItemField, type ItemFacts, type ItemField } from '../model';
import { type BuildContext, codeCell, covered, derivedMoney, inputMoney, label, sumCells } from './cells';
import type { Cell, ColumnDef, Row } from './types';

export type SubjectColumn =
  | { key: string; name: string; kind: 'input'; field: ItemField }
  /** The sum of other columns of the same row (e.g. 本年支出合计). */
  | { key: string; name: string; kind: 'rowSum'; of: readonly string[]; formula: string }
  /** The sum of several facts that have no column here (e.g. 财政拨款收入 = three funds). */
  | { key: string; name: string; kind: 'factSum'; fields: readonly ItemField[]; formula: string };

export const CODE_COLUMNS: ColumnDef[] = [
  { key: 'code', name: '科目代码', width: 10, align: 'left' },
  { key: 'name', name: '科目名称', width: 30, align: 'left' },
];

export function subjectColumnDefs(columns: readonly SubjectColumn[], width = 14): ColumnDef[] {
  return [...CODE_COLUMNS, ...columns.map((c): ColumnDef => ({ key: c.key, name: c.name, width, align: 'right' }))];
}

function fieldsOf(columns: readonly SubjectColumn[]): ItemField[] {
  const out: ItemField[] = [];
  for (const c of columns) {
    if (c.kind === 'input') out.push(c.field);
    else if (c.kind === 'factSum') out.push(...c.fields);
  }
  return out;
}

function cellId(ctx: BuildContext, rowKey: string, colKey: string): string {
  return `${ctx.table}.${rowKey}.${colKey}`;
}

function leafCells(ctx: BuildContext, item: ItemFacts, columns: readonly SubjectColumn[]): Cell[] {
  const byKey = new Map<string, Cell>();
  // Inputs and fact sums first, then row sums that refer to them.
  for (const col of columns) {
    const id = cellId(ctx, item.code, col.key);
    if (col.kind === 'input') {
      byKey.set(col.key, inputMoney(ctx, id, getItemField(item, col.field), { kind: 'item', code: item.code, field: col.field }));
    } else if (col.kind === 'factSum') {
      const fen = col.fields.reduce((s, f) => s + getItemField(item, f), 0);
      byKey.set(
        col.key,
        derivedMoney(ctx, id, fen, {
          formula: col.formula,
          facts: col.fields.map((field) => ({ kind: 'item' as const, code: item.code, field })),
        }),
      );
    }
  }
  for (const col of columns) {
    if (col.kind !== 'rowSum') continue;
    const parts = col.of.map((k) => byKey.get(k));
    byKey.set(
      col.key,
      derivedMoney(ctx, cellId(ctx, item.code, col.key), sumCells(parts), {
        formula: col.formula,
        refs: col.of.map((k) => cellId(ctx, item.code, k)),
      }),
    );
  }
  return columns.map((c) => byKey.get(c.key) ?? covered());
}

function parentCells(ctx: BuildContext, rowKey: string, children: readonly Row[], columns: readonly SubjectColumn[], formula: string): Cell[] {
  return columns.map((col, i) => {
    const parts = children.map((r) => r.cells[i + CODE_COLUMNS.length]);
    return derivedMoney(ctx, cellId(ctx, rowKey, col.key), sumCells(parts), {
      formula,
      refs: parts.flatMap((c) => (c?.id ? [c.id] : [])),
    });
  });
}

function nameOf(catalogue: Catalogue, code: string): string {
  return catalogue.functionalName(code) ?? '（目录中没有此科目）';
}

export interface SubjectRows {
  rows: Row[];
  /** True when no 项 has data: the table prints only its 合计 row. */
  empty: boolean;
}

export function buildSubjectRows(
  ctx: BuildContext,
  items: readonly ItemFacts[],
  columns: readonly SubjectColumn[],
  catalogue: Catalogue,
): SubjectRows {
  const fields = fieldsOf(columns);
  const withData = items
    .filter((item) => fields.some((f) => getItemField(item, f) !== 0))
    .sort((a, b) => a.code.localeCompare(b.code));

  const classRows: Row[] = [];
  const body: Row[] = [];
  let i = 0;
  while (i < withData.length) {
    const classCode = withData[i]!.code.slice(0, 3);
    const classBlock: Row[] = [];
    const sectionRows: Row[] = [];
    while (i < withData.length && withData[i]!.code.startsWith(classCode)) {
      const sectionCode = withData[i]!.code.slice(0, 5);
      const leaves: Row[] = [];
      while (i < withData.length && withData[i]!.code.startsWith(sectionCode)) {
        const item = withData[i]!;
        leaves.push({
          key: item.code,
          kind: 'item',
          level: 3,
          cells: [codeCell(item.code), label(nameOf(catalogue, item.code)), ...leafCells(ctx, item, columns)],
        });
        i++;
      }
      const sectionRow: Row = {
        key: sectionCode,
        kind: 'class',
        level: 2,
        cells: [
          codeCell(sectionCode),
          label(nameOf(catalogue, sectionCode)),
          ...parentCells(ctx, sectionCode, leaves, columns, `= ${sectionCode} 下各项之和`),
        ],
      };
      sectionRows.push(sectionRow);
      classBlock.push(sectionRow, ...leaves);
    }
    const classRow: Row = {
      key: classCode,
      kind: 'class',
      level: 1,
      cells: [codeCell(classCode), label(nameOf(catalogue, classCode)), ...parentCells(ctx, classCode, sectionRows, columns, `= ${classCode} 下各款之和`)],
    };
    classRows.push(classRow);
    body.push(classRow, ...classBlock);
  }
  const total: Row = {
    key: 'total',
    kind: 'total',
    cells: [label('合计', 2), covered(), ...parentCells(ctx, 'total', classRows, columns, '= 各类之和')],
  };
  return { rows: [total, ...body], empty: withData.length === 0 };
}

/** The 栏次 row of a subject table: `栏次` over the two code columns, then 1, 2, 3 … */
export function lanciRow(valueColumns: number): { text: string; colSpan?: number }[] {
  return [{ text: '栏次', colSpan: 2 }, ...Array.from({ length: valueColumns }, (_, k) => ({ text: String(k + 1) }))];
}
