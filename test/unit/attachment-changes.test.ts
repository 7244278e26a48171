/**
 * 修改记录 of the 附件 (selfEvaluation/changes.ts): what a save of a 自评表 or 重点评价报告 changed,
 * record by record, and the Chinese words the log shows for it — on seed 000's first form
 * (2023年市级“爱心消费券”专项资金, 7 indicators) and its 重点评价报告 (30 sections, 26 indicators).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { targetLabel, valueText } from '../../shared/domain/changeLog';
import { parseInterchangeText } from '../../shared/domain/interchange';
import {
  attachmentNamer,
  type AttachmentRecord,
  emptyIndicator,
  type EvaluationSet,
  formRecords,
  type KeyEvaluationReport,
  keyReportRecords,
  type SelfEvaluationForm,
} from '../../shared/domain/selfEvaluation';

function seed000(): EvaluationSet {
  const parsed = parseInterchangeText(fs.readFileSync(new URL('../fixtures/jincheng-2023.json', import.meta.url), 'utf8'));
  if (!parsed.ok || !parsed.value.evaluation) throw new Error('jincheng-2023.json did not parse');
  return parsed.value.evaluation;
}

const set = seed000();
const form = set.forms[0]!;
const report = set.keyReports[0]!;
const name = attachmentNamer([], set);

/** Each record as the log's 内容：原值 → 新值. */
function words(records: readonly AttachmentRecord[], names = name): string[] {
  return records.map((r) => `${targetLabel(r.target, undefined, undefined, names)}：${valueText(r.target, r.before)} → ${valueText(r.target, r.after)}`);
}

const placed = <T>(value: T, position = 0) => ({ value, position });

describe('自评表 records', () => {
  it('is seed 000’s form as the test expects', () => {
    expect(form.name).toBe('2023年市级“爱心消费券”专项资金');
    expect(form.indicators.map((i) => i.level3)).toEqual(['发放人员数量', '应发尽发率', '爱心消费券发放时间', '发放标准', '拉动内需、刺激消费、繁荣市场', '巩固脱贫攻坚成果', '补助对象满意度']);
  });

  it('records one indicator score, one fund figure and one text, each from the old value to the new', () => {
    const indicators = form.indicators.map((ind, k) => (k === 5 ? { ...ind, score: 12_500 } : ind));
    const after: SelfEvaluationForm = {
      ...form,
      indicators,
      funds: { ...form.funds, city: { ...form.funds.city, spent: 300_000_000 } },
      analysis: { ...form.analysis, problems: '资金拨付进度偏慢' },
    };
    const records = formRecords('f1', placed(form), placed(after));
    expect(records).toEqual([
      { target: 'form/f1/funds.city.spent', before: 369_405_000, after: 300_000_000 },
      { target: 'form/f1/analysis.problems', before: form.analysis.problems, after: '资金拨付进度偏慢' },
      { target: 'form/f1/indicators.5.score', before: 15_000, after: 12_500 },
    ]);
    expect(words(records)).toEqual([
      '自评表“2023年市级“爱心消费券”专项资金”·市财政·全年执行数：369.405万元 → 300万元',
      `自评表“2023年市级“爱心消费券”专项资金”·项目管理中存在的主要问题及原因分析：“${form.analysis.problems}” → “资金拨付进度偏慢”`,
      '自评表“2023年市级“爱心消费券”专项资金”·绩效指标第6行·得分：15分 → 12.5分',
    ]);
  });

  it('records a row added, a row removed and rows reordered as such (not as every cell of the rows after)', () => {
    const added = [...form.indicators.slice(0, 2), { ...emptyIndicator('产出指标', '数量指标'), level3: '发放批次', weight: 5_000 }, ...form.indicators.slice(2)];
    expect(words(formRecords('f1', placed(form), placed({ ...form, indicators: added })))).toEqual([
      '自评表“2023年市级“爱心消费券”专项资金”·绩效指标第3行：（空） → “产出指标/数量指标/发放批次”（分值5分，得分（未评分））',
    ]);
    const removed = form.indicators.filter((_, k) => k !== 1);
    expect(words(formRecords('f1', placed(form), placed({ ...form, indicators: removed })))).toEqual([
      '自评表“2023年市级“爱心消费券”专项资金”·绩效指标第2行：“产出指标/质量指标/应发尽发率”（分值10分，得分10分） → （空）',
    ]);
    const swapped = [form.indicators[1]!, form.indicators[0]!, ...form.indicators.slice(2)];
    const records = formRecords('f1', placed(form), placed({ ...form, indicators: swapped }));
    expect(records).toHaveLength(1);
    expect(words(records)).toEqual(['自评表“2023年市级“爱心消费券”专项资金”·绩效指标顺序：1.发放人员数量；2.应发尽发率 → 1.应发尽发率；2.发放人员数量']);
  });

  it('records a pasted block over the last rows and beyond: the changed cells, then the new rows', () => {
    const pasted = [
      ...form.indicators.slice(0, 6),
      { ...form.indicators[6]!, actual: '98%' },
      { ...emptyIndicator('满意度指标', '服务对象满意度'), level3: '商户满意度', target: '≥90%', actual: '95%', weight: 5_000, score: 5_000 },
    ];
    expect(formRecords('f1', placed(form), placed({ ...form, indicators: pasted }))).toEqual([
      { target: 'form/f1/indicators.6.actual', before: '≥100%', after: '98%' },
      {
        target: 'form/f1/indicators.7',
        before: null,
        after: { level1: '满意度指标', level2: '服务对象满意度', level3: '商户满意度', targetInitial: '', target: '≥90%', actual: '95%', weight: 5_000, score: 5_000, deviation: '' },
      },
    ]);
  });

  it('records adding, deleting and moving a form by its name and place', () => {
    expect(words(formRecords('f1', null, placed(form, 3)))).toEqual(['自评表“2023年市级“爱心消费券”专项资金”：（空） → “2023年市级“爱心消费券”专项资金”']);
    expect(words(formRecords('f1', placed(form, 3), null))).toEqual(['自评表“2023年市级“爱心消费券”专项资金”：“2023年市级“爱心消费券”专项资金” → （空）']);
    expect(words(formRecords('f1', placed(form, 3), placed(form, 2)))).toEqual(['自评表“2023年市级“爱心消费券”专项资金”·排列顺序：第4张 → 第3张']);
    expect(formRecords('f1', placed(form, 3), placed(structuredClone(form), 3))).toEqual([]);
  });

  it('names a deleted form by the name the log recorded, and an unknown one by its id', () => {
    const log = [
      { target: 'form/f99', before: null, after: '旧项目' },
      { target: 'form/f99/name', before: '旧项目', after: '改名后的项目' },
      { target: 'form/f99', before: '改名后的项目', after: null },
    ];
    const names = attachmentNamer(log, set);
    expect(targetLabel('form/f99/manager', undefined, undefined, names)).toBe('自评表“改名后的项目”·项目负责人');
    expect(targetLabel('form/f77/groupScores.output', undefined, undefined, names)).toBe('自评表（编号f77）·产出指标自评得分');
  });
});

describe('重点评价报告 records', () => {
  it('is seed 000’s report as the test expects', () => {
    expect(report.title).toBe('2023年度支持开发区建设发展专项资金项目重点评价报告');
    expect(report.sections).toHaveLength(30);
    expect(report.indicators).toHaveLength(26);
  });

  it('records a section’s text, a heading, a score and the title', () => {
    const sections = report.sections.map((s, k) => (k === 2 ? { ...s, text: `${s.text}（已补充）` } : k === 1 ? { ...s, heading: '（一）政策概况及背景' } : s));
    const indicators = report.indicators.map((ind, k) => (k === 0 ? { ...ind, score: 1_500 } : ind));
    const after: KeyEvaluationReport = { ...report, title: '2023年度开发区专项资金重点评价报告', sections, indicators };
    const records = keyReportRecords('k1', placed(report), placed(after));
    expect(records.map((r) => r.target)).toEqual(['keyReport/k1/title', 'keyReport/k1/sections.1.heading', 'keyReport/k1/sections.2.text', 'keyReport/k1/indicators.0.score']);
    // The new title names the report (the set now holds it).
    const names = attachmentNamer(records, { ...set, keyReports: [after] });
    const shown = words(records, names);
    expect(shown[0]).toBe('重点评价报告“2023年度开发区专项资金重点评价报告”·报告标题：“2023年度支持开发区建设发展专项资金项目重点评价报告” → “2023年度开发区专项资金重点评价报告”');
    expect(shown[1]).toBe('重点评价报告“2023年度开发区专项资金重点评价报告”·第2节·标题：“（一）政策概况” → “（一）政策概况及背景”');
    expect(shown[2]).toMatch(/^重点评价报告“.*”·第3节·正文：“为进一步推动开发区体制机制改革创新.*…” → “为进一步推动/u);
    expect(shown[3]).toBe('重点评价报告“2023年度开发区专项资金重点评价报告”·评分表第1行·得分：2分 → 1.5分');
  });

  it('records a section added and sections moved', () => {
    const added = [...report.sections, { heading: '七、其他需要说明的问题', level: 1 as const, text: '无。' }];
    expect(words(keyReportRecords('k1', placed(report), placed({ ...report, sections: added })))).toEqual([
      '重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·第31节：（空） → “七、其他需要说明的问题”（2字）',
    ]);
    const moved = [...report.sections];
    moved.splice(28, 2, report.sections[29]!, report.sections[28]!);
    const records = keyReportRecords('k1', placed(report), placed({ ...report, sections: moved }));
    expect(records.map((r) => r.target)).toEqual(['keyReport/k1/sections']);
    expect(words(records)).toEqual(['重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·章节顺序：29.（二）存在的问题；30.(三) 相关建议 → 29.(三) 相关建议；30.（二）存在的问题']);
  });

  it('shows money, levels and the printed figures in words', () => {
    expect(valueText('keyReport/k1/funds', 1_150_000_000)).toBe('1150万元');
    expect(valueText('keyReport/k1/sections.3.level', 2)).toBe('二级标题（（一））');
    expect(valueText('keyReport/k1/printed', { total: '100', grade: '优' })).toBe('总分 100，等级 优');
    expect(valueText('form/f1/printed', {})).toBe('（无）');
    expect(targetLabel('keyReport/k1/indicators.25.result', undefined, undefined, name)).toBe('重点评价报告“2023年度支持开发区建设发展专项资金项目重点评价报告”·评分表第26行·完成情况');
  });
});
