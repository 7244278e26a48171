/** Where a figure of the narrative comes from, in words (`来源：表05 合计行 小计`), and the cells to show. */
import { describeCell } from '../../../shared/domain/checks';
import type { CheckContext } from '../../../shared/domain/checks';
import { factRefKey } from '../../../shared/domain/model';
import type { PriorFigures, PriorKey } from '../../../shared/domain/narrative/prior';
import { evaluateSource, type FigureSource, figureText, sourceCells } from '../../../shared/domain/narrative/sources';
import type { DerivedTables } from '../../../shared/domain/tables/types';
import { tableOfCell } from '../../store/view';

function cellText(id: string, ctx: CheckContext): string {
  const table = tableOfCell(id);
  if (!table) return id;
  try {
    return `表${table} ${describeCell(ctx, id)}`;
  } catch {
    return id;
  }
}

/** The cells a figure is read from (clicking the figure shows them); empty for typed facts. */
export function figureCells(source: FigureSource | undefined): string[] {
  return source ? sourceCells(source).filter((id) => tableOfCell(id) !== null) : [];
}

/** Last year's report, for naming the cells a last-year figure was read from. */
export interface LastYear {
  year: number;
  tables: DerivedTables;
}

/** A year-over-year change's two figures and where last year's comes from (null for any other figure). */
export interface YoyParts {
  current: string;
  prior: string;
  origin: string;
}

export function yoyParts(source: FigureSource | undefined, ctx: CheckContext, prior: PriorFigures | undefined, last: LastYear | null): YoyParts | null {
  if (source?.kind !== 'difference' || source.of[1].kind !== 'prior') return null;
  const grouping = ctx.report.settings.tableGrouping;
  const [currentSource, priorSource] = source.of;
  let current: string;
  try {
    current = figureText(evaluateSource(currentSource, ctx), grouping);
  } catch {
    return null;
  }
  const priorText = figureText(evaluateSource(priorSource, ctx), grouping);
  const origin = prior?.origin?.(priorSource.key as PriorKey) ?? null;
  let from = '上年数';
  if (origin?.kind === 'typed') from = '本年填写的上年数';
  else if (origin?.kind === 'report') {
    const where = last ? origin.cells.map((id) => cellText(id, { ...ctx, tables: last.tables })).join('、') : '';
    from = `${origin.year ?? ''}年度报表${where ? ` ${where}` : ''}`;
  }
  return { current, prior: priorText, origin: from };
}

export function figureSourceText(source: FigureSource | undefined, ctx: CheckContext, yoy: YoyParts | null = null): string {
  if (yoy) return `本年 ${yoy.current} 万元；上年 ${yoy.prior} 万元（来源：${yoy.origin}）；两者之差为本数（点击查看本年的单元格）`;
  if (!source) return '来源不明';
  switch (source.kind) {
    case 'cell':
      return `来源：${cellText(source.id, ctx)}（点击查看）`;
    case 'fact':
      return `来源：填报数（${factRefKey(source.fact)}）`;
    case 'prior':
      return '来源：上年数';
    default: {
      const cells = sourceCells(source);
      return cells.length > 0 ? `由 ${cells.map((id) => cellText(id, ctx)).join('、')} 等计算（点击查看）` : '由填报数计算';
    }
  }
}
