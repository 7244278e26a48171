/**
 * The table editor's year tools: 显示上年数 (last year's figure under every cell) and 修改记录
 * (the change log of the active cell, or of the year when no cell is active).
 */
import { factRefKey } from '../../../shared/domain/model';
import { useUi } from '../../app/uiState';
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import type { GridCell } from '../tables/grid';

export function CellToolbar({ cell }: { cell: GridCell | null }) {
  const loaded = useLoaded();
  const show = useUi((s) => s.showPrior);
  const source = loaded.lastYear ? `${loaded.lastYear.year}年度报表` : Object.keys(loaded.report.prior).length > 0 ? '本年填写的上年数' : null;
  const ref = cell?.kind === 'input' ? cell.ref : (cell?.refs[0] ?? null);
  return (
    <>
      <button
        type="button"
        aria-pressed={show}
        className={show ? 'toggle on' : 'toggle'}
        onClick={() => useUi.getState().toggleShowPrior()}
        title={source ? `在每个单元格下显示上年数（取自${source}）` : '文件中没有上一年度的报表，也未填写上年数'}
      >
        {show ? '✓ ' : ''}显示上年数
      </button>
      <button
        type="button"
        // Keeps the active cell: the log shown is the one of the cell the cursor is on.
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => actions().navigate(ref ? { kind: 'changes', target: factRefKey(ref) } : { kind: 'changes' })}
        title={ref ? '查看当前单元格的修改记录' : '查看本年度的修改记录'}
      >
        修改记录
      </button>
    </>
  );
}
