import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo } from '../../shared/contract/api';
import { type Department, emptyReport, type FactRef, readFact } from '../../shared/domain/model';
import type { WriteBatch } from '../../shared/contract/api';
import { createSessionStore, factTarget, saveStateOf } from '../../renderer/store/session';
import { registerPendingEdit } from '../../renderer/store/pendingEdits';
import { fakeApi, ok, type FakeApi, type Handlers } from './fakeApi';

const department: Department = { name: '晋城市商务局', unitKind: '行政单位', subordinateUnits: [] };
const info: OpenFileInfo = { name: '晋城市商务局.jsgk', location: '/tmp', department, years: [2023], backupName: null };
const basic: FactRef = { kind: 'item', code: '2010301', field: 'expenditure.basic' };
const project: FactRef = { kind: 'item', code: '2010301', field: 'expenditure.project' };

function loadedYear(year = 2023): LoadedYear {
  return { department, report: emptyReport(year), customCodes: [], lastYear: null };
}

/** The batches sent, in order. */
function batches(api: FakeApi): WriteBatch[] {
  return api.calls.filter((c) => c.channel === 'report.writeBatch').map((c) => c.request as WriteBatch);
}

/** Every fact value written, in order (one entry per fact of every batch). */
function factValues(api: FakeApi): (number | null)[] {
  return batches(api).flatMap((b) => b.facts.map((f) => f.value));
}

async function openStore(extra: Handlers = {}) {
  const api = fakeApi({
    'report.load': ({ year }) => ok(loadedYear(year)),
    'report.writeBatch': () => ok(null),
    ...extra,
  });
  const store = createSessionStore(api);
  await store.getState().openFile(info);
  return { api, store };
}

const value = (store: Awaited<ReturnType<typeof openStore>>['store'], ref: FactRef) => readFact(store.getState().loaded!.report, ref);

describe('session store: edits', () => {
  it('applies an edit locally at once and sends one write', async () => {
    const { api, store } = await openStore();
    const before = store.getState().loaded!.report;
    const pending = store.getState().editFacts([{ ref: basic, value: 1_234_560_000 }], '表03 基本支出');
    // Applied before the backend answers, on a new Report object (the old one untouched).
    expect(value(store, basic)).toBe(1_234_560_000);
    expect(readFact(before, basic)).toBe(0);
    expect(saveStateOf(store.getState())).toBe('保存中…');
    await pending;
    await store.getState().settled();
    expect(saveStateOf(store.getState())).toBe('已保存');
    expect(batches(api)).toEqual([{ year: 2023, facts: [{ ref: basic, value: 1_234_560_000 }], texts: [], addItems: [], customCodes: [], action: '表03 基本支出' }]);
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('makes one change of a fact given twice in one action, the last value winning, whatever the first was', async () => {
    const { api, store } = await openStore();
    // First the value it has (no change by itself), then another: one change.
    await store.getState().editFacts([{ ref: basic, value: 0 }, { ref: project, value: 0 }, { ref: basic, value: 5_00 }], '粘贴');
    // Changed, then given its old value again: nothing written for it.
    await store.getState().editFacts([{ ref: project, value: 7_00 }, { ref: basic, value: 6_00 }, { ref: project, value: 0 }], '粘贴');
    await store.getState().settled();
    expect(batches(api).map((b) => b.facts)).toEqual([[{ ref: basic, value: 5_00 }], [{ ref: basic, value: 6_00 }]]);
    expect(value(store, basic)).toBe(6_00);
    expect(value(store, project)).toBe(0);
    expect(store.getState().history.past.map((step) => step.changes.length)).toEqual([1, 1]);
  });

  it('does not write or record an edit that changes nothing', async () => {
    const { api, store } = await openStore();
    await store.getState().editFacts([{ ref: basic, value: 0 }], 'x');
    expect(batches(api)).toHaveLength(0);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('reverts a refused write, keeps the message by the cell and forgets the step', async () => {
    const { store } = await openStore({
      'report.writeBatch': () => ({ ok: false, error: { code: 'USER', message: '该文件为只读，无法保存' } }),
    });
    const saved = await store.getState().editFacts([{ ref: basic, value: 500 }], '表03 基本支出');
    expect(saved).toBe(false);
    expect(value(store, basic)).toBe(0);
    expect(store.getState().errors[factTarget(basic)]).toBe('该文件为只读，无法保存');
    expect(store.getState().history.past).toHaveLength(0);
    expect(saveStateOf(store.getState())).toBe('保存失败');
    expect(store.getState().notice?.text).toBe('该文件为只读，无法保存');
  });

  it('does not revert over a newer value typed while the refused write was in flight', async () => {
    let calls = 0;
    const { store } = await openStore({
      'report.writeBatch': () => (++calls === 1 ? { ok: false, error: { code: 'USER', message: '拒绝' } } : ok(null)),
    });
    const first = store.getState().editFacts([{ ref: basic, value: 100 }], 'a');
    const second = store.getState().editFacts([{ ref: basic, value: 200 }], 'b');
    await Promise.all([first, second]);
    expect(value(store, basic)).toBe(200);
  });

  it('writes text fields and undoes them', async () => {
    const { api, store } = await openStore();
    await store.getState().editText('n1.reason', '业务量增加', '一 主要原因');
    expect(store.getState().loaded!.report.texts['n1.reason']).toBe('业务量增加');
    await store.getState().undo();
    expect(store.getState().loaded!.report.texts['n1.reason']).toBe('');
    expect(batches(api).map((b) => b.texts)).toEqual([[{ key: 'n1.reason', value: '业务量增加' }], [{ key: 'n1.reason', value: '' }]]);
  });
});

describe('session store: undo and redo', () => {
  it('undoes and redoes a step, sending each as a write', async () => {
    const { api, store } = await openStore();
    await store.getState().editFacts([{ ref: basic, value: 100 }], 'a');
    await store.getState().editFacts([{ ref: basic, value: 300 }], 'b');
    await store.getState().undo();
    expect(value(store, basic)).toBe(100);
    await store.getState().undo();
    expect(value(store, basic)).toBe(0);
    await store.getState().redo();
    expect(value(store, basic)).toBe(100);
    await store.getState().settled();
    expect(factValues(api)).toEqual([100, 300, 100, 0, 100]);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().history.future).toHaveLength(1);
  });

  it('treats a pasted block as one step and one batch', async () => {
    const { api, store } = await openStore();
    await store.getState().editFacts(
      [
        { ref: basic, value: 100 },
        { ref: project, value: 200 },
      ],
      '粘贴',
    );
    await store.getState().undo();
    expect(value(store, basic)).toBe(0);
    expect(value(store, project)).toBe(0);
    await store.getState().redo();
    expect(value(store, basic)).toBe(100);
    expect(value(store, project)).toBe(200);
    expect(batches(api).map((b) => b.facts.length)).toEqual([2, 2, 2]);
  });

  it('refuses a whole pasted block: every cell goes back, the step is forgotten', async () => {
    const { store } = await openStore({ 'report.writeBatch': () => ({ ok: false, error: { code: 'INVALID', message: '金额超出范围' } }) });
    await store.getState().editFacts([{ ref: basic, value: 100 }], 'a').catch(() => {});
    const saved = await store.getState().editFacts(
      [
        { ref: basic, value: 7 },
        { ref: project, value: 8 },
      ],
      '粘贴',
    );
    expect(saved).toBe(false);
    expect(value(store, basic)).toBe(0);
    expect(value(store, project)).toBe(0);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().errors[factTarget(project)]).toBe('金额超出范围');
  });

  it('keeps one history per year: undo in 2024 never touches 2023', async () => {
    const twoYears: OpenFileInfo = { ...info, years: [2023, 2024] };
    const api = fakeApi({ 'report.load': ({ year }) => ok(loadedYear(year)), 'report.writeBatch': () => ok(null) });
    const store = createSessionStore(api);
    await store.getState().openFile(twoYears);
    expect(store.getState().year).toBe(2024);
    await store.getState().editText('n1.reason', '二〇二四', '一 主要原因');
    await store.getState().loadYear(2023);
    expect(store.getState().history.past).toHaveLength(0);
    await store.getState().editFacts([{ ref: basic, value: 5 }], '2023 基本支出');
    await store.getState().loadYear(2024);
    expect(store.getState().history.past.map((s) => s.label)).toEqual(['一 主要原因']);
    await store.getState().undo();
    await store.getState().undo();
    expect(store.getState().notice?.text).toBe('没有可撤销的操作');
    await store.getState().settled();
    expect(batches(api).map((b) => [b.year, b.facts.length, b.texts.length])).toEqual([
      [2024, 0, 1],
      [2023, 1, 0],
      [2024, 0, 1],
    ]);
    await store.getState().loadYear(2023);
    expect(store.getState().history.past.map((s) => s.label)).toEqual(['2023 基本支出']);
  });

  it('an undo the backend refuses goes back on screen and stays undoable', async () => {
    let refuse = false;
    const { store } = await openStore({ 'report.writeBatch': () => (refuse ? { ok: false, error: { code: 'READ_ONLY', message: '只读' } } : ok(null)) });
    await store.getState().editFacts([{ ref: basic, value: 100 }], 'a');
    refuse = true;
    await store.getState().undo();
    expect(value(store, basic)).toBe(100);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().history.future).toHaveLength(0);
  });

  it('a new edit discards the redo list', async () => {
    const { store } = await openStore();
    await store.getState().editFacts([{ ref: basic, value: 100 }], 'a');
    await store.getState().undo();
    await store.getState().editFacts([{ ref: project, value: 5 }], 'c');
    expect(store.getState().history.future).toHaveLength(0);
    await store.getState().redo();
    expect(store.getState().notice?.text).toBe('没有可重做的操作');
  });

  it('optional facts clear to null and undo back to a number', async () => {
    const { store } = await openStore();
    const budget: FactRef = { kind: 'initialBudget', code: '201' };
    await store.getState().editFacts([{ ref: budget, value: 1_000_000 }], '年初预算');
    await store.getState().editFacts([{ ref: budget, value: null }], '年初预算');
    expect(value(store, budget)).toBeNull();
    await store.getState().undo();
    expect(value(store, budget)).toBe(1_000_000);
  });
});

describe('session store: typed text is committed before the screen changes', () => {
  it('commits an edit in progress before switching year, and stays when it is refused', async () => {
    const twoYears: OpenFileInfo = { ...info, years: [2023, 2024] };
    const api = fakeApi({ 'report.load': ({ year }) => ok(loadedYear(year)), 'report.writeBatch': () => ok(null) });
    const store = createSessionStore(api);
    await store.getState().openFile(twoYears);
    let typed: number | null = 2296;
    const unregister = registerPendingEdit({
      flush: () => {
        if (typed === null) return false;
        void store.getState().editFacts([{ ref: basic, value: typed }], '表03 基本支出');
        return true;
      },
    });
    try {
      store.getState().setTyping(true);
      expect(saveStateOf(store.getState())).toBe('输入中，未保存');
      store.getState().setTyping(false);
      expect(await store.getState().loadYear(2023)).toBe(true);
      expect(batches(api)).toEqual([{ year: 2024, facts: [{ ref: basic, value: 2296 }], texts: [], addItems: [], customCodes: [], action: '表03 基本支出' }]);
      typed = null; // a refused entry: the year does not change
      expect(await store.getState().loadYear(2024)).toBe(false);
      expect(store.getState().year).toBe(2023);
      expect(store.getState().notice?.text).toContain('当前输入的内容有误');
      store.getState().navigate({ kind: 'glossary' });
      expect(store.getState().view).toEqual({ kind: 'guide' }); // a fresh year opens on the guide, and stays there
    } finally {
      unregister();
    }
  });
});

describe('session store: rows and navigation', () => {
  it('adds 项 rows (with codes missing from the catalogue) in one batch, and deletes them', async () => {
    const { api, store } = await openStore({ 'report.deleteItem': () => ok(null) });
    expect(await store.getState().addItems(['2010301', '2011399'], [{ catalogue: 'functional', code: '2011399', name: '其他' }])).toBe(true);
    expect(store.getState().loaded!.report.items.map((i) => i.code)).toEqual(['2010301', '2011399']);
    expect(store.getState().loaded!.customCodes).toEqual([{ catalogue: 'functional', code: '2011399', name: '其他' }]);
    expect(batches(api).at(-1)).toMatchObject({ addItems: ['2010301', '2011399'], facts: [] });
    expect(await store.getState().deleteItem('2011399')).toBe(true);
    expect(store.getState().loaded!.report.items.map((i) => i.code)).toEqual(['2010301']);
    expect(await store.getState().deleteItem('2010301')).toBe(true);
    expect(store.getState().loaded!.report.items).toEqual([]);
    expect(api.calls.map((c) => c.channel)).toContain('report.deleteItem');
  });

  it('showCells opens the table of the first cell and highlights the cells', async () => {
    const { store } = await openStore();
    store.getState().showCells(['03.208.total', '01.L39.amount']);
    expect(store.getState().view).toEqual({ kind: 'table', id: '03' });
    expect(store.getState().highlight?.cells).toEqual(['03.208.total', '01.L39.amount']);
  });
});

describe('session store: a year replaced by an import', () => {
  it('reloads the year and forgets only its undo history', async () => {
    const twoYears: OpenFileInfo = { ...info, years: [2023, 2024] };
    const api = fakeApi({ 'report.load': ({ year }) => ok(loadedYear(year)), 'report.writeBatch': () => ok(null) });
    const store = createSessionStore(api);
    await store.getState().openFile(twoYears);
    await store.getState().editFacts([{ ref: basic, value: 5 }], '2024');
    await store.getState().loadYear(2023);
    await store.getState().editFacts([{ ref: basic, value: 7 }], '2023');
    await store.getState().yearReplaced(twoYears, 2023);
    expect(store.getState().year).toBe(2023);
    expect(store.getState().history.past).toEqual([]);
    expect(store.getState().histories[2024]?.past.map((s) => s.label)).toEqual(['2024']);
    expect(api.calls.filter((c) => c.channel === 'report.load').at(-1)?.request).toEqual({ year: 2023 });
  });
});
