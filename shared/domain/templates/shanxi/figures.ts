/**
 * 山西's semantic figures: which of the ten tables (公开01表 … 公开10表) plays which part (the
 * cells within each are read by `layoutFigures`). With the table builders, the only place that
 * names these tables' ids.
 */
import type { DerivedTables } from '../../tables/types';
import type { SemanticFigures } from '../figures';
import { type FigureLayout, layoutFigures } from '../layoutFigures';

export const SHANXI_LAYOUT: FigureLayout = {
  overview: '01',
  income: '02',
  expenditure: '03',
  fiscal: '04',
  general: '05',
  economic: '06',
  govFund: '07',
  stateCapital: { table: '08', column: 'total' },
  threePublic: '09',
  stats: '10',
};

export function shanxiFigures(tables: DerivedTables): SemanticFigures {
  return layoutFigures(tables, SHANXI_LAYOUT);
}
