/** 公开10表 部门决算公开相关信息统计表: 政府采购, 机关运行经费, 国有资产占用 (车辆, 大型设备). */
import { VEHICLE_TYPE_NAMES, VEHICLE_TYPES, type StatsMoneyField } from '../model';
import { blank, covered, derivedCount, derivedMoney, h, inputCount, inputMoney, label, lineNo } from './cells';
import { context, frame, type TableInput } from './frame';
import { economicTotal } from './table06';
import type { Cell, ColumnDef, DerivedTable, Row } from './types';

export const TABLE10_COLUMNS: ColumnDef[] = [
  { key: 'item', name: '项目', width: 40, align: 'left' },
  { key: 'line', name: '行次', width: 6, align: 'center' },
  { key: 'value', name: '统计数', width: 16, align: 'right' },
];

export function statsCellId(line: number): string {
  return `10.L${line}.value`;
}

function lineRow(line: number, text: string, value: Cell): Row {
  return { key: `L${line}`, kind: 'line', cells: [label(text), lineNo(line), value] };
}

function sectionRow(key: string, text: string): Row {
  return { key, kind: 'section', cells: [label(text, 3), covered(), covered()] };
}

export function table10(input: TableInput, t06: DerivedTable): DerivedTable {
  const ctx = context('10', input);
  const { stats } = input.report;
  const money = (line: number, field: StatsMoneyField) => inputMoney(ctx, statsCellId(line), stats[field], { kind: 'stats', field });

  const procurement = stats.procurementGoods + stats.procurementWorks + stats.procurementServices;
  const rows: Row[] = [
    lineRow(1, '合计', derivedMoney(ctx, statsCellId(1), procurement, { formula: '= 第2、3、4行之和', refs: [2, 3, 4].map(statsCellId) })),
    lineRow(2, '货物', money(2, 'procurementGoods')),
    lineRow(3, '工程', money(3, 'procurementWorks')),
    lineRow(4, '服务', money(4, 'procurementServices')),
    sectionRow('operatingCost', '二、机关运行经费'),
    { key: 'operatingCostHeader', kind: 'subheader', cells: [label('项目'), lineNo(null), label('统计数')] },
  ];

  // 机关运行经费: the officer's figure, or table 06 公用经费合计 for the department's own line.
  const kind = input.department.unitKind;
  const operatingLine = kind === '行政单位' ? 5 : kind === '参公事业单位' ? 6 : null;
  const operatingCell = (line: number): Cell => {
    if (line !== operatingLine) return blank();
    if (stats.operatingCostOverride !== null) {
      return inputMoney(ctx, statsCellId(line), stats.operatingCostOverride, { kind: 'operatingCost' });
    }
    const cell = derivedMoney(ctx, statsCellId(line), economicTotal(t06, 'publicTotal'), {
      formula: '= 表06 公用经费合计',
      refs: ['06.publicTotal.amount'],
    });
    return { ...cell, fact: { kind: 'operatingCost' } };
  };
  rows.push(lineRow(5, '(一) 行政单位', operatingCell(5)), lineRow(6, '(二) 参照公务员法管理事业单位', operatingCell(6)));

  rows.push(sectionRow('assets', '三、国有资产占用情况'));
  const vehicleTotal = VEHICLE_TYPES.reduce((s, t) => s + stats.vehicles[t], 0);
  rows.push(
    lineRow(7, '(一) 车辆数合计(辆)', derivedCount(statsCellId(7), vehicleTotal, { formula: '= 第8至15行之和', refs: VEHICLE_TYPES.map((_, k) => statsCellId(8 + k)) })),
  );
  VEHICLE_TYPES.forEach((type, k) => {
    rows.push(lineRow(8 + k, `${k + 1}. ${VEHICLE_TYPE_NAMES[type]}`, inputCount(statsCellId(8 + k), stats.vehicles[type], { kind: 'vehicle', type })));
  });
  rows.push(lineRow(17, '(二) 单价100万元(含)以上设备(不含车辆)', inputCount(statsCellId(17), stats.equipmentCount, { kind: 'equipment' })));

  return {
    ...frame('10', input),
    columns: TABLE10_COLUMNS,
    header: [[h('一、政府采购情况', 3)], [h('项目'), h('行次'), h('统计数')]],
    rows,
  };
}
