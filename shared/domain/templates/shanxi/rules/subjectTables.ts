/**
 * Rules inside the 科目 tables 02, 03, 05, 07 and 08: row identities (合计栏 = Σ its columns),
 * the 类/款/项 hierarchy (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项), and table 07's carry-over.
 */
import { tableIn, type CellId, type DerivedTable, type Row, type TableId } from '../../../tables/types';
import { cellUnits, compareTerms, finding, rowIndex, type Term } from '../../../checks/printed';
import type { Finding, Rule } from '../../../checks/types';
import { agrees, columnIndex, FIRST_VALUE_COLUMN, rule, type Run } from '../../../checks/rules/common';

/** Like `agrees` (common.ts), on one row's columns, without allocating. */
function rowAgrees(row: Row, totalCol: number, partCols: readonly number[]): boolean {
  let printed = 0;
  let exact = 0;
  for (const c of partCols) {
    const p = row.cells[c];
    printed += cellUnits(p);
    exact += p?.value ?? 0;
  }
  const total = row.cells[totalCol];
  return printed === cellUnits(total) && exact === (total?.value ?? 0);
}

/** The same for a parent row's column against its children's. */
function childrenAgree(parent: Row, children: readonly Row[], col: number): boolean {
  let printed = 0;
  let exact = 0;
  for (const r of children) {
    const p = r.cells[col];
    printed += cellUnits(p);
    exact += p?.value ?? 0;
  }
  const total = parent.cells[col];
  return printed === cellUnits(total) && exact === (total?.value ?? 0);
}

/** Every row: `totalKey` = Σ `partKeys` (e.g. 表03 第1栏 = 第2至6栏之和). */
function rowIdentity(tid: TableId, totalKey: string, partKeys: readonly string[]): Run {
  return (ctx, meta) => {
    const table = tableIn(ctx.tables, tid);
    const totalCol = columnIndex(table, totalKey);
    const partCols = partKeys.map((k) => columnIndex(table, k));
    const out: Finding[] = [];
    for (const row of table.rows) {
      if (rowAgrees(row, totalCol, partCols)) continue;
      out.push(...compareTerms(ctx, meta, [cellTerm(tid, row, totalCol, table)], partCols.map((c) => cellTerm(tid, row, c, table))));
    }
    return out;
  };
}

/** A term for the cell in column `col` of `row`, without looking it up again. */
function cellTerm(tid: TableId, row: Row, col: number, table: DerivedTable): Term {
  const cell = row.cells[col];
  const id = cell?.id ?? `${tid}.${row.key}.${table.columns[col]?.key ?? col}`;
  return cell ? { id, cell } : { id };
}

/** The parent row key of a 科目 row: 项 → 款, 款 → 类, 类 → 合计. */
function parentKey(row: Row): string | null {
  if (row.kind === 'total') return null;
  if (row.key.length === 7) return row.key.slice(0, 5);
  if (row.key.length === 5) return row.key.slice(0, 3);
  return 'total';
}

const CHILDREN_NAME: Record<string, string> = { total: '各类之和', 3: '下各款之和', 5: '下各项之和' };

/** 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, in every value column. */
function hierarchy(tid: TableId): Run {
  return (ctx, meta) => {
    const table = tableIn(ctx.tables, tid);
    const rowByKey = rowIndex(table);
    const children = new Map<string, Row[]>();
    const out: Finding[] = [];
    for (const row of table.rows) {
      const parent = parentKey(row);
      if (parent === null) continue;
      if (!rowByKey.has(parent)) {
        out.push(
          finding(
            meta,
            `表${tid} ${row.key} ${row.cells[1]?.text ?? ''} 的上级科目 ${parent} 未列出，合计数无法包含它`,
            table.columns.slice(FIRST_VALUE_COLUMN).map((c) => `${tid}.${row.key}.${c.key}`),
            tid,
          ),
        );
        continue;
      }
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(row);
    }
    const valueColumns = table.columns.slice(FIRST_VALUE_COLUMN);
    for (const row of table.rows) {
      if (row.kind !== 'total' && row.key.length === 7) continue; // 项: typed
      const kids = children.get(row.key) ?? [];
      valueColumns.forEach((col, k) => {
        const c = k + FIRST_VALUE_COLUMN;
        if (childrenAgree(row, kids, c)) return;
        out.push(
          ...compareTerms(
            ctx,
            meta,
            [cellTerm(tid, row, c, table)],
            kids.map((r) => cellTerm(tid, r, c, table)),
            { rightLabel: `${row.key === 'total' ? '' : `${row.key} `}${CHILDREN_NAME[row.key === 'total' ? 'total' : row.key.length] ?? '下级之和'}` },
          ),
        );
      });
    }
    return out;
  };
}

// 表02 收入决算表
export const TABLE02_RULES: Rule[] = [
  rule('T02-ROW-TOTAL', '错误', '表02 本年收入合计栏', '表02 每一行：第1栏“本年收入合计” = 第2至7栏之和。', rowIdentity('02', 'total', ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'])),
  rule('T02-HIERARCHY', '错误', '表02 科目汇总', '表02 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('02')),
];

// 表03 支出决算表
export const TABLE03_RULES: Rule[] = [
  rule('T03-ROW-TOTAL', '错误', '表03 本年支出合计栏', '表03 每一行：第1栏“本年支出合计” = 第2至6栏之和（基本、项目、上缴上级、经营、对附属单位补助支出）。', rowIdentity('03', 'total', ['basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy'])),
  rule('T03-HIERARCHY', '错误', '表03 科目汇总', '表03 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('03')),
];

// 表05 一般公共预算财政拨款支出决算表
export const TABLE05_RULES: Rule[] = [
  rule('T05-ROW-TOTAL', '错误', '表05 本年支出小计栏', '表05 每一行：第1栏“小计” = 第2栏基本支出 + 第3栏项目支出。', rowIdentity('05', 'subtotal', ['basic', 'project'])),
  rule('T05-HIERARCHY', '错误', '表05 科目汇总', '表05 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('05')),
];

// 表07 政府性基金预算财政拨款收入支出决算表
export const TABLE07_RULES: Rule[] = [
  rule('T07-ROW-SUBTOTAL', '错误', '表07 本年支出小计栏', '表07 每一行：第3栏“本年支出小计” = 第4栏基本支出 + 第5栏项目支出。', rowIdentity('07', 'subtotal', ['basic', 'project'])),
  rule('T07-HIERARCHY', '错误', '表07 科目汇总', '表07 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('07')),
  rule(
    'T07-CARRY',
    '错误',
    '表07 年末结转和结余',
    '表07 每一行：第6栏“年末结转和结余” = 第1栏年初结转和结余 + 第2栏本年收入 − 第3栏本年支出。年初、年末结转是录入数；一个项不平衡时只报告该项，不重复报告其款、类和合计行。',
    (ctx, m) => {
      const table = tableIn(ctx.tables, '07');
      const [opening, income, subtotal, closing] = ['opening', 'income', 'subtotal', 'closing'].map((k) => columnIndex(table, k)) as [number, number, number, number];
      const failing: Row[] = [];
      const failingAncestors = new Set<string>();
      for (const row of table.rows) {
        const c = row.cells;
        if (agrees(c[closing], [c[opening], c[income], c[subtotal]], [1, 1, -1])) continue;
        failing.push(row);
        if (row.key.length === 7) failingAncestors.add(row.key.slice(0, 5));
        if (row.key.length >= 5) failingAncestors.add(row.key.slice(0, 3));
        if (row.kind !== 'total') failingAncestors.add('total');
      }
      return failing
        .filter((row) => !failingAncestors.has(row.key))
        .flatMap((row) => {
          const id = (k: string): CellId => `07.${row.key}.${k}`;
          return compareTerms(ctx, m, [{ id: id('closing') }], [{ id: id('opening') }, { id: id('income') }, { id: id('subtotal'), sign: -1 }]);
        });
    },
  ),
];

// 表08 国有资本经营预算财政拨款支出决算表
export const TABLE08_RULES: Rule[] = [
  rule('T08-ROW-TOTAL', '错误', '表08 本年支出合计栏', '表08 每一行：第1栏“合计” = 第2栏基本支出 + 第3栏项目支出。', rowIdentity('08', 'total', ['basic', 'project'])),
  rule('T08-HIERARCHY', '错误', '表08 科目汇总', '表08 每一栏：合计 = 各类之和，类 = 所属各款之和，款 = 所属各项之和；项的上级科目必须列出。', hierarchy('08')),
];
