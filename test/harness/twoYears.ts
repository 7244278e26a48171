/**
 * Seed 002 (阳泉市商务局 2024) and a 2023 year derived from it with known changes, for the
 * comparison tests: in 2023 a 项 2024 no longer has (2011302, 5.00 万元), no 2159802 (a 2024
 * edition code: a line of 2024 only), 2011301 行政运行 at 350.00 万元 instead of 395.29, an amount on
 * 31001 (renamed 房屋建筑物构建 → 房屋建筑物购建 in the 2024 edition), and no 公务接待费 (a zero base
 * for 2024's 0.26 万元). The 2023 year uses the 2023 catalogue edition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { importReport } from '../../electron/backend/services/reports';
import { formatInterchangeIssues, parseInterchangeText, type ReportPackage, toInterchange } from '../../shared/domain/interchange';
import { emptyItem, type Report } from '../../shared/domain/model';

const WAN = 1_000_000;

export function yangquan2024(): ReportPackage {
  const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(formatInterchangeIssues(parsed.issues));
  return parsed.value;
}

/** The 2023 year: seed 002's facts with the changes listed above. */
export function derived2023(current: Report): Report {
  const prior: Report = structuredClone(current);
  prior.year = 2023;
  prior.edition = 2023;
  prior.prior = {};
  prior.items = prior.items.filter((i) => i.code !== '2159802');
  const admin = prior.items.find((i) => i.code === '2011301');
  if (!admin) throw new Error('seed 002 has no 2011301');
  admin.income.generalBudget = 350 * WAN;
  admin.expenditure.basic = 350 * WAN;
  admin.fiscal.generalBasic = 350 * WAN;
  const general = emptyItem('2011302');
  general.income.generalBudget = 5 * WAN;
  general.expenditure.project = 5 * WAN;
  general.fiscal.generalProject = 5 * WAN;
  prior.items = [...prior.items, general].sort((a, b) => (a.code < b.code ? -1 : 1));
  prior.economic['31001'] = 2 * WAN;
  prior.threePublic.actual.reception = 0;
  prior.threePublic.budget.reception = 0;
  return prior;
}

export function twoYears(): { pkg: ReportPackage; prior: Report } {
  const pkg = yangquan2024();
  return { pkg, prior: derived2023(pkg.report) };
}

/**
 * A disclosure file `阳泉.jsgk` in `folder` holding both years (2024 imported first, then 2023 brought
 * in as last year), and the two years as interchange JSON files beside it.
 */
export function twoYearFile(folder: string): { path: string; json2024: string; json2023: string } {
  const { pkg, prior } = twoYears();
  const path = join(folder, '阳泉.jsgk');
  const file = openDisclosureFile(path, { create: true });
  try {
    importReport(file, pkg, { replace: false });
    importReport(file, { ...pkg, report: prior }, { replace: false });
  } finally {
    closeDisclosureFile(file);
  }
  const json2024 = join(folder, '2024.json');
  const json2023 = join(folder, '2023.json');
  writeFileSync(json2024, JSON.stringify(toInterchange(pkg)));
  writeFileSync(json2023, JSON.stringify(toInterchange({ ...pkg, report: prior })));
  return { path, json2024, json2023 };
}
