/**
 * The semantic figures of a year's derived tables, built once per tables object by the template
 * that laid the tables out. `deriveTables` records which template that was (`markTemplate`);
 * tables of no known template are a programming error.
 */
import type { DerivedTables } from '../tables/types';
import type { SemanticFigures } from './figures';
import { shanxiFigures } from './shanxi/figures';
import type { TemplateId } from './ids';

const FIGURES: Record<TemplateId, (tables: DerivedTables) => SemanticFigures> = {
  山西: shanxiFigures,
};

const templates = new WeakMap<DerivedTables, TemplateId>();
const cache = new WeakMap<DerivedTables, SemanticFigures>();

/** Records the template whose layout `tables` follow (called by the derivation that built them). */
export function markTemplate(tables: DerivedTables, template: TemplateId): DerivedTables {
  templates.set(tables, template);
  return tables;
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
