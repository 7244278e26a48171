/**
 * Exporting the package: Word (.docx) and Excel (.xlsx) rendered to buffers from the same
 * derived model, for seed 000 (with its 24 自评表 and 重点评价报告) and the 20× synthetic department.
 * Targets: both files for the seed ≤ 1 s together, 20× ≤ 5 s, peak memory ≤ 300 MB (the group's
 * own process, bench/index.ts). Each call starts on a collected heap, as one click on 导出 does,
 * so the peak is one export's and not the garbage of the calls before it.
 */
import { xlsxEvaluation } from '../electron/backend/app/exportRender';
import { renderDocx } from '../electron/backend/export/docx';
import { renderXlsx } from '../electron/backend/export/xlsx';
import { getCatalogue } from '../shared/domain/catalogue';
import type { ReportPackage } from '../shared/domain/interchange';
import { buildPackage, priorFromTyped } from '../shared/domain/narrative';
import type { PackageModel } from '../shared/domain/package';
import { deriveTables } from '../shared/domain/tables';
import { syntheticReport } from '../test/harness/synthetic';
import { loadFixture } from './derive';
import { type BenchGroup, type BenchRow, collectGarbage, measure, row } from './util';

export const EXPORT_SEED_TARGET_MS = 1000;
export const EXPORT_BIG_TARGET_MS = 5000;

function packageOf(pkg: ReportPackage): PackageModel {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  const tables = deriveTables(pkg.department, pkg.report, catalogue);
  return buildPackage({ ...pkg, catalogue, tables, prior: priorFromTyped(pkg.report), ...(pkg.evaluation ? { evaluation: pkg.evaluation } : {}) }).model;
}

/** Derive, draft and render both files: what one click on 导出 costs (Word, then Excel, as the app renders them). */
function exporter(pkg: ReportPackage): () => Promise<number> {
  return async () => {
    const model = packageOf(pkg);
    const docx = await renderDocx(model);
    const xlsx = await renderXlsx(model.tables, xlsxEvaluation(model));
    return docx.length + xlsx.length;
  };
}

export const exportBench: BenchGroup = {
  name: 'export',
  title: '导出 Word 与 Excel (export .docx and .xlsx)',
  async run(): Promise<BenchRow[]> {
    const seed = loadFixture('jincheng-2023.json');
    const big = syntheticReport(20, 2023);
    collectGarbage();
    const seedSize = await exporter(seed)();
    collectGarbage();
    const bigSize = await exporter(big)();
    return [
      row(
        '导出两个文件：种子000 (export both: seed 000)',
        await measure(exporter(seed), { warmup: 2, maxRuns: 20, budgetMs: 20_000, minRuns: 5, beforeEach: collectGarbage }),
        { targetMs: EXPORT_SEED_TARGET_MS, note: `${(seedSize / 1024).toFixed(0)} KB` },
      ),
      row(
        '导出两个文件：合成部门 20× (export both: synthetic 20×)',
        await measure(exporter(big), { warmup: 1, maxRuns: 5, budgetMs: 60_000, minRuns: 3, beforeEach: collectGarbage }),
        { targetMs: EXPORT_BIG_TARGET_MS, note: `${big.report.items.length} 项，${(bigSize / 1024).toFixed(0)} KB` },
      ),
    ];
  },
};
