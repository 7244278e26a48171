/**
 * 十（四） 预算绩效情况, drafted from the year's 自评表 and 重点评价报告 (when the file holds
 * forms): the number of 二级项目 self-evaluated, the funds involved (the sum the settings name:
 * 年初预算, 全年预算 or 全年执行), the count per grade, and for each 重点评价报告 its project, funds,
 * category weights and scores and its conclusion. Two sentence patterns, as the seeds print them:
 * 2024 on (seed 002) `2024年二级项目绩效自评个数11个，涉及资金966.89万元：10个项目自评等级为“优”…`,
 * before 2024 (seed 000) `根据预算绩效管理要求，一是组织对2023年初预算安排的所有项目资金…`.
 */
import {
  deriveKeyReport,
  type EvaluationSet,
  FUND_KINDS,
  type FundKind,
  type Grade,
  GRADES,
  type KeyEvaluationReport,
  summarise,
} from '../selfEvaluation';
import { formatPoints, roundToHundredth } from '../selfEvaluation/points';
import { POINTS_PER_POINT } from '../selfEvaluation/types';
import { toPrintedUnits } from '../money';
import type { Drafter, Para } from './drafter';
import type { FigureSource } from './sources';
import type { Paragraph } from './types';

/** A count of forms, as a narrative figure (see the `forms` source). */
export function formCount(what: string, n: number): FigureSource {
  return { kind: 'forms', what, value: n, format: 'count' };
}

/** Funds summed from forms, as a narrative figure. */
export function formMoney(what: string, fen: number): FigureSource {
  return { kind: 'forms', what, value: toPrintedUnits(fen), format: 'money', fen };
}

/** A score (hundredths of a point) from the forms, as a narrative figure. */
function formScore(what: string, hundredths: number): FigureSource {
  return { kind: 'forms', what, value: hundredths, format: 'score' };
}

/**
 * 平均分 of the forms in hundredths of a point: the mean of their 总分 as printed (each rounded
 * to 0.01), rounded half up, so a reader averaging the printed forms gets the printed figure.
 */
export function averageScore(totals: readonly number[]): number {
  if (totals.length === 0) return 0;
  const hundredths = totals.reduce((sum, t) => sum + roundToHundredth(t) / (POINTS_PER_POINT / 100), 0);
  return Math.floor((2 * hundredths + totals.length) / (2 * totals.length));
}

/** The seed's names of the four fund kinds in this paragraph (国有资金经营 as the 2023 template prints it). */
const KIND_WORDS: Record<FundKind, string> = {
  一般公共预算: '一般公共预算',
  政府性基金预算: '政府性基金预算',
  国有资本经营预算: '国有资金经营预算',
  社会保险基金预算: '社会保险基金预算',
};

export function gradeList(p: Para, byGrade: Record<Grade, number>, lead: string): void {
  GRADES.filter((g) => byGrade[g] > 0).forEach((g, k) => p.t(k === 0 ? lead : '，').fig(formCount(`自评等级“${g}”的项目数`, byGrade[g])).t(`个项目自评等级为“${g}”`));
}

/** `制定类指标` from `A 政策制定`; `可持续性指标` from `D 政策可持续性`. */
function categoryName(label: string): string {
  const name = label.replace(/^[A-Z]\s*/u, '').replace(/^政策/u, '').replace(/[(（].*$/u, '').trim();
  return name.endsWith('性') ? `${name}指标` : `${name}类指标`;
}

export function keyReportClause(d: Drafter, p: Para, report: KeyEvaluationReport, set: EvaluationSet): void {
  const fig = deriveKeyReport(report, set.settings);
  p.t(`组织对“${report.projectName || report.title}”1个项目开展了部门评价（以部门为主体开展的重点绩效评价），涉及资金`).fig(formMoney('重点评价项目资金', report.funds)).t('万元，其中');
  FUND_KINDS.forEach((k, n) => p.t(`${n > 0 ? '、' : ''}${KIND_WORDS[k]}支出`).fig(formMoney(`重点评价项目${k}资金`, k === report.fundKind ? report.funds : 0)).t('万元'));
  p.t('。从评价结果来看，');
  fig.level1.forEach((g, n) => p.t(`${n > 0 ? (n === fig.level1.length - 1 ? '；' : '；') : ''}${categoryName(g.label)}权重为${formatPoints(g.weight)}分，得分为${formatPoints(g.score)}分`));
  p.t(`，总分${fig.totalText}分`);
  if (report.conclusion.trim() !== '') p.t(`，${report.conclusion.trim().replace(/[。；，\s]+$/u, '')}`);
  p.t(`，绩效评价结果为“${fig.grade}”`);
}

export function performanceFromForms(d: Drafter, set: EvaluationSet): Paragraph {
  const s = summarise(set);
  const p = d.p();
  if (d.input.report.edition >= 2024) {
    p.t(`${d.year}年二级项目绩效自评个数`).fig(formCount('绩效自评项目个数', s.count)).t('个，涉及资金').fig(formMoney('绩效自评项目涉及资金', s.narrativeFunds)).t('万元');
    gradeList(p, s.byGrade, '：');
    for (const report of set.keyReports) keyReportClause(d, p.t('。'), report, set);
    return p.t('。').build();
  }
  const listed = set.keyReports.length > 0;
  p.t(`根据预算绩效管理要求，${listed ? '一是' : ''}组织对${d.year}年初预算安排的所有项目资金全面开展了绩效自评，涉及二级项目`).fig(formCount('绩效自评项目个数', s.count)).t('个，资金').fig(formMoney('绩效自评项目涉及资金', s.narrativeFunds)).t('万元，其中');
  FUND_KINDS.forEach((k, n) => p.t(`${n > 0 ? '、' : ''}${KIND_WORDS[k]}项目支出`).fig(formMoney(`绩效自评${k}项目资金`, s.byFundKind[k])).t('万元'));
  p.t('。');
  gradeList(p, s.byGrade, '自评结果为：');
  const weak = (['中', '差'] as const).filter((g) => s.byGrade[g] > 0);
  if (weak.length > 0) {
    p.t(`。对于自评结果为${weak.map((g) => `“${g}”`).join('和')}的项目，采取的改进管理措施为`).field('n10.4.improve', '对自评结果为“中”“差”的项目采取的改进管理措施', true);
  }
  set.keyReports.forEach((report, k) => keyReportClause(d, p.t(`。${['二', '三', '四', '五'][k] ?? '再'}是`), report, set));
  return p.t('。').build();
}

/**
 * 上海 十's 绩效自评 clause from the forms, continuing `p`: `对N个项目开展了绩效自评，涉及资金F万元，
 * 平均分S分。其中：n个项目自评等级为“优”…`, then each 重点评价报告. Returns whether a project is rated
 * 中 or 差 (the problems found must then be told).
 */
export function evaluationFromForms(d: Drafter, p: Para, set: EvaluationSet): boolean {
  const s = summarise(set);
  p.t('对').fig(formCount('绩效自评项目个数', s.count)).t('个项目开展了绩效自评，涉及资金').fig(formMoney('绩效自评项目涉及资金', s.narrativeFunds));
  p.t('万元，平均分').fig(formScore('绩效自评平均分', averageScore(s.rows.map((r) => r.total)))).t('分');
  gradeList(p, s.byGrade, '。其中：');
  for (const report of set.keyReports) keyReportClause(d, p.t('。'), report, set);
  return s.byGrade.中 > 0 || s.byGrade.差 > 0;
}
