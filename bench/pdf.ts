/**
 * PDF export: the whole package printed by headless Chromium (the CLI's and browser mode's
 * engine: Debian's headless shell where installed), the parts after the 目录 in pieces, then the
 * cover and the 目录, joined into one file; for seed 000 and the 20× synthetic department. Each
 * timed call is one export as the user runs it: start Chromium, print every piece, join them,
 * close Chromium. Targets: seed 000 ≤ 3 s, 20× ≤ 10 s; peak memory ≤ 500 MB for Node and
 * Chromium together — judged as the user meets it: `disclosure export --pdf` run as its own
 * process (Node starts, opens the file, derives, drafts, prints, writes), twice for each package,
 * on the sum of the PSS (proportional set: shared pages divided among the processes sharing
 * them) of the command's process and every process it starts, sampled from /proc every 50 ms
 * (processTree.ts). The sum of their RSS is printed beside it; it counts Chromium's shared code
 * once per process, so it is an upper bound. The CPU time of Node and Chromium per timed export
 * is in the note: what the export costs whatever else the machine is running.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderPdf } from '../electron/backend/export/pdf';
import { openChromiumEngine } from '../electron/backend/export/pdf/chromium';
import { openInBackground } from '../electron/backend/export/pdf/engine';
import { getCatalogue } from '../shared/domain/catalogue';
import type { ReportPackage } from '../shared/domain/interchange';
import { buildPackage, priorFromTyped } from '../shared/domain/narrative';
import type { PackageModel } from '../shared/domain/package';
import { writeDataFile } from './dataFile';
import { deriveTables } from '../shared/domain/tables';
import { syntheticReport } from '../test/harness/synthetic';
import { loadFixture } from './derive';
import { sampleProcessTree, type TreeMemory, trackTreeCpu } from './processTree';
import { type BenchGroup, type BenchRow, formatMb, measure, row, targetText } from './util';

export const PDF_SEED_TARGET_MS = 3000;
export const PDF_BIG_TARGET_MS = 10_000;
export const PDF_MEMORY_TARGET_MB = 500;

const MB = 1024 * 1024;

function packageOf(pkg: ReportPackage): PackageModel {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  const tables = deriveTables(pkg.department, pkg.report, catalogue);
  return buildPackage({ ...pkg, catalogue, tables, prior: priorFromTyped(pkg.report) }).model;
}

/** One export as the CLI's (exporting.ts): start Chromium, derive and draft meanwhile, print (in pieces), close. */
function exporter(pkg: ReportPackage, pages: { count: number; bytes: number; prints: number; cpuMs: number[] }): () => Promise<number> {
  return async () => {
    const cpu = trackTreeCpu(100);
    const engine = openInBackground(openChromiumEngine);
    await engine.started();
    const printed = await (async () => {
      try {
        return await renderPdf(packageOf(pkg), engine);
      } finally {
        await engine.close();
      }
    })();
    pages.count = printed.pageCount;
    pages.bytes = printed.pdf.length;
    pages.prints = printed.passes;
    pages.cpuMs.push(cpu.stop());
    return printed.pdf.length;
  };
}

const BIN = fileURLToPath(new URL('../bin/disclosure.mjs', import.meta.url));

/**
 * Peak memory of `disclosure export --pdf` for each package, run twice each, each run its own
 * process tree (the command's Node and its Chromium), sampled every 50 ms: the highest sum seen.
 */
async function cliExportMemory(packages: readonly ReportPackage[]): Promise<TreeMemory> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-bench-pdf-'));
  const peak: TreeMemory = { rssPeak: 0, pssPeak: 0, pssPeakSelf: 0, processes: 0, samples: 0 };
  try {
    const files = packages.map((pkg, k) => {
      const file = path.join(dir, `${k}.jsgk`);
      writeDataFile(file, pkg);
      return { file, year: pkg.report.year };
    });
    // Builds the CLI bundle if it is missing or stale; not sampled.
    spawnSync(process.execPath, [BIN, 'help'], { stdio: 'ignore' });
    for (let round = 0; round < 2; round++)
      for (const { file, year } of files) {
        const child = spawn(process.execPath, [BIN, 'export', '--file', file, '--year', String(year), '--pdf', path.join(dir, 'out.pdf')], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const memory = sampleProcessTree(50, child.pid!);
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        const tree = memory.stop();
        if (code !== 0) throw new Error(`disclosure export --pdf exited ${code}: ${stderr}`);
        if (tree.pssPeak > peak.pssPeak) {
          peak.pssPeak = tree.pssPeak;
          peak.pssPeakSelf = tree.pssPeakSelf;
        }
        peak.rssPeak = Math.max(peak.rssPeak, tree.rssPeak);
        peak.processes = Math.max(peak.processes, tree.processes);
        peak.samples += tree.samples;
      }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return peak;
}

const medianOf = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export const pdfBench: BenchGroup = {
  name: 'pdf',
  title: '导出 PDF（Chromium，分段排版后合并）(export PDF, printed in pieces and joined)',
  async run(): Promise<BenchRow[]> {
    const seed = loadFixture('jincheng-2023.json');
    const big = syntheticReport(20, 2023);
    const seedPages = { count: 0, bytes: 0, prints: 0, cpuMs: [] as number[] };
    const bigPages = { count: 0, bytes: 0, prints: 0, cpuMs: [] as number[] };
    const seedTime = await measure(exporter(seed, seedPages), { warmup: 1, maxRuns: 10, budgetMs: 30_000, minRuns: 5 });
    const bigTime = await measure(exporter(big, bigPages), { warmup: 1, maxRuns: 5, budgetMs: 60_000, minRuns: 3 });
    // Memory: the CLI's export of both packages, each its own process, sampled.
    const tree = await cliExportMemory([seed, big]);
    const rows: BenchRow[] = [
      row('导出 PDF：种子000 (export PDF: seed 000)', seedTime, { targetMs: PDF_SEED_TARGET_MS, note: `${seedPages.count} 页，${(seedPages.bytes / 1024).toFixed(0)} KB，${seedPages.prints} 次打印，含启动和关闭 Chromium；CPU 时间中位数 ${(medianOf(seedPages.cpuMs) / 1000).toFixed(2)} s（Node + Chromium）` }),
      row('导出 PDF：合成部门 20× (export PDF: synthetic 20×)', bigTime, { targetMs: PDF_BIG_TARGET_MS, note: `${big.report.items.length} 项，${bigPages.count} 页，${(bigPages.bytes / 1024).toFixed(0)} KB，${bigPages.prints} 次打印；CPU 时间中位数 ${(medianOf(bigPages.cpuMs) / 1000).toFixed(2)} s（Node + Chromium）` }),
    ];
    const rssMb = tree.rssPeak / MB;
    const pssMb = tree.pssPeak / MB;
    rows.push({
      label: '峰值内存：Node + Chromium 进程树 (peak memory, process tree)',
      median: Number.NaN,
      p95: Number.NaN,
      runs: tree.samples,
      note: `PSS 合计 ${formatMb(pssMb)}（${targetText(pssMb, PDF_MEMORY_TARGET_MB, 'MB')}；其中 Node ${formatMb(tree.pssPeakSelf / MB)}，Chromium ${formatMb(pssMb - tree.pssPeakSelf / MB)}）；RSS 合计 ${formatMb(rssMb)}（共享页按进程重复计算）；最多 ${tree.processes} 个进程；命令行 disclosure export --pdf 导出两个包各两次（各为独立进程，不计时），每 50 ms 采样，共 ${tree.samples} 次`,
    });
    return rows;
  },
};
