/**
 * A linear constraint of the rounding reconciliation: lo ≤ value ≤ hi, where value = base + Σ a·e
 * over leaf offsets e (sparse: `vars` with their coefficients `coefs`), kept current as leaves move.
 */
import type { Linear } from './eliminate';
import type { Terms } from './expand';

export interface Constraint {
  vars: Int32Array;
  coefs: Int32Array;
  lo: number;
  hi: number;
  /** Current value: base + Σ a·e. */
  value: number;
}

export function linearOf(terms: Terms, constant: number): Linear {
  const map = new Map<number, number>();
  terms.vars.forEach((v, k) => map.set(v, terms.coefs[k]!));
  return { terms: map, constant };
}

export function constraintOf(expr: Linear, lo: number, hi: number): Constraint {
  const vars = new Int32Array(expr.terms.size);
  const coefs = new Int32Array(expr.terms.size);
  let k = 0;
  for (const [v, a] of expr.terms) {
    vars[k] = v;
    coefs[k] = a;
    k++;
  }
  return { vars, coefs, lo, hi, value: expr.constant };
}

export function missOf(c: Constraint, value: number): number {
  return value < c.lo ? c.lo - value : value > c.hi ? value - c.hi : 0;
}

