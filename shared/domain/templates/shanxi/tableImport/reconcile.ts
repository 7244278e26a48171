/**
 * 尾数调整: choosing, for every leaf printed as a whole 0.01 万元, a value within ±0.005 万元 of
 * it (to the 分) so that the printed totals come out as printed.
 *
 * A published table rounds every cell on its own (SPEC §2), so a total may differ from the sum of
 * its printed parts: 239.70 printed over 230.84 + 8.85. Keyed as printed, the leaves would make
 * our table print 239.69. The true figures lie somewhere inside the leaves' rounding windows;
 * this finds a set of them that reproduces every printed total it is given (`targets`), while
 * keeping exact the equalities the workbook prints (`ties`, ties.ts).
 *
 * Every derived cell is a sum of facts (expand.ts), so a target is a linear constraint
 * lo ≤ base + Σ a·e ≤ hi over the leaves' offsets e, each offset in its own window. Ties are
 * substituted away first (eliminate.ts): a dependent leaf's window becomes one more constraint.
 * Then two phases:
 *   1. continuous: cyclic projections onto each constraint's slab (narrowed a little for the
 *      rounding to come), spreading a gap over the leaves that still have room — a convex
 *      feasibility problem the true figures show to be solvable;
 *   2. integer: offsets rounded to 分, then a deterministic local search repairs what rounding
 *      broke, moving one leaf at a time and preferring a move that makes nothing worse.
 * If a tie makes the printed totals unreachable (two sides may print alike while their true
 * figures differ inside the envelope), the search runs again without the ties: printed totals
 * come first.
 */
import { type FactRef, factRefKey } from '../../../model';
import type { CellId } from '../../../tables';
import { type Constraint, constraintOf, linearOf } from './constraint';
import { eliminate, type Linear } from './eliminate';
import type { Expander, Terms } from './expand';
import { project } from './projection';
import { Search } from './repair';

/** A leaf that may move: its offset from the printed value stays within [lo, hi] 分. */
export interface Movable {
  ref: FactRef;
  lo: number;
  hi: number;
}

/** A derived cell that must land within [lo, hi] 分. */
export interface Target {
  id: CellId;
  lo: number;
  hi: number;
}

/** Σ left = Σ right, exactly (the caller passes the ties whose two sides print alike). */
export interface Tie {
  left: CellId[];
  right: CellId[];
}

export interface ReconcileResult {
  /** Offset in 分 per fact key (factRefKey), for the leaves that moved. */
  offsets: Map<string, number>;
  /** Targets still missed. */
  unresolved: CellId[];
  /** Ties kept exactly. */
  tiesKept: number;
}

/** Rewrites Σ terms·e + constant in free leaves only, with a dense accumulator (no copy when nothing is dependent). */
class Substitution {
  private readonly acc: Int32Array;
  private readonly touched: number[] = [];

  constructor(
    size: number,
    private readonly definitions: ReadonlyMap<number, Linear>,
  ) {
    this.acc = new Int32Array(size);
  }

  constraint(terms: Terms, constant: number, lo: number, hi: number): Constraint {
    let dependent = false;
    for (let k = 0; k < terms.vars.length && !dependent; k++) dependent = this.definitions.has(terms.vars[k]!);
    if (!dependent) return { vars: terms.vars, coefs: terms.coefs, lo, hi, value: constant };
    let value = constant;
    const add = (v: number, a: number) => {
      if (this.acc[v] === 0) this.touched.push(v);
      this.acc[v]! += a;
    };
    for (let k = 0; k < terms.vars.length; k++) {
      const v = terms.vars[k]!;
      const a = terms.coefs[k]!;
      const def = this.definitions.get(v);
      if (!def) {
        add(v, a);
        continue;
      }
      value += a * def.constant;
      for (const [u, b] of def.terms) add(u, a * b);
    }
    const vars: number[] = [];
    const coefs: number[] = [];
    for (const v of this.touched) {
      if (this.acc[v] !== 0) {
        vars.push(v);
        coefs.push(this.acc[v]!);
      }
      this.acc[v] = 0;
    }
    this.touched.length = 0;
    return { vars: Int32Array.from(vars), coefs: Int32Array.from(coefs), lo, hi, value };
  }
}

interface Solution {
  offset: Int32Array;
  missed: number[];
  tiesKept: number;
}

/**
 * Solves with the short ties substituted away and the long ones (收支平衡 over every leaf) kept
 * as constraints of their own, repaired after the printed totals. `targets` come first.
 */
/** Ties of at most this many leaves are substituted away; longer ones (the balances) are repaired last. */
const LOCAL_TIE = 8;

interface TieTerms {
  terms: Terms;
  /** Σ left − Σ right as it is (the tie wants 0). */
  value: number;
}

/**
 * Solves with the short ties substituted away and the long ones (收支平衡 over every leaf) kept
 * as constraints of their own, repaired after the printed totals.
 */
function solve(movable: readonly Movable[], targets: readonly Terms[], windows: readonly { lo: number; hi: number; value: number }[], ties: readonly TieTerms[]): Solution {
  const occurrences = new Int32Array(movable.length);
  for (const t of targets) for (const v of t.vars) occurrences[v]!++;
  const local = ties.filter((t) => t.terms.vars.length <= LOCAL_TIE);
  const long = ties.filter((t) => t.terms.vars.length > LOCAL_TIE);
  const { definitions, contradicted } = eliminate(local.map((t) => linearOf(t.terms, t.value)), occurrences);
  const lo = movable.map((m) => m.lo);
  const hi = movable.map((m) => m.hi);
  const sub = new Substitution(movable.length, definitions);
  const constraints = targets.map((t, k) => sub.constraint(t, windows[k]!.value, windows[k]!.lo, windows[k]!.hi));
  // A dependent leaf keeps its own window: one more constraint on the free leaves.
  for (const [d, def] of definitions) constraints.push(constraintOf(def, lo[d]!, hi[d]!));
  for (const d of definitions.keys()) {
    lo[d] = 0;
    hi[d] = 0;
  }
  const hard = constraints.length;
  const search = new Search(lo, hi, [...constraints, ...long.map((t) => sub.constraint(t.terms, t.value, 0, 0))], hard);
  search.start(project(lo, hi, constraints));
  search.run();
  const offset = search.offset;
  for (const [d, def] of definitions) {
    let o = def.constant;
    for (const [v, a] of def.terms) o += a * offset[v]!;
    offset[d] = o;
  }
  // A dependent leaf outside its window counts as missed too: it would print otherwise than the workbook.
  const missed = search.missed(hard);
  return { offset, missed, tiesKept: local.length - contradicted.length + long.length - search.missedSoft() };
}

/** `expander` must have been built over `movable` (the same leaves, in the same order). */
export function reconcile(expander: Expander, movable: readonly Movable[], targets: readonly Target[], ties: readonly Tie[]): ReconcileResult {
  // A cell printed twice (表03 合计 and 表01 第58行) is one constraint, within both windows.
  const byTerms = new Map<Terms, number>();
  const terms: Terms[] = [];
  const windows: { lo: number; hi: number; value: number }[] = [];
  const owner: number[] = [];
  targets.forEach((t) => {
    const tt = expander.terms(t.id);
    const value = expander.value(t.id);
    const at = tt.vars.length > 0 ? byTerms.get(tt) : undefined;
    if (at !== undefined && windows[at]!.value === value) {
      windows[at]!.lo = Math.max(windows[at]!.lo, t.lo);
      windows[at]!.hi = Math.min(windows[at]!.hi, t.hi);
      owner.push(at);
      return;
    }
    byTerms.set(tt, terms.length);
    owner.push(terms.length);
    terms.push(tt);
    windows.push({ lo: t.lo, hi: t.hi, value });
  });
  const tieTerms: TieTerms[] = [];
  for (const tie of ties) {
    let value = 0;
    for (const id of tie.left) value += expander.value(id);
    for (const id of tie.right) value -= expander.value(id);
    const t = expander.difference(tie.left, tie.right);
    if (t.vars.length > 0) tieTerms.push({ terms: t, value });
  }
  let best = solve(movable, terms, windows, tieTerms);
  if (best.missed.length > 0 && tieTerms.length > 0) {
    const untied = solve(movable, terms, windows, []);
    if (untied.missed.length < best.missed.length) best = untied;
  }
  const offsets = new Map<string, number>();
  movable.forEach((m, k) => {
    const o = best.offset[k]!;
    if (o !== 0) offsets.set(factRefKey(m.ref), o);
  });
  const missed = new Set(best.missed);
  return { offsets, unresolved: targets.filter((_, k) => missed.has(owner[k]!)).map((t) => t.id), tiesKept: best.tiesKept };
}
