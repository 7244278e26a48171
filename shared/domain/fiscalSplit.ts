/**
 * 财政拨款支出 by fund (tables 05, 07, 08) when it follows from what is already typed.
 *
 * A 项's expenditure (table 03: 基本/项目) is split by the fund that paid it. When all of the
 * 项's income came from one 财政拨款 fund (table 02), it had no other income and no carry-over,
 * and it spent exactly that income on 基本 and 项目 支出, the split cannot be anything else:
 * that fund paid the 基本 and the 项目 支出. Such a 项 need not be typed a third time: while
 * none of its split is typed, the tables show the implied split (`impliedSplit`), marked as
 * derived. Typing any part of it makes the whole split typed (the other parts taking their
 * implied values), and clearing it returns to the implied split.
 *
 * When the split does not follow (other income, carry-over, income ≠ expenditure), nothing is
 * assumed; the officer types it, or asks for 按表03填充 (`fillFromTable03`).
 */
import { FISCAL_SPLITS, type FactRef, type FiscalSplit, type ItemFacts, type Report } from './model';
import type { Fen } from './money';

export type Fund = 'general' | 'govFund' | 'stateCapital';

export const FUND_SPLITS: Record<Fund, { basic: FiscalSplit; project: FiscalSplit }> = {
  general: { basic: 'generalBasic', project: 'generalProject' },
  govFund: { basic: 'govFundBasic', project: 'govFundProject' },
  stateCapital: { basic: 'stateCapitalBasic', project: 'stateCapitalProject' },
};

const FUND_INCOME = { general: 'generalBudget', govFund: 'govFund', stateCapital: 'stateCapital' } as const;

export function isSplitTyped(item: ItemFacts): boolean {
  return FISCAL_SPLITS.some((k) => item.fiscal[k] !== 0);
}

/** The one 财政拨款 fund this 项's income came from, or null (none, several, or other income too). */
export function onlyFund(item: ItemFacts): Fund | null {
  const i = item.income;
  if (i.superior !== 0 || i.business !== 0 || i.operating !== 0 || i.affiliated !== 0 || i.other !== 0) return null;
  const funds = (Object.keys(FUND_INCOME) as Fund[]).filter((f) => i[FUND_INCOME[f]] !== 0);
  return funds.length === 1 ? funds[0]! : null;
}

/** Whether the 项 carries a balance of the fund over the year (政府性基金, or 国有资本经营 by 项): its spending then differs from its income. */
function carriesOver(item: ItemFacts, fund: Fund): boolean {
  if (fund === 'govFund') return item.govFundOpening !== 0 || item.govFundClosing !== 0;
  if (fund === 'stateCapital') return item.stateCapitalItemOpening !== 0 || item.stateCapitalItemClosing !== 0;
  return false;
}

/** The split that follows from the typed income and expenditure, or null when it does not. */
export function impliedSplit(item: ItemFacts): Record<FiscalSplit, Fen> | null {
  const fund = onlyFund(item);
  if (!fund) return null;
  const e = item.expenditure;
  if (e.remitUpper !== 0 || e.operating !== 0 || e.affiliatedSubsidy !== 0) return null;
  if (carriesOver(item, fund)) return null;
  if (item.income[FUND_INCOME[fund]] !== e.basic + e.project) return null;
  const split = Object.fromEntries(FISCAL_SPLITS.map((k) => [k, 0])) as Record<FiscalSplit, Fen>;
  split[FUND_SPLITS[fund].basic] = e.basic;
  split[FUND_SPLITS[fund].project] = e.project;
  return split;
}

/** Whether the tables show this 项's split as implied (none typed, and one follows). */
export function isSplitImplied(item: ItemFacts): boolean {
  return !isSplitTyped(item) && impliedSplit(item) !== null;
}

/** The 项 as the tables read it: its typed split, or the implied one while none is typed. */
export function effectiveItem(item: ItemFacts): ItemFacts {
  if (isSplitTyped(item)) return item;
  const split = impliedSplit(item);
  return split ? { ...item, fiscal: split } : item;
}

/** Every 项 as the tables read it; the same array when no split is implied. */
export function effectiveItems(items: readonly ItemFacts[]): readonly ItemFacts[] {
  let out: ItemFacts[] | null = null;
  items.forEach((item, k) => {
    const effective = effectiveItem(item);
    if (effective !== item) {
      out ??= items.slice();
      out[k] = effective;
    }
  });
  return out ?? items;
}

export interface FactWrite {
  ref: FactRef;
  value: number | null;
}

function findItem(report: Report, code: string): ItemFacts | undefined {
  return report.items.find((i) => i.code === code);
}

/**
 * Writes to the split of a 项 whose split is implied: the other parts of the split are written
 * with their implied values in the same action, so typing one part never zeroes the rest.
 */
export function withImpliedSplit(report: Report, writes: readonly FactWrite[]): FactWrite[] {
  const extra: FactWrite[] = [];
  const done = new Set<string>();
  for (const w of writes) {
    if (w.ref.kind !== 'item' || !w.ref.field.startsWith('fiscal.') || done.has(w.ref.code)) continue;
    done.add(w.ref.code);
    const item = findItem(report, w.ref.code);
    const split = item && isSplitImplied(item) ? impliedSplit(item) : null;
    if (!split) continue;
    const code = w.ref.code;
    const written = new Set(writes.filter((x) => x.ref.kind === 'item' && x.ref.code === code).map((x) => (x.ref.kind === 'item' ? x.ref.field : '')));
    for (const k of FISCAL_SPLITS) {
      const field = `fiscal.${k}` as const;
      if (!written.has(field) && split[k] !== 0) extra.push({ ref: { kind: 'item', code, field }, value: split[k] });
    }
  }
  return extra.length === 0 ? [...writes] : [...extra, ...writes];
}

/**
 * 按表03填充 for one fund: for every 项 whose split for this fund is still empty, that is not
 * implied, and whose only 财政拨款 fund is this one (or, for 政府性基金, that has its carry-over),
 * the fund's 基本/项目 支出 are set to table 03's 基本/项目 支出.
 */
export function fillFromTable03(report: Report, fund: Fund): { code: string; writes: FactWrite[] }[] {
  const { basic, project } = FUND_SPLITS[fund];
  const out: { code: string; writes: FactWrite[] }[] = [];
  for (const item of report.items) {
    if (isSplitImplied(item)) continue;
    if (item.fiscal[basic] !== 0 || item.fiscal[project] !== 0) continue;
    const e = item.expenditure;
    if (e.basic === 0 && e.project === 0) continue;
    const fundsWithIncome = (Object.keys(FUND_INCOME) as Fund[]).filter((f) => item.income[FUND_INCOME[f]] !== 0);
    const carries = carriesOver(item, fund);
    const mine = fundsWithIncome.length === 1 && fundsWithIncome[0] === fund;
    if (!(mine || (carries && fundsWithIncome.length === 0))) continue;
    const writes: FactWrite[] = [];
    if (e.basic !== 0) writes.push({ ref: { kind: 'item', code: item.code, field: `fiscal.${basic}` }, value: e.basic });
    if (e.project !== 0) writes.push({ ref: { kind: 'item', code: item.code, field: `fiscal.${project}` }, value: e.project });
    out.push({ code: item.code, writes });
  }
  return out;
}
