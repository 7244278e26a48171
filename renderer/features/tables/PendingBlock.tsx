/**
 * 待填写科目: 项 added to the report that have no figure in this table yet. They are listed
 * under the printed table with its columns; a figure typed here puts the row into the table.
 */
import type { ColumnDef, DerivedTable } from '../../../shared/domain/tables/types';
import { ActiveCell } from './ActiveCell';
import { ColGroup } from './TableFrame';
import type { PendingRow } from './tableGrid';

export interface PendingBlockProps {
  table: DerivedTable;
  rows: PendingRow[];
  /** Grid row index of the first pending row. */
  firstRow: number;
  activeRow: number;
  activeCol: number;
  onDelete: (code: string) => void;
}

function valueColumnText(column: ColumnDef): string {
  return column.name;
}

export function PendingBlock({ table, rows, firstRow, activeRow, activeCol, onDelete }: PendingBlockProps) {
  if (rows.length === 0) return null;
  return (
    <div className="pending">
      <div className="pending-title">待填写科目（{rows.length}个）：已添加但本表尚无数据，填入数字后自动列入上表</div>
      <table className="sheet-table pending-table">
        <ColGroup columns={table.columns} gutter />
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key}>{valueColumnText(c)}</th>
            ))}
            <th className="gutter" />
          </tr>
        </thead>
        <tbody>
          {rows.map((p, k) => {
            const rowIndex = firstRow + k;
            return (
              <tr key={p.item.code} data-testid={`pending-row-${p.item.code}`}>
                {table.columns.map((column, col) => {
                  const cell = p.cells[col] ?? null;
                  const active = rowIndex === activeRow && col === activeCol && cell !== null;
                  if (col === 0) return <td key={col}>{p.item.code}</td>;
                  if (col === 1) return <td key={col}>{p.name}</td>;
                  return (
                    <td
                      key={col}
                      data-row={rowIndex}
                      data-col={col}
                      data-testid={`pending.${p.item.code}.${column.key}`}
                      className={`num${cell ? ' editable' : ' c-blank'}${active ? ' active' : ''}`}
                      title={cell?.kind === 'breakdown' ? '填写财政拨款收入合计（一般公共预算部分）；F4 分别填写三部分' : undefined}
                    >
                      {active && cell ? <ActiveCell cell={cell} /> : ''}
                    </td>
                  );
                })}
                <td className="gutter">
                  <button type="button" className="row-delete" title="删除此科目" onClick={() => onDelete(p.item.code)}>
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
