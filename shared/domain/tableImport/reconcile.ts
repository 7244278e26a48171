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
import { type FactRef, factRefKey } from '../model';
import type { CellId } from '../tables';
import { eliminate, type Linear } from './eliminate';
import type { Expander, Terms } from './expand';

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

const MAX_PASSES = 6;
/** Sweeps of the continuous phase at most, and without progress. */
const MAX_SWEEPS = 100;
const STALL = 10;

interface Constraint {
  vars: Int32Array;
  coefs: Int32Array;
  lo: number;
  hi: number;
  /** Current value: base + Σ a·e. */
  value: number;
}

function linearOf(terms: Terms, constant: number): Linear {
  const map = new Map<number, number>();
  terms.vars.forEach((v, k) => map.set(v, terms.coefs[k]!));
  return { terms: map, constant };
}

function constraintOf(expr: Linear, lo: number, hi: number): Constraint {
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

function missOf(c: Constraint, value: number): number {
  return value < c.lo ? c.lo - value : value > c.hi ? value - c.hi : 0;
}

/**
 * Phase 1: real offsets that meet every constraint narrowed by a margin of about √n 分 (the
 * rounding of n leaves to 分 moves a sum by about that much). A constraint outside its window
 * spreads the gap evenly over its leaves that can still move that way. Stops when every gap is
 * under half a 分, or when the gaps stop shrinking (the integer repair closes what is left).
 */
function project(lo: ArrayLike<number>, hi: ArrayLike<number>, constraints: readonly Constraint[]): Float64Array {
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

/** Phase 2: integer offsets, repaired one leaf at a time. */
class Search {
  readonly offset: Int32Array;
  /** Per leaf: the constraints it is in, with its coefficient. */
  private readonly uses: { c: number; a: number }[][];

  /** Constraints from `hard` on are soft: repaired only by moves that break no hard one. */
  constructor(
    private readonly lo: ArrayLike<number>,
    private readonly hi: ArrayLike<number>,
    private readonly constraints: Constraint[],
    private readonly hard: number = constraints.length,
  ) {
    this.offset = new Int32Array(lo.length);
    this.uses = Array.from({ length: lo.length }, () => []);
    constraints.forEach((c, i) => c.vars.forEach((v, k) => this.uses[v]!.push({ c: i, a: c.coefs[k]! })));
  }

  /** Starts from the continuous offsets, rounded to 分. */
  start(offsets: Float64Array): void {
    offsets.forEach((o, v) => {
      const d = Math.round(o);
      if (d === 0) return;
      this.offset[v] = d;
      for (const { c, a } of this.uses[v]!) this.constraints[c]!.value += a * d;
    });
  }

  /** Change of the total miss and of the number of missed constraints if `v` moves by `d`; whether none gets worse. */
  private score(v: number, d: number): { miss: number; missed: number; clean: boolean } {
    let miss = 0;
    let missed = 0;
    let clean = true;
    for (const { c, a } of this.uses[v]!) {
      const con = this.constraints[c]!;
      const before = missOf(con, con.value);
      const after = missOf(con, con.value + a * d);
      miss += after - before;
      missed += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      if (after > before) clean = false;
    }
    return { miss, missed, clean };
  }

  private move(v: number, d: number): void {
    this.offset[v]! += d;
    for (const { c, a } of this.uses[v]!) this.constraints[c]!.value += a * d;
  }

  /**
   * Tries to bring one constraint inside its window; true when something improved. Takes the
   * first move that closes it and worsens nothing; else the clean move that gets closest; else,
   * only if it leaves fewer constraints missed, the move that does.
   */
  private fix(i: number): boolean {
    const con = this.constraints[i]!;
    const miss = missOf(con, con.value);
    if (miss === 0) return false;
    const up = con.value < con.lo;
    let clean: { v: number; d: number; miss: number } | null = null;
    let dirty: { v: number; d: number; miss: number; missed: number } | null = null;
    for (let k = 0; k < con.vars.length; k++) {
      const v = con.vars[k]!;
      const a = con.coefs[k]!;
      const size = Math.ceil(miss / Math.abs(a));
      const dir = (up ? 1 : -1) * Math.sign(a);
      // As far as the leaf's window allows, when the whole way does not fit.
      const limit = dir > 0 ? this.hi[v]! - this.offset[v]! : this.offset[v]! - this.lo[v]!;
      const d = dir * Math.min(size, limit);
      if (d === 0) continue;
      const s = this.score(v, d);
      if (s.clean && s.miss < 0) {
        if (Math.abs(d) === size) {
          this.move(v, d);
          return true;
        }
        if (!clean || s.miss < clean.miss) clean = { v, d, miss: s.miss };
      } else if (i < this.hard && s.missed < 0 && (!dirty || s.missed < dirty.missed || (s.missed === dirty.missed && s.miss < dirty.miss))) {
        dirty = { v, d, miss: s.miss, missed: s.missed };
      }
    }
    const chosen = clean ?? dirty;
    if (!chosen) return false;
    this.move(chosen.v, chosen.d);
    return true;
  }

  run(): void {
    const order = this.constraints
      .map((c, i) => ({ i, size: c.vars.length }))
      .sort((a, b) => a.size - b.size || a.i - b.i)
      .map(({ i }) => i);
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (const i of order) {
        const con = this.constraints[i]!;
        // A constraint may need several moves (a gap wider than one leaf's window).
        for (let tries = 0; tries < 8 && missOf(con, con.value) > 0; tries++) {
          if (!this.fix(i)) break;
          improved = true;
        }
      }
      if (!improved) break;
    }
  }

  missedSoft(): number {
    let n = 0;
    for (let i = this.hard; i < this.constraints.length; i++) if (missOf(this.constraints[i]!, this.constraints[i]!.value) > 0) n++;
    return n;
  }

  missed(count: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < count; i++) if (missOf(this.constraints[i]!, this.constraints[i]!.value) > 0) out.push(i);
    return out;
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
  const terms = targets.map((t) => expander.terms(t.id));
  const windows = targets.map((t) => ({ lo: t.lo, hi: t.hi, value: expander.value(t.id) }));
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
  return { offsets, unresolved: best.missed.filter((i) => i < targets.length).map((i) => targets[i]!.id), tiesKept: best.tiesKept };
}
