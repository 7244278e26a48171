/**
 * `npm run bench`: runs every benchmark group and prints medians and p95 as aligned plain-text
 * tables. Each group runs in a process of its own, so its peak memory (maxRSS) is its own and
 * not the sum of what every group loaded before it; that figure is printed against the group's
 * memory target. Targets are information only: the process never fails for missing one.
 *
 * Add a group (export, UI, …): write `bench/<name>.ts` exporting a BenchGroup and add a line to
 * GROUPS below. `npm run bench -- derive storage` runs only the named groups.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchGroup, collectGarbage, formatMb, memoryFigures, renderRows, renderTable, targetText } from './util';

export type { BenchGroup, BenchRow } from './util';

interface GroupEntry {
  name: string;
  /** Peak memory target of the group's own process (maxRSS, MB), where an issue sets one. */
  memoryTargetMb?: number;
  load: () => Promise<BenchGroup>;
}

/** The groups `npm run bench` runs, in order; loaded only in the process that runs them. */
export const GROUPS: GroupEntry[] = [
  { name: 'derive', memoryTargetMb: 200, load: async () => (await import('./derive')).deriveBench },
  // Issue 6 sets a time target for the checks, no memory target.
  { name: 'checks', load: async () => (await import('./checks')).checksBench },
  { name: 'storage', memoryTargetMb: 200, load: async () => (await import('./storage')).storageBench },
  { name: 'export', memoryTargetMb: 300, load: async () => (await import('./export')).exportBench },
  { name: 'ui', memoryTargetMb: 300, load: async () => (await import('./ui')).uiBench },
  // Issue 15: a time target only (the commands run as their own processes).
  { name: 'cli', load: async () => (await import('./cli')).cliBench },
  // Issue 10: 100 自评表 × 20 indicators.
  { name: 'forms', memoryTargetMb: 300, load: async () => (await import('./forms')).formsBench },
  // Issue 9: a 20× workbook imported within 1 s; no memory target.
  { name: 'import', load: async () => (await import('./import')).importBench },
  // Issue 11: comparing two 20× years; opening the comparison view.
  { name: 'years', load: async () => (await import('./years')).yearsBench },
  // Issue 13: its memory target (500 MB) is for Node and Chromium together, printed by the group itself.
  { name: 'pdf', load: async () => (await import('./pdf')).pdfBench },
];

/** Runs one group in this process and prints its rows and this process's memory. */
async function runGroup(entry: GroupEntry, out: (text: string) => void): Promise<void> {
  const group = await entry.load();
  out(`【${group.title}】`);
  collectGarbage();
  try {
    out(renderRows(await group.run()));
  } catch (e) {
    // A broken group is reported, and the others still run.
    out(`  运行失败 (failed)：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const memory = memoryFigures();
  out(
    renderTable(
      ['本组进程内存 (this group’s process)', '数值 (value)', '目标 (target)'],
      [
        ['峰值常驻内存 (peak RSS, maxRSS)', formatMb(memory.maxRssMb), entry.memoryTargetMb === undefined ? '' : targetText(memory.maxRssMb, entry.memoryTargetMb, 'MB')],
        ['堆内存峰值 (peak heap used, sampled)', formatMb(memory.heapPeakMb), ''],
      ],
      ['left', 'right', 'left'],
    ),
  );
}

function runGroupInChild(name: string): string {
  const require = createRequire(import.meta.url);
  const tsxCli = require.resolve('tsx/cli');
  const result = spawnSync(process.execPath, [tsxCli, fileURLToPath(import.meta.url), '--group', name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return `${result.stdout}${result.status === 0 ? '' : `\n  运行失败 (failed, exit ${result.status}): ${result.stderr}`}`;
}

export function runBenchmarks(names: readonly string[] = [], out: (text: string) => void = console.log): void {
  const unknown = names.filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length > 0) {
    out(`未知的基准组 (unknown group)：${unknown.join('、')}；可选 (available)：${GROUPS.map((g) => g.name).join('、')}`);
  }
  const groups = names.length > 0 ? GROUPS.filter((g) => names.includes(g.name)) : GROUPS;
  const started = performance.now();
  out(`部门决算公开助手 性能基准 (benchmarks) — Node ${process.version}, ${process.platform}-${process.arch}`);
  for (const group of groups) {
    out('');
    out(runGroupInChild(group.name).trimEnd());
  }
  out('');
  out(`总耗时 (total time)：${((performance.now() - started) / 1000).toFixed(1)} s。目标仅供参考，未达到不影响退出码 (targets are informational).`);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  const args = process.argv.slice(2);
  const child = args.indexOf('--group');
  if (child >= 0) {
    const group = GROUPS.find((g) => g.name === args[child + 1]);
    if (!group) throw new Error(`unknown bench group ${args[child + 1]}`);
    await runGroup(group, console.log);
  } else {
    runBenchmarks(args.filter((a) => !a.startsWith('-')));
  }
}
