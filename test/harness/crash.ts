/**
 * Randomized crash trials: a process writing a disclosure file is killed with SIGKILL at a random
 * moment — during a series of `disclosure import`s, or while browser mode answers bursts of writes
 * over HTTP — and the file is then checked the way the next user would meet it:
 *
 *   - the lock the dead process left is taken over (same computer, process gone);
 *   - `PRAGMA integrity_check` says ok;
 *   - every write the dead process acknowledged (an import that printed `ack`, an HTTP answer
 *     `ok: true`) is in the file.
 *
 * Used by test/integration/crash.test.ts (a CI-sized run) and scripts/stress.ts (larger runs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lockPathFor } from '../../electron/backend/app/lock';
import { Session } from '../../electron/backend/app/session';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { importReport, parseReportJson } from '../../electron/backend/services/reports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE_TEXT = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'jincheng-2023.json'), 'utf8');
const FIXTURE_ITEMS = parseReportJson(FIXTURE_TEXT, 'fixture').report.items.length;

export interface CrashReport {
  importTrials: number;
  webTrials: number;
  /** Writes the killed processes acknowledged. */
  acknowledged: number;
  /** Acknowledged writes not found afterwards. */
  missing: number;
  integrityFailures: number;
  /** Trials whose killed process left its lock, which the next opener took over. */
  staleLocksTakenOver: number;
  /** Trials where the next opener could not open the file. */
  openFailures: number;
  problems: string[];
}

export function emptyReport(): CrashReport {
  return { importTrials: 0, webTrials: 0, acknowledged: 0, missing: 0, integrityFailures: 0, staleLocksTakenOver: 0, openFailures: 0, problems: [] };
}

/** Deterministic random numbers (mulberry32), so a failing seed can be rerun. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bundles the child (crashChild.ts) once; returns the script to run with node. */
export async function buildCrashChild(): Promise<string> {
  const out = path.join(ROOT, 'dist', 'test-crash', `child-${process.pid}.mjs`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: [path.join(ROOT, 'test', 'harness', 'crashChild.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native or asset-loading packages stay in node_modules (as in the CLI bundle).
    external: ['better-sqlite3', 'playwright-core'],
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return out;
}

function seedFile(folder: string): string {
  const file = path.join(folder, '晋城.jsgk');
  const opened = openDisclosureFile(file, { create: true });
  try {
    importReport(opened, parseReportJson(FIXTURE_TEXT, 'fixture'), { replace: false });
  } finally {
    closeDisclosureFile(opened);
  }
  return file;
}

/** When to kill: `delayMs` after the child started, or after the line `armOn` accepts. */
interface KillPlan {
  armOn: ((line: string) => boolean) | null;
  delayMs: number;
}

/** Runs the child, calls `onLine` for each stdout line, kills it with SIGKILL as planned. */
function runAndKill(script: string, args: string[], plan: KillPlan, onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const kill = () => child.kill('SIGKILL');
    let timer: NodeJS.Timeout | null = null;
    const arm = () => {
      if (timer === null) timer = setTimeout(kill, plan.delayMs);
    };
    if (plan.armOn === null) arm();
    // Never wait forever, whatever the child does.
    const guard = setTimeout(kill, 60_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end = buffered.indexOf('\n');
      while (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        onLine(line);
        if (plan.armOn?.(line)) arm();
        end = buffered.indexOf('\n');
      }
    });
    child.stderr?.resume();
    child.on('error', reject);
    child.on('exit', () => {
      if (timer) clearTimeout(timer);
      clearTimeout(guard);
      resolve(child.pid ?? 0);
    });
  });
}

interface Checked {
  repo: DisclosureRepository;
  session: Session;
}

/** Opens the file as the next user would (taking over the dead process's lock) and checks integrity. */
function reopen(file: string, deadPid: number, report: CrashReport, label: string): Checked | null {
  const lockPath = lockPathFor(file);
  const leftLock = fs.existsSync(lockPath);
  if (leftLock) {
    const owner: unknown = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
    if (typeof owner !== 'object' || owner === null || !('pid' in owner) || owner.pid !== deadPid) {
      report.problems.push(`${label}: the lock left behind is not the killed process's`);
    }
  }
  const session = new Session();
  try {
    session.openFile(file);
  } catch (e) {
    report.openFailures++;
    report.problems.push(`${label}: could not open after the kill: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
  if (leftLock) report.staleLocksTakenOver++;
  const open = session.require();
  const integrity = open.file.db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') {
    report.integrityFailures++;
    report.problems.push(`${label}: integrity_check ${String(integrity)}`);
  }
  return { repo: open.repo, session };
}

/** One trial: imports of several years, killed at a random moment. */
export async function importTrial(script: string, rng: () => number, trial: number, report: CrashReport): Promise<void> {
  report.importTrials++;
  const folder = fs.mkdtempSync(path.join(tmpdir(), 'disclosure-crash-'));
  try {
    const file = seedFile(folder);
    const years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
    const sources = years.map((year, n) => {
      const doc: Record<string, unknown> = { ...JSON.parse(FIXTURE_TEXT) };
      doc.year = year;
      doc.texts = { ...(typeof doc.texts === 'object' && doc.texts !== null ? doc.texts : {}), 'crash.marker': `${trial}-${n}` };
      const source = path.join(folder, `${year}.json`);
      fs.writeFileSync(source, JSON.stringify(doc));
      return source;
    });
    const acked: number[] = [];
    // A third of the kills land during the first import; the others after 1–3 acknowledged ones.
    const afterAcks = rng() < 1 / 3 ? 0 : 1 + Math.floor(rng() * 3);
    const plan: KillPlan = afterAcks === 0 ? { armOn: null, delayMs: 150 + rng() * 600 } : { armOn: (line) => line === `ack ${afterAcks - 1}`, delayMs: rng() * 150 };
    const pid = await runAndKill(script, ['import', file, ...sources], plan, (line) => {
      const m = /^ack (\d+)$/.exec(line);
      if (m) acked.push(Number(m[1]));
    });
    report.acknowledged += acked.length;
    const checked = reopen(file, pid, report, `import trial ${trial}`);
    if (!checked) return;
    try {
      // All or nothing: a year in the file is the seed or a whole import, never part of one.
      for (const year of checked.repo.listYears()) {
        if (checked.repo.loadReport(year).items.length !== FIXTURE_ITEMS) {
          report.missing++;
          report.problems.push(`import trial ${trial}: ${year} holds part of an import`);
        }
      }
      for (const n of acked) {
        const year = years[n] ?? 0;
        const marker = checked.repo.listYears().includes(year) ? checked.repo.loadReport(year).texts['crash.marker'] : undefined;
        if (marker !== `${trial}-${n}`) {
          report.missing++;
          report.problems.push(`import trial ${trial}: acknowledged import of ${year} is missing`);
        }
      }
    } finally {
      checked.session.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const COUNTER = { kind: 'stats', field: 'receptionDomestic' } as const;

function readCounter(file: string): number {
  const opened = openDisclosureFile(file, { create: false, readonly: true });
  try {
    return new DisclosureRepository(opened.db).loadReport(2023).stats[COUNTER.field];
  } finally {
    closeDisclosureFile(opened);
  }
}

/** One trial: browser mode answering bursts of writes, killed at a random moment. */
export async function webTrial(script: string, rng: () => number, trial: number, report: CrashReport): Promise<void> {
  report.webTrials++;
  const folder = fs.mkdtempSync(path.join(tmpdir(), 'disclosure-crash-'));
  try {
    const dataDir = path.join(folder, 'data');
    fs.mkdirSync(dataDir);
    const file = seedFile(dataDir);
    const rendererDir = path.join(folder, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

    const ackedTexts: number[] = [];
    // The counter fact is rewritten as its value in the file + n × 100 for n = 1, 2, 3 …
    const initial = readCounter(file);
    let counterAcked = initial;
    let counterSent = initial;
    let stop = false;
    const bursts: Promise<void>[] = [];
    const post = async (base: string, token: string, channel: string, body: unknown): Promise<boolean> => {
      try {
        const res = await fetch(`${base}api/${channel}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Disclosure-Token': token },
          body: JSON.stringify(body),
        });
        const result: unknown = await res.json();
        return typeof result === 'object' && result !== null && 'ok' in result && result.ok === true;
      } catch {
        return false; // the server died before answering: not acknowledged
      }
    };
    const start = (base: string, token: string) => {
      let next = 0;
      // Eight streams of text writes with unique keys, as fast as the server answers.
      for (let s = 0; s < 8; s++) {
        bursts.push(
          (async () => {
            while (!stop && next < 1500) {
              const n = next++;
              if (await post(base, token, 'report.writeText', { year: 2023, key: `crash.t${n}`, value: `第${n}次写入` })) ackedTexts.push(n);
              else return;
            }
          })(),
        );
      }
      // One stream rewriting the same fact with an increasing value, one at a time.
      bursts.push(
        (async () => {
          while (!stop) {
            const value = counterSent + 100;
            counterSent = value;
            if (await post(base, token, 'report.writeFact', { year: 2023, ref: COUNTER, value })) counterAcked = value;
            else return;
          }
        })(),
      );
    };
    const plan: KillPlan = { armOn: (line) => line.startsWith('ready '), delayMs: 30 + rng() * 500 };
    const pid = await runAndKill(script, ['web', dataDir, file, rendererDir], plan, (line) => {
      const m = /^ready (\S+) (\S+)$/.exec(line);
      if (m?.[1] && m[2]) start(m[1], m[2]);
    });
    stop = true;
    await Promise.all(bursts);
    report.acknowledged += ackedTexts.length + (counterAcked - initial) / 100;
    const checked = reopen(file, pid, report, `web trial ${trial}`);
    if (!checked) return;
    try {
      const loaded = checked.repo.loadReport(2023);
      for (const n of ackedTexts) {
        if (loaded.texts[`crash.t${n}`] !== `第${n}次写入`) {
          report.missing++;
          report.problems.push(`web trial ${trial}: acknowledged text ${n} is missing`);
        }
      }
      const counter = loaded.stats.receptionDomestic;
      if (counter < counterAcked || counter > counterSent) {
        report.missing++;
        report.problems.push(`web trial ${trial}: counter ${counter}, acknowledged ${counterAcked}, sent ${counterSent}`);
      }
    } finally {
      checked.session.close();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** `trials` trials, alternating imports and browser mode, from `seed`, `parallel` at a time. */
export async function runCrashTrials(options: { trials: number; seed: number; parallel?: number; onTrial?: (done: number) => void }): Promise<CrashReport> {
  const script = await buildCrashChild();
  const report = emptyReport();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < options.trials) {
      const trial = next++;
      // Each trial has its own generator, so a trial's kill moment does not depend on scheduling.
      const rng = random(options.seed * 100_003 + trial);
      if (trial % 2 === 0) await importTrial(script, rng, trial, report);
      else await webTrial(script, rng, trial, report);
      options.onTrial?.(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, options.parallel ?? 1) }, worker));
  } finally {
    fs.rmSync(script, { force: true });
  }
  return report;
}
