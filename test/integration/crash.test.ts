/**
 * Randomized SIGKILL trials (test/harness/crash.ts), half during `disclosure import`s and half
 * during browser-mode write bursts over HTTP: afterwards the dead process's lock is taken over,
 * `integrity_check` is ok and every acknowledged write is in the file. 20 trials here; `npm run
 * stress` runs 100 or more.
 */
import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../harness/crash';

describe('killed while writing', () => {
  it('20 trials: stale lock taken over, integrity ok, no acknowledged write lost', async () => {
    const report = await runCrashTrials({ trials: 20, seed: 20_260_302, parallel: 2 });
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ importTrials: 10, webTrials: 10, missing: 0, integrityFailures: 0, openFailures: 0 });
    // The trials did kill processes holding the lock, and they had written something first.
    expect(report.staleLocksTakenOver).toBeGreaterThan(5);
    expect(report.acknowledged).toBeGreaterThan(50);
  }, 180_000);
});
