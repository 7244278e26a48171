/**
 * 年度对比: any two years of the file side by side (default: this year and the one before), every
 * table and the 情况说明 figures with 本年 / 上年 / 增减额 / 增减率, a filter for changed lines and
 * a threshold (default ±10% and ≥ 1 万元) that highlights the changes the 情况说明 must explain.
 */
import { useMemo, useState } from 'react';
import { DEFAULT_THRESHOLD, type Threshold } from '../../../shared/domain/compare';
import { getApi } from '../../api/client';
import { useLoaded } from '../../store/useDerived';
import { actions, useSession } from '../../store/useSession';
import { CompareTable, type LineFilter } from './CompareTable';
import { NarrativeFigures } from './NarrativeFigures';
import { useComparison } from './useComparison';

/** A non-negative number with at most two decimals, in hundredths; null when it is not one. */
function hundredths(text: string): number | null {
  const t = text.trim();
  return /^\d{1,6}(\.\d{1,2})?$/u.test(t) ? Math.round(Number(t) * 100) : null;
}

function scrollToSection(id: string): void {
  document.getElementById(id)?.scrollIntoView({ block: 'start' });
}

function defaultWith(year: number, years: readonly number[]): number | null {
  if (years.includes(year - 1)) return year - 1;
  const others = years.filter((y) => y !== year).sort((a, b) => b - a);
  return others.find((y) => y < year) ?? others[0] ?? null;
}

export function CompareView() {
  const loaded = useLoaded();
  const years = useSession((s) => s.file?.years ?? []);
  const [year, setYear] = useState(loaded.report.year);
  const [withYear, setWithYear] = useState<number | null>(() => defaultWith(loaded.report.year, years));
  const [rate, setRate] = useState(String(DEFAULT_THRESHOLD.rateBp / 100));
  const [amount, setAmount] = useState(String(DEFAULT_THRESHOLD.amountUnits / 100));
  const [filter, setFilter] = useState<LineFilter>('changed');
  const threshold = useMemo((): Threshold => {
    return { rateBp: hundredths(rate) ?? DEFAULT_THRESHOLD.rateBp, amountUnits: hundredths(amount) ?? DEFAULT_THRESHOLD.amountUnits };
  }, [rate, amount]);
  const state = useComparison(year, withYear, threshold);
  const sorted = [...years].sort((a, b) => b - a);

  if (years.length < 2 || withYear === null) {
    return (
      <div className="compare-view">
        <h2 className="view-title">年度对比</h2>
        <div className="empty-view compare-empty-file">
          <p>文件中只有 {loaded.report.year} 年度，还没有可以对比的年度。</p>
          <p>
            上年的数据可以这样带入：用命令行 <code>disclosure import 上年.json --file 本文件</code> 导入本程序导出的上年交换格式 JSON，或用{' '}
            <code>disclosure import-tables</code> 导入上年公开的 Excel 决算表，导入到 {loaded.report.year - 1} 年度。带入后情况说明的上年数、年度对比和审核都会使用它，无需再逐项填写上年数。
          </p>
        </div>
      </div>
    );
  }

  const exportXlsx = async () => {
    const result = await getApi().invoke('export.compare', { year, withYear });
    if (!result.ok) actions().notify('error', result.error.message);
    else if (result.value) actions().notify('info', `已导出：${result.value.files.join('、')}（文件夹：${result.value.folder}）`);
  };

  const c = state?.kind === 'ready' ? state.comparison : null;
  const changed = c ? c.tables.reduce((s, t) => s + t.lines.filter((l) => l.changed).length, 0) : 0;
  const significant = c ? c.tables.reduce((s, t) => s + t.lines.filter((l) => l.significant).length, 0) : 0;
  const added = c ? c.tables.reduce((s, t) => s + t.lines.filter((l) => l.presence === 'current').length, 0) : 0;
  const gone = c ? c.tables.reduce((s, t) => s + t.lines.filter((l) => l.presence === 'prior').length, 0) : 0;
  return (
    <div className="compare-view">
      <div className="view-toolbar compare-toolbar">
        <label>
          本年
          <select
            aria-label="本年"
            value={year}
            onChange={(e) => {
              const y = Number(e.target.value);
              setYear(y);
              if (y === withYear) setWithYear(defaultWith(y, years));
            }}
          >
            {sorted.map((y) => (
              <option key={y} value={y}>
                {y}年度
              </option>
            ))}
          </select>
        </label>
        <label>
          对比
          <select aria-label="对比年度" value={withYear} onChange={(e) => setWithYear(Number(e.target.value))}>
            {sorted
              .filter((y) => y !== year)
              .map((y) => (
                <option key={y} value={y}>
                  {y}年度
                </option>
              ))}
          </select>
        </label>
        <span className="threshold">
          阈值：增减率 ≥
          <input aria-label="增减率阈值" className={hundredths(rate) === null ? 'invalid' : ''} value={rate} onChange={(e) => setRate(e.target.value)} size={4} />% 且增减额 ≥
          <input aria-label="增减额阈值" className={hundredths(amount) === null ? 'invalid' : ''} value={amount} onChange={(e) => setAmount(e.target.value)} size={5} />
          万元
        </span>
        <label>
          显示
          <select aria-label="显示" value={filter} onChange={(e) => setFilter(e.target.value as LineFilter)}>
            <option value="changed">有变动的行</option>
            <option value="significant">超过阈值的行</option>
            <option value="all">全部行</option>
          </select>
        </label>
        <button type="button" onClick={() => void exportXlsx()} disabled={year === withYear}>
          导出 Excel…
        </button>
      </div>
      {year === withYear ? <div className="empty-view">请选择两个不同的年度。</div> : null}
      {state?.kind === 'loading' ? <div className="empty-view">正在读取……</div> : null}
      {state?.kind === 'failed' ? <div className="error-text">{state.message}</div> : null}
      {c && year !== withYear ? (
        <>
          <div className="compare-summary" data-testid="compare-summary">
            {c.year}年度与{c.withYear}年度相比：有变动 {changed} 行，其中超过阈值 {significant} 行（黄色）；{c.year}年新增 {added} 行，{c.withYear}年有而{c.year}年无 {gone} 行。点击数字到表中的单元格，点击“情况说明”到说明变动原因的地方。
          </div>
          <nav className="compare-toc" aria-label="对比目录">
            {c.tables.map((t) => {
              const n = t.lines.filter((l) => (filter === 'all' ? true : filter === 'changed' ? l.changed || l.presence !== 'both' : l.significant)).length;
              return (
                <button key={t.id} type="button" className={`link${n > 0 ? '' : ' muted'}`} onClick={() => scrollToSection(`compare-${t.id}`)}>
                  公开{t.id}表<span className="count">{n}</span>
                </button>
              );
            })}
            <button type="button" className="link" onClick={() => scrollToSection('compare-narrative')}>
              情况说明
            </button>
          </nav>
          {c.tables.map((t) => (
            <CompareTable key={`${c.year}-${c.withYear}-${t.id}-${filter}`} table={t} c={c} filter={filter} />
          ))}
          <NarrativeFigures c={c} filter={filter} />
        </>
      ) : null}
    </div>
  );
}
