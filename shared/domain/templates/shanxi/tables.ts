/**
 * 山西's ten tables (公开01表 … 公开10表, the seeds' layout): number, title, orientation, the
 * department line, the unit line and what an empty table prints. The builders in `tables/` lay
 * out each table's body; `tables/frame.ts` prints this frame around it.
 */
import type { TableId } from '../../tables/types';
import type { TemplateTable } from '../types';

const TITLES: Record<TableId, string> = {
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
const LANDSCAPE: ReadonlySet<TableId> = new Set<TableId>(['01', '02', '03', '04', '06', '07', '09']);

/** What an empty 政府性基金 / 国有资本经营 table prints under its empty 合计 row. */
export const SHANXI_NO_DATA_NOTE = '说明：本表无数据';

function table(id: TableId): TemplateTable {
  const spec: TemplateTable = {
    id,
    code: `公开${id}表`,
    title: TITLES[id],
    landscape: LANDSCAPE.has(id),
    orgLabel: id === '10' ? '单位名称' : '部门名称',
    unitLine: id === '07' || id === '08' ? '单位：万元' : '金额单位：万元',
  };
  return id === '07' || id === '08' ? { ...spec, emptyNote: SHANXI_NO_DATA_NOTE } : spec;
}

const IDS: readonly TableId[] = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];

/** The ten tables in printed order. */
export const SHANXI_TABLES: readonly TemplateTable[] = IDS.map(table);

/** A table of 山西 by id. */
export function shanxiTable(id: TableId): TemplateTable {
  const spec = SHANXI_TABLES.find((t) => t.id === id);
  if (!spec) throw new Error(`山西模板没有表${id}`);
  return spec;
}

/** Titles by id (for consumers that name a table: 导入, 对比). */
export const SHANXI_TABLE_TITLES: Readonly<Record<TableId, string>> = TITLES;
