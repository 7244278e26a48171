/**
 * Runtime validation of every Api request. Requests cross a trust boundary (IPC from a renderer,
 * HTTP in browser mode), so each channel's request is checked structurally before a handler runs:
 * exact keys, types, bounded strings, integer years, digit codes, FactRefs built only from the
 * model's own constants. Validators return a fresh object holding only the known fields.
 *
 * The storage layer still checks values against the data (amount limits, existing years); this
 * module only decides whether a request is well-formed. Messages are Chinese, for the log and,
 * if a renderer bug ever sends a bad request, for the user.
 */
import {
  COUNT_FIELDS,
  type CustomCode,
  type Department,
  FISCAL_CARRY_FIELDS,
  type FactRef,
  isPriorKey,
  ITEM_FIELDS,
  type ReportSettings,
  readSettings,
  SETTING_RULES,
  STATS_MONEY_FIELDS,
  SUBORDINATE_UNIT_LIMITS,
  type SubordinateUnit,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  UNIT_KINDS,
  type UnitKind,
  VEHICLE_TYPES,
} from '../domain/model';
import { LIMITS as DOMAIN_LIMITS, type TextKind, textProblem } from '../domain/limits';
import { MAX_AMOUNT_FEN } from '../domain/money';
import { ATTACHMENT_ID, type AttachmentWrite, EvaluationReader, readEvaluationSettings, readForm, readKeyReport, type ReadIssue } from '../domain/selfEvaluation';
import { type ApiError, type Channel, isChannel, type RequestOf } from './api';

/**
 * Limits on what a request may carry: the app's one set (shared/domain/limits.ts, which the
 * importer and the storage layer use too) plus the contract's own.
 */
export const LIMITS = {
  ...DOMAIN_LIMITS,
  fileIdLength: 100,
  /** Facts (or texts, or rows to add) in one batch: a paste of a whole table of a large department. */
  batchSize: 20_000,
  /** A workbook uploaded for 导入Excel表格 or the 自评表 import (bytes, sent as base64). */
  workbookBytes: 20 * 1024 * 1024,
} as const;

/** A request that does not match the contract; `path` names the offending field. */
class Invalid extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}：${reason}`);
  }
}

type Fields = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === undefined) return '缺少此字段';
  if (value === null) return '收到 null';
  if (Array.isArray(value)) return '收到数组';
  if (typeof value === 'string') return `收到文字（${value.length} 个字符）`;
  if (typeof value === 'object') return '收到对象';
  return `收到${typeof value === 'number' ? '数字' : typeof value === 'boolean' ? '布尔值' : '其他类型'} ${String(value)}`;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object with exactly the allowed keys (optional ones may be absent); anything else fails. */
function object(value: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Fields {
  if (!isRecord(value)) throw new Invalid(path, `应为对象，${describe(value)}`);
  for (const key of Object.keys(value)) {
    if (!required.includes(key) && !optional.includes(key)) throw new Invalid(`${path}.${key}`, '是未知字段');
  }
  for (const key of required) {
    if (value[key] === undefined) throw new Invalid(`${path}.${key}`, '缺少此字段');
  }
  return value;
}

function empty(value: unknown, path: string): Record<string, never> {
  object(value, path, []);
  return {};
}

function year(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= LIMITS.yearMin && value <= LIMITS.yearMax) return value;
  throw new Invalid(path, `应为${LIMITS.yearMin}至${LIMITS.yearMax}之间的整数年份，${describe(value)}`);
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  throw new Invalid(path, `应为 true 或 false，${describe(value)}`);
}

function text(value: unknown, path: string, kind: TextKind): string {
  if (typeof value !== 'string') throw new Invalid(path, `应为文字，${describe(value)}`);
  const problem = textProblem(value, kind);
  if (problem) throw new Invalid(path, problem);
  return value;
}

/** A classification code: digits only, of one of the given lengths. */
function code(value: unknown, path: string, lengths: readonly number[]): string {
  if (typeof value === 'string' && /^\d+$/u.test(value) && lengths.includes(value.length)) return value;
  throw new Invalid(path, `应为${lengths.join('、')}位数字的科目代码，${describe(value)}`);
}

/** An array of at most LIMITS.batchSize entries, each validated by `each`. */
function list<T>(value: unknown, path: string, each: (value: unknown, path: string) => T): T[] {
  if (!Array.isArray(value)) throw new Invalid(path, `应为数组，${describe(value)}`);
  if (value.length > LIMITS.batchSize) throw new Invalid(path, `一次最多${LIMITS.batchSize}项（收到${value.length}项）`);
  return value.map((v, k) => each(v, `${path}[${k}]`));
}

function oneOf<T extends string>(values: readonly T[], value: unknown, path: string): T {
  const found = values.find((v) => v === value);
  if (found !== undefined) return found;
  throw new Invalid(path, `应为${values.join('、')}之一，${describe(value)}`);
}

const FUNCTIONAL_LENGTHS = [3, 5, 7] as const; // 类 / 款 / 项
const ITEM_LENGTHS = [7] as const; // 项 rows carry the amounts
const ECONOMIC_LENGTHS = [5] as const; // table 06 amounts are typed per 款
const CUSTOM_CODE_LENGTHS: Record<CustomCode['catalogue'], readonly number[]> = { functional: [3, 5, 7], economic: [3, 5] };

const FACT_KINDS = [
  'item',
  'economic',
  'summary',
  'fiscalCarry',
  'threePublic',
  'stats',
  'operatingCost',
  'vehicle',
  'equipment',
  'count',
  'initialBudget',
  'adjustedBudget',
  'prior',
] as const satisfies readonly FactRef['kind'][];

/** A FactRef, rebuilt from its parts so no stray property survives. */
function factRef(value: unknown, path: string): FactRef {
  const kind = oneOf(FACT_KINDS, isRecord(value) ? value.kind : value, `${path}.kind`);
  switch (kind) {
    case 'item': {
      const f = object(value, path, ['kind', 'code', 'field']);
      return { kind, code: code(f.code, `${path}.code`, ITEM_LENGTHS), field: oneOf(ITEM_FIELDS, f.field, `${path}.field`) };
    }
    case 'economic': {
      const f = object(value, path, ['kind', 'code']);
      return { kind, code: code(f.code, `${path}.code`, ECONOMIC_LENGTHS) };
    }
    case 'summary':
      return { kind, field: oneOf(SUMMARY_FIELDS, object(value, path, ['kind', 'field']).field, `${path}.field`) };
    case 'fiscalCarry':
      return { kind, field: oneOf(FISCAL_CARRY_FIELDS, object(value, path, ['kind', 'field']).field, `${path}.field`) };
    case 'threePublic': {
      const f = object(value, path, ['kind', 'side', 'item']);
      return { kind, side: oneOf(['budget', 'actual'] as const, f.side, `${path}.side`), item: oneOf(THREE_PUBLIC_ITEMS, f.item, `${path}.item`) };
    }
    case 'stats':
      return { kind, field: oneOf(STATS_MONEY_FIELDS, object(value, path, ['kind', 'field']).field, `${path}.field`) };
    case 'vehicle':
      return { kind, type: oneOf(VEHICLE_TYPES, object(value, path, ['kind', 'type']).type, `${path}.type`) };
    case 'count':
      return { kind, field: oneOf(COUNT_FIELDS, object(value, path, ['kind', 'field']).field, `${path}.field`) };
    case 'operatingCost':
    case 'equipment':
      object(value, path, ['kind']);
      return { kind };
    case 'initialBudget':
    case 'adjustedBudget':
      return { kind, code: code(object(value, path, ['kind', 'code']).code, `${path}.code`, FUNCTIONAL_LENGTHS) };
    case 'prior': {
      const key = object(value, path, ['kind', 'key']).key;
      if (typeof key === 'string' && key.length <= LIMITS.textKeyLength && isPriorKey(key)) return { kind, key };
      throw new Invalid(`${path}.key`, `不是可填写的上年数据项，${describe(key)}`);
    }
  }
}

/**
 * A fact's value: whole 分 (or a whole count) within the app's amount limit, or null to clear.
 * Which facts may be negative or null is the storage's rule.
 */
function factValue(value: unknown, path: string): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= MAX_AMOUNT_FEN) return value;
  throw new Invalid(path, `应为绝对值不超过${MAX_AMOUNT_FEN}的整数（金额以“分”为单位）或 null，${describe(value)}`);
}

function settings(value: unknown, path: string): ReportSettings {
  const { settings: read, problems } = readSettings(value);
  const first = problems[0];
  if (first) throw new Invalid(first.key ? `${path}.${first.key}` : path, first.message);
  const missing = Object.keys(SETTING_RULES).find((key) => isRecord(value) && value[key] === undefined);
  if (missing) throw new Invalid(`${path}.${missing}`, '缺少此字段');
  return read;
}

function unitKind(value: unknown, path: string): UnitKind {
  return oneOf(UNIT_KINDS, value, path);
}

/** 下属单位: at most SUBORDINATE_UNIT_LIMITS.count units, each a one-line name and note. */
function subordinateUnits(value: unknown, path: string): SubordinateUnit[] {
  if (!Array.isArray(value)) throw new Invalid(path, `应为单位列表，${describe(value)}`);
  if (value.length > SUBORDINATE_UNIT_LIMITS.count) throw new Invalid(path, `最多${SUBORDINATE_UNIT_LIMITS.count}个单位（收到${value.length}个）`);
  return value.map((unit: unknown, i) => {
    const f = object(unit, `${path}[${i}]`, ['name', 'note']);
    return {
      name: text(f.name, `${path}[${i}].name`, 'name'),
      note: text(f.note, `${path}[${i}].note`, 'unitNote'),
    };
  });
}

function department(value: unknown, path: string): Department {
  const f = object(value, path, ['name', 'unitKind', 'subordinateUnits']);
  return {
    name: text(f.name, `${path}.name`, 'name'),
    unitKind: unitKind(f.unitKind, `${path}.unitKind`),
    subordinateUnits: subordinateUnits(f.subordinateUnits, `${path}.subordinateUnits`),
  };
}

function customCode(value: unknown, path: string): CustomCode {
  const f = object(value, path, ['catalogue', 'code', 'name']);
  const catalogue = oneOf(['functional', 'economic'] as const, f.catalogue, `${path}.catalogue`);
  return {
    catalogue,
    code: code(f.code, `${path}.code`, CUSTOM_CODE_LENGTHS[catalogue]),
    name: text(f.name, `${path}.name`, 'name'),
  };
}

/** Opaque file ids are short URL-safe tokens (see electron/backend/app/fileIds.ts). */
function fileId(value: unknown, path: string): string {
  if (typeof value === 'string' && value.length > 0 && value.length <= LIMITS.fileIdLength && /^[A-Za-z0-9_-]+$/u.test(value)) return value;
  throw new Invalid(path, `应为文件编号，${describe(value)}`);
}

/** A value read by the 附件 reader (shared/domain/selfEvaluation/read.ts), in 分 and thousandths of a point. */
function evaluationValue<T>(value: unknown, path: string, read: (r: EvaluationReader, value: unknown, path: string) => T): T {
  const r = new EvaluationReader({ kind: 'internal' });
  const out = read(r, value, path);
  const first: ReadIssue | undefined = r.issues[0];
  if (first) throw new Invalid(first.path, first.message);
  return out;
}

/** A whole 自评表 or 重点评价报告 to write at a position, or null to delete it; its id is the one written. */
function attachmentWrite(value: unknown, path: string): AttachmentWrite {
  const f = object(value, path, ['kind', 'id', 'position'], ['form', 'report']);
  const id = attachmentId(f.id, `${path}.id`);
  const at = position(f.position, `${path}.position`);
  const whole = <T extends { id: string }>(key: 'form' | 'report', read: (r: EvaluationReader, value: unknown, path: string) => T): T | null => {
    if (!(key in f)) throw new Invalid(`${path}.${key}`, '缺少此字段');
    if (f[key] === null) return null;
    const out = evaluationValue(f[key], `${path}.${key}`, read);
    if (out.id !== id) throw new Invalid(`${path}.${key}.id`, `应与 ${path}.id “${id}”一致`);
    return out;
  };
  if (f.kind === 'form') {
    if ('report' in f) throw new Invalid(`${path}.report`, '是未知字段');
    return { kind: 'form', id, form: whole('form', readForm), position: at };
  }
  if (f.kind === 'keyReport') {
    if ('form' in f) throw new Invalid(`${path}.form`, '是未知字段');
    return { kind: 'keyReport', id, report: whole('report', readKeyReport), position: at };
  }
  throw new Invalid(`${path}.kind`, `应为 form 或 keyReport，${describe(f.kind)}`);
}

function attachmentId(value: unknown, path: string): string {
  if (typeof value === 'string' && ATTACHMENT_ID.test(value)) return value;
  throw new Invalid(path, `应为自评表编号，${describe(value)}`);
}

function position(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 100_000) return value;
  throw new Invalid(path, `应为不小于0的整数位置，${describe(value)}`);
}

/** Base64 (standard alphabet, padded), decoding to at most LIMITS.workbookBytes bytes. */
function base64(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new Invalid(path, `应为 base64 文字，${describe(value)}`);
  const maxLength = Math.ceil(LIMITS.workbookBytes / 3) * 4;
  if (value.length > maxLength) throw new Invalid(path, `文件不能超过${LIMITS.workbookBytes / 1024 / 1024} MB`);
  if (value.length === 0 || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/u.test(value)) throw new Invalid(path, '不是有效的 base64 编码');
  return value;
}

/** An .xlsx chosen in the page: its bytes as base64 and its name (never a path). */
function workbookUpload(value: unknown, path: string): { year: number; fileName: string; data: string } {
  const f = object(value, path, ['year', 'fileName', 'data']);
  return {
    year: year(f.year, `${path}.year`),
    fileName: text(f.fileName, `${path}.fileName`, 'fileName'),
    data: base64(f.data, `${path}.data`),
  };
}

type Validators = { readonly [C in Channel]: (request: unknown, path: string) => RequestOf<C> };

const VALIDATORS: Validators = {
  'app.info': empty,
  'file.recent': empty,
  'file.list': empty,
  'file.open': (r, p) => {
    const f = object(r, p, [], ['id']);
    return f.id === undefined ? {} : { id: fileId(f.id, `${p}.id`) };
  },
  'file.openDemo': empty,
  'file.create': (r, p) => {
    const f = object(r, p, ['departmentName', 'unitKind', 'year']);
    return {
      departmentName: text(f.departmentName, `${p}.departmentName`, 'name'),
      unitKind: unitKind(f.unitKind, `${p}.unitKind`),
      year: year(f.year, `${p}.year`),
    };
  },
  'file.saveAs': empty,
  'file.current': empty,
  'file.close': empty,
  'report.load': (r, p) => ({ year: year(object(r, p, ['year']).year, `${p}.year`) }),
  'report.writeFact': (r, p) => {
    // `value` is required but may be null, so it is checked for presence by hand.
    const f = object(r, p, ['year', 'ref'], ['value']);
    if (!('value' in f)) throw new Invalid(`${p}.value`, '缺少此字段');
    return { year: year(f.year, `${p}.year`), ref: factRef(f.ref, `${p}.ref`), value: factValue(f.value, `${p}.value`) };
  },
  'report.writeText': (r, p) => {
    const f = object(r, p, ['year', 'key', 'value']);
    return {
      year: year(f.year, `${p}.year`),
      key: text(f.key, `${p}.key`, 'textKey'),
      value: text(f.value, `${p}.value`, 'text'),
    };
  },
  'report.writeBatch': (r, p) => {
    const f = object(r, p, ['year', 'facts', 'texts', 'addItems', 'customCodes'], ['action', 'attachments', 'settings']);
    const action = f.action === undefined ? {} : { action: text(f.action, `${p}.action`, 'action') };
    const attachments = f.attachments === undefined ? {} : { attachments: list(f.attachments, `${p}.attachments`, attachmentWrite) };
    const written = f.settings === undefined ? {} : { settings: settings(f.settings, `${p}.settings`) };
    return {
      ...action,
      ...attachments,
      ...written,
      year: year(f.year, `${p}.year`),
      facts: list(f.facts, `${p}.facts`, (v, q) => {
        const w = object(v, q, ['ref'], ['value']);
        if (!('value' in w)) throw new Invalid(`${q}.value`, '缺少此字段');
        return { ref: factRef(w.ref, `${q}.ref`), value: factValue(w.value, `${q}.value`) };
      }),
      texts: list(f.texts, `${p}.texts`, (v, q) => {
        const w = object(v, q, ['key', 'value']);
        return {
          key: text(w.key, `${q}.key`, 'textKey'),
          value: text(w.value, `${q}.value`, 'text'),
        };
      }),
      addItems: list(f.addItems, `${p}.addItems`, (v, q) => code(v, q, ITEM_LENGTHS)),
      customCodes: list(f.customCodes, `${p}.customCodes`, customCode),
    };
  },
  'report.updateSettings': (r, p) => {
    const f = object(r, p, ['year', 'settings']);
    return { year: year(f.year, `${p}.year`), settings: settings(f.settings, `${p}.settings`) };
  },
  'report.addItem': (r, p) => {
    const f = object(r, p, ['year', 'code']);
    return { year: year(f.year, `${p}.year`), code: code(f.code, `${p}.code`, ITEM_LENGTHS) };
  },
  'report.deleteItem': (r, p) => {
    const f = object(r, p, ['year', 'code']);
    return { year: year(f.year, `${p}.year`), code: code(f.code, `${p}.code`, ITEM_LENGTHS) };
  },
  'report.createYear': (r, p) => {
    const fromYear = year(object(r, p, ['fromYear']).fromYear, `${p}.fromYear`);
    if (fromYear >= LIMITS.yearMax) throw new Invalid(`${p}.fromYear`, `下一年度超出${LIMITS.yearMax}年`);
    return { fromYear };
  },
  'report.publish': (r, p) => ({ year: year(object(r, p, ['year']).year, `${p}.year`) }),
  'report.unpublish': (r, p) => {
    const f = object(r, p, ['year', 'reason']);
    return { year: year(f.year, `${p}.year`), reason: text(f.reason, `${p}.reason`, 'reason') };
  },
  'report.changes': (r, p) => {
    const f = object(r, p, ['year'], ['target']);
    const y = year(f.year, `${p}.year`);
    return f.target === undefined ? { year: y } : { year: y, target: text(f.target, `${p}.target`, 'changeTarget') };
  },
  'department.update': (r, p) => ({ department: department(object(r, p, ['department']).department, `${p}.department`) }),
  'catalogue.addCode': (r, p) => ({ code: customCode(object(r, p, ['code']).code, `${p}.code`) }),
  'export.run': (r, p) => {
    const f = object(r, p, ['year', 'docx', 'xlsx']);
    return { year: year(f.year, `${p}.year`), docx: boolean(f.docx, `${p}.docx`), xlsx: boolean(f.xlsx, `${p}.xlsx`) };
  },
  'export.pdf': (r, p) => ({ year: year(object(r, p, ['year']).year, `${p}.year`) }),
  'export.audit': (r, p) => ({ year: year(object(r, p, ['year']).year, `${p}.year`) }),
  'export.bundle': (r, p) => {
    const f = object(r, p, ['year', 'force']);
    return { year: year(f.year, `${p}.year`), force: boolean(f.force, `${p}.force`) };
  },
  'export.openFolder': empty,
  'evaluation.saveSettings': (r, p) => {
    const f = object(r, p, ['year', 'settings']);
    return { year: year(f.year, `${p}.year`), settings: evaluationValue(f.settings, `${p}.settings`, readEvaluationSettings) };
  },
  'evaluation.importWorkbook': workbookUpload,
  'import.tablesPreview': workbookUpload,
  'import.tablesApply': workbookUpload,
  'export.compare': (r, p) => {
    const f = object(r, p, ['year', 'withYear']);
    return { year: year(f.year, `${p}.year`), withYear: year(f.withYear, `${p}.withYear`) };
  },
  'export.changes': (r, p) => ({ year: year(object(r, p, ['year']).year, `${p}.year`) }),
};

export type ValidatedRequest = { [C in Channel]: { ok: true; channel: C; request: RequestOf<C> } }[Channel];
export type ValidationFailure = { ok: false; error: ApiError };

function invalidRequest(message: string): ValidationFailure {
  return { ok: false, error: { code: 'INVALID_REQUEST', message } };
}

/**
 * Validates a request for a channel known at compile time; the result keeps the channel's type,
 * so a dispatcher can call that channel's handler without a cast.
 */
export function validateFor<C extends Channel>(channel: C, request: unknown): { ok: true; request: RequestOf<C> } | ValidationFailure {
  try {
    const validate: (request: unknown, path: string) => RequestOf<C> = VALIDATORS[channel];
    return { ok: true, request: validate(request, '请求') };
  } catch (e) {
    if (e instanceof Invalid) return invalidRequest(`请求无效（${channel}）：${e.path}${e.reason}。`);
    throw e;
  }
}

/** Validates an untrusted (channel, request) pair: an unknown channel or a malformed request fails with INVALID_REQUEST. */
export function validateRequest(channel: unknown, request: unknown): ValidatedRequest | ValidationFailure {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? `“${channel.slice(0, 60)}”` : describe(channel);
    return invalidRequest(`请求无效：未知的通道${shown}。`);
  }
  return validateChannel(channel, request);
}

function validateChannel<C extends Channel>(channel: C, request: unknown): ValidatedRequest | ValidationFailure {
  const result = validateFor(channel, request);
  if (!result.ok) return result;
  return correlate(channel, result.request);
}

/**
 * Pairs a channel with its request. TypeScript cannot see that `{ channel: C; request: RequestOf<C> }`
 * for a generic C is a member of the distributed union, so the pairing is spelled out per channel
 * by a lookup that is checked for every channel at compile time.
 */
function correlate<C extends Channel>(channel: C, request: RequestOf<C>): ValidatedRequest {
  const make: { [K in Channel]: (request: RequestOf<K>) => ValidatedRequest } = PAIRS;
  const pair: (request: RequestOf<C>) => ValidatedRequest = make[channel];
  return pair(request);
}

const PAIRS: { [K in Channel]: (request: RequestOf<K>) => ValidatedRequest } = {
  'app.info': (request) => ({ ok: true, channel: 'app.info', request }),
  'file.recent': (request) => ({ ok: true, channel: 'file.recent', request }),
  'file.list': (request) => ({ ok: true, channel: 'file.list', request }),
  'file.open': (request) => ({ ok: true, channel: 'file.open', request }),
  'file.openDemo': (request) => ({ ok: true, channel: 'file.openDemo', request }),
  'file.create': (request) => ({ ok: true, channel: 'file.create', request }),
  'file.saveAs': (request) => ({ ok: true, channel: 'file.saveAs', request }),
  'file.current': (request) => ({ ok: true, channel: 'file.current', request }),
  'file.close': (request) => ({ ok: true, channel: 'file.close', request }),
  'report.load': (request) => ({ ok: true, channel: 'report.load', request }),
  'report.writeFact': (request) => ({ ok: true, channel: 'report.writeFact', request }),
  'report.writeText': (request) => ({ ok: true, channel: 'report.writeText', request }),
  'report.writeBatch': (request) => ({ ok: true, channel: 'report.writeBatch', request }),
  'report.updateSettings': (request) => ({ ok: true, channel: 'report.updateSettings', request }),
  'report.addItem': (request) => ({ ok: true, channel: 'report.addItem', request }),
  'report.deleteItem': (request) => ({ ok: true, channel: 'report.deleteItem', request }),
  'report.createYear': (request) => ({ ok: true, channel: 'report.createYear', request }),
  'report.publish': (request) => ({ ok: true, channel: 'report.publish', request }),
  'report.unpublish': (request) => ({ ok: true, channel: 'report.unpublish', request }),
  'report.changes': (request) => ({ ok: true, channel: 'report.changes', request }),
  'department.update': (request) => ({ ok: true, channel: 'department.update', request }),
  'catalogue.addCode': (request) => ({ ok: true, channel: 'catalogue.addCode', request }),
  'export.run': (request) => ({ ok: true, channel: 'export.run', request }),
  'export.pdf': (request) => ({ ok: true, channel: 'export.pdf', request }),
  'export.audit': (request) => ({ ok: true, channel: 'export.audit', request }),
  'export.bundle': (request) => ({ ok: true, channel: 'export.bundle', request }),
  'export.openFolder': (request) => ({ ok: true, channel: 'export.openFolder', request }),
  'evaluation.saveSettings': (request) => ({ ok: true, channel: 'evaluation.saveSettings', request }),
  'evaluation.importWorkbook': (request) => ({ ok: true, channel: 'evaluation.importWorkbook', request }),
  'import.tablesPreview': (request) => ({ ok: true, channel: 'import.tablesPreview', request }),
  'import.tablesApply': (request) => ({ ok: true, channel: 'import.tablesApply', request }),
  'export.compare': (request) => ({ ok: true, channel: 'export.compare', request }),
  'export.changes': (request) => ({ ok: true, channel: 'export.changes', request }),
};
