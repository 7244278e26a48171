/**
 * 修改记录 (the change log): what changed in a year, from what to what, by which action. The
 * storage layer writes one record per changed fact in the same transaction as the change, so
 * the log cannot disagree with the facts; replaying a year's records from its creation gives
 * exactly its stored Report (`replayChanges`).
 *
 * A record's `target` says what changed:
 * - `report`            the year was created (after: `{ edition }`) or deleted (after: null)
 * - `edition`, `settings` the catalogue edition, the report settings
 * - `item/{code}`        a 项 row was added (after: true) or removed (after: null)
 * - a factRefKey         an amount or count (`item/2011301/expenditure.basic`, `prior/incomeTotal`, …)
 * - `text/{key}`         a text field (概况, 情况说明 fields, 名词解释, …)
 * - `status`             定稿 / 取消定稿 (after: 'published' | 'draft'; the reason in `note`)
 * - `export`             an export made from this state (after: the facts hash; files in `note`)
 * - `department`, `customCode/{catalogue}/{code}`  file-wide records (year null)
 * - `form/{id}…`, `keyReport/{id}…`  the 附件: a 自评表 or 重点评价报告 added, deleted, moved or one of
 *                        its fields, cells or rows changed (selfEvaluation/changes.ts). They are not
 *                        part of the Report, so replaying leaves the Report as it is.
 */
import type { Canonical } from './factsHash';
import { canonicalJson } from './factsHash';
import {
  COUNT_FIELDS,
  COUNT_NAMES,
  DEFAULT_SETTINGS,
  EXPENDITURE_KIND_NAMES,
  type FactRef,
  factRefKey,
  FISCAL_CARRY_FIELDS,
  FISCAL_SPLIT_NAMES,
  ITEM_CARRY_NAMES,
  INCOME_SOURCE_NAMES,
  isCountFact,
  isScoreCount,
  ITEM_FIELDS,
  emptyReport,
  parseFactRefKey,
  readFact,
  readSettings,
  type Report,
  scoreText,
  STATS_MONEY_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  THREE_PUBLIC_NAMES,
  VEHICLE_TYPES,
  VEHICLE_TYPE_NAMES,
  writeFact,
} from './model';
import { fenToWanText } from './money';
import { settingsText } from './settingsText';
import { type AttachmentNamer, attachmentTargetLabel, attachmentValueText, isAttachmentTarget } from './selfEvaluation/changes';

export type LogValue = Canonical;

/** One change as a write produces it. */
export interface ChangeRecord {
  target: string;
  before: LogValue;
  after: LogValue;
  note?: string;
}

/** One stored record of the log. */
export interface ChangeEntry {
  id: number;
  /** ISO time. */
  at: string;
  /** OS user name of whoever made the change. */
  user: string;
  /** The year changed; null for file-wide records (department, custom codes). */
  year: number | null;
  /** The user action that made it: 录入, 粘贴 3 行到公开03表, 撤销：…, 导入, 定稿, … */
  action: string;
  target: string;
  before: LogValue;
  after: LogValue;
  note: string;
}

export const REPORT_TARGET = 'report';
export const EDITION_TARGET = 'edition';
export const SETTINGS_TARGET = 'settings';
export const STATUS_TARGET = 'status';
export const EXPORT_TARGET = 'export';
export const DEPARTMENT_TARGET = 'department';

export const itemRowTarget = (code: string): string => `item/${code}`;
export const textTarget = (key: string): string => `text/${key}`;
export const customCodeTarget = (catalogue: string, code: string): string => `customCode/${catalogue}/${code}`;

const ITEM_ROW = /^item\/(\d{7})$/u;

/** Every fact ref a report holds a value for (item fields of its rows, economic 款, scalars, keyed facts). */
export function factRefsOf(report: Report): FactRef[] {
  const refs: FactRef[] = [];
  for (const item of report.items) for (const field of ITEM_FIELDS) refs.push({ kind: 'item', code: item.code, field });
  for (const code of Object.keys(report.economic)) refs.push({ kind: 'economic', code });
  for (const field of SUMMARY_FIELDS) refs.push({ kind: 'summary', field });
  for (const field of FISCAL_CARRY_FIELDS) refs.push({ kind: 'fiscalCarry', field });
  for (const side of ['budget', 'actual'] as const) for (const item of THREE_PUBLIC_ITEMS) refs.push({ kind: 'threePublic', side, item });
  for (const field of STATS_MONEY_FIELDS) refs.push({ kind: 'stats', field });
  refs.push({ kind: 'operatingCost' }, { kind: 'equipment' });
  for (const type of VEHICLE_TYPES) refs.push({ kind: 'vehicle', type });
  for (const field of COUNT_FIELDS) refs.push({ kind: 'count', field });
  for (const code of Object.keys(report.initialBudget)) refs.push({ kind: 'initialBudget', code });
  for (const code of Object.keys(report.adjustedBudget)) refs.push({ kind: 'adjustedBudget', code });
  for (const key of Object.keys(report.prior)) refs.push({ kind: 'prior', key });
  return refs;
}

function sameValue(a: LogValue, b: LogValue): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && canonicalJson(a) === canonicalJson(b));
}

function settingsValue(report: Report): LogValue {
  return { ...report.settings };
}

/**
 * What turns `before` into `after` (same year), as log records in replay order: the year's
 * creation when `before` is null, edition, settings, new 项 rows, every changed fact, removed
 * rows, texts. A removed row's figures are recorded going to 0 before the row goes.
 */
export function diffReports(before: Report | null, after: Report): ChangeRecord[] {
  const out: ChangeRecord[] = [];
  const base = before ?? emptyReport(after.year, after.edition);
  if (before === null) out.push({ target: REPORT_TARGET, before: null, after: { edition: after.edition } });
  if (base.edition !== after.edition) out.push({ target: EDITION_TARGET, before: base.edition, after: after.edition });
  if (!sameValue(settingsValue(base), settingsValue(after))) {
    out.push({ target: SETTINGS_TARGET, before: before === null ? null : settingsValue(base), after: settingsValue(after) });
  }
  const oldRows = new Set(base.items.map((i) => i.code));
  const newRows = new Set(after.items.map((i) => i.code));
  for (const code of newRows) if (!oldRows.has(code)) out.push({ target: itemRowTarget(code), before: null, after: true });
  const seen = new Set<string>();
  for (const ref of [...factRefsOf(base), ...factRefsOf(after)]) {
    const key = factRefKey(ref);
    if (seen.has(key)) continue;
    seen.add(key);
    const b = readFact(base, ref);
    const a = readFact(after, ref);
    if (b !== a) out.push({ target: key, before: b, after: a });
  }
  for (const code of oldRows) if (!newRows.has(code)) out.push({ target: itemRowTarget(code), before: true, after: null });
  const textKeys = new Set([...Object.keys(base.texts), ...Object.keys(after.texts)]);
  for (const key of textKeys) {
    const b = base.texts[key] ?? null;
    const a = after.texts[key] ?? null;
    if (b !== a) out.push({ target: textTarget(key), before: b, after: a });
  }
  return out;
}

function numberOrNull(value: LogValue, target: string): number | null {
  if (value === null || typeof value === 'number') return value;
  throw new Error(`修改记录“${target}”的数值无效`);
}

/**
 * Applies one record to a year's state (changed in place; a new object when the year is
 * created). Records that change nothing in the facts (status, export) leave it as it is.
 */
export function applyChange(state: Report | null, year: number, record: Pick<ChangeRecord, 'target' | 'after'>): Report | null {
  const { target, after } = record;
  if (target === REPORT_TARGET) {
    if (after === null) return null;
    const edition = typeof after === 'object' && !Array.isArray(after) ? (after as { edition?: unknown }).edition : undefined;
    if (typeof edition !== 'number') throw new Error('修改记录“report”缺少科目版本');
    return emptyReport(year, edition);
  }
  if (target === STATUS_TARGET || target === EXPORT_TARGET || isAttachmentTarget(target)) return state;
  if (state === null) throw new Error(`修改记录“${target}”出现在${year}年度建立之前`);
  if (target === EDITION_TARGET) {
    state.edition = numberOrNull(after, target) ?? state.edition;
    return state;
  }
  if (target === SETTINGS_TARGET) {
    state.settings = after === null ? { ...DEFAULT_SETTINGS } : readSettings(after).settings;
    return state;
  }
  const row = ITEM_ROW.exec(target);
  if (row) {
    const code = row[1]!;
    const present = state.items.some((i) => i.code === code);
    // Writing 0 to a field of a missing row adds the row (all zero) in code order.
    if (after === true && !present) writeFact(state, { kind: 'item', code, field: ITEM_FIELDS[0] }, 0);
    if (after === null) state.items = state.items.filter((i) => i.code !== code);
    return state;
  }
  if (target.startsWith('text/')) {
    const key = target.slice('text/'.length);
    if (after === null) delete state.texts[key];
    else if (typeof after === 'string') state.texts[key] = after;
    else throw new Error(`修改记录“${target}”的文字无效`);
    return state;
  }
  const ref = parseFactRefKey(target);
  if (!ref) throw new Error(`无法识别修改记录“${target}”`);
  writeFact(state, ref, numberOrNull(after, target));
  return state;
}

/** A year's state after its records, in order (null when the records end with its deletion). */
export function replayChanges(year: number, entries: readonly Pick<ChangeEntry, 'year' | 'target' | 'after'>[]): Report | null {
  let state: Report | null = null;
  for (const entry of entries) if (entry.year === year) state = applyChange(state, year, entry);
  return state;
}

// ---------------------------------------------------------------------------------------------
// Words for the screen and the exported log.

const ITEM_FIELD_LABELS = new Map<string, string>([
  ...Object.entries(INCOME_SOURCE_NAMES).map(([k, name]): [string, string] => [`income.${k}`, name]),
  ...Object.entries(EXPENDITURE_KIND_NAMES).map(([k, name]): [string, string] => [`expenditure.${k}`, name]),
  ...Object.entries(FISCAL_SPLIT_NAMES).map(([k, name]): [string, string] => [`fiscal.${k}`, name]),
  ...Object.entries(ITEM_CARRY_NAMES),
]);

const SUMMARY_LABELS: Record<string, string> = {
  nonFiscalSurplusUsed: '使用非财政拨款结余（含专用结余）',
  openingBalance: '年初结转和结余',
  surplusDistribution: '结余分配',
  closingBalance: '年末结转和结余',
};

const FISCAL_CARRY_LABELS: Record<string, string> = {
  generalOpening: '年初一般公共预算财政拨款结转和结余',
  generalClosing: '年末一般公共预算财政拨款结转和结余',
  stateCapitalOpening: '年初国有资本经营预算财政拨款结转和结余',
  stateCapitalClosing: '年末国有资本经营预算财政拨款结转和结余',
};

const STATS_LABELS: Record<string, string> = {
  procurementGoods: '政府采购货物支出',
  procurementWorks: '政府采购工程支出',
  procurementServices: '政府采购服务支出',
  procurementSme: '授予中小企业合同金额',
  procurementMicro: '授予小微企业合同金额',
  receptionDomestic: '国内公务接待费',
  receptionForeignAffairs: '外事接待费',
  receptionOverseas: '国（境）外接待费',
  performanceFunds: '绩效自评项目涉及资金',
  procurementSmeReserved: '预留项目授予中小企业合同金额',
  performanceTargetFunds: '设定绩效目标的项目涉及资金',
  performanceTrackingFunds: '开展绩效跟踪的项目涉及资金',
};

/** What a fact is, in Chinese (`科目2011301 基本支出`, `“三公”经费决算数 公务接待费`). */
export function factLabel(ref: FactRef, functionalName?: (code: string) => string | undefined): string {
  const named = (code: string) => {
    const name = functionalName?.(code);
    return name ? `${code} ${name}` : code;
  };
  switch (ref.kind) {
    case 'item':
      return `科目${named(ref.code)}·${ITEM_FIELD_LABELS.get(ref.field) ?? ref.field}`;
    case 'economic':
      return `经济分类${ref.code}（基本支出）`;
    case 'summary':
      return SUMMARY_LABELS[ref.field] ?? ref.field;
    case 'fiscalCarry':
      return FISCAL_CARRY_LABELS[ref.field] ?? ref.field;
    case 'threePublic':
      return `“三公”经费${ref.side === 'budget' ? '预算数' : '决算数'}·${THREE_PUBLIC_NAMES[ref.item]}`;
    case 'stats':
      return STATS_LABELS[ref.field] ?? ref.field;
    case 'operatingCost':
      return '机关运行经费（手工数）';
    case 'vehicle':
      return `车辆数·${VEHICLE_TYPE_NAMES[ref.type]}`;
    case 'equipment':
      return '单价100万元以上设备数';
    case 'count':
      return COUNT_NAMES[ref.field];
    case 'initialBudget':
      return `年初预算·${named(ref.code)}`;
    case 'adjustedBudget':
      return `全年预算·${named(ref.code)}`;
    case 'prior':
      return `上年数·${ref.key}`;
  }
}

/** Text fields outside the 情况说明 (whose fields are named by the drafted narrative). */
function fixedTextName(key: string): string | undefined {
  if (key === 'overview.duties') return '概况·部门职责';
  if (key === 'overview.organisation') return '概况·机构设置';
  if (key === 'glossary.extra') return '名词解释·其他';
  if (key === 'attachments') return '附件目录';
  const term = /^glossary\.(\d+)$/u.exec(key);
  return term ? `名词解释·第${term[1]}条` : undefined;
}

/**
 * What a record's target is, in Chinese; `textName` names a text field (`一、收入支出决算总体 变动的主要原因`),
 * `attachmentName` a 自评表 or 重点评价报告 (selfEvaluation `attachmentNamer`).
 */
export function targetLabel(
  target: string,
  functionalName?: (code: string) => string | undefined,
  textName?: (key: string) => string | undefined,
  attachmentName?: AttachmentNamer,
): string {
  if (target === REPORT_TARGET) return '年度报表';
  if (isAttachmentTarget(target)) return attachmentTargetLabel(target, attachmentName);
  if (target === EDITION_TARGET) return '科目版本';
  if (target === SETTINGS_TARGET) return '报表设置';
  if (target === STATUS_TARGET) return '定稿状态';
  if (target === EXPORT_TARGET) return '导出';
  if (target === DEPARTMENT_TARGET) return '部门信息';
  const row = ITEM_ROW.exec(target);
  if (row) return `科目行 ${functionalName?.(row[1]!) ? `${row[1]} ${functionalName(row[1]!)}` : row[1]}`;
  if (target.startsWith('text/')) {
    const key = target.slice('text/'.length);
    return textName?.(key) ?? fixedTextName(key) ?? `文字·${key}`;
  }
  if (target.startsWith('customCode/')) return `自定义科目 ${target.split('/')[2] ?? ''}`;
  const ref = parseFactRefKey(target);
  return ref ? factLabel(ref, functionalName) : target;
}

const STATUS_WORDS: Record<string, string> = { published: '已定稿', draft: '未定稿' };

/** A record's time as people read it: `2026-03-02 09:15` in this computer's time zone (the raw text when it is not a date). */
export function formatLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A record's value for display: amounts as exact 万元, counts as whole numbers, texts quoted. */
export function valueText(target: string, value: LogValue): string {
  if (value === null) return '（空）';
  if (target === STATUS_TARGET && typeof value === 'string') return STATUS_WORDS[value] ?? value;
  if (target === SETTINGS_TARGET) return settingsText(readSettings(value).settings);
  if (isAttachmentTarget(target)) return attachmentValueText(target, value);
  if (ITEM_ROW.test(target)) return value === true ? '有' : '无';
  if (typeof value === 'number') {
    const ref = parseFactRefKey(target);
    if (ref && !isCountFact(ref)) return `${fenToWanText(value)}万元`;
    if (ref?.kind === 'count' && isScoreCount(ref.field)) return `${scoreText(value)}分`;
    return String(value);
  }
  if (typeof value === 'string') return `“${value.length > 60 ? `${value.slice(0, 60)}…` : value}”`;
  if (target === REPORT_TARGET && typeof value === 'object' && !Array.isArray(value)) return `科目版本${String((value as { edition?: unknown }).edition)}`;
  return canonicalJson(value);
}

/** Whether a record is about a fact, a row or a text of the year (not status, exports or file-wide records). */
export function isFactRecord(target: string): boolean {
  return target !== STATUS_TARGET && target !== EXPORT_TARGET && target !== DEPARTMENT_TARGET && !target.startsWith('customCode/') && !isAttachmentTarget(target);
}
