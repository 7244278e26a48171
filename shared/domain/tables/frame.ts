/** What every table prints around its body: title, 公开NN表, 部门名称, 年度, 金额单位, 注. */
import type { Catalogue } from '../catalogue';
import type { Department, Report } from '../model';
import type { BuildContext } from './cells';
import type { DerivedTable, TableId } from './types';
import { SHANXI_NO_DATA_NOTE, SHANXI_TABLE_TITLES, shanxiTable } from '../templates/shanxi/tables';

export interface TableInput {
  department: Department;
  report: Report;
  catalogue: Catalogue;
}

/** Table titles by id (山西's, the only template so far). */
export const TABLE_TITLES: Readonly<Record<TableId, string>> = SHANXI_TABLE_TITLES;

function noteFor(id: TableId, edition: number): string {
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

export const NO_DATA_NOTE = SHANXI_NO_DATA_NOTE;

export function context(id: TableId, input: TableInput): BuildContext {
  return { table: id, grouping: input.report.settings.tableGrouping };
}

export function frame(
  id: TableId,
  input: TableInput,
): Pick<DerivedTable, 'id' | 'code' | 'title' | 'orgLine' | 'yearLine' | 'unitLine' | 'note' | 'landscape' | 'grouping'> {
  const spec = shanxiTable(id);
  return {
    id,
    code: spec.code,
    title: spec.title,
    orgLine: `${spec.orgLabel}：${input.department.name}`,
    yearLine: `${input.report.year}年度`,
    unitLine: spec.unitLine,
    note: noteFor(id, input.report.edition),
    landscape: spec.landscape,
    grouping: input.report.settings.tableGrouping,
  };
}
