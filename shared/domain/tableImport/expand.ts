/**
 * Every derived cell is a sum: its `refs` (other cells) and `sourceFacts` (typed facts), down to
 * typed cells. `Expander` writes a cell as Σ coefficient × leaf over a chosen set of leaves (the
 * ones 尾数调整 may move), which is what the audit counts and the reconciliation constrains.
 */
import type { CheckContext } from '../checks/types';
import { type FactRef, factRefKey } from '../model';
import { type Cell, type CellId, TABLE_IDS } from '../tables';

export interface Terms {
  vars: Int32Array;
  coefs: Int32Array;
}

const EMPTY: Terms = { vars: new Int32Array(0), coefs: new Int32Array(0) };

export class Expander {
  private readonly cells = new Map<CellId, Cell>();
  private readonly varOf: Map<string, number>;
  /** Fact objects are shared between cells: their index, looked up once. */
  private readonly factIndex = new WeakMap<FactRef, number>();
  private readonly memo = new Map<CellId, Terms>();
  private readonly acc: Int32Array;
  private readonly touched: number[] = [];

  /** `keys`: the factRefKey of each leaf, in variable order. */
  constructor(ctx: CheckContext, keys: readonly string[]) {
    for (const id of TABLE_IDS) for (const row of ctx.tables[id].rows) for (const cell of row.cells) if (cell.id) this.cells.set(cell.id, cell);
    this.varOf = new Map(keys.map((k, v) => [k, v]));
    this.acc = new Int32Array(keys.length);
  }

  private indexOf(ref: FactRef): number {
    let v = this.factIndex.get(ref);
    if (v === undefined) {
      v = this.varOf.get(factRefKey(ref)) ?? -1;
      this.factIndex.set(ref, v);
    }
    return v;
  }

  private add(v: number, coef: number): void {
    if (v < 0) return;
    if (this.acc[v] === 0) this.touched.push(v);
    this.acc[v]! += coef;
  }

  private visit(id: CellId, coef: number): void {
    const cell = this.cells.get(id);
    if (!cell) return;
    if (cell.kind === 'input') {
      if (cell.fact) this.add(this.indexOf(cell.fact), coef);
      return;
    }
    if (cell.kind !== 'derived') return;
    if (cell.refs) for (const ref of cell.refs) this.visit(ref, coef);
    if (cell.sourceFacts) for (const f of cell.sourceFacts) this.add(this.indexOf(f), coef);
  }

  private collect(): Terms {
    const vars: number[] = [];
    const coefs: number[] = [];
    for (const v of this.touched) {
      const a = this.acc[v]!;
      if (a !== 0) {
        vars.push(v);
        coefs.push(a);
      }
      this.acc[v] = 0;
    }
    this.touched.length = 0;
    return vars.length === 0 ? EMPTY : { vars: Int32Array.from(vars), coefs: Int32Array.from(coefs) };
  }

  /** The cell as Σ coefficient × leaf. */
  terms(id: CellId): Terms {
    let t = this.memo.get(id);
    if (!t) {
      this.visit(id, 1);
      t = this.collect();
      this.memo.set(id, t);
    }
    return t;
  }

  /** Σ left − Σ right as Σ coefficient × leaf. */
  difference(left: readonly CellId[], right: readonly CellId[]): Terms {
    for (const id of left) this.visit(id, 1);
    for (const id of right) this.visit(id, -1);
    return this.collect();
  }

  /** The cell's value (0 for a cell the tables do not have). */
  value(id: CellId): number {
    return this.cells.get(id)?.value ?? 0;
  }
}
