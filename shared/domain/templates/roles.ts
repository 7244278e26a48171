/**
 * The part each table plays in its template's package — 收入支出决算总表, 支出决算表, the
 * 一般公共预算 table, … — read from the template's own layout (`shanxi/figures.ts`,
 * `shanghai/figures.ts`). Screens ask for a role instead of naming a table id: the 填报向导's
 * steps, the table a 财政拨款 fund is split in (按表03填充), the table that takes the place of
 * another when a year changes template, and where the 部门决算公开相关信息 facts (政府采购,
 * 机关运行经费, 国有资产) are typed when no table prints them. A low-layer data module.
 */
import type { TableId } from '../tables/types';
import type { Fund } from './figures';
import type { TemplateId } from './ids';
import type { FigureLayout } from './layoutFigures';
import { SHANGHAI_LAYOUT } from './shanghai/figures';
import { SHANGHAI_TABLE_IDS } from './shanghai/tables';
import { SHANXI_LAYOUT } from './shanxi/figures';
import { SHANXI_TABLE_IDS } from '../tables/types';

/** What a table is, whatever its template numbers it. */
export type TableRole = 'overview' | 'income' | 'expenditure' | 'fiscal' | 'general' | 'economic' | 'govFund' | 'stateCapital' | 'threePublic' | 'stats';

/** Each template's table ids in printed order. */
const TABLE_IDS: Record<TemplateId, readonly TableId[]> = { 山西: SHANXI_TABLE_IDS, 上海: SHANGHAI_TABLE_IDS };

/**
 * The 情况说明 section whose inputs take 政府采购, 机关运行经费 and 国有资产 where no table prints
 * them: 上海's 十一 其他重要事项 (`shanghai/sections.ts`), which drafts them.
 */
const STATS_SECTIONS: Partial<Record<TemplateId, string>> = { 上海: 'other' };

function rolesOf(layout: FigureLayout): Partial<Record<TableRole, TableId>> {
  const { stateCapital, stats, ...tables } = layout;
  return stats === undefined ? { ...tables, stateCapital: stateCapital.table } : { ...tables, stateCapital: stateCapital.table, stats };
}

const ROLES: Record<TemplateId, Partial<Record<TableRole, TableId>>> = { 山西: rolesOf(SHANXI_LAYOUT), 上海: rolesOf(SHANGHAI_LAYOUT) };

/** Table ids are unique across templates: one index answers for every template. */
const ROLE_OF_TABLE: ReadonlyMap<TableId, TableRole> = new Map(
  Object.values(ROLES).flatMap((roles) => Object.entries(roles).map(([role, id]) => [id, role as TableRole] as const)),
);

/** The table of a template that plays `role`; undefined when the template prints none (上海's 统计表). */
export function tableOfRole(template: TemplateId, role: TableRole): TableId | undefined {
  return ROLES[template][role];
}

/** The table of a template that plays `role`; a role every template prints. */
export function requiredTableOfRole(template: TemplateId, role: Exclude<TableRole, 'stats'>): TableId {
  const id = ROLES[template][role];
  if (id === undefined) throw new Error(`模板“${template}”没有${role}表`);
  return id;
}

/** The part a table plays (any template's table id); undefined for an id of no template. */
export function roleOfTable(id: TableId): TableRole | undefined {
  return ROLE_OF_TABLE.get(id);
}

/** The tables of a template, in printed order. */
export function templateTableIds(template: TemplateId): readonly TableId[] {
  return TABLE_IDS[template];
}

/** The first table of a template's package (收入支出决算总表 in both). */
export function firstTableId(template: TemplateId): TableId {
  return TABLE_IDS[template][0]!;
}

/**
 * The table of `template` that takes the place of `id` (a table of any template): the one
 * playing the same part, else the template's first table. The same id when it is the template's.
 */
export function correspondingTable(id: TableId, template: TemplateId): TableId {
  if (TABLE_IDS[template].includes(id)) return id;
  const role = roleOfTable(id);
  return (role && ROLES[template][role]) ?? firstTableId(template);
}

const FUND_ROLES: Record<Fund, TableRole> = { general: 'general', govFund: 'govFund', stateCapital: 'stateCapital' };

/** The 财政拨款 fund whose split by 项 a table shows (一般公共预算, 政府性基金, 国有资本经营), if any. */
export function fundOfTable(id: TableId): Fund | undefined {
  const role = roleOfTable(id);
  return (Object.keys(FUND_ROLES) as Fund[]).find((f) => FUND_ROLES[f] === role);
}

/** Where a template's 政府采购, 机关运行经费 and 国有资产 facts are typed: its 统计表, or a 情况说明 section. */
export function statsPlace(template: TemplateId): { kind: 'table'; id: TableId } | { kind: 'section'; id: string } {
  const table = ROLES[template].stats;
  if (table !== undefined) return { kind: 'table', id: table };
  const section = STATS_SECTIONS[template];
  if (section === undefined) throw new Error(`模板“${template}”没有填写政府采购等数据的位置`);
  return { kind: 'section', id: section };
}
