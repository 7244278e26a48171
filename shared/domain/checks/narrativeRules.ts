/**
 * 情况说明 rules: every figure printed in a sentence equals the cell it comes from, required
 * fields are filled, the prose passes the lint, and every share list sums to 100.00%.
 * They run when the context carries the drafted narrative.
 */
import { lintableText, missingItems } from '../narrative';
import { units, wanText } from '../narrative/figures';
import { lintText } from '../narrative/lint';
import { cellById, type DerivedTables, type TableId, TABLE_IDS } from '../tables/types';
import type { Finding, Rule, Severity } from './types';

function tableOf(id: string): TableId | undefined {
  const t = id.slice(0, 2);
  return TABLE_IDS.find((x) => x === t);
}

function sourceText(tables: DerivedTables, id: string, grouping: boolean): string | null {
  const table = tableOf(id);
  if (!table) return null;
  const cell = cellById(tables[table], id);
  if (!cell || cell.value === undefined) return null;
  return cell.valueType === 'count' ? String(cell.value) : wanText(units(cell.value), grouping);
}

const figureRule: Rule = {
  id: 'N-FIGURE-SOURCE',
  title: '情况说明数字与表格一致',
  severity: '错误',
  description: '情况说明中每个取自表格的数字，必须与其来源单元格打印的数字相同。',
  run(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.narrative ?? []) {
      for (const p of s.paragraphs) {
        for (const r of p.runs) {
          if (r.kind !== 'figure' || !r.source || r.missing) continue;
          const expected = sourceText(ctx.tables, r.source, ctx.report.settings.tableGrouping);
          if (expected === null || expected === r.text) continue;
          out.push({
            ruleId: this.id,
            severity: this.severity,
            title: this.title,
            message: `${s.title}：文中数字 ${r.text} 与来源单元格 ${r.source} 的 ${expected} 不一致`,
            cells: [r.source],
            section: s.id,
            table: tableOf(r.source),
          });
        }
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

/** The sections whose paragraphs list `…占比x%` items that must sum to 100.00%. */
const SHARE_SECTIONS = ['n2', 'n3', 'n5'];

const sharesRule: Rule = {
  id: 'N-SHARES',
  title: '占比合计为100%',
  severity: '错误',
  description:
    '按“最大余数法”设置时，同一组“占比”（收入、支出构成，一般公共预算财政拨款支出结构）合计必须正好是100.00%。（缺省的“各项分别四舍五入”下每个占比按其来源复核，见 N-FIGURE-SOURCE。）',
  run(ctx) {
    const out: Finding[] = [];
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
