/**
 * The session store: the open file, the loaded year, the local copy of its Report, the
 * edit history (one per year) and the save state.
 *
 * Every user action is applied to the local Report at once (copy-on-write, so the derived view
 * recomputes from the new object) and sent as ONE batch write (`report.writeBatch`, one
 * transaction); batches go out one at a time in order. When the backend refuses a batch, every
 * change of it goes back to its old value, the step leaves the history and the Chinese message
 * is kept by the cells (`errors`). Undo and redo are batches too. A 自评表 or 重点评价报告 saved in
 * the 附件 editors is one change of a step like a cell: the form whole, before and after, with its
 * place in the list (so undoing a deletion puts back exactly the form that was deleted); so is a
 * change of 报表设置 (the settings whole, before and after). A change of the year's 模板 takes the
 * view along: a table of the other template becomes the table playing the same part.
 *
 * Typed but uncommitted text lives in the editors; before the year, the view or the file
 * changes, the session flushes it (pendingEdits.ts) and refuses to go on if an entry is refused.
 *
 * Plain zustand (vanilla) with the Api injected, so it is tested under Node with a fake Api.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api, ApiError, LoadedYear, OpenFileInfo, WriteBatch } from '../../shared/contract/api';
import { type CustomCode, type Department, type FactRef, factRefKey, type ReportSettings } from '../../shared/domain/model';
import { settingsChangeText } from '../../shared/domain/settingsText';
import { DEFAULT_TEMPLATE } from '../../shared/domain/templates/ids';
import type { AttachmentKind, KeyEvaluationReport, SelfEvaluationForm } from '../../shared/domain/selfEvaluation';
import { attachmentWrite, changesNothing, formAt, keyReportAt, showsAfter, withAttachment } from './evaluationEdit';
import { type Change, changeTarget, emptyHistory, forget, forgetStep, type History, record, redo, type Step, undo, writeTarget } from './history';
import { withImpliedSplit } from '../../shared/domain/fiscalSplit';
import { flushPendingEdits } from './pendingEdits';
import { factValue, textValue, withFact, withFacts, withItem, withoutItem, withSettings, withText } from './reportEdit';
import type { TableId } from '../../shared/domain/tables/types';
import { firstTableView, openingView, tableOfCell, type View, viewInTemplate } from './view';
import { WriteQueue } from './writeQueue';

export type SaveState = '已保存' | '保存中…' | '保存失败' | '输入中，未保存';

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
  /** The loaded year's undo history. */
  history: History;
  /** Every year's history, by year (the loaded year's is `history`). */
  histories: Record<number, History>;
  pendingWrites: number;
  /** An editor holds typed text that is not committed yet. */
  typing: boolean;
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

/**
 * A 自评表 or 重点评价报告 saved whole (at `position`, default: where it is, else last), or deleted
 * (null).
 */
export type AttachmentEdit =
  | { kind: 'form'; id: string; value: SelfEvaluationForm | null; position?: number }
  | { kind: 'keyReport'; id: string; value: KeyEvaluationReport | null; position?: number };

/** Rows and codes an action adds before its facts (a paste naming codes not yet in the file). */
export interface Additions {
  addItems?: readonly string[];
  customCodes?: readonly CustomCode[];
}

export interface SessionActions {
  openFile(info: OpenFileInfo): Promise<void>;
  closeFile(): Promise<void>;
  /** 另存为: the session continues in the copy (same years, same report). */
  fileChanged(info: OpenFileInfo): void;
  loadYear(year: number): Promise<boolean>;
  /**
   * A year's facts changed underneath the session (an import replaced them): the file's info is
   * taken again, the year reloaded and its undo history started afresh (undoing an edit made before
   * would write pre-import figures over imported ones). Other years keep their history.
   */
  yearReplaced(info: OpenFileInfo, year: number): Promise<void>;
  createYear(): Promise<void>;
  /** One user action over one or more facts of the loaded year (one undo step, one batch write). */
  editFacts(inputs: readonly FactInput[], label: string, additions?: Additions): Promise<boolean>;
  /** Adds 项 rows (and codes missing from the catalogue) in one write. */
  addItems(codes: readonly string[], customCodes?: readonly CustomCode[]): Promise<boolean>;
  editText(key: string, value: string, label: string): Promise<boolean>;
  /** Saves, adds, moves or deletes a 自评表 or 重点评价报告 of the loaded year: one undo step, one batch write. */
  editAttachment(edit: AttachmentEdit, label: string): Promise<boolean>;
  /**
   * Forms or reports were replaced underneath the session (an import): undo steps that wrote them
   * are forgotten (undoing one would write the pre-import form over the imported one).
   */
  forgetAttachments(year: number, kind: AttachmentKind, ids: readonly string[]): void;
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
  /** An editor reports whether it holds uncommitted text (the status bar says so). */
  setTyping(typing: boolean): void;
  /** Commits typed text everywhere; false (with a notice) when an entry is refused. */
  flushEdits(): boolean;
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

export function saveStateOf(state: Pick<SessionState, 'pendingWrites' | 'saveError'> & Partial<Pick<SessionState, 'typing'>>): SaveState {
  if (state.typing) return '输入中，未保存';
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
  histories: {},
  pendingWrites: 0,
  typing: false,
  saveError: null,
  errors: {},
  notice: null,
  view: firstTableView(DEFAULT_TEMPLATE),
  highlight: null,
  draft: null,
};

function sameValue(a: number | null, b: number | null): boolean {
  return a === b;
}

const targetOf = writeTarget;

/** The batch that writes a list of changes' `after` values; `action` names it in the change log. */
function batchOf(year: number, changes: readonly Change[], additions: Additions = {}, action?: string): WriteBatch {
  const facts: WriteBatch['facts'] = [];
  const texts: WriteBatch['texts'] = [];
  const attachments: NonNullable<WriteBatch['attachments']> = [];
  let settings: ReportSettings | null = null;
  for (const c of changes) {
    if (c.kind === 'fact') facts.push({ ref: c.ref, value: c.after });
    else if (c.kind === 'text') texts.push({ key: c.key, value: c.after });
    else if (c.kind === 'settings') settings = c.after;
    else attachments.push(attachmentWrite(c));
  }
  const batch: WriteBatch = { year, facts, texts, addItems: [...(additions.addItems ?? [])], customCodes: [...(additions.customCodes ?? [])] };
  return { ...batch, ...(attachments.length > 0 ? { attachments } : {}), ...(settings ? { settings } : {}), ...(action ? { action } : {}) };
}

/** The refusal of an edit to a published (定稿) year, said before anything is applied. */
function publishedRefusal(loaded: LoadedYear | null, year: number): string | null {
  if (!loaded || loaded.report.year !== year || !loaded.publication) return null;
  return `${year}年度已定稿，数据为只读，本次修改未保存。如确需修改，请先“取消定稿”并填写原因。`;
}

function mergeCodes(codes: readonly CustomCode[], added: readonly CustomCode[]): CustomCode[] {
  const key = (c: CustomCode) => `${c.catalogue}/${c.code}`;
  const byKey = new Map(codes.map((c) => [key(c), c]));
  for (const c of added) byKey.set(key(c), c);
  return [...byKey.values()];
}

export function createSessionStore(api: Api): SessionStore {
  let noticeSeq = 0;
  let highlightSeq = 0;

  const store = createStore<Session>()((set, get) => {
    const queue = new WriteQueue((pending) => set({ pendingWrites: pending }));

    const notify = (kind: Notice['kind'], text: string) => set({ notice: { kind, text, seq: ++noticeSeq } });

    const setErrors = (targets: readonly string[], message: string | null) => {
      const errors = { ...get().errors };
      let changed = false;
      for (const target of targets) {
        if (message === null) {
          if (errors[target] === undefined) continue;
          delete errors[target];
        } else errors[target] = message;
        changed = true;
      }
      if (changed) set({ errors });
    };

    const historyOf = (year: number): History => get().histories[year] ?? emptyHistory;

    /** Replaces a year's history (and the visible one when that year is loaded). */
    const setHistory = (year: number, history: History) => {
      const histories = { ...get().histories, [year]: history };
      set(get().year === year ? { histories, history } : { histories });
    };

    /** Applies changes (and additions) to the local report when their year is loaded. */
    const applyLocal = (year: number, changes: readonly Change[], additions: Additions = {}) => {
      const loaded = get().loaded;
      if (!loaded || loaded.report.year !== year) return;
      let report = loaded.report;
      let evaluation = loaded.evaluation;
      for (const code of additions.addItems ?? []) report = withItem(report, code);
      const facts: { ref: FactRef; value: number | null }[] = [];
      for (const c of changes) {
        if (c.kind === 'fact') facts.push({ ref: c.ref, value: c.after });
        else if (c.kind === 'text') report = withText(report, c.key, c.after);
        else if (c.kind === 'settings') report = withSettings(report, c.after);
        else evaluation = withAttachment(evaluation, c);
      }
      // Facts and texts live apart, so the facts can go in one copy after the texts.
      report = withFacts(report, facts);
      const customCodes = additions.customCodes?.length ? mergeCodes(loaded.customCodes, additions.customCodes) : loaded.customCodes;
      set({ loaded: { ...loaded, report, customCodes, ...(evaluation ? { evaluation } : {}) } });
    };

    /** Puts the old values back where nothing newer has been typed over the refused ones. */
    const revertLocal = (year: number, changes: readonly Change[]) => {
      const loaded = get().loaded;
      if (!loaded || loaded.report.year !== year) return;
      let report = loaded.report;
      let evaluation = loaded.evaluation;
      for (const c of [...changes].reverse()) {
        if (c.kind === 'fact') {
          if (sameValue(factValue(report, c.ref), c.after)) report = withFact(report, c.ref, c.before);
        } else if (c.kind === 'text') {
          if (textValue(report, c.key) === c.after) report = withText(report, c.key, c.before);
        } else if (c.kind === 'settings') {
          if (settingsChangeText(report.settings, c.after) === '') report = withSettings(report, c.before);
        } else if (showsAfter(evaluation, c)) evaluation = withAttachment(evaluation, c, 'before');
      }
      if (report !== loaded.report || evaluation !== loaded.evaluation) set({ loaded: { ...loaded, report, ...(evaluation ? { evaluation } : {}) } });
    };

    /** Sends one batch after every earlier one; resolves to the refusal, or null when saved. */
    const send = (batch: WriteBatch, targets: readonly string[]): Promise<ApiError | null> =>
      queue.run(async () => {
        const result = await api.invoke('report.writeBatch', batch);
        if (result.ok) {
          if (get().saveError !== null) set({ saveError: null });
          setErrors(targets, null);
          return null;
        }
        set({ saveError: result.error.message });
        return result.error;
      });

    /** Applies a new step, records it, sends it as one batch; resolves to whether it was saved. */
    const commit = async (year: number, step: Step, additions: Additions = {}): Promise<boolean> => {
      const published = publishedRefusal(get().loaded, year);
      if (published) {
        set({ draft: null });
        notify('error', published);
        return false;
      }
      const targets = step.changes.map(targetOf);
      applyLocal(year, step.changes, additions);
      setErrors(targets, null);
      if (step.changes.length > 0) setHistory(year, record(historyOf(year), step));
      set({ draft: null });
      const refused = await send(batchOf(year, step.changes, additions, step.label), targets);
      if (!refused) return true;
      revertLocal(year, step.changes);
      setHistory(year, forgetStep(historyOf(year), step));
      setErrors(targets, refused.message);
      notify('error', refused.message);
      return false;
    };

    /** Undo/redo: the history has moved already; apply and send the step's writes as one batch. */
    const replay = async (year: number, apply: Change[], verb: string, label: string, restore: History) => {
      const published = publishedRefusal(get().loaded, year);
      if (published) {
        setHistory(year, restore);
        notify('error', `${verb}未能保存：${published}`);
        return;
      }
      applyLocal(year, apply);
      set({ draft: null });
      notify('info', `已${verb}：${label}`);
      const refused = await send(batchOf(year, apply, {}, `${verb}：${label}`), apply.map(targetOf));
      if (!refused) return;
      // Not saved: the screen and the history go back to where they were.
      revertLocal(year, apply);
      setHistory(year, restore);
      notify('error', `${verb}未能保存：${refused.message}`);
    };

    /** Commits typed text before the screen changes; false (with a notice) when it is refused. */
    const flushEdits = (): boolean => {
      if (flushPendingEdits()) return true;
      notify('error', '当前输入的内容有误，未保存。请改正（或按 Esc 放弃输入）后再继续。');
      return false;
    };

    const loadYear = async (year: number): Promise<boolean> => {
      if (!flushEdits()) return false;
      set({ loading: true });
      await queue.idle();
      const result = await api.invoke('report.load', { year });
      if (!result.ok) {
        set({ loading: false });
        notify('error', result.error.message);
        return false;
      }
      set({
        loading: false,
        loaded: result.value,
        year,
        draft: null,
        typing: false,
        errors: {},
        highlight: null,
        history: historyOf(year),
      });
      return true;
    };

    return {
      ...INITIAL,

      async openFile(info) {
        if (!flushEdits()) return;
        await queue.idle();
        const latest = Math.max(...info.years);
        set({ file: info, screen: 'workspace', loaded: null, year: null, history: emptyHistory, histories: {}, view: firstTableView(DEFAULT_TEMPLATE) });
        if (info.years.length > 0 && (await loadYear(latest))) {
          const loaded = get().loaded;
          if (loaded) set({ view: openingView(loaded.report) });
        }
        if (info.backupName) notify('info', `文件已升级到新版本，升级前的备份为“${info.backupName}”。`);
      },

      async closeFile() {
        if (!flushEdits()) return;
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

      async yearReplaced(info, year) {
        const histories = { ...get().histories };
        delete histories[year];
        set({ file: info, histories, ...(get().year === year ? { history: emptyHistory } : {}) });
        await loadYear(year);
      },

      async createYear() {
        const file = get().file;
        if (!file || file.years.length === 0) return;
        if (!flushEdits()) return;
        await queue.idle();
        const fromYear = Math.max(...file.years);
        const result = await api.invoke('report.createYear', { fromYear });
        if (!result.ok) {
          notify('error', result.error.message);
          return;
        }
        set({ file: result.value });
        const newest = Math.max(...result.value.years);
        if (await loadYear(newest)) {
          set({ view: { kind: 'guide' } });
          notify('info', `已新建${newest}年度，概况、名词解释、设置和科目已从${fromYear}年度带入。`);
        }
      },

      async editFacts(typed, label, additions = {}) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const year = loaded.report.year;
        // Typing one part of an implied 财政拨款 split writes the rest of it as well.
        const inputs = withImpliedSplit(loaded.report, typed);
        const changes: Change[] = [];
        const seen = new Map<string, Change>();
        for (const input of inputs) {
          const key = factRefKey(input.ref);
          const earlier = seen.get(key);
          if (earlier && earlier.kind === 'fact') {
            // The same fact twice in one action: the last value wins, one change.
            earlier.after = input.value;
            continue;
          }
          const before = factValue(loaded.report, input.ref);
          // A fact given the value it has is no change (a pasted row repeats most of its figures);
          // a later input of the same fact with another value still makes one.
          if (sameValue(before, input.value)) continue;
          const change: Change = { kind: 'fact', year, ref: input.ref, before, after: input.value };
          seen.set(key, change);
          changes.push(change);
        }
        const effective = changes.filter((c) => c.kind !== 'fact' || !sameValue(c.before, c.after));
        const adds = (additions.addItems?.length ?? 0) + (additions.customCodes?.length ?? 0);
        if (effective.length === 0 && adds === 0) {
          set({ draft: null });
          setErrors(inputs.map((i) => factTarget(i.ref)), null);
          return true;
        }
        return commit(year, { label, changes: effective }, additions);
      },

      async addItems(codes, customCodes = []) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const existing = new Set(loaded.report.items.map((i) => i.code));
        const addItems = codes.filter((c) => !existing.has(c));
        if (addItems.length === 0 && customCodes.length === 0) return true;
        return commit(loaded.report.year, { label: '添加科目', changes: [] }, { addItems, customCodes });
      },

      async editText(key, value, label) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const before = textValue(loaded.report, key);
        if (before === value) return true;
        const year = loaded.report.year;
        return commit(year, { label, changes: [{ kind: 'text', year, key, before, after: value }] });
      },

      async editAttachment(edit, label) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const year = loaded.report.year;
        const set = loaded.evaluation;
        // A new one goes last unless placed; a moved one names its new place.
        let change: Change;
        if (edit.kind === 'form') {
          const before = formAt(set, edit.id);
          const position = edit.position ?? before?.position ?? set?.forms.length ?? 0;
          change = { kind: 'form', year, id: edit.id, before, after: edit.value === null ? null : { value: edit.value, position } };
        } else {
          const before = keyReportAt(set, edit.id);
          const position = edit.position ?? before?.position ?? set?.keyReports.length ?? 0;
          change = { kind: 'keyReport', year, id: edit.id, before, after: edit.value === null ? null : { value: edit.value, position } };
        }
        if (changesNothing(change)) return true;
        return commit(year, { label, changes: [change] });
      },

      forgetAttachments(year, kind, ids) {
        const gone = new Set(ids);
        const touches = (c: Change) => c.kind === kind && gone.has(c.id);
        let history = historyOf(year);
        for (const step of [...history.past, ...history.future]) for (const c of step.changes) if (touches(c)) history = forget(history, c);
        setHistory(year, history);
      },

      async undo() {
        const year = get().year;
        if (year === null) return;
        const history = historyOf(year);
        const step = undo(history);
        if (!step) {
          notify('info', '没有可撤销的操作');
          return;
        }
        setHistory(year, step.history);
        await replay(year, step.apply, '撤销', step.step.label, history);
      },

      async redo() {
        const year = get().year;
        if (year === null) return;
        const history = historyOf(year);
        const step = redo(history);
        if (!step) {
          notify('info', '没有可重做的操作');
          return;
        }
        setHistory(year, step.history);
        await replay(year, step.apply, '重做', step.step.label, history);
      },

      async addItem(code) {
        return get().addItems([code]);
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
        let history = historyOf(year);
        for (const step of [...history.past, ...history.future]) for (const c of step.changes) if (touches(c)) history = forget(history, c);
        setHistory(year, history);
        return true;
      },

      async updateSettings(patch) {
        const loaded = get().loaded;
        if (!loaded) return false;
        const before = loaded.report.settings;
        const after: ReportSettings = { ...before, ...patch };
        const words = settingsChangeText(before, after);
        if (words === '') return true;
        const year = loaded.report.year;
        return commit(year, { label: `报表设置：${words}`, changes: [{ kind: 'settings', year, before: { ...before }, after }] });
      },

      async updateDepartment(department) {
        await queue.idle();
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
        await queue.idle();
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
        if (!flushEdits()) return;
        set({ view, highlight: null });
      },

      showCells(cells, table) {
        if (!flushEdits()) return;
        const first = cells.find((c) => tableOfCell(c) !== null);
        const target = table ?? (first ? tableOfCell(first) : null);
        set({ view: target ? { kind: 'table', id: target } : get().view, highlight: { cells: [...cells], seq: ++highlightSeq } });
      },

      setDraft(draft) {
        set({ draft });
      },

      setTyping(typing) {
        if (get().typing !== typing) set({ typing });
      },

      flushEdits,

      clearError(target) {
        setErrors([target], null);
      },

      notify,

      settled() {
        return queue.idle();
      },
    };
  });

  // The view follows the loaded year's 模板 (a switch, its undo, a year of another template): a
  // table or 情况说明 section the template lacks is never shown.
  store.subscribe((state, previous) => {
    const template = state.loaded?.report.settings.template;
    if (template === undefined || template === previous.loaded?.report.settings.template) return;
    const view = viewInTemplate(state.view, template);
    if (view !== state.view) store.setState({ view, highlight: null });
  });
  return store;
}

export { changeTarget };
