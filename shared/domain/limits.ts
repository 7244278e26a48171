/**
 * What a disclosure file may hold: one set of limits for every way data gets in. The Api
 * validators (shared/contract/validate.ts), the interchange reader (interchange.ts) and the
 * storage layer's checks before any SQL (electron/backend/db/repository.ts) all read them from
 * here, so an import can never store what the app would refuse to type, and the other way round.
 *
 * The limits are far above any real department (seed 000 has 14 项 and a few dozen texts) and low
 * enough that a hostile or broken file cannot make a record nobody can open or print.
 */
import { MAX_AMOUNT_FEN } from './money';

export const LIMITS = {
  /** 年度 and 科目版本年度 (the storage's CHECK constraint says the same). */
  yearMin: 1900,
  yearMax: 2999,
  /** 部门名称, 科目名称: one line. */
  nameLength: 100,
  /** 下属单位: how many units (each a one-line name and a one-line 备注). */
  subordinateUnits: 500,
  /** 下属单位 备注 (e.g. 预算不单列，并入本级). */
  unitNoteLength: 200,
  /** A text field of the package (概况, 情况说明 paragraphs, 名词解释). */
  textLength: 20_000,
  /** The name of a text field (`overview.functions`, …). */
  textKeyLength: 200,
  /** The name of a file given to an import (for messages). */
  fileNameLength: 255,
  /** What a change-log entry says the action was (the undo step's label). */
  actionLength: 200,
  /** Why a year's 定稿 was lifted (取消定稿). */
  reasonLength: 2_000,
  /** Absolute value of an amount in 分 (just under 10 万亿元). */
  amountMaxFen: MAX_AMOUNT_FEN,
  /** 人数, 批次, 车辆, 台（套）: whole numbers up to ten million. */
  countMax: 10_000_000,
  /** 项 rows in one report (the 2024 catalogue has 539 项; custom codes come on top). */
  itemsPerReport: 5_000,
  /** Text fields in one report. */
  textsPerReport: 2_000,
  /** Keyed amounts in one map of a report (年初预算, 调整预算, 上年数 per 科目). */
  keyedAmountsPerReport: 5_000,
  /** Custom 科目 of one file. */
  customCodes: 5_000,
  /** Size of a file given to an import. */
  inputFileBytes: 32 * 1024 * 1024,
} as const;

/** The kinds of user text, each with its own length and line rules. */
export type TextKind = 'name' | 'unitNote' | 'text' | 'textKey' | 'fileName' | 'action' | 'reason' | 'changeTarget';

interface TextRule {
  maxLength: number;
  singleLine: boolean;
  nonEmpty: boolean;
}

export const TEXT_RULES: Readonly<Record<TextKind, TextRule>> = {
  name: { maxLength: LIMITS.nameLength, singleLine: true, nonEmpty: true },
  unitNote: { maxLength: LIMITS.unitNoteLength, singleLine: true, nonEmpty: false },
  text: { maxLength: LIMITS.textLength, singleLine: false, nonEmpty: false },
  textKey: { maxLength: LIMITS.textKeyLength, singleLine: true, nonEmpty: true },
  fileName: { maxLength: LIMITS.fileNameLength, singleLine: true, nonEmpty: true },
  action: { maxLength: LIMITS.actionLength, singleLine: true, nonEmpty: true },
  reason: { maxLength: LIMITS.reasonLength, singleLine: false, nonEmpty: true },
  /** A change-log target: a fact key (`item/…`) or `text/` and a text key. */
  changeTarget: { maxLength: LIMITS.textKeyLength + 20, singleLine: true, nonEmpty: true },
};

/** Control characters other than tab and line breaks never belong in user text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u;
const LINE_BREAK_OR_TAB = /[\r\n\t]/u;
/** Half of a surrogate pair on its own: not a character, and SQLite would store it as U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why a text may not be stored, in Chinese (e.g. `不能超过100个字符（收到120个）`), or null when it may. */
export function textProblem(value: string, kind: TextKind): string | null {
  const rule = TEXT_RULES[kind];
  if (value.length > rule.maxLength) return `不能超过${rule.maxLength}个字符（收到${value.length}个）`;
  if (rule.nonEmpty && value.trim() === '') return '不能为空';
  // Assigning it to a plain object would set the prototype instead of a field.
  if (kind === 'textKey' && value === '__proto__') return '不能是“__proto__”';
  const control = CONTROL.exec(value);
  if (control) return `含有不允许的控制字符（第${control.index + 1}个字符，${codePoint(control[0])}）`;
  if (rule.singleLine && LINE_BREAK_OR_TAB.test(value)) return '只能是一行文字，不能含换行或制表符';
  const surrogate = LONE_SURROGATE.exec(value);
  if (surrogate) return `含有无效的字符（第${surrogate.index + 1}个字符，${codePoint(surrogate[0])}）`;
  return null;
}

/** Whether a count (人数, 车辆 …) is a whole number within the limit. */
export function isValidCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= LIMITS.countMax;
}

/** Whether an amount is whole 分 within the limit. */
export function isValidAmount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && Math.abs(value) <= LIMITS.amountMaxFen;
}
