/**
 * The year's facts after an import: the facts the imported tables carry are replaced by what
 * they print; everything else the year holds (texts, settings, 年初预算, last year's figures,
 * counts, tables the workbook does not have) is kept.
 */
import type { Catalogue } from '../../../catalogue';
import {
  compareCodes,
  type Department,
  emptyItem,
  type FactRef,
  factRefKey,
  type ItemField,
  itemHasData,
  readFact,
  type Report,
  setItemField,
  writeFact,
} from '../../../model';
import { type CellId, deriveTables, type ShanxiTables, type ShanxiTableId } from '../../../tables';
import { PROBE_CODE, SUBJECT_TABLES } from './layout';
import type { CompositeRead, LeafRead } from './resolve';

/** The facts a table carries: item fields (any 项) and whole facts, by the table they print in. */
export interface Carried {
  itemFields: Map<ItemField, ShanxiTableId>;
  facts: Map<string, { ref: FactRef; table: ShanxiTableId; id: CellId }>;
  /** Table 06 carries every 经济分类 款. */
  economic: boolean;
}

/** What the present tables carry, read off the probe tables' typed cells. */
export function carriedBy(probe: ShanxiTables, tables: readonly ShanxiTableId[]): Carried {
  const carried: Carried = { itemFields: new Map(), facts: new Map(), economic: false };
  for (const id of tables) {
    for (const row of probe[id].rows) {
      for (const cell of row.cells) {
        if (SUBJECT_TABLES.has(id)) {
          if (row.key !== PROBE_CODE) continue;
          if (cell.kind === 'input' && cell.fact?.kind === 'item' && !carried.itemFields.has(cell.fact.field)) carried.itemFields.set(cell.fact.field, id);
          // 表02 财政拨款收入 assigns the fields no other table prints (一般公共预算, 国有资本经营).
          if (cell.kind === 'derived' && cell.sourceFacts && !cell.refs) {
            for (const f of cell.sourceFacts) if (f.kind === 'item' && f.field !== 'income.govFund') carried.itemFields.set(f.field, id);
          }
          continue;
        }
        const fact = cell.fact;
        if (!fact || !cell.id || (cell.kind !== 'input' && cell.kind !== 'derived')) continue;
        if (fact.kind === 'economic') carried.economic = true;
        else carried.facts.set(factRefKey(fact), { ref: fact, table: id, id: cell.id });
      }
    }
  }
  return carried;
}

function clearCarried(report: Report, carried: Carried): void {
  for (const item of report.items) for (const field of carried.itemFields.keys()) setItemField(item, field, 0);
  if (carried.economic) report.economic = {};
  for (const { ref } of carried.facts.values()) writeFact(report, ref, ref.kind === 'operatingCost' ? null : 0);
}

export interface BuildInput {
  department: Department;
  base: Report;
  catalogue: Catalogue;
  carried: Carried;
  leaves: ReadonlyMap<string, LeafRead>;
  composites: readonly CompositeRead[];
  /** 表04 第3行 国有资本经营预算财政拨款收入 as printed, when table 04 was read. */
  stateCapitalIncome: number | null;
}

/**
 * 国有资本经营预算财政拨款收入 per 项 is printed in no table (表02 prints the three funds as one
 * 财政拨款收入). Given 表04 第3行, it is assigned to the 项 that spend 国有资本经营 funds (表08),
 * up to what each spends, out of what 表02 left to 一般公共预算.
 */
function allocateStateCapital(report: Report, printed: number): void {
  let remaining = printed - report.items.reduce((s, i) => s + i.income.stateCapital, 0);
  for (const item of report.items) {
    if (remaining <= 0) break;
    const spent = item.fiscal.stateCapitalBasic + item.fiscal.stateCapitalProject - item.income.stateCapital;
    const moved = Math.min(remaining, spent, item.income.generalBudget);
    if (moved <= 0) continue;
    item.income.generalBudget -= moved;
    item.income.stateCapital += moved;
    remaining -= moved;
  }
}

/** The report after the import, and the tables derived from it (before rounding is reconciled). */
export function buildReport(input: BuildInput): { report: Report; tables: ShanxiTables } {
  const report = structuredClone(input.base);
  const hadData = new Set(report.items.filter(itemHasData).map((i) => i.code));
  clearCarried(report, input.carried);
  // Every 项 the tables print gets its row first (one sort), so the writes below find it.
  const known = new Set(report.items.map((i) => i.code));
  for (const leaf of input.leaves.values()) {
    if (leaf.ref.kind === 'item' && !known.has(leaf.ref.code)) {
      known.add(leaf.ref.code);
      report.items.push(emptyItem(leaf.ref.code));
    }
  }
  for (const c of input.composites) {
    if (!known.has(c.code)) {
      known.add(c.code);
      report.items.push(emptyItem(c.code));
    }
  }
  report.items.sort((a, b) => compareCodes(a.code, b.code));
  for (const leaf of input.leaves.values()) writeFact(report, leaf.ref, leaf.value);
  for (const c of input.composites) {
    // The sum of the fields is printed; the fields printed elsewhere are known; the first other one takes the rest.
    const printed = new Set(c.fields.filter((f) => input.leaves.has(factRefKey({ kind: 'item', code: c.code, field: f }))));
    const target = c.fields.find((f) => !printed.has(f) && input.carried.itemFields.has(f));
    if (!target) continue;
    let others = 0;
    const probeRef = (field: ItemField): FactRef => ({ kind: 'item', code: c.code, field });
    for (const f of c.fields) if (f !== target) others += readFact(report, probeRef(f)) ?? 0;
    writeFact(report, probeRef(target), c.value - others);
  }
  if (input.stateCapitalIncome !== null && input.stateCapitalIncome > 0) allocateStateCapital(report, input.stateCapitalIncome);
  // 项 that held figures and hold none now were cleared by the import: their rows go too.
  report.items = report.items.filter((i) => itemHasData(i) || !hadData.has(i.code));
  return { report, tables: deriveTables(input.department, report, input.catalogue) };
}

