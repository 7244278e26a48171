/**
 * 附件 writes from the screen: each user action sends one request (a whole form is saved in one
 * transaction), and the loaded year's `evaluation` is replaced by a new object so everything
 * derived from it (十（四）, the checks, the list) recomputes. Writes go out one at a time, in order;
 * a refused write puts the last saved state back and shows the Chinese message.
 */
import type { Api, FormImportSummary } from '../../../shared/contract/api';
import {
  emptyEvaluationSet,
  emptyForm,
  type EvaluationSet,
  type EvaluationSettings,
  nextId,
  type SelfEvaluationForm,
} from '../../../shared/domain/selfEvaluation';
import { getApi } from '../../api/client';
import { actions, sessionStore } from '../../store/useSession';

let queue: Promise<unknown> = Promise.resolve();
let pending = 0;
const listeners = new Set<() => void>();

/** Saves in flight (for the 保存中… line of the editor). */
export function pendingSaves(): number {
  return pending;
}

export function onSavesChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function api(): Api {
  return getApi();
}

export function currentSet(): EvaluationSet {
  return sessionStore().getState().loaded?.evaluation ?? emptyEvaluationSet();
}

function setLocal(set: EvaluationSet): void {
  const loaded = sessionStore().getState().loaded;
  if (loaded) sessionStore().setState({ loaded: { ...loaded, evaluation: set } });
}

function year(): number | null {
  return sessionStore().getState().loaded?.report.year ?? null;
}

/**
 * Runs a write after the ones before it; resolves to `{ value }` when saved. On refusal restores
 * `before`, shows the message and resolves to null.
 */
function write<T>(before: EvaluationSet, send: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<{ value: T } | null> {
  pending += 1;
  listeners.forEach((l) => l());
  const run = queue.then(async () => {
    try {
      const result = await send();
      if (result.ok) return { value: result.value };
      setLocal(before);
      actions().notify('error', result.error.message);
      return null;
    } finally {
      pending -= 1;
      listeners.forEach((l) => l());
    }
  });
  queue = run.catch(() => undefined);
  return run;
}

export function saveForm(form: SelfEvaluationForm, position?: number): Promise<boolean> {
  const y = year();
  if (y === null) return Promise.resolve(false);
  const before = currentSet();
  const forms = [...before.forms];
  const at = forms.findIndex((f) => f.id === form.id);
  if (at >= 0 && position === undefined) forms[at] = form;
  else {
    if (at >= 0) forms.splice(at, 1);
    forms.splice(position ?? forms.length, 0, form);
  }
  setLocal({ ...before, forms });
  return write(before, () => api().invoke('evaluation.saveForm', { year: y, form, ...(position === undefined ? {} : { position }) })).then((v) => v !== null);
}

/** A new, empty form after the others (or at `position`); returns its id. */
export async function addForm(name: string, position?: number): Promise<string | null> {
  const set = currentSet();
  const loaded = sessionStore().getState().loaded;
  const department = loaded?.department.name ?? '';
  // A new form starts with the department as 主管部门, 单位 and 盖章, and the year.
  const form = { ...emptyForm(nextId('f', set.forms.map((f) => f.id)), name), department, unit: department, seal: department, evaluationYear: loaded ? `${loaded.report.year}年度` : '' };
  return (await saveForm(form, position)) ? form.id : null;
}

export function deleteForm(id: string): Promise<boolean> {
  const y = year();
  if (y === null) return Promise.resolve(false);
  const before = currentSet();
  setLocal({ ...before, forms: before.forms.filter((f) => f.id !== id) });
  return write(before, () => api().invoke('evaluation.deleteForm', { year: y, id })).then((v) => v !== null);
}

export async function copyForm(id: string): Promise<string | null> {
  const y = year();
  if (y === null) return null;
  const before = currentSet();
  const saved = await write(before, () => api().invoke('evaluation.copyForm', { year: y, id }));
  if (!saved) return null;
  const copy = saved.value;
  const forms = [...currentSet().forms];
  const at = forms.findIndex((f) => f.id === id);
  forms.splice(at + 1, 0, copy);
  setLocal({ ...currentSet(), forms });
  return copy.id;
}

/** Moves a form up or down one place. */
export function moveForm(id: string, by: -1 | 1): Promise<boolean> {
  const y = year();
  if (y === null) return Promise.resolve(false);
  const before = currentSet();
  const forms = [...before.forms];
  const at = forms.findIndex((f) => f.id === id);
  const to = at + by;
  if (at < 0 || to < 0 || to >= forms.length) return Promise.resolve(false);
  const [moved] = forms.splice(at, 1);
  forms.splice(to, 0, moved!);
  setLocal({ ...before, forms });
  return write(before, () => api().invoke('evaluation.reorderForms', { year: y, ids: forms.map((f) => f.id) })).then((v) => v !== null);
}

export function saveSettings(settings: EvaluationSettings): Promise<boolean> {
  const y = year();
  if (y === null) return Promise.resolve(false);
  const before = currentSet();
  setLocal({ ...before, settings });
  return write(before, () => api().invoke('evaluation.saveSettings', { year: y, settings })).then((v) => v !== null);
}

/** Imports the forms of an .xlsx chosen in the page; reloads the year to show them. */
export async function importWorkbook(file: File): Promise<FormImportSummary | null> {
  const y = year();
  if (y === null) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const result = await write(currentSet(), () => api().invoke('evaluation.importWorkbook', { year: y, fileName: file.name, data: btoa(binary) }));
  if (result) await actions().loadYear(y);
  return result?.value ?? null;
}
