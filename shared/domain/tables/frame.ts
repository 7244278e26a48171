/** What every table prints around its body: title, 公开NN表, 部门名称, 年度, 金额单位, 注 (from its template). */
import type { Catalogue } from '../catalogue';
import type { Department, Report } from '../model';
import type { BuildContext } from './cells';
import type { DerivedTable, ShanxiTableId, TableId } from './types';
import { SHANXI_NO_DATA_NOTE, SHANXI_TABLE_TITLES } from '../templates/shanxi/tables';
import { tableSpec } from '../templates/tableSpecs';

export interface TableInput {
  department: Department;
  report: Report;
  catalogue: Catalogue;
}

/** 山西's table titles by id. */
export const TABLE_TITLES: Readonly<Record<ShanxiTableId, string>> = SHANXI_TABLE_TITLES;

export const NO_DATA_NOTE = SHANXI_NO_DATA_NOTE;

export function context(id: TableId, input: TableInput): BuildContext {
  return { table: id, grouping: input.report.settings.tableGrouping };
}

/** What an empty table of `id` prints under its frame, for this department (undefined: nothing). */
export function emptyNoteOf(id: TableId, input: TableInput): string | undefined {
  return tableSpec(id).emptyNote?.replaceAll('{部门}', input.department.name);
}

export function frame(
  id: TableId,
  input: TableInput,
): Pick<DerivedTable, 'id' | 'code' | 'title' | 'orgLine' | 'yearLine' | 'unitLine' | 'note' | 'landscape' | 'grouping'> {
  const spec = tableSpec(id);
  return {
    id,
    code: spec.code,
    title: spec.title,
    orgLine: `${spec.orgLabel}：${input.department.name}`,
    yearLine: `${input.report.year}年度`,
    unitLine: spec.unitLine,
    note: spec.note(input.report.edition),
    landscape: spec.landscape,
    grouping: input.report.settings.tableGrouping,
  };
}
