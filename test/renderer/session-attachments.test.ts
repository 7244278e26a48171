/**
 * The session store's 附件 edits with a fake Api: the batch a form save sends (the form whole, at
 * its place, with the action's label), undo of a deletion putting back the very form object, and
 * a refused save that does not undo a newer one typed while it was in flight.
 */
import { describe, expect, it } from 'vitest';
import type { LoadedYear, OpenFileInfo, WriteBatch } from '../../shared/contract/api';
import { type Department, emptyReport } from '../../shared/domain/model';
import { emptyEvaluationSet, emptyForm, emptyKeyReport, type EvaluationSet } from '../../shared/domain/selfEvaluation';
import { createSessionStore } from '../../renderer/store/session';
import { fakeApi, ok, type FakeApi, type Handlers } from './fakeApi';

const department: Department = { name: '阳泉市商务局', unitKind: '行政单位', subordinateUnits: [] };
const info: OpenFileInfo = { name: '阳泉市商务局.jsgk', location: '/tmp', department, years: [2024], backupName: null };

function evaluation(): EvaluationSet {
  const set = emptyEvaluationSet();
  set.forms = [emptyForm('f1', '内贸流通统计监测工作经费'), emptyForm('f2', '电子商务进农村'), emptyForm('f3', '商务执法')];
  set.keyReports = [emptyKeyReport('k1', '2024年度商务发展专项资金重点评价报告')];
  return set;
}

async function openStore(extra: Handlers = {}) {
  const set = evaluation();
  const loaded: LoadedYear = { department, report: emptyReport(2024), customCodes: [], lastYear: null, evaluation: set };
  const api = fakeApi({ 'report.load': () => ok(loaded), 'report.writeBatch': () => ok(null), ...extra });
  const store = createSessionStore(api);
  await store.getState().openFile(info);
  return { api, store, set };
}

function batches(api: FakeApi): WriteBatch[] {
  return api.calls.filter((c) => c.channel === 'report.writeBatch').map((c) => c.request as WriteBatch);
}

describe('session store: 附件 edits', () => {
  it('sends a form save as one batch with the form whole at its place and the step’s label', async () => {
    const { api, store, set } = await openStore();
    const changed = { ...set.forms[1]!, manager: '刘广顺' };
    await store.getState().editAttachment({ kind: 'form', id: 'f2', value: changed }, '自评表“电子商务进农村”：修改项目负责人');
    await store.getState().settled();
    expect(batches(api)).toEqual([
      { year: 2024, facts: [], texts: [], addItems: [], customCodes: [], attachments: [{ kind: 'form', id: 'f2', form: changed, position: 1 }], action: '自评表“电子商务进农村”：修改项目负责人' },
    ]);
    expect(store.getState().loaded!.evaluation!.forms[1]).toBe(changed);
    expect(store.getState().history.past.map((s) => s.label)).toEqual(['自评表“电子商务进农村”：修改项目负责人']);
  });

  it('does not write or record a save that changes nothing', async () => {
    const { api, store, set } = await openStore();
    await store.getState().editAttachment({ kind: 'form', id: 'f1', value: structuredClone(set.forms[0]!) }, 'x');
    expect(batches(api)).toHaveLength(0);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('undoes a deletion with the very form that was deleted, at its place, and redoes it', async () => {
    const { api, store, set } = await openStore();
    const f2 = set.forms[1]!;
    await store.getState().editAttachment({ kind: 'form', id: 'f2', value: null }, '自评表“电子商务进农村”：删除');
    expect(store.getState().loaded!.evaluation!.forms.map((f) => f.id)).toEqual(['f1', 'f3']);
    await store.getState().undo();
    await store.getState().settled();
    expect(store.getState().loaded!.evaluation!.forms[1]).toBe(f2);
    expect(batches(api)[1]!.attachments).toEqual([{ kind: 'form', id: 'f2', form: f2, position: 1 }]);
    expect(batches(api)[1]!.action).toBe('撤销：自评表“电子商务进农村”：删除');
    await store.getState().redo();
    await store.getState().settled();
    expect(store.getState().loaded!.evaluation!.forms.map((f) => f.id)).toEqual(['f1', 'f3']);
    expect(batches(api)[2]!.attachments).toEqual([{ kind: 'form', id: 'f2', form: null, position: 0 }]);
  });

  it('puts a refused save back, unless a newer save of the same form is on screen', async () => {
    let calls = 0;
    const { store, set } = await openStore({
      'report.writeBatch': () => (++calls === 1 ? { ok: false, error: { code: 'READ_ONLY', message: '该文件为只读，无法保存' } } : ok(null)),
    });
    const first = { ...set.keyReports[0]!, projectName: '商务发展' };
    const second = { ...first, conclusion: '资金使用规范，效果明显。' };
    const a = store.getState().editAttachment({ kind: 'keyReport', id: 'k1', value: first }, '重点评价报告：修改评价项目');
    const b = store.getState().editAttachment({ kind: 'keyReport', id: 'k1', value: second }, '重点评价报告：修改评价结论');
    expect(await a).toBe(false);
    expect(await b).toBe(true);
    expect(store.getState().loaded!.evaluation!.keyReports[0]).toBe(second);
    expect(store.getState().history.past.map((s) => s.label)).toEqual(['重点评价报告：修改评价结论']);
    expect(store.getState().notice?.text).toBe('该文件为只读，无法保存');

    // Refused alone: the report on screen goes back to what was stored.
    calls = 0;
    const third = { ...second, funds: 150_000_000 };
    expect(await store.getState().editAttachment({ kind: 'keyReport', id: 'k1', value: third }, '重点评价报告：修改涉及资金')).toBe(false);
    expect(store.getState().loaded!.evaluation!.keyReports[0]).toBe(second);
  });
});
