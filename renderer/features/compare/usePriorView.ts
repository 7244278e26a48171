/** 显示上年数: last year's figure of every cell of the table editors, while the toggle is on. */
import type { LoadedYear } from '../../../shared/contract/api';
import { codeMoves } from '../../../shared/domain/catalogue';
import type { DerivedTables } from '../../../shared/domain/tables/types';
import type { Report } from '../../../shared/domain/model';
import { useUi } from '../../app/uiState';
import { lastYearTablesOf, tablesOf } from '../../store/derived';
import { useLoaded } from '../../store/useDerived';
import { type PriorCells, priorCellsFromTables, priorCellsFromTyped } from './priorCells';

export interface PriorView {
  cells: PriorCells;
  /** From last year's report: a cell missing from it is a line last year did not have. */
  complete: boolean;
  /** Thousands separators, as this year's tables print. */
  grouping: boolean;
}

const fromTables = new WeakMap<DerivedTables, PriorCells>();
const fromTyped = new WeakMap<Report, PriorCells>();

export function priorViewOf(loaded: LoadedYear): PriorView {
  const grouping = loaded.report.settings.tableGrouping;
  const last = loaded.lastYear;
  const lastTables = lastYearTablesOf(loaded);
  if (last && lastTables) {
    let cells = fromTables.get(lastTables);
    if (!cells) {
      cells = priorCellsFromTables(lastTables, last.year, codeMoves(last.edition, loaded.report.edition));
      fromTables.set(lastTables, cells);
    }
    return { cells, complete: true, grouping };
  }
  let cells = fromTyped.get(loaded.report);
  if (!cells) {
    cells = priorCellsFromTyped(loaded.report, tablesOf(loaded));
    fromTyped.set(loaded.report, cells);
  }
  return { cells, complete: false, grouping };
}

const views = new WeakMap<PriorCells, PriorView>();

/** The prior view while 显示上年数 is on (one object per source, so memoised rows keep still), else null. */
export function usePriorView(): PriorView | null {
  const loaded = useLoaded();
  const show = useUi((s) => s.showPrior);
  if (!show) return null;
  const view = priorViewOf(loaded);
  const cached = views.get(view.cells);
  if (cached && cached.grouping === view.grouping) return cached;
  views.set(view.cells, view);
  return view;
}
