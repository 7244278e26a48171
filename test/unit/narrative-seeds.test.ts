/**
 * The drafted 第三部分 情况说明 of both seeds equals the published text sentence by sentence,
 * except where the published text itself is wrong: there we print the corrected sentence,
 * and each such case is listed below with the reason (a difference running through a whole seed is
 * one rewrite of its sentences, listed with its reason).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { buildPackage, lintText, priorFromTyped } from '../../shared/domain/narrative';
import { deriveTables } from '../../shared/domain/tables';
import { seedNarrativeSections, sectionText, sentences } from '../harness/seedNarrative';
import { SEED_000, SEED_002 } from '../harness/seedTables';

interface Deliberate {
  seed: string;
  ours: string[];
  why: string;
}

const HALF_PAREN = '半角括号“(类)”在中文中应为全角“（类）”（文字检查 LINT-HALF-PAREN）';

/** Seed 000 (晋城市商务局 2023): sentences we deliberately print differently. */
const DELIBERATE_000: Deliberate[] = [
  {
    seed: '（二）一般公共预算财政拨款支出决算结构情况2023年度一般公共预算财政拨款支出2,384.38万元，主要用于以下方面：一般公共预算服务支出(类)1,914.07万元，占比80.28%；',
    ours: ['（二）一般公共预算财政拨款支出决算结构情况2023年度一般公共预算财政拨款支出2,384.38万元，主要用于以下方面：一般公共服务支出（类）1,914.07万元，占比80.28%；'],
    why: '类名写错（“一般公共预算服务支出”应为科目名称“一般公共服务支出”）；' + HALF_PAREN,
  },
  { seed: '社会保障和就业支出(类)239.70万元，占比10.05%；', ours: ['社会保障和就业支出（类）239.70万元，占比10.05%；'], why: HALF_PAREN },
  { seed: '卫生健康支出(类)53.92万元，占比2.26%；', ours: ['卫生健康支出（类）53.92万元，占比2.26%；'], why: HALF_PAREN },
  { seed: '商业服务业等支出(类)107.41万元，占比4.50%；', ours: ['商业服务业等支出（类）107.41万元，占比4.50%；'], why: HALF_PAREN },
  { seed: '住房保障支出(类)69.28万元，占比2.91%。', ours: ['住房保障支出（类）69.28万元，占比2.91%。'], why: HALF_PAREN },
  {
    seed: '(三)一般公共预算财政拨款支出决算具体情况2023年度一般公共预算财政拨款支出年初预算3,023.29万元，支出决算2,384.38万元，完成年初预算的78.87%。',
    ours: ['（三）一般公共预算财政拨款支出决算具体情况2023年度一般公共预算财政拨款支出年初预算3,023.29万元，支出决算2,384.38万元，完成年初预算的78.87%。'],
    why: '标题序号用了半角括号“(三)”，与（一）（二）不一致',
  },
  {
    seed: '其中：一般公共服务支出年初预算2636.14万元，支出决算1914.07万元，完成年初预算的72.61%，用于在职人员工资绩效津补贴发放和公用经费、项目类支出。',
    ours: ['其中：一般公共服务支出年初预算2,636.14万元，支出决算1,914.07万元，完成年初预算的72.61%，用于在职人员工资绩效津补贴发放和公用经费、项目类支出。'],
    why: '本段金额没有千分位，与全文其他金额格式不一致',
  },
  {
    seed: '较上年决算减少7660.67万元，下降80.01%，主要原因是2023年减少了消费券的资金，项目类资金减少；',
    ours: ['较上年决算减少7,660.67万元，下降80.01%，主要原因是2023年减少了消费券的资金，项目类资金减少。'],
    why: '金额没有千分位；各类说明在原文中以分号连成一段，我们每类一段、以句号结束',
  },
  {
    seed: '社会保障和就业支出年初预算262.87万元，支出决算239.7万元，完成年初预算的91.19%，用于退休人员绩效发放和养老工伤缴费。',
    ours: ['社会保障和就业支出年初预算262.87万元，支出决算239.70万元，完成年初预算的91.19%，用于退休人员绩效发放和养老工伤缴费。'],
    why: '“239.7”少了一位小数，与表05“239.70”不一致；金额一律保留两位小数',
  },
  {
    seed: '较上年决算增加15.8万元，增长7.06%，主要原因是在职转退休，退休人员增加以及调整了社保基数；',
    ours: ['较上年决算增加15.80万元，增长7.06%，主要原因是在职转退休，退休人员增加以及调整了社保基数。'],
    why: '“15.8”少了一位小数；分号改为句号（每类一段）',
  },
  {
    seed: '较上年决算增加9.74万元，增长22.05%，主要原因是调整了社保基数；',
    ours: ['较上年决算增加9.74万元，增长22.05%，主要原因是调整了社保基数。'],
    why: '分号改为句号（每类一段）',
  },
  {
    seed: '商业服务业等支出年初预算0万元，年中下达107.41万元，支出决算107.41万元，完成年初预算的100%，用于夜经济和总仓项目支出。',
    ours: ['商业服务业等支出年初预算为0万元，全年预算107.41万元，支出决算107.41万元，完成全年预算的100.00%，用于夜经济和总仓项目支出。'],
    why: '年初预算为0时不能“完成年初预算的100%”：改用全年预算的完成率，百分比保留两位小数',
  },
  {
    seed: '较上年决算减少4352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少；',
    ours: ['较上年决算减少4,352.59万元，下降97.59%，主要原因是2023年减少了消费券的资金，项目类资金减少。'],
    why: '金额没有千分位；分号改为句号（每类一段）',
  },
  {
    seed: '较上年决算增加2.8万元，增长4.21%，主要原因是重新核定了公积金缴费基数',
    ours: ['较上年决算增加2.80万元，增长4.21%，主要原因是重新核定了公积金缴费基数。'],
    why: '“2.8”少了一位小数；原文句末缺句号',
  },
  {
    seed:
      '(一)“三公”经费财政拨款支出决算总体情况说明2023年度“三公”经费财政拨款支出全年预算0.39万元，支出决算0.39万元，完成全年预算的100.00%，比上年度减少2.98万元，下降88.43%，主要原因是：2022年单位公务用车进行了大修其中：因公出国（境）费支出0万元，完成全年预算的0%，与上年相同，主要原因是：本单位无因公出国（境）支出；',
    ours: [
      '（一）“三公”经费财政拨款支出决算总体情况说明2023年度“三公”经费财政拨款支出全年预算0.39万元，支出决算0.39万元，完成全年预算的100.00%，比上年度减少2.98万元，下降88.43%，主要原因是：2022年单位公务用车进行了大修。',
      '其中：因公出国（境）费支出0万元，与上年相同，主要原因是：本单位无因公出国（境）支出；',
    ],
    why: '标题半角括号；“大修其中：”缺句号；全年预算为0时不计算完成率（原文“完成全年预算的0%”从零基数计算）',
  },
  {
    seed: '公务用车购置费支出0万元，完成全年预算的0%，与上年相同，主要原因是：本单位无公务用车购置费支出；',
    ours: ['公务用车购置费支出0万元，与上年相同，主要原因是：本单位无公务用车购置费支出；'],
    why: '全年预算为0时不计算完成率',
  },
  {
    seed:
      '可持续性指标权重为10分，得分为10分，总分100分，2023年度支持开发区建设发展专项资金若干政策的实施，严格按照制定规划执行项目，确保奖补资金落到实处和管理使用高效，推动了开发区基础设施建设，有效带动社会资金投入，促进了当地经济发展，绩效评价结果为“优”2、其他需要说明的事项本单位无其他需要说明的事项',
    ours: [
      '可持续性指标权重为10分，得分为10分，总分100分，2023年度支持开发区建设发展专项资金若干政策的实施，严格按照制定规划执行项目，确保奖补资金落到实处和管理使用高效，推动了开发区基础设施建设，有效带动社会资金投入，促进了当地经济发展，绩效评价结果为“优”。',
      '2、其他需要说明的事项本单位无其他需要说明的事项。',
    ],
    why: '原文两段末尾都缺句号',
  },
  // 十（四） is drafted from the 24 自评表 and the 重点评价报告 (shared/domain/narrative/performance.ts).
  {
    seed: '（四）预算绩效情况说明1、预算绩效管理工作开展情况根据预算绩效管理要求，一是组织对2023年初预算安排的所有项目资金全面开展了绩效自评，涉及二级项目24个，资金4217.39万元，其中一般公共预算项目支出4217.39万元、政府性基金预算项目支出0万元、国有资金经营预算项目支出0万元、社会保险基金预算项目支出0万元。',
    ours: ['（四）预算绩效情况说明1、预算绩效管理工作开展情况根据预算绩效管理要求，一是组织对2023年初预算安排的所有项目资金全面开展了绩效自评，涉及二级项目24个，资金4,217.39万元，其中一般公共预算项目支出4,217.39万元、政府性基金预算项目支出0万元、国有资金经营预算项目支出0万元、社会保险基金预算项目支出0万元。'],
    why: '本段金额没有千分位，与全文其他金额格式不一致（数字由24张自评表的年初预算合计得出）',
  },
  {
    seed: '二是组织对“开发区考核奖励和基础设施建设”1个项目开展了部门评价（以部门为主体开展的重点绩效评价），涉及资金1150万元，其中一般公共预算支出1150万元、政府性基金预算支出0万元、国有资金经营预算支出0万元、社会保险基金预算支出0万元。',
    ours: ['二是组织对“开发区考核奖励和基础设施建设”1个项目开展了部门评价（以部门为主体开展的重点绩效评价），涉及资金1,150.00万元，其中一般公共预算支出1,150.00万元、政府性基金预算支出0万元、国有资金经营预算支出0万元、社会保险基金预算支出0万元。'],
    why: '金额没有千分位、没有两位小数，与全文其他金额格式不一致（数字取自重点评价报告）',
  },
];

/**
 * A difference that runs through a whole seed, applied to each of its published sentences that
 * has no correction of its own (a sentence with one lists what we print in full).
 */
interface DeliberateRewrite {
  apply: (seedSentence: string) => string;
  why: string;
}

/** `12,367.43` → `12367.43`. */
const ungroup = (s: string) => s.replace(/(\d),(?=\d{3}(?!\d))/gu, '$1');

const GROUPING_002 = '原文表格金额不加千分位（4662.90），情况说明却加（4,662.90），同一份文件两种写法；金额格式是全文件一个设置（issue 12 第2点），本报表设为“不加千分位”，表格和情况说明都印 4662.90';

/** Seed 002 (阳泉市商务局 2024). */
const DELIBERATE_002: Deliberate[] = [
  {
    seed: '（二）一般公共预算财政拨款支出决算结构情况2024年度一般公共预算财政拨款支出4,662.90万元，主要用于以下方面：一般公共服务支出(类)418.98万元，占比8.99%；',
    ours: ['（二）一般公共预算财政拨款支出决算结构情况2024年度一般公共预算财政拨款支出4662.90万元，主要用于以下方面：一般公共服务支出（类）418.98万元，占比8.99%；'],
    why: `${HALF_PAREN}；${GROUPING_002}`,
  },
  { seed: '社会保障和就业支出(类)254.04万元，占比5.45%；', ours: ['社会保障和就业支出（类）254.04万元，占比5.45%；'], why: HALF_PAREN },
  { seed: '卫生健康支出(类)18.64万元，占比0.40%；', ours: ['卫生健康支出（类）18.64万元，占比0.40%；'], why: HALF_PAREN },
  { seed: '商业服务业等支出(类)3,932.80万元，占比84.34%；', ours: ['商业服务业等支出（类）3932.80万元，占比84.34%；'], why: `${HALF_PAREN}；${GROUPING_002}` },
  { seed: '住房保障支出(类)38.44万元，占比0.82%。', ours: ['住房保障支出（类）38.44万元，占比0.82%。'], why: HALF_PAREN },
  {
    seed: '其中：一般公共服务支出年初预算348.07万元，支出决算418.98万元，完成年初预算的120.37%，用于用于人员支出和机关运行支出。',
    ours: ['其中：一般公共服务支出年初预算348.07万元，支出决算418.98万元，完成年初预算的120.37%，用于人员支出和机关运行支出。'],
    why: '“用于用于”词语重复（文字检查 LINT-DOUBLED-WORD）',
  },
];

const REWRITES_002: DeliberateRewrite[] = [{ apply: ungroup, why: GROUPING_002 }];

function draft(fixture: string) {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
  const { department, report, evaluation } = parsed.value;
  const tables = deriveTables(department, report);
  return buildPackage({ department, report, catalogue: getCatalogue(report.edition), tables, prior: priorFromTyped(report), evaluation });
}

describe.each([
  { name: '晋城市商务局 2023 (seed 000)', fixture: 'jincheng-2023.json', seed: SEED_000, deliberate: DELIBERATE_000, rewrites: [], year: 2023 },
  { name: '阳泉市商务局 2024 (seed 002)', fixture: 'yangquan-2024.json', seed: SEED_002, deliberate: DELIBERATE_002, rewrites: REWRITES_002, year: 2024 },
])('$name', ({ fixture, seed, deliberate, rewrites, year }) => {
  const { model, narrative } = draft(fixture);
  const published = seedNarrativeSections(seed);

  it('drafts the same ten sections', () => {
    expect(model.narrative.map((s) => s.title)).toEqual([...published.keys()]);
  });

  it('prints every published sentence, or its listed correction', () => {
    const corrections = new Map(deliberate.map((d) => [d.seed, d.ours]));
    const used = new Set<string>();
    const rewritten = new Set<DeliberateRewrite>();
    for (const section of model.narrative) {
      const expected = sentences(published.get(section.title) ?? '').flatMap((s) => {
        const fix = corrections.get(s);
        if (fix) {
          used.add(s);
          return fix;
        }
        return [
          rewrites.reduce((text: string, r: DeliberateRewrite) => {
            const out = r.apply(text);
            if (out !== text) rewritten.add(r);
            return out;
          }, s),
        ];
      });
      expect(sentences(sectionText(section)), section.title).toEqual(expected);
    }
    // Every listed correction and rewrite is still needed (the seed really says that).
    expect([...corrections.keys()].filter((s) => !used.has(s))).toEqual([]);
    expect(rewrites.filter((r) => !rewritten.has(r)).map((r) => r.why)).toEqual([]);
  });

  it('every correction is one our lint would flag in the published sentence, or a figure rule', () => {
    for (const d of deliberate) {
      if (!d.why.includes('LINT-')) continue;
      const rule = /LINT-[A-Z-]+/.exec(d.why)?.[0];
      expect(lintText(d.seed, 'seed', { year, departmentName: model.department.name }).map((f) => f.rule), d.seed).toContain(rule);
    }
  });

  it('leaves nothing unfilled and finds nothing to lint in our draft', () => {
    expect(narrative.missing).toEqual([]);
    expect(narrative.lint).toEqual([]);
  });
});
