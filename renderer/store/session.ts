/**
 * The session store: the open file, the loaded year, the local copy of its Report, the
 * edit history and the save state.
 *
 * Every edit is applied to the local Report at once (copy-on-write, so the derived view
 * recomputes from the new object) and sent as one small write; writes go out one at a time
 * in order. When the backend refuses a write, the fact goes back to its old value, the
 * change leaves the history and the Chinese message is kept by the cell (`errors`).
 *
 * Plain zustand (vanilla) with the Api injected, so it is tested under Node with a fake Api.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api, ApiError, LoadedYear, OpenFileInfo } from '../../shared/contract/api';
import { type Department, type FactRef, factRefKey, type ReportSettings } from '../../shared/domain/model';
import { type Change, changeTarget, emptyHistory, forget, type History, record, redo, type Step, undo } from './history';
import { factValue, textValue, withFact, withItem, withoutItem, withSettings, withText } from './reportEdit';
import type { TableId } from '../../shared/domain/tables/types';
import { tableOfCell, type View } from './view';
import { WriteQueue } from './writeQueue';

export type SaveState = '已保存' | '保存中…' | '保存失败';

/** A value being typed, not yet committed: derived cells follow it live. */
export interface Draft {
  ref: FactRef;
  value: number | null;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** Increases with every notice so an identical message shows again. */
  seq: number;
}

export interface SessionState {
  screen: 'start' | 'workspace';
  file: OpenFileInfo | null;
  year: number | null;
  /** The loaded year; `report` is the local copy with every edit applied. */
  loaded: LoadedYear | null;
  loading: boolean;
  history: History;
  pendingWrites: number;
  /** The last refused write's message until a later write succeeds. */
  saveError: string | null;
  /** Messages of refused writes by target: `factRefKey(ref)` or `text/{key}`. */
  errors: Record<string, string>;
  notice: Notice | null;
  view: View;
  /** Cells to highlight (from the check panel); `seq` changes on every request. */
  highlight: { cells: string[]; seq: number } | null;
  draft: Draft | null;
}

export interface FactInput {
  ref: FactRef;
  value: number | null;
}

export interface SessionActions {
  openFile(info: OpenFileInfo): Promise<void>;
  closeFile(): Promise<void>;
  /** 另存为: the session continues in the copy (same years, same report). */
  fileChanged(info: OpenFileInfo): void;
  loadYear(year: number): Promise<boolean>;
  createYear(): Promise<void>;
  /** One user action over one or more facts of the loaded year (one undo step). */
  editFacts(inputs: readonly FactInput[], label: string): Promise<boolean>;
  editText(key: string, value: string, label: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  addItem(code: string): Promise<boolean>;
  deleteItem(code: string): Promise<boolean>;
  updateSettings(patch: Partial<ReportSettings>): Promise<boolean>;
  updateDepartment(department: Department): Promise<boolean>;
  /** Adds a 支出功能分类 code missing from the shipped catalogue to the file. */
  addCustomCode(code: string, name: string): Promise<boolean>;
  navigate(view: View): void;
  /** Opens the table of the first cell (or the given table) and highlights the cells. */
  showCells(cells: readonly string[], table?: TableId): void;
  setDraft(draft: Draft | null): void;
  clearError(target: string): void;
  notify(kind: Notice['kind'], text: string): void;
  /** Resolves when every write sent so far has settled (tests, closing). */
  settled(): Promise<void>;
}

export type Session = SessionState & SessionActions;
export type SessionStore = StoreApi<Session>;

export function factTarget(ref: FactRef): string {
  return factRefKey(ref);
}

export function textTarget(key: string): string {
  return `text/${key}`;
}

export function saveStateOf(state: Pick<SessionState, 'pendingWrites' | 'saveError'>): SaveState {
  if (state.pendingWrites > 0) return '保存中…';
  return state.saveError ? '保存失败' : '已保存';
}

const INITIAL: SessionState = {
  screen: 'start',
  file: null,
  year: null,
  loaded: null,
  loading: false,
  history: emptyHistory,
  pendingWrites: 0,
  saveError: null,
  errors: {},
  notice: null,
  view: { kind: 'table', id: '01' },
  highlight: null,
  draft: null,
};

function sameValue(a: number | null, b: number | null): boolean {
  return a === b;
}

export function createSessionStore(api: Api): SessionStore {
  let noticeSeq = 0;
  let highlightSeq = 0;

  return createStore<Session>()((set, get) => {
    const queue = new WriteQueue((pending) => set({ pendingWrites: pending }));

    const notify = (kind: Notice['kind'], text: string) => set({ notice: { kind, text, seq: ++noticeSeq } });

    const setError = (target: string, message: string | null) => {
      const errors = { ...get().errors };
      if (message === null) delete errors[target];
      else errors[target] = message;
      set({ errors });
    };

    /** Applies one change to the local report when it belongs to the loaded year. */
    const applyLocal = (change: Change) => {
      const loaded = get().loaded;
      if (!loaded || loaded.report.year !== change.year) return;
      const report =
        change.kind === 'fact' ? withFact(loaded.report, change.ref, change.after) : withText(loaded.report, change.key, change.after);
      set({ loaded: { ...loaded, report } });
    };

    /** Puts the old value back if nothing newer has been typed over the refused one. */
    const revertLocal = (change: Change) => {
      const loaded = get().loaded;
      if (!loaded || loaded.report.year !== change.year) return;
      if (change.kind === 'fact') {
        if (!sameValue(factValue(loaded.report, change.ref), change.after)) return;
        set({ loaded: { ...loaded, report: withFact(loaded.report, change.ref, change.before) } });
      } else {
        if (textValue(loaded.report, change.key) !== change.after) return;
        set({ loaded: { ...loaded, report: withText(loaded.report, change.key, change.before) } });
      }
    };

    const targetOf = (change: Change) => (change.kind === 'fact' ? factTarget(change.ref) : textTarget(change.key));

    /** Sends one change; on refusal reverts it locally and keeps the message by its cell. */
    const send = (change: Change, onRefused: (error: ApiError) => void): Promise<boolean> =>
      queue.run(async () => {
        const result =
          change.kind === 'fact'
            ? await api.invoke('report.writeFact', { year: change.year, ref: change.ref, value: change.after })
            : await api.invoke('report.writeText', { year: change.year, key: change.key, value: change.after });
        if (result.ok) {
          if (get().saveError !== null) set({ saveError: null });
          if (get().errors[targetOf(change)] !== undefined) setError(targetOf(change), null);
          return true;
        }
        revertLocal(change);
        setError(targetOf(change), result.error.message);
        set({ saveError: result.error.message });
        onRefused(result.error);
        return false;
      });

    /** Applies a new step's changes, records it, sends them; resolves to whether all were saved. */
    const commit = async (step: Step): Promise<boolean> => {
      if (step.changes.length === 0) return true;
      for (const change of step.changes) {
        applyLocal(change);
        setError(targetOf(change), null);
      }
      set({ history: record(get().history, step), draft: null });
      const results = await Promise.all(
        step.changes.map((change) =>
          send(change, (error) => {
            set({ history: forget(get().history, change) });
            notify('error', error.message);
          }),
        ),
      );
      return results.every(Boolean);
    };

    /** Undo/redo: the history has moved already; apply and send the step's writes. */
    const replay = async (apply: Change[], verb: string, label: string) => {
      for (const change of apply) applyLocal(change);
      set({ draft: null });
      const current = get().year;
      const elsewhere = apply.some((c) => c.year !== current);
      notify('info', `已${verb}：${label}${elsewhere ? '（含其他年度的修改）' : ''}`);
      await Promise.all(apply.map((change) => send(change, (error) => notify('error', `${verb}未能保存：${error.message}`))));
    };

    const loadYear = async (year: number): Promise<boolean> => {
      set({ loading: true });
      const result = await api.invoke('report.load', { year });
      if (!result.ok) {
        set({ loading: false });
        notify('error', result.error.message);
        return false;
      }
      set({ loading: false, loaded: result.value, year, draft: null, errors: {}, highlight: null });
      return true;
    };

    return {
      ...INITIAL,

      async openFile(info) {
        const latest = Math.max(...info.years);
        set({ file: info, screen: 'workspace', loaded: null, year: null, history: emptyHistory, view: { kind: 'table', id: '01' } });
        if (info.years.length > 0) await loadYear(latest);
        if (info.backupName) notify('info', `文件已升级到新版本，升级前的备份为“${info.backupName}”。`);
      },

      async closeFile() {
        await queue.idle();
        const result = await api.invoke('file.close', {});
        if (!result.ok) notify('error', result.error.message);
        set({ ...INITIAL, notice: get().notice });
      },

      fileChanged(info) {
        set({ file: info });
        notify('info', `已另存为“${info.name}”，之后的修改保存在新文件中。`);
      },

      loadYear,

      async createYear() {
        const file = get().file;
        if (!file || file.years.length === 0) return;
        await queue.idle();
        const fromYear = Math.max(...file.years);
        const result = await api.invoke('report.createYear', { fromYear });
        if (!result.ok) {
          notify('error', result.error.message);
          return;
        }
        set({ file: result.value });
        const newest = Math.max(...result.value.years);
        if (await loadYear(newest)) notify('info', `已新建${newest}年度，概况、名词解释、设置和科目已从${fromYear}年度带入。`);
      },

      async editFacts(inputs, label) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const year = loaded.report.year;
        const changes: Change[] = [];
        for (const input of inputs) {
          const before = factValue(loaded.report, input.ref);
          if (sameValue(before, input.value)) continue;
          changes.push({ kind: 'fact', year, ref: input.ref, before, after: input.value });
        }
        if (changes.length === 0) {
          set({ draft: null });
          for (const input of inputs) setError(factTarget(input.ref), null);
          return true;
        }
        return commit({ label, changes });
      },

      async editText(key, value, label) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const before = textValue(loaded.report, key);
        if (before === value) return true;
        return commit({ label, changes: [{ kind: 'text', year: loaded.report.year, key, before, after: value }] });
      },

      async undo() {
        const step = undo(get().history);
        if (!step) {
          notify('info', '没有可撤销的操作');
          return;
        }
        set({ history: step.history });
        await replay(step.apply, '撤销', step.step.label);
      },

      async redo() {
        const step = redo(get().history);
        if (!step) {
          notify('info', '没有可重做的操作');
          return;
        }
        set({ history: step.history });
        await replay(step.apply, '重做', step.step.label);
      },

      async addItem(code) {
        const loaded = get().loaded;
        if (!loaded) return false;
        await queue.idle();
        const result = await api.invoke('report.addItem', { year: loaded.report.year, code });
        if (!result.ok) {
          notify('error', result.error.message);
          return false;
        }
        const current = get().loaded;
        if (current) set({ loaded: { ...current, report: withItem(current.report, code) } });
        return true;
      },

      async deleteItem(code) {
        const loaded = get().loaded;
        if (!loaded) return false;
        await queue.idle();
        const result = await api.invoke('report.deleteItem', { year: loaded.report.year, code });
        if (!result.ok) {
          notify('error', result.error.message);
          return false;
        }
        const current = get().loaded;
        if (current) set({ loaded: { ...current, report: withoutItem(current.report, code) } });
        // Steps that wrote to the deleted row cannot be replayed meaningfully.
        const year = loaded.report.year;
        const touches = (c: Change) => c.kind === 'fact' && c.year === year && c.ref.kind === 'item' && c.ref.code === code;
        let history = get().history;
        for (const step of [...history.past, ...history.future]) for (const c of step.changes) if (touches(c)) history = forget(history, c);
        set({ history });
        return true;
      },

      async updateSettings(patch) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const before = loaded.report.settings;
        const settings: ReportSettings = { ...before, ...patch };
        set({ loaded: { ...loaded, report: withSettings(loaded.report, settings) } });
        const result = await queue.run(() => api.invoke('report.updateSettings', { year: loaded.report.year, settings }));
        if (result.ok) return true;
        const current = get().loaded;
        if (current && current.report.settings === settings) {
          set({ loaded: { ...current, report: withSettings(current.report, before) } });
        }
        notify('error', result.error.message);
        return false;
      },

      async updateDepartment(department) {
        const result = await api.invoke('department.update', { department });
        if (!result.ok) {
          notify('error', result.error.message);
          return false;
        }
        const loaded = get().loaded;
        set({ file: result.value, loaded: loaded ? { ...loaded, department: result.value.department } : null });
        return true;
      },

      async addCustomCode(code, name) {
        const result = await api.invoke('catalogue.addCode', { code: { catalogue: 'functional', code, name } });
        if (!result.ok) {
          notify('error', result.error.message);
          return false;
        }
        const loaded = get().loaded;
        if (loaded) set({ loaded: { ...loaded, customCodes: result.value } });
        return true;
      },

      navigate(view) {
        set({ view, highlight: null });
      },

      showCells(cells, table) {
        const first = cells.find((c) => tableOfCell(c) !== null);
        const target = table ?? (first ? tableOfCell(first) : null);
        set({ view: target ? { kind: 'table', id: target } : get().view, highlight: { cells: [...cells], seq: ++highlightSeq } });
      },

      setDraft(draft) {
        set({ draft });
      },

      clearError(target) {
        if (get().errors[target] !== undefined) setError(target, null);
      },

      notify,

      settled() {
        return queue.idle();
      },
    };
  });
}

export { changeTarget };
