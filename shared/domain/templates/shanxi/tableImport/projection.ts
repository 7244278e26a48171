/**
 * Phase 1 of 尾数调整 (reconcile.ts): real offsets that meet every constraint, by cyclic
 * projections onto the constraints' slabs.
 */
import type { Constraint } from './constraint';

/** Sweeps at most, and without progress. */
const MAX_SWEEPS = 100;
const STALL = 10;

/**
 * Phase 1: real offsets that meet every constraint narrowed by a margin of about √n 分 (the
 * rounding of n leaves to 分 moves a sum by about that much). A constraint outside its window
 * spreads the gap evenly over its leaves that can still move that way. Stops when every gap is
 * under half a 分, or when the gaps stop shrinking (the integer repair closes what is left).
 */
export function project(lo: ArrayLike<number>, hi: ArrayLike<number>, constraints: readonly Constraint[]): Float64Array {
  const e = new Float64Array(lo.length);
  const n = constraints.length;
  const wantLo = new Float64Array(n);
  const wantHi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = constraints[i]!;
    const margin = Math.min(Math.ceil(Math.sqrt(c.vars.length)) + 1, Math.floor((c.hi - c.lo) / 4));
    wantLo[i] = c.lo + margin;
    wantHi[i] = c.hi - margin;
  }
  // Cyclic projections need not shrink the worst gap every sweep: give up only after STALL
  // sweeps without a 5% improvement on the best so far.
  let best = Infinity;
  let sinceBest = 0;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const c = constraints[i]!;
      const { vars, coefs } = c;
      let sum = c.value;
      for (let k = 0; k < vars.length; k++) sum += coefs[k]! * e[vars[k]!]!;
      const gap = sum < wantLo[i]! ? wantLo[i]! - sum : sum > wantHi[i]! ? wantHi[i]! - sum : 0;
      if (Math.abs(gap) < 1e-6) continue;
      if (Math.abs(gap) > worst) worst = Math.abs(gap);
      let free = 0;
      for (let k = 0; k < vars.length; k++) {
        const v = vars[k]!;
        if (gap * coefs[k]! > 0 ? e[v]! < hi[v]! : e[v]! > lo[v]!) free += coefs[k]! * coefs[k]!;
      }
      if (free === 0) continue;
      const step = gap / free;
      for (let k = 0; k < vars.length; k++) {
        const v = vars[k]!;
        e[v] = Math.min(hi[v]!, Math.max(lo[v]!, e[v]! + coefs[k]! * step));
      }
    }
    if (worst < 0.5) break;
    if (worst < best * 0.95) {
      best = worst;
      sinceBest = 0;
    } else if (++sinceBest >= STALL) break;
  }
  return e;
}

