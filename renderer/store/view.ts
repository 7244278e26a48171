/** What the workspace shows: one entry of the navigation tree. */
import { INCOME_SOURCES, type Report } from '../../shared/domain/model';
import type { TableId } from '../../shared/domain/tables/types';
import { correspondingTable, firstTableId } from '../../shared/domain/templates/roles';
import { TABLE_ORDER } from '../../shared/domain/templates/tableSpecs';
import type { TemplateId } from '../../shared/domain/templates/ids';
import { templateSections } from '../../shared/domain/templates/sections';

/** A 情况说明 section of the year's template (`n1` … `n10`; 上海 also `performance`, `other`). */
export type NarrativeId = string;

/** The section ids of a template, in printed order. */
export function narrativeIds(template: TemplateId): string[] {
  return templateSections(template).map((s) => s.id);
}

export type View =
  | { kind: 'guide' } // 填报向导
  | { kind: 'overview' } // 第一部分 概况
  | { kind: 'settings' } // 报表设置
  | { kind: 'table'; id: TableId } // 第二部分 公开01表…公开10表 (上海: 表1…表9)
  | { kind: 'narrative'; id: NarrativeId } // 第三部分 情况说明 一…十 (上海: 一…十一)
  | { kind: 'glossary' } // 第四部分 名词解释
  | { kind: 'attachments' } // 第五部分 附件
  | { kind: 'form'; id: string } // 附件: one 项目支出绩效自评表
  | { kind: 'keyReport'; id: string } // 附件: one 项目重点评价报告
  | { kind: 'checks' } // 审核
  | { kind: 'compare' } // 年度对比
  | { kind: 'changes'; target?: string }; // 修改记录 (of the year, or of one fact: factRefKey / text/…)

export function sameView(a: View, b: View): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'table' && b.kind === 'table') return a.id === b.id;
  if (a.kind === 'narrative' && b.kind === 'narrative') return a.id === b.id;
  if (a.kind === 'form' && b.kind === 'form') return a.id === b.id;
  if (a.kind === 'keyReport' && b.kind === 'keyReport') return a.id === b.id;
  if (a.kind === 'changes' && b.kind === 'changes') return a.target === b.target;
  return true;
}

/** A table id of any template (`03`, `S5`). */
export function isTableId(value: string): value is TableId {
  return TABLE_ORDER.has(value);
}

/** The table a cell id (`03.208.total`) belongs to. */
export function tableOfCell(cellId: string): TableId | null {
  const prefix = cellId.slice(0, cellId.indexOf('.'));
  return isTableId(prefix) ? prefix : null;
}

/** A year nothing has been typed into yet: it opens on the 填报向导 rather than an all-grey 收入支出决算总表. */
export function isFreshYear(report: Report): boolean {
  const typed = report.items.some((i) => INCOME_SOURCES.some((k) => i.income[k] !== 0) || Object.values(i.expenditure).some((v) => v !== 0));
  return !typed && Object.keys(report.economic).length === 0;
}

/** The first table of a template's package (山西 公开01表, 上海 表1). */
export function firstTableView(template: TemplateId): View {
  return { kind: 'table', id: firstTableId(template) };
}

/** Where a year opens: the guide for a fresh year, else its template's first table. */
export function openingView(report: Report): View {
  return isFreshYear(report) ? { kind: 'guide' } : firstTableView(report.settings.template);
}

/**
 * The view in a year of `template` (after a switch of template, its undo, or a year of another
 * template): a table of another template becomes the table playing the same part (公开03表 ⇄ 表3),
 * else the first table; a 情况说明 section the template lacks becomes its last section (山西 十
 * 其他重要事项 ⇄ 上海 十一). Other views, and views the template has, stay as they are.
 */
export function viewInTemplate(view: View, template: TemplateId): View {
  if (view.kind === 'table') {
    const id = correspondingTable(view.id, template);
    return id === view.id ? view : { kind: 'table', id };
  }
  if (view.kind === 'narrative') {
    const ids = narrativeIds(template);
    return ids.includes(view.id) ? view : { kind: 'narrative', id: ids[ids.length - 1] ?? view.id };
  }
  return view;
}

/** A 情况说明 section's heading as the navigation names it: `十一、其他重要事项的情况说明` → `十一、其他重要事项`. */
export function sectionLabel(title: string): string {
  return title.replace(/的?情况说明$/u, '');
}
