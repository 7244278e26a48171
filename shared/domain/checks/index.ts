/**
 * The rule engine: every consistency rule of the ten tables (docs/checks.md), run on the
 * printed figures. Pure: no Node or DOM imports.
 *
 *     const findings = runChecks({ department, report, tables: deriveTables(department, report) });
 */
import { TABLE_ORDER } from '../templates/tableSpecs';
import { templateOfTables } from '../templates/figuresOf';
import type { TemplateId } from '../templates/ids';
import { SHANGHAI_RULES } from '../templates/shanghai/rules';
import { NARRATIVE_RULES } from './narrativeRules';
import { SHANXI_RULES } from '../templates/shanxi/rules';
import { type CheckContext, type Finding, type Rule, type Severity, SEVERITIES } from './types';

export * from './types';
export { compareTerms, describeCell, envelopeUnits, equalCheck, leafEnvelopeUnits, printedUnits, sumCheck } from './printed';
export type { CompareOptions, RuleMeta, Term } from './printed';
export { inputPlaces, type InputPlace } from './sources';
export { auditReport, type AuditFigure, type AuditReport, type AuditRow } from './auditReport';

/** 山西's rules (templates/shanxi/rules): table rules 01 … 10, cross-table, report, last year's figures, narrative, 附件. */
export const RULES: Rule[] = SHANXI_RULES;

const SEVERITY_ORDER: Record<Severity, number> = { 错误: 0, 警告: 1, 提示: 2 };

/** The rules of each template (山西's are `RULES`). */
const RULES_BY_TEMPLATE: Readonly<Record<TemplateId, readonly Rule[]>> = { 山西: RULES, 上海: SHANGHAI_RULES };

/** The rules that apply to tables of a template's layout. */
export function rulesFor(template: TemplateId): readonly Rule[] {
  return RULES_BY_TEMPLATE[template];
}

/**
 * Runs every rule of the tables' template (or the rules given); findings sorted by severity, then
 * table, then rule order.
 */
export function runChecks(ctx: CheckContext, rules: readonly Rule[] = rulesFor(templateOfTables(ctx.tables))): Finding[] {
  const all: Finding[] = [];
  for (const rule of rules) {
    for (const f of rule.run(ctx)) all.push(f);
  }
  // Array.prototype.sort is stable: within a severity and table, rule order and cell order stay.
  return all.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.table === undefined ? TABLE_ORDER.size : (TABLE_ORDER.get(a.table) ?? 0)) -
        (b.table === undefined ? TABLE_ORDER.size : (TABLE_ORDER.get(b.table) ?? 0)),
  );
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id) ?? SHANGHAI_RULES.find((r) => r.id === id);
}

/** Ids of the 情况说明 rules, which run when the context carries the drafted narrative. */
export const NARRATIVE_RULES_IDS: readonly string[] = NARRATIVE_RULES.map((r) => r.id);
