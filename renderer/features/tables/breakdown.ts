/**
 * 表02 财政拨款收入 of a 项 is the sum of three typed facts: 一般公共预算, 政府性基金预算 and
 * 国有资本经营预算 财政拨款收入. The officer types the printed figure (the sum) into the cell like
 * any other; it is stored as 一般公共预算 = typed − the other two parts, which are typed in the
 * split editor (or, for 政府性基金, in 公开07表). Most departments have only the first part, so
 * for them the cell behaves exactly like a plain input.
 */
import type { FactRef } from '../../../shared/domain/model';
import type { FactInput } from '../../store/session';

export interface BreakdownValues {
  refs: readonly FactRef[];
  values: readonly number[];
}

export type BreakdownWrite = { ok: true; writes: FactInput[] } | { ok: false; message: string };

/** The facts to write so the parts sum to `total` (null or 0 clears the first part). */
export function writesForTotal(cell: BreakdownValues, total: number | null, formatWan: (fen: number) => string): BreakdownWrite {
  const first = cell.refs[0];
  if (!first) return { ok: false, message: '没有可填写的财政拨款收入' };
  const others = cell.values.slice(1).reduce((s, v) => s + v, 0);
  const wanted = total ?? 0;
  const general = wanted - others;
  if (general < 0) {
    return {
      ok: false,
      message: `财政拨款收入不能小于其中政府性基金和国有资本经营预算部分之和（${formatWan(others)}万元）。请按 F4 分别填写三部分。`,
    };
  }
  return { ok: true, writes: [{ ref: first, value: general }] };
}

export function totalOf(cell: BreakdownValues): number {
  return cell.values.reduce((s, v) => s + v, 0);
}

/** Whether parts other than 一般公共预算 hold figures (the split is then worth showing). */
export function hasOtherParts(cell: BreakdownValues): boolean {
  return cell.values.slice(1).some((v) => v !== 0);
}
