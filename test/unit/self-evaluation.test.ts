import { describe, expect, it } from 'vitest';
import { runChecks } from '../../shared/domain/checks';
import { EVALUATION_RULES } from '../../shared/domain/checks/rules/selfEvaluation';
import { emptyReport } from '../../shared/domain/model';
import { getCatalogue } from '../../shared/domain/catalogue';
import { deriveTables } from '../../shared/domain/tables';
import {
  agreesAtPrintedPrecision,
  budgetScore,
  deriveForm,
  deriveKeyReport,
  DEFAULT_EVALUATION_SETTINGS,
  emptyEvaluationSet,
  emptyForm,
  emptyIndicator,
  type EvaluationSet,
  EvaluationReader,
  evaluationToDoc,
  formatPoints,
  formatRate,
  gradeOf,
  level1Kind,
  missesTarget,
  parsePoints,
  PointsError,
  rateBasisPoints,
  readEvaluationSet,
  type SelfEvaluationForm,
  summarise,
} from '../../shared/domain/selfEvaluation';

const WAN = 1_000_000;
const settings = DEFAULT_EVALUATION_SETTINGS;

function indicator(level1: string, level2: string, level3: string, weight: number | null, score: number | null, target = '', actual = '') {
  return { ...emptyIndicator(level1, level2), level3, weight, score, target, actual };
}

/** 内贸流通统计监测工作经费 (seed 002): 8万 到位, 5.827万 执行, 产出/效益/满意度 scored as groups. */
function yangquanForm(): SelfEvaluationForm {
  const form = emptyForm('f3', '内贸流通统计监测工作经费');
  form.funds.city = { declared: 0, initial: 8 * WAN, budget: 8 * WAN, spent: 5_827_000 };
  form.indicators = [
    indicator('产出指标', '数量指标', '信息采集补贴人数', null, null, '≥20人', '27人'),
    indicator('效益指标', '社会效益指标', '提升统计监测信息采集水平', null, null, '有效提升', '有效提升'),
    indicator('满意度指标', '服务对象满意度指标', '补助企业满意度', null, null, '≥90%', '≥90%'),
  ];
  form.groupScores = { output: 50_000, benefit: 30_000, satisfaction: 10_000 };
  form.printed = { rate: '73%', total: '97.3' };
  return form;
}

describe('scores and rates', () => {
  it('parses and prints scores in thousandths of a point', () => {
    expect(parsePoints('2.5')).toBe(2500);
    expect(parsePoints('０.３５')).toBe(350);
    expect(parsePoints('10分')).toBe(10_000);
    expect(parsePoints(' ')).toBeNull();
    expect(() => parsePoints('abc')).toThrow(PointsError);
    expect(() => parsePoints('1.2345')).toThrow(/小数位过多/);
    expect(formatPoints(82_850)).toBe('82.85');
    expect(formatPoints(100_000)).toBe('100');
    expect(formatPoints(9_932)).toBe('9.932');
  });

  it('computes 执行率 half up and refuses a zero budget', () => {
    expect(rateBasisPoints(5_827_000, 8 * WAN)).toBe(7284); // 72.8375% → 72.84%
    expect(formatRate(rateBasisPoints(8_982_649_66, 904_400_000))).toBe('99.32%');
    expect(rateBasisPoints(0, 0)).toBeNull();
    expect(formatRate(null)).toBe('——');
  });

  it('scores 预算执行 as 10 × min(rate, 100%), or by bands', () => {
    expect(budgetScore(9932, { kind: 'linear' }, 10_000)).toBe(9932);
    expect(budgetScore(15_012, { kind: 'linear' }, 10_000)).toBe(10_000);
    expect(budgetScore(null, { kind: 'linear' }, 10_000)).toBe(0);
    const banded = { kind: 'banded' as const, bands: [{ minRateBp: 9000, score: 10_000 }, { minRateBp: 6000, score: 6_000 }, { minRateBp: 0, score: 0 }] };
    expect(budgetScore(9500, banded, 10_000)).toBe(10_000);
    expect(budgetScore(8999, banded, 10_000)).toBe(6_000);
  });

  it('grades the total as printed: 89.996 prints 90 and is 优', () => {
    expect(gradeOf(89_996, settings.grades)).toBe('优');
    expect(gradeOf(89_994, settings.grades)).toBe('良');
    expect(gradeOf(60_000, settings.grades)).toBe('中');
    expect(gradeOf(59_990, settings.grades)).toBe('差');
    expect(gradeOf(85_000, { excellent: 95_000, good: 85_000, fair: 70_000 })).toBe('良');
  });

  it('compares printed figures at their own precision', () => {
    expect(agreesAtPrintedPrecision('97.3', 97_284, 3)).toBe(true);
    expect(agreesAtPrintedPrecision('97.28', 97_284, 3)).toBe(true);
    expect(agreesAtPrintedPrecision('95', 95_837, 3)).toBe(false);
    expect(agreesAtPrintedPrecision('98.48分', 98_479, 3)).toBe(true);
    expect(agreesAtPrintedPrecision('73%', 7284, 2)).toBe(true);
    expect(agreesAtPrintedPrecision('58.37%', 5837, 2)).toBe(true);
  });
});

describe('deriving a form', () => {
  it('scores a 阳泉 form by 一级 groups (seed 002: 73% → 7.3, total 97.3)', () => {
    const f = deriveForm(yangquanForm(), settings);
    expect(f.rateText).toBe('72.84%');
    expect(f.budgetScore).toBe(7284);
    expect(f.total).toBe(97_284);
    expect(f.totalText).toBe('97.28');
    expect(f.grade).toBe('优');
    expect(f.complete).toBe(true);
    expect(f.groups.map((g) => [g.kind, g.score, g.scoredBy])).toEqual([
      ['output', 50_000, 'group'],
      ['benefit', 30_000, 'group'],
      ['satisfaction', 10_000, 'group'],
    ]);
  });

  it('scores a 晋城 form per indicator and groups by the 二级 name', () => {
    const form = emptyForm('f1', '变压器更换');
    form.funds.city = { declared: 35 * WAN, initial: 35 * WAN, budget: 0, spent: 0 };
    form.indicators = [
      indicator('产出指标', '数量指标', '变压器更换数量', 20_000, 20_000),
      indicator('', '质量指标', '验收合格率', 10_000, 10_000),
      indicator('', '时效指标', '变压器更换时间', 10_000, 0, '3-6月', '未完成预期指标且效果较差'),
      indicator('', '成本指标', '项目成本控制数', 10_000, 10_000),
      indicator('效益指标', '社会效益指标', '减少安全隐患', 30_000, 30_000),
      indicator('满意度指标', '服务对象满意度指标', '机关使用满意度', 10_000, 10_000),
    ];
    const f = deriveForm(form, settings);
    expect(f.rateBp).toBeNull();
    expect(f.budgetScore).toBe(0);
    expect(f.totalText).toBe('80');
    expect(f.grade).toBe('良');
    expect(f.groups.map((g) => [g.kind, g.weightSum, g.score])).toEqual([
      ['output', 50_000, 40_000],
      ['benefit', 30_000, 30_000],
      ['satisfaction', 10_000, 10_000],
    ]);
    expect(level1Kind({ level1: '', level2: '可持续影响指标' })).toBe('benefit');
  });

  it('summarises forms for 自评汇总 and 十（四）', () => {
    const set: EvaluationSet = emptyEvaluationSet();
    const a = yangquanForm();
    const b = { ...yangquanForm(), id: 'f4', name: 'B', groupScores: { output: 40_000, benefit: 30_000, satisfaction: 10_000 } };
    set.forms = [a, b];
    const s = summarise(set);
    expect(s.count).toBe(2);
    expect(s.byGrade).toEqual({ 优: 1, 良: 1, 中: 0, 差: 0 });
    expect(s.spent).toBe(2 * 5_827_000);
    expect(s.narrativeFunds).toBe(2 * 5_827_000);
    set.settings = { ...set.settings, fundsBasis: 'initial' };
    expect(summarise(set).narrativeFunds).toBe(16 * WAN);
  });

  it('derives the 重点评价报告 totals by 一级', () => {
    const fig = deriveKeyReport(
      {
        id: 'k1', title: 'T', projectName: 'P', funds: 0, fundKind: '一般公共预算', sections: [], conclusion: '', printed: {},
        indicators: [
          { level1: 'A 政策制定', level2: 'A1 政策决策', level3: 'A101', weight: 12_000, score: 12_000, explanation: '', benchmark: '', criteria: '', source: '', result: '' },
          { level1: '', level2: '', level3: 'A102', weight: 8_000, score: 6_500, explanation: '', benchmark: '', criteria: '', source: '', result: '' },
          { level1: 'B 政策实施', level2: 'B1', level3: 'B101', weight: 80_000, score: 70_000, explanation: '', benchmark: '', criteria: '', source: '', result: '' },
        ],
      },
      settings,
    );
    expect(fig.level1.map((g) => [g.label, g.weight, g.score])).toEqual([['A 政策制定', 20_000, 18_500], ['B 政策实施', 80_000, 70_000]]);
    expect(fig.totalText).toBe('88.5');
    expect(fig.grade).toBe('良');
  });
});

describe('indicator targets', () => {
  it('finds targets that are missed', () => {
    expect(missesTarget({ target: '≥40家次', targetInitial: '', actual: '29家次', weight: null, score: null })).toBe(true);
    expect(missesTarget({ target: '≥20家', targetInitial: '', actual: '≥25家', weight: 10_000, score: 10_000 })).toBe(false);
    expect(missesTarget({ target: '≤35万元', targetInitial: '', actual: '≤33.7248万元', weight: 10_000, score: 10_000 })).toBe(false);
    expect(missesTarget({ target: '-100%', targetInitial: '', actual: '-50%', weight: null, score: null })).toBe(true);
    expect(missesTarget({ target: '提高', targetInitial: '', actual: '部分达成预期指标并具有一定效果', weight: 10_000, score: 10_000 })).toBe(true);
    expect(missesTarget({ target: '2023年10月底', targetInitial: '', actual: '达成预期指标', weight: 10_000, score: 8_000 })).toBe(true);
    expect(missesTarget({ target: '2023年10月底', targetInitial: '', actual: '达成预期指标', weight: 10_000, score: 10_000 })).toBe(false);
  });
});

describe('reading and writing the 附件 section', () => {
  it('round-trips a set through the interchange encoding', () => {
    const set = emptyEvaluationSet();
    set.settings = { ...set.settings, layout: '阳泉' };
    set.forms = [yangquanForm()];
    set.forms[0]!.filledOn = '2025-04-10';
    const r = new EvaluationReader({ kind: 'interchange', unit: '元' });
    const back = readEvaluationSet(r, JSON.parse(JSON.stringify(evaluationToDoc(set))), '$.evaluation');
    expect(r.issues).toEqual([]);
    expect(back).toEqual(set);
  });

  it('reports every problem with its path, in Chinese', () => {
    const r = new EvaluationReader({ kind: 'interchange', unit: '元' });
    readEvaluationSet(
      r,
      { forms: [{ id: 'a b', name: '', funds: { city: { spent: -1 } }, indicators: [{ score: 2.0001 }], filledOn: '2024-02-30' }, { id: 'ok', name: 'X' }] },
      '$.evaluation',
    );
    expect(r.issues.map((i) => i.path)).toEqual([
      '$.evaluation.forms[0].funds.city.spent',
      '$.evaluation.forms[0].name',
      '$.evaluation.forms[0].id',
      '$.evaluation.forms[0].indicators[0].score',
      '$.evaluation.forms[0].filledOn',
    ]);
    expect(r.issues.map((i) => i.message).join('\n')).toMatch(/金额不能为负数[\s\S]*项目名称不能为空[\s\S]*编号[\s\S]*3位小数[\s\S]*有效日期/);
  });
});

describe('SE checks', () => {
  function check(set: EvaluationSet, year = 2024) {
    const report = emptyReport(year);
    const department = { name: '阳泉市商务局', unitKind: '行政单位' as const, subordinateUnits: [] };
    const tables = deriveTables(department, report, getCatalogue(report.edition));
    return runChecks({ department, report, tables, evaluation: set }, EVALUATION_RULES);
  }

  it('fires on a form printed 95 with 预算执行率 58.37%', () => {
    const set = emptyEvaluationSet();
    const form = yangquanForm();
    form.funds.city = { declared: 0, initial: 30 * WAN, budget: 30 * WAN, spent: 17_511_000 };
    form.printed = { rate: '58.37%', total: '95' };
    set.forms = [form];
    const findings = check(set);
    const total = findings.find((f) => f.ruleId === 'SE-TOTAL-PRINTED');
    expect(total?.message).toBe('自评表“内贸流通统计监测工作经费”：原表总分“95”，按预算执行率 58.37%（5.837分）与各指标得分计算应为 95.84');
    expect(total?.attachment).toEqual({ kind: 'form', id: 'f3', field: 'printed.total' });
    expect(findings.some((f) => f.ruleId === 'SE-RATE-PRINTED')).toBe(false);
  });

  it('checks scores, dates, texts and deviation reasons', () => {
    const set = emptyEvaluationSet();
    const form = emptyForm('f9', '测试项目');
    form.funds.city = { declared: 0, initial: 10 * WAN, budget: 10 * WAN, spent: 10 * WAN };
    form.indicators = [
      indicator('产出指标', '数量指标', '人数', 20_000, 25_000, '≥10人', '12人'),
      indicator('', '质量指标', '合格率', 30_000, null, '=100%', '90%'),
      indicator('效益指标', '社会效益指标', '效益', 30_000, 30_000),
      indicator('满意度指标', '服务对象满意度指标', '满意度', 10_000, 10_000),
    ];
    form.filledOn = '2024-04-07';
    form.printed = { total: '100', grade: '良' };
    set.forms = [form];
    const byRule = (id: string) => check(set).filter((f) => f.ruleId === id).map((f) => f.message);
    expect(byRule('SE-SCORE-OVER')).toEqual(['自评表“测试项目”：第1行指标“人数”得分 25 超过分值 20']);
    expect(byRule('SE-SCORE-MISSING')).toEqual(['自评表“测试项目”：第2行指标“合格率”分值 30，得分未填（按0分计入总分）']);
    expect(byRule('SE-FILLED-ON')).toEqual(['自评表“测试项目”：填报日期 2024-04-07 不晚于2024年12月31日']);
    expect(byRule('SE-DEVIATION')).toEqual(['自评表“测试项目”：第2行指标“合格率”指标值 =100%，实际完成 90%，未说明偏差原因']);
    expect(byRule('SE-GRADE-PRINTED')).toEqual(['自评表“测试项目”：原表等级“良”，按总分 75 应为“中”']);
    expect(byRule('SE-REQUIRED')).toContain('自评表“测试项目”：主管部门未填写');
  });
});

describe('every SE rule catches its own break', () => {
  const department = { name: '测试局', unitKind: '行政单位' as const, subordinateUnits: [] };
  function base(): SelfEvaluationForm {
    const form = emptyForm('f1', '项目甲');
    form.department = '测试局';
    form.unit = '测试局';
    form.goal = '目标';
    for (const k of ['execution', 'output', 'benefit', 'satisfaction', 'experience', 'problems', 'improvements'] as const) form.analysis[k] = '已填写';
    form.funds.city = { declared: 0, initial: 10 * WAN, budget: 10 * WAN, spent: 10 * WAN };
    form.indicators = [
      indicator('产出指标', '数量指标', '人数', 50_000, 50_000, '≥10人', '12人'),
      indicator('效益指标', '社会效益指标', '效益', 30_000, 30_000),
      indicator('满意度指标', '服务对象满意度指标', '满意度', 10_000, 10_000),
    ];
    form.filledOn = '2025-03-01';
    return form;
  }
  const cases: Record<string, (set: EvaluationSet) => void> = {
    'SE-SCORE-OVER': (s) => void (s.forms[0]!.indicators[0]!.score = 51_000),
    'SE-SCORE-MISSING': (s) => void (s.forms[0]!.indicators[1]!.score = null),
    'SE-GROUP-MIXED': (s) => void (s.forms[0]!.groupScores = { output: 45_000 }),
    'SE-WEIGHTS': (s) => void (s.forms[0]!.indicators[0]!.weight = 40_000),
    'SE-TOTAL-PRINTED': (s) => void (s.forms[0]!.printed = { total: '99' }),
    'SE-GRADE-PRINTED': (s) => void (s.forms[0]!.printed = { grade: '良' }),
    'SE-RATE-PRINTED': (s) => void (s.forms[0]!.printed = { rate: '95%' }),
    'SE-BUDGET-ZERO': (s) => void (s.forms[0]!.funds.city = { declared: 0, initial: WAN, budget: 0, spent: 0 }),
    'SE-OVERSPENT': (s) => void (s.forms[0]!.funds.city.spent = 11 * WAN),
    'SE-FILLED-ON': (s) => void (s.forms[0]!.filledOn = '2024-12-31'),
    'SE-REQUIRED': (s) => void (s.forms[0]!.analysis.problems = ' '),
    'SE-DEVIATION': (s) => void (s.forms[0]!.indicators[0]!.actual = '8人'),
    'SE-DUPLICATE': (s) => void s.forms.push({ ...base(), id: 'f2' }),
    'SE-FUNDS-T03': () => undefined,
    'SE-NARRATIVE': () => undefined,
    'SE-KEY-SCORES': (s) =>
      void s.keyReports.push({
        id: 'k1', title: '重点评价', projectName: '项目甲', funds: 0, fundKind: '一般公共预算', sections: [], conclusion: '', printed: { total: '100' },
        indicators: [{ level1: 'A', level2: 'A1', level3: 'A101', weight: 100_000, score: 90_000, explanation: '', benchmark: '', criteria: '', source: '', result: '' }],
      }),
  };

  it('has a case for every rule, and the unbroken form is clean apart from SE-FUNDS-T03', () => {
    expect(EVALUATION_RULES.map((r) => r.id).sort()).toEqual(Object.keys(cases).sort());
    const set = emptyEvaluationSet();
    set.forms = [base()];
    const report = emptyReport(2024);
    const tables = deriveTables(department, report, getCatalogue(report.edition));
    expect(runChecks({ department, report, tables, evaluation: set }, EVALUATION_RULES).map((f) => f.ruleId)).toEqual(['SE-FUNDS-T03']);
  });

  it.each(Object.entries(cases))('%s fires on its break', (id, breakIt) => {
    const set = emptyEvaluationSet();
    set.forms = [base()];
    breakIt(set);
    const report = emptyReport(2024);
    const tables = deriveTables(department, report, getCatalogue(report.edition));
    const narrative = [{ id: 'n10', title: '十、其他重要事项情况说明', paragraphs: [{ style: 'body' as const, runs: [{ kind: 'text' as const, text: '2024年二级项目绩效自评个数2个，涉及资金10万元：2个项目自评等级为“优”。' }] }] }];
    const findings = runChecks({ department, report, tables, evaluation: set, narrative }, EVALUATION_RULES);
    expect(findings.map((f) => f.ruleId)).toContain(id);
  });
});

describe('the evaluation section of the interchange document', () => {
  const base = { format: 'disclosure-report', formatVersion: 1, department: { name: '阳泉市商务局', unitKind: '行政单位' }, year: 2024 };

  it('parses the example in docs/interchange-format.md 3.15', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseInterchangeText } = await import('../../shared/domain/interchange');
    const markdown = readFileSync(new URL('../../docs/interchange-format.md', import.meta.url), 'utf8');
    const block = /### 3\.15[\s\S]*?```json\n([\s\S]*?)\n```/u.exec(markdown)?.[1];
    const parsed = parseInterchangeText(`{${JSON.stringify(base).slice(1, -1)}, ${block}}`);
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
    const set = parsed.value.evaluation!;
    const f = deriveForm(set.forms[0]!, set.settings);
    expect([set.settings.layout, f.rateText, f.totalText, f.grade, set.forms[0]!.printed.total]).toEqual(['阳泉', '72.84%', '97.28', '优', '97.3']);
  });

  it('rejects a bad section as a whole, naming every path', async () => {
    const { parseInterchange } = await import('../../shared/domain/interchange');
    const result = parseInterchange({ ...base, evaluation: { settings: { layout: '太原' }, forms: [{ id: 'f1', name: '甲', funds: { city: { spent: 'abc' } } }, { id: 'f1', name: '乙' }] } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { path: '$.evaluation.settings.layout', message: '应为晋城、阳泉之一，收到文字“太原”' },
        { path: '$.evaluation.forms[0].funds.city.spent', message: '“abc”不是有效的数字' },
        { path: '$.evaluation.forms[1].id', message: '编号“f1”重复出现' },
      ]);
    }
  });
});
