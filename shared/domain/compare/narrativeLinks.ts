/**
 * Which 情况说明 field explains a table figure's change: read from the drafted narrative itself.
 * A year-over-year clause prints the change of a figure (a `difference` whose second term is last
 * year's figure) and asks for its reason in the field after it (主要原因是…); every other printed
 * figure names the cells it comes from. So a cell is explained by the reason field of the YoY
 * clause that prints it, else by the section that prints it.
 */
import type { FigureSource } from '../narrative/sources';
import { sourceCells } from '../narrative/sources';
import type { Section } from '../narrative/types';
import { type CellId, tableIdOfCell } from '../tables/types';

/** Where in the narrative a change is (or should be) explained. */
export interface NarrativeLink {
  /** Section id (`n1` … `n10`). */
  section: string;
  sectionTitle: string;
  /** The reason field (`n1.reason`, `n5.3.201.reason`), when the clause has one. */
  field?: string;
}

/** A year-over-year clause of the narrative. */
export interface YoyClause {
  section: string;
  sectionTitle: string;
  /** Last year's figure key (`incomeTotal`, `general/201`). */
  key: string;
  current: FigureSource;
  /** Last year's figure in 分, as printed. */
  priorFen: number;
  field?: string;
}

export interface NarrativeIndex {
  clauses: YoyClause[];
  /** A cell → the reason field of the YoY clause printing its change. */
  yoyByCell: ReadonlyMap<CellId, NarrativeLink>;
  /** A cell → the first section printing it. */
  sectionByCell: ReadonlyMap<CellId, NarrativeLink>;
  /** A table → the section that prints most of its cells. */
  sectionByTable: ReadonlyMap<string, NarrativeLink>;
}

function priorTerm(source: FigureSource | undefined): { current: FigureSource; key: string; fen: number } | null {
  if (source?.kind !== 'difference') return null;
  const [current, prior] = source.of;
  return prior.kind === 'prior' ? { current, key: prior.key, fen: prior.fen } : null;
}

export function indexNarrative(sections: readonly Section[]): NarrativeIndex {
  const clauses: YoyClause[] = [];
  const yoyByCell = new Map<CellId, NarrativeLink>();
  const sectionByCell = new Map<CellId, NarrativeLink>();
  const tableCounts = new Map<string, Map<string, { link: NarrativeLink; count: number }>>();
  for (const s of sections) {
    const sectionLink: NarrativeLink = { section: s.id, sectionTitle: s.title };
    for (const p of s.paragraphs) {
      const open: YoyClause[] = [];
      for (const run of p.runs) {
        if (run.kind === 'field') {
          // The reason field after one or more YoY clauses explains all of them.
          for (const c of open) c.field = run.key;
          open.length = 0;
          continue;
        }
        if (run.kind !== 'figure' || !run.source) continue;
        const term = priorTerm(run.source);
        if (term) {
          const clause: YoyClause = { section: s.id, sectionTitle: s.title, key: term.key, current: term.current, priorFen: term.fen };
          clauses.push(clause);
          open.push(clause);
        }
        for (const cell of sourceCells(run.source)) {
          if (!sectionByCell.has(cell)) sectionByCell.set(cell, sectionLink);
          const table = tableIdOfCell(cell);
          const counts = tableCounts.get(table) ?? new Map<string, { link: NarrativeLink; count: number }>();
          tableCounts.set(table, counts);
          const entry = counts.get(s.id) ?? { link: sectionLink, count: 0 };
          entry.count++;
          counts.set(s.id, entry);
        }
      }
    }
  }
  for (const c of clauses) {
    const link: NarrativeLink = { section: c.section, sectionTitle: c.sectionTitle, ...(c.field ? { field: c.field } : {}) };
    for (const cell of sourceCells(c.current)) if (!yoyByCell.has(cell)) yoyByCell.set(cell, link);
  }
  const sectionByTable = new Map<string, NarrativeLink>();
  for (const [table, counts] of tableCounts) {
    const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
    if (best) sectionByTable.set(table, best.link);
  }
  return { clauses, yoyByCell, sectionByCell, sectionByTable };
}

/** The parent 类/款 of a 功能分类 code, then the table's 合计 row (`total`). */
function parentRowKey(rowKey: string): string | null {
  if (/^\d{7}$/u.test(rowKey)) return rowKey.slice(0, 5);
  if (/^\d{5}$/u.test(rowKey)) return rowKey.slice(0, 3);
  if (/^\d{3}$/u.test(rowKey)) return 'total';
  return null;
}

/**
 * Where a changed cell is explained: the YoY clause printing it (or its 款/类/合计 in the same
 * column), else the section printing it (or its parent), else the section printing most of
 * its table.
 */
export function linkFor(index: NarrativeIndex, cell: CellId): NarrativeLink | undefined {
  const table = tableIdOfCell(cell);
  const [rowKey, column] = [cell.slice(table.length + 1, cell.lastIndexOf('.')), cell.slice(cell.lastIndexOf('.') + 1)];
  const chain: CellId[] = [cell];
  for (let key = parentRowKey(rowKey); key !== null; key = parentRowKey(key)) chain.push(`${table}.${key}.${column}`);
  for (const id of chain) {
    const link = index.yoyByCell.get(id);
    if (link) return link;
  }
  for (const id of chain) {
    const link = index.sectionByCell.get(id);
    if (link) return link;
  }
  return index.sectionByTable.get(table);
}
