/** How a body cell looks: its kind, whether it can be edited, highlight and error marks. */
import type { Cell, ColumnDef } from '../../../shared/domain/tables/types';

export function cellClass(cell: Cell, column: ColumnDef | undefined, editable: boolean, highlighted: boolean, hasError: boolean): string {
  const classes = [`c-${cell.kind}`];
  if (editable) classes.push('editable');
  if (cell.implied) classes.push('implied');
  if (cell.kind === 'input' || cell.kind === 'derived' || cell.kind === 'na') classes.push('num');
  else if (cell.kind === 'lineNo') classes.push('center');
  else if (column?.align === 'center') classes.push('center');
  if (highlighted) classes.push('hl');
  if (hasError) classes.push('has-error');
  return classes.join(' ');
}

/** The hover text of a cell: how a derived figure is obtained, or what may be typed. */
export function cellTitle(cell: Cell, editable: boolean, error: string | undefined): string | undefined {
  if (error) return error;
  if (cell.kind === 'derived') {
    const how = cell.formula ?? '自动计算';
    if (cell.fact) return `${how}\n（自动取数；可直接填写以改为手工数，按 Delete 恢复自动取数）`;
    return editable ? `${how}\n（由三部分组成：回车或双击填写明细）` : `${how}\n（自动计算，不可直接修改）`;
  }
  if (cell.implied) return `${cell.formula ?? ''}\n（自动得出；直接填写即改为手工数，清除本行各栏后恢复自动）`;
  if (cell.kind === 'na') return '此项不适用';
  return undefined;
}
