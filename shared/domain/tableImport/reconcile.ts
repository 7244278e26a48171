/**
 * 尾数调整: choosing, for every leaf printed as a whole 0.01 万元, a value within ±0.005 万元 of
 * it (to the 分) so that the printed totals come out as printed.
 *
 * A published table rounds every cell on its own (SPEC §2), so a total may differ from the sum of
 * its printed parts: 239.70 printed over 230.84 + 8.85. Keyed as printed, the leaves would make
 * our table print 239.69. The true figures lie somewhere inside the leaves' rounding windows;
 * this finds a set of them that reproduces every printed total it is given (`targets`), while
 * keeping exact equalities the data had (`ties`: a 项's income and expenditure, 表03 基本支出 and
 * the 财政拨款 split of 表05/07/08, 表05 基本支出 and 表06).
 *
 * Every derived cell is a sum of facts (its `refs` and `sourceFacts`, down to typed cells), so a
 * target is a linear constraint lo ≤ Σ a·x ≤ hi over the leaves' offsets, each offset in a box.
 * The true figures show the constraints can be met. Two phases:
 *   1. continuous: cyclic projections onto each constraint's slab (narrowed by the rounding to
 *      come), spreading a gap over the leaves of the constraint that still have room — a convex
 *      feasibility problem, which this settles in a few sweeps;
 *   2. integer: the offsets rounded to 分, then a deterministic local search repairs what the
 *      rounding broke, one move (a leaf and the partners its ties need) at a time, preferring a
 *      move that makes nothing else worse.
 */
import type { Expander, Terms } from './expand';
import { type FactRef, factRefKey } from '../model';
import type { CellId } from '../tables';

/** A leaf that may move: its offset from the printed value stays within [lo, hi] 分. */
export interface Movable {
  ref: FactRef;
  lo: number;
  hi: number;
  /** Leaves of one 项 (or one group) are preferred as tie partners. */
  group: string;
}

/** A derived cell that must land within [lo, hi] 分. */
export interface Target {
  id: CellId;
  lo: number;
  hi: number;
}

/** Σ left = Σ right, exactly, as it is before the search. */
export interface Tie {
  left: CellId[];
  right: CellId[];
}

export interface ReconcileResult {
  /** Offset in 分 per fact key (factRefKey), for the leaves that moved. */
  offsets: Map<string, number>;
  /** Targets still missed. */
  unresolved: CellId[];
}

/** Leaves move by whole 分. */
const STEP = 1;
const MAX_PASSES = 6;
/** Sweeps of the continuous phase at most. */
const MAX_SWEEPS = 200;
const MAX_PARTNERS = 6;
/** First partners tried for a move that breaks a tie. */
const ALTERNATIVES = 8;

interface Scored {
  move: Map<number, number>;
  changes: Map<number, number>;
  /** Change of the total miss (分). */
  miss: number;
  /** Change of the number of missed constraints. */
  missed: number;
  clean: boolean;
}

interface Constraint {
  vars: Int32Array;
  coefs: Int32Array;
  lo: number;
  hi: number;
  value: number;
  tie: boolean;
}

function constraintOf(terms: Terms, lo: number, hi: number, value: number, tie: boolean): Constraint {
  return { vars: terms.vars, coefs: terms.coefs, lo, hi, value, tie };
}

function missOf(c: Constraint, value: number): number {
  return value < c.lo ? c.lo - value : value > c.hi ? value - c.hi : 0;
}

class Search {
  readonly offset: Int32Array;
  /** Per variable: the constraints it is in, with its coefficient. */
  private readonly uses: { c: number; a: number }[][];

  constructor(
    private readonly movable: readonly Movable[],
    private readonly constraints: Constraint[],
  ) {
    this.offset = new Int32Array(movable.length);
    this.uses = movable.map(() => []);
    constraints.forEach((c, i) => c.vars.forEach((v, k) => this.uses[v]!.push({ c: i, a: c.coefs[k]! })));
  }

  private room(v: number, delta: number): boolean {
    const o = this.offset[v]! + delta;
    return o >= this.movable[v]!.lo && o <= this.movable[v]!.hi;
  }

  /**
   * Moves of `v` by `delta` with the partners that keep its ties: one per choice of the first
   * partner (up to ALTERNATIVES), later partners chosen from the same group first. Empty when a
   * bound forbids moving `v`.
   */
  private movesFor(v: number, delta: number): Map<number, number>[] {
    if (!this.room(v, delta)) return [];
    const first = this.partnerChoices(new Map([[v, delta]]), v);
    if (first === null) return [new Map([[v, delta]])];
    const moves: Map<number, number>[] = [];
    for (const [u, d] of first.slice(0, ALTERNATIVES)) {
      const move = new Map<number, number>([[v, delta], [u, d]]);
      for (let step = 1; step < MAX_PARTNERS; step++) {
        const next = this.partnerChoices(move, v);
        if (next === null || next.length === 0) break;
        const [w, e] = next[0]!;
        move.set(w, e);
      }
      moves.push(move);
    }
    return moves.length > 0 ? moves : [new Map([[v, delta]])];
  }

  /**
   * The first tie the move leaves unbalanced, and the partners that would balance it (same group
   * as `v` first); null when every tie balances.
   */
  private partnerChoices(move: Map<number, number>, v: number): [number, number][] | null {
    const imbalance = new Map<number, number>();
    for (const [u, d] of move) {
      for (const { c, a } of this.uses[u]!) if (this.constraints[c]!.tie) imbalance.set(c, (imbalance.get(c) ?? 0) + a * d);
    }
    let open = -1;
    for (const [c, d] of imbalance) {
      if (d !== 0) {
        open = c;
        break;
      }
    }
    if (open < 0) return null;
    const tie = this.constraints[open]!;
    const need = imbalance.get(open)!;
    const same: [number, number][] = [];
    const other: [number, number][] = [];
    for (let k = 0; k < tie.vars.length; k++) {
      const u = tie.vars[k]!;
      if (move.has(u)) continue;
      const d = -need / tie.coefs[k]!;
      if (!Number.isInteger(d) || !this.room(u, d)) continue;
      (this.movable[u]!.group === this.movable[v]!.group ? same : other).push([u, d]);
    }
    return [...same, ...other];
  }

  /** Change of total miss and of the number of missed constraints, and whether none got worse. */
  private score(move: Map<number, number>): Scored {
    const changes = new Map<number, number>();
    for (const [u, d] of move) for (const { c, a } of this.uses[u]!) changes.set(c, (changes.get(c) ?? 0) + a * d);
    let miss = 0;
    let missed = 0;
    let clean = true;
    for (const [c, d] of changes) {
      const con = this.constraints[c]!;
      const before = missOf(con, con.value);
      const after = missOf(con, con.value + d);
      miss += after - before;
      missed += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
      if (after > before) clean = false;
    }
    return { move, changes, miss, missed, clean };
  }

  private apply(s: Scored): void {
    for (const [u, d] of s.move) this.offset[u]! += d;
    for (const [c, d] of s.changes) this.constraints[c]!.value += d;
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
    let clean: Scored | null = null;
    let dirty: Scored | null = null;
    for (let k = 0; k < con.vars.length; k++) {
      const v = con.vars[k]!;
      const a = con.coefs[k]!;
      const size = Math.ceil(miss / Math.abs(a) / STEP) * STEP;
      const dir = (up ? 1 : -1) * Math.sign(a);
      const mv = this.movable[v]!;
      // As far as the bound allows, when the whole way does not fit.
      const limit = dir > 0 ? mv.hi - this.offset[v]! : this.offset[v]! - mv.lo;
      const delta = dir * Math.min(size, Math.floor(limit / STEP) * STEP);
      if (delta === 0) continue;
      for (const move of this.movesFor(v, delta)) {
        const s = this.score(move);
        if (s.clean && s.miss < 0) {
          if (Math.abs(delta) === size) {
            this.apply(s);
            return true;
          }
          if (!clean || s.miss < clean.miss) clean = s;
        } else if (s.missed < 0 && (!dirty || s.missed < dirty.missed || (s.missed === dirty.missed && s.miss < dirty.miss))) dirty = s;
      }
    }
    const chosen = clean ?? dirty;
    if (!chosen) return false;
    this.apply(chosen);
    return true;
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

  run(): void {
    const order = this.constraints
      .map((c, i) => ({ i, size: c.vars.length }))
      .filter(({ i }) => !this.constraints[i]!.tie)
      .sort((a, b) => a.size - b.size || a.i - b.i)
      .map(({ i }) => i);
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let improved = false;
      for (const i of order) {
        const con = this.constraints[i]!;
        if (missOf(con, con.value) === 0) continue;
        // A constraint may need several moves (a gap wider than one leaf's window).
        for (let tries = 0; tries < 8 && missOf(con, con.value) > 0; tries++) {
          if (!this.fix(i)) break;
          improved = true;
        }
      }
      if (!improved) break;
    }
  }

  missed(): number[] {
    return this.constraints.flatMap((c, i) => (!c.tie && missOf(c, c.value) > 0 ? [i] : []));
  }
}

/**
 * Phase 1: offsets (real) that meet every constraint narrowed by `margin`, by cyclic projection:
 * a constraint outside its window spreads the gap evenly over its leaves that can still move that
 * way. Stops when a sweep finds nothing to do or after MAX_SWEEPS.
 */
function project(movable: readonly Movable[], constraints: readonly Constraint[]): Float64Array {
  const e = new Float64Array(movable.length);
  const lo = movable.map((m) => m.lo);
  const hi = movable.map((m) => m.hi);
  const margin = constraints.map((c) => (c.tie ? 0 : Math.min(Math.ceil(c.vars.length / 2) + 1, Math.floor((c.hi - c.lo) / 4))));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = false;
    constraints.forEach((c, i) => {
      let sum = c.value;
      for (let k = 0; k < c.vars.length; k++) sum += c.coefs[k]! * e[c.vars[k]!]!;
      const wantLo = c.lo + margin[i]!;
      const wantHi = c.hi - margin[i]!;
      const gap = sum < wantLo ? wantLo - sum : sum > wantHi ? wantHi - sum : 0;
      if (Math.abs(gap) < 1e-6) return;
      let free = 0;
      for (let k = 0; k < c.vars.length; k++) {
        const v = c.vars[k]!;
        const dir = gap * c.coefs[k]!;
        if (dir > 0 ? e[v]! < hi[v]! : e[v]! > lo[v]!) free += c.coefs[k]! * c.coefs[k]!;
      }
      if (free === 0) return;
      const step = gap / free;
      for (let k = 0; k < c.vars.length; k++) {
        const v = c.vars[k]!;
        const next = Math.min(hi[v]!, Math.max(lo[v]!, e[v]! + c.coefs[k]! * step));
        if (next !== e[v]) moved = true;
        e[v] = next;
      }
    });
    if (!moved) break;
  }
  return e;
}

/** `expander` must have been built over `movable` (the same variables, in the same order). */
export function reconcile(expander: Expander, movable: readonly Movable[], targets: readonly Target[], ties: readonly Tie[]): ReconcileResult {
  const constraints: Constraint[] = [];
  const targetIds: CellId[] = [];
  for (const t of targets) {
    constraints.push(constraintOf(expander.terms(t.id), t.lo, t.hi, expander.value(t.id), false));
    targetIds.push(t.id);
  }
  for (const tie of ties) {
    let value = 0;
    for (const id of tie.left) value += expander.value(id);
    for (const id of tie.right) value -= expander.value(id);
    const terms = expander.difference(tie.left, tie.right);
    // Only equalities the data holds exactly are kept.
    if (value === 0 && terms.vars.length > 0) constraints.push(constraintOf(terms, 0, 0, 0, true));
  }
  const continuous = project(movable, constraints);
  const search = new Search(movable, constraints);
  search.start(continuous);
  search.run();
  const offsets = new Map<string, number>();
  movable.forEach((m, k) => {
    const o = search.offset[k]!;
    if (o !== 0) offsets.set(factRefKey(m.ref), o);
  });
  return { offsets, unresolved: search.missed().map((i) => targetIds[i]!) };
}
