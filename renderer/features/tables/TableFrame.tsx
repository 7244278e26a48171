/** What the printed table shows around its body: title, 公开NN表, 部门名称/年度/金额单位 and header rows. */
import { chineseNumeral } from '../../../shared/domain/tables';
import { tableNumber } from '../../../shared/domain/templates/tableSpecs';
import type { ColumnDef, DerivedTable } from '../../../shared/domain/tables/types';

export function TableTitle({ table }: { table: DerivedTable }) {
  return (
    <div className="sheet-head">
      <h2 className="sheet-title">
        {chineseNumeral(tableNumber(table.id))}、{table.title}
      </h2>
      <div className="sheet-code">{table.code}</div>
      <div className="sheet-lines">
        <span>{table.orgLine}</span>
        <span>{table.yearLine}</span>
        <span>{table.unitLine}</span>
      </div>
    </div>
  );
}

/** Column widths as percentages of the table, from the derived widths (in characters). */
export function ColGroup({ columns, gutter }: { columns: ColumnDef[]; gutter: boolean }) {
  const total = columns.reduce((s, c) => s + c.width, 0);
  return (
    <colgroup>
      {columns.map((c) => (
        <col key={c.key} style={{ width: `${((c.width / total) * 100).toFixed(3)}%` }} />
      ))}
      {gutter ? <col className="gutter-col" /> : null}
    </colgroup>
  );
}

export function HeaderRows({ table, gutter }: { table: DerivedTable; gutter: boolean }) {
  return (
    <thead>
      {table.header.map((cells, r) => (
        <tr key={r} className={r === table.header.length - 1 && cells.some((c) => c.text === '栏次' || /^\d+$/.test(c.text)) ? 'lanci' : undefined}>
          {cells.map((c, k) => (
            <th key={k} colSpan={c.colSpan} rowSpan={c.rowSpan}>
              {c.text}
            </th>
          ))}
          {gutter ? <th className="gutter" /> : null}
        </tr>
      ))}
    </thead>
  );
}
