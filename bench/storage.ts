/**
 * The disclosure file (SQLite): opening a file that holds ten years and loading the latest one,
 * and importing one report (saveReport) into a fresh file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../electron/backend/db';
import { syntheticFile, syntheticReport } from '../test/harness/synthetic';
import { type BenchGroup, type BenchRow, keep, measure, row, sampleHeap, summarize } from './util';

/** Target for opening a ten-year file and loading its latest report (ms). */
export const OPEN_TARGET_MS = 200;

const SCALE = 20;
const TEN_YEARS = Array.from({ length: 10 }, (_, k) => 2016 + k);

function removeFile(filePath: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${filePath}${suffix}`, { force: true });
}

function openAndLoadLatest(filePath: string): unknown {
  const file = openDisclosureFile(filePath, { create: false });
  try {
    const repo = new DisclosureRepository(file.db);
    const years = repo.listYears();
    const latest = years[years.length - 1];
    if (latest === undefined) throw new Error('bench: the ten-year file has no report');
    return repo.loadReport(latest);
  } finally {
    closeDisclosureFile(file);
  }
}

export const storageBench: BenchGroup = {
  name: 'storage',
  title: '数据文件 (disclosure file, SQLite)',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-bench-'));
    try {
      const rows: BenchRow[] = [];

      // Ten years of the 20× department, written once.
      const tenYears = path.join(dir, 'ten-years.db');
      const setupStart = performance.now();
      syntheticFile(tenYears, TEN_YEARS, SCALE);
      const setupMs = performance.now() - setupStart;
      const sizeMb = fs.statSync(tenYears).size / (1024 * 1024);
      const open = await measure(() => openAndLoadLatest(tenYears), { warmup: 3, maxRuns: 60, budgetMs: 8000, minRuns: 15 });
      rows.push(
        row('打开十年文件并读取最新年度 (open 10-year file + load latest + close)', open, {
          targetMs: OPEN_TARGET_MS,
          note: `${TEN_YEARS.length} 年 × ${SCALE}×，${sizeMb.toFixed(1)} MB；建文件 ${setupMs.toFixed(0)} ms`,
        }),
      );

      // Importing one report into a fresh file: saveReport alone, and the whole import.
      const pkg = syntheticReport(SCALE, 2023);
      const save: number[] = [];
      const whole: number[] = [];
      const warmup = 2;
      let spent = 0;
      for (let i = 0; i < 40 && (spent < 8000 || save.length < 10); i++) {
        const filePath = path.join(dir, `import-${i}.db`);
        const start = performance.now();
        const file = openDisclosureFile(filePath, { create: true });
        let saveMs = 0;
        try {
          const repo = new DisclosureRepository(file.db);
          repo.setDepartment(pkg.department);
          for (const code of pkg.customCodes) repo.addCustomCode(code);
          const saveStart = performance.now();
          repo.saveReport(pkg.report);
          saveMs = performance.now() - saveStart;
        } finally {
          closeDisclosureFile(file);
        }
        const wholeMs = performance.now() - start;
        removeFile(filePath);
        sampleHeap();
        if (i < warmup) continue;
        save.push(saveMs);
        whole.push(wholeMs);
        spent += wholeMs;
      }
      keep(save);
      rows.push(
        row('导入一份报表：saveReport (import one report: saveReport)', summarize(save), {
          note: `${pkg.report.items.length} 项，新文件 (fresh file)`,
        }),
      );
      rows.push(
        row('导入一份报表：新建+写入+关闭 (import: create + save + close)', summarize(whole), {
          note: '含建表、部门、自定义科目 (incl. schema, department, custom codes)',
        }),
      );
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
