/** Where a figure of the narrative comes from, in words (`来源：表05 合计行 小计`), and the cells to show. */
import { describeCell } from '../../../shared/domain/checks';
import type { CheckContext } from '../../../shared/domain/checks';
import { factRefKey } from '../../../shared/domain/model';
import { type FigureSource, sourceCells } from '../../../shared/domain/narrative/sources';
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

export function figureSourceText(source: FigureSource | undefined, ctx: CheckContext): string {
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
