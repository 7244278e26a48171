/** The real package of a seed fixture: derived tables, drafted narrative, 概况, 名词解释 and 附件. */
import { readFileSync } from 'node:fs';
import { getCatalogue } from '../../shared/domain/catalogue';
import { formatInterchangeIssues, parseInterchangeText } from '../../shared/domain/interchange';
import { buildPackage, type Narrative, priorFromTyped } from '../../shared/domain/narrative';
import type { PackageModel } from '../../shared/domain/package';
import { deriveTables } from '../../shared/domain/tables';

export function fixturePackage(fixtureName: string): { model: PackageModel; narrative: Narrative } {
  const text = readFileSync(new URL(`../fixtures/${fixtureName}`, import.meta.url), 'utf8');
  const parsed = parseInterchangeText(text);
  if (!parsed.ok) throw new Error(`${fixtureName}: ${formatInterchangeIssues(parsed.issues)}`);
  const { department, report, customCodes, evaluation } = parsed.value;
  const catalogue = getCatalogue(report.edition, customCodes);
  const tables = deriveTables(department, report, catalogue);
  return buildPackage({ department, report, catalogue, tables, prior: priorFromTyped(report), evaluation });
}
