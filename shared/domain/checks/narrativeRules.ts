/**
 * 情况说明 rules: every figure printed in a sentence equals what its source gives (a cell, a
 * typed fact, or a computation on them), required fields are filled, the prose passes the lint,
 * no share exceeds 100%, and largest-remainder share lists sum to 100.00%.
 * They run when the context carries the drafted narrative.
 */
import { factRefKey } from '../model';
import { lintableText, missingItems } from '../narrative';
import { lintText } from '../narrative/lint';
import { evaluateSource, type FigureSource, figureText, sourceCells, type SourceContext } from '../narrative/sources';
import type { Run, Section } from '../narrative/types';
import { type TableId, tableIdOfCell } from '../tables/types';
import { amountGrouping } from '../templates/conventions';
import type { CheckContext, Finding, Rule, Severity } from './types';

function tableOf(id: string): TableId | undefined {
  return tableIdOfCell(id) || undefined;
}

type FigureRun = Extract<Run, { kind: 'figure' }>;

/** Every figure run of the narrative with its section. */
function* figureRuns(ctx: CheckContext): Generator<{ section: Section; run: FigureRun }> {
  for (const section of ctx.narrative ?? []) {
    for (const p of section.paragraphs) for (const run of p.runs) if (run.kind === 'figure') yield { section, run };
  }
}

/** What a source gives, as printed, or the reason it cannot be evaluated. */
function expectedText(ctx: SourceContext & { grouping: boolean }, source: FigureSource): { text: string } | { error: string } {
  try {
    return { text: figureText(evaluateSource(source, ctx), ctx.grouping) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Where a figure comes from, for messages: `来源单元格 01.L31.amount 的`, `按 03.total.basic、01.L58.amount 重新计算的`. */
function describeSource(source: FigureSource): string {
  switch (source.kind) {
    case 'cell':
      return `来源单元格 ${source.id} 的`;
    case 'fact':
      return `填报数 ${factRefKey(source.fact)} 的`;
    case 'prior':
      return `上年数 ${source.key} 的`;
    default: {
      const cells = sourceCells(source);
      return cells.length > 0 ? `按 ${cells.join('、')} 重新计算的` : '按填报数重新计算的';
    }
  }
}

function figureFinding(rule: Rule, section: Section, source: FigureSource | undefined, message: string, severity?: Severity): Finding {
  const cells = source ? sourceCells(source) : [];
  const table = cells[0] ? tableOf(cells[0]) : undefined;
  return {
    ruleId: rule.id,
    severity: severity ?? rule.severity,
    title: rule.title,
    message: `${section.title}：${message}`,
    cells,
    section: section.id,
    ...(table ? { table } : {}),
  };
}

const figureRule: Rule = {
  id: 'N-FIGURE-SOURCE',
  title: '情况说明数字与来源一致',
  severity: '错误',
  description:
    '情况说明中每个数字都有来源（表格单元格、未列入表格的填报数，或由它们计算的差额、百分比），且印出的数字等于按来源重新计算的结果（百分比按“金额÷合计”四舍五入复核）。',
  run(ctx) {
    const out: Finding[] = [];
    const sctx = { tables: ctx.tables, report: ctx.report, grouping: amountGrouping(ctx.report.settings) };
    for (const { section, run } of figureRuns(ctx)) {
      if (run.missing || run.withheld) continue;
      if (!run.source) {
        out.push(figureFinding(this, section, undefined, `文中数字 ${run.text} 没有来源，无法核对`));
        continue;
      }
      const expected = expectedText(sctx, run.source);
      if ('error' in expected) {
        out.push(figureFinding(this, section, run.source, `文中数字 ${run.text} 的来源无法核对（${expected.error}）`));
      } else if (expected.text !== run.text) {
        out.push(figureFinding(this, section, run.source, `文中数字 ${run.text} 与${describeSource(run.source)} ${expected.text} 不一致`));
      }
    }
    return out;
  },
};

const requiredRule: Rule = {
  id: 'N-REQUIRED',
  title: '情况说明必填内容',
  severity: '错误',
  description: '数字较上年变动、或决算与年初预算不同时，必须说明原因；上年数、年初预算等说明所需数字必须填写。',
  run(ctx) {
    const sections = ctx.narrative ?? [];
    const idOf = new Map(sections.map((s) => [s.title, s.id]));
    return missingItems(sections).map((m) => ({
      ruleId: this.id,
      severity: this.severity,
      title: this.title,
      message: `${m.section}：尚未填写“${m.label}”`,
      cells: [],
      section: idOf.get(m.section),
      ...(m.field ? { field: m.field } : {}),
    }));
  },
};

/** Placeholders and template residue must not be published; the rest is a warning. */
const LINT_SEVERITY: Record<string, Severity> = { 'LINT-PLACEHOLDER': '错误', 'LINT-RESIDUE': '错误' };

const lintRule: Rule = {
  id: 'N-LINT',
  title: '情况说明文字检查',
  severity: '警告',
  description: '占位符（XX、待填写）、模板残留（增加（减少））为错误；重复词语、重复标点、中文中的半角逗号或括号、非本年或上年的年份、其他部门名称为警告。',
  run(ctx) {
    const lintCtx = { year: ctx.report.year, departmentName: ctx.department.name };
    const out: Finding[] = [];
    for (const s of ctx.narrative ?? []) {
      s.paragraphs.forEach((p, k) => {
        for (const f of lintText(lintableText(p), `${s.title} 第${k + 1}段`, lintCtx)) {
          out.push({ ruleId: this.id, severity: LINT_SEVERITY[f.rule] ?? this.severity, title: this.title, message: `${f.where}：${f.message}`, cells: [], section: s.id });
        }
      });
    }
    return out;
  },
};

/** The sections whose paragraphs list `…占比x%` items that must sum to 100.00% (largest remainder). */
const SHARE_SECTIONS = ['n2', 'n3', 'n5'];

/** Printed values of a share's part and whole, for the message (`20.52 万元 > 10.26 万元`). */
function shareParts(ctx: SourceContext & { grouping: boolean }, source: FigureSource): string {
  if (source.kind !== 'share') return '';
  const [part, whole] = source.of.map((s) => expectedText(ctx, s));
  const text = (e: { text: string } | { error: string } | undefined) => (e && 'text' in e ? e.text : '?');
  return `（${text(part)} ÷ ${text(whole)}）`;
}

const sharesRule: Rule = {
  id: 'N-SHARES',
  title: '占比不超过100%，合计为100%',
  severity: '错误',
  description:
    '情况说明中的“占比”（收入、支出构成，一般公共预算财政拨款支出结构，授予中小企业、小微企业合同金额占政府采购支出总额等）不得超过100%：超过时不印占比并报错误。按“最大余数法”设置时，同一组占比合计必须正好是100.00%。',
  run(ctx) {
    const out: Finding[] = [];
    const sctx = { tables: ctx.tables, report: ctx.report, grouping: amountGrouping(ctx.report.settings) };
    for (const { section, run } of figureRuns(ctx)) {
      if (run.withheld) {
        const where = run.source ? shareParts(sctx, run.source) : '';
        out.push(figureFinding(this, section, run.source, `${run.withheld}超过100%${where}，数据有误，未印占比`));
        continue;
      }
      if (run.source?.kind === 'share' && !run.missing) {
        const v = expectedText(sctx, run.source);
        if ('text' in v && Number(v.text.replace('%', '')) > 100) {
          out.push(figureFinding(this, section, run.source, `占比 ${run.text} 超过100%${shareParts(sctx, run.source)}`));
        }
      }
    }
    if (ctx.report.settings.shareRounding !== 'largestRemainder') return out;
    for (const s of ctx.narrative ?? []) {
      if (!SHARE_SECTIONS.includes(s.id)) continue;
      let sum = 0;
      let count = 0;
      for (const p of s.paragraphs) {
        p.runs.forEach((r, i) => {
          const prev = p.runs[i - 1];
          if (r.kind === 'figure' && prev?.kind === 'text' && prev.text.endsWith('占比')) {
            sum += r.text === '0%' ? 0 : Math.round(Number(r.text.replace('%', '')) * 100);
            count++;
          }
        });
      }
      if (count > 0 && sum !== 0 && sum !== 10000) {
        out.push({
          ruleId: this.id,
          severity: this.severity,
          title: this.title,
          message: `${s.title}：各项占比合计为 ${(sum / 100).toFixed(2)}%，应为 100.00%`,
          cells: [],
          section: s.id,
        });
      }
    }
    return out;
  },
};

export const NARRATIVE_RULES: Rule[] = [figureRule, requiredRule, lintRule, sharesRule];
