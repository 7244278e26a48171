/**
 * # Templates (模板): one registry for the package layout
 *
 * Every province publishes the same typed facts in its own template. A template is data plus a
 * few functions (`types.ts`):
 *
 * - its **tables**: id, printed number (`公开01表`), title, orientation, the department and unit
 *   lines, what an empty table prints, and the derivation that lays out their rows and cells;
 * - its **情况说明 sections** in printed order (the narrative drafts them in this order);
 * - its **glossary** (名词解释) per catalogue edition;
 * - the **rules** (勾稽审核) that apply to its package;
 * - its **semantic figures** (`figures.ts`): 收入总计, 一般公共预算财政拨款支出 by 类/项,
 *   机关运行经费, … each with the cells that print it (or, for a figure the template prints in no
 *   table, the facts it adds up). The narrative, last year's figures, the cross-table rules and the
 *   import's 尾数 ties read figures by name; only a template's figures module (`shanxi/figures.ts`,
 *   `shanghai/figures.ts`) says which of its tables plays which part.
 *
 * The template is chosen per year (`ReportSettings.template`, default 山西, also in the
 * interchange JSON's settings); it changes presentation only, never the typed facts, and is
 * independent of the catalogue edition.
 *
 *     templates/
 *       ids.ts          TemplateId, TEMPLATE_IDS, DEFAULT_TEMPLATE (the setting's values)
 *       types.ts        Template, TemplateTable, TemplateSection
 *       tableSpecs.ts   every template's table frames by id (tableSpec, tableName, TABLE_ORDER)
 *       figures.ts      SemanticFigures, Figure (template-independent names)
 *       layoutFigures.ts the figures of tables laid out as a FigureLayout says
 *       figuresOf.ts    the figures of derived tables, built once per tables object
 *       sections.ts     the sections of each template (what the drafter follows)
 *       glossary.ts     the 名词解释 of each template (山西 twelve, 上海 eleven)
 *       conventions.ts  wording each template decides: thousands separators, 五（三） per 类 or 项,
 *                       部门决算单位构成 always or only with 下属单位, which section reports what
 *       roles.ts        which table plays which part (支出决算表, 一般公共预算, …), for the screens
 *       shanxi/         山西: tables.ts, sections.ts, figures.ts, rules/ (its 勾稽 rules),
 *                       tableImport/ (reading its printed tables from a workbook), index.ts
 *       shanghai/       上海: tables.ts, sections.ts, figures.ts, rules.ts, glossary.ts, index.ts
 *
 * Low layers (narrative, checks, tables' frame) import `figuresOf`, `sections`, `tableSpecs` or a
 * template's data files; this registry, which also names each template's rules and derivation,
 * is for the layers above (backend, CLI, renderer) and must not be imported from below.
 * The tables themselves are built in `tables/` (山西's builders; `tables/shanghai.ts` lays 上海's
 * nine out of the same builders and facts); a year's template picks them (`deriveYearTables`).
 * Adding a template: a folder with the same files, its id in `ids.ts`, its tables in
 * `tableSpecs.ts`, one entry in each of FIGURES, SECTIONS and TEMPLATES, its rules in
 * `checks/index.ts` (RULES_BY_TEMPLATE) its derivation in `deriveYearTables` and its tables' parts in `roles.ts`.
 */
import { DEFAULT_TEMPLATE, isTemplateId, TEMPLATE_CHOICES, TEMPLATE_IDS, type TemplateId } from './ids';
import { SHANGHAI } from './shanghai';
import { SHANXI } from './shanxi';
import type { Template } from './types';

export * from './types';
export * from './figures';
export { figuresOf, templateOfTables } from './figuresOf';

/** Every template, by id. */
export const TEMPLATES: Readonly<Record<TemplateId, Template>> = {
  山西: SHANXI,
  上海: SHANGHAI,
};

/** The template of an id; an unknown name gets a Chinese message naming the ones there are. */
export function getTemplate(id: string): Template {
  if (!isTemplateId(id)) throw new Error(`未知的模板“${id}”，目前可选：${TEMPLATE_CHOICES}`);
  return TEMPLATES[id];
}

export { DEFAULT_TEMPLATE, TEMPLATE_IDS };
