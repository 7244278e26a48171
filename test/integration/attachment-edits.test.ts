/**
 * 附件 edits through the app's write path, end to end under Node: the renderer's session store
 * (renderer/store/session.ts) over the real backend Api (validation, DisclosureRepository.writeBatch,
 * the change log) on a file holding 晋城市商务局 2023 (24 自评表, one 重点评价报告). Each save of a
 * form or report is one transaction, one set of 修改记录 named in Chinese and one undo step; undo
 * and redo write the exact earlier form back — after a deletion too — and a refused save leaves
 * the file, the screen and the history as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api, LoadedYear } from '../../shared/contract/api';
import { type ChangeEntry, targetLabel, valueText } from '../../shared/domain/changeLog';
import { readFact } from '../../shared/domain/model';
import { attachmentNamer, deriveKeyReport, type EvaluationSet, figuresOf, type SelfEvaluationForm } from '../../shared/domain/selfEvaluation';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { createSessionStore, type SessionStore } from '../../renderer/store/session';
import { jinchengFile, ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

const YEAR = 2023;
let api: Api;
let store: SessionStore;
let original: EvaluationSet;
let logStart = 0;

beforeEach(async () => {
  const folder = tempFolder('disclosure-attachment-edits-');
  const host = new ScriptedHost(folder);
  host.openAnswers.push(jinchengFile(folder));
  ({ api } = testBackend(host).backend);
  const info = valueOf(await api.invoke('file.open', {}));
  store = createSessionStore(api);
  await store.getState().openFile(info!);
  original = structuredClone(store.getState().loaded!.evaluation!);
  logStart = (await changes()).length;
});

afterEach(() => releaseAllLocks());

/** The year as stored (read back from the file, not the screen). */
async function stored(): Promise<EvaluationSet> {
  const loaded: LoadedYear = valueOf(await api.invoke('report.load', { year: YEAR }));
  return loaded.evaluation!;
}

async function changes(): Promise<ChangeEntry[]> {
  return valueOf(await api.invoke('report.changes', { year: YEAR }));
}

/** The records since the test began, as the 修改记录 view words them: 操作 | 内容：原值 → 新值. */
async function logLines(): Promise<string[]> {
  const entries = (await changes()).slice(logStart);
  const names = attachmentNamer(entries, await stored());
  return entries.map((e) => `${e.action} | ${targetLabel(e.target, undefined, undefined, names)}：${valueText(e.target, e.before)} → ${valueText(e.target, e.after)}`);
}

const form = (id: string): SelfEvaluationForm => store.getState().loaded!.evaluation!.forms.find((f) => f.id === id)!;

async function save(next: SelfEvaluationForm, label: string, position?: number): Promise<boolean> {
  const ok = await store.getState().editAttachment({ kind: 'form', id: next.id, value: next, ...(position === undefined ? {} : { position }) }, label);
  await store.getState().settled();
  return ok;
}

describe('自评表 edits: one write, one 修改记录, one undo step', () => {
  it('saves an indicator score, records it in Chinese, undoes and redoes it exactly', async () => {
    const f1 = form('f1');
    expect(f1.name).toBe('2023年市级“爱心消费券”专项资金');
    expect(figuresOf(f1, original.settings).totalText).toBe('100');
    const indicators = f1.indicators.map((ind, k) => (k === 5 ? { ...ind, score: 12_500 } : ind));
    expect(await save({ ...f1, indicators }, '自评表“2023年市级“爱心消费券”专项资金”：修改第6行指标“巩固脱贫攻坚成果”的得分')).toBe(true);

    const after = (await stored()).forms[0]!;
    expect(after.indicators[5]!.score).toBe(12_500);
    expect(figuresOf(after, original.settings).totalText).toBe('97.5');
    expect(await logLines()).toEqual([
      '自评表“2023年市级“爱心消费券”专项资金”：修改第6行指标“巩固脱贫攻坚成果”的得分 | 自评表“2023年市级“爱心消费券”专项资金”·绩效指标第6行·得分：15分 → 12.5分',
    ]);
    expect(store.getState().history.past).toHaveLength(1);

    await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).forms).toEqual(original.forms);
    expect(form('f1')).toEqual(original.forms[0]);
    await store.getState().redo();
    await store.getState().settled();
    expect((await stored()).forms[0]!.indicators[5]!.score).toBe(12_500);
    expect((await logLines()).slice(1)).toEqual([
      '撤销：自评表“2023年市级“爱心消费券”专项资金”：修改第6行指标“巩固脱贫攻坚成果”的得分 | 自评表“2023年市级“爱心消费券”专项资金”·绩效指标第6行·得分：12.5分 → 15分',
      '重做：自评表“2023年市级“爱心消费券”专项资金”：修改第6行指标“巩固脱贫攻坚成果”的得分 | 自评表“2023年市级“爱心消费券”专项资金”·绩效指标第6行·得分：15分 → 12.5分',
    ]);
  });

  it('deletes a form and undo puts back exactly that form at its place', async () => {
    const f3 = original.forms[2]!;
    expect(f3.name).toBe('变压器更换');
    expect(await store.getState().editAttachment({ kind: 'form', id: 'f3', value: null }, '自评表“变压器更换”：删除')).toBe(true);
    await store.getState().settled();
    expect((await stored()).forms.map((f) => f.id)).not.toContain('f3');
    expect((await stored()).forms).toHaveLength(23);
    expect(await logLines()).toEqual(['自评表“变压器更换”：删除 | 自评表“变压器更换”：“变压器更换” → （空）']);

    await store.getState().undo();
    await store.getState().settled();
    const back = await stored();
    expect(back.forms.map((f) => f.id)).toEqual(original.forms.map((f) => f.id));
    expect(back.forms[2]).toEqual(f3);
    expect(store.getState().loaded!.evaluation!.forms).toEqual(original.forms);
    expect((await logLines())[1]).toBe('撤销：自评表“变压器更换”：删除 | 自评表“变压器更换”：（空） → “变压器更换”');
  });

  it('copies and moves forms as steps of their own', async () => {
    const copy = { ...structuredClone(form('f1')), id: 'f25', name: '2023年市级“爱心消费券”专项资金（副本）', printed: {} };
    await save(copy, '自评表“2023年市级“爱心消费券”专项资金（副本）”：复制', 1);
    await save(form('f4'), '自评表“出口信用保险”：上移', 2);
    expect((await stored()).forms.slice(0, 5).map((f) => f.id)).toEqual(['f1', 'f25', 'f4', 'f2', 'f3']);
    expect(await logLines()).toEqual([
      '自评表“2023年市级“爱心消费券”专项资金（副本）”：复制 | 自评表“2023年市级“爱心消费券”专项资金（副本）”：（空） → “2023年市级“爱心消费券”专项资金（副本）”',
      '自评表“出口信用保险”：上移 | 自评表“出口信用保险”·排列顺序：第5张 → 第3张',
    ]);
    await store.getState().undo();
    await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).forms).toEqual(original.forms);
  });

  it('undoes a table edit and a form edit in the order they were made', async () => {
    const ref = { kind: 'operatingCost' } as const;
    await store.getState().editFacts([{ ref, value: 123_400 }], '机关运行经费');
    await save({ ...form('f2'), manager: '李四' }, '自评表“2023年遗属补助”：修改项目负责人');
    await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).forms[1]!.manager).toBe(original.forms[1]!.manager);
    // The form's step is undone; the table edit before it is not (yet).
    const loaded: LoadedYear = valueOf(await api.invoke('report.load', { year: YEAR }));
    expect(readFact(loaded.report, ref)).toBe(123_400);
    await store.getState().undo();
    await store.getState().settled();
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().history.future).toHaveLength(2);
    expect((await stored()).forms).toEqual(original.forms);
    expect(readFact(valueOf(await api.invoke('report.load', { year: YEAR })).report, ref)).not.toBe(123_400);
  });

  it('refuses a form the file cannot hold: nothing stored, logged or kept in the history, and says why in Chinese', async () => {
    const ok = await save({ ...form('f1'), name: '' }, '自评表“”：修改项目名称');
    expect(ok).toBe(false);
    expect(store.getState().notice?.text).toMatch(/项目名称不能为空/u);
    expect(form('f1')).toEqual(original.forms[0]);
    expect(store.getState().history.past).toHaveLength(0);
    expect((await stored()).forms).toEqual(original.forms);
    expect(await logLines()).toEqual([]);
  });

  it('writes a batch all or nothing: a fact beside a bad form is not written either', async () => {
    const result = await api.invoke('report.writeBatch', {
      year: YEAR,
      facts: [{ ref: { kind: 'operatingCost' }, value: 500 }],
      texts: [],
      addItems: [],
      customCodes: [],
      attachments: [{ kind: 'form', id: 'f1', form: { ...original.forms[0]!, funds: { ...original.forms[0]!.funds, city: { declared: 0, initial: 0, budget: -1, spent: 0 } } }, position: 0 }],
    });
    expect(result.ok).toBe(false);
    expect(await logLines()).toEqual([]);
  });

  it('refuses every 附件 edit of a published (定稿) year before anything changes', async () => {
    valueOf(await api.invoke('report.publish', { year: YEAR }));
    await store.getState().loadYear(YEAR);
    expect(await save({ ...form('f1'), manager: '王五' }, '自评表“…”：修改项目负责人')).toBe(false);
    expect(store.getState().notice?.text).toMatch(/已定稿/u);
    const direct = await api.invoke('report.writeBatch', {
      year: YEAR,
      facts: [],
      texts: [],
      addItems: [],
      customCodes: [],
      attachments: [{ kind: 'form', id: 'f1', form: null, position: 0 }],
    });
    expect(direct.ok ? null : direct.error.code).toBe('READ_ONLY');
    expect((await stored()).forms).toEqual(original.forms);
  });
});

describe('重点评价报告 edits', () => {
  it('saves a section’s text, a new section and a score; undo restores the report exactly', async () => {
    const k1 = store.getState().loaded!.evaluation!.keyReports[0]!;
    expect(deriveKeyReport(k1, original.settings).totalText).toBe('100');
    const edit = (label: string, value: typeof k1) => store.getState().editAttachment({ kind: 'keyReport', id: 'k1', value }, label);
    await edit('重点评价报告“…”：修改第30节的正文', { ...k1, sections: k1.sections.map((s, n) => (n === 29 ? { ...s, text: '建议加快资金拨付进度。' } : s)) });
    const current = () => store.getState().loaded!.evaluation!.keyReports[0]!;
    await edit('重点评价报告“…”：添加第31节', { ...current(), sections: [...current().sections, { heading: '七、其他需要说明的问题', level: 1, text: '无。' }] });
    await edit('重点评价报告“…”：修改第1行评分表指标的得分', { ...current(), indicators: current().indicators.map((ind, n) => (n === 0 ? { ...ind, score: 1_000 } : ind)) });
    await store.getState().settled();

    const saved = (await stored()).keyReports[0]!;
    expect(saved.sections).toHaveLength(31);
    expect(saved.sections[29]!.text).toBe('建议加快资金拨付进度。');
    const fig = deriveKeyReport(saved, original.settings);
    expect([fig.totalText, fig.grade]).toEqual(['99', '优']);
    expect((await logLines()).map((l) => l.split(' | ')[1])).toEqual([
      '重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·第30节·正文：“无。” → “建议加快资金拨付进度。”',
      '重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·第31节：（空） → “七、其他需要说明的问题”（2字）',
      '重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·评分表第1行·得分：2分 → 1分',
    ]);

    for (let n = 0; n < 3; n++) await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).keyReports).toEqual(original.keyReports);
  });

  it('adds a report, deletes it, and undoes both', async () => {
    const report = { ...structuredClone(original.keyReports[0]!), id: 'k2', title: '2023年度外贸发展专项资金重点评价报告', printed: {} };
    await store.getState().editAttachment({ kind: 'keyReport', id: 'k2', value: report }, '重点评价报告“2023年度外贸发展专项资金重点评价报告”：新建');
    await store.getState().editAttachment({ kind: 'keyReport', id: 'k1', value: null }, '重点评价报告“…”：删除');
    await store.getState().settled();
    expect((await stored()).keyReports.map((r) => r.id)).toEqual(['k2']);
    await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).keyReports).toEqual([original.keyReports[0], report]);
    await store.getState().undo();
    await store.getState().settled();
    expect((await stored()).keyReports).toEqual(original.keyReports);
  });
});
