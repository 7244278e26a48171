/**
 * Every derived cell is a sum: its `refs` (other cells) and `sourceFacts` (typed facts), down to
 * typed cells. `Expander` writes a cell as Σ coefficient × leaf over a chosen set of leaves (the
 * ones 尾数调整 may move), which is what the audit counts and the reconciliation constrains.
 */
import type { CheckContext } from '../../../checks/types';
import { type FactRef, factRefKey } from '../../../model';
import { type Cell, type CellId, tableList } from '../../../tables';

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
    for (const table of tableList(ctx.tables)) for (const row of table.rows) for (const cell of row.cells) if (cell.id) this.cells.set(cell.id, cell);
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

  /** Adds coef × terms to the accumulator. */
  private addTerms(t: Terms, coef: number): void {
    for (let k = 0; k < t.vars.length; k++) this.add(t.vars[k]!, coef * t.coefs[k]!);
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

  /** The cell as Σ coefficient × leaf; a derived cell as the sum of its parts' terms, each computed once. */
  terms(id: CellId): Terms {
    const cached = this.memo.get(id);
    if (cached) return cached;
    const cell = this.cells.get(id);
    let t = EMPTY;
    if (cell?.kind === 'input' && cell.fact) {
      const v = this.indexOf(cell.fact);
      if (v >= 0) t = { vars: Int32Array.of(v), coefs: Int32Array.of(1) };
    } else if (cell?.kind === 'derived' && cell.refs?.length === 1 && !cell.sourceFacts) {
      // A copy of another cell (表01 第58行 = 表03 合计): the same terms, shared.
      t = this.terms(cell.refs[0]!);
    } else if (cell?.kind === 'derived') {
      // The parts first (computing them uses the accumulator too), then their sum.
      const parts = (cell.refs ?? []).map((ref) => this.terms(ref));
      for (const p of parts) this.addTerms(p, 1);
      if (cell.sourceFacts) for (const f of cell.sourceFacts) this.add(this.indexOf(f), 1);
      t = this.collect();
    }
    this.memo.set(id, t);
    return t;
  }

  /** Σ left − Σ right as Σ coefficient × leaf. */
  difference(left: readonly CellId[], right: readonly CellId[]): Terms {
    // Every part first (computing one uses the accumulator), then the sum.
    const l = left.map((id) => this.terms(id));
    const r = right.map((id) => this.terms(id));
    for (const t of l) this.addTerms(t, 1);
    for (const t of r) this.addTerms(t, -1);
    return this.collect();
  }

  /** The cell's value (0 for a cell the tables do not have). */
  value(id: CellId): number {
    return this.cells.get(id)?.value ?? 0;
  }
}
