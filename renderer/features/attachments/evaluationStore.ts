/**
 * 附件 writes from the screen. Saving, adding, copying, moving or deleting a 自评表 or a 重点评价报告
 * is one action of the session store: applied at once, sent as one batch (one transaction, recorded
 * in the 修改记录 field by field) and one undo/redo step, in order with the table edits. Its label
 * names the form and what changed (`自评表“…”：修改绩效指标第6行得分`).
 *
 * 自评设置 and the Excel import are written on their own, after the edits before them; they are not
 * undo steps (an import forgets the undo steps of the forms it replaced).
 */
import type { FormImportSummary } from '../../../shared/contract/api';
import {
  emptyEvaluationSet,
  emptyForm,
  emptyKeyReport,
  type EvaluationSet,
  type EvaluationSettings,
  type KeyEvaluationReport,
  nextId,
  type SelfEvaluationForm,
} from '../../../shared/domain/selfEvaluation';
import { getApi } from '../../api/client';
import { actions, sessionStore } from '../../store/useSession';

/** How much of a name an action label shows (labels are at most 200 characters). */
const NAME_IN_LABEL = 40;

function short(name: string): string {
  const one = name.replace(/\s+/gu, ' ').trim();
  return one.length > NAME_IN_LABEL ? `${one.slice(0, NAME_IN_LABEL)}…` : one;
}

/** `自评表“跨境电商公共海外仓建设”：修改项目负责人` */
export function formLabel(name: string, what: string): string {
  return `自评表“${short(name) || '未命名项目'}”：${what}`;
}

export function keyReportLabel(title: string, what: string): string {
  return `重点评价报告“${short(title) || '未命名报告'}”：${what}`;
}

export function currentSet(): EvaluationSet {
  return sessionStore().getState().loaded?.evaluation ?? emptyEvaluationSet();
}

function year(): number | null {
  return sessionStore().getState().loaded?.report.year ?? null;
}

// --- 自评表 -----------------------------------------------------------------------------------

/** Saves a whole form (at `position` when it moves); `what` says what changed. */
export function saveForm(form: SelfEvaluationForm, what: string, position?: number): Promise<boolean> {
  return actions().editAttachment({ kind: 'form', id: form.id, value: form, ...(position === undefined ? {} : { position }) }, formLabel(form.name, what));
}

/** A new, empty form after the others; returns its id. */
export async function addForm(name: string): Promise<string | null> {
  const set = currentSet();
  const loaded = sessionStore().getState().loaded;
  const department = loaded?.department.name ?? '';
  // A new form starts with the department as 主管部门, 单位 and 盖章, and the year.
  const form = { ...emptyForm(nextId('f', set.forms.map((f) => f.id)), name), department, unit: department, seal: department, evaluationYear: loaded ? `${loaded.report.year}年度` : '' };
  return (await saveForm(form, '新建')) ? form.id : null;
}

export function deleteForm(id: string): Promise<boolean> {
  const form = currentSet().forms.find((f) => f.id === id);
  if (!form) return Promise.resolve(false);
  return actions().editAttachment({ kind: 'form', id, value: null }, formLabel(form.name, '删除'));
}

/** A copy of a form right after it, named `…（副本）`, without the source's printed figures; returns its id. */
export async function copyForm(id: string): Promise<string | null> {
  const set = currentSet();
  const at = set.forms.findIndex((f) => f.id === id);
  const source = set.forms[at];
  if (!source) return null;
  const copy: SelfEvaluationForm = { ...structuredClone(source), id: nextId('f', set.forms.map((f) => f.id)), name: `${source.name}（副本）`, printed: {} };
  return (await saveForm(copy, `复制自“${short(source.name)}”`, at + 1)) ? copy.id : null;
}

/** Moves a form up or down one place. */
export function moveForm(id: string, by: -1 | 1): Promise<boolean> {
  const forms = currentSet().forms;
  const at = forms.findIndex((f) => f.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= forms.length) return Promise.resolve(false);
  return saveForm(forms[at]!, by < 0 ? '上移' : '下移', to);
}

// --- 重点评价报告 -----------------------------------------------------------------------------

export function saveKeyReport(report: KeyEvaluationReport, what: string, position?: number): Promise<boolean> {
  return actions().editAttachment({ kind: 'keyReport', id: report.id, value: report, ...(position === undefined ? {} : { position }) }, keyReportLabel(report.title, what));
}

/** A new report after the others, with the headings such a report has; returns its id. */
export async function addKeyReport(): Promise<string | null> {
  const y = year();
  const report = emptyKeyReport(nextId('k', currentSet().keyReports.map((r) => r.id)), `${y ?? ''}年度项目重点评价报告`);
  return (await saveKeyReport(report, '新建')) ? report.id : null;
}

export function deleteKeyReport(id: string): Promise<boolean> {
  const report = currentSet().keyReports.find((r) => r.id === id);
  if (!report) return Promise.resolve(false);
  return actions().editAttachment({ kind: 'keyReport', id, value: null }, keyReportLabel(report.title, '删除'));
}

// --- settings and import ----------------------------------------------------------------------

function setLocal(set: EvaluationSet): void {
  const loaded = sessionStore().getState().loaded;
  if (loaded) sessionStore().setState({ loaded: { ...loaded, evaluation: set } });
}

export async function saveSettings(settings: EvaluationSettings): Promise<boolean> {
  const y = year();
  if (y === null) return false;
  const before = currentSet();
  setLocal({ ...before, settings });
  await actions().settled();
  const result = await getApi().invoke('evaluation.saveSettings', { year: y, settings });
  if (result.ok) return true;
  if (currentSet().settings === settings) setLocal({ ...currentSet(), settings: before.settings });
  actions().notify('error', result.error.message);
  return false;
}

/** Imports the forms of an .xlsx chosen in the page; reloads the year to show them. */
export async function importWorkbook(file: File): Promise<FormImportSummary | null> {
  const y = year();
  if (y === null) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  await actions().settled();
  const result = await getApi().invoke('evaluation.importWorkbook', { year: y, fileName: file.name, data: btoa(binary) });
  if (!result.ok) {
    actions().notify('error', result.error.message);
    return null;
  }
  await actions().loadYear(y);
  const names = new Set([...result.value.added, ...result.value.replaced]);
  actions().forgetAttachments(y, 'form', currentSet().forms.filter((f) => names.has(f.name)).map((f) => f.id));
  return result.value;
}
