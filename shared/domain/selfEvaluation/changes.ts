/**
 * 修改记录 of the 附件: what saving a 自评表 or a 重点评价报告 changed, as change-log records (one per
 * changed field, grid cell, row or position), and the Chinese words the log is read in.
 *
 * A save writes a whole form (or report); the storage layer compares it with the stored one and
 * records the difference in the same transaction (shared/domain/changeLog.ts). Targets:
 *
 *     form/{id}                          added (after: its name) or deleted (before: its name)
 *     form/{id}/position                 moved in the list (0-based)
 *     form/{id}/name, funds.city.budget, groupScores.output, analysis.execution, printed …
 *     form/{id}/indicators.{k}.{column}  one cell of the indicator grid (k 0-based)
 *     form/{id}/indicators.{k}           a row added (after: the row) or removed (before: the row)
 *     form/{id}/indicators               rows reordered (values: the places that changed, `3.发放标准`, in order)
 *     form/{id}/evaluators…              评价人员, the same way
 *     keyReport/{id}…                    a 重点评价报告: title, funds, sections.{k}.text, indicators.{k}.score …
 */
import { type Canonical, canonicalJson } from '../factsHash';
import { fenToWanText } from '../money';
import { formatPoints } from './points';
import {
  ANALYSIS_FIELDS,
  ANALYSIS_NAMES,
  type EvaluationSet,
  type Evaluator,
  FUND_SOURCE_NAMES,
  FUND_SOURCES,
  FUND_STAGE_NAMES,
  FUND_STAGES,
  type Indicator,
  type KeyEvaluationReport,
  type KeyIndicator,
  type KeySection,
  LEVEL1_KINDS,
  LEVEL1_NAMES,
  type SelfEvaluationForm,
} from './types';

export type AttachmentKind = 'form' | 'keyReport';

/**
 * One 附件 written by a batch: the whole form (or report) at `position` (0-based, clamped to the
 * list), or null to delete it (`position` is then ignored).
 */
export type AttachmentWrite =
  | { kind: 'form'; id: string; form: SelfEvaluationForm | null; position: number }
  | { kind: 'keyReport'; id: string; report: KeyEvaluationReport | null; position: number };

/** A form or report with its place in the year's list. */
export interface Placed<T> {
  value: T;
  position: number;
}

/** A change-log record (the shape of changeLog.ts's ChangeRecord). */
export interface AttachmentRecord {
  target: string;
  before: Canonical;
  after: Canonical;
}

/** Names of a form's (or report's) current title, for the log's words; undefined when unknown. */
export type AttachmentNamer = (kind: AttachmentKind, id: string) => string | undefined;

export const attachmentTarget = (kind: AttachmentKind, id: string, path?: string): string => `${kind}/${id}${path ? `/${path}` : ''}`;

// ---------------------------------------------------------------------------------------------
// Field names.

/** The indicator grid's columns, in the order the form prints them. */
export const INDICATOR_FIELD_NAMES: Record<keyof Indicator, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  targetInitial: '年初指标值',
  target: '调整后指标值',
  actual: '实际完成值',
  weight: '分值',
  score: '得分',
  deviation: '偏差原因分析及改进措施',
};

/** The 评价指标评分表's columns. */
export const KEY_INDICATOR_FIELD_NAMES: Record<keyof KeyIndicator, string> = {
  level1: '一级指标',
  level2: '二级指标',
  level3: '三级指标',
  weight: '分值',
  score: '得分',
  explanation: '指标解释说明',
  benchmark: '标杆值',
  criteria: '评价标准',
  source: '数据来源',
  result: '完成情况',
};

export const SECTION_FIELD_NAMES: Record<keyof KeySection, string> = { heading: '标题', level: '标题级别', text: '正文' };

/** How each heading level is numbered. */
export const SECTION_LEVEL_NAMES: Record<KeySection['level'], string> = { 1: '一级标题（一、）', 2: '二级标题（（一））', 3: '三级标题（1、）' };

const EVALUATOR_FIELD_NAMES: Record<keyof Evaluator, string> = { role: '角色', name: '姓名', title: '职称/职务', unit: '工作单位' };

type FormScalar = 'name' | 'department' | 'unit' | 'manager' | 'phone' | 'period' | 'evaluationYear' | 'fundKind' | 'goal' | 'goalEffect' | 'achieved' | 'seal' | 'filledOn';

const FORM_SCALAR_NAMES: Record<FormScalar, string> = {
  name: '项目名称',
  department: '主管部门及代码',
  unit: '预算单位（实施单位）',
  manager: '项目负责人',
  phone: '联系电话',
  period: '项目起止时间',
  evaluationYear: '绩效自评评价年度',
  fundKind: '资金性质',
  goal: '年度目标',
  goalEffect: '项目效果',
  achieved: '实际完成情况',
  seal: '单位（盖章）',
  filledOn: '填报日期',
};

type KeyScalar = 'title' | 'projectName' | 'funds' | 'fundKind' | 'conclusion';

const KEY_SCALAR_NAMES: Record<KeyScalar, string> = { title: '报告标题', projectName: '评价项目', funds: '涉及资金', fundKind: '资金性质', conclusion: '评价结论' };

const FORM_SCALARS: readonly FormScalar[] = ['name', 'department', 'unit', 'manager', 'phone', 'period', 'evaluationYear', 'fundKind', 'goal', 'goalEffect', 'achieved', 'seal', 'filledOn'];
const KEY_SCALARS: readonly KeyScalar[] = ['title', 'projectName', 'funds', 'fundKind', 'conclusion'];

/** A name from a table of names, or the key itself. */
function lookup(names: Readonly<Record<string, string>>, key: string): string {
  return names[key] ?? key;
}

type Row = { readonly [column: string]: Canonical };

function isRow(value: Canonical): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Lists (indicator rows, 评价人员, sections): how a row is recorded and named.

interface ListSpec<T> {
  /** The row as recorded: every column's value. */
  value(row: T): Row;
  /** A short name of the row (for reorder records). */
  name(row: T): string;
}

const INDICATOR_LIST: ListSpec<Indicator> = {
  value: (r) => ({ level1: r.level1, level2: r.level2, level3: r.level3, targetInitial: r.targetInitial, target: r.target, actual: r.actual, weight: r.weight, score: r.score, deviation: r.deviation }),
  name: (r) => r.level3 || r.level2 || r.level1 || '（空行）',
};

const KEY_INDICATOR_LIST: ListSpec<KeyIndicator> = {
  value: (r) => ({ level1: r.level1, level2: r.level2, level3: r.level3, weight: r.weight, score: r.score, explanation: r.explanation, benchmark: r.benchmark, criteria: r.criteria, source: r.source, result: r.result }),
  name: (r) => r.level3 || r.level2 || r.level1 || '（空行）',
};

const EVALUATOR_LIST: ListSpec<Evaluator> = {
  value: (r) => ({ role: r.role, name: r.name, title: r.title, unit: r.unit }),
  name: (r) => `${r.role}${r.name ? ` ${r.name}` : ''}`,
};

const SECTION_LIST: ListSpec<KeySection> = {
  value: (r) => ({ heading: r.heading, level: r.level, text: r.text }),
  name: (r) => r.heading || '（无标题）',
};

const same = (a: Canonical, b: Canonical): boolean => a === b || canonicalJson(a) === canonicalJson(b);

function rowRecords(prefix: string, k: number, before: Row, after: Row): AttachmentRecord[] {
  const out: AttachmentRecord[] = [];
  for (const column of Object.keys(after)) {
    const b = before[column] ?? null;
    const a = after[column] ?? null;
    if (!same(b, a)) out.push({ target: `${prefix}.${k}.${column}`, before: b, after: a });
  }
  return out;
}

/**
 * The records turning one list into another: a reorder (the same rows in another order) is one
 * record; otherwise the rows that differ between the common head and tail are compared cell by
 * cell at the same place, and what one side has beyond the other was added or removed.
 */
function listRecords<T>(prefix: string, spec: ListSpec<T>, before: readonly T[], after: readonly T[]): AttachmentRecord[] {
  const b = before.map(spec.value);
  const a = after.map(spec.value);
  const keys = (rows: typeof b) => rows.map((r) => canonicalJson(r));
  const kb = keys(b);
  const ka = keys(a);
  if (kb.length === ka.length && kb.every((x, k) => x === ka[k])) return [];
  if (kb.length === ka.length && [...kb].sort().join('\n') === [...ka].sort().join('\n')) {
    // Reordered: the rows from the first to the last place that differs, numbered, before and after.
    let first = 0;
    while (kb[first] === ka[first]) first++;
    let last = kb.length - 1;
    while (kb[last] === ka[last]) last--;
    const names = (rows: readonly T[]) => rows.slice(first, last + 1).map((row, i) => `${first + i + 1}.${spec.name(row)}`);
    return [{ target: prefix, before: names(before), after: names(after) }];
  }
  let head = 0;
  while (head < kb.length && head < ka.length && kb[head] === ka[head]) head++;
  let tail = 0;
  while (tail < kb.length - head && tail < ka.length - head && kb[kb.length - 1 - tail] === ka[ka.length - 1 - tail]) tail++;
  const midB = kb.length - head - tail;
  const midA = ka.length - head - tail;
  const out: AttachmentRecord[] = [];
  for (let i = 0; i < Math.min(midB, midA); i++) out.push(...rowRecords(prefix, head + i, b[head + i]!, a[head + i]!));
  for (let i = midA; i < midB; i++) out.push({ target: `${prefix}.${head + i}`, before: b[head + i]!, after: null });
  for (let i = midB; i < midA; i++) out.push({ target: `${prefix}.${head + i}`, before: null, after: a[head + i]! });
  return out;
}

// ---------------------------------------------------------------------------------------------
// The records of a save.

function scalarRecords(prefix: string, fields: readonly [string, Canonical, Canonical][]): AttachmentRecord[] {
  return fields.filter(([, b, a]) => !same(b, a)).map(([path, b, a]) => ({ target: `${prefix}/${path}`, before: b, after: a }));
}

function printedValue(printed: SelfEvaluationForm['printed']): Canonical {
  const out: { [k: string]: Canonical } = {};
  for (const k of ['rate', 'total', 'grade'] as const) if (printed[k] !== undefined) out[k] = printed[k]!;
  return out;
}

/**
 * What saving a whole form or report changed: its name when it is added or deleted; else its place,
 * its fields and its lists (`compare`).
 */
function savedRecords<T>(
  target: string,
  before: Placed<T> | null,
  after: Placed<T> | null,
  name: (value: T) => string,
  compare: (b: T, a: T) => { fields: [string, Canonical, Canonical][]; lists: AttachmentRecord[] },
): AttachmentRecord[] {
  if (before === null) return after === null ? [] : [{ target, before: null, after: name(after.value) }];
  if (after === null) return [{ target, before: name(before.value), after: null }];
  const { fields, lists } = compare(before.value, after.value);
  const moved: [string, Canonical, Canonical][] = before.position === after.position ? [] : [['position', before.position, after.position]];
  return [...scalarRecords(target, [...moved, ...fields]), ...lists];
}

/** What a whole-form save changed (add: one record; delete: one record; else per field, cell and row). */
export function formRecords(id: string, before: Placed<SelfEvaluationForm> | null, after: Placed<SelfEvaluationForm> | null): AttachmentRecord[] {
  const target = attachmentTarget('form', id);
  return savedRecords(target, before, after, (f) => f.name, (f, g) => {
    const fields: [string, Canonical, Canonical][] = [];
    for (const k of FORM_SCALARS) fields.push([k, f[k], g[k]]);
    for (const src of FUND_SOURCES) for (const stage of FUND_STAGES) fields.push([`funds.${src}.${stage}`, f.funds[src][stage], g.funds[src][stage]]);
    for (const kind of LEVEL1_KINDS) fields.push([`groupScores.${kind}`, f.groupScores[kind] ?? null, g.groupScores[kind] ?? null]);
    for (const k of ANALYSIS_FIELDS) fields.push([`analysis.${k}`, f.analysis[k], g.analysis[k]]);
    fields.push(['printed', printedValue(f.printed), printedValue(g.printed)]);
    const lists = [
      ...listRecords(`${target}/indicators`, INDICATOR_LIST, f.indicators, g.indicators),
      ...listRecords(`${target}/evaluators`, EVALUATOR_LIST, f.evaluators, g.evaluators),
    ];
    return { fields, lists };
  });
}

/** What a whole-report save of a 重点评价报告 changed. */
export function keyReportRecords(id: string, before: Placed<KeyEvaluationReport> | null, after: Placed<KeyEvaluationReport> | null): AttachmentRecord[] {
  const target = attachmentTarget('keyReport', id);
  return savedRecords(target, before, after, (r) => r.title, (r, s) => {
    const fields: [string, Canonical, Canonical][] = KEY_SCALARS.map((k) => [k, r[k], s[k]]);
    fields.push(['printed', printedValue(r.printed), printedValue(s.printed)]);
    const lists = [
      ...listRecords(`${target}/sections`, SECTION_LIST, r.sections, s.sections),
      ...listRecords(`${target}/indicators`, KEY_INDICATOR_LIST, r.indicators, s.indicators),
    ];
    return { fields, lists };
  });
}

// ---------------------------------------------------------------------------------------------
// Words.

const TARGET = /^(form|keyReport)\/([^/]+)(?:\/(.+))?$/u;

export function isAttachmentTarget(target: string): boolean {
  return TARGET.test(target);
}

function parse(target: string): { kind: AttachmentKind; id: string; path: string } | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  return { kind: m[1] === 'form' ? 'form' : 'keyReport', id: m[2]!, path: m[3] ?? '' };
}

const LIST_PATH = /^(indicators|evaluators|sections)(?:\.(\d+)(?:\.(\w+))?)?$/u;

function listLabel(kind: AttachmentKind, list: string, index: string | undefined, column: string | undefined): string {
  const k = index === undefined ? null : Number(index) + 1;
  let row: string;
  let names: Readonly<Record<string, string>>;
  if (list === 'sections') {
    row = k === null ? '章节顺序' : `第${k}节`;
    names = SECTION_FIELD_NAMES;
  } else if (list === 'evaluators') {
    row = k === null ? '评价人员顺序' : `第${k}位评价人员`;
    names = EVALUATOR_FIELD_NAMES;
  } else if (kind === 'keyReport') {
    row = k === null ? '评分表指标顺序' : `评分表第${k}行`;
    names = KEY_INDICATOR_FIELD_NAMES;
  } else {
    row = k === null ? '绩效指标顺序' : `绩效指标第${k}行`;
    names = INDICATOR_FIELD_NAMES;
  }
  return column === undefined ? row : `${row}·${lookup(names, column)}`;
}

function pathLabel(kind: AttachmentKind, path: string): string {
  if (path === 'position') return '排列顺序';
  if (path === 'printed') return kind === 'form' ? '原表印的数字' : '原报告印的总分和等级';
  const list = LIST_PATH.exec(path);
  if (list) return listLabel(kind, list[1]!, list[2], list[3]);
  const [head, a, b] = path.split('.');
  if (kind === 'form') {
    if (head === 'funds' && a && b) return `${lookup(FUND_SOURCE_NAMES, a)}·${lookup(FUND_STAGE_NAMES, b)}`;
    if (head === 'groupScores' && a) return `${lookup(LEVEL1_NAMES, a)}自评得分`;
    if (head === 'analysis' && a) return lookup(ANALYSIS_NAMES, a);
    return lookup(FORM_SCALAR_NAMES, path);
  }
  return lookup(KEY_SCALAR_NAMES, path);
}

/** `自评表“…”·绩效指标第6行·得分`; the name comes from `nameOf` (else the id is shown). */
export function attachmentTargetLabel(target: string, nameOf?: AttachmentNamer): string {
  const t = parse(target);
  if (!t) return target;
  const name = nameOf?.(t.kind, t.id);
  const what = t.kind === 'form' ? '自评表' : '重点评价报告';
  const head = name ? `${what}“${name}”` : `${what}（编号${t.id}）`;
  return t.path === '' ? head : `${head}·${pathLabel(t.kind, t.path)}`;
}

function quoted(text: string, max = 60): string {
  return `“${text.length > max ? `${text.slice(0, max)}…` : text}”`;
}

function points(value: Canonical): string {
  return typeof value === 'number' ? `${formatPoints(value)}分` : '（未评分）';
}

function field(row: Row, key: string): string {
  const v = row[key];
  return typeof v === 'string' ? v : '';
}

/** A recorded row in words: an indicator with its score, a section by its heading, a person. */
function rowText(list: string, row: Row): string {
  if (list === 'sections') return `${quoted(field(row, 'heading'))}（${field(row, 'text').length}字）`;
  if (list === 'evaluators') return [field(row, 'role'), field(row, 'name'), field(row, 'title'), field(row, 'unit')].filter((x) => x !== '').join(' ');
  const path = [field(row, 'level1'), field(row, 'level2'), field(row, 'level3')].filter((x) => x !== '').join('/');
  return `${quoted(path || '（空行）')}（分值${points(row.weight ?? null)}，得分${points(row.score ?? null)}）`;
}

/** A non-null recorded value of a 附件 target in words. */
export function attachmentValueText(target: string, value: Canonical): string {
  const t = parse(target);
  if (!t || value === null) return value === null ? '（空）' : String(value);
  const { path } = t;
  if (path === '' && typeof value === 'string') return quoted(value);
  if (path === 'position' && typeof value === 'number') return `第${value + 1}${t.kind === 'form' ? '张' : '份'}`;
  if (typeof value === 'number') {
    if (/(^|\.)(weight|score)$/u.test(path) || path.startsWith('groupScores.')) return points(value);
    if (path === 'funds' || path.startsWith('funds.')) return `${fenToWanText(value)}万元`;
    if (/^sections\.\d+\.level$/u.test(path) && (value === 1 || value === 2 || value === 3)) return SECTION_LEVEL_NAMES[value];
    return String(value);
  }
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) {
    const text = value.map((n) => (typeof n === 'string' ? n : '')).join('；');
    return text.length > 120 ? `${text.slice(0, 120)}…` : text;
  }
  if (isRow(value)) {
    const row = value;
    const list = LIST_PATH.exec(path);
    if (list && list[2] !== undefined && list[3] === undefined) return rowText(list[1]!, row);
    if (path === 'printed') {
      const parts = [['rate', '执行率'], ['total', '总分'], ['grade', '等级']].filter(([k]) => typeof row[k!] === 'string').map(([k, n]) => `${n} ${field(row, k!)}`);
      return parts.length > 0 ? parts.join('，') : '（无）';
    }
  }
  return canonicalJson(value);
}

/**
 * Names of forms and reports for the log's words: the year's current ones first, then (for one
 * deleted since) the last name the log itself recorded.
 */
export function attachmentNamer(entries: readonly { target: string; before: Canonical; after: Canonical }[], set?: EvaluationSet | null): AttachmentNamer {
  const names = new Map<string, string>();
  for (const e of entries) {
    const t = parse(e.target);
    if (!t) continue;
    const key = `${t.kind}/${t.id}`;
    const named = t.path === '' ? (e.after ?? e.before) : t.path === (t.kind === 'form' ? 'name' : 'title') ? e.after : null;
    if (typeof named === 'string' && named !== '') names.set(key, named);
  }
  for (const f of set?.forms ?? []) names.set(`form/${f.id}`, f.name);
  for (const r of set?.keyReports ?? []) names.set(`keyReport/${r.id}`, r.title);
  return (kind, id) => names.get(`${kind}/${id}`);
}
