/**
 * CLI start-up: `disclosure validate` of seed 000 as a whole process (start Node, load the bundled
 * CLI, open the file read-only, derive, check, print), against `node -e 0` timed in the same run,
 * alternating, so the difference is what the command itself costs on this machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReportJson } from '../electron/backend/services/reports';
import { writeDataFile } from './dataFile';
import { type BenchGroup, type BenchRow, row, summarize } from './util';

/** “Well under a second” (issue 15), judged on the median. */
export const CLI_VALIDATE_TARGET_MS = 500;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'disclosure.mjs');
const ROUNDS = 15;

function timeProcess(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - start;
  // validate exits 3 when it finds errors; anything else means the command did not run.
  if (result.status !== 0 && result.status !== 3) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}`);
  return elapsed;
}

export const cliBench: BenchGroup = {
  name: 'cli',
  title: '命令行启动 (CLI start-up, whole process)',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-bench-cli-'));
    try {
      const file = path.join(dir, 'jincheng.jsgk');
      writeDataFile(file, parseReportJson(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'jincheng-2023.json'), 'utf8'), 'seed 000'));

      const validate = [BIN, 'validate', '--file', file, '--year', '2023'];
      const help = [BIN, 'help'];
      const bare = ['-e', '0'];
      // Builds the bundle if it is missing or stale, and warms the OS cache; not timed.
      for (let i = 0; i < 2; i++) for (const args of [validate, help, bare]) timeProcess(args);

      const samples = { validate: [] as number[], help: [] as number[], bare: [] as number[] };
      for (let i = 0; i < ROUNDS; i++) {
        samples.bare.push(timeProcess(bare));
        samples.validate.push(timeProcess(validate));
        samples.help.push(timeProcess(help));
      }
      const node = summarize(samples.bare);
      const checked = summarize(samples.validate);
      const usage = summarize(samples.help);
      return [
        row('node -e 0（对照 baseline, same run）', node),
        row('disclosure validate 种子000 (seed 000, whole process)', checked, {
          targetMs: CLI_VALIDATE_TARGET_MS,
          note: `比 node -e 0 多 ${(checked.median - node.median).toFixed(0)} ms（中位数之差）`,
        }),
        row('disclosure help（只启动 start-up only）', usage, { note: `比 node -e 0 多 ${(usage.median - node.median).toFixed(0)} ms` }),
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
