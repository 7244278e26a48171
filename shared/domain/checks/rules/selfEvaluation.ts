/**
 * 附件 rules (`SE-…`): the 项目支出绩效自评表 and the 重点评价报告 — scores within their weights,
 * printed 总分/等级/执行率 against the derived ones, funds, dates, required texts, 偏差原因, the
 * forms against 公开03表 and against 十（四）. They run when the context carries the year's
 * EvaluationSet; each finding names the form (or report) and the field (`attachment`).
 */
import { formatWanSentence, toPrintedUnits } from '../../money';
import { paragraphText } from '../../narrative/types';
import {
  agreesAtPrintedPrecision,
  ANALYSIS_NAMES,
  deriveKeyReport,
  type EvaluationSet,
  figuresOf,
  formatPoints,
  formatRate,
  type FormFigures,
  LAYOUT_ANALYSIS,
  LEVEL1_NAMES,
  missesTarget,
  type SelfEvaluationForm,
  summarise,
} from '../../selfEvaluation';
import { performanceSection } from '../../templates/conventions';
import { figuresOf as tableFigures } from '../../templates/figuresOf';
import { figureCell } from '../../templates/figures';
import { tableSpec } from '../../templates/tableSpecs';
import { tableIdOfCell } from '../../tables/types';
import type { RuleMeta } from '../printed';
import type { CheckContext, Finding, Rule } from '../types';
import { rule } from './common';

type FormCheck = (form: SelfEvaluationForm, f: FormFigures, set: EvaluationSet, ctx: CheckContext) => { message: string; field: string }[];

function formName(form: SelfEvaluationForm): string {
  return `自评表“${form.name || form.id}”`;
}

function formFinding(m: RuleMeta, form: SelfEvaluationForm, message: string, field: string): Finding {
  return {
    ruleId: m.id,
    severity: m.severity,
    title: m.title,
    message: `${formName(form)}：${message}`,
    cells: [],
    attachment: { kind: 'form', id: form.id, field },
  };
}

/** A rule run on every form of the year. */
function formRule(id: string, severity: Finding['severity'], title: string, description: string, check: FormCheck): Rule {
  return rule(id, severity, title, description, (ctx, m) => {
    const set = ctx.evaluation;
    if (!set) return [];
    return set.forms.flatMap((form) => check(form, figuresOf(form, set.settings), set, ctx).map((x) => formFinding(m, form, x.message, x.field)));
  });
}

const p = formatPoints;

const FORM_RULES: Rule[] = [
  formRule('SE-SCORE-OVER', '错误', '得分不超过分值', '每个三级指标的得分不得超过其分值；按一级指标整体评分的（阳泉版式），得分不得超过该一级指标的权重。', (form, f) => {
    const out: { message: string; field: string }[] = [];
    form.indicators.forEach((ind, k) => {
      if (ind.weight !== null && ind.score !== null && ind.score > ind.weight) {
        out.push({ message: `第${k + 1}行指标“${ind.level3 || ind.level2}”得分 ${p(ind.score)} 超过分值 ${p(ind.weight)}`, field: `indicators.${k}.score` });
      }
    });
    for (const g of f.groups) {
      if (g.scoredBy === 'group' && g.kind && g.standardWeight !== null && g.score !== null && g.score > g.standardWeight) {
        out.push({ message: `${LEVEL1_NAMES[g.kind]}得分 ${p(g.score)} 超过其权重 ${p(g.standardWeight)}分`, field: `groupScores.${g.kind}` });
      }
    }
    return out;
  }),
  formRule('SE-SCORE-MISSING', '错误', '指标未评分', '每个设有分值的三级指标都要有得分（或其一级指标整体有得分），否则总分和等级无法确定。', (form, f) => {
    const out: { message: string; field: string }[] = [];
    for (const g of f.groups) {
      if (g.scoredBy === 'group') continue;
      if (g.scoredBy === 'none') {
        out.push({ message: `${g.level1 || '指标'}（第${g.rows.map((k) => k + 1).join('、')}行）没有得分`, field: g.kind ? `groupScores.${g.kind}` : `indicators.${g.rows[0] ?? 0}.score` });
        continue;
      }
      for (const k of g.rows) {
        const ind = form.indicators[k]!;
        if (ind.weight !== null && ind.weight > 0 && ind.score === null) {
          out.push({ message: `第${k + 1}行指标“${ind.level3 || ind.level2}”分值 ${p(ind.weight)}，得分未填（按0分计入总分）`, field: `indicators.${k}.score` });
        }
      }
    }
    if (form.indicators.length === 0 && Object.keys(form.groupScores).length === 0) out.push({ message: '没有填写任何绩效指标', field: 'indicators' });
    return out;
  }),
  formRule('SE-GROUP-MIXED', '错误', '一级指标得分与三级指标得分一致', '同一一级指标既按整体填了得分、又给三级指标逐项评分时，两者必须相等。', (form, f) =>
    f.groups.flatMap((g) => {
      if (g.scoredBy !== 'group' || !g.kind) return [];
      const scores = g.rows.map((k) => form.indicators[k]!.score).filter((s): s is number => s !== null);
      if (scores.length === 0) return [];
      const sum = scores.reduce((a, b) => a + b, 0);
      return sum === g.score ? [] : [{ message: `${LEVEL1_NAMES[g.kind]}整体得分 ${p(g.score ?? 0)}，三级指标得分合计 ${p(sum)}`, field: `groupScores.${g.kind}` }];
    }),
  ),
  formRule('SE-WEIGHTS', '警告', '分值合计为100分', '预算执行（10分）与各三级指标分值合计应为100分；一级指标的分值合计应等于其权重（产出50分、效益30分、满意度10分）。', (form, f, set) => {
    const out: { message: string; field: string }[] = [];
    const weighted = form.indicators.filter((i) => i.weight !== null);
    if (weighted.length === 0 || weighted.length < form.indicators.length) return out;
    for (const g of f.groups) {
      if (g.kind && g.weightSum !== null && g.standardWeight !== null && g.weightSum !== g.standardWeight) {
        out.push({ message: `${LEVEL1_NAMES[g.kind]}分值合计 ${p(g.weightSum)}，应为 ${p(g.standardWeight)}`, field: `indicators.${g.rows[0] ?? 0}.weight` });
      }
    }
    const all = set.settings.budgetWeight + weighted.reduce((s, i) => s + (i.weight ?? 0), 0);
    if (all !== 100_000) out.push({ message: `预算执行 ${p(set.settings.budgetWeight)}分与各指标分值合计 ${p(all)}分，应为100分`, field: 'indicators' });
    return out;
  }),
  formRule('SE-TOTAL-PRINTED', '错误', '原表总分与评分一致', '自评表上印的总分（导入或录入的原表数字）按其小数位数，应等于预算执行得分与各指标得分之和。', (form, f) => {
    const printed = form.printed.total;
    if (printed === undefined || printed.trim() === '') return [];
    if (agreesAtPrintedPrecision(printed, f.total, 3)) return [];
    return [{ message: `原表总分“${printed}”，按预算执行率 ${f.rateText}（${p(f.budgetScore)}分）与各指标得分计算应为 ${f.totalText}`, field: 'printed.total' }];
  }),
  formRule('SE-GRADE-PRINTED', '错误', '原表等级与总分一致', '自评表上印的等级应与计算的总分所在等级一致（优≥90、良≥80、中≥60、差<60，见设置）。', (form, f) => {
    const printed = form.printed.grade?.trim();
    if (!printed || printed === f.grade) return [];
    return [{ message: `原表等级“${printed}”，按总分 ${f.totalText} 应为“${f.grade}”`, field: 'printed.grade' }];
  }),
  formRule('SE-RATE-PRINTED', '错误', '原表执行率与资金一致', '自评表上印的预算执行率应等于全年执行数 ÷ 全年预算数（按其小数位数）。', (form, f) => {
    const printed = form.printed.rate;
    if (printed === undefined || printed.trim() === '') return [];
    const derived = f.rateBp ?? 0;
    if (agreesAtPrintedPrecision(printed, derived, 2)) return [];
    return [{ message: `原表执行率“${printed}”，全年执行 ${formatWanSentence(f.funds.spent)}万元 ÷ 全年预算 ${formatWanSentence(f.funds.budget)}万元 = ${formatRate(f.rateBp)}`, field: 'printed.rate' }];
  }),
  formRule('SE-BUDGET-ZERO', '警告', '全年预算为0', '全年预算为0时执行率无法计算，预算执行按0分计；全年预算为0却有全年执行数时为错误。', (form, f) => {
    if (f.funds.budget !== 0) return [];
    if (f.funds.spent > 0) return [{ message: `全年预算为0，全年执行却有 ${formatWanSentence(f.funds.spent)}万元，请核对资金`, field: 'funds.city.budget' }];
    return [{ message: '全年预算为0：执行率无法计算，按0%计，预算执行得分0分', field: 'funds.city.budget' }];
  }),
  formRule('SE-OVERSPENT', '警告', '执行数超过预算', '全年执行数大于全年预算数时执行率超过100%（预算执行仍按10分计），请核对。', (_form, f) =>
    f.funds.spent > f.funds.budget && f.funds.budget > 0
      ? [{ message: `全年执行 ${formatWanSentence(f.funds.spent)}万元大于全年预算 ${formatWanSentence(f.funds.budget)}万元（执行率 ${f.rateText}）`, field: 'funds.city.spent' }]
      : [],
  ),
  formRule('SE-FILLED-ON', '警告', '填报日期在年度结束之后', '自评在年度结束后进行：填报日期应晚于评价年度的12月31日。', (form, _f, _set, ctx) => {
    if (form.filledOn === '') return [];
    return form.filledOn > `${ctx.report.year}-12-31` ? [] : [{ message: `填报日期 ${form.filledOn} 不晚于${ctx.report.year}年12月31日`, field: 'filledOn' }];
  }),
  formRule('SE-REQUIRED', '警告', '自评表必填内容', '项目名称、主管部门、单位、年度目标，以及所选版式印出的分析文字（晋城：项目实施和预算执行情况等七项；阳泉：自评结论、主要经验做法、存在问题与整改措施）和填报日期（阳泉）都要填写。', (form, _f, set) => {
    const out: { message: string; field: string }[] = [];
    const need = (value: string, label: string, field: string) => {
      if (value.trim() === '') out.push({ message: `${label}未填写`, field });
    };
    need(form.name, '项目名称', 'name');
    need(form.department, '主管部门', 'department');
    need(form.unit, set.settings.layout === '阳泉' ? '实施单位' : '预算单位', 'unit');
    need(form.goal, set.settings.layout === '阳泉' ? '项目预期绩效目标' : '年度目标', 'goal');
    for (const k of LAYOUT_ANALYSIS[set.settings.layout]) need(form.analysis[k], set.settings.layout === '阳泉' && k === 'problems' ? '存在问题与整改措施' : ANALYSIS_NAMES[k], `analysis.${k}`);
    if (set.settings.layout === '阳泉') need(form.filledOn, '填报日期', 'filledOn');
    return out;
  }),
  formRule('SE-DEVIATION', '警告', '未达目标的指标说明偏差原因', '实际完成值未达到指标值（或有扣分）的指标，应填写偏差原因分析及改进措施。', (form) =>
    form.indicators.flatMap((ind, k) =>
      missesTarget(ind) && ind.deviation.trim() === ''
        ? [{ message: `第${k + 1}行指标“${ind.level3 || ind.level2}”指标值 ${ind.target || ind.targetInitial || '（空）'}，实际完成 ${ind.actual || '（空）'}${ind.weight !== null && ind.score !== null && ind.score < ind.weight ? `，得分 ${p(ind.score)}/${p(ind.weight)}` : ''}，未说明偏差原因`, field: `indicators.${k}.deviation` }]
        : [],
    ),
  ),
];

const SET_RULES: Rule[] = [
  rule('SE-DUPLICATE', '警告', '自评表项目重复', '同一项目不应有两张自评表。', (ctx, m) => {
    const seen = new Map<string, string>();
    const out: Finding[] = [];
    for (const form of ctx.evaluation?.forms ?? []) {
      const key = form.name.trim();
      if (key === '') continue;
      if (seen.has(key)) out.push(formFinding(m, form, `与另一张自评表项目名称相同`, 'name'));
      else seen.set(key, form.id);
    }
    return out;
  }),
  rule('SE-FUNDS-T03', '提示', '自评项目执行数与公开03表项目支出', '各自评表全年执行数合计与公开03表项目支出合计不同时提示（自评项目可含其他资金，也可能不含全部项目），列出两个数字供核对。', (ctx, m) => {
    const set = ctx.evaluation;
    if (!set || set.forms.length === 0) return [];
    const spent = summarise(set).spent;
    const projectFigure = tableFigures(ctx.tables).expenditure.project;
    const project = projectFigure.value;
    if (toPrintedUnits(spent) === toPrintedUnits(project)) return [];
    // The 支出决算表 of the year's template (山西 公开03表, 上海 表3).
    const table = tableIdOfCell(figureCell(projectFigure));
    const name = tableSpec(table).code;
    return [
      {
        ruleId: m.id,
        severity: m.severity,
        title: m.title,
        message: `${set.forms.length}张自评表全年执行数合计 ${formatWanSentence(spent)}万元，${name}项目支出合计 ${formatWanSentence(project)}万元，相差 ${formatWanSentence(Math.abs(spent - project))}万元`,
        cells: [...projectFigure.cells],
        table,
      },
    ];
  }),
  rule('SE-NARRATIVE', '错误', '十（四）与自评表一致', '情况说明十（四）（上海模板：十 预算绩效管理情况）中的自评项目个数、涉及资金和各等级个数应与所附自评表一致。', (ctx, m) => {
    const set = ctx.evaluation;
    const sectionId = performanceSection(ctx.report.settings.template);
    const section = ctx.narrative?.find((s) => s.id === sectionId);
    if (!set || set.forms.length === 0 || !section) return [];
    const where = sectionId === 'n10' ? '十（四）' : section.title.replace(/说明$/u, '');
    const text = section.paragraphs.map(paragraphText).join('\n');
    const s = summarise(set);
    const out: string[] = [];
    // 山西: `二级项目绩效自评个数11个` / `涉及二级项目24个`; 上海: `对24个项目开展了绩效自评`.
    const found = /二级项目(?:绩效自评个数)?(\d+)个|对(\d+)个项目开展了绩效自评/u.exec(text);
    const count = found ? { index: found.index, n: found[1] ?? found[2] ?? '' } : null;
    if (count && Number(count.n) !== s.count) out.push(`自评项目个数写为${count.n}个，所附自评表${s.count}张`);
    const funds = count ? /资金([\d,]+(?:\.\d+)?)万元/u.exec(text.slice(count.index)) : null;
    if (funds && funds[1] !== formatWanSentence(s.narrativeFunds).replace(/,/gu, '') && funds[1] !== formatWanSentence(s.narrativeFunds)) {
      out.push(`涉及资金写为${funds[1]}万元，自评表${{ initial: '年初预算', budget: '全年预算', spent: '全年执行' }[set.settings.fundsBasis]}合计${formatWanSentence(s.narrativeFunds)}万元`);
    }
    const written = new Map<string, number>();
    for (const g of text.matchAll(/(\d+)个项目自评等级为“(优|良|中|差)”/gu)) written.set(g[2] ?? '', Number(g[1]));
    if (written.size > 0 || count) {
      for (const grade of ['优', '良', '中', '差'] as const) {
        const w = written.get(grade) ?? 0;
        if (w !== s.byGrade[grade]) out.push(`等级为“${grade}”的写为${w}个，按自评表总分计算为${s.byGrade[grade]}个`);
      }
    }
    return out.map((message) => ({ ruleId: m.id, severity: m.severity, title: m.title, message: `${where}：${message}`, cells: [], section: sectionId }));
  }),
];

const KEY_RULES: Rule[] = [
  rule('SE-KEY-SCORES', '错误', '重点评价指标得分', '重点评价报告评分表中每个三级指标得分不超过分值，且都已评分；分值合计为100分；原报告的总分、等级与评分一致。', (ctx, m) => {
    const set = ctx.evaluation;
    if (!set) return [];
    const out: Finding[] = [];
    for (const report of set.keyReports) {
      const push = (message: string, field: string, severity: Finding['severity'] = m.severity) =>
        out.push({ ruleId: m.id, severity, title: m.title, message: `重点评价报告“${report.title}”：${message}`, cells: [], attachment: { kind: 'keyReport', id: report.id, field } });
      const fig = deriveKeyReport(report, set.settings);
      report.indicators.forEach((ind, k) => {
        if (ind.score === null) push(`第${k + 1}行指标“${ind.level3}”未评分`, `indicators.${k}.score`);
        else if (ind.score > ind.weight) push(`第${k + 1}行指标“${ind.level3}”得分 ${p(ind.score)} 超过分值 ${p(ind.weight)}`, `indicators.${k}.score`);
      });
      if (report.indicators.length > 0 && fig.weight !== 100_000) push(`评分表分值合计 ${p(fig.weight)}分，应为100分`, 'indicators', '警告');
      const total = report.printed.total;
      if (total && !agreesAtPrintedPrecision(total, fig.total, 3)) push(`原报告总分“${total}”，评分表得分合计 ${fig.totalText}`, 'printed.total');
      const grade = report.printed.grade?.trim();
      if (grade && grade !== fig.grade) push(`原报告等级“${grade}”，按总分 ${fig.totalText} 应为“${fig.grade}”`, 'printed.grade');
    }
    return out;
  }),
];

/** Every 附件 rule, in a stable order. */
export const EVALUATION_RULES: Rule[] = [...FORM_RULES, ...SET_RULES, ...KEY_RULES];
