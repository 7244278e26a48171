/**
 * What a template (山西, 上海, …) is made of: its tables, the order of its 情况说明 sections, its
 * glossary, the rules that apply and the semantic figures its tables hold. A consumer asks the
 * template; only the template knows table numbers, line numbers and cell ids.
 */
import type { Department, Report } from '../model';
import type { Catalogue } from '../catalogue';
import type { Rule } from '../checks/types';
import type { GlossaryTerm } from '../package';
import type { DerivedTables, TableId } from '../tables/types';
import type { SemanticFigures } from './figures';
import type { TemplateId } from './ids';

export { DEFAULT_TEMPLATE, isTemplateId, TEMPLATE_IDS, type TemplateId } from './ids';

/** One table of a template, as its frame prints it. */
export interface TemplateTable {
  id: TableId;
  /** Printed number, e.g. `公开01表`. */
  code: string;
  /** Printed title, e.g. `收入支出决算总表`. */
  title: string;
  /** Printed on a landscape page. */
  landscape: boolean;
  /** The label of the department line: `部门名称` (山西 table 10: `单位名称`). */
  orgLabel: string;
  /** `金额单位：万元` or `单位：万元`. */
  unitLine: string;
  /**
   * What an empty table prints under its frame (山西 07/08: `说明：本表无数据`; 上海:
   * `注：{部门}无政府性基金预算财政拨款支出，故本表无数据。`, `{部门}` standing for the department's
   * name); none when it prints nothing.
   */
  emptyNote?: string;
  /** The `注：…` printed under the table (a catalogue edition's wording); empty for none. */
  note(edition: number): string;
  /** What a zero amount prints (上海 表6: `0.00`); blank when absent. */
  zeroText?: string;
  /** Derived cells that include a carry-over and may print negative with it: by row key, or by column key. */
  negativeAllowed?: { rows?: readonly string[]; columns?: readonly string[] };
}

/** One section of 第三部分 情况说明, in the template's order. */
export interface TemplateSection {
  /** Stable id of the drafted section (`n1` …). */
  id: string;
  /** Printed heading. */
  title: string;
}

/** What deriving a template's tables needs. */
export interface TemplateInput {
  department: Department;
  report: Report;
  catalogue: Catalogue;
}

export interface Template {
  id: TemplateId;
  /** The tables in printed order. */
  tables: readonly TemplateTable[];
  /** Derives the tables (each a plain DerivedTable: rows of cells). */
  deriveTables(input: TemplateInput): DerivedTables;
  /** 第三部分 情况说明: the sections in printed order. */
  sections: readonly TemplateSection[];
  /** 第四部分 名词解释: the standard terms of a catalogue edition. */
  glossary(edition: number): readonly GlossaryTerm[];
  /** The consistency rules that apply to a package of this template. */
  rules(): readonly Rule[];
  /** The semantic figures of derived tables: the one place that knows which cell holds which figure. */
  figures(tables: DerivedTables): SemanticFigures;
}
