/**
 * One table of the comparison: its lines (code, name) with a row per figure — 本年 / 上年 / 增减额
 * / 增减率 — lines of one year only marked, changes beyond the threshold highlighted, each value a
 * link to its cell in that year's table, each changed line a link to the 情况说明 field explaining it.
 */
import { useState } from 'react';
import { type Comparison, type CompareLine, filterLines, type TableComparison } from '../../../shared/domain/compare';
import { tableName, tableSpec } from '../../../shared/domain/tables';
import { amountText, diffText, rateText } from './format';
import { sectionLabel } from '../../store/view';
import { showCellOfYear, showNarrativeLink } from './navigate';

export type LineFilter = 'all' | 'changed' | 'significant';

/** Lines shown before 显示其余: keeps the view quick for a large department. */
const LINE_CAP = 30;

function Presence({ line, c }: { line: CompareLine; c: Comparison }) {
  if (line.presence === 'current') return <span className="badge new">{c.year}年新增</span>;
  if (line.presence === 'prior') return <span className="badge gone">{c.year}年无</span>;
  if (line.priorCode) return <span className="badge renamed">上年科目 {line.priorCode}</span>;
  if (line.priorName) return <span className="badge renamed" title={`${c.withYear}年度科目名称`}>上年名称：{line.priorName}</span>;
  return null;
}

/** A year's figure: a link to its cell in that year's table, or `—` where the year has no such line. */
function ValueCell({ year, cell, value, count }: { year: number; cell: string | undefined; value: number | null; count: boolean }) {
  return (
    <td className="num">
      {cell ? (
        <button type="button" className="link" title={`到${year}年度表中的这一格`} onClick={() => void showCellOfYear(year, cell)}>
          {amountText(value, count)}
        </button>
      ) : (
        amountText(value, count)
      )}
    </td>
  );
}

function LineRows({ line, c, filter }: { line: CompareLine; c: Comparison; filter: LineFilter }) {
  // A line of one year only lists the figures it has (not its blank columns).
  const figures = filter === 'all' ? line.figures : line.figures.filter((f) => f.changed || (line.presence !== 'both' && ((f.current ?? 0) !== 0 || (f.prior ?? 0) !== 0)));
  const shown = figures.length > 0 ? figures : line.figures.slice(0, 1);
  return (
    <>
      {shown.map((f, k) => (
        <tr key={f.column} className={`${f.significant ? 'significant' : ''}${k === 0 ? ' first' : ''}`} data-line={line.key} data-column={f.column}>
          {k === 0 ? (
            <>
              <td className="code" rowSpan={shown.length}>
                {line.code ?? (line.lineNo ? `第${line.lineNo}行` : '')}
              </td>
              <td className="name" rowSpan={shown.length}>
                {line.name} <Presence line={line} c={c} />
              </td>
            </>
          ) : null}
          <td className="column">{line.figures.length > 1 ? f.columnName : ''}</td>
          <ValueCell year={c.year} cell={f.currentCell} value={f.current} count={f.valueType === 'count'} />
          <ValueCell year={c.withYear} cell={f.priorCell} value={f.prior} count={f.valueType === 'count'} />
          <td className={`num ${f.diff > 0 ? 'up' : f.diff < 0 ? 'down' : ''}`}>{f.changed ? diffText(f.diff, f.valueType === 'count') : ''}</td>
          <td className="num rate">{f.changed ? rateText(f) : ''}</td>
          {k === 0 ? (
            <td className="explain" rowSpan={shown.length}>
              {line.changed && line.explainedBy ? (
                <button type="button" className="link" onClick={() => void showNarrativeLink(c.year, line.explainedBy!)} title="到情况说明中说明这一变动的地方">
                  {sectionLabel(line.explainedBy.sectionTitle)}
                  {line.explainedBy.field ? ' · 原因' : ''}
                </button>
              ) : null}
            </td>
          ) : null}
        </tr>
      ))}
    </>
  );
}

export function CompareTable({ table, c, filter }: { table: TableComparison; c: Comparison; filter: LineFilter }) {
  const [all, setAll] = useState(false);
  const lines = filterLines(table.lines, filter);
  const shown = all ? lines : lines.slice(0, LINE_CAP);
  return (
    <section className="compare-table" id={`compare-${table.id}`} aria-label={tableSpec(table.id).code}>
      <h3>
        {tableName(table.id)}
        <span className="muted">
          {' '}
          {lines.length} 行{filter === 'all' ? '' : filter === 'changed' ? '有变动' : '超过阈值'}
        </span>
      </h3>
      {lines.length === 0 ? (
        <div className="muted compare-empty">{filter === 'all' ? '两年均无数据。' : filter === 'changed' ? '两年相同。' : '没有超过阈值的变动。'}</div>
      ) : (
        <table className="compare-grid">
          <thead>
            <tr>
              <th>代码/行次</th>
              <th>名称</th>
              <th>栏目</th>
              <th>{c.year}年</th>
              <th>{c.withYear}年</th>
              <th>增减额</th>
              <th>增减率</th>
              <th>情况说明</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => (
              <LineRows key={line.key} line={line} c={c} filter={filter} />
            ))}
          </tbody>
        </table>
      )}
      {lines.length > shown.length ? (
        <button type="button" className="show-more" onClick={() => setAll(true)}>
          显示其余 {lines.length - shown.length} 行
        </button>
      ) : null}
    </section>
  );
}
