/**
 * Test helper (Node only): extracts the 第五部分 附件 of a seed — every 项目支出绩效自评表 (晋城
 * layout in seed 000, 阳泉 layout in seed 002) and seed 000's 重点评价报告 — as the app's
 * aggregate, together with every figure the seed PRINTS on each form, so a test can compare the
 * printed figures with the derived ones.
 *
 * The forms themselves are read by the app's own reader of printed forms
 * (shared/domain/selfEvaluation/sheet.ts, also used to import forms from Excel): each seed line
 * is a row of its non-empty tab-separated cells. This file finds the forms in the seed text and
 * reads the 重点评价报告.
 *
 * Where the seed prints a figure the form's own cells do not carry (an 实际执行金额 left blank next
 * to a printed 执行率, 一级 自评得分 left blank next to a printed 总分), the missing cell is
 * inferred and listed in `notes`, so the fixture says what was keyed and what was inferred.
 */
import { readFileSync } from 'node:fs';
import { decimalToFen, type Fen } from '../../shared/domain/money';
import {
  budgetScore,
  DEFAULT_EVALUATION_SETTINGS,
  type EvaluationSet,
  emptyEvaluationSet,
  type KeyEvaluationReport,
  type KeyIndicator,
  type KeySection,
  type Level1Kind,
  type Points,
  POINTS_PER_POINT,
  rateBasisPoints,
  type SelfEvaluationForm,
} from '../../shared/domain/selfEvaluation';
import { LEVEL1_TEXT, type PrintedForm, readJinchengSheet, readYangquanSheet, type SheetRow } from '../../shared/domain/selfEvaluation/sheet';

export type { PrintedForm };

export interface SeedForm {
  form: SelfEvaluationForm;
  printed: PrintedForm;
  /** Cells the seed does not print but implies, and how they were inferred. */
  notes: string[];
}

export interface SeedAttachments {
  layout: '晋城' | '阳泉';
  forms: SeedForm[];
  keyReports: KeyEvaluationReport[];
}

const NUMBER = /^-?[\d,]+(\.\d+)?$/u;
const clean = (s: string) => s.replace(/<\/?p>/gu, '').trim();
const squeeze = (s: string) => s.replace(/\s+/gu, '');
const tokensOf = (line: string) => line.split('\t').map(clean).filter((c) => c !== '');
const isNumber = (s: string) => NUMBER.test(s);

function wan(text: string | undefined): Fen {
  if (!text) return 0;
  return decimalToFen(text.replace(/,/gu, ''), '万元');
}

/** `2.5` → 2500 (points as printed, `30分` accepted). */
function points(text: string): Points {
  const m = /^(\d+)(?:\.(\d{1,3}))?分?$/u.exec(squeeze(text));
  if (!m) throw new Error(`not a score: ${text}`);
  return Number(m[1]) * POINTS_PER_POINT + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Seed lines as sheet rows: non-empty cells, each named by its line (no reliable columns). */
function sheetRows(lines: string[], firstLine: number): SheetRow[] {
  return lines.map((line, k) => tokensOf(line).map((text) => ({ text, at: `第${firstLine + k}行` })));
}

/** 实际执行金额 left blank next to a printed 执行率: 全年预算 × 执行率, to 0.01 万元. */
function inferMissing(form: SelfEvaluationForm, printed: PrintedForm, notes: string[]): void {
  if (form.funds.city.spent !== 0 || !printed.rate) return;
  const rate = Number(printed.rate.replace('%', ''));
  const budget = form.funds.city.budget;
  const spent = Math.round((budget * rate) / 100 / 10_000) * 10_000;
  form.funds.city.spent = spent;
  notes.push(`实际执行金额未印出：按执行率 ${printed.rate} × 实际到位 ${budget / 1_000_000}万元 取 ${spent / 1_000_000}万元`);
}

/**
 * 一级 自评得分 left blank next to a printed 总分: the blank groups take their full weight, except
 * 产出 (or the only blank group), which takes what the printed 总分 leaves.
 */
function inferGroupScores(form: SelfEvaluationForm, printed: PrintedForm, notes: string[]): void {
  const s = DEFAULT_EVALUATION_SETTINGS;
  const kinds: Level1Kind[] = ['output', 'benefit', 'satisfaction'];
  const missing = kinds.filter((k) => form.groupScores[k] === undefined);
  if (missing.length === 0 || !printed.total) return;
  const total = points(printed.total.replace(/分$/u, ''));
  const budget = budgetScore(rateBasisPoints(form.funds.city.spent, form.funds.city.budget), s.budgetRule, s.budgetWeight);
  const rest = missing.includes('output') ? 'output' : missing[0]!;
  for (const k of missing) if (k !== rest) form.groupScores[k] = s.weights[k];
  const known = kinds.reduce((sum, k) => sum + (k === rest ? 0 : (form.groupScores[k] ?? 0)), 0);
  form.groupScores[rest] = total - budget - known;
  notes.push(
    `一级指标自评得分未印出（${missing.map((k) => LEVEL1_TEXT[k]).join('、')}）：` +
      `${missing.filter((k) => k !== rest).map((k) => `${LEVEL1_TEXT[k]}按满分${s.weights[k] / 1000}分，`).join('')}` +
      `${LEVEL1_TEXT[rest]}取总分${printed.total}减预算执行${budget / 1000}分及其他一级指标得分 = ${(form.groupScores[rest] ?? 0) / 1000}分`,
  );
}

// --- 重点评价报告 -------------------------------------------------------------------------------

function sectionLevel(line: string): 1 | 2 | 3 | null {
  if (/^[一二三四五六七八九十]+、/u.test(line)) return 1;
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[)）]/u.test(line)) return 2;
  if (/^\d+、/u.test(line) && line.length < 60 && !/[。；;，,]/u.test(line) && !line.includes('《')) return 3;
  return null;
}

/** Text of the seed's report body (一、… up to the 附件 table) as headed sections. */
function parseKeySections(lines: string[]): KeySection[] {
  const sections: KeySection[] = [];
  let paragraphs: string[] = [];
  let open = '';
  const flush = () => {
    if (open !== '') paragraphs.push(open);
    open = '';
  };
  const close = () => {
    flush();
    const last = sections[sections.length - 1];
    if (last) last.text = paragraphs.join('\n');
    paragraphs = [];
  };
  for (const raw of lines) {
    const line = raw.replace(/^- /u, '').replace(/\*\*/gu, '').trim();
    if (line === '' ) continue;
    if (raw.includes('\t') || /评分表$|得分情况表$|^绩效评价综合得分情况表/u.test(line) || /^2023 年度支持开发区建设发展专项资金$/u.test(line)) continue;
    const level = sectionLevel(line);
    if (level !== null) {
      close();
      sections.push({ heading: line, level, text: '' });
      continue;
    }
    // A paragraph broken by a page ends without closing punctuation: join the next line to it.
    open = open === '' ? line : `${open}${line}`;
    const subheading = line.length < 40 && /^[（(]\d+[)）]/u.test(line);
    if (/[。；：！？”;:]$/u.test(line) || subheading || /满分.*分\s*[)）]$/u.test(line)) flush();
  }
  close();
  return sections;
}

function parseKeyIndicators(lines: string[]): KeyIndicator[] {
  const out: KeyIndicator[] = [];
  let level1 = '';
  let level2 = '';
  for (const line of lines) {
    if (!line.includes('\t')) continue;
    const t = tokensOf(line);
    if (t[0] === '一级指标' || t[0] === '合计') continue;
    for (let k = 0; k < t.length; k++) {
      const c = t[k]!;
      if (/^[A-D]\s/u.test(c)) level1 = c;
      else if (/^[A-D]\d\s/u.test(c)) level2 = c;
      else if (/^[A-D]\d{3}\s/u.test(c)) {
        const weight = t[k + 1];
        const score = t[k + 2];
        if (!weight || !score || !isNumber(weight) || !isNumber(score)) throw new Error(`key indicator without scores: ${line}`);
        out.push({ level1, level2, level3: c, weight: points(weight), score: points(score), explanation: '', benchmark: '', criteria: '', source: '', result: '' });
        break;
      }
    }
  }
  return out;
}

/** The long 附件 table: where a row carries all its cells, its texts are keyed on the indicator. */
function attachKeyTexts(lines: string[], indicators: KeyIndicator[]): void {
  for (const line of lines) {
    const t = tokensOf(line);
    const at = t.findIndex((c) => /^[A-D]\d{3}\s/u.test(c));
    if (at < 0) continue;
    const ind = indicators.find((i) => squeeze(i.level3) === squeeze(t[at]!));
    const cells = t.slice(at + 1);
    if (!ind || cells.length !== 7) continue;
    [, ind.explanation = '', ind.benchmark = '', ind.criteria = '', ind.source = '', ind.result = ''] = cells;
  }
}

function parseKeyReport(all: string[], start: number, narrative: string): KeyEvaluationReport {
  const title = `${all[start]!.trim()}${all[start + 2]!.trim()}`.replace(/(\d)\s+年/gu, '$1年');
  const body = all.findIndex((l, k) => k > start && /^一、项目基本情况$/u.test(l.trim()) && !l.includes('.....'));
  const annex = all.findIndex((l, k) => k > body && /^附件：/u.test(l.trim()));
  const bodyLines = all.slice(body, annex);
  const sections = parseKeySections(bodyLines);
  const indicators = parseKeyIndicators(bodyLines);
  attachKeyTexts(all.slice(annex), indicators);
  const text = bodyLines.join('\n');
  const conclusionSection = sections.findLast((s) => /评价结论$/u.test(s.heading));
  const conclusion = (conclusionSection?.text ?? '').replace(/，绩效评价结果为“[优良中差]”。?$/u, '').replace(/(\d)\s+年/gu, '$1年');
  const project = /组织对“(.+?)”1个项目开展了部门评价/u.exec(narrative);
  const funds = /部门评价[^。]*?涉及资金([\d.]+)万元/u.exec(narrative);
  return {
    id: 'k1',
    title,
    projectName: project?.[1] ?? '',
    funds: wan(funds?.[1]),
    fundKind: '一般公共预算',
    sections,
    indicators,
    conclusion,
    printed: { total: /总得分为(\d+(?:\.\d+)?)分/u.exec(text)?.[1], grade: /评价结果为“(优|良|中|差)”/u.exec(text)?.[1] },
  };
}

// --- the whole 附件 ----------------------------------------------------------------------------

export function readSeedAttachments(path: string, year: number): SeedAttachments {
  const all = readFileSync(path, 'utf8').split('\n');
  const from = all.findIndex((l) => l.trim() === '第五部分 附件');
  if (from < 0) throw new Error('no 第五部分 附件');
  const yangquan = all.some((l, k) => k > from && l.trim() === '阳泉市项目支出绩效自评表');
  if (yangquan) {
    const starts = all.flatMap((l, k) => (k > from && l.trim() === '阳泉市项目支出绩效自评表' ? [k] : []));
    const forms = starts.map((s, n) => {
      const { form, printed } = readYangquanSheet(sheetRows(all.slice(s + 1, starts[n + 1] ?? all.length), s + 2), year);
      const notes: string[] = [];
      inferMissing(form, printed, notes);
      inferGroupScores(form, printed, notes);
      return { form, printed, notes };
    });
    return { layout: '阳泉', forms: numbered(forms), keyReports: [] };
  }
  const keyStart = all.findIndex((l, k) => k > from && /^项目重点评价报告$/u.test(l.trim())) - 2;
  const end = keyStart > 0 ? keyStart : all.length;
  const starts = all.flatMap((l, k) => (k > from && k < end && /^项目名称\t/u.test(l) ? [k] : []));
  const forms = starts.map((s, n) => ({ ...readJinchengSheet(sheetRows(all.slice(s, starts[n + 1] ?? end), s + 1)), notes: [] }));
  const narrative = all.slice(0, from).join('\n');
  const keyReports = keyStart > 0 ? [parseKeyReport(all, keyStart, narrative)] : [];
  return { layout: '晋城', forms: numbered(forms), keyReports };
}

function numbered(forms: SeedForm[]): SeedForm[] {
  forms.forEach((f, k) => (f.form.id = `f${k + 1}`));
  return forms;
}

/** The seed's 附件 as the app's EvaluationSet (settings for the seed's layout and 十（四）). */
export function seedEvaluationSet(a: SeedAttachments, fundsBasis: EvaluationSet['settings']['fundsBasis']): EvaluationSet {
  const set = emptyEvaluationSet();
  set.settings = { ...set.settings, layout: a.layout, fundsBasis };
  set.forms = a.forms.map((f) => f.form);
  set.keyReports = a.keyReports;
  return set;
}
