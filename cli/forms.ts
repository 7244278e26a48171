/** `disclosure forms`: the year's 自评表 with 全年预算, 全年执行, 执行率, 总分, 等级 and their findings. */
import { countBySeverity, type Finding } from '../shared/domain/checks';
import { formatWanSentence } from '../shared/domain/money';
import { type EvaluationSet, figuresOf, formatRate, summarise } from '../shared/domain/selfEvaluation';
import { displayWidth } from './textTable';

export interface FormListing {
  id: string;
  name: string;
  /** 全年预算 and 全年执行 in 元. */
  budget: number;
  spent: number;
  /** 执行率 in percent with two decimals; null when 全年预算 is 0. */
  rate: number | null;
  /** 总分 as printed (two decimals). */
  score: number;
  grade: string;
  /** Whether every indicator (or 一级) is scored. */
  complete: boolean;
  findings: { 错误: number; 警告: number; 提示: number };
}

export function listForms(set: EvaluationSet, findings: readonly Finding[]): FormListing[] {
  return set.forms.map((form) => {
    const f = figuresOf(form, set.settings);
    return {
      id: form.id,
      name: form.name,
      budget: f.funds.budget / 100,
      spent: f.funds.spent / 100,
      rate: f.rateBp === null ? null : f.rateBp / 100,
      score: Number(f.totalText),
      grade: f.grade,
      complete: f.complete,
      findings: countBySeverity(findings.filter((x) => x.attachment?.kind === 'form' && x.attachment.id === form.id)),
    };
  });
}

function pad(text: string, width: number, right: boolean): string {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
}

export function renderForms(set: EvaluationSet, listing: readonly FormListing[], year: number): string {
  if (listing.length === 0) return `${year}年度没有项目支出绩效自评表。\n`;
  const head = ['序号', '项目名称', '全年预算(万元)', '全年执行(万元)', '执行率', '总分', '等级', '审核'];
  const rows = listing.map((l, k) => {
    const f = figuresOf(set.forms[k]!, set.settings);
    const issues = [l.findings.错误 ? `错误${l.findings.错误}` : '', l.findings.警告 ? `警告${l.findings.警告}` : ''].filter(Boolean).join(' ');
    return [String(k + 1), l.name, formatWanSentence(f.funds.budget), formatWanSentence(f.funds.spent), formatRate(f.rateBp), f.totalText, l.grade, issues || '—'];
  });
  const right = [true, false, true, true, true, true, false, false];
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i] ?? 0, right[i] ?? false)).join('  ').trimEnd();
  const s = summarise(set);
  const grades = (['优', '良', '中', '差'] as const).map((g) => `${g}${s.byGrade[g]}个`).join('，');
  return [
    `${year}年度项目支出绩效自评表（${set.settings.layout}版式）`,
    line(head),
    ...rows.map(line),
    `合计：${s.count}张，全年预算${formatWanSentence(s.budget)}万元，全年执行${formatWanSentence(s.spent)}万元；${grades}`,
    '',
  ].join('\n');
}
