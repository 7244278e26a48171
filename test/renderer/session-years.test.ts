/** The session store and the change log / 定稿: each batch names its action; a published year refuses edits before sending. */
import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo, WriteBatch } from '../../shared/contract/api';
import { type Department, emptyReport, type FactRef, readFact } from '../../shared/domain/model';
import { createSessionStore } from '../../renderer/store/session';
import { fakeApi, ok } from './fakeApi';

const department: Department = { name: '阳泉市商务局', unitKind: '行政单位', subordinateUnits: [] };
const info: OpenFileInfo = { name: '阳泉.jsgk', location: '/tmp', department, years: [2023, 2024], backupName: null };
const basic: FactRef = { kind: 'item', code: '2011301', field: 'expenditure.basic' };

async function open(publication: LoadedYear['publication']) {
  const api = fakeApi({
    'report.load': ({ year }) => ok({ department, report: emptyReport(year), customCodes: [], lastYear: null, publication: year === 2024 ? publication : null }),
    'report.writeBatch': () => ok(null),
  });
  const store = createSessionStore(api);
  await store.getState().openFile(info);
  const batches = () => api.calls.filter((c) => c.channel === 'report.writeBatch').map((c) => c.request as WriteBatch);
  return { store, batches };
}

describe('session store: actions in the change log', () => {
  it('sends the step label as the batch action, and 撤销：/重做： for undo and redo', async () => {
    const { store, batches } = await open(null);
    await store.getState().editFacts([{ ref: basic, value: 100 }], '粘贴 1 行到公开03表');
    await store.getState().undo();
    await store.getState().redo();
    await store.getState().editText('n1.reason', '项目增加', '一、 变动的主要原因');
    await store.getState().settled();
    expect(batches().map((b) => b.action)).toEqual(['粘贴 1 行到公开03表', '撤销：粘贴 1 行到公开03表', '重做：粘贴 1 行到公开03表', '一、 变动的主要原因']);
  });
});

describe('session store: a published year', () => {
  it('refuses edits, undo and text before anything is applied or sent, with the 定稿 message', async () => {
    const { store, batches } = await open({ at: '2025-03-01T02:00:00.000Z', by: '李会计' });
    expect(store.getState().year).toBe(2024);
    expect(await store.getState().editFacts([{ ref: basic, value: 100 }], '表03 基本支出')).toBe(false);
    expect(await store.getState().editText('n1.reason', '改', '原因')).toBe(false);
    expect(readFact(store.getState().loaded!.report, basic)).toBe(0);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().notice?.text).toBe('2024年度已定稿，数据为只读，本次修改未保存。如确需修改，请先“取消定稿”并填写原因。');
    expect(batches()).toEqual([]);
    // 2023 is a draft: edits go through.
    await store.getState().loadYear(2023);
    expect(await store.getState().editFacts([{ ref: basic, value: 100 }], '表03 基本支出')).toBe(true);
    expect(batches()).toHaveLength(1);
  });
});
