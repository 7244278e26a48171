/**
 * Ties (exact equalities Σ a·e = c over leaf offsets, a = ±1) turned into substitutions: each tie
 * names one of its leaves as dependent, defined by the others (Gauss–Jordan, kept sparse by
 * choosing the leaf that the fewest constraints hold). The search then moves only free leaves,
 * and every tie holds by construction. A tie that adds nothing (implied by earlier ones) is
 * skipped; one that contradicts them is reported.
 */

/** Σ coef × offset + constant. */
export interface Linear {
  terms: Map<number, number>;
  constant: number;
}

export interface Elimination {
  /** Dependent leaf → its offset in terms of free leaves. */
  definitions: Map<number, Linear>;
  /** Ties (by index) that contradict earlier ones. */
  contradicted: number[];
}

function addScaled(into: Linear, from: Linear, scale: number, skip: number): void {
  into.constant += scale * from.constant;
  for (const [v, a] of from.terms) {
    if (v === skip) continue;
    const next = (into.terms.get(v) ?? 0) + scale * a;
    if (next === 0) into.terms.delete(v);
    else into.terms.set(v, next);
  }
}

/**
 * `ties[i]`: Σ terms·e + constant = 0. `occurrences[v]`: how many constraints hold leaf v (a
 * dependent leaf's definition is copied into each of them).
 */
export function eliminate(ties: readonly Linear[], occurrences: ArrayLike<number>): Elimination {
  const definitions = new Map<number, Linear>();
  /** Free leaf → dependent leaves whose definitions use it. */
  const usedBy = new Map<number, Set<number>>();
  const contradicted: number[] = [];
  const use = (d: number, def: Linear) => {
    for (const v of def.terms.keys()) {
      let set = usedBy.get(v);
      if (!set) usedBy.set(v, (set = new Set()));
      set.add(d);
    }
  };
  ties.forEach((tie, i) => {
    // The tie in free leaves only.
    const row: Linear = { terms: new Map(), constant: tie.constant };
    for (const [v, a] of tie.terms) {
      const def = definitions.get(v);
      if (def) addScaled(row, def, a, -1);
      else addScaled(row, { terms: new Map([[v, a]]), constant: 0 }, 1, -1);
    }
    let pivot = -1;
    for (const [v, a] of row.terms) {
      if (Math.abs(a) !== 1) continue;
      if (pivot < 0 || (occurrences[v] ?? 0) < (occurrences[pivot] ?? 0) || ((occurrences[v] ?? 0) === (occurrences[pivot] ?? 0) && v < pivot)) pivot = v;
    }
    if (pivot < 0) {
      if (row.terms.size > 0 || row.constant !== 0) contradicted.push(i);
      return;
    }
    // e_pivot = −(constant + Σ others) / a_pivot, with a_pivot = ±1.
    const a = row.terms.get(pivot)!;
    const def: Linear = { terms: new Map(), constant: 0 };
    addScaled(def, row, -a, pivot);
    // Earlier definitions that used the pivot now use its definition.
    for (const d of usedBy.get(pivot) ?? []) {
      const other = definitions.get(d)!;
      const coef = other.terms.get(pivot) ?? 0;
      if (coef === 0) continue;
      other.terms.delete(pivot);
      addScaled(other, def, coef, -1);
      use(d, other);
    }
    usedBy.delete(pivot);
    definitions.set(pivot, def);
    use(pivot, def);
  });
  return { definitions, contradicted };
}
