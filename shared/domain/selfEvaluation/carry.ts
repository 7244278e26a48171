/**
 * 新建年度: each project's form carried into the next year with its indicators and targets, the
 * year's actuals cleared — money, 实际完成值, 得分, 偏差原因, the analysis texts, 填报日期 and any
 * printed figures. 分值 and the 一级 frame stay; so do the project's people and units.
 */
import { emptyAnalysis, emptyFunds, type EvaluationSet, type SelfEvaluationForm } from './types';

export function carryForm(form: SelfEvaluationForm, year: number): SelfEvaluationForm {
  return {
    ...structuredClone(form),
    period: '',
    evaluationYear: `${year}年度`,
    funds: emptyFunds(),
    achieved: '',
    indicators: form.indicators.map((i) => ({ ...i, actual: '', score: null, deviation: '' })),
    groupScores: {},
    analysis: emptyAnalysis(),
    filledOn: '',
    printed: {},
  };
}

/** The 附件 a new year starts from: last year's settings and forms; 重点评价报告 are one-offs. */
export function carryEvaluation(set: EvaluationSet, year: number): EvaluationSet {
  return { settings: structuredClone(set.settings), forms: set.forms.map((f) => carryForm(f, year)), keyReports: [] };
}
