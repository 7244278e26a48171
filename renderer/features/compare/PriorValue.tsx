/** Last year's figure under a cell of the table editors (显示上年数), with its source on hover. */
import { formatUnits, toPrintedUnits } from '../../../shared/domain/money';
import type { Cell } from '../../../shared/domain/tables/types';
import type { PriorView } from './usePriorView';

export function PriorValue({ view, cell }: { view: PriorView; cell: Cell }) {
  if (!cell.id || (cell.kind !== 'input' && cell.kind !== 'derived')) return null;
  const prior = view.cells.get(cell.id);
  const current = cell.value ?? 0;
  if (!prior) {
    // A line last year did not have (only known when last year is in the file).
    if (!view.complete || current === 0) return null;
    return (
      <span className="prior-value none" title="上年没有这一行">
        上年无
      </span>
    );
  }
  if (prior.value === 0 && current === 0) return null;
  const text = prior.count ? String(prior.value) : prior.value === 0 ? '0' : formatUnits(toPrintedUnits(prior.value), { grouping: view.grouping });
  return (
    <span className="prior-value" title={`上年（${prior.source}）：${text}${prior.count ? '' : ' 万元'}`}>
      上年 {text}
    </span>
  );
}
