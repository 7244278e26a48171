/** Where a figure of the narrative comes from, in words (`表05 合计行 小计`). */
import { describeCell } from '../../../shared/domain/checks';
import type { CheckContext } from '../../../shared/domain/checks';
import { tableOfCell } from '../../store/view';

export function figureSourceText(source: string | undefined, ctx: CheckContext): string {
  if (!source) return '由填报数据计算';
  const table = tableOfCell(source);
  if (!table) return `来源：${source}`;
  try {
    return `来源：表${table} ${describeCell(ctx, source)}（点击查看）`;
  } catch {
    return `来源：${source}`;
  }
}
