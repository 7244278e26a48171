/**
 * What a typed text writes into a grid cell, and what the cell shows before it is typed into.
 * Shared by the cell editor and the paste, so a figure typed and the same figure pasted land alike.
 */
import { formatWanSentence } from '../../../shared/domain/money';
import type { FactInput } from '../../store/session';
import { totalOf, writesForTotal } from './breakdown';
import { editText, type InputUnit, parseCellText, specOf } from './cellInput';
import type { GridCell } from './grid';

/** What the active cell shows while not typed into: the stored figure (the sum for 财政拨款收入). */
export function storedText(cell: GridCell, unit: InputUnit): string {
  return cell.kind === 'input' ? editText(cell.value, cell.valueType, unit) : editText(totalOf(cell), 'money', unit);
}

/** The facts a typed text writes into a cell, or why it is refused. */
export function writesForText(cell: GridCell, text: string, unit: InputUnit): { ok: true; writes: FactInput[] } | { ok: false; message: string } {
  if (cell.kind === 'input') {
    const parsed = parseCellText(text, specOf(cell.ref, cell.valueType), unit);
    return parsed.ok ? { ok: true, writes: [{ ref: cell.ref, value: parsed.value }] } : parsed;
  }
  const first = cell.refs[0];
  if (!first) return { ok: false, message: '此处不可填写' };
  const parsed = parseCellText(text, specOf(first, 'money'), unit);
  if (!parsed.ok) return parsed;
  return writesForTotal(cell, parsed.value, formatWanSentence);
}
