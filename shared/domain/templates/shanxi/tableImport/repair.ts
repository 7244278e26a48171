/**
 * Phase 2 of 尾数调整 (reconcile.ts): integer offsets (分), repaired one leaf at a time by a
 * deterministic local search that prefers a move making nothing worse.
 */
import { type Constraint, missOf } from './constraint';

const MAX_PASSES = 6;

/** Phase 2: integer offsets, repaired one leaf at a time. */
export class Search {
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

