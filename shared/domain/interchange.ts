/**
 * The interchange JSON of one report (docs/interchange-format.md): parse with full validation
 * (every problem reported with its JSON path, nothing partially accepted), and write.
 */
import { editionForYear, getCatalogue } from './catalogue';
import { NOT_APPLICABLE_CLASSES } from './tables/table06';
import {
  COUNT_FIELDS,
  type CountField,
  type CustomCode,
  type Department,
  isPriorKey,
  isScoreCount,
  parseSubordinateUnits,
  priorKeyCode,
  parseScore,
  readSettings,
  scoreText,
  SUBORDINATE_UNIT_LIMITS,
  type SubordinateUnit,
  emptyItem,
  emptyReport,
  EXPENDITURE_KINDS,
  FISCAL_CARRY_FIELDS,
  FISCAL_SPLITS,
  ITEM_CARRY,
  INCOME_SOURCES,
  type ItemFacts,
  type Report,
  STATS_MONEY_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  UNIT_KINDS,
  type UnitKind,
  VEHICLE_TYPES,
} from './model';
import { isValidCount, LIMITS, type TextKind, textProblem } from './limits';
import { inexactNumbers, jsonSyntaxErrorPlace } from './jsonText';
import { type AmountUnit, decimalToFen, type Fen, fenToYuanNumber, MoneyError, numberToDecimal } from './money';
import { decodeUtf8Text } from './textEncoding';
import { DEFAULT_EVALUATION_SETTINGS, type EvaluationSet, EvaluationReader, evaluationToDoc, readEvaluationSet } from './selfEvaluation';

export const INTERCHANGE_FORMAT = 'disclosure-report';
export const INTERCHANGE_VERSION = 1;

export interface ReportPackage {
  department: Department;
  report: Report;
  customCodes: CustomCode[];
  /** 第五部分 附件 (自评表, 重点评价报告); absent in documents without it. */
  evaluation?: EvaluationSet;
}

export interface InterchangeIssue {
  /** JSON path, e.g. `$.items[2].expenditure.basic` */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; value: ReportPackage } | { ok: false; issues: InterchangeIssue[] };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  if (typeof v === 'string') return `字符串“${v.length > 30 ? `${v.slice(0, 30)}…` : v}”`;
  if (typeof v === 'object') return '对象';
  return `${typeof v === 'number' ? '数字' : typeof v === 'boolean' ? '布尔值' : typeof v} ${String(v)}`;
}

/** `$.texts.key`, with a key too long to print shortened (paths end up in messages). */
function keyPath(base: string, key: string): string {
  const shown = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return `${base}.${shown}`;
}

/** Carries the issues found so far while walking the document. */
class Reader {
  readonly issues: InterchangeIssue[] = [];
  constructor(readonly unit: AmountUnit) {}

  fail(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  object(v: unknown, path: string, allowed: readonly string[]): JsonObject | null {
    if (v === undefined) return null;
    if (!isObject(v)) {
      this.fail(path, `应为对象，收到${describe(v)}`);
      return null;
    }
    for (const key of Object.keys(v)) {
      if (!allowed.includes(key)) this.fail(keyPath(path, key), `未知字段“${keyPath('', key).slice(1)}”（允许的字段：${allowed.join('、')}）`);
    }
    return v;
  }

  /** A text within the app's limits for its kind (length, line breaks, control characters). */
  string(v: unknown, path: string, required: boolean, kind: TextKind): string | null {
    if (v === undefined && !required) return null;
    if (typeof v !== 'string') {
      this.fail(path, v === undefined ? '缺少此字段' : `应为文字，收到${describe(v)}`);
      return null;
    }
    const problem = textProblem(kind === 'name' ? v.trim() : v, kind);
    if (problem) {
      this.fail(path, problem);
      return null;
    }
    return v;
  }

  /** An array of at most `max` entries; a longer one is one issue, not one per entry. */
  array(v: unknown, path: string, max: number, what: string): unknown[] | null {
    if (v === undefined) return null;
    if (!Array.isArray(v)) {
      this.fail(path, `应为数组，收到${describe(v)}`);
      return null;
    }
    if (v.length > max) {
      this.fail(path, `${what}有 ${v.length} 项，超过上限 ${max} 项，未逐项检查`);
      return null;
    }
    return v;
  }

  /** The entries of a map of at most `max` keys. */
  entries(v: JsonObject, path: string, max: number, what: string): [string, Json][] {
    const entries = Object.entries(v);
    if (entries.length <= max) return entries;
    this.fail(path, `${what}有 ${entries.length} 项，超过上限 ${max} 项，未逐项检查`);
    return [];
  }

  /** An amount in the document's unit; `negative` says whether the field may be below zero. */
  amount(v: unknown, path: string, negative: boolean): Fen {
    if (v === undefined || v === null) return 0;
    let text: string;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        this.fail(path, `“${String(v)}”不是有效的金额`);
        return 0;
      }
      text = numberToDecimal(v);
    }
    else if (typeof v === 'string') {
      text = v.trim();
      // Thousands separators are allowed only where they belong (`1,234.56`, not `12,34`).
      if (text.includes(',')) {
        if (!/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) {
          this.fail(path, `“${v}”的千分位逗号位置不对`);
          return 0;
        }
        text = text.replace(/,/g, '');
      }
    }
    else {
      this.fail(path, `应为金额（数字），收到${describe(v)}`);
      return 0;
    }
    try {
      const fen = decimalToFen(text, this.unit);
      if (fen < 0 && !negative) {
        this.fail(path, `金额不能为负数：${String(v)}`);
        return 0;
      }
      return fen;
    } catch (e) {
      // Messages quote the value as written, not its (possibly 300-digit) expansion.
      this.fail(path, e instanceof MoneyError ? e.message.replace(text, String(v)) : `“${String(v)}”不是有效的金额`);
      return 0;
    }
  }

  /**
   * A score (平均分) of 0 to 100 points with at most two decimals, as a number or text (`93.45`),
   * in hundredths of a point; null when absent (not typed).
   */
  score(v: unknown, path: string): number | null {
    if (v === undefined || v === null) return null;
    const text = typeof v === 'number' && Number.isFinite(v) ? numberToDecimal(v) : typeof v === 'string' && v.trim() !== '' ? v : null;
    const parsed = text === null ? null : parseScore(text);
    if (parsed === null || !parsed.ok || parsed.value === null) {
      this.fail(path, `应为0至100之间、最多两位小数的分数，收到${describe(v)}`);
      return null;
    }
    return parsed.value;
  }

  count(v: unknown, path: string): number {
    if (v === undefined || v === null) return 0;
    if (!isValidCount(v)) {
      this.fail(path, `应为0至${LIMITS.countMax}之间的整数，收到${describe(v)}`);
      return 0;
    }
    return v;
  }

  amounts<K extends string>(v: unknown, path: string, keys: readonly K[], target: Record<K, Fen>, negative: boolean): void {
    const obj = this.object(v, path, keys);
    if (!obj) return;
    for (const k of keys) target[k] = this.amount(obj[k], `${path}.${k}`, negative);
  }
}

const TOP_KEYS = [
  'format',
  'formatVersion',
  'amountUnit',
  'department',
  'year',
  'edition',
  'settings',
  'customCodes',
  'items',
  'economic',
  'summary',
  'fiscalCarry',
  'threePublic',
  'stats',
  'initialBudget',
  'adjustedBudget',
  'prior',
  'texts',
  'evaluation',
] as const;

const AMOUNT_UNITS: readonly AmountUnit[] = ['元', '万元', '分'];

/**
 * 下属单位: a list of `{ name, note? }`, or (as documents before the list was introduced wrote
 * them) one text naming the units, split as `parseSubordinateUnits` does.
 */
function readSubordinateUnits(r: Reader, v: unknown): SubordinateUnit[] {
  const path = '$.department.subordinateUnits';
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    // The older free text: split into units, each held to the same limits as a listed one.
    const units = parseSubordinateUnits(v);
    if (units.length > SUBORDINATE_UNIT_LIMITS.count) r.fail(path, `下属单位最多${SUBORDINATE_UNIT_LIMITS.count}个，收到${units.length}个`);
    units.forEach((u, i) => {
      const problem = textProblem(u.name, 'name') ?? textProblem(u.note, 'unitNote');
      if (problem) r.fail(`${path}（第${i + 1}个单位）`, problem);
    });
    return units.slice(0, SUBORDINATE_UNIT_LIMITS.count);
  }
  if (!Array.isArray(v)) {
    r.fail(path, `应为单位列表（[{ "name": "…", "note": "…" }]），收到${describe(v)}`);
    return [];
  }
  if (v.length > SUBORDINATE_UNIT_LIMITS.count) r.fail(path, `下属单位最多${SUBORDINATE_UNIT_LIMITS.count}个，收到${v.length}个`);
  const out: SubordinateUnit[] = [];
  v.slice(0, SUBORDINATE_UNIT_LIMITS.count).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    const o = r.object(entry, at, ['name', 'note']);
    if (!o) {
      if (entry === undefined) r.fail(at, '缺少此字段');
      return;
    }
    const name = (r.string(o.name, `${at}.name`, true, 'name') ?? '').trim();
    const note = (r.string(o.note, `${at}.note`, false, 'unitNote') ?? '').trim();
    if (name !== '') out.push({ name, note });
  });
  return out;
}

function readDepartment(r: Reader, v: unknown): Department {
  const d = r.object(v, '$.department', ['name', 'unitKind', 'subordinateUnits']);
  if (!d) {
    if (v === undefined) r.fail('$.department', '缺少此字段');
    return { name: '', unitKind: '行政单位', subordinateUnits: [] };
  }
  const name = r.string(d.name, '$.department.name', true, 'name') ?? '';
  const kindText = r.string(d.unitKind, '$.department.unitKind', true, 'name');
  let unitKind: UnitKind = '行政单位';
  if (kindText !== null) {
    const found = UNIT_KINDS.find((k) => k === kindText);
    if (found) unitKind = found;
    else r.fail('$.department.unitKind', `单位性质应为 ${UNIT_KINDS.join('、')} 之一，收到“${kindText}”`);
  }
  return { name: name.trim(), unitKind, subordinateUnits: readSubordinateUnits(r, d.subordinateUnits) };
}

function readCustomCodes(r: Reader, v: unknown): CustomCode[] {
  const entries = r.array(v, '$.customCodes', LIMITS.customCodes, '自定义科目');
  const out: CustomCode[] = [];
  entries?.forEach((entry, i) => {
    const path = `$.customCodes[${i}]`;
    const o = r.object(entry, path, ['catalogue', 'code', 'name']);
    if (!o) return;
    const catalogue = r.string(o.catalogue, `${path}.catalogue`, true, 'name');
    const code = r.string(o.code, `${path}.code`, true, 'name');
    const name = r.string(o.name, `${path}.name`, true, 'name');
    if (catalogue !== 'functional' && catalogue !== 'economic') {
      if (catalogue !== null) r.fail(`${path}.catalogue`, '应为 functional（支出功能分类）或 economic（经济分类）');
      return;
    }
    const lengths = catalogue === 'functional' ? [3, 5, 7] : [3, 5];
    if (code === null || name === null) return;
    if (!/^\d+$/.test(code) || !lengths.includes(code.length)) {
      r.fail(`${path}.code`, `科目代码应为 ${lengths.join('、')} 位数字，收到“${code}”`);
      return;
    }
    out.push({ catalogue, code, name: name.trim() });
  });
  return out;
}

function readItems(r: Reader, v: unknown, report: Report, known: (code: string) => boolean): void {
  const entries = r.array(v, '$.items', LIMITS.itemsPerReport, '“项”级科目');
  const seen = new Set<string>();
  entries?.forEach((entry, i) => {
    const path = `$.items[${i}]`;
    const o = r.object(entry, path, ['code', 'income', 'expenditure', 'fiscal', ...ITEM_CARRY]);
    if (!o) return;
    const code = r.string(o.code, `${path}.code`, true, 'name');
    if (code === null) return;
    if (!/^\d{7}$/.test(code)) {
      r.fail(`${path}.code`, `应为7位“项”级科目代码，收到“${code}”`);
      return;
    }
    if (!known(code)) r.fail(`${path}.code`, `科目代码 ${code} 不在 ${report.edition} 年版支出功能分类中，也不在自定义科目中`);
    else if (!known(code.slice(0, 5)) || !known(code.slice(0, 3))) {
      r.fail(`${path}.code`, `科目 ${code} 缺少上级“款”或“类”`);
    }
    if (seen.has(code)) r.fail(`${path}.code`, `科目代码 ${code} 重复出现`);
    seen.add(code);
    const item: ItemFacts = emptyItem(code);
    r.amounts(o.income, `${path}.income`, INCOME_SOURCES, item.income, false);
    r.amounts(o.expenditure, `${path}.expenditure`, EXPENDITURE_KINDS, item.expenditure, false);
    r.amounts(o.fiscal, `${path}.fiscal`, FISCAL_SPLITS, item.fiscal, false);
    for (const k of ITEM_CARRY) item[k] = r.amount(o[k], `${path}.${k}`, true);
    report.items.push(item);
  });
  report.items.sort((a, b) => a.code.localeCompare(b.code));
}

function readEconomic(r: Reader, v: unknown, report: Report, economicName: (code: string) => string | undefined): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    r.fail('$.economic', `应为对象（经济分类款级代码 → 金额），收到${describe(v)}`);
    return;
  }
  for (const [code, value] of r.entries(v, '$.economic', LIMITS.keyedAmountsPerReport, '经济分类金额')) {
    const path = keyPath('$.economic', code);
    if (!/^\d{5}$/.test(code)) {
      r.fail(path, `应为5位“款”级经济分类代码，收到“${code}”`);
      continue;
    }
    if (!economicName(code)) {
      r.fail(path, `经济分类 ${code} 不在 ${report.edition} 年版公开06表中，也不在自定义科目中`);
      continue;
    }
    const fen = r.amount(value, path, false);
    if (fen !== 0 && NOT_APPLICABLE_CLASSES.has(code.slice(0, 3))) {
      r.fail(path, `经济分类 ${code} 属于基本建设类，不能填列一般公共预算财政拨款基本支出`);
      continue;
    }
    if (fen !== 0) report.economic[code] = fen;
  }
}

/** Counts written as whole numbers under `stats.counts`; scores (平均分) are decimals directly under `stats`. */
const PLAIN_COUNTS: readonly CountField[] = COUNT_FIELDS.filter((c) => !isScoreCount(c));
const SCORE_FIELDS: readonly CountField[] = COUNT_FIELDS.filter(isScoreCount);

function readStats(r: Reader, v: unknown, report: Report): void {
  const o = r.object(v, '$.stats', [...STATS_MONEY_FIELDS, 'operatingCost', 'vehicles', 'equipmentCount', 'counts', ...SCORE_FIELDS]);
  if (!o) return;
  for (const k of STATS_MONEY_FIELDS) report.stats[k] = r.amount(o[k], `$.stats.${k}`, false);
  report.stats.operatingCostOverride = o.operatingCost === undefined || o.operatingCost === null ? null : r.amount(o.operatingCost, '$.stats.operatingCost', false);
  const vehicles = r.object(o.vehicles, '$.stats.vehicles', VEHICLE_TYPES);
  if (vehicles) for (const t of VEHICLE_TYPES) report.stats.vehicles[t] = r.count(vehicles[t], `$.stats.vehicles.${t}`);
  report.stats.equipmentCount = r.count(o.equipmentCount, '$.stats.equipmentCount');
  const counts = r.object(o.counts, '$.stats.counts', PLAIN_COUNTS);
  // A count absent (or null) has not been typed; 0 is a typed zero.
  if (counts) {
    for (const c of PLAIN_COUNTS) if (counts[c] !== undefined && counts[c] !== null) report.stats.counts[c] = r.count(counts[c], `$.stats.counts.${c}`);
  }
  for (const c of SCORE_FIELDS) {
    const score = r.score(o[c], `$.stats.${c}`);
    if (score !== null) report.stats.counts[c] = score;
  }
}

/** A map of key → amount where presence matters (a typed 0 differs from "not typed"). */
function readKeyedAmounts(r: Reader, v: unknown, path: string, target: Record<string, Fen>, keyProblem: (key: string) => string | null): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    r.fail(path, `应为对象，收到${describe(v)}`);
    return;
  }
  for (const [key, value] of r.entries(v, path, LIMITS.keyedAmountsPerReport, '金额')) {
    const problem = keyProblem(key);
    if (problem) r.fail(keyPath(path, key), problem);
    else target[key] = r.amount(value, keyPath(path, key), false);
  }
}

function readReportSettings(r: Reader, v: unknown, report: Report): void {
  if (v === undefined) return;
  const { settings, problems } = readSettings(v);
  for (const p of problems) r.fail(p.key ? `$.settings.${p.key}` : '$.settings', p.message);
  report.settings = settings;
}

function readTexts(r: Reader, v: unknown, report: Report): void {
  if (v === undefined) return;
  if (!isObject(v)) {
    r.fail('$.texts', `应为对象（字段 → 文字），收到${describe(v)}`);
    return;
  }
  for (const [key, value] of r.entries(v, '$.texts', LIMITS.textsPerReport, '文字字段')) {
    const path = keyPath('$.texts', key);
    const keyProblem = textProblem(key, 'textKey');
    if (keyProblem) r.fail(path, `字段名${keyProblem}`);
    else if (typeof value !== 'string') r.fail(path, `应为文字，收到${describe(value)}`);
    else if (r.string(value, path, true, 'text') !== null) report.texts[key] = value;
  }
}

function readYear(r: Reader, v: unknown, path: string): number | null {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < LIMITS.yearMin || v > LIMITS.yearMax) {
    r.fail(path, v === undefined ? '缺少此字段' : `应为${LIMITS.yearMin}至${LIMITS.yearMax}之间的年份，收到${describe(v)}`);
    return null;
  }
  return v;
}

/** Validates and converts an interchange document. Either every part is valid, or nothing is returned. */
export function parseInterchange(doc: unknown): ParseResult {
  if (!isObject(doc)) return { ok: false, issues: [{ path: '$', message: `文件内容应为 JSON 对象，收到${describe(doc)}` }] };
  const unitValue = doc.amountUnit ?? '元';
  const unit = AMOUNT_UNITS.find((u) => u === unitValue);
  const r = new Reader(unit ?? '元');
  if (!unit) r.fail('$.amountUnit', `金额单位应为 元、万元 或 分，收到${describe(unitValue)}`);
  r.object(doc, '$', TOP_KEYS);
  if (doc.format !== INTERCHANGE_FORMAT) r.fail('$.format', `应为“${INTERCHANGE_FORMAT}”，这不是部门决算公开的交换文件`);
  if (doc.formatVersion !== INTERCHANGE_VERSION) {
    const newer = typeof doc.formatVersion === 'number' && doc.formatVersion > INTERCHANGE_VERSION;
    r.fail('$.formatVersion', newer ? `文件格式版本 ${doc.formatVersion} 比本软件支持的版本 ${INTERCHANGE_VERSION} 新，请升级软件` : `应为 ${INTERCHANGE_VERSION}`);
  }
  const department = readDepartment(r, doc.department);
  const year = readYear(r, doc.year, '$.year') ?? 2000;
  const edition = doc.edition === undefined ? editionForYear(year) : readYear(r, doc.edition, '$.edition') ?? editionForYear(year);
  const customCodes = readCustomCodes(r, doc.customCodes);
  const catalogue = getCatalogue(edition, customCodes);
  const report = emptyReport(year, edition);
  readReportSettings(r, doc.settings, report);
  readItems(r, doc.items, report, (code) => catalogue.hasFunctional(code));
  readEconomic(r, doc.economic, report, (code) => catalogue.economicName(code));
  r.amounts(doc.summary, '$.summary', SUMMARY_FIELDS, report.summary, true);
  r.amounts(doc.fiscalCarry, '$.fiscalCarry', FISCAL_CARRY_FIELDS, report.fiscalCarry, true);
  const three = r.object(doc.threePublic, '$.threePublic', ['budget', 'actual']);
  if (three) {
    r.amounts(three.budget, '$.threePublic.budget', THREE_PUBLIC_ITEMS, report.threePublic.budget, false);
    r.amounts(three.actual, '$.threePublic.actual', THREE_PUBLIC_ITEMS, report.threePublic.actual, false);
  }
  readStats(r, doc.stats, report);
  const budgetKey = (code: string) =>
    catalogue.hasFunctional(code) ? null : `科目代码 ${code} 不在 ${report.edition} 年版支出功能分类中，也不在自定义科目中`;
  readKeyedAmounts(r, doc.initialBudget, '$.initialBudget', report.initialBudget, budgetKey);
  readKeyedAmounts(r, doc.adjustedBudget, '$.adjustedBudget', report.adjustedBudget, budgetKey);
  readKeyedAmounts(r, doc.prior, '$.prior', report.prior, (key) => {
    if (!isPriorKey(key)) return `未知的上年数项目“${key}”（应为 incomeTotal 等，或 general/科目代码）`;
    // A per-row figure names a 科目 like an item does: it must be in the edition or the custom codes.
    const code = priorKeyCode(key);
    return code === null ? null : budgetKey(code);
  });
  readTexts(r, doc.texts, report);
  let evaluation: EvaluationSet | undefined;
  if (doc.evaluation !== undefined) {
    const er = new EvaluationReader({ kind: 'interchange', unit: unit ?? '元' });
    evaluation = readEvaluationSet(er, doc.evaluation, '$.evaluation');
    for (const issue of er.issues) r.fail(issue.path, issue.message);
  }
  if (r.issues.length > 0) return { ok: false, issues: r.issues };
  return { ok: true, value: evaluation ? { department, report, customCodes, evaluation } : { department, report, customCodes } };
}

/** Parses JSON text; a syntax error or an inexact number is reported as an issue at `$`. */
export function parseInterchangeText(text: string): ParseResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, issues: [{ path: '$', message: '文件是空的' }] };
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const place = jsonSyntaxErrorPlace(body, detail);
    return {
      ok: false,
      issues: [{ path: '$', message: `不是有效的 JSON 格式${place ? `：${place}有格式错误` : ''}（常见原因：缺少逗号、引号或括号，或多了一个逗号）。原始信息：${detail}` }],
    };
  }
  const inexact = inexactNumbers(body);
  if (inexact.length > 0) {
    const list = inexact.map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n)).join('、');
    return {
      ok: false,
      issues: [{ path: '$', message: `数字 ${list} 的位数超出能精确处理的范围，读入时会被舍入。请减少位数，或把金额写成文字（例如 "1234.56"）` }],
    };
  }
  return parseInterchange(doc);
}

/** Parses the bytes of an interchange file: UTF-8 only (see textEncoding.ts), then as JSON text. */
export function parseInterchangeBytes(bytes: Uint8Array): ParseResult {
  const decoded = decodeUtf8Text(bytes);
  if (!decoded.ok) return { ok: false, issues: [{ path: '$', message: decoded.message }] };
  return parseInterchangeText(decoded.text);
}

function nonZero<K extends string>(record: Record<K, Fen>, keys: readonly K[]): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const k of keys) if (record[k] !== 0) out[k] = fenToYuanNumber(record[k]);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Writes a report as an interchange document, amounts in 元, zero amounts omitted. */
export function toInterchange(pkg: ReportPackage): Record<string, unknown> {
  const { department, report, customCodes } = pkg;
  const items = report.items.map((item) => {
    const out: Record<string, unknown> = { code: item.code };
    const income = nonZero(item.income, INCOME_SOURCES);
    const expenditure = nonZero(item.expenditure, EXPENDITURE_KINDS);
    const fiscal = nonZero(item.fiscal, FISCAL_SPLITS);
    if (income) out.income = income;
    if (expenditure) out.expenditure = expenditure;
    if (fiscal) out.fiscal = fiscal;
    for (const k of ITEM_CARRY) if (item[k] !== 0) out[k] = fenToYuanNumber(item[k]);
    return out;
  });
  const economic: Record<string, number> = {};
  for (const code of Object.keys(report.economic).sort()) {
    const fen = report.economic[code] ?? 0;
    if (fen !== 0) economic[code] = fenToYuanNumber(fen);
  }
  const vehicles: Record<string, number> = {};
  for (const t of VEHICLE_TYPES) if (report.stats.vehicles[t] !== 0) vehicles[t] = report.stats.vehicles[t];
  const stats: Record<string, unknown> = { ...nonZero(report.stats, STATS_MONEY_FIELDS) };
  if (report.stats.operatingCostOverride !== null) stats.operatingCost = fenToYuanNumber(report.stats.operatingCostOverride);
  if (Object.keys(vehicles).length > 0) stats.vehicles = vehicles;
  if (report.stats.equipmentCount !== 0) stats.equipmentCount = report.stats.equipmentCount;
  const counts: Record<string, number> = {};
  for (const c of PLAIN_COUNTS) {
    const n = report.stats.counts[c];
    if (n !== undefined) counts[c] = n;
  }
  if (Object.keys(counts).length > 0) stats.counts = counts;
  for (const c of SCORE_FIELDS) {
    const n = report.stats.counts[c];
    if (n !== undefined) stats[c] = Number(scoreText(n));
  }

  const doc: Record<string, unknown> = {
    format: INTERCHANGE_FORMAT,
    formatVersion: INTERCHANGE_VERSION,
    amountUnit: '元',
    department: { ...department, subordinateUnits: department.subordinateUnits.map((u) => ({ ...u })) },
    year: report.year,
    edition: report.edition,
    settings: { ...report.settings },
  };
  if (customCodes.length > 0) doc.customCodes = customCodes.map((c) => ({ ...c }));
  doc.items = items;
  doc.economic = economic;
  const summary = nonZero(report.summary, SUMMARY_FIELDS);
  const fiscalCarry = nonZero(report.fiscalCarry, FISCAL_CARRY_FIELDS);
  if (summary) doc.summary = summary;
  if (fiscalCarry) doc.fiscalCarry = fiscalCarry;
  doc.threePublic = {
    budget: nonZero(report.threePublic.budget, THREE_PUBLIC_ITEMS) ?? {},
    actual: nonZero(report.threePublic.actual, THREE_PUBLIC_ITEMS) ?? {},
  };
  doc.stats = stats;
  const keyed = (map: Record<string, Fen>) => Object.fromEntries(Object.keys(map).sort().map((k) => [k, fenToYuanNumber(map[k] ?? 0)]));
  if (Object.keys(report.initialBudget).length > 0) doc.initialBudget = keyed(report.initialBudget);
  if (Object.keys(report.adjustedBudget).length > 0) doc.adjustedBudget = keyed(report.adjustedBudget);
  if (Object.keys(report.prior).length > 0) doc.prior = keyed(report.prior);
  if (Object.keys(report.texts).length > 0) doc.texts = { ...report.texts };
  const e = pkg.evaluation;
  if (e && (e.forms.length > 0 || e.keyReports.length > 0 || JSON.stringify(e.settings) !== JSON.stringify(DEFAULT_EVALUATION_SETTINGS))) {
    doc.evaluation = evaluationToDoc(e);
  }
  return doc;
}

/** How many issues are printed; the rest are counted. */
export const MAX_LISTED_ISSUES = 50;

/** The issues one per line: the first MAX_LISTED_ISSUES, then how many more there are. */
export function formatInterchangeIssues(issues: readonly InterchangeIssue[]): string {
  const lines = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path}：${i.message}`);
  if (issues.length > MAX_LISTED_ISSUES) {
    lines.push(`……另有 ${issues.length - MAX_LISTED_ISSUES} 处问题未列出（共 ${issues.length} 处），请先改正以上问题后再导入。`);
  }
  return lines.join('\n');
}
