/**
 * The semantic figures of a year's derived tables, built once per tables object by the template
 * that laid the tables out. `deriveTables` records which template that was (`markTemplate`);
 * tables of no known template are a programming error.
 */
import type { Department, Report } from '../model';
import type { DerivedTables, ShanxiTables } from '../tables/types';
import type { SemanticFigures } from './figures';
import { shanghaiFigures } from './shanghai/figures';
import { shanxiFigures } from './shanxi/figures';
import type { TemplateId } from './ids';

const FIGURES: Record<TemplateId, (tables: DerivedTables) => SemanticFigures> = {
  山西: shanxiFigures,
  上海: shanghaiFigures,
};

const templates = new WeakMap<DerivedTables, TemplateId>();
/** The facts each tables object was derived from (a template's figures may read facts its tables do not print). */
const inputs = new WeakMap<DerivedTables, TemplateFacts>();

/** What a template's tables were derived from. */
export interface TemplateFacts {
  department: Department;
  report: Report;
}
const cache = new WeakMap<DerivedTables, SemanticFigures>();

/** Records the template whose layout `tables` follow (called by the derivation that built them). */
export function markTemplate(tables: DerivedTables, template: TemplateId, facts: TemplateFacts): DerivedTables {
  templates.set(tables, template);
  inputs.set(tables, facts);
  return tables;
}

/** The facts `tables` were derived from; throws for tables no template derived. */
export function factsOfTables(tables: DerivedTables): TemplateFacts {
  const facts = inputs.get(tables);
  if (!facts) throw new Error('表格不是由模板推导的，无法读取语义数字');
  return facts;
}

/** The template whose layout `tables` follow; throws for tables no template derived. */
export function templateOfTables(tables: DerivedTables): TemplateId {
  const template = templates.get(tables);
  if (template === undefined) throw new Error('表格不是由模板推导的，无法读取语义数字');
  return template;
}

/** The semantic figures of `tables` (built on first use, then reused while the tables object lives). */
export function figuresOf(tables: DerivedTables): SemanticFigures {
  let figures = cache.get(tables);
  if (!figures) {
    figures = FIGURES[templateOfTables(tables)](tables);
    cache.set(tables, figures);
  }
  return figures;
}

/** `tables` as 山西's ten tables, for 山西's own rules and figures; tables of another template throw. */
export function asShanxi(tables: DerivedTables): ShanxiTables {
  const template = templateOfTables(tables);
  if (template !== '山西') throw new Error(`这些表格按“${template}”模板排列，不是山西模板的十张表`);
  return tables as ShanxiTables;
}
