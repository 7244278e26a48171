/**
 * Turns a pasted block into the facts to write. Every value is checked first; if any is not a
 * valid amount the whole paste is refused (nothing half-pasted) with a message naming it.
 * 表02 财政拨款收入 (three funds) takes a pasted figure as 一般公共预算财政拨款 when the
 * other two funds are empty; otherwise it must be split in its breakdown.
 */
import type { FactRef } from '../../../shared/domain/model';
import { specOf, parseCellText, type InputUnit } from './cellInput';
import { type Grid, type GridPos, pasteTargets } from './grid';

export interface PastePlan {
  writes: { ref: FactRef; value: number | null }[];
  /** Chinese messages; non-empty means the paste is refused. */
  errors: string[];
  /** Values that fell outside the editable cells. */
  dropped: number;
}

export function planPaste(grid: Grid, start: GridPos, block: readonly (readonly string[])[], unit: InputUnit): PastePlan {
  const { targets, dropped } = pasteTargets(grid, start, block);
  const writes: PastePlan['writes'] = [];
  const errors: string[] = [];
  for (const t of targets) {
    const where = `第${t.blockRow + 1}行第${t.blockCol + 1}列（${t.cell.label}）`;
    if (t.cell.kind === 'input') {
      const parsed = parseCellText(t.text, specOf(t.cell.ref, t.cell.valueType), unit);
      if (parsed.ok) writes.push({ ref: t.cell.ref, value: parsed.value });
      else errors.push(`${where}：${parsed.message}`);
      continue;
    }
    const first = t.cell.refs[0];
    if (!first) continue;
    const parsed = parseCellText(t.text, specOf(first, 'money'), unit);
    const othersEmpty = t.cell.values.slice(1).every((v) => v === 0);
    const total = t.cell.values.reduce((s, v) => s + v, 0);
    if (!parsed.ok) errors.push(`${where}：${parsed.message}`);
    else if (othersEmpty) writes.push({ ref: first, value: parsed.value });
    else if (parsed.value !== total) errors.push(`${where}：财政拨款收入含政府性基金或国有资本经营预算部分，请在明细中分别填写`);
  }
  return { writes, errors, dropped };
}
