/**
 * The 附件 repository: 项目支出绩效自评表, 重点评价报告 and their settings of one year, in the
 * tables of migration 2. Every public method is one transaction; a form or report is always
 * written whole (its funds, indicators and evaluators replaced together). Input is validated by
 * the domain reader (shared/domain/selfEvaluation/read.ts) before any SQL runs, and rows read back
 * go through the same reader, so a damaged file is refused rather than half read.
 *
 * The app writes forms and reports through `putForm` / `putKeyReport` inside the transaction of a
 * batch (DisclosureRepository.writeBatch), which records the difference in the change log; the
 * other writers (import, 新建年度, tests) use the methods with a transaction of their own.
 */
import type Database from 'better-sqlite3';
import {
  ANALYSIS_FIELDS,
  type AttachmentRecord,
  type AttachmentWrite,
  type EvaluationSet,
  type EvaluationSettings,
  EvaluationReader,
  formRecords,
  FUND_SOURCES,
  type KeyEvaluationReport,
  keyReportRecords,
  nextId,
  type Placed,
  type ReadIssue,
  readEvaluationSettings,
  readForm,
  readKeyReport,
  type SelfEvaluationForm,
} from '../../../shared/domain/selfEvaluation';
import { StorageError, guarded } from './errors';

function invalid(issues: readonly ReadIssue[], what: string): StorageError {
  const first = issues[0];
  const more = issues.length > 1 ? `（另有${issues.length - 1}处问题）` : '';
  return new StorageError('INVALID', `${what}有误：${first ? `${first.message}（${first.path}）` : ''}${more}。本次修改未保存。`);
}

function damaged(what: string): StorageError {
  return new StorageError('DAMAGED', `数据文件中的${what}已损坏，无法读取。文件未被修改。`);
}

/** Validates with the internal encoding (分, thousandths of a point); throws INVALID. */
function checked<T>(what: string, read: (r: EvaluationReader) => T): T {
  const r = new EvaluationReader({ kind: 'internal' });
  const value = read(r);
  if (r.issues.length > 0) throw invalid(r.issues, what);
  return value;
}

function checkedForm(form: SelfEvaluationForm): SelfEvaluationForm {
  return checked(`自评表“${typeof form?.name === 'string' ? form.name : ''}”`, (r) => readForm(r, form, 'form'));
}

function checkedKeyReport(report: KeyEvaluationReport): KeyEvaluationReport {
  return checked(`重点评价报告“${typeof report?.title === 'string' ? report.title : ''}”`, (r) => readKeyReport(r, report, 'report'));
}

/** A batch's 附件 write, validated (before any SQL runs): the form or report whole, with the id it is written under. */
export function checkAttachmentWrite(w: AttachmentWrite): AttachmentWrite {
  const position = Number.isSafeInteger(w.position) && w.position >= 0 ? w.position : 0;
  if (w.kind === 'form') {
    const form = w.form === null ? null : checkedForm(w.form);
    if (form && form.id !== w.id) throw invalid([{ path: 'form.id', message: `编号“${form.id}”与要保存的自评表“${w.id}”不一致` }], '自评表');
    return { kind: 'form', id: w.id, form, position };
  }
  const report = w.report === null ? null : checkedKeyReport(w.report);
  if (report && report.id !== w.id) throw invalid([{ path: 'report.id', message: `编号“${report.id}”与要保存的重点评价报告“${w.id}”不一致` }], '重点评价报告');
  return { kind: 'keyReport', id: w.id, report, position };
}

/** Reads rows back through the same reader; any issue means the file was changed by hand. */
function restored<T>(what: string, read: (r: EvaluationReader) => T): T {
  const r = new EvaluationReader({ kind: 'internal' });
  const value = read(r);
  if (r.issues.length > 0) throw damaged(what);
  return value;
}

type Row = Record<string, unknown>;

function rows(stmt: Database.Statement, ...params: unknown[]): Row[] {
  return stmt.all(...params).map((r) => (typeof r === 'object' && r !== null ? Object.fromEntries(Object.entries(r)) : {}));
}

/** Child rows (funds, indicators, sections …) by the id of the form or report they belong to, in order. */
function groupRows<T>(list: readonly Row[], parent: 'form_id' | 'report_id', map: (row: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of list) {
    const id = String(row[parent]);
    const group = out.get(id);
    if (group) group.push(map(row));
    else out.set(id, [map(row)]);
  }
  return out;
}

function json(text: unknown, what: string): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : '');
  } catch {
    throw damaged(what);
  }
}

const SQL = {
  touch: 'UPDATE report SET updated_at = ? WHERE year = ?',
  getSettings: 'SELECT settings FROM evaluation_settings WHERE year = ?',
  putSettings: `INSERT INTO evaluation_settings (year, settings) VALUES (?, ?)
    ON CONFLICT (year) DO UPDATE SET settings = excluded.settings`,
  // @id null reads every form (report) of the year, else only that one.
  forms: 'SELECT * FROM evaluation_form WHERE year = @year AND (@id IS NULL OR id = @id) ORDER BY position',
  funds: 'SELECT * FROM evaluation_fund WHERE year = @year AND (@id IS NULL OR form_id = @id)',
  indicators: 'SELECT * FROM evaluation_indicator WHERE year = @year AND (@id IS NULL OR form_id = @id) ORDER BY form_id, position',
  evaluators: 'SELECT * FROM evaluation_evaluator WHERE year = @year AND (@id IS NULL OR form_id = @id) ORDER BY form_id, position',
  formPosition: 'SELECT position FROM evaluation_form WHERE year = ? AND id = ?',
  maxFormPosition: 'SELECT coalesce(max(position), -1) FROM evaluation_form WHERE year = ?',
  shiftForms: 'UPDATE evaluation_form SET position = position + 1 WHERE year = ? AND position >= ?',
  setFormPosition: 'UPDATE evaluation_form SET position = ? WHERE year = ? AND id = ?',
  formIds: 'SELECT id FROM evaluation_form WHERE year = ? ORDER BY position',
  formIndex: 'SELECT count(*) FROM evaluation_form WHERE year = ? AND position < ?',
  keyIndex: 'SELECT count(*) FROM key_evaluation WHERE year = ? AND position < ?',
  deleteForm: 'DELETE FROM evaluation_form WHERE year = ? AND id = ?',
  deleteForms: 'DELETE FROM evaluation_form WHERE year = ?',
  insertForm: `INSERT INTO evaluation_form (year, id, position, name, department, unit, manager, phone, period, evaluation_year,
    fund_kind, goal, goal_effect, achieved, group_output, group_benefit, group_satisfaction, analysis, seal, filled_on, printed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertFund: 'INSERT INTO evaluation_fund (year, form_id, source, declared, initial, budget, spent) VALUES (?, ?, ?, ?, ?, ?, ?)',
  insertIndicator: `INSERT INTO evaluation_indicator (year, form_id, position, level1, level2, level3, target_initial, target, actual,
    weight, score, deviation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertEvaluator: 'INSERT INTO evaluation_evaluator (year, form_id, position, role, name, title, unit) VALUES (?, ?, ?, ?, ?, ?, ?)',
  keyReports: 'SELECT * FROM key_evaluation WHERE year = @year AND (@id IS NULL OR id = @id) ORDER BY position',
  keySections: 'SELECT * FROM key_evaluation_section WHERE year = @year AND (@id IS NULL OR report_id = @id) ORDER BY report_id, position',
  keyIndicators: 'SELECT * FROM key_evaluation_indicator WHERE year = @year AND (@id IS NULL OR report_id = @id) ORDER BY report_id, position',
  keyPosition: 'SELECT position FROM key_evaluation WHERE year = ? AND id = ?',
  maxKeyPosition: 'SELECT coalesce(max(position), -1) FROM key_evaluation WHERE year = ?',
  shiftKeys: 'UPDATE key_evaluation SET position = position + 1 WHERE year = ? AND position >= ?',
  setKeyPosition: 'UPDATE key_evaluation SET position = ? WHERE year = ? AND id = ?',
  keyIds: 'SELECT id FROM key_evaluation WHERE year = ? ORDER BY position',
  deleteKey: 'DELETE FROM key_evaluation WHERE year = ? AND id = ?',
  deleteKeys: 'DELETE FROM key_evaluation WHERE year = ?',
  insertKey: `INSERT INTO key_evaluation (year, id, position, title, project_name, funds, fund_kind, conclusion, printed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  insertSection: 'INSERT INTO key_evaluation_section (year, report_id, position, heading, level, text) VALUES (?, ?, ?, ?, ?, ?)',
  insertKeyIndicator: `INSERT INTO key_evaluation_indicator (year, report_id, position, level1, level2, level3, weight, score,
    explanation, benchmark, criteria, source, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
} as const;

type Statements = { readonly [K in keyof typeof SQL]: Database.Statement };

export class EvaluationRepository {
  private readonly stmt: Statements;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmt = guarded(() => Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Statements);
  }

  private read<T>(fn: () => T): T {
    return guarded(() => this.db.transaction(fn).deferred());
  }

  private write<T>(fn: () => T): T {
    return guarded(() => this.db.transaction(fn).immediate());
  }

  /** Bumps the report's updated_at; NOT_FOUND when the year has no report. */
  private touch(year: number): void {
    if (this.stmt.touch.run(this.now().toISOString(), year).changes === 0) {
      throw new StorageError('NOT_FOUND', `文件中没有${year}年度的决算数据。`);
    }
  }

  // --- reading --------------------------------------------------------------------------------

  /** Everything of the year's 附件 (an empty set with default settings when nothing is stored). */
  load(year: number): EvaluationSet {
    return this.read(() => {
      const settingsRow = this.stmt.getSettings.get(year) as { settings?: unknown } | undefined;
      const settings = restored('自评设置', (r) => readEvaluationSettings(r, settingsRow ? json(settingsRow.settings, '自评设置') : undefined, 'settings'));
      const forms = this.readForms(year, null).map((p) => p.value);
      const keyReports = this.readKeyReports(year, null).map((p) => p.value);
      return { settings, forms, keyReports };
    });
  }

  /** One stored form with its place in the list, or null. */
  formAt(year: number, id: string): Placed<SelfEvaluationForm> | null {
    return this.read(() => this.readForms(year, id)[0] ?? null);
  }

  /** One stored 重点评价报告 with its place in the list, or null. */
  keyReportAt(year: number, id: string): Placed<KeyEvaluationReport> | null {
    return this.read(() => this.readKeyReports(year, id)[0] ?? null);
  }

  /** The year's forms (or the one with `id`), in order, read back through the domain reader. */
  private readForms(year: number, id: string | null): Placed<SelfEvaluationForm>[] {
    const key = { year, id };
    const byForm = <T>(list: Row[], map: (row: Row) => T) => groupRows(list, 'form_id', map);
    const funds = byForm(rows(this.stmt.funds, key), (row) => row);
    const indicators = byForm(rows(this.stmt.indicators, key), (row) => ({
      level1: row.level1, level2: row.level2, level3: row.level3, targetInitial: row.target_initial, target: row.target,
      actual: row.actual, weight: row.weight, score: row.score, deviation: row.deviation,
    }));
    const evaluators = byForm(rows(this.stmt.evaluators, key), (row) => ({ role: row.role, name: row.name, title: row.title, unit: row.unit }));
    return rows(this.stmt.forms, key).map((row, position) => {
      const formId = String(row.id);
      const fundObj = Object.fromEntries((funds.get(formId) ?? []).map((f) => [f.source, { declared: f.declared, initial: f.initial, budget: f.budget, spent: f.spent }]));
      const groupScores = Object.fromEntries(
        ([['output', row.group_output], ['benefit', row.group_benefit], ['satisfaction', row.group_satisfaction]] as const).filter(([, v]) => v !== null),
      );
      const plain = {
        id: formId, name: row.name, department: row.department, unit: row.unit, manager: row.manager, phone: row.phone, period: row.period,
        evaluationYear: row.evaluation_year, fundKind: row.fund_kind, funds: fundObj, goal: row.goal, goalEffect: row.goal_effect,
        achieved: row.achieved, indicators: indicators.get(formId) ?? [], groupScores, analysis: json(row.analysis, '自评表'),
        evaluators: evaluators.get(formId) ?? [], seal: row.seal, filledOn: row.filled_on, printed: json(row.printed, '自评表'),
      };
      const value = restored(`自评表“${String(row.name)}”`, (r) => readForm(r, plain, 'form'));
      return { value, position: id === null ? position : Number(this.stmt.formIndex.pluck().get(year, row.position)) };
    });
  }

  private readKeyReports(year: number, id: string | null): Placed<KeyEvaluationReport>[] {
    const key = { year, id };
    const byReport = <T>(list: Row[], map: (row: Row) => T) => groupRows(list, 'report_id', map);
    const sections = byReport(rows(this.stmt.keySections, key), (row) => ({ heading: row.heading, level: row.level, text: row.text }));
    const keyIndicators = byReport(rows(this.stmt.keyIndicators, key), (row) => ({
      level1: row.level1, level2: row.level2, level3: row.level3, weight: row.weight, score: row.score, explanation: row.explanation,
      benchmark: row.benchmark, criteria: row.criteria, source: row.source, result: row.result,
    }));
    return rows(this.stmt.keyReports, key).map((row, position) => {
      const reportId = String(row.id);
      const plain = {
        id: reportId, title: row.title, projectName: row.project_name, funds: row.funds, fundKind: row.fund_kind, conclusion: row.conclusion,
        printed: json(row.printed, '重点评价报告'), sections: sections.get(reportId) ?? [], indicators: keyIndicators.get(reportId) ?? [],
      };
      const value = restored(`重点评价报告“${String(row.title)}”`, (r) => readKeyReport(r, plain, 'report'));
      return { value, position: id === null ? position : Number(this.stmt.keyIndex.pluck().get(year, row.position)) };
    });
  }

  // --- writing --------------------------------------------------------------------------------

  saveSettings(year: number, settings: EvaluationSettings): void {
    const s = checked('自评设置', (r) => readEvaluationSettings(r, settings, 'settings'));
    this.write(() => {
      this.touch(year);
      this.stmt.putSettings.run(year, JSON.stringify(s));
    });
  }

  /**
   * Writes a whole form: a new id is added at `position` (default: last), an existing one is
   * replaced in place (or moved to `position` when given).
   */
  saveForm(year: number, form: SelfEvaluationForm, position?: number): void {
    const f = checkedForm(form);
    this.write(() => {
      this.touch(year);
      this.placeForm(year, f, position);
    });
  }

  /** Replaces (or adds) a checked form at `position` (default: where it is, else last). Inside a transaction. */
  private placeForm(year: number, f: SelfEvaluationForm, position?: number): void {
    this.placeIn('form', year, f.id, position, (at) => this.insertForm(year, f, at));
  }

  /**
   * Takes an id out of its list and puts it back (`insert`) at `position` — default: where it was,
   * else last. Inside a transaction.
   */
  private placeIn(list: 'form' | 'key', year: number, id: string, position: number | undefined, insert: (at: number) => void): void {
    const s = this.stmt;
    const [find, index, remove, max, shift] =
      list === 'form' ? [s.formPosition, s.formIndex, s.deleteForm, s.maxFormPosition, s.shiftForms] : [s.keyPosition, s.keyIndex, s.deleteKey, s.maxKeyPosition, s.shiftKeys];
    const existing = find.get(year, id) as { position: number } | undefined;
    const was = existing === undefined ? null : Number(index.pluck().get(year, existing.position));
    remove.run(year, id);
    // Positions 0 … n-1 from here on, so an index is a position.
    this.renumber(list, year);
    const end = Number(max.pluck().get(year)) + 1;
    const at = position === undefined ? (was ?? end) : Math.max(0, Math.min(position, end));
    shift.run(year, at);
    insert(at);
  }

  /** Positions 0, 1, 2 … in the current order. */
  private renumber(list: 'form' | 'key', year: number): void {
    const [ids, set] = list === 'form' ? [this.stmt.formIds, this.stmt.setFormPosition] : [this.stmt.keyIds, this.stmt.setKeyPosition];
    ids.pluck().all(year).map(String).forEach((id, k) => set.run(k, year, id));
  }

  /**
   * One 附件 of a batch, inside the batch's transaction: the form or report written whole at its
   * position (or deleted, when null; deleting one that is not there changes nothing). Returns
   * the change-log records of what changed. The write must have passed `checkAttachmentWrite`.
   */
  put(year: number, w: AttachmentWrite): AttachmentRecord[] {
    if (w.kind === 'form') {
      const before = this.readForms(year, w.id)[0] ?? null;
      if (w.form === null) {
        if (before) {
          this.stmt.deleteForm.run(year, w.id);
          this.renumber('form', year);
        }
        return formRecords(w.id, before, null);
      }
      this.placeForm(year, w.form, w.position);
      return formRecords(w.id, before, this.readForms(year, w.id)[0] ?? null);
    }
    const before = this.readKeyReports(year, w.id)[0] ?? null;
    if (w.report === null) {
      if (before) {
        this.stmt.deleteKey.run(year, w.id);
        this.renumber('key', year);
      }
      return keyReportRecords(w.id, before, null);
    }
    this.placeKey(year, w.report, w.position);
    return keyReportRecords(w.id, before, this.readKeyReports(year, w.id)[0] ?? null);
  }

  private insertForm(year: number, f: SelfEvaluationForm, position: number): void {
    const g = f.groupScores;
    this.stmt.insertForm.run(
      year, f.id, position, f.name, f.department, f.unit, f.manager, f.phone, f.period, f.evaluationYear, f.fundKind, f.goal,
      f.goalEffect, f.achieved, g.output ?? null, g.benefit ?? null, g.satisfaction ?? null,
      JSON.stringify(Object.fromEntries(ANALYSIS_FIELDS.map((k) => [k, f.analysis[k]]))), f.seal, f.filledOn, JSON.stringify(f.printed),
    );
    for (const src of FUND_SOURCES) {
      const line = f.funds[src];
      if (line.declared || line.initial || line.budget || line.spent) this.stmt.insertFund.run(year, f.id, src, line.declared, line.initial, line.budget, line.spent);
    }
    f.indicators.forEach((i, k) =>
      this.stmt.insertIndicator.run(year, f.id, k, i.level1, i.level2, i.level3, i.targetInitial, i.target, i.actual, i.weight, i.score, i.deviation),
    );
    f.evaluators.forEach((e, k) => this.stmt.insertEvaluator.run(year, f.id, k, e.role, e.name, e.title, e.unit));
  }

  deleteForm(year: number, id: string): void {
    this.write(() => {
      this.touch(year);
      if (this.stmt.deleteForm.run(year, id).changes === 0) throw new StorageError('NOT_FOUND', '要删除的自评表不存在（可能已被删除）。');
      this.renumber('form', year);
    });
  }

  /** A copy of a form right after it, named `…（副本）`; returns the copy. */
  copyForm(year: number, id: string): SelfEvaluationForm {
    return this.write(() => {
      const set = this.load(year);
      const index = set.forms.findIndex((f) => f.id === id);
      const source = set.forms[index];
      if (!source) throw new StorageError('NOT_FOUND', '要复制的自评表不存在（可能已被删除）。');
      const copy: SelfEvaluationForm = { ...structuredClone(source), id: nextId('f', set.forms.map((f) => f.id)), name: `${source.name}（副本）`, printed: {} };
      this.touch(year);
      this.placeForm(year, checkedForm(copy), index + 1);
      return copy;
    });
  }

  /** Puts the forms in the given order (every id exactly once). */
  reorderForms(year: number, ids: readonly string[]): void {
    this.write(() => {
      this.touch(year);
      const current = this.stmt.formIds.pluck().all(year).map(String);
      if (ids.length !== current.length || new Set(ids).size !== ids.length || ids.some((id) => !current.includes(id))) {
        throw new StorageError('INVALID', '自评表的新顺序与文件中的自评表不一致（可能已被其他操作修改），请刷新后重试。本次修改未保存。');
      }
      ids.forEach((id, k) => this.stmt.setFormPosition.run(k, year, id));
    });
  }

  saveKeyReport(year: number, report: KeyEvaluationReport, position?: number): void {
    const k = checkedKeyReport(report);
    this.write(() => {
      this.touch(year);
      this.placeKey(year, k, position);
    });
  }

  /** Replaces (or adds) a checked report at `position` (default: where it is, else last). Inside a transaction. */
  private placeKey(year: number, k: KeyEvaluationReport, position?: number): void {
    this.placeIn('key', year, k.id, position, (at) => this.insertKey(year, k, at));
  }

  private insertKey(year: number, k: KeyEvaluationReport, position: number): void {
    this.stmt.insertKey.run(year, k.id, position, k.title, k.projectName, k.funds, k.fundKind, k.conclusion, JSON.stringify(k.printed));
    k.sections.forEach((s, n) => this.stmt.insertSection.run(year, k.id, n, s.heading, s.level, s.text));
    k.indicators.forEach((i, n) =>
      this.stmt.insertKeyIndicator.run(year, k.id, n, i.level1, i.level2, i.level3, i.weight, i.score, i.explanation, i.benchmark, i.criteria, i.source, i.result),
    );
  }

  deleteKeyReport(year: number, id: string): void {
    this.write(() => {
      this.touch(year);
      if (this.stmt.deleteKey.run(year, id).changes === 0) throw new StorageError('NOT_FOUND', '要删除的重点评价报告不存在（可能已被删除）。');
      this.renumber('key', year);
    });
  }

  /** Replaces the year's whole 附件 (import, 新建年度), in one transaction. */
  replaceAll(year: number, set: EvaluationSet): void {
    const settings = checked('自评设置', (r) => readEvaluationSettings(r, set.settings, 'settings'));
    const forms = set.forms.map((form, n) => checked(`第${n + 1}张自评表`, (r) => readForm(r, form, `forms[${n}]`)));
    const keys = set.keyReports.map((k, n) => checked(`第${n + 1}份重点评价报告`, (r) => readKeyReport(r, k, `keyReports[${n}]`)));
    const dup = forms.find((f, n) => forms.findIndex((g) => g.id === f.id) !== n);
    if (dup) throw invalid([{ path: 'forms', message: `自评表编号“${dup.id}”重复` }], '自评表');
    this.write(() => {
      this.touch(year);
      this.stmt.deleteForms.run(year);
      this.stmt.deleteKeys.run(year);
      this.stmt.putSettings.run(year, JSON.stringify(settings));
      forms.forEach((f, n) => this.insertForm(year, f, n));
      keys.forEach((k, n) => this.insertKey(year, k, n));
    });
  }
}
