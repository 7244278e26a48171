/**
 * The seeds' 第五部分 附件: every figure printed on every form (funds, 执行率, 预算执行得分, every
 * 分值 and 得分, 一级 自评得分, 总分, 等级) against what the app derives from the fixture, which
 * test/fixtures/tools/build-fixture.ts keys from the seed text. Where a seed contradicts itself the
 * form is named here, with the check that fires on it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { type Finding, runChecks } from '../../shared/domain/checks';
import { parseInterchangeText, type ReportPackage } from '../../shared/domain/interchange';
import { decimalToFen, fenToWanText, formatWanSentence } from '../../shared/domain/money';
import { buildPackage, priorFromTyped } from '../../shared/domain/narrative';
import {
  agreesAtPrintedPrecision,
  deriveForm,
  deriveKeyReport,
  type EvaluationSet,
  formatPoints,
  level1Kind,
  summarise,
} from '../../shared/domain/selfEvaluation';
import { deriveTables } from '../../shared/domain/tables';
import { readSeedAttachments, type SeedAttachments } from '../harness/seedForms';
import { SEED_000, SEED_002 } from '../harness/seedTables';

function fixture(name: string): ReportPackage & { evaluation: EvaluationSet } {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok || !parsed.value.evaluation) throw new Error(`${name} has no 附件`);
  return { ...parsed.value, evaluation: parsed.value.evaluation };
}

const SEEDS = {
  '000': { fixture: 'jincheng-2023.json', path: SEED_000, year: 2023, forms: 24 },
  '002': { fixture: 'yangquan-2024.json', path: SEED_002, year: 2024, forms: 11 },
} as const;

/** Where a seed's printed figure disagrees with its own cells: the form, the figure, the rule. */
const CONTRADICTIONS: { seed: keyof typeof SEEDS; form: string; figure: string; printed: string; derived: string; rule: string }[] = [
  // 分值 add up to 95 (效益 25); the scores add up to 90, the form prints 95.
  { seed: '000', form: '出口信用保险', figure: '总分', printed: '95', derived: '90', rule: 'SE-TOTAL-PRINTED' },
  // 出版书籍数量 (分值 10) has no 得分; the scored rows give 80, the form prints 85.
  { seed: '000', form: '品鉴晋城美食晋享晋城味道', figure: '总分', printed: '85', derived: '80', rule: 'SE-TOTAL-PRINTED' },
  // 预算执行率 58.37% is 5.837 points; the form counts 预算执行 as 5 (or 10 × 50%).
  { seed: '002', form: '2024年内外贸发展-展会及会议经费', figure: '总分', printed: '95', derived: '95.84', rule: 'SE-TOTAL-PRINTED' },
  // 99.99% is 9.999 points: 100.00, the form prints 99.
  { seed: '002', form: '2024年办公设备更新经费', figure: '总分', printed: '99', derived: '100', rule: 'SE-TOTAL-PRINTED' },
];

function findingsOf(pkg: ReturnType<typeof fixture>): Finding[] {
  const { department, report, customCodes, evaluation } = pkg;
  const catalogue = getCatalogue(report.edition, customCodes);
  const tables = deriveTables(department, report, catalogue);
  const { model } = buildPackage({ department, report, catalogue, tables, prior: priorFromTyped(report), evaluation });
  return runChecks({ department, report, tables, narrative: model.narrative, evaluation });
}

describe.each(Object.entries(SEEDS))('seed %s: 项目支出绩效自评表', (seed, spec) => {
  const pkg = fixture(spec.fixture);
  const set = pkg.evaluation;
  const seedForms: SeedAttachments = readSeedAttachments(spec.path, spec.year);
  const contradictions = CONTRADICTIONS.filter((c) => c.seed === seed);

  it(`holds all ${spec.forms} forms of the seed, in the seed's order`, () => {
    expect(set.forms.map((f) => f.name)).toEqual(seedForms.forms.map((f) => f.printed.name));
    expect(set.forms).toHaveLength(spec.forms);
    expect(set.settings.layout).toBe(seed === '000' ? '晋城' : '阳泉');
  });

  it('prints every fund figure, 执行率, 预算执行得分, 分值 and 得分 as derived', () => {
    const mismatches: string[] = [];
    set.forms.forEach((form, k) => {
      const printed = seedForms.forms[k]!.printed;
      const d = deriveForm(form, set.settings);
      // Forms print 万元 as typed (369.405, 898.264966): compared exactly, in 分.
      const same = (what: string, text: string | undefined, fen: number) => {
        if (text === undefined || text === '') return;
        if (decimalToFen(text.replace(/,/gu, ''), '万元') !== fen) mismatches.push(`${form.name} ${what}: printed ${text}, derived ${fenToWanText(fen)}`);
      };
      for (const line of [printed.funds, printed.fundsTotal ?? {}]) {
        same('目标申报数', line.declared, d.funds.declared);
        same('预算编制数', line.initial, d.funds.initial);
        same('全年预算数', line.budget, d.funds.budget);
        same('全年执行数', line.spent, d.funds.spent);
        same('资金结(转)余', line.carryover, d.funds.carryover);
      }
      if (printed.rate && !agreesAtPrintedPrecision(printed.rate, d.rateBp ?? 0, 2)) mismatches.push(`${form.name} 执行率: printed ${printed.rate}, derived ${d.rateText}`);
      if (printed.budgetScore && !agreesAtPrintedPrecision(printed.budgetScore, d.budgetScore, 3)) {
        mismatches.push(`${form.name} 预算执行得分: printed ${printed.budgetScore}, derived ${formatPoints(d.budgetScore)}`);
      }
      printed.indicators.forEach((p, r) => {
        const ind = form.indicators[r]!;
        if (p.weight !== '' && Number(p.weight) * 1000 !== ind.weight) mismatches.push(`${form.name} 第${r + 1}行分值`);
        if (Number(p.score || 'NaN') * 1000 !== (ind.score ?? NaN) && !(p.score === '' && ind.score === null)) mismatches.push(`${form.name} 第${r + 1}行得分`);
      });
      for (const [kind, text] of Object.entries(printed.groupScores)) {
        const group = d.groups.find((g) => g.kind === kind);
        if (!group || !agreesAtPrintedPrecision(text.replace(/分$/u, ''), group.score ?? -1, 3)) mismatches.push(`${form.name} ${kind} 自评得分 ${text}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('prints every 总分 and 等级 as derived, except the forms that contradict themselves', () => {
    const differ: string[] = [];
    set.forms.forEach((form, k) => {
      const printed = seedForms.forms[k]!.printed;
      const d = deriveForm(form, set.settings);
      if (printed.total && !agreesAtPrintedPrecision(printed.total, d.total, 3)) differ.push(`${form.name}|总分|${printed.total}|${d.totalText}`);
      if (printed.grade && printed.grade !== d.grade) differ.push(`${form.name}|等级|${printed.grade}|${d.grade}`);
    });
    expect(differ).toEqual(contradictions.map((c) => `${c.form}|${c.figure}|${c.printed}|${c.derived}`));
  });

  it('fires the named check on each form that contradicts itself', () => {
    const findings = findingsOf(pkg);
    for (const c of contradictions) {
      const form = set.forms.find((f) => f.name === c.form)!;
      const hit = findings.find((f) => f.ruleId === c.rule && f.attachment?.id === form.id);
      expect(hit?.message, `${c.form} ${c.rule}`).toContain(`原表总分“${c.printed}”`);
      expect(hit?.message).toContain(`应为 ${c.derived}`);
    }
    // …and on no other form.
    const named = new Set(contradictions.map((c) => set.forms.find((f) => f.name === c.form)!.id));
    expect(findings.filter((f) => f.ruleId === 'SE-TOTAL-PRINTED' && !named.has(f.attachment?.id ?? '')).map((f) => f.message)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'SE-GRADE-PRINTED' || f.ruleId === 'SE-RATE-PRINTED' || f.ruleId === 'SE-SCORE-OVER')).toEqual([]);
  });

  it('groups every indicator under 产出, 效益 or 满意度', () => {
    for (const form of set.forms) for (const ind of form.indicators) expect(level1Kind(ind), `${form.name} ${ind.level3}`).not.toBeNull();
  });
});

describe('the seeds’ 十（四） against the forms', () => {
  it('seed 000: 24 个, 年初预算 4,217.39万元, 17 优 / 5 良 / 1 中 / 1 差', () => {
    const s = summarise(fixture('jincheng-2023.json').evaluation);
    expect([s.count, formatWanSentence(s.narrativeFunds), s.byGrade]).toEqual([24, '4,217.39', { 优: 17, 良: 5, 中: 1, 差: 1 }]);
  });

  it('seed 002: 11 个, 实际执行 966.89万元, 10 优 / 1 良', () => {
    const s = summarise(fixture('yangquan-2024.json').evaluation);
    expect([s.count, formatWanSentence(s.narrativeFunds), s.byGrade]).toEqual([11, '966.89', { 优: 10, 良: 1, 中: 0, 差: 0 }]);
  });

  it('names the cells seed 002 does not print and the fixture infers', () => {
    const notes = readSeedAttachments(SEED_002, 2024).forms.flatMap((f) => f.notes.map((n) => `${f.form.name}：${n}`));
    expect(notes).toEqual([
      '2024年内外贸发展-展会及会议经费：实际执行金额未印出：按执行率 58.37% × 实际到位 30万元 取 17.51万元',
      '2024年小微企业出口信用保险保费市级财政补助：实际执行金额未印出：按执行率 100% × 实际到位 20.22万元 取 20.22万元',
      '2024年小微企业出口信用保险保费市级财政补助：一级指标自评得分未印出（产出指标）：产出指标取总分90减预算执行10分及其他一级指标得分 = 40分',
      '2024年项目评审工作经费：一级指标自评得分未印出（产出指标、效益指标、满意度指标）：效益指标按满分30分，满意度指标按满分10分，产出指标取总分89减预算执行1.388分及其他一级指标得分 = 47.612分',
      '阳泉市开发区建设领导小组办公室工作经费：实际执行金额未印出：按执行率 68.67% × 实际到位 3万元 取 2.06万元',
      '法律顾问聘请费用：一级指标自评得分未印出（产出指标、效益指标、满意度指标）：效益指标按满分30分，满意度指标按满分10分，产出指标取总分100分减预算执行10分及其他一级指标得分 = 50分',
    ]);
    expect(readSeedAttachments(SEED_000, 2023).forms.flatMap((f) => f.notes)).toEqual([]);
  });

  it('seed 002 forms dated before the year’s end and without 存在问题 are found', () => {
    const pkg = fixture('yangquan-2024.json');
    const findings = findingsOf(pkg);
    const named = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => f.message);
    expect(named('SE-FILLED-ON')).toEqual([
      '自评表“2024年小微企业出口信用保险保费市级财政补助”：填报日期 2024-04-07 不晚于2024年12月31日',
      '自评表“2024年项目评审工作经费”：填报日期 2024-04-15 不晚于2024年12月31日',
    ]);
    expect(named('SE-REQUIRED')).toEqual([
      '自评表“阳泉市2024年家居惠民活动专项资金”：存在问题与整改措施未填写',
      '自评表“一刻钟便民生活圈试点建设方案编制经费”：存在问题与整改措施未填写',
    ]);
  });
});

describe('seed 000: 重点评价报告', () => {
  const set = fixture('jincheng-2023.json').evaluation;
  const report = set.keyReports[0]!;

  it('keys the report, its sections and its 评价指标评分表 (4 一级, 12 二级, 26 三级, 100 分)', () => {
    expect(set.keyReports).toHaveLength(1);
    expect(report.title).toBe('2023年度支持开发区建设发展专项资金项目重点评价报告');
    expect([report.projectName, formatWanSentence(report.funds)]).toEqual(['开发区考核奖励和基础设施建设', '1,150.00']);
    expect(report.sections.filter((s) => s.level === 1).map((s) => s.heading)).toEqual([
      '一、项目基本情况',
      '二、绩效评价工作开展情况',
      '三、综合评价情况及评价结论',
      '四、绩效评价指标分析情况',
      '五、绩效自评复核情况',
      '六、主要经验、存在问题及建议',
    ]);
    const d = deriveKeyReport(report, set.settings);
    expect(d.level1.map((g) => [g.label, formatPoints(g.weight), formatPoints(g.score), g.level2.length])).toEqual([
      ['A 政策制定', '20', '20', 3],
      ['B 政策实施', '30', '30', 2],
      ['C 政策效果', '40', '40', 3],
      ['D 政策可持续性', '10', '10', 4],
    ]);
    expect(report.indicators).toHaveLength(26);
    expect([d.totalText, d.grade, report.printed]).toEqual(['100', '优', { total: '100', grade: '优' }]);
  });
});
