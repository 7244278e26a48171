/** 公开04表 财政拨款收入支出决算总表 */
import { TABLE01_CLASSES } from '../catalogue';
import type { FactRef, FiscalCarryField, IncomeSource, ItemField } from '../model';
import { type BuildContext, chineseNumeral, derivedMoney, h, inputMoney } from './cells';
import { context, frame, type TableInput } from './frame';
import { blanks, lineId, lineRows, type LineSide } from './lineTables';
import { itemFact, subjectTotal } from './subjects';
import type { Cell, ColumnDef, DerivedTable, TableId } from './types';
import { tableShortName } from '../templates/tableSpecs';

export const TABLE04_COLUMNS: ColumnDef[] = [
  { key: 'itemL', name: '收入项目', width: 26, align: 'left' },
  { key: 'lineL', name: '行次', width: 5, align: 'center' },
  { key: 'amount', name: '金额', width: 13, align: 'right' },
  { key: 'itemR', name: '支出项目', width: 26, align: 'left' },
  { key: 'lineR', name: '行次', width: 5, align: 'center' },
  { key: 'total', name: '合计', width: 13, align: 'right' },
  { key: 'general', name: '一般公共预算财政拨款', width: 13, align: 'right' },
  { key: 'govFund', name: '政府性基金预算财政拨款', width: 13, align: 'right' },
  { key: 'stateCapital', name: '国有资本经营预算财政拨款', width: 13, align: 'right' },
];

const FUNDS = ['general', 'govFund', 'stateCapital'] as const;
type Fund = (typeof FUNDS)[number];
const FUND_NAMES: Record<Fund, string> = {
  general: '一般公共预算财政拨款',
  govFund: '政府性基金预算财政拨款',
  stateCapital: '国有资本经营预算财政拨款',
};
const FUND_INCOME: Record<Fund, IncomeSource> = { general: 'generalBudget', govFund: 'govFund', stateCapital: 'stateCapital' };

/** Lines 1–3's `sourceFacts` of the last derivation, per fund (frozen; shared while unchanged). */
const lastFundFacts = new Map<Fund, readonly FactRef[]>();

/** Right-hand value cells: 合计 = Σ funds, then one cell per fund. */
function rightCells(ctx: BuildContext, line: number, funds: Record<Fund, Cell>): Cell[] {
  const total = FUNDS.reduce((s, f) => s + (funds[f].value ?? 0), 0);
  const totalCell = derivedMoney(ctx, lineId(ctx.table, line, 'total'), total, {
    formula: '= 第3、4、5栏之和',
    refs: FUNDS.map((f) => lineId(ctx.table, line, f)),
  });
  return [totalCell, funds.general, funds.govFund, funds.stateCapital];
}

/**
 * 公开04表 (上海's 表4 lays the same lines out without 行次: `tableId` names the table built). The
 * funds' spending by 类 is read from `t05`, `t07` and `t08` (上海: 表5, 表8, 表9), 本年支出 of
 * 国有资本经营 from `t08`'s `stateCapitalColumn`.
 */
export function table04(
  input: TableInput,
  t05: DerivedTable,
  t07: DerivedTable,
  t08: DerivedTable,
  tableId: TableId = '04',
  stateCapitalColumn = 'total',
): DerivedTable {
  const ctx = context(tableId, input);
  const [n05, n07, n08] = [t05, t07, t08].map((t) => tableShortName(t.id));
  const left = new Map<number, Cell>();
  const right = new Map<number, Cell[]>();
  const leftId = (line: number) => lineId(tableId, line, 'amount');
  const sumLeft = (line: number, lines: number[], formula: string) =>
    derivedMoney(ctx, leftId(line), lines.reduce((s, l) => s + (left.get(l)?.value ?? 0), 0), {
      formula,
      refs: lines.map(leftId),
    });
  const carryInput = (id: string, field: FiscalCarryField) =>
    inputMoney(ctx, id, input.report.fiscalCarry[field], { kind: 'fiscalCarry', field });

  // Lines 1–3: 财政拨款收入 by fund, summed over every 项.
  FUNDS.forEach((fund, k) => {
    const source = FUND_INCOME[fund];
    const field: ItemField = `income.${source}`;
    // The list of summed facts is usually the one the previous derivation made: reuse it then.
    const previous = lastFundFacts.get(fund);
    let facts: FactRef[] | undefined;
    let same = 0;
    let fen = 0;
    for (const item of input.report.items) {
      const value = item.income[source];
      if (value === 0) continue;
      fen += value;
      const fact = itemFact(item.code, field);
      if (facts) facts.push(fact);
      else if (previous && previous[same] === fact) same++;
      else {
        facts = previous ? previous.slice(0, same) : [];
        facts.push(fact);
      }
    }
    if (!facts) {
      if (previous && previous.length === same) facts = previous as FactRef[];
      else facts = previous ? previous.slice(0, same) : [];
    }
    if (facts !== previous) lastFundFacts.set(fund, Object.freeze(facts));
    left.set(k + 1, derivedMoney(ctx, leftId(k + 1), fen, { formula: `= 各科目${FUND_NAMES[fund]}收入之和`, facts }));
  });
  left.set(27, sumLeft(27, [1, 2, 3], '= 第1、2、3行之和'));
  left.set(29, carryInput(leftId(29), 'generalOpening'));
  left.set(30, derivedMoney(ctx, leftId(30), subjectTotal(t07, 'total', 'opening'), { formula: `= ${n07} 合计行 年初结转和结余`, refs: [`${t07.id}.total.opening`] }));
  left.set(31, carryInput(leftId(31), 'stateCapitalOpening'));
  left.set(28, sumLeft(28, [29, 30, 31], '= 第29、30、31行之和'));
  left.set(32, sumLeft(32, [27, 28], '= 第27、28行之和'));

  // Lines 33–58: 类 by fund from tables 05, 07 and 08.
  const classLines: number[] = [];
  TABLE01_CLASSES.forEach((code, k) => {
    const line = 33 + k;
    classLines.push(line);
    const source: Record<Fund, [DerivedTable, string, string]> = {
      general: [t05, 'subtotal', `= ${n05} ${code} 本年支出小计`],
      govFund: [t07, 'subtotal', `= ${n07} ${code} 本年支出小计`],
      stateCapital: [t08, stateCapitalColumn, `= ${n08} ${code} 本年支出${stateCapitalColumn === 'total' ? '合计' : '小计'}`],
    };
    const funds = {} as Record<Fund, Cell>;
    for (const f of FUNDS) {
      const [table, column, formula] = source[f];
      const ref = `${table.id}.${code}.${column}`;
      funds[f] = derivedMoney(ctx, lineId(tableId, line, f), subjectTotal(table, code, column), { formula, refs: [ref] });
    }
    right.set(line, rightCells(ctx, line, funds));
  });
  const sumRight = (line: number, lines: number[], formula: string): Record<Fund, Cell> => {
    const funds = {} as Record<Fund, Cell>;
    for (const f of FUNDS) {
      const col = FUNDS.indexOf(f) + 1;
      const fen = lines.reduce((s, l) => s + (right.get(l)?.[col]?.value ?? 0), 0);
      funds[f] = derivedMoney(ctx, lineId(tableId, line, f), fen, { formula, refs: lines.map((l) => lineId(tableId, l, f)) });
    }
    return funds;
  };
  right.set(59, rightCells(ctx, 59, sumRight(59, classLines, '= 第33至58行之和')));
  right.set(
    60,
    rightCells(ctx, 60, {
      general: carryInput(lineId(tableId, 60, 'general'), 'generalClosing'),
      govFund: derivedMoney(ctx, lineId(tableId, 60, 'govFund'), subjectTotal(t07, 'total', 'closing'), {
        formula: `= ${n07} 合计行 年末结转和结余`,
        refs: [`${t07.id}.total.closing`],
      }),
      stateCapital: carryInput(lineId(tableId, 60, 'stateCapital'), 'stateCapitalClosing'),
    }),
  );
  right.set(64, rightCells(ctx, 64, sumRight(64, [59, 60], '= 第59、60行之和')));

  const leftLabels: Record<number, string> = {
    27: '本年收入合计',
    28: '年初财政拨款结转和结余',
    29: FUND_NAMES.general,
    30: FUND_NAMES.govFund,
    31: FUND_NAMES.stateCapital,
    32: '总计',
  };
  FUNDS.forEach((f, k) => (leftLabels[k + 1] = `${chineseNumeral(k + 1)}、${FUND_NAMES[f]}`));
  const rightLabels: Record<number, string> = { 59: '本年支出合计', 60: '年末财政拨款结转和结余', 64: '总计' };
  TABLE01_CLASSES.forEach((code, k) => {
    rightLabels[33 + k] = `${chineseNumeral(k + 1)}、${input.catalogue.functionalName(code) ?? code}`;
  });

  const leftSides: LineSide[] = Array.from({ length: 32 }, (_, k) => {
    const line = k + 1;
    const cell = left.get(line);
    return { line, label: leftLabels[line] ?? '', cells: cell ? [cell] : blanks(1) };
  });
  const rightSides: LineSide[] = Array.from({ length: 32 }, (_, k) => {
    const line = k + 33;
    return { line, label: rightLabels[line] ?? '', cells: right.get(line) ?? blanks(4) };
  });

  return {
    ...frame(tableId, input),
    columns: TABLE04_COLUMNS,
    header: [
      [h('收入', 3), h('支出', 6)],
      [h('项目'), h('行次'), h('金额'), h('项目'), h('行次'), h('合计'), h(FUND_NAMES.general), h(FUND_NAMES.govFund), h(FUND_NAMES.stateCapital)],
      [h('栏次'), h(''), h('1'), h('栏次'), h(''), h('2'), h('3'), h('4'), h('5')],
    ],
    rows: lineRows(leftSides, rightSides),
  };
}
