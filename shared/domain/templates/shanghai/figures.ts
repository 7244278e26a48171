/**
 * 上海's semantic figures: which of the nine tables plays which part. 表1 and 表4 keep 山西's
 * line keys (without printing 行次); 国有资本经营 本年支出 is 表9's 本年支出小计; 政府采购,
 * 机关运行经费 and 国有资产 are printed in no table (情况说明 十一 only) and come from the facts.
 */
import type { DerivedTables } from '../../tables/types';
import type { SemanticFigures } from '../figures';
import { type FigureLayout, layoutFigures } from '../layoutFigures';

export const SHANGHAI_LAYOUT: FigureLayout = {
  overview: 'S1',
  income: 'S2',
  expenditure: 'S3',
  fiscal: 'S4',
  general: 'S5',
  economic: 'S6',
  govFund: 'S8',
  stateCapital: { table: 'S9', column: 'subtotal' },
  threePublic: 'S7',
};

export function shanghaiFigures(tables: DerivedTables): SemanticFigures {
  return layoutFigures(tables, SHANGHAI_LAYOUT);
}
