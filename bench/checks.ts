/**
 * 勾稽审核: a full run of every rule (runChecks) after an edit, on tables already derived.
 * Target: ≤ 20 ms for the 20× synthetic department.
 */
import { getCatalogue } from '../shared/domain/catalogue';
import { runChecks } from '../shared/domain/checks';
import { composeNarrative, priorFromTyped } from '../shared/domain/narrative';
import { deriveYearTables } from '../shared/domain/tables';
import { getTemplate } from '../shared/domain/templates';
import { syntheticReport } from '../test/harness/synthetic';
import { inTemplate, loadFixture } from './derive';
import { type BenchGroup, type BenchRow, measure, row } from './util';

export const CHECKS_TARGET_MS = 20;

function checker(pkg: ReturnType<typeof syntheticReport>): () => unknown {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  const tables = deriveYearTables(pkg.department, pkg.report, catalogue);
  return () => runChecks({ department: pkg.department, report: pkg.report, tables });
}

/** The semantic figures of freshly derived tables (built once per derivation, then cached): the template's own reader, uncached. */
function figureReader(pkg: ReturnType<typeof syntheticReport>): () => unknown {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  const tables = deriveYearTables(pkg.department, pkg.report, catalogue);
  const template = getTemplate(pkg.report.settings.template);
  return () => template.figures(tables);
}

function narrator(pkg: ReturnType<typeof syntheticReport>): () => unknown {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  const tables = deriveYearTables(pkg.department, pkg.report, catalogue);
  return () => composeNarrative({ ...pkg, catalogue, tables, prior: priorFromTyped(pkg.report) });
}

export const checksBench: BenchGroup = {
  name: 'checks',
  title: '勾稽审核与情况说明 (checks and narrative)',
  async run(): Promise<BenchRow[]> {
    const seed = loadFixture('jincheng-2023.json');
    const big = syntheticReport(20, 2023);
    return [
      row('审核全部规则：种子000 (checks: seed 000)', await measure(checker(seed), { warmup: 100, maxRuns: 2000, budgetMs: 3000, minRuns: 100 })),
      row('审核全部规则：合成部门 20× (checks: synthetic 20×)', await measure(checker(big), { warmup: 20, maxRuns: 300, budgetMs: 6000, minRuns: 30 }), {
        targetMs: CHECKS_TARGET_MS,
        note: `${big.report.items.length} 项`,
      }),
      row('审核全部规则（上海模板）：合成部门 20× (checks, 上海: synthetic 20×)', await measure(checker(inTemplate(big, '上海')), { warmup: 20, maxRuns: 300, budgetMs: 6000, minRuns: 30 }), {
        targetMs: CHECKS_TARGET_MS,
        note: `${big.report.items.length} 项`,
      }),
      row('语义数字：合成部门 20× (semantic figures: synthetic 20×)', await measure(figureReader(big), { warmup: 20, maxRuns: 300, budgetMs: 3000, minRuns: 30 })),
      row('起草情况说明：合成部门 20× (narrative: synthetic 20×)', await measure(narrator(big), { warmup: 20, maxRuns: 300, budgetMs: 4000, minRuns: 30 })),
    ];
  },
};
