/**
 * `npm run bench`: runs every registered benchmark group and prints medians and p95 as an aligned
 * plain-text table, then the process's peak memory. Targets are printed as information only; the
 * process never fails for missing one.
 *
 * Add a group (export, UI, …): write `bench/<name>.ts` exporting a BenchGroup, import it here and
 * add it to BENCH_GROUPS (or call registerBench before main runs).
 * `npm run bench -- derive storage` runs only the named groups.
 */
import { pathToFileURL } from 'node:url';
import { checksBench } from './checks';
import { deriveBench } from './derive';
import { exportBench } from './export';
import { storageBench } from './storage';
import { type BenchGroup, type BenchRow, collectGarbage, formatMb, memoryFigures, renderRows, renderTable, targetText } from './util';

export type { BenchGroup, BenchRow } from './util';

/** Peak memory target (maxRSS, MB). */
export const MEMORY_TARGET_MB = 200;

/** The groups `npm run bench` runs, in order. */
export const BENCH_GROUPS: BenchGroup[] = [deriveBench, checksBench, storageBench, exportBench];

export function registerBench(group: BenchGroup): void {
  if (BENCH_GROUPS.some((g) => g.name === group.name)) throw new Error(`bench group “${group.name}” is already registered`);
  BENCH_GROUPS.push(group);
}

export async function runBenchmarks(names: readonly string[] = [], out: (text: string) => void = console.log): Promise<void> {
  const unknown = names.filter((n) => !BENCH_GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) {
    out(`未知的基准组 (unknown group)：${unknown.join('、')}；可选 (available)：${BENCH_GROUPS.map((g) => g.name).join('、')}`);
  }
  const groups = names.length > 0 ? BENCH_GROUPS.filter((g) => names.includes(g.name)) : BENCH_GROUPS;
  const started = performance.now();
  out(`部门决算公开助手 性能基准 (benchmarks) — Node ${process.version}, ${process.platform}-${process.arch}`);
  for (const group of groups) {
    out('');
    out(`【${group.title}】`);
    // Start each group on a collected heap: the previous group's garbage is not this group's.
    collectGarbage();
    let rows: BenchRow[];
    try {
      rows = await group.run();
    } catch (e) {
      // A broken group is reported, and the others still run.
      out(`  运行失败 (failed)：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      continue;
    }
    out(renderRows(rows));
  }
  const memory = memoryFigures();
  out('');
  out('【内存 (memory)】');
  out(
    renderTable(
      ['项目 (measure)', '数值 (value)', '目标 (target)'],
      [
        ['峰值常驻内存 (peak RSS, maxRSS)', formatMb(memory.maxRssMb), targetText(memory.maxRssMb, MEMORY_TARGET_MB, 'MB')],
        ['堆内存峰值 (peak heap used, sampled)', formatMb(memory.heapPeakMb), ''],
        ['当前堆内存 (heap used at end)', formatMb(memory.heapUsedMb), ''],
      ],
      ['left', 'right', 'left'],
    ),
  );
  out('');
  out(`总耗时 (total time)：${((performance.now() - started) / 1000).toFixed(1)} s。目标仅供参考，未达到不影响退出码 (targets are informational).`);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  await runBenchmarks(process.argv.slice(2).filter((a) => !a.startsWith('-')));
}
