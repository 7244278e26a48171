/**
 * Benchmark plumbing: groups, timing with warm-up, medians and p95, peak memory, and the aligned
 * plain-text report. Benchmarks inform; they never fail the process for missing a target.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { displayWidth } from '../cli/textTable';

/** One printed line of results. Times are milliseconds. */
export interface BenchRow {
  /** Chinese label with English in parentheses, e.g. `推导十张表：种子000 (derive ten tables: seed 000)`. */
  label: string;
  median: number;
  p95: number;
  /** Measured repetitions (after warm-up). */
  runs: number;
  /** Upper bound the figure should stay within (ms), printed as info only. */
  targetMs?: number;
  /** The statistic the target names (`p95 ≤ 50 ms` is judged on the p95); median by default. */
  targetStat?: 'median' | 'p95';
  /** Short remark printed after the figures. */
  note?: string;
}

/** A group of benchmarks; `run` sets up what it needs, measures, cleans up and returns its rows. */
export interface BenchGroup {
  /** Short ASCII name, used to pick groups on the command line (`npm run bench -- derive`). */
  name: string;
  /** Chinese title with English in parentheses. */
  title: string;
  run(): Promise<BenchRow[]>;
}

export interface MeasureOptions {
  /** Untimed calls first, so the JIT has settled. */
  warmup: number;
  /** Stop after this many timed calls… */
  maxRuns: number;
  /** …or once this much time was spent timing, provided at least `minRuns` were made. */
  budgetMs: number;
  minRuns: number;
  /** Called before each call, warm-up and timed, outside the timing (e.g. collectGarbage, so each call starts on a collected heap). */
  beforeEach?: () => void;
}

export interface Summary {
  median: number;
  p95: number;
  runs: number;
}

// ---------------------------------------------------------------------------------------------
// Memory: maxRSS comes from the OS; the heap peak is sampled between timed calls.

let heapPeak = 0;

export function sampleHeap(): void {
  const used = v8.getHeapStatistics().used_heap_size;
  if (used > heapPeak) heapPeak = used;
}

let gcFunction: (() => void) | null | undefined;

/**
 * A full garbage collection, run between groups (never inside a timing) so that the garbage one
 * group leaves behind does not count against the next group's memory. Uses `gc` when node runs
 * with --expose-gc, otherwise exposes it for this call; does nothing if that is not possible.
 */
export function collectGarbage(): void {
  if (gcFunction === undefined) {
    const global = globalThis as { gc?: () => void };
    if (typeof global.gc === 'function') gcFunction = global.gc;
    else {
      try {
        v8.setFlagsFromString('--expose-gc');
        gcFunction = vm.runInNewContext('gc') as () => void;
      } catch {
        gcFunction = null;
      }
    }
  }
  gcFunction?.();
}

export interface MemoryFigures {
  /** Peak resident set size of the whole process (process.resourceUsage().maxRSS), MB. */
  maxRssMb: number;
  /** Highest heap used seen between timed calls, MB. */
  heapPeakMb: number;
  /** Heap used now, MB. */
  heapUsedMb: number;
}

const MB = 1024 * 1024;

export function memoryFigures(): MemoryFigures {
  sampleHeap();
  return {
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    heapPeakMb: heapPeak / MB,
    heapUsedMb: process.memoryUsage().heapUsed / MB,
  };
}

// ---------------------------------------------------------------------------------------------
// Timing.

/** Median and p95 (nearest rank) of samples in ms. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: Number.NaN, p95: Number.NaN, runs: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? (sorted[(n - 1) / 2] ?? 0) : ((sorted[n / 2 - 1] ?? 0) + (sorted[n / 2] ?? 0)) / 2;
  const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)] ?? 0;
  return { median, p95, runs: n };
}

/** Times `fn` with performance.now() after warm-up; `fn` may return a value so it is not optimised away. */
export async function measure(fn: () => unknown, options: MeasureOptions): Promise<Summary> {
  let sink: unknown;
  for (let i = 0; i < options.warmup; i++) {
    options.beforeEach?.();
    sink = await fn();
  }
  sampleHeap();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < options.maxRuns && (spent < options.budgetMs || samples.length < options.minRuns)) {
    options.beforeEach?.();
    const start = performance.now();
    sink = await fn();
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    spent += elapsed;
    sampleHeap();
  }
  keep(sink);
  return summarize(samples);
}

/** Holds on to a result so the engine cannot drop the work that made it. */
export const kept: { value: unknown } = { value: undefined };
export function keep(value: unknown): void {
  kept.value = value;
}

export function row(label: string, summary: Summary, extra: { targetMs?: number; targetStat?: 'median' | 'p95'; note?: string } = {}): BenchRow {
  return { label, median: summary.median, p95: summary.p95, runs: summary.runs, ...extra };
}

// ---------------------------------------------------------------------------------------------
// Printing.

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatMb(mb: number): string {
  return `${mb.toFixed(1)} MB`;
}

/** `目标 中位数 ≤ 10 ms：达到 (met)` / `目标 p95 ≤ 50 ms：未达到 (missed)`: judged on the statistic the target names. */
export function targetText(value: number, max: number, unit: string, stat: 'median' | 'p95' | null = null): string {
  const met = Number.isFinite(value) && value <= max;
  const named = stat === 'p95' ? 'p95 ' : stat === 'median' ? '中位数 ' : '';
  return `目标 ${named}≤ ${max} ${unit}：${met ? '达到 (met)' : '未达到 (missed)'}`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = Math.max(0, width - displayWidth(text));
  return align === 'right' ? ' '.repeat(gap) + text : text + ' '.repeat(gap);
}

/** An aligned plain-text table; CJK characters count as two columns. */
export function renderTable(head: readonly string[], body: readonly (readonly string[])[], align: readonly ('left' | 'right')[]): string {
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...body.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, align[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((s, w) => s + w, 0) + 2 * (widths.length - 1));
  return [line(head), rule, ...body.map(line)].join('\n');
}

export const RESULT_HEAD = ['项目 (benchmark)', '中位数 (median)', 'p95', '次数 (runs)', '目标 (target)', '说明 (note)'] as const;
const RESULT_ALIGN = ['left', 'right', 'right', 'right', 'left', 'left'] as const;

export function renderRows(rows: readonly BenchRow[]): string {
  const body = rows.map((r) => [
    r.label,
    formatMs(r.median),
    formatMs(r.p95),
    String(r.runs),
    r.targetMs === undefined ? '' : targetText(r.targetStat === 'p95' ? r.p95 : r.median, r.targetMs, 'ms', r.targetStat ?? 'median'),
    r.note ?? '',
  ]);
  return renderTable(RESULT_HEAD, body, RESULT_ALIGN);
}
