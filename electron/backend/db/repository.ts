/**
 * The disclosure repository: reads and writes the department, its reports by year and custom
 * codes over one open file. Every public method is one transaction; every value is validated
 * (amounts are integer 分) before any SQL runs; every failure surfaces as a StorageError.
 *
 * Every change is recorded in the change log (修改记录, changeLogStore.ts) inside the same
 * transaction: who (the connection's actor, localTime.ts), when, the user action that made it,
 * and each changed fact's old and new value. A published year (定稿) refuses every write: the
 * guard is installed on the connection (published.ts), so nothing written through it escapes.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import {
  DEFAULT_SETTINGS,
  EXPENDITURE_KIND_NAMES,
  FISCAL_CARRY_FIELDS,
  FISCAL_SPLIT_NAMES,
  ITEM_CARRY_NAMES,
  INCOME_SOURCE_NAMES,
  ITEM_FIELDS,
  STATS_MONEY_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_NAMES,
  UNIT_KINDS,
  VEHICLE_TYPES,
  VEHICLE_TYPE_NAMES,
  emptyItem,
  emptyReport,
  factRefKey,
  getItemField,
  COUNT_FIELDS,
  COUNT_NAMES,
  isCountFact,
  isScoreCount,
  isItemField,
  isOptionalFact,
  isPriorKey,
  readSettings,
  readFact,
  setItemField,
  writeFact as applyFact,
  type CustomCode,
  type Department,
  type FactRef,
  type ItemFacts,
  type ItemField,
  type Report,
  type ReportSettings,
  SCORE_MAX_HUNDREDTHS,
  SUBORDINATE_UNIT_LIMITS,
  type SubordinateUnit,
  type UnitKind,
} from '../../../shared/domain/model';
import { isValidAmount, isValidCount, LIMITS, type TextKind, textProblem } from '../../../shared/domain/limits';
import type { Fen } from '../../../shared/domain/money';
import {
  type ChangeEntry,
  type ChangeRecord,
  DEPARTMENT_TARGET,
  diffReports,
  customCodeTarget,
  itemRowTarget,
  REPORT_TARGET,
  SETTINGS_TARGET,
  STATUS_TARGET,
  EXPORT_TARGET,
  textTarget,
} from '../../../shared/domain/changeLog';
import { getCatalogue } from '../../../shared/domain/catalogue';
import { canonicalJson } from '../../../shared/domain/factsHash';
import type { AttachmentWrite } from '../../../shared/domain/selfEvaluation';
import { ChangeLogStore } from './changeLogStore';
import { checkAttachmentWrite, EvaluationRepository } from './evaluation';
import { StorageError, guarded, toStorageError } from './errors';
import { actorOf } from './localTime';
import { installPublishedGuard, publishedYears, refuseIfAltersPublished } from './published';

/** report_item columns, one per ItemField: the only place the mapping is spelled out. */
export const ITEM_COLUMNS: Readonly<Record<ItemField, string>> = {
  'income.generalBudget': 'income_general_budget',
  'income.govFund': 'income_gov_fund',
  'income.stateCapital': 'income_state_capital',
  'income.superior': 'income_superior',
  'income.business': 'income_business',
  'income.operating': 'income_operating',
  'income.affiliated': 'income_affiliated',
  'income.other': 'income_other',
  'expenditure.basic': 'expenditure_basic',
  'expenditure.project': 'expenditure_project',
  'expenditure.remitUpper': 'expenditure_remit_upper',
  'expenditure.operating': 'expenditure_operating',
  'expenditure.affiliatedSubsidy': 'expenditure_affiliated_subsidy',
  'fiscal.generalBasic': 'fiscal_general_basic',
  'fiscal.generalProject': 'fiscal_general_project',
  'fiscal.govFundBasic': 'fiscal_gov_fund_basic',
  'fiscal.govFundProject': 'fiscal_gov_fund_project',
  'fiscal.stateCapitalBasic': 'fiscal_state_capital_basic',
  'fiscal.stateCapitalProject': 'fiscal_state_capital_project',
  govFundOpening: 'gov_fund_opening',
  govFundClosing: 'gov_fund_closing',
  stateCapitalItemOpening: 'state_capital_item_opening',
  stateCapitalItemClosing: 'state_capital_item_closing',
};

// ---------------------------------------------------------------------------------------------
// Facts other than item rows live in report_amount, keyed by factRefKey().

const ECONOMIC_PREFIX = 'economic/';

/** Every FactRef that is not an item or economic row: fixed by the model. */
function scalarFactRefs(): FactRef[] {
  return [
    ...SUMMARY_FIELDS.map((field): FactRef => ({ kind: 'summary', field })),
    ...FISCAL_CARRY_FIELDS.map((field): FactRef => ({ kind: 'fiscalCarry', field })),
    ...(['budget', 'actual'] as const).flatMap((side) =>
      THREE_PUBLIC_ITEMS.map((item): FactRef => ({ kind: 'threePublic', side, item })),
    ),
    ...STATS_MONEY_FIELDS.map((field): FactRef => ({ kind: 'stats', field })),
    { kind: 'operatingCost' },
    ...VEHICLE_TYPES.map((type): FactRef => ({ kind: 'vehicle', type })),
    { kind: 'equipment' },
    ...COUNT_FIELDS.map((field): FactRef => ({ kind: 'count', field })),
  ];
}

/** Keyed facts whose absence means "not typed yet": budgets per code and last year's figures. */
const KEYED_PREFIXES = {
  'initialBudget/': (code: string): FactRef => ({ kind: 'initialBudget', code }),
  'adjustedBudget/': (code: string): FactRef => ({ kind: 'adjustedBudget', code }),
  'prior/': (key: string): FactRef => ({ kind: 'prior', key }),
} as const;

const FUNCTIONAL_CODE = /^\d{3}(\d{2}){0,2}$/;

/** Every keyed fact a report holds, for saving a whole report. */
function keyedFacts(report: Report): [FactRef, number][] {
  return [
    ...Object.entries(report.initialBudget).map(([code, v]): [FactRef, number] => [{ kind: 'initialBudget', code }, v]),
    ...Object.entries(report.adjustedBudget).map(([code, v]): [FactRef, number] => [{ kind: 'adjustedBudget', code }, v]),
    ...Object.entries(report.prior).map(([key, v]): [FactRef, number] => [{ kind: 'prior', key }, v]),
  ];
}

const SCALAR_REFS = scalarFactRefs();
const SCALAR_REF_BY_KEY = new Map(SCALAR_REFS.map((ref) => [factRefKey(ref), ref]));

/** The FactRef a report_amount key stands for, or null if this build does not know it. */
function refForAmountKey(key: string): FactRef | null {
  if (key.startsWith(ECONOMIC_PREFIX)) return { kind: 'economic', code: key.slice(ECONOMIC_PREFIX.length) };
  for (const [prefix, make] of Object.entries(KEYED_PREFIXES)) {
    if (key.startsWith(prefix)) {
      const ref = make(key.slice(prefix.length));
      return isKnownKeyedRef(ref) ? ref : null;
    }
  }
  return SCALAR_REF_BY_KEY.get(key) ?? null;
}

function isKnownKeyedRef(ref: FactRef): boolean {
  if (ref.kind === 'initialBudget' || ref.kind === 'adjustedBudget') return FUNCTIONAL_CODE.test(ref.code);
  if (ref.kind === 'prior') return isPriorKey(ref.key);
  return false;
}

/**
 * The report_amount row for a value: absent (null) when it reads back the same without a row.
 * Optional facts tell 0 (typed zero) from null: 机关运行经费 (null: take table 06), budgets, last
 * year's figures and counts (null: not typed yet, 待填写). A file written before counts were
 * optional has no row for a count typed as 0: it reads as not typed and is asked for again.
 */
function storedAmount(ref: FactRef, value: number | null): number | null {
  if (isOptionalFact(ref)) return value;
  return value === null || value === 0 ? null : value;
}

// ---------------------------------------------------------------------------------------------
// Validation, before any SQL. Messages are for the finance officer.

const ITEM_CODE = /^\d{7}$/; // 支出功能分类 项
const ECONOMIC_CODE = /^\d{5}$/; // 部门预算支出经济分类 款
const CUSTOM_CODE_LENGTHS: Record<CustomCode['catalogue'], readonly number[]> = {
  functional: [3, 5, 7],
  economic: [3, 5],
};

function invalid(message: string): StorageError {
  return new StorageError('INVALID', `${message}本次修改未保存。`);
}

function checkYear(year: unknown, what = '年度'): number {
  if (typeof year === 'number' && Number.isInteger(year) && year >= LIMITS.yearMin && year <= LIMITS.yearMax) return year;
  throw invalid(`${what}“${String(year)}”无效，应为${LIMITS.yearMin}至${LIMITS.yearMax}之间的整数年份。`);
}

/** Chinese names of the item fields, for messages (income and expenditure share some keys). */
const ITEM_FIELD_NAMES = new Map<string, string>([
  ...Object.entries(INCOME_SOURCE_NAMES).map(([k, name]): [string, string] => [`income.${k}`, name]),
  ...Object.entries(EXPENDITURE_KIND_NAMES).map(([k, name]): [string, string] => [`expenditure.${k}`, name]),
  ...Object.entries(FISCAL_SPLIT_NAMES).map(([k, name]): [string, string] => [`fiscal.${k}`, name]),
  ...Object.entries(ITEM_CARRY_NAMES),
]);

/** A short Chinese description of a fact for messages, e.g. 科目2010301的基本支出. */
function describeFact(ref: FactRef): string {
  switch (ref.kind) {
    case 'item':
      return `科目${ref.code}的${ITEM_FIELD_NAMES.get(ref.field) ?? ref.field}`;
    case 'economic':
      return `经济分类${ref.code}`;
    case 'threePublic':
      return `“三公”经费${ref.side === 'budget' ? '预算数' : '决算数'}的${THREE_PUBLIC_NAMES[ref.item]}`;
    case 'operatingCost':
      return '机关运行经费';
    case 'vehicle':
      return `${VEHICLE_TYPE_NAMES[ref.type]}数量`;
    case 'equipment':
      return '单价100万元以上设备数量';
    case 'count':
      return COUNT_NAMES[ref.field];
    default:
      return factRefKey(ref);
  }
}

function checkCode(code: unknown, pattern: RegExp, what: string): string {
  if (typeof code === 'string' && pattern.test(code)) return code;
  throw invalid(`${what}“${String(code)}”无效。`);
}

/** The FactRef must name something the model knows; amount keys are built from it. */
function checkRef(ref: FactRef): void {
  const known =
    ref.kind === 'item'
      ? isItemField(ref.field) && ITEM_CODE.test(ref.code)
      : ref.kind === 'economic'
        ? ECONOMIC_CODE.test(ref.code)
        : ref.kind === 'initialBudget' || ref.kind === 'adjustedBudget' || ref.kind === 'prior'
          ? isKnownKeyedRef(ref)
          : SCALAR_REF_BY_KEY.has(factRefKey(ref));
  if (!known) throw invalid(`无法识别要修改的数据项（${factRefKey(ref)}）。`);
}

/** Money is a safe integer of 分; counts are whole non-negative numbers; only optional facts may be null. */
function checkFactValue(ref: FactRef, value: unknown): number | null {
  if (value === null && isOptionalFact(ref)) return null;
  if (value === null) return 0;
  if (ref.kind === 'count' && isScoreCount(ref.field)) {
    // A score in hundredths of a point (93.45 → 9345), at most 100 points.
    if (isValidCount(value) && value <= SCORE_MAX_HUNDREDTHS) return value;
    throw invalid(`${describeFact(ref)}应在0至100分之间（最多两位小数），收到：${typeof value === 'number' ? `${value / 100}分` : String(value)}。`);
  }
  if (isCountFact(ref)) {
    if (isValidCount(value)) return value;
    throw invalid(`${describeFact(ref)}必须是0至${LIMITS.countMax}之间的整数，收到：${String(value)}。`);
  }
  if (isValidAmount(value)) return value;
  throw invalid(`${describeFact(ref)}必须是以“分”为单位、绝对值不超过${LIMITS.amountMaxFen}的整数金额，收到：${String(value)}。`);
}

/** Complete and valid settings, copied so no stray property reaches the file. */
function checkSettings(value: unknown): ReportSettings {
  const { settings, problems } = readSettings(value);
  if (problems.length > 0) throw invalid(`报表设置无效：${problems.map((p) => p.message).join('；')}。`);
  return settings;
}

/** Known settings from stored JSON; anything missing or invalid takes the default. */
function parseSettings(value: unknown): ReportSettings {
  return readSettings(value).settings;
}

function isUnitKind(value: unknown): value is UnitKind {
  return UNIT_KINDS.some((k) => k === value);
}

/** 下属单位: a list of named units (names trimmed, none empty), within the app's limits. */
function checkUnits(units: unknown): SubordinateUnit[] {
  if (!Array.isArray(units)) throw invalid('下属单位应为单位列表。');
  if (units.length > SUBORDINATE_UNIT_LIMITS.count) throw invalid(`下属单位最多${SUBORDINATE_UNIT_LIMITS.count}个。`);
  return units.map((u: unknown, k) => {
    const field = (key: 'name' | 'note'): unknown => (typeof u === 'object' && u !== null && key in u ? Reflect.get(u, key) : undefined);
    const rawName = field('name');
    const rawNote = field('note');
    const name = checkTextOf(typeof rawName === 'string' ? rawName.trim() : rawName, 'name', `第${k + 1}个下属单位的名称`);
    const note = checkTextOf(typeof rawNote === 'string' ? rawNote.trim() : rawNote, 'unitNote', `第${k + 1}个下属单位的备注`);
    return { name, note };
  });
}

/** A text within the app's limits for its kind (shared/domain/limits.ts). */
function checkTextOf(value: unknown, kind: TextKind, what: string): string {
  if (typeof value !== 'string') throw invalid(`${what}应为文字。`);
  const problem = textProblem(value, kind);
  if (problem) throw invalid(`${what}${problem}。`);
  return value;
}

function shortKey(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

function checkDepartment(d: Department): Department {
  const name = checkTextOf(typeof d.name === 'string' ? d.name.trim() : d.name, 'name', '部门名称');
  if (!isUnitKind(d.unitKind)) throw invalid(`单位性质“${String(d.unitKind)}”无效，应为${UNIT_KINDS.join('、')}之一。`);
  return { name, unitKind: d.unitKind, subordinateUnits: checkUnits(d.subordinateUnits) };
}

function departmentValue(d: Department): { [key: string]: string | { name: string; note: string }[] } {
  return { name: d.name, unitKind: d.unitKind, subordinateUnits: d.subordinateUnits.map((u) => ({ name: u.name, note: u.note })) };
}

function checkTextKey(key: unknown): string {
  return checkTextOf(key, 'textKey', `文字字段名“${shortKey(String(key))}”`);
}

function checkText(value: unknown, key: string): string {
  return checkTextOf(value, 'text', `文字字段“${shortKey(key)}”的内容`);
}

function checkCount(count: number, max: number, what: string): void {
  if (count > max) throw invalid(`${what}有 ${count} 项，超过上限 ${max} 项。`);
}

function checkCustomCode(c: CustomCode): CustomCode {
  const lengths = CUSTOM_CODE_LENGTHS[c.catalogue];
  if (!lengths) throw invalid(`科目类别“${String(c.catalogue)}”无效。`);
  const code = typeof c.code === 'string' ? c.code.trim() : '';
  if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
    throw invalid(`科目代码“${String(c.code)}”无效，应为${lengths.join('、')}位数字。`);
  }
  const name = checkTextOf(typeof c.name === 'string' ? c.name.trim() : c.name, 'name', `科目${code}的名称`);
  return { catalogue: c.catalogue, code, name };
}

/** Checks a whole report (used by import) and returns it with items in code order. */
function checkReport(report: Report): Report {
  checkYear(report.year);
  checkYear(report.edition, '科目版本年度');
  const settings = checkSettings(report.settings);
  checkCount(report.items.length, LIMITS.itemsPerReport, '“项”级科目');
  checkCount(Object.keys(report.texts).length, LIMITS.textsPerReport, '文字字段');
  for (const [map, what] of [[report.economic, '经济分类金额'], [report.initialBudget, '年初预算数'], [report.adjustedBudget, '调整预算数'], [report.prior, '上年数']] as const) {
    checkCount(Object.keys(map).length, LIMITS.keyedAmountsPerReport, what);
  }
  const seen = new Set<string>();
  for (const item of report.items) {
    const code = checkCode(item.code, ITEM_CODE, '功能分类科目代码（应为7位数字）');
    if (seen.has(code)) throw invalid(`科目${code}重复出现。`);
    seen.add(code);
    for (const field of ITEM_FIELDS) checkFactValue({ kind: 'item', code, field }, getItemField(item, field));
  }
  for (const [code, value] of Object.entries(report.economic)) {
    checkCode(code, ECONOMIC_CODE, '经济分类科目代码（应为5位数字）');
    checkFactValue({ kind: 'economic', code }, value);
  }
  for (const ref of SCALAR_REFS) checkFactValue(ref, readFact(report, ref));
  for (const [ref, value] of keyedFacts(report)) {
    checkRef(ref);
    checkFactValue(ref, value);
  }
  for (const [key, value] of Object.entries(report.texts)) checkText(value, checkTextKey(key));
  const items = [...report.items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { ...report, settings, items };
}

// ---------------------------------------------------------------------------------------------
// Reading rows. Tables are STRICT, so a wrong type here means the file was damaged by hand.

type Row = Record<string, unknown>;

function damagedRow(what: string): StorageError {
  return new StorageError('DAMAGED', `数据文件中的${what}已损坏，无法读取。文件未被修改。`);
}

function asRow(value: unknown): Row {
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value));
  throw damagedRow('记录');
}

function intValue(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw damagedRow(`“${what}”`);
}

function intColumn(row: Row, column: string): number {
  return intValue(row[column], column);
}

function textColumn(row: Row, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw damagedRow(`“${column}”`);
}

function rowToItem(row: Row): ItemFacts {
  const item = emptyItem(textColumn(row, 'code'));
  for (const field of ITEM_FIELDS) setItemField(item, field, intColumn(row, ITEM_COLUMNS[field]));
  return item;
}

function parseStoredSettings(json: string): ReportSettings {
  try {
    return parseSettings(JSON.parse(json));
  } catch {
    throw damagedRow('报表设置');
  }
}

// ---------------------------------------------------------------------------------------------

const ITEM_FIELD_LIST = ITEM_FIELDS.map((f) => ITEM_COLUMNS[f]).join(', ');

/** SQL for the repository, prepared once per repository. */
const SQL = {
  getDepartment: 'SELECT name, unit_kind FROM department WHERE id = 1',
  setDepartment: `INSERT INTO department (id, name, unit_kind) VALUES (1, ?, ?)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit_kind = excluded.unit_kind`,
  listUnits: 'SELECT name, note FROM subordinate_unit ORDER BY position',
  deleteUnits: 'DELETE FROM subordinate_unit',
  insertUnit: 'INSERT INTO subordinate_unit (position, name, note) VALUES (?, ?, ?)',
  listYears: 'SELECT year FROM report ORDER BY year',
  getReport: 'SELECT edition, settings FROM report WHERE year = ?',
  insertReport: 'INSERT INTO report (year, edition, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  upsertReport: `INSERT INTO report (year, edition, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (year) DO UPDATE SET edition = excluded.edition, settings = excluded.settings,
      updated_at = excluded.updated_at`,
  deleteReport: 'DELETE FROM report WHERE year = ?',
  touchReport: 'UPDATE report SET updated_at = ? WHERE year = ?',
  updateSettings: 'UPDATE report SET settings = ?, updated_at = ? WHERE year = ?',
  selectItems: `SELECT code, ${ITEM_FIELD_LIST} FROM report_item WHERE year = ? ORDER BY code`,
  insertItem: `INSERT INTO report_item (year, code, ${ITEM_FIELD_LIST})
    VALUES (?, ?, ${ITEM_FIELDS.map(() => '?').join(', ')})`,
  addItemIfAbsent: 'INSERT INTO report_item (year, code) VALUES (?, ?) ON CONFLICT (year, code) DO NOTHING',
  deleteItems: 'DELETE FROM report_item WHERE year = ?',
  deleteItem: 'DELETE FROM report_item WHERE year = ? AND code = ?',
  selectAmounts: 'SELECT key, value FROM report_amount WHERE year = ?',
  upsertAmount: `INSERT INTO report_amount (year, key, value) VALUES (?, ?, ?)
    ON CONFLICT (year, key) DO UPDATE SET value = excluded.value`,
  deleteAmount: 'DELETE FROM report_amount WHERE year = ? AND key = ?',
  deleteAmounts: 'DELETE FROM report_amount WHERE year = ?',
  selectTexts: 'SELECT key, value FROM report_text WHERE year = ?',
  upsertText: `INSERT INTO report_text (year, key, value) VALUES (?, ?, ?)
    ON CONFLICT (year, key) DO UPDATE SET value = excluded.value`,
  deleteTexts: 'DELETE FROM report_text WHERE year = ?',
  listCustomCodes: 'SELECT catalogue, code, name FROM custom_code ORDER BY catalogue, code',
  countCustomCodes: 'SELECT count(*) FROM custom_code',
  getCustomCode: 'SELECT 1 FROM custom_code WHERE catalogue = ? AND code = ?',
  selectAmount: 'SELECT value FROM report_amount WHERE year = ? AND key = ?',
  selectText: 'SELECT value FROM report_text WHERE year = ? AND key = ?',
  selectItemRow: `SELECT code, ${ITEM_FIELD_LIST} FROM report_item WHERE year = ? AND code = ?`,
  getPublication: 'SELECT published_at, published_by FROM report WHERE year = ?',
  setPublication: 'UPDATE report SET published_at = ?, published_by = ?, updated_at = ? WHERE year = ?',
  usesCode: 'SELECT 1 FROM report_item WHERE year = ? AND substr(code, 1, ?) = ? LIMIT 1',
  upsertCustomCode: `INSERT INTO custom_code (catalogue, code, name) VALUES (?, ?, ?)
    ON CONFLICT (catalogue, code) DO UPDATE SET name = excluded.name`,
} as const;

type Statements = { readonly [K in keyof typeof SQL]: Database.Statement };

/** One upsert per item column, so writing one cell touches one column. */
function itemFieldUpsert(field: ItemField): string {
  const column = ITEM_COLUMNS[field];
  return `INSERT INTO report_item (year, code, ${column}) VALUES (?, ?, ?)
    ON CONFLICT (year, code) DO UPDATE SET ${column} = excluded.${column}`;
}

/** What `writeBatch` writes (the Api's WriteBatch without the year). */
export interface BatchWrite {
  facts: readonly { ref: FactRef; value: number | null }[];
  texts: readonly { key: string; value: string }[];
  addItems: readonly string[];
  customCodes: readonly CustomCode[];
  /** 自评表 and 重点评价报告 written whole (or deleted), after the facts and texts. */
  attachments?: readonly AttachmentWrite[];
  /** 报表设置 written whole, before anything else (recorded when they changed). */
  settings?: ReportSettings;
  /** The user action, for the change log (`粘贴 3 行到公开03表`, `撤销：…`); default 录入. */
  action?: string;
}

export interface RepositoryOptions {
  /** Clock for created_at/updated_at and the change log; tests inject one. */
  now?: () => Date;
  /** Who writes, for the change log; default: the connection's actor (localTime.ts). */
  user?: string;
}

/** 定稿 state of a year: when and by whom it was marked published. */
export interface Publication {
  at: string;
  by: string;
}

/** Longest action label and 取消定稿 reason the log keeps. */
const ACTION_LENGTH = 200;
const REASON_LENGTH = 2000;

function actionLabel(action: string | undefined, fallback: string): string {
  const a = typeof action === 'string' ? action.trim() : '';
  return a === '' ? fallback : a.slice(0, ACTION_LENGTH);
}

/** A change-log record writer bound to one year (or the file) and one action. */
type Recorder = (record: ChangeRecord) => void;

export class DisclosureRepository {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly stmt: Statements;
  private readonly itemUpserts: ReadonlyMap<ItemField, Database.Statement>;
  private readonly log: ChangeLogStore;
  private readonly user: string | undefined;
  /** The 附件 tables, prepared when a batch first writes one. */
  private evaluation: EvaluationRepository | null = null;

  constructor(db: Database.Database, options: RepositoryOptions = {}) {
    this.db = db;
    this.now = options.now ?? (() => new Date());
    this.user = options.user;
    guarded(() => installPublishedGuard(db));
    this.stmt = guarded(() => this.prepareAll());
    this.itemUpserts = guarded(() => new Map(ITEM_FIELDS.map((f) => [f, db.prepare(itemFieldUpsert(f))])));
    this.log = new ChangeLogStore(db);
  }

  private prepareAll(): Statements {
    const p = (sql: string): Database.Statement => this.db.prepare(sql);
    return {
      getDepartment: p(SQL.getDepartment),
      setDepartment: p(SQL.setDepartment),
      listUnits: p(SQL.listUnits),
      deleteUnits: p(SQL.deleteUnits),
      insertUnit: p(SQL.insertUnit),
      listYears: p(SQL.listYears).pluck(),
      getReport: p(SQL.getReport),
      insertReport: p(SQL.insertReport),
      upsertReport: p(SQL.upsertReport),
      deleteReport: p(SQL.deleteReport),
      touchReport: p(SQL.touchReport),
      updateSettings: p(SQL.updateSettings),
      selectItems: p(SQL.selectItems),
      insertItem: p(SQL.insertItem),
      addItemIfAbsent: p(SQL.addItemIfAbsent),
      deleteItems: p(SQL.deleteItems),
      deleteItem: p(SQL.deleteItem),
      selectAmounts: p(SQL.selectAmounts),
      upsertAmount: p(SQL.upsertAmount),
      deleteAmount: p(SQL.deleteAmount),
      deleteAmounts: p(SQL.deleteAmounts),
      selectTexts: p(SQL.selectTexts),
      upsertText: p(SQL.upsertText),
      deleteTexts: p(SQL.deleteTexts),
      listCustomCodes: p(SQL.listCustomCodes),
      countCustomCodes: p(SQL.countCustomCodes).pluck(),
      getCustomCode: p(SQL.getCustomCode),
      upsertCustomCode: p(SQL.upsertCustomCode),
      selectAmount: p(SQL.selectAmount).pluck(),
      selectText: p(SQL.selectText).pluck(),
      selectItemRow: p(SQL.selectItemRow),
      getPublication: p(SQL.getPublication),
      setPublication: p(SQL.setPublication),
      usesCode: p(SQL.usesCode).pluck(),
    };
  }

  /** One read transaction: a consistent snapshot even while another connection writes. */
  private read<T>(fn: () => T): T {
    return guarded(() => this.db.transaction(fn).deferred());
  }

  /** One write transaction, taking the write lock up front (no upgrade deadlock in WAL). */
  private write<T>(fn: () => T): T {
    return guarded(() => this.db.transaction(fn).immediate());
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** Records changes of `year` (null: the file as a whole) made by `action`, inside the current transaction. */
  private recorder(year: number | null, action: string): Recorder {
    const ctx = { at: this.timestamp(), user: this.user ?? actorOf(this.db), year, action };
    return (record) => this.log.append(ctx, record);
  }

  private notFound(year: number): StorageError {
    return new StorageError('NOT_FOUND', `文件中没有${year}年度的决算数据。`);
  }

  /** Bumps updated_at; throws NOT_FOUND (inside the transaction) when the year is absent. */
  private touch(year: number): void {
    if (this.stmt.touchReport.run(this.timestamp(), year).changes === 0) throw this.notFound(year);
  }

  // --- department ----------------------------------------------------------------------------

  getDepartment(): Department | null {
    return this.read(() => {
      const found = this.stmt.getDepartment.get();
      if (found === undefined) return null;
      const row = asRow(found);
      const unitKind = row.unit_kind;
      if (!isUnitKind(unitKind)) throw damagedRow('单位性质');
      const subordinateUnits = this.stmt.listUnits.all().map((u) => {
        const unit = asRow(u);
        return { name: textColumn(unit, 'name'), note: textColumn(unit, 'note') };
      });
      return { name: textColumn(row, 'name'), unitKind, subordinateUnits };
    });
  }

  /**
   * The department and its 下属单位, replaced as a whole in one transaction. Its name and 单位性质
   * print in (and, for 机关运行经费, change the figures of) every year: they cannot change while a
   * year is published.
   */
  setDepartment(department: Department, action = '修改部门信息'): void {
    const d = checkDepartment(department);
    this.write(() => {
      const before = this.getDepartment();
      if (before && canonicalJson(departmentValue(before)) === canonicalJson(departmentValue(d))) return;
      if (before && (before.name !== d.name || before.unitKind !== d.unitKind)) {
        refuseIfAltersPublished(this.db, '修改部门名称或单位性质', () => `部门“${before.name}”（${before.unitKind}）改为“${d.name}”（${d.unitKind}）`);
      }
      this.stmt.setDepartment.run(d.name, d.unitKind);
      this.stmt.deleteUnits.run();
      d.subordinateUnits.forEach((u, k) => this.stmt.insertUnit.run(k + 1, u.name, u.note));
      this.recorder(null, action)({ target: DEPARTMENT_TARGET, before: before ? departmentValue(before) : null, after: departmentValue(d) });
    });
  }

  // --- reports -------------------------------------------------------------------------------

  listYears(): number[] {
    return this.read(() => this.stmt.listYears.all().map((v) => intValue(v, 'year')));
  }

  loadReport(year: number): Report {
    checkYear(year);
    return this.read(() => {
      const found = this.stmt.getReport.get(year);
      if (found === undefined) throw this.notFound(year);
      const row = asRow(found);
      const report = emptyReport(year, intColumn(row, 'edition'));
      report.settings = parseStoredSettings(textColumn(row, 'settings'));
      report.items = this.stmt.selectItems.all(year).map((r) => rowToItem(asRow(r)));
      for (const r of this.stmt.selectAmounts.all(year)) this.applyAmountRow(report, asRow(r));
      for (const r of this.stmt.selectTexts.all(year)) {
        const text = asRow(r);
        report.texts[textColumn(text, 'key')] = textColumn(text, 'value');
      }
      return report;
    });
  }

  private applyAmountRow(report: Report, row: Row): void {
    const key = textColumn(row, 'key');
    const ref = refForAmountKey(key);
    // An unknown key would be dropped by the next save: refuse rather than lose it silently.
    if (ref === null) throw damagedRow(`数据项“${key}”`);
    applyFact(report, ref, intColumn(row, 'value'));
  }

  /** Creates an empty report for a year that has none. */
  createReport(year: number, edition: number, action = '新建年度'): Report {
    checkYear(year);
    checkYear(edition, '科目版本年度');
    const report = emptyReport(year, edition);
    this.write(() => {
      if (this.stmt.getReport.get(year) !== undefined) throw invalid(`${year}年度的决算数据已存在。`);
      const at = this.timestamp();
      this.stmt.insertReport.run(year, edition, JSON.stringify(report.settings), at, at);
      this.recorder(year, action)({ target: REPORT_TARGET, before: null, after: { edition } });
    });
    return report;
  }

  /**
   * Replaces everything stored for the report's year (import, 新建年度), in one transaction; the
   * change log records the difference from what was stored (all of it for a new year).
   */
  saveReport(report: Report, action = '导入'): void {
    const r = checkReport(report);
    this.write(() => {
      const before = this.stmt.getReport.get(r.year) === undefined ? null : this.loadReport(r.year);
      const records = diffReports(before, r);
      const at = this.timestamp();
      this.stmt.upsertReport.run(r.year, r.edition, JSON.stringify(r.settings), at, at);
      this.stmt.deleteItems.run(r.year);
      this.stmt.deleteAmounts.run(r.year);
      this.stmt.deleteTexts.run(r.year);
      for (const item of r.items) {
        this.stmt.insertItem.run(r.year, item.code, ...ITEM_FIELDS.map((f) => getItemField(item, f)));
      }
      for (const [code, value] of Object.entries(r.economic)) this.putAmount(r.year, { kind: 'economic', code }, value);
      for (const ref of SCALAR_REFS) this.putAmount(r.year, ref, readFact(r, ref));
      for (const [ref, value] of keyedFacts(r)) this.putAmount(r.year, ref, value);
      for (const [key, value] of Object.entries(r.texts)) this.stmt.upsertText.run(r.year, key, value);
      const record = this.recorder(r.year, action);
      for (const change of records) record(change);
    });
  }

  deleteReport(year: number, action = '删除年度'): void {
    checkYear(year);
    this.write(() => {
      const found = this.stmt.getReport.get(year);
      if (found === undefined || this.stmt.deleteReport.run(year).changes === 0) throw this.notFound(year);
      this.recorder(year, action)({ target: REPORT_TARGET, before: { edition: intColumn(asRow(found), 'edition') }, after: null });
    });
  }

  /** Writes one typed fact. Item rows are created on demand; null clears (0, or "use table 06"). */
  writeFact(year: number, ref: FactRef, value: number | null, action = '录入'): void {
    checkYear(year);
    checkRef(ref);
    const checked = checkFactValue(ref, value);
    this.write(() => {
      this.touch(year);
      this.putFact(year, ref, checked, this.recorder(year, action));
    });
  }

  /**
   * One user action in one transaction: custom codes, then new 项 rows, then facts and texts, then
   * 自评表 and 重点评价报告 (each written whole; the log records what changed in it, field by field).
   * Everything is validated before anything is written, and a failure inside the transaction
   * rolls all of it back, so a batch is never half written.
   */
  writeBatch(year: number, batch: BatchWrite): void {
    checkYear(year);
    const customCodes = batch.customCodes.map(checkCustomCode);
    const addItems = batch.addItems.map((code) => checkCode(code, ITEM_CODE, '功能分类科目代码（应为7位数字）'));
    const facts = batch.facts.map(({ ref, value }) => {
      checkRef(ref);
      return { ref, value: checkFactValue(ref, value) };
    });
    const texts = batch.texts.map(({ key, value }) => {
      const k = checkTextKey(key);
      return { key: k, value: checkText(value, k) };
    });
    const attachments = (batch.attachments ?? []).map(checkAttachmentWrite);
    const settings = batch.settings === undefined ? null : checkSettings(batch.settings);
    const action = actionLabel(batch.action, '录入');
    this.write(() => {
      this.touch(year);
      const fileRecord = this.recorder(null, action);
      for (const c of customCodes) this.putCustomCode(c, fileRecord);
      const record = this.recorder(year, action);
      if (settings) this.putSettings(year, settings, record);
      for (const code of addItems) this.addItemRow(year, code, record);
      for (const { ref, value } of facts) this.putFact(year, ref, value, record);
      for (const { key, value } of texts) this.putText(year, key, value, record);
      if (attachments.length > 0) {
        this.evaluation ??= new EvaluationRepository(this.db, this.now);
        for (const w of attachments) for (const change of this.evaluation.put(year, w)) record(change);
      }
    });
  }

  /** The stored value of a fact, as `readFact` reads it from a loaded report. */
  private storedFact(year: number, ref: FactRef): number | null {
    if (ref.kind === 'item') {
      const row = this.stmt.selectItemRow.get(year, ref.code);
      return row === undefined ? 0 : intColumn(asRow(row), ITEM_COLUMNS[ref.field]);
    }
    const stored = this.stmt.selectAmount.get(year, factRefKey(ref));
    if (stored === undefined) return isOptionalFact(ref) ? null : 0;
    return intValue(stored, factRefKey(ref));
  }

  /** Writes a checked fact and records it when it changed (and the 项 row when it was created). */
  private putFact(year: number, ref: FactRef, value: number | null, record: Recorder): void {
    if (ref.kind === 'item') this.addItemRow(year, ref.code, record);
    const before = this.storedFact(year, ref);
    if (before === value) return;
    if (ref.kind === 'item') this.putItemField(year, ref.code, ref.field, value ?? 0);
    else this.putAmount(year, ref, value);
    record({ target: factRefKey(ref), before, after: value });
  }

  /** Adds an empty 项 row when absent, and records it. */
  private addItemRow(year: number, code: string, record: Recorder): void {
    if (this.stmt.addItemIfAbsent.run(year, code).changes > 0) record({ target: itemRowTarget(code), before: null, after: true });
  }

  private putText(year: number, key: string, value: string, record: Recorder): void {
    const stored = this.stmt.selectText.get(year, key);
    const before = typeof stored === 'string' ? stored : null;
    if (before === value) return;
    this.stmt.upsertText.run(year, key, value);
    record({ target: textTarget(key), before, after: value });
  }

  private putItemField(year: number, code: string, field: ItemField, value: Fen): void {
    const upsert = this.itemUpserts.get(field);
    if (upsert === undefined) throw invalid(`无法识别要修改的数据项（${field}）。`);
    upsert.run(year, code, value);
  }

  private putAmount(year: number, ref: FactRef, value: number | null): void {
    const stored = storedAmount(ref, value);
    if (stored === null) this.stmt.deleteAmount.run(year, factRefKey(ref));
    else this.stmt.upsertAmount.run(year, factRefKey(ref), stored);
  }

  /** Adds an empty 项 row (all amounts zero) so the officer can type into it; a no-op when present. */
  addItem(year: number, code: string, action = '添加科目'): void {
    checkYear(year);
    const c = checkCode(code, ITEM_CODE, '功能分类科目代码（应为7位数字）');
    this.write(() => {
      this.touch(year);
      this.addItemRow(year, c, this.recorder(year, action));
    });
  }

  /** Removes a 项 row and every amount on it (the log records each figure going to 0, then the row). */
  deleteItem(year: number, code: string, action = '删除科目'): void {
    checkYear(year);
    const c = checkCode(code, ITEM_CODE, '功能分类科目代码（应为7位数字）');
    this.write(() => {
      this.touch(year);
      const row = this.stmt.selectItemRow.get(year, c);
      if (row === undefined) return;
      const item = rowToItem(asRow(row));
      const record = this.recorder(year, action);
      for (const field of ITEM_FIELDS) {
        const before = getItemField(item, field);
        if (before !== 0) record({ target: factRefKey({ kind: 'item', code: c, field }), before, after: 0 });
      }
      this.stmt.deleteItem.run(year, c);
      record({ target: itemRowTarget(c), before: true, after: null });
    });
  }

  writeText(year: number, key: string, value: string, action = '录入'): void {
    checkYear(year);
    const k = checkTextKey(key);
    const v = checkText(value, k);
    this.write(() => {
      this.touch(year);
      this.putText(year, k, v, this.recorder(year, action));
    });
  }

  updateSettings(year: number, settings: ReportSettings, action = '修改报表设置'): void {
    checkYear(year);
    const s = checkSettings(settings);
    this.write(() => this.putSettings(year, s, this.recorder(year, action)));
  }

  /** Writes checked settings and records them when they changed. */
  private putSettings(year: number, settings: ReportSettings, record: Recorder): void {
    const found = this.stmt.getReport.get(year);
    if (found === undefined) throw this.notFound(year);
    const before = parseStoredSettings(textColumn(asRow(found), 'settings'));
    if (this.stmt.updateSettings.run(JSON.stringify(settings), this.timestamp(), year).changes === 0) {
      throw this.notFound(year);
    }
    if (canonicalJson({ ...before }) !== canonicalJson({ ...settings })) {
      record({ target: SETTINGS_TARGET, before: { ...before }, after: { ...settings } });
    }
  }

  // --- 定稿 and the change log ---------------------------------------------------------------

  /** When and by whom the year was marked published (定稿); null while it is a draft. */
  getPublication(year: number): Publication | null {
    checkYear(year);
    return this.read(() => {
      const found = this.stmt.getPublication.get(year);
      if (found === undefined) throw this.notFound(year);
      const row = asRow(found);
      return typeof row.published_at === 'string' ? { at: row.published_at, by: typeof row.published_by === 'string' ? row.published_by : '' } : null;
    });
  }

  /** 定稿: marks the year published; from now on every write to it is refused. */
  publish(year: number, note = ''): Publication {
    checkYear(year);
    return this.write(() => {
      const found = this.stmt.getPublication.get(year);
      if (found === undefined) throw this.notFound(year);
      if (asRow(found).published_at !== null) throw invalid(`${year}年度已经定稿。`);
      const record = this.recorder(year, '定稿');
      const publication = { at: this.timestamp(), by: this.user ?? actorOf(this.db) };
      this.stmt.setPublication.run(publication.at, publication.by, publication.at, year);
      record({ target: STATUS_TARGET, before: 'draft', after: 'published', note: note.trim().slice(0, REASON_LENGTH) });
      return publication;
    });
  }

  /** 取消定稿: the year becomes editable again; the reason is required and kept in the log. */
  unpublish(year: number, reason: string): void {
    checkYear(year);
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (why === '') throw invalid('取消定稿须填写原因。');
    if (why.length > REASON_LENGTH) throw invalid(`取消定稿的原因不能超过${REASON_LENGTH}个字。`);
    this.write(() => {
      const found = this.stmt.getPublication.get(year);
      if (found === undefined) throw this.notFound(year);
      if (asRow(found).published_at === null) throw invalid(`${year}年度尚未定稿。`);
      this.stmt.setPublication.run(null, null, this.timestamp(), year);
      this.recorder(year, '取消定稿')({ target: STATUS_TARGET, before: 'published', after: 'draft', note: why });
    });
  }

  /** The change log of a year (or of one target in it: `factRefKey`, `text/…`); null: file-wide records. */
  listChanges(year: number | null, target?: string): ChangeEntry[] {
    if (year !== null) checkYear(year);
    return this.read(() => this.log.list(year, target));
  }

  /** Records an export made from the year's current state (its facts hash); the facts are not touched. */
  recordExport(year: number, hash: string, files: readonly string[]): void {
    checkYear(year);
    this.write(() => {
      if (this.stmt.getReport.get(year) === undefined) throw this.notFound(year);
      this.recorder(year, '导出')({ target: EXPORT_TARGET, before: null, after: hash, note: files.join('、') });
    });
  }

  // --- custom codes --------------------------------------------------------------------------

  listCustomCodes(): CustomCode[] {
    return this.read(() =>
      this.stmt.listCustomCodes.all().map((r) => {
        const row = asRow(r);
        const catalogue = row.catalogue;
        if (catalogue !== 'functional' && catalogue !== 'economic') throw damagedRow('自定义科目');
        return { catalogue, code: textColumn(row, 'code'), name: textColumn(row, 'name') };
      }),
    );
  }

  /** Adds a code, or renames it when the catalogue already has it. */
  addCustomCode(code: CustomCode, action = '添加科目代码'): void {
    const c = checkCustomCode(code);
    this.write(() => {
      const count = this.stmt.countCustomCodes.get();
      if (typeof count === 'number' && count >= LIMITS.customCodes && this.stmt.getCustomCode.get(c.catalogue, c.code) === undefined) {
        throw invalid(`自定义科目已有 ${count} 个，达到上限 ${LIMITS.customCodes} 个。`);
      }
      this.putCustomCode(c, this.recorder(null, action));
    });
  }

  /**
   * Writes a custom code and records it when it changed. A code whose name a published year
   * prints (a 功能分类 code of its rows, any table-06 经济分类 款) cannot change.
   */
  private putCustomCode(c: CustomCode, record: Recorder): void {
    const current = this.listCustomCodes();
    const before = current.find((x) => x.catalogue === c.catalogue && x.code === c.code)?.name ?? null;
    if (before === c.name) return;
    const next = [...current.filter((x) => x.catalogue !== c.catalogue || x.code !== c.code), c];
    const nameIn = (codes: readonly CustomCode[], edition: number) => {
      const catalogue = getCatalogue(edition, codes);
      return c.catalogue === 'functional' ? catalogue.functionalName(c.code) : catalogue.economicName(c.code);
    };
    if (publishedYears(this.db).length > 0) {
      refuseIfAltersPublished(this.db, `科目${c.code}“${c.name}”`, (p) => {
        const was = nameIn(current, p.edition);
        const will = nameIn(next, p.edition);
        if (was === will) return null;
        if (c.catalogue === 'functional' && this.stmt.usesCode.get(p.year, c.code.length, c.code) === undefined) return null;
        return was === undefined ? `表中将增加科目${c.code}` : `科目${c.code}的名称“${was}”将改为“${will ?? ''}”`;
      });
    }
    this.stmt.upsertCustomCode.run(c.catalogue, c.code, c.name);
    record({ target: customCodeTarget(c.catalogue, c.code), before, after: c.name });
  }

  // --- backup --------------------------------------------------------------------------------

  /** A consistent copy of the whole file, written with SQLite's online backup. */
  async backupTo(target: string): Promise<void> {
    const resolved = path.resolve(target);
    if (resolved === path.resolve(this.db.name)) throw invalid('备份文件不能与数据文件相同。');
    try {
      await this.db.backup(resolved);
    } catch (e) {
      throw toStorageError(e);
    }
  }
}
