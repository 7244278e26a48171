/**
 * 山西's ten tables (公开01表 … 公开10表, the seeds' layout): number, title, orientation, the
 * department line, the unit line and what an empty table prints. The builders in `tables/` lay
 * out each table's body; `tables/frame.ts` prints this frame around it.
 */
import { SHANXI_TABLE_IDS, type ShanxiTableId } from '../../tables/types';
import type { TemplateTable } from '../types';

const TITLES: Record<ShanxiTableId, string> = {
  '01': '收入支出决算总表',
  '02': '收入决算表',
  '03': '支出决算表',
  '04': '财政拨款收入支出决算总表',
  '05': '一般公共预算财政拨款支出决算表',
  '06': '一般公共预算财政拨款基本支出决算明细表',
  '07': '政府性基金预算财政拨款收入支出决算表',
  '08': '国有资本经营预算财政拨款支出决算表',
  '09': '财政拨款“三公”经费支出决算表',
  '10': '部门决算公开相关信息统计表',
};

/** Printed on landscape pages. */
const LANDSCAPE: ReadonlySet<string> = new Set<ShanxiTableId>(['01', '02', '03', '04', '06', '07', '09']);

/** What an empty 政府性基金 / 国有资本经营 table prints under its empty 合计 row. */
export const SHANXI_NO_DATA_NOTE = '说明：本表无数据';

/** The `注：…` under each table; 公开04表's wording changed with the 2024 catalogue. */
function noteFor(id: ShanxiTableId, edition: number): string {
  switch (id) {
    case '01':
      return '注：本表反映部门本年度的总收支和年末结转结余情况。本套报表金额单位转换时可能存在尾数误差。';
    case '02':
      return '注：本表反映部门本年度取得的各项收入情况。';
    case '03':
      return '注：本表反映部门本年度各项支出情况。';
    case '04':
      return edition >= 2024
        ? '注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。'
        : '注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总支出和年末结转结余情况。';
    case '05':
      return '注：本表反映部门本年度一般公共预算财政拨款支出情况。';
    case '06':
      return '注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。';
    case '07':
      return '注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。';
    case '08':
      return '注：本表反映部门本年度国有资本经营预算财政拨款支出情况。';
    case '09':
      return '注：本表反映部门本年度“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。';
    case '10':
      return '注：本表反映部门本年度政府采购、机关运行经费和国有资产占用情况。';
  }
}

/** The lines and columns that add up a carry-over (结转和结余), which may be negative. */
export const NEGATIVE_ALLOWED: Partial<Record<ShanxiTableId, NonNullable<TemplateTable['negativeAllowed']>>> = {
  '01': { rows: ['L29', 'L31', 'L60', 'L62'] },
  '04': { rows: ['L28', 'L29', 'L30', 'L31', 'L32', 'L60', 'L64'] },
  '07': { columns: ['opening', 'closing'] },
};

function table(id: ShanxiTableId): TemplateTable {
  const spec: TemplateTable = {
    id,
    code: `公开${id}表`,
    title: TITLES[id],
    landscape: LANDSCAPE.has(id),
    orgLabel: id === '10' ? '单位名称' : '部门名称',
    unitLine: id === '07' || id === '08' ? '单位：万元' : '金额单位：万元',
    note: (edition) => noteFor(id, edition),
  };
  const negativeAllowed = NEGATIVE_ALLOWED[id];
  if (negativeAllowed) spec.negativeAllowed = negativeAllowed;
  return id === '07' || id === '08' ? { ...spec, emptyNote: SHANXI_NO_DATA_NOTE } : spec;
}

/** The ten tables in printed order. */
export const SHANXI_TABLES: readonly TemplateTable[] = SHANXI_TABLE_IDS.map(table);

/** Titles by id (for consumers that name a table: 导入, 对比). */
export const SHANXI_TABLE_TITLES: Readonly<Record<ShanxiTableId, string>> = TITLES;
