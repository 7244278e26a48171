/**
 * Which of our cells each printed entry is, and what it means: a typed leaf (a fact to store),
 * a 财政拨款收入 leaf that sums three facts (表02), a figure our tables derive (a total to audit),
 * a default the officer may override (机关运行经费), or nothing of ours (a note).
 */
import type { CellId, DerivedTable, ShanxiTables, ShanxiTableId } from '../../../tables';
import { type FactRef, factRefKey, type ItemField } from '../../../model';
import { ImportError } from './errors';
import { anchorIndex, type AnchoredCell, PROBE_CODE, type TableLayout } from './layout';
import type { PrintedEntry, PrintedTable } from './read';
import { cellPlace, isWholeUnit, parseCount, parseMoney } from './values';

/** Where a printed figure is. */
export interface Place {
  table: ShanxiTableId;
  sheet: string;
  address: string;
}

/** A typed fact as printed. */
export interface LeafRead extends Place {
  ref: FactRef;
  value: number;
  /** Printed as a whole 0.01 万元: the true figure may lie anywhere within ±0.005 万元 of it. */
  rounded: boolean;
  /** Our cell that shows it. */
  id: CellId;
}

/** 表02 财政拨款收入 of a 项: the sum of the three 财政拨款 income facts. */
export interface CompositeRead extends Place {
  code: string;
  fields: ItemField[];
  value: number;
  rounded: boolean;
  id: CellId;
}

/** A figure our tables derive, as printed. */
export interface FigureRead extends Place {
  id: CellId;
  value: number;
  blank: boolean;
  count: boolean;
}

/** A derived figure the officer may override (机关运行经费 defaults to 表06 公用经费合计). */
export interface DefaultRead extends FigureRead {
  ref: FactRef;
}

export interface Resolved {
  leaves: LeafRead[];
  composites: CompositeRead[];
  figures: FigureRead[];
  defaults: DefaultRead[];
  notes: string[];
}

const TOTAL_LABELS = new Set(['label:合计', 'label:总计']);

function place(entry: PrintedEntry): () => string {
  return () => cellPlace(entry.sheet, entry.address);
}

class Collector {
  readonly out: Resolved = { leaves: [], composites: [], figures: [], defaults: [], notes: [] };
  private readonly seen = new Map<string, PrintedEntry>();

  constructor(private readonly printed: PrintedTable) {}

  /** A cell of ours read twice (the same 科目 printed on two rows) is refused. */
  once(key: string, entry: PrintedEntry): boolean {
    const before = this.seen.get(key);
    if (before) {
      if (before.row === entry.row && before.col === entry.col) return false;
      throw new ImportError(
        `工作表“${entry.sheet}”的${this.code()}中，单元格 ${before.address} 和 ${entry.address} 是同一个数（同一科目或同一行次印了两次）。请删去重复的行后重新导入。`,
      );
    }
    this.seen.set(key, entry);
    return true;
  }

  code(): string {
    return `公开${this.printed.table}表`;
  }

  money(entry: PrintedEntry): { value: number; blank: boolean; rounded: boolean } {
    const v = parseMoney(entry.cell, this.printed.unit, place(entry));
    return { value: v.value, blank: v.blank, rounded: this.printed.unit === '万元' && !v.blank && isWholeUnit(v.value) };
  }

  note(entry: PrintedEntry, what: string): void {
    this.out.notes.push(`${cellPlace(entry.sheet, entry.address)}：${what}`);
  }
}

/** Tables 02, 03, 05, 07, 08: rows by 科目代码; a 项 row's cells are shaped like the probe's 项 row. */
function resolveSubject(printed: PrintedTable, probe: DerivedTable): Resolved {
  const c = new Collector(printed);
  const leafRow = probe.rows.find((r) => r.key === PROBE_CODE);
  if (!leafRow) throw new Error(`表${probe.id}：探测行缺失`);
  const templates = new Map(probe.columns.map((col, k) => [col.key, leafRow.cells[k]]));
  const table = printed.table;
  for (const entry of printed.entries) {
    const { strong, label } = entry.anchor;
    const code = strong?.startsWith('code:') ? strong.slice(5) : null;
    const rowKey = code ?? (label && TOTAL_LABELS.has(label) ? 'total' : null);
    const id = `${printed.table}.${rowKey ?? ''}.${entry.column}`;
    if (rowKey === null) {
      const v = c.money(entry);
      if (!v.blank) c.note(entry, `这个数不属于任何科目行（没有科目代码），未导入`);
      continue;
    }
    if (!c.once(id, entry)) continue;
    const template = templates.get(entry.column);
    const { value, blank, rounded } = c.money(entry);
    const { sheet } = printed;
    const { address } = entry;
    if (code !== null && code.length === 7 && template) {
      if (template.kind === 'input' && template.fact?.kind === 'item') {
        c.out.leaves.push({ table, sheet, address, id, ref: { kind: 'item', code, field: template.fact.field }, value, rounded });
        continue;
      }
      if (template.kind === 'derived' && template.sourceFacts && !template.refs) {
        const fields = template.sourceFacts.flatMap((f) => (f.kind === 'item' ? [f.field] : []));
        c.out.composites.push({ table, sheet, address, id, code, fields, value, rounded });
        continue;
      }
    }
    c.out.figures.push({ table, sheet, address, id, value, blank, count: false });
  }
  return c.out;
}

/** Tables 01, 04, 06, 09, 10: fixed rows, found by 行次, 经济分类代码 or label. */
function resolveFixed(printed: PrintedTable, probe: DerivedTable, layout: TableLayout): Resolved {
  const c = new Collector(printed);
  const index = anchorIndex(probe, layout);
  const find = (entry: PrintedEntry): AnchoredCell | undefined => {
    const { strong, label } = entry.anchor;
    return (
      (strong ? index.get(`${strong}|${entry.column}`) : undefined) ??
      (label ? index.get(`${label}|${entry.column}`) : undefined) ??
      (strong === null && label === null ? index.get(`none|${entry.column}`) : undefined)
    );
  };
  for (const entry of printed.entries) {
    const found = find(entry);
    const cell = found?.cell;
    const count = cell?.valueType === 'count';
    const v = count ? { ...parseCount(entry.cell, place(entry)), rounded: false } : c.money(entry);
    if (!cell || !cell.id) {
      if (!v.blank) c.note(entry, `表中这个位置没有对应的数据项，这个数未导入`);
      continue;
    }
    if (!c.once(cell.id, entry)) continue;
    const at = { table: printed.table, sheet: printed.sheet, address: entry.address, id: cell.id };
    if (cell.kind === 'na') {
      if (!v.blank) c.note(entry, `此处应印“——”（不适用），这个数未导入`);
      continue;
    }
    if (cell.kind === 'input' && cell.fact) {
      c.out.leaves.push({ ...at, ref: cell.fact, value: v.value, rounded: v.rounded });
      continue;
    }
    if (cell.kind === 'derived') {
      const figure: FigureRead = { ...at, value: v.value, blank: v.blank, count };
      c.out.figures.push(figure);
      if (cell.fact) c.out.defaults.push({ ...figure, ref: cell.fact });
    }
  }
  return c.out;
}

export function resolveTable(printed: PrintedTable, probe: ShanxiTables, layout: TableLayout): Resolved {
  return layout.bySubject ? resolveSubject(printed, probe[printed.table]) : resolveFixed(printed, probe[printed.table], layout);
}

/** Two leaves of one fact (表07 本年收入 also read elsewhere) must agree; otherwise refuse. */
export function mergeLeaves(all: readonly LeafRead[]): Map<string, LeafRead> {
  const byKey = new Map<string, LeafRead>();
  for (const leaf of all) {
    const key = factRefKey(leaf.ref);
    const before = byKey.get(key);
    if (before && before.value !== leaf.value) {
      throw new ImportError(
        `${cellPlace(before.sheet, before.address)}与${cellPlace(leaf.sheet, leaf.address)}是同一个数据项，但印的数不同。请改正后重新导入。`,
      );
    }
    if (!before) byKey.set(key, leaf);
  }
  return byKey;
}
