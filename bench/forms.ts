/**
 * 第五部分 附件 at scale: 100 项目支出绩效自评表 × 20 indicators each (with seed 000's tables).
 * Targets (issue 10): deriving every form (执行率, group scores, 总分, 等级, the summary for 十（四）)
 * and running the SE checks ≤ 20 ms; exporting the package with those forms to Word and Excel
 * ≤ 3 s; the group's process ≤ 300 MB (bench/index.ts).
 */
import { xlsxEvaluation } from '../electron/backend/app/exportRender';
import { renderDocx } from '../electron/backend/export/docx';
import { renderXlsx } from '../electron/backend/export/xlsx';
import { getCatalogue } from '../shared/domain/catalogue';
import { runChecks } from '../shared/domain/checks';
import { EVALUATION_RULES } from '../shared/domain/checks/rules/selfEvaluation';
import type { ReportPackage } from '../shared/domain/interchange';
import { buildPackage, priorFromTyped } from '../shared/domain/narrative';
import { emptyEvaluationSet, emptyForm, emptyIndicator, type EvaluationSet, type Indicator, type SelfEvaluationForm, summarise } from '../shared/domain/selfEvaluation';
import { deriveTables } from '../shared/domain/tables';
import { loadFixture } from './derive';
import { type BenchGroup, type BenchRow, collectGarbage, measure, row } from './util';

export const FORMS_DERIVE_TARGET_MS = 20;
export const FORMS_EXPORT_TARGET_MS = 3000;

const FRAME: [string, string][] = [
  ['产出指标', '数量指标'],
  ['产出指标', '质量指标'],
  ['产出指标', '时效指标'],
  ['产出指标', '成本指标'],
  ['效益指标', '经济效益指标'],
  ['效益指标', '社会效益指标'],
  ['效益指标', '可持续影响指标'],
  ['满意度指标', '服务对象满意度指标'],
];

/** A realistic form: 20 indicators (分值 adding up to 90), funds, texts of a few sentences. */
function syntheticForm(n: number): SelfEvaluationForm {
  const form = emptyForm(`f${n + 1}`, `第${n + 1}号专项资金项目（合成）`);
  form.department = '259-示例市商务局';
  form.unit = '259001-示例市商务局';
  const budget = 1_000_000 * (5 + (n % 37) * 11);
  form.funds.city = { declared: budget, initial: budget, budget, spent: Math.round(budget * (0.6 + (n % 5) * 0.1)) };
  const weights = [5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 5, 5, 5]; // 产出 50, 效益 30, 满意度 10 (below)
  form.indicators = weights.map((w, k): Indicator => {
    const [level1, level2] = FRAME[k < 12 ? Math.floor(k / 3) : k < 17 ? 4 + ((k - 12) % 3) : 7]!;
    const weight = w * 1000;
    const missed = (n + k) % 9 === 0;
    return {
      ...emptyIndicator(level1, level2),
      level3: `第${k + 1}项绩效指标名称`,
      targetInitial: `≥${10 + k}个`,
      target: `≥${10 + k}个`,
      actual: missed ? `${5 + k}个` : `${12 + k}个`,
      weight,
      score: missed ? weight - 1000 : weight,
      deviation: missed ? '受外部因素影响未能完全达成，下一步加强过程监控。' : '',
    };
  });
  const sentence = '项目按计划实施，资金使用规范，绩效目标基本完成，社会效益明显，服务对象满意度较高。';
  for (const k of ['execution', 'output', 'benefit', 'satisfaction', 'experience', 'problems', 'improvements'] as const) form.analysis[k] = sentence.repeat(3);
  form.goal = sentence.repeat(2);
  form.achieved = sentence.repeat(2);
  form.filledOn = '2024-03-15';
  return form;
}

export function syntheticForms(count: number): EvaluationSet {
  const set = emptyEvaluationSet();
  set.forms = Array.from({ length: count }, (_, n) => syntheticForm(n));
  return set;
}

export const formsBench: BenchGroup = {
  name: 'forms',
  title: '自评表 100张×20项指标 (self-evaluation forms: 100 × 20 indicators)',
  async run(): Promise<BenchRow[]> {
    const seed: ReportPackage = loadFixture('jincheng-2023.json');
    const set = syntheticForms(100);
    const catalogue = getCatalogue(seed.report.edition, seed.customCodes);
    const tables = deriveTables(seed.department, seed.report, catalogue);
    const { model } = buildPackage({ ...seed, catalogue, tables, prior: priorFromTyped(seed.report), evaluation: set });
    // Fresh form objects for every call: the derivation is remembered per object, as in the app
    // after an edit (a saved form is a new object).
    let fresh = set;
    const derive = () => {
      const summary = summarise(fresh);
      const findings = runChecks({ department: seed.department, report: seed.report, tables, narrative: model.narrative, evaluation: fresh }, EVALUATION_RULES);
      return summary.count + findings.length;
    };
    const exportBoth = async () => {
      const docx = await renderDocx(model);
      const xlsx = await renderXlsx(model.tables, xlsxEvaluation(model));
      return docx.length + xlsx.length;
    };
    collectGarbage();
    const size = await exportBoth();
    return [
      row(
        '推导100张自评表并审核 (derive + SE checks, 100 forms)',
        await measure(derive, { warmup: 5, maxRuns: 200, budgetMs: 10_000, minRuns: 30, beforeEach: () => void (fresh = { ...set, forms: set.forms.map((f) => ({ ...f })) }) }),
        { targetMs: FORMS_DERIVE_TARGET_MS, note: `${set.forms.length}张，${set.forms.length * 20}项指标` },
      ),
      row(
        '导出 Word 与 Excel，含100张自评表 (export both with 100 forms)',
        await measure(exportBoth, { warmup: 1, maxRuns: 5, budgetMs: 60_000, minRuns: 3, beforeEach: collectGarbage }),
        { targetMs: FORMS_EXPORT_TARGET_MS, note: `${(size / 1024).toFixed(0)} KB` },
      ),
    ];
  },
};
