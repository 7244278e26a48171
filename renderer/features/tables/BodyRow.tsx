/**
 * One printed row. Rows are rebuilt on every derivation, so the memo compares what is shown
 * (texts, kinds, marks) rather than object identity: typing in one cell repaints only the
 * rows whose figures changed.
 */
import { memo } from 'react';
import { factRefKey } from '../../../shared/domain/model';
import type { ColumnDef, Row } from '../../../shared/domain/tables/types';
import { PriorValue } from '../compare/PriorValue';
import type { PriorView } from '../compare/usePriorView';
import { ActiveCell } from './ActiveCell';
import { cellClass, cellTitle } from './cellClasses';
import type { GridCell } from './grid';

export interface BodyRowProps {
  row: Row;
  rowIndex: number;
  columns: ColumnDef[];
  gridRow: readonly (GridCell | null)[];
  /** Column of the active cell when it is in this row, else −1. */
  activeCol: number;
  highlighted: ReadonlySet<string>;
  errors: Readonly<Record<string, string>>;
  /** Shows the 删除 button (项 rows of 科目 tables). */
  onDelete?: (code: string) => void;
  /** 显示上年数: last year's figure under each cell. */
  prior?: PriorView | null;
}

/** The message shown under a cell (a refused write), if any. */
export function errorOf(cell: GridCell | null, errors: Readonly<Record<string, string>>): string | undefined {
  if (!cell) return undefined;
  return cell.kind === 'input' ? errors[factRefKey(cell.ref)] : cell.refs.map((r) => errors[factRefKey(r)]).find(Boolean);
}

function BodyRowView({ row, rowIndex, columns, gridRow, activeCol, highlighted, errors, onDelete, prior }: BodyRowProps) {
  return (
    <tr className={`r-${row.kind}${row.level ? ` lv${row.level}` : ''}`}>
      {row.cells.map((cell, col) => {
        if (cell.kind === 'covered') return null;
        const editable = gridRow[col] ?? null;
        const error = errorOf(editable, errors);
        const active = col === activeCol && editable !== null;
        return (
          <td
            key={col}
            colSpan={cell.colSpan}
            data-row={rowIndex}
            data-col={col}
            data-cell-id={cell.id}
            className={cellClass(cell, columns[col], editable !== null, cell.id !== undefined && highlighted.has(cell.id), error !== undefined) + (active ? ' active' : '')}
            title={active ? undefined : cellTitle(cell, editable !== null, error)}
          >
            {active ? <ActiveCell cell={editable} /> : cell.text}
            {prior && !active ? <PriorValue view={prior} cell={cell} /> : null}
            {!active && error ? (
              <div className="cell-error" role="alert">
                {error}
              </div>
            ) : null}
          </td>
        );
      })}
      {onDelete && row.kind === 'item' && row.level === 3 ? (
        <td className="gutter">
          <button type="button" className="row-delete" title="删除此科目" onClick={() => onDelete(row.key)}>
            ×
          </button>
        </td>
      ) : null}
    </tr>
  );
}

/** Column lists are rebuilt by every derivation: compare what a row uses of them. */
function sameColumns(a: readonly ColumnDef[], b: readonly ColumnDef[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x.key !== y.key || x.name !== y.name || x.align !== y.align) return false;
  }
  return true;
}

function sameRow(a: BodyRowProps, b: BodyRowProps): boolean {
  if (a.activeCol !== b.activeCol || a.highlighted !== b.highlighted || a.errors !== b.errors || a.rowIndex !== b.rowIndex) return false;
  if (a.row.key !== b.row.key || a.row.kind !== b.row.kind || !sameColumns(a.columns, b.columns) || a.onDelete !== b.onDelete || a.prior !== b.prior) return false;
  if (a.activeCol >= 0) return false; // the active row follows the editor closely
  const ca = a.row.cells;
  const cb = b.row.cells;
  if (ca.length !== cb.length) return false;
  for (let k = 0; k < ca.length; k++) {
    const x = ca[k]!;
    const y = cb[k]!;
    if (x.text !== y.text || x.kind !== y.kind || x.formula !== y.formula || x.id !== y.id || x.implied !== y.implied) return false;
    if (!a.gridRow[k] !== !b.gridRow[k]) return false;
  }
  return true;
}

export const BodyRow = memo(BodyRowView, sameRow);
