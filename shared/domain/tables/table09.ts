/** 公开09表 财政拨款“三公”经费支出决算表: 预算数 (columns 1–6) and 决算数 (7–12). */
import type { ThreePublicItem } from '../model';
import { derivedMoney, h, inputMoney } from './cells';
import { context, frame, type TableInput } from './frame';
import type { Cell, ColumnDef, DerivedTable } from './types';

const SIDES = [
  ['budget', '预算数'],
  ['actual', '决算数'],
] as const;

const COLUMN_NAMES = [
  ['total', '合计'],
  ['abroad', '因公出国（境）费'],
  ['vehicleTotal', '公务用车购置及运行维护费小计'],
  ['vehiclePurchase', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行维护费'],
  ['reception', '公务接待费'],
] as const;

export const TABLE09_COLUMNS: ColumnDef[] = SIDES.flatMap(([side, sideName]) =>
  COLUMN_NAMES.map(([key, name]): ColumnDef => ({ key: `${side}.${key}`, name: `${sideName}${name}`, width: 10, align: 'right' })),
);

export function threePublicCellId(side: 'budget' | 'actual', column: (typeof COLUMN_NAMES)[number][0]): string {
  return `09.${side}.${column}`;
}

export function table09(input: TableInput): DerivedTable {
  const ctx = context('09', input);
  const cells: Cell[] = [];
  SIDES.forEach(([side], s) => {
    const values = input.report.threePublic[side];
    const id = (c: (typeof COLUMN_NAMES)[number][0]) => threePublicCellId(side, c);
    const item = (key: ThreePublicItem) => inputMoney(ctx, id(key), values[key], { kind: 'threePublic', side, item: key });
    const vehicleTotal = derivedMoney(ctx, id('vehicleTotal'), values.vehiclePurchase + values.vehicleOperation, {
      formula: `= 第${s * 6 + 4}、${s * 6 + 5}栏之和`,
      refs: [id('vehiclePurchase'), id('vehicleOperation')],
    });
    const total = derivedMoney(ctx, id('total'), values.abroad + values.vehiclePurchase + values.vehicleOperation + values.reception, {
      formula: `= 第${s * 6 + 2}、${s * 6 + 3}、${s * 6 + 6}栏之和`,
      refs: [id('abroad'), id('vehicleTotal'), id('reception')],
    });
    cells.push(total, item('abroad'), vehicleTotal, item('vehiclePurchase'), item('vehicleOperation'), item('reception'));
  });

  const sideHeader = [h('合计', 1, 2), h('因公出国（境）费', 1, 2), h('公务用车购置及运行维护费', 3), h('公务接待费', 1, 2)];
  return {
    ...frame('09', input),
    columns: TABLE09_COLUMNS,
    header: [
      [h('预算数', 6), h('决算数', 6)],
      [...sideHeader, ...sideHeader],
      [h('小计'), h('公务用车购置费'), h('公务用车运行维护费'), h('小计'), h('公务用车购置费'), h('公务用车运行维护费')],
      Array.from({ length: 12 }, (_, k) => h(String(k + 1))),
    ],
    rows: [{ key: 'row', kind: 'item', cells }],
  };
}
