/**
 * The renderer under the year's 模板: the table editor's pieces read what they need from the
 * table (`ColumnDef.itemFields`) or the template's roles, never a `0N` id; the 填报向导 and the
 * opening view follow the template; a change of 模板 is one undoable batch write that takes the
 * view along; the whole screen derivation (tables, 情况说明, checks) runs on both seeds under 上海.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo, WriteBatch } from '../../shared/contract/api';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { emptyItem, emptyReport, type Report, type ReportSettings } from '../../shared/domain/model';
import { settingsChangeText } from '../../shared/domain/settingsText';
import { deriveYearTables, type DerivedTable, type DerivedTables, tableIn } from '../../shared/domain/tables';
import { correspondingTable, fundOfTable, statsPlace } from '../../shared/domain/templates/roles';
import { templateSections } from '../../shared/domain/templates/sections';
import { fillSteps } from '../../renderer/features/guide/fillSteps';
import { buildGrid, isSubjectTable, pendingRows } from '../../renderer/features/tables/tableGrid';
import { findingsOf, packageOf } from '../../renderer/store/derived';
import { createSessionStore } from '../../renderer/store/session';
import { openingView, viewInTemplate } from '../../renderer/store/view';
import { fakeApi, ok } from './fakeApi';

function fixture(name: string): LoadedYear {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(name);
  const { department, report, customCodes, evaluation } = parsed.value;
  return { department, report, customCodes, lastYear: null, ...(evaluation ? { evaluation } : {}) };
}

function inShanghai(loaded: LoadedYear): LoadedYear {
  return { ...loaded, report: { ...loaded.report, settings: { ...loaded.report.settings, template: '上海' } } };
}

const seed002 = fixture('yangquan-2024.json');
const shanghai002 = inShanghai(seed002);
const tables002: DerivedTables = deriveYearTables(shanghai002.department, shanghai002.report);

/** A 项 with expenditure only, so it is pending in every 科目 table but 表3. */
function withPendingItem(report: Report): Report {
  const item = emptyItem('2010101');
  return { ...report, items: [item, ...report.items] };
}

describe('the table editor on 上海’s tables', () => {
  it('knows the 科目 tables by their columns: 表2, 表3, 表5, 表8, 表9', () => {
    const subject = Object.values(tables002).filter(isSubjectTable).map((t) => t.id);
    expect(subject).toEqual(['S2', 'S3', 'S5', 'S8', 'S9']);
  });

  it('lays out a pending 项 by the table’s own columns, 表9 with its carry-overs by 项', () => {
    const report = withPendingItem(shanghai002.report);
    const tables = deriveYearTables(shanghai002.department, report);
    const catalogue = getCatalogue(report.edition);
    const s9 = tableIn(tables, 'S9');
    const [row] = pendingRows(s9, report, catalogue);
    expect(row?.item.code).toBe('2010101');
    const cells = row!.cells.map((c) => (c?.kind === 'input' && c.ref.kind === 'item' ? c.ref.field : (c?.kind ?? null)));
    expect(cells).toEqual([null, null, 'stateCapitalItemOpening', 'income.stateCapital', null, 'fiscal.stateCapitalBasic', 'fiscal.stateCapitalProject', 'stateCapitalItemClosing']);
    expect(row!.cells[2]?.label).toBe('表9 2010101 行政运行 年初结转和结余');

    // 表2 财政拨款收入: the three funds as one breakdown, on printed rows and pending rows alike.
    const s2 = tableIn(tables, 'S2');
    const pending = pendingRows(s2, report, catalogue);
    const fiscal = s2.columns.findIndex((c) => c.key === 'fiscal');
    expect(pending[0]?.cells[fiscal]?.kind).toBe('breakdown');
    const grid = buildGrid(s2, report, pending);
    const leaf = s2.rows.findIndex((r) => r.key === '2011301');
    const cell = grid[leaf]?.[fiscal];
    expect(cell?.kind === 'breakdown' ? cell.values : null).toEqual([395_294_900, 0, 0]);
  });

  it('edits 表6 and 表7 by fact: 经济分类 款 in both halves, 三公 by row', () => {
    const s6 = tableIn(tables002, 'S6');
    const grid6 = buildGrid(s6, shanghai002.report, []);
    const refs6 = grid6.flat().flatMap((c) => (c?.kind === 'input' && c.ref.kind === 'economic' ? [c.ref.code] : []));
    expect(refs6).toContain('30101');
    expect(refs6).toContain('30201');
    // Zero 款 print 0.00 and stay editable.
    const zero = s6.rows.flatMap((r) => r.cells).find((c) => c.kind === 'input' && c.value === 0);
    expect(zero?.text).toBe('0.00');

    const s7 = tableIn(tables002, 'S7');
    const grid7 = buildGrid(s7, shanghai002.report, []);
    const refs7 = grid7.map((row) => row.flatMap((c) => (c?.kind === 'input' && c.ref.kind === 'threePublic' ? [`${c.ref.side}.${c.ref.item}`] : [])));
    expect(refs7).toEqual([
      ['budget.abroad', 'budget.vehiclePurchase', 'budget.vehicleOperation', 'budget.reception'],
      ['actual.abroad', 'actual.vehiclePurchase', 'actual.vehicleOperation', 'actual.reception'],
    ]);
  });

  it('finds each 财政拨款 fund’s table in either template', () => {
    expect(['05', '07', '08', 'S5', 'S8', 'S9', '03', 'S3', 'S7'].map((id) => fundOfTable(id) ?? null)).toEqual([
      'general',
      'govFund',
      'stateCapital',
      'general',
      'govFund',
      'stateCapital',
      null,
      null,
      null,
    ]);
  });
});

describe('views and the guide follow the template', () => {
  it('opens 上海 on 表1 and maps tables and sections across templates', () => {
    expect(openingView(shanghai002.report)).toEqual({ kind: 'table', id: 'S1' });
    expect(openingView(seed002.report)).toEqual({ kind: 'table', id: '01' });
    expect(viewInTemplate({ kind: 'table', id: '03' }, '上海')).toEqual({ kind: 'table', id: 'S3' });
    expect(viewInTemplate({ kind: 'table', id: '09' }, '上海')).toEqual({ kind: 'table', id: 'S7' });
    expect(viewInTemplate({ kind: 'table', id: '10' }, '上海')).toEqual({ kind: 'table', id: 'S1' });
    expect(viewInTemplate({ kind: 'table', id: 'S9' }, '山西')).toEqual({ kind: 'table', id: '08' });
    expect(viewInTemplate({ kind: 'narrative', id: 'n10' }, '上海')).toEqual({ kind: 'narrative', id: 'other' });
    expect(viewInTemplate({ kind: 'narrative', id: 'performance' }, '山西')).toEqual({ kind: 'narrative', id: 'n10' });
    expect(viewInTemplate({ kind: 'narrative', id: 'n9' }, '上海')).toEqual({ kind: 'narrative', id: 'n9' });
    expect(correspondingTable('S4', '山西')).toBe('04');
    expect(statsPlace('山西')).toEqual({ kind: 'table', id: '10' });
    expect(statsPlace('上海')).toEqual({ kind: 'section', id: 'other' });
    expect(templateSections('上海').find((s) => s.id === 'other')?.title).toBe('十一、其他重要事项情况说明');
  });

  it('names and opens 上海’s tables in the 填报向导', () => {
    const steps = fillSteps(shanghai002.report, [{ ruleId: 'X', severity: '错误', title: '', message: '', cells: [], table: 'S6' }], 0, 0);
    expect(steps.map((s) => [s.key, s.title, s.view])).toEqual([
      ['overview', '第一部分 概况', { kind: 'overview' }],
      ['t03', '表3 支出决算表', { kind: 'table', id: 'S3' }],
      ['t02', '表2 收入决算表', { kind: 'table', id: 'S2' }],
      ['t05', '表5、表8 财政拨款支出', { kind: 'table', id: 'S5' }],
      ['t06', '表6 基本支出明细', { kind: 'table', id: 'S6' }],
      ['t09', '表7 “三公”经费', { kind: 'table', id: 'S7' }],
      ['t10', '情况说明 十一、其他重要事项：政府采购、机关运行经费、国有资产', { kind: 'narrative', id: 'other' }],
      ['narrative', '第三部分 情况说明', { kind: 'narrative', id: 'n1' }],
      ['attachments', '第五部分 附件', { kind: 'attachments' }],
    ]);
    expect(steps.find((s) => s.key === 't06')?.status).toBe('有错误');
    expect(steps.find((s) => s.key === 't05')?.hint).toContain('按表3填充');
    // 山西 as before.
    expect(fillSteps(seed002.report, [], 0, 0).map((s) => s.title).slice(1, 7)).toEqual([
      '公开03表 支出决算表',
      '公开02表 收入决算表',
      '公开05表、07表 财政拨款支出',
      '公开06表 基本支出明细',
      '公开09表 “三公”经费',
      '公开10表 相关信息统计',
    ]);
  });
});

describe('the screen’s derivation under 上海', () => {
  it.each(['yangquan-2024.json', 'jincheng-2023.json'])(
    '%s: 情况说明 drafted in 上海’s sections; 错误 as under 山西 (the 自评表’s) plus what 上海 asks to be typed (五 per 项 年初预算, 十’s 绩效 facts)',
    (name) => {
      const loaded = fixture(name);
      const shanghai = inShanghai(loaded);
      const { narrative } = packageOf(shanghai);
      expect(narrative.sections.map((s) => s.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n9', 'n7', 'n8', 'performance', 'other']);
      const errors = (l: LoadedYear) => findingsOf(l).filter((f) => f.severity === '错误');
      const shanxiErrors = errors(loaded).map((f) => f.message);
      expect(shanxiErrors.length).toBeGreaterThan(0);
      const extra = errors(shanghai).filter((f) => !shanxiErrors.includes(f.message));
      expect(errors(shanghai).map((f) => f.message)).toEqual(expect.arrayContaining(shanxiErrors));
      expect(extra.length).toBeGreaterThan(0);
      for (const f of extra) {
        expect(f.ruleId).toBe('N-REQUIRED');
        expect(f.message).toMatch(/^(五、一般公共预算财政拨款支出决算情况说明：尚未填写“(.+（项）年初预算|年初预算合计)|十、预算绩效管理情况说明：尚未填写)/u);
      }
    },
  );

  it('prints 表6 zeros as 0.00 and amounts without separators, as the checks expect', () => {
    const s1: DerivedTable = tableIn(tables002, 'S1');
    const texts = s1.rows.flatMap((r) => r.cells).filter((c) => c.id && c.text !== '').map((c) => c.text);
    expect(texts.some((t) => t.includes(','))).toBe(false);
    expect(tableIn(tables002, 'S6').zeroText).toBe('0.00');
  });
});

describe('a change of 模板 in the session', () => {
  const department = seed002.department;
  const info: OpenFileInfo = { name: '阳泉市商务局.jsgk', location: '/tmp', department, years: [2024], backupName: null };

  async function open(refuse = false) {
    const api = fakeApi({
      'report.load': () => ok(seed002),
      'report.writeBatch': () => (refuse ? { ok: false, error: { code: 'USER', message: '该文件为只读，无法保存' } } : ok(null)),
    });
    const store = createSessionStore(api);
    await store.getState().openFile(info);
    const batches = () => api.calls.filter((c) => c.channel === 'report.writeBatch').map((c) => c.request as WriteBatch);
    return { store, batches };
  }

  it('is one undoable batch write of the settings whole; the view follows (公开03表 ⇄ 表3)', async () => {
    const { store, batches } = await open();
    const before: ReportSettings = store.getState().loaded!.report.settings;
    store.getState().navigate({ kind: 'table', id: '03' });
    await store.getState().updateSettings({ template: '上海' });
    expect(store.getState().loaded!.report.settings.template).toBe('上海');
    expect(store.getState().view).toEqual({ kind: 'table', id: 'S3' });
    const label = '报表设置：模板 山西（十张表）→上海（九张表）';
    expect(batches()).toEqual([{ year: 2024, facts: [], texts: [], addItems: [], customCodes: [], settings: { ...before, template: '上海' }, action: label }]);
    expect(store.getState().history.past.map((s) => s.label)).toEqual([label]);

    await store.getState().undo();
    expect(store.getState().loaded!.report.settings).toEqual(before);
    expect(store.getState().view).toEqual({ kind: 'table', id: '03' });
    expect(batches()[1]).toMatchObject({ settings: before, action: `撤销：${label}` });
    await store.getState().redo();
    expect(store.getState().view).toEqual({ kind: 'table', id: 'S3' });
    expect(batches()[2]).toMatchObject({ settings: { ...before, template: '上海' }, action: `重做：${label}` });

    // The same choice again changes nothing and writes nothing.
    await store.getState().updateSettings({ template: '上海' });
    expect(batches()).toHaveLength(3);
  });

  it('goes back, view included, when the write is refused', async () => {
    const { store } = await open(true);
    store.getState().navigate({ kind: 'table', id: '05' });
    expect(await store.getState().updateSettings({ template: '上海' })).toBe(false);
    expect(store.getState().loaded!.report.settings.template).toBe('山西');
    expect(store.getState().view).toEqual({ kind: 'table', id: '05' });
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().notice?.text).toBe('该文件为只读，无法保存');
  });

  it('names other settings’ changes in words', () => {
    const base = emptyReport(2024).settings;
    expect(settingsChangeText(base, { ...base, inputUnit: '元', tableGrouping: false })).toBe('录入单位 万元→元，金额数字格式 千分位→不加千分位');
    expect(settingsChangeText(base, base)).toBe('');
  });
});
