/** 十（四） 预算绩效情况 drafted from the 自评表 (shared/domain/narrative/performance.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { runChecks } from '../../shared/domain/checks';
import { parseInterchangeText, type ReportPackage } from '../../shared/domain/interchange';
import { buildPackage, paragraphPlainText, priorFromTyped } from '../../shared/domain/narrative';
import type { EvaluationSet } from '../../shared/domain/selfEvaluation';
import { deriveTables } from '../../shared/domain/tables';

function load(name: string): ReportPackage {
  const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
}

function performance(pkg: ReportPackage, set: EvaluationSet | null = pkg.evaluation ?? null) {
  const evaluation = set ?? undefined;
  const { department, report } = pkg;
  const catalogue = getCatalogue(report.edition);
  const tables = deriveTables(department, report, catalogue);
  const built = buildPackage({ department, report, catalogue, tables, prior: priorFromTyped(report), evaluation });
  const n10 = built.model.narrative.find((s) => s.id === 'n10')!;
  const at = n10.paragraphs.findIndex((p) => p.runs.some((r) => r.text.startsWith('1、预算绩效管理工作')));
  const findings = runChecks({ department, report, tables, narrative: built.model.narrative, evaluation }).filter((f) => f.ruleId === 'SE-NARRATIVE');
  return { text: paragraphPlainText(n10.paragraphs[at + 1]!), missing: built.narrative.missing, findings };
}

describe('十（四） from the forms', () => {
  it('seed 002: 11 个, 966.89万元, 10 优 / 1 良, as published', () => {
    expect(performance(load('yangquan-2024.json')).text).toBe('2024年二级项目绩效自评个数11个，涉及资金966.89万元：10个项目自评等级为“优”，1个项目自评等级为“良”。');
  });

  it('seed 000: the 2023 pattern with the 重点评价报告', () => {
    const { text, missing, findings } = performance(load('jincheng-2023.json'));
    expect(text).toContain('涉及二级项目24个，资金4,217.39万元，其中一般公共预算项目支出4,217.39万元、');
    expect(text).toContain('自评结果为：17个项目自评等级为“优”，5个项目自评等级为“良”，1个项目自评等级为“中”，1个项目自评等级为“差”。');
    expect(text).toContain('对于自评结果为“中”和“差”的项目，采取的改进管理措施为加强财政预判');
    expect(text).toContain('制定类指标权重为20分，得分为20分；实施类指标权重为30分，得分为30分；效果类指标权重为40分，得分为40分；可持续性指标权重为10分，得分为10分，总分100分，');
    expect(text.endsWith('促进了当地经济发展，绩效评价结果为“优”。')).toBe(true);
    expect([missing, findings]).toEqual([[], []]);
  });

  it('follows the forms: a form scored down moves from 优 to 良', () => {
    const pkg = load('yangquan-2024.json');
    const set = structuredClone(pkg.evaluation!);
    set.forms[0]!.groupScores = { ...set.forms[0]!.groupScores, output: 40_000 };
    expect(performance(pkg, set).text).toBe('2024年二级项目绩效自评个数11个，涉及资金966.89万元：9个项目自评等级为“优”，2个项目自评等级为“良”。');
  });

  it('asks for the 改进管理措施 when a form is 中 or 差', () => {
    const pkg = load('jincheng-2023.json');
    delete pkg.report.texts['n10.4.improve'];
    expect(performance(pkg).missing.map((m) => m.field)).toEqual(['n10.4.improve']);
  });

  it('keeps the typed counts for a file without forms', () => {
    const pkg = load('yangquan-2024.json');
    pkg.report.stats.counts.performanceProjects = 3;
    pkg.report.stats.counts.performanceExcellent = 3;
    pkg.report.stats.counts.performanceGood = 0;
    pkg.report.stats.performanceFunds = 1_000_000;
    expect(performance(pkg, null).text).toBe('2024年二级项目绩效自评个数3个，涉及资金1.00万元：3个项目自评等级为“优”。');
  });

  it('checks a typed 十（四） against the forms (SE-NARRATIVE)', () => {
    const pkg = load('yangquan-2024.json');
    pkg.report.texts['n10.4.1'] = '2024年二级项目绩效自评个数12个，涉及资金966.89万元：12个项目自评等级为“优”';
    expect(performance(pkg).findings.map((f) => f.message)).toEqual([
      '十（四）：自评项目个数写为12个，所附自评表11张',
      '十（四）：等级为“优”的写为12个，按自评表总分计算为10个',
      '十（四）：等级为“良”的写为0个，按自评表总分计算为1个',
    ]);
  });
});
