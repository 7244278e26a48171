import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo } from '../../shared/contract/api';
import { type Department, emptyReport, type FactRef, readFact } from '../../shared/domain/model';
import { createSessionStore, factTarget, saveStateOf } from '../../renderer/store/session';
import { fakeApi, ok, type Handlers } from './fakeApi';

const department: Department = { name: '晋城市商务局', unitKind: '行政单位', subordinateUnits: [] };
const info: OpenFileInfo = { name: '晋城市商务局.jsgk', location: '/tmp', department, years: [2023], backupName: null };
const basic: FactRef = { kind: 'item', code: '2010301', field: 'expenditure.basic' };
const project: FactRef = { kind: 'item', code: '2010301', field: 'expenditure.project' };

function loadedYear(): LoadedYear {
  return { department, report: emptyReport(2023), customCodes: [], lastYear: null };
}

async function openStore(extra: Handlers = {}) {
  const api = fakeApi({
    'report.load': () => ok(loadedYear()),
    'report.writeFact': () => ok(null),
    'report.writeText': () => ok(null),
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
    const writes = api.calls.filter((c) => c.channel === 'report.writeFact');
    expect(writes).toEqual([{ channel: 'report.writeFact', request: { year: 2023, ref: basic, value: 1_234_560_000 } }]);
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('does not write or record an edit that changes nothing', async () => {
    const { api, store } = await openStore();
    await store.getState().editFacts([{ ref: basic, value: 0 }], 'x');
    expect(api.calls.filter((c) => c.channel === 'report.writeFact')).toHaveLength(0);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('reverts a refused write, keeps the message by the cell and forgets the step', async () => {
    const { store } = await openStore({
      'report.writeFact': () => ({ ok: false, error: { code: 'USER', message: '该文件为只读，无法保存' } }),
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
      'report.writeFact': () => (++calls === 1 ? { ok: false, error: { code: 'USER', message: '拒绝' } } : ok(null)),
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
    const texts = api.calls.filter((c) => c.channel === 'report.writeText').map((c) => c.request);
    expect(texts).toEqual([
      { year: 2023, key: 'n1.reason', value: '业务量增加' },
      { year: 2023, key: 'n1.reason', value: '' },
    ]);
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
    const values = api.calls.filter((c) => c.channel === 'report.writeFact').map((c) => (c.request as { value: number }).value);
    expect(values).toEqual([100, 300, 100, 0, 100]);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().history.future).toHaveLength(1);
  });

  it('treats a pasted block as one step', async () => {
    const { store } = await openStore();
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

describe('session store: rows and navigation', () => {
  it('adds and deletes 项 rows through the backend', async () => {
    const { api, store } = await openStore({ 'report.addItem': () => ok(null), 'report.deleteItem': () => ok(null) });
    expect(await store.getState().addItem('2010301')).toBe(true);
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
