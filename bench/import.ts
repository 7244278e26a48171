/**
 * 导入Excel表格: a workbook of the ten tables (as the app exports them) imported into a new file —
 * read the .xlsx, find and read the tables, build the year, audit every printed total and
 * reconcile the rounding, then write it in one transaction. For seed 000 and the 20× department.
 * Target (issue 9): a 20× workbook ≤ 1 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDisclosureFile, openDisclosureFile } from '../electron/backend/db';
import { renderXlsx } from '../electron/backend/export/xlsx';
import { applyTablesImport, planTablesImport, readTableSheets } from '../electron/backend/services/tablesImport';
import { getCatalogue } from '../shared/domain/catalogue';
import type { ReportPackage } from '../shared/domain/interchange';
import { deriveTables } from '../shared/domain/tables';
import { syntheticReport } from '../test/harness/synthetic';
import { loadFixture } from './derive';
import { type BenchGroup, type BenchRow, collectGarbage, measure, row } from './util';

export const IMPORT_BIG_TARGET_MS = 1000;

async function workbookOf(pkg: ReportPackage): Promise<Buffer> {
  return renderXlsx(deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition, pkg.customCodes)));
}

/** One import as `disclosure import-tables` does it into a new file; returns what it found, for the note. */
function importer(bytes: Buffer, year: number, dir: string): () => Promise<{ differences: number; rounding: number; moved: number }> {
  let n = 0;
  return async () => {
    const target = path.join(dir, `import-${n++}.jsgk`);
    const sheets = await readTableSheets(bytes, 'bench.xlsx');
    const file = openDisclosureFile(target, { create: true });
    try {
      const plan = planTablesImport(file, year, sheets, 'bench.xlsx');
      applyTablesImport(file, plan);
      return { differences: plan.preview.differences.length, rounding: plan.preview.roundingCount, moved: plan.preview.adjustedLeaves };
    } finally {
      closeDisclosureFile(file);
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    }
  };
}

export const importBench: BenchGroup = {
  name: 'import',
  title: '导入Excel表格 (import the ten tables from .xlsx)',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-bench-import-'));
    try {
      const seed = loadFixture('jincheng-2023.json');
      const big = syntheticReport(20, 2023);
      const seedBytes = await workbookOf(seed);
      const bigBytes = await workbookOf(big);
      const seedImport = importer(seedBytes, seed.report.year, dir);
      const bigImport = importer(bigBytes, big.report.year, dir);
      collectGarbage();
      const seedFound = await seedImport();
      const bigFound = await bigImport();
      const note = (bytes: Buffer, items: number, found: Awaited<ReturnType<typeof seedImport>>) =>
        `${items} 项，${(bytes.length / 1024).toFixed(0)} KB；合计数不一致 ${found.differences}，尾数 ${found.rounding}，调整明细 ${found.moved}`;
      return [
        row(
          '导入工作簿到新文件：种子000 (import workbook into a new file: seed 000)',
          await measure(seedImport, { warmup: 2, maxRuns: 30, budgetMs: 8000, minRuns: 5 }),
          { note: note(seedBytes, seed.report.items.length, seedFound) },
        ),
        row(
          '导入工作簿到新文件：合成部门 20× (import workbook into a new file: synthetic 20×)',
          await measure(bigImport, { warmup: 1, maxRuns: 12, budgetMs: 20_000, minRuns: 5, beforeEach: collectGarbage }),
          { targetMs: IMPORT_BIG_TARGET_MS, note: note(bigBytes, big.report.items.length, bigFound) },
        ),
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
