/**
 * `npm run stress [-- --crash N] [--imports N] [--seed S]`: the larger runs of the two randomized
 * robustness tests whose CI-sized runs are in the suite (test/integration/crash.test.ts,
 * malformed-import.test.ts), printing their counts. Defaults: 100 crash trials, 5,000 imports.
 * Exits 1 when any trial or case failed.
 */
import { parseArgs } from 'node:util';
import { runCrashTrials } from '../test/harness/crash';
import { runMalformedImports } from '../test/harness/malformed';

const { values } = parseArgs({
  options: { crash: { type: 'string', default: '100' }, imports: { type: 'string', default: '5000' }, seed: { type: 'string' } },
});
const seed = values.seed === undefined ? Date.now() % 1_000_000 : Number(values.seed);
const crashTrials = Number(values.crash);
const importCases = Number(values.imports);
let failed = false;

console.log(`种子 (seed)：${seed}（重跑：npm run stress -- --seed ${seed}）`);
if (importCases > 0) {
  const started = Date.now();
  const r = await runMalformedImports({ cases: importCases, seed });
  console.log(`\n【畸形导入 (malformed imports)】${r.cases} 例，拒绝 ${r.refused}，接受 ${r.accepted}，失败 ${r.failures.length}（${((Date.now() - started) / 1000).toFixed(1)} s）`);
  for (const [name, [refused, accepted]] of Object.entries(r.byMutation).sort()) console.log(`  ${name.padEnd(22)} 拒绝 ${String(refused).padStart(5)}  接受 ${String(accepted).padStart(4)}`);
  for (const f of r.failures.slice(0, 20)) console.log(`  失败：${f}`);
  failed ||= r.failures.length > 0;
}
if (crashTrials > 0) {
  const started = Date.now();
  const r = await runCrashTrials({ trials: crashTrials, seed, parallel: 2, onTrial: (n) => n % 10 === 0 && process.stdout.write(`  ${n}/${crashTrials}\n`) });
  console.log(`\n【强制结束 (SIGKILL trials)】导入 ${r.importTrials} 次、浏览器模式写入 ${r.webTrials} 次（${((Date.now() - started) / 1000).toFixed(1)} s）`);
  console.log(`  已确认的写入 (acknowledged writes)：${r.acknowledged}，丢失 (missing)：${r.missing}`);
  console.log(`  integrity_check 未通过：${r.integrityFailures}，无法打开：${r.openFailures}，接管残留的锁 (stale locks taken over)：${r.staleLocksTakenOver}`);
  for (const p of r.problems.slice(0, 20)) console.log(`  问题：${p}`);
  failed ||= r.problems.length > 0;
}
process.exitCode = failed ? 1 : 0;
