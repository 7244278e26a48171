/**
 * Memory of this process and every process it started (Chromium's browser, GPU, renderer and
 * utility processes), sampled from /proc while a benchmark runs: the sum of their resident sets
 * (RSS — pages shared between Chromium's processes counted once per process, so an upper bound)
 * and the sum of their proportional sets (PSS, shared pages divided among their users: what the
 * tree really occupies). Linux only; elsewhere the sampler reports nothing.
 */
import fs from 'node:fs';

function readNumber(file: string, field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(file, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The pids of `root` and all its descendants. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended.
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export interface TreeMemory {
  /** Highest sum of RSS seen, bytes. */
  rssPeak: number;
  /** Highest sum of PSS seen, bytes. */
  pssPeak: number;
  /** Most processes in the tree at one sample. */
  processes: number;
  samples: number;
}

/** The tree's memory now: sums of RSS and PSS (bytes) and the number of processes. */
export function treeMemoryNow(): { rss: number; pss: number; processes: number } {
  if (process.platform !== 'linux') return { rss: 0, pss: 0, processes: 0 };
  const pids = tree(process.pid);
  let rss = 0;
  let pss = 0;
  for (const pid of pids) {
    rss += readNumber(`/proc/${pid}/status`, 'VmRSS') ?? 0;
    pss += readNumber(`/proc/${pid}/smaps_rollup`, 'Pss') ?? 0;
  }
  return { rss, pss, processes: pids.length };
}

/** Samples the tree every `intervalMs` until stopped. */
export function sampleProcessTree(intervalMs = 50): { stop(): TreeMemory } {
  const result: TreeMemory = { rssPeak: 0, pssPeak: 0, processes: 0, samples: 0 };
  if (process.platform !== 'linux') return { stop: () => result };
  const sample = () => {
    const now = treeMemoryNow();
    result.rssPeak = Math.max(result.rssPeak, now.rss);
    result.pssPeak = Math.max(result.pssPeak, now.pss);
    result.processes = Math.max(result.processes, now.processes);
    result.samples += 1;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return result;
    },
  };
}

/**
 * CPU time (ms) used so far by this process and its children that have ended (Chromium, once
 * closed): user + system, from /proc/self/stat (utime, stime, cutime, cstime; clock ticks of 10 ms).
 * What an export costs whatever else runs on the machine; 0 where /proc is missing.
 */
export function cpuMsWithChildren(): number {
  try {
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After `pid (comm) `: state is field 3, utime 14 … cstime 17 (1-based in proc(5)).
    const ticks = [11, 12, 13, 14].reduce((sum, k) => sum + Number(fields[k]), 0);
    return ticks * 10;
  } catch {
    return 0;
  }
}
