/**
 * What the exporters print, decided once for Word and PDF: the text of a narrative paragraph with
 * its unfilled fields marked (【待填写：…】, printed red), a table's numbered title, the alignment
 * and weight of a table body cell, and the table-10 part titles in a header.
 */
import type { Run } from '../../../../shared/domain/narrative/types';
import { type Cell, chineseNumeral, type DerivedTable, type Row, tableNumber } from '../../../../shared/domain/tables';

/** What an unfilled required field prints: visible, so the checker and the reader notice it. */
export const MISSING_FIELD_TEXT = '【待填写】';

/** What a required field or typed figure prints while unfilled: red, so the officer (and the checker) sees it. */
export function missingText(label: string): string {
  return label.trim() === '' ? MISSING_FIELD_TEXT : `【待填写：${label.trim()}】`;
}

export interface PrintedPiece {
  text: string;
  /** An unfilled required field or a typed figure the report lacks: printed red. */
  missing: boolean;
}

/** The printed pieces of a narrative paragraph: its runs' text, and what unfilled fields print. */
export function narrativePieces(runs: readonly Run[]): PrintedPiece[] {
  const out: PrintedPiece[] = [];
  for (const r of runs) {
    if (r.kind === 'field' && r.text.trim() === '') {
      if (r.required) out.push({ text: missingText(r.hint), missing: true });
      continue;
    }
    // A figure the report lacks (last year's figure, a budget) — `missing` is set by the narrative drafter.
    if (r.kind === 'figure' && r.missing && r.text === '') {
      out.push({ text: missingText(r.missing.label), missing: true });
      continue;
    }
    if (r.text === '') continue;
    out.push({ text: r.text, missing: false });
  }
  return out;
}

/** `一、收入支出决算总表`: a table's title as its heading prints it. */
export function tableTitleText(table: DerivedTable): string {
  return `${chineseNumeral(tableNumber(table.id))}、${table.title}`;
}

/** `一、政府采购情况` (table 10): a part title in the header, printed like the part rows below it. */
export const SECTION_TITLE = /^[一二三四五六七八九十]+、/;

export type CellAlignment = 'left' | 'center' | 'right';

/** Body rows printed bold. */
export const BOLD_ROWS: ReadonlySet<Row['kind']> = new Set<Row['kind']>(['total', 'class', 'section']);

/** The alignment of a body cell: line numbers and `——` centred, codes and labels left, figures as their column says. */
export function bodyAlignment(table: DerivedTable, row: Row, cell: Cell, col: number): CellAlignment {
  if (row.kind === 'subheader') return 'center';
  switch (cell.kind) {
    case 'lineNo':
      return 'center';
    case 'na':
      return 'center';
    case 'code':
      return 'left';
    case 'label':
      // 合计 spanning 科目代码 + 科目名称 is centred, as in the official tables.
      return row.kind === 'total' && (cell.colSpan ?? 1) > 1 ? 'center' : 'left';
    default: {
      const align = table.columns[col]?.align ?? 'right';
      return align === 'center' ? 'center' : align === 'left' ? 'left' : 'right';
    }
  }
}
