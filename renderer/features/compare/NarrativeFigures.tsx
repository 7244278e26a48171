/** The 情况说明's year-over-year figures: both years, the change, where last year's figure comes from, and the field explaining it. */
import type { Comparison } from '../../../shared/domain/compare';
import type { LineFilter } from './CompareTable';
import { amountText, diffText, rateText } from './format';
import { sectionLabel } from '../../store/view';
import { showCellOfYear, showNarrativeLink } from './navigate';

export function NarrativeFigures({ c, filter }: { c: Comparison; filter: LineFilter }) {
  const figures = c.narrative.filter((f) => filter === 'all' || (filter === 'changed' ? f.changed || f.prior === null : f.significant));
  return (
    <section className="compare-table" id="compare-narrative" aria-label="情况说明中的上年对比数">
      <h3>
        情况说明中的上年对比数 <span className="muted">{figures.length} 项</span>
      </h3>
      <table className="compare-grid">
        <thead>
          <tr>
            <th>数字</th>
            <th>{c.year}年</th>
            <th>上年</th>
            <th>增减额</th>
            <th>增减率</th>
            <th>上年数来源</th>
            <th>情况说明</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.key} className={f.significant ? 'significant' : ''} data-figure={f.key}>
              <td className="name">{f.label}</td>
              <td className="num">
                {f.currentCells[0] ? (
                  <button type="button" className="link" onClick={() => void showCellOfYear(c.year, f.currentCells[0]!)}>
                    {amountText(f.current)}
                  </button>
                ) : (
                  amountText(f.current)
                )}
              </td>
              <td className="num">{f.prior === null ? <span className="missing-text">未知</span> : amountText(f.prior)}</td>
              <td className={`num ${f.diff > 0 ? 'up' : f.diff < 0 ? 'down' : ''}`}>{f.prior !== null ? diffText(f.diff) : ''}</td>
              <td className="num rate">{f.prior !== null ? rateText(f) || '与上年相同' : ''}</td>
              <td className="source">{f.prior === null ? '文件中无上年报表，也未填写' : f.priorSource === 'typed' ? '本年填写的上年数' : `${c.withYear}年度报表`}</td>
              <td className="explain">
                {f.explainedBy ? (
                  <button type="button" className="link" onClick={() => void showNarrativeLink(c.year, f.explainedBy!)}>
                    {sectionLabel(f.explainedBy.sectionTitle)}
                    {f.explainedBy.field ? ' · 原因' : ''}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
