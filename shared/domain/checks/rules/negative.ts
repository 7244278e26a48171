/**
 * R-NEGATIVE: no negative amount except the carry-overs (年初、年末结转和结余). Each negative
 * typed fact is reported once, at the cell where it prints; a negative cell that no negative
 * fact explains means the model itself is wrong.
 */
import {
  EXPENDITURE_KINDS,
  factRefKey,
  FISCAL_SPLITS,
  INCOME_SOURCES,
  ITEM_CARRY,
  type FactRef,
  STATS_MONEY_FIELDS,
  type StatsMoneyField,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  VEHICLE_TYPES,
} from '../../model';
import { toPrintedUnits } from '../../money';
import { tableSpec } from '../../templates/tableSpecs';
import { type Cell, type CellId, type TableId, tableIdOfCell, tableList } from '../../tables/types';
import { CellNamer, finding, formatPrinted, type RuleMeta } from '../printed';
import type { CheckContext, Finding } from '../types';

/** Carry-over facts, which may be negative. */
function negativeAllowedFact(ref: FactRef): boolean {
  if (ref.kind === 'fiscalCarry') return true;
  if (ref.kind === 'summary') return ref.field === 'openingBalance' || ref.field === 'closingBalance';
  if (ref.kind === 'item') return (ITEM_CARRY as readonly string[]).includes(ref.field);
  return false;
}

/** Derived cells that include a carry-over and may be negative with it. */
function negativeAllowedCell(id: CellId): boolean {
  const [tid, row, col] = id.split('.');
  const allowed = tableSpec(tid ?? '').negativeAllowed;
  return Boolean(allowed && ((row !== undefined && allowed.rows?.includes(row)) || (col !== undefined && allowed.columns?.includes(col))));
}

const FACT_NAMES: Partial<Record<StatsMoneyField, string>> = {
  procurementSme: '政府采购 授予中小企业合同金额',
  procurementMicro: '政府采购 授予小微企业合同金额',
};

function factLabel(ref: FactRef): string {
  switch (ref.kind) {
    case 'item':
      return `科目 ${ref.code} ${ref.field}`;
    case 'economic':
      return `经济分类 ${ref.code}`;
    case 'stats':
      return FACT_NAMES[ref.field] ?? ref.field;
    default:
      return factRefKey(ref);
  }
}

/** The negative facts of the report that are not carry-overs (allocates only for those). */
function negativeFacts(ctx: CheckContext): [FactRef, number][] {
  const { report } = ctx;
  const out: [FactRef, number][] = [];
  for (const item of report.items) {
    for (const k of INCOME_SOURCES) if (item.income[k] < 0) out.push([{ kind: 'item', code: item.code, field: `income.${k}` }, item.income[k]]);
    for (const k of EXPENDITURE_KINDS) {
      if (item.expenditure[k] < 0) out.push([{ kind: 'item', code: item.code, field: `expenditure.${k}` }, item.expenditure[k]]);
    }
    for (const k of FISCAL_SPLITS) if (item.fiscal[k] < 0) out.push([{ kind: 'item', code: item.code, field: `fiscal.${k}` }, item.fiscal[k]]);
  }
  for (const [code, value] of Object.entries(report.economic)) if (value < 0) out.push([{ kind: 'economic', code }, value]);
  for (const field of SUMMARY_FIELDS) {
    const ref: FactRef = { kind: 'summary', field };
    if (report.summary[field] < 0 && !negativeAllowedFact(ref)) out.push([ref, report.summary[field]]);
  }
  for (const side of ['budget', 'actual'] as const) {
    for (const item of THREE_PUBLIC_ITEMS) {
      const value = report.threePublic[side][item];
      if (value < 0) out.push([{ kind: 'threePublic', side, item }, value]);
    }
  }
  for (const field of STATS_MONEY_FIELDS) if (report.stats[field] < 0) out.push([{ kind: 'stats', field }, report.stats[field]]);
  const override = report.stats.operatingCostOverride;
  if (override !== null && override < 0) out.push([{ kind: 'operatingCost' }, override]);
  for (const type of VEHICLE_TYPES) if (report.stats.vehicles[type] < 0) out.push([{ kind: 'vehicle', type }, report.stats.vehicles[type]]);
  if (report.stats.equipmentCount < 0) out.push([{ kind: 'equipment' }, report.stats.equipmentCount]);
  return out;
}

/** The run function of R-NEGATIVE. */
export function negativeAmounts(ctx: CheckContext, meta: RuleMeta): Finding[] {
  const facts = negativeFacts(ctx);
  const negativeCells: [Cell, CellId][] = [];
  for (const table of tableList(ctx.tables)) {
    for (const row of table.rows) {
      for (const cell of row.cells) if (cell.id && cell.value !== undefined && cell.value < 0) negativeCells.push([cell, cell.id]);
    }
  }
  if (facts.length === 0 && negativeCells.length === 0) return [];

  // Where each negative fact prints: input cells carry `fact`, derived sums of facts `sourceFacts`.
  const negativeKeys = new Set(facts.map(([ref]) => factRefKey(ref)));
  const factCells = new Map<string, CellId[]>();
  if (facts.length > 0) {
    for (const table of tableList(ctx.tables)) {
      for (const row of table.rows) {
        for (const cell of row.cells) {
          if (!cell.id) continue;
          const refs = cell.kind === 'input' && cell.fact ? [cell.fact] : (cell.sourceFacts ?? []);
          for (const ref of refs) {
            const key = factRefKey(ref);
            if (!negativeKeys.has(key)) continue;
            const list = factCells.get(key);
            if (list) list.push(cell.id);
            else factCells.set(key, [cell.id]);
          }
        }
      }
    }
  }
  const out: Finding[] = [];
  for (const [ref, value] of facts) {
    const cells = factCells.get(factRefKey(ref)) ?? [];
    const count = ref.kind === 'vehicle' || ref.kind === 'equipment';
    const shown = count ? String(value) : `${formatPrinted(toPrintedUnits(value), false)} 万元`;
    const where = cells.length > 0 ? new CellNamer(ctx).name(cells[0]!) : factLabel(ref);
    out.push(finding(meta, `${where} 为负数 ${shown}：此项不允许为负（只有结转和结余可以为负）`, cells, cells[0] === undefined ? undefined : tableIdOfCell(cells[0])));
  }
  // A negative cell that no negative fact explains: the model itself is wrong.
  const negativeIds = new Set(negativeCells.map(([, id]) => id));
  for (const [cell, id] of negativeCells) {
    if (negativeAllowedCell(id)) continue;
    if (cell.fact && cell.kind === 'input' && (negativeKeys.has(factRefKey(cell.fact)) || negativeAllowedFact(cell.fact))) continue;
    if (cell.sourceFacts?.some((f) => negativeKeys.has(factRefKey(f)))) continue;
    if (cell.refs?.some((r) => negativeIds.has(r))) continue;
    const shown = cell.valueType === 'count' ? String(cell.value) : `${formatPrinted(toPrintedUnits(cell.value ?? 0), false)} 万元`;
    out.push(finding(meta, `${new CellNamer(ctx).name(id)} 为负数 ${shown}：此项不允许为负`, [id], tableIdOfCell(id)));
  }
  return out;
}
