/**
 * Memory of this process and every process it started (Chromium's browser, GPU, renderer and
 * utility processes), sampled from /proc while a benchmark runs: the sum of their resident sets
 * (RSS — pages shared between Chromium's processes counted once per process, so an upper bound)
 * and the sum of their proportional sets (PSS, shared pages divided among their users: what the
 * tree really occupies). Linux only; elsewhere the sampler reports nothing.
 *
 * A sample is not free: the kernel walks each process's page tables for smaps_rollup, about
 * 40 ms of this process's CPU for Node and a dozen Chromium processes. Sampling every 50 ms
 * takes most of a core, so memory is sampled during exports that are not timed.
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
  /** At the highest PSS: the root process's own PSS, bytes (the rest is Chromium's). */
  pssPeakSelf: number;
  /** Most processes in the tree at one sample. */
  processes: number;
  samples: number;
}

/** The memory of `root`'s tree now (this process's by default): sums of RSS and PSS (bytes), the root's own PSS, the number of processes. */
export function treeMemoryNow(root: number = process.pid): { rss: number; pss: number; pssSelf: number; processes: number } {
  if (process.platform !== 'linux') return { rss: 0, pss: 0, pssSelf: 0, processes: 0 };
  const pids = tree(root);
  let rss = 0;
  let pss = 0;
  let pssSelf = 0;
  for (const pid of pids) {
    rss += readNumber(`/proc/${pid}/status`, 'VmRSS') ?? 0;
    const own = readNumber(`/proc/${pid}/smaps_rollup`, 'Pss') ?? 0;
    pss += own;
    if (pid === root) pssSelf = own;
  }
  return { rss, pss, pssSelf, processes: pids.length };
}

/** Samples the tree of `root` (this process by default) every `intervalMs` until stopped. */
export function sampleProcessTree(intervalMs = 50, root: number = process.pid): { stop(): TreeMemory } {
  const result: TreeMemory = { rssPeak: 0, pssPeak: 0, pssPeakSelf: 0, processes: 0, samples: 0 };
  if (process.platform !== 'linux') return { stop: () => result };
  const sample = () => {
    const now = treeMemoryNow(root);
    result.rssPeak = Math.max(result.rssPeak, now.rss);
    if (now.pss > result.pssPeak) {
      result.pssPeak = now.pss;
      result.pssPeakSelf = now.pssSelf;
    }
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

/** utime + stime (ms) of a process from /proc/<pid>/stat (clock ticks of 10 ms); null once it has ended. */
function ownCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After `pid (comm) `: state is field 3, utime 14, stime 15 (1-based in proc(5)).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time (ms, user + system) of this process and every process it starts, from now until
 * `stop()`: what an export costs whatever else runs on the machine. Chromium's processes are
 * read from /proc every `intervalMs` while they live (a walk of /proc/<pid>/stat, about 3 ms):
 * the CPU time of children that have ended (cutime, cstime) would miss most of Chromium, whose
 * renderer and utility processes are not reaped by this process when the browser closes. What a
 * process uses after its last sample is not counted. 0 where /proc is missing.
 */
export function trackTreeCpu(intervalMs = 100): { stop(): number } {
  const self = process.cpuUsage();
  if (process.platform !== 'linux') return { stop: () => 0 };
  const before = new Map<number, number>();
  for (const pid of tree(process.pid)) if (pid !== process.pid) before.set(pid, ownCpuMs(pid) ?? 0);
  const last = new Map<number, number>();
  const sample = () => {
    for (const pid of tree(process.pid)) {
      if (pid === process.pid) continue;
      const ms = ownCpuMs(pid);
      if (ms !== null) last.set(pid, ms - (before.get(pid) ?? 0));
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const own = process.cpuUsage(self);
      return (own.user + own.system) / 1000 + [...last.values()].reduce((a, b) => a + b, 0);
    },
  };
}
