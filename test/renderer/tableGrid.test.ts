import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { type Department, emptyItem, emptyReport, type Report } from '../../shared/domain/model';
import { deriveTables } from '../../shared/domain/tables';
import { buildGrid, describeBodyCell, pendingItems, pendingRows } from '../../renderer/features/tables/tableGrid';
import { groupFindings } from '../../renderer/features/checks/groupFindings';
import { tablesOf, previewReport } from '../../renderer/store/derived';
import type { Finding } from '../../shared/domain/checks';

const department: Department = { name: '测试局', unitKind: '行政单位', subordinateUnits: [] };

function report(): Report {
  const r = emptyReport(2023);
  const a = emptyItem('2010301');
  a.expenditure.basic = 1_000_000;
  a.income.generalBudget = 1_000_000;
  r.items = [a, emptyItem('2080501')];
  return r;
}

describe('table grid', () => {
  const r = report();
  const tables = deriveTables(department, r);
  const catalogue = getCatalogue(2023);

  it('lists 项 without data in a table as pending rows', () => {
    expect(pendingItems(r, tables['03']!).map((i) => i.code)).toEqual(['2080501']);
    expect(pendingItems(r, tables['06']!)).toEqual([]);
    const pending = pendingRows(tables['03'], r, catalogue);
    expect(pending[0]?.name).toBe('行政单位离退休');
    // 科目代码, 科目名称, 本年支出合计 (derived) have nothing to type; 基本支出 … are inputs.
    expect(pending[0]?.cells.map((c) => c?.kind ?? null)).toEqual([null, null, null, 'input', 'input', 'input', 'input', 'input']);
  });

  it('aligns the grid with the printed rows, pending rows after them', () => {
    const pending = pendingRows(tables['03'], r, catalogue);
    const grid = buildGrid(tables['03'], r, pending);
    expect(grid).toHaveLength(tables['03']!.rows.length + 1);
    const leaf = tables['03']!.rows.findIndex((row) => row.key === '2010301');
    const cell = grid[leaf]?.[3];
    expect(cell?.kind).toBe('input');
    expect(cell?.label).toBe('公开03表 2010301 行政运行 基本支出');
    // 合计, 类 and 款 rows have no inputs.
    expect(grid[0]?.every((c) => c === null)).toBe(true);
  });

  it('offers 表02 财政拨款收入 of a 项 as a three-part breakdown', () => {
    const grid = buildGrid(tables['02'], r, []);
    const leaf = tables['02']!.rows.findIndex((row) => row.key === '2010301');
    const cell = grid[leaf]?.[3];
    expect(cell?.kind).toBe('breakdown');
    if (cell?.kind === 'breakdown') expect(cell.values).toEqual([1_000_000, 0, 0]);
  });

  it('names line-table cells by 行次 and label', () => {
    const t01 = tables['01']!;
    const row = t01.rows.find((x) => x.key === 'L28')!;
    expect(describeBodyCell(t01, row, 2)).toBe('公开01表 使用非财政拨款结余和专用结余 第28行');
  });
});

describe('derived view memoisation', () => {
  it('derives each report version once and previews a draft without touching the report', () => {
    const r = report();
    const loaded = { department, report: r, customCodes: [], lastYear: null };
    expect(tablesOf(loaded)).toBe(tablesOf(loaded));
    const draft = { ref: { kind: 'item' as const, code: '2010301', field: 'expenditure.project' as const }, value: 500_000 };
    const preview = previewReport(r, draft);
    expect(previewReport(r, { ...draft })).toBe(preview);
    expect(r.items[0]?.expenditure.project).toBe(0);
    expect(tablesOf(loaded, preview)['03']!.rows[0]?.cells[2]?.value).toBe(1_500_000);
  });
});

describe('groupFindings', () => {
  const f = (table: Finding['table'], severity: Finding['severity'], cells: string[] = []): Finding => ({
    ruleId: 'R',
    severity,
    title: 't',
    message: 'm',
    cells,
    table,
  });
  it('groups by table in table order, report-wide last, then by severity', () => {
    const groups = groupFindings([f(undefined, '错误'), f('03', '提示'), f('01', '警告'), f('03', '错误'), f(undefined, '提示', ['06.301.amount'])]);
    expect(groups.map((g) => g.table)).toEqual(['01', '03', '06', null]);
    expect(groups[1]?.bySeverity.map((s) => s.severity)).toEqual(['错误', '提示']);
    expect(groups[1]?.title).toBe('公开03表 支出决算表');
  });
  it('filters by severity', () => {
    expect(groupFindings([f('03', '提示')], new Set(['错误']))).toEqual([]);
  });
});
