/**
 * 1,000 randomized malformed imports (test/harness/malformed.ts): each refused with a Chinese
 * message and the target unchanged, or — where the mutation can yield a valid file — stored exactly
 * as read. `npm run stress` runs more cases with other seeds.
 */
import { describe, expect, it } from 'vitest';
import { MUTATIONS, runMalformedImports } from '../harness/malformed';

describe('malformed imports', () => {
  it('1,000 cases: refused with the target unchanged, or stored exactly as read; never an internal error', async () => {
    const report = await runMalformedImports({ cases: 1000, seed: 20_260_302 });
    expect(report.failures).toEqual([]);
    expect(report.cases).toBe(1000);
    expect(report.refused + report.accepted).toBe(1000);
    // Every kind of mutation was tried, and the ones that must be refused were.
    expect(Object.keys(report.byMutation).sort()).toEqual(Object.keys(MUTATIONS).sort());
    expect(report.refused).toBeGreaterThan(900);
  }, 120_000);
});
