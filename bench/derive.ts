/**
 * Deriving the ten tables (deriveTables) from typed facts: what every edit on screen waits for.
 * Seed 000 (晋城市商务局 2023, 14 项) and the synthetic 20× department (600 项).
 */
import { readFileSync } from 'node:fs';
import { getCatalogue } from '../shared/domain/catalogue';
import { formatInterchangeIssues, parseInterchangeText, type ReportPackage } from '../shared/domain/interchange';
import { deriveYearTables } from '../shared/domain/tables';
import type { TemplateId } from '../shared/domain/templates';
import { syntheticReport } from '../test/harness/synthetic';
import { type BenchGroup, type BenchRow, measure, row } from './util';

/** Target for deriving the ten tables of the 20× department (ms). */
export const DERIVE_TARGET_MS = 10;

export function loadFixture(name: string): ReportPackage {
  const text = readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8');
  const parsed = parseInterchangeText(text);
  if (!parsed.ok) throw new Error(`${name}: ${formatInterchangeIssues(parsed.issues)}`);
  return parsed.value;
}

/** The package with its year laid out in `template`. */
export function inTemplate<P extends ReportPackage>(pkg: P, template: TemplateId): P {
  return { ...pkg, report: { ...pkg.report, settings: { ...pkg.report.settings, template } } };
}

/** deriveYearTables with the file's catalogue (custom codes included) built once, as the app holds it. */
function deriver(pkg: ReportPackage): () => unknown {
  const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
  return () => deriveYearTables(pkg.department, pkg.report, catalogue);
}

export const deriveBench: BenchGroup = {
  name: 'derive',
  title: '推导十张表 (derive the ten tables)',
  async run(): Promise<BenchRow[]> {
    const seed = loadFixture('jincheng-2023.json');
    const big = syntheticReport(20, 2023);
    const rows: BenchRow[] = [];

    const seedSummary = await measure(deriver(seed), { warmup: 300, maxRuns: 3000, budgetMs: 3000, minRuns: 200 });
    rows.push(row('推导十张表：种子000 晋城市商务局 (derive: seed 000)', seedSummary, { note: `${seed.report.items.length} 项` }));

    const bigSummary = await measure(deriver(big), { warmup: 30, maxRuns: 400, budgetMs: 8000, minRuns: 40 });
    rows.push(
      row('推导十张表：合成部门 20× (derive: synthetic 20×)', bigSummary, {
        targetMs: DERIVE_TARGET_MS,
        note: `${big.report.items.length} 项`,
      }),
    );
    const shanghai = await measure(deriver(inTemplate(big, '上海')), { warmup: 30, maxRuns: 400, budgetMs: 8000, minRuns: 40 });
    rows.push(
      row('推导九张表（上海模板）：合成部门 20× (derive, 上海: synthetic 20×)', shanghai, {
        targetMs: DERIVE_TARGET_MS,
        note: `${big.report.items.length} 项`,
      }),
    );
    return rows;
  },
};
