/**
 * 审核导入的表格: every total the workbook prints against the figure our tables derive from the
 * leaves it prints. A difference within the rounding envelope (0.005 万元 per rounded leaf the
 * total sums, SPEC §2) is 尾数 — reported as 提示, and the leaves are adjusted within their
 * windows so the total prints as in the workbook; a larger one is a real difference — reported
 * with both figures, and our figure (the sum of the leaves) is what the file will hold.
 */
import { describeCell, getCell } from '../../../checks/printed';
import type { CheckContext } from '../../../checks/types';
import { toPrintedUnits } from '../../../money';
import type { ShanxiTableId } from '../../../tables';
import type { FigureRead } from './resolve';

export interface AuditEntry {
  table: ShanxiTableId;
  sheet: string;
  /** `E7` */
  address: string;
  /** Which figure: `表03 合计行 本年支出合计`. */
  label: string;
  /** As printed in the workbook: 分 (a count for 车辆数). */
  printed: number;
  /** The sum of the printed parts (the leaves as printed), before 尾数调整: 分 (a count). */
  sumOfParts: number;
  /** Ours after the import: 分 (a count). */
  derived: number;
  count: boolean;
  /** `difference`: beyond the rounding envelope; `rounding`: 尾数. */
  kind: 'difference' | 'rounding';
  /** 尾数 that the adjusted leaves now reproduce: our table prints the workbook's figure. */
  adjusted: boolean;
  /** Rounded leaves the figure sums. */
  parts: number;
}

/** The window of 分 values that print as `printed` (blank only for exactly 0). */
export function printedWindow(printed: number, blank: boolean): { lo: number; hi: number } {
  if (blank || printed === 0) return blank ? { lo: 0, hi: 0 } : { lo: -4999, hi: 4999 };
  const units = toPrintedUnits(printed) * 10_000;
  return units > 0 ? { lo: units - 5000, hi: units + 4999 } : { lo: units - 4999, hi: units + 5000 };
}

function units(value: number, count: boolean): number {
  return count ? value : toPrintedUnits(value);
}

/** Whether our figure prints as the workbook's (a blank cell only for 0). */
export function printsAs(ours: number, figure: FigureRead): boolean {
  if (figure.count) return ours === figure.value;
  return units(ours, false) === units(figure.value, false) && (ours === 0) === figure.blank;
}

/** Classifies a printed figure against our figure before any adjustment: null when it prints the same. */
export function classify(figure: FigureRead, ours: number, parts: number): 'difference' | 'rounding' | null {
  if (printsAs(ours, figure)) return null;
  if (figure.count) return 'difference';
  const d = Math.abs(units(figure.value, false) - units(ours, false));
  return d <= Math.floor(parts / 2) ? 'rounding' : 'difference';
}

export function auditEntry(ctx: CheckContext, figure: FigureRead, kind: 'difference' | 'rounding', parts: number, sumOfParts: number): AuditEntry {
  const derived = getCell(ctx, figure.id)?.value ?? 0;
  return {
    table: figure.table,
    sheet: figure.sheet,
    address: figure.address,
    label: `表${figure.table} ${describeCell(ctx, figure.id)}`,
    printed: figure.value,
    sumOfParts,
    derived,
    count: figure.count,
    kind,
    adjusted: kind === 'rounding' && printsAs(derived, figure),
    parts,
  };
}
