/**
 * The synthetic department of test/harness/synthetic.ts: deterministic, the size asked for,
 * valid interchange, and internally consistent so the derived tables balance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchange, parseInterchangeText, type ReportPackage, toInterchange } from '../../shared/domain/interchange';
import {
  EXPENDITURE_KINDS,
  INCOME_SOURCES,
  ITEM_FIELDS,
  type ItemFacts,
  getItemField,
  STATS_MONEY_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  VEHICLE_TYPES,
} from '../../shared/domain/model';
import { deriveTables, type ShanxiTables, valueById } from '../../shared/domain/tables';
import { NOT_APPLICABLE_CLASSES } from '../../shared/domain/tables/table06';
import {
  SYNTHETIC_MAX_FEN,
  SYNTHETIC_MIN_FEN,
  syntheticFile,
  syntheticReport,
} from '../harness/synthetic';

const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
const incomeTotal = (item: ItemFacts): number => sum(INCOME_SOURCES.map((k) => item.income[k]));
const expenditureTotal = (item: ItemFacts): number => sum(EXPENDITURE_KINDS.map((k) => item.expenditure[k]));

function derive(pkg: ReportPackage): ShanxiTables {
  return deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition, pkg.customCodes));
}

const big = syntheticReport(20, 2023);
const bigTables = derive(big);

describe('syntheticReport', () => {
  it('is deterministic: the same seed gives a deep-equal package, another seed a different one', () => {
    expect(syntheticReport(20, 2023)).toEqual(big);
    expect(syntheticReport(3, 2024, 42)).toEqual(syntheticReport(3, 2024, 42));
    expect(syntheticReport(3, 2024, 43)).not.toEqual(syntheticReport(3, 2024, 42));
    // Each year of one department has its own amounts.
    expect(syntheticReport(3, 2025, 42).report.items).not.toEqual(syntheticReport(3, 2024, 42).report.items);
  });

  it('has about 600 项 at scale 20, custom 项 under existing 款 filling the catalogue gap', () => {
    const items = big.report.items;
    expect(items.length).toBeGreaterThanOrEqual(550);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    expect(items.map((i) => i.code)).toEqual(items.map((i) => i.code).sort());
    const catalogue = getCatalogue(big.report.edition, big.customCodes);
    for (const item of items) {
      expect(catalogue.hasFunctional(item.code), item.code).toBe(true);
      expect(catalogue.hasFunctional(item.code.slice(0, 5)), item.code).toBe(true);
    }
    for (const c of big.customCodes) {
      expect(getCatalogue(big.report.edition).hasFunctional(c.code), c.code).toBe(false);
      expect(getCatalogue(big.report.edition).hasFunctional(c.code.slice(0, 5)), c.code).toBe(true);
    }
    expect(syntheticReport(1, 2023).report.items.length).toBe(30);
  });

  it('writes integer 分 of realistic magnitude', () => {
    const amounts: number[] = [];
    for (const item of big.report.items) for (const f of ITEM_FIELDS) amounts.push(getItemField(item, f));
    amounts.push(...Object.values(big.report.economic));
    amounts.push(...THREE_PUBLIC_ITEMS.flatMap((k) => [big.report.threePublic.budget[k], big.report.threePublic.actual[k]]));
    amounts.push(...STATS_MONEY_FIELDS.map((k) => big.report.stats[k]));
    for (const a of amounts) {
      expect(Number.isSafeInteger(a)).toBe(true);
      if (a !== 0) {
        expect(a).toBeGreaterThanOrEqual(SYNTHETIC_MIN_FEN);
        expect(a).toBeLessThanOrEqual(SYNTHETIC_MAX_FEN);
      }
    }
  });

  it('populates every part: several income sources, all five expenditure kinds, three funds, carry-overs', () => {
    const items = big.report.items;
    for (const k of INCOME_SOURCES) expect(sum(items.map((i) => i.income[k])), k).toBeGreaterThan(0);
    for (const k of EXPENDITURE_KINDS) expect(sum(items.map((i) => i.expenditure[k])), k).toBeGreaterThan(0);
    for (const k of ['generalBasic', 'generalProject', 'govFundBasic', 'govFundProject', 'stateCapitalBasic', 'stateCapitalProject'] as const) {
      expect(sum(items.map((i) => i.fiscal[k])), k).toBeGreaterThan(0);
    }
    expect(sum(items.map((i) => i.govFundOpening))).toBeGreaterThan(0);
    expect(sum(items.map((i) => i.govFundClosing))).toBeGreaterThan(0);
    for (const k of SUMMARY_FIELDS) expect(big.report.summary[k], k).toBeGreaterThan(0);
    for (const k of THREE_PUBLIC_ITEMS) {
      expect(big.report.threePublic.budget[k], k).toBeGreaterThan(0);
      expect(big.report.threePublic.actual[k], k).toBeGreaterThan(0);
    }
    expect(sum(VEHICLE_TYPES.map((t) => big.report.stats.vehicles[t]))).toBeGreaterThan(0);
    expect(big.report.stats.equipmentCount).toBeGreaterThan(0);
  });

  it('fills every table 06 款 except the 基本建设 classes 309 and 311', () => {
    const catalogue = getCatalogue(big.report.edition);
    for (const [code] of [...catalogue.economicPersonnel, ...catalogue.economicPublic]) {
      if (code.length !== 5) continue;
      if (NOT_APPLICABLE_CLASSES.has(code.slice(0, 3))) expect(big.report.economic[code], code).toBeUndefined();
      else expect(big.report.economic[code], code).toBeGreaterThan(0);
    }
  });

  it('is consistent per 项: income = expenditure without carry-overs, fiscal splits within their kind', () => {
    for (const item of big.report.items) {
      const f = item.fiscal;
      const carry = item.govFundClosing - item.govFundOpening;
      expect(incomeTotal(item), item.code).toBe(expenditureTotal(item) + carry);
      if (carry === 0) expect(incomeTotal(item), item.code).toBe(expenditureTotal(item));
      expect(f.generalBasic + f.govFundBasic + f.stateCapitalBasic, item.code).toBeLessThanOrEqual(item.expenditure.basic);
      expect(f.generalProject + f.govFundProject + f.stateCapitalProject, item.code).toBeLessThanOrEqual(item.expenditure.project);
      expect(item.income.generalBudget, item.code).toBe(f.generalBasic + f.generalProject);
      expect(item.income.stateCapital, item.code).toBe(f.stateCapitalBasic + f.stateCapitalProject);
      expect(item.govFundOpening + item.income.govFund, item.code).toBe(f.govFundBasic + f.govFundProject + item.govFundClosing);
    }
  });

  it('round-trips through the interchange format with full validation', () => {
    const doc = toInterchange(big);
    const parsed = parseInterchange(doc);
    if (!parsed.ok) throw new Error(parsed.issues.slice(0, 5).map((i) => `${i.path} ${i.message}`).join('\n'));
    expect(parsed.value).toEqual(big);
    const text = parseInterchangeText(JSON.stringify(doc));
    expect(text.ok && text.value).toEqual(big);
  });

  it.each([
    [0.2, 2023],
    [1, 2024],
    [5, 2025],
  ])('at scale %s for %s derives balanced tables and passes validation', (scale, year) => {
    const pkg = syntheticReport(scale, year, 9);
    const parsed = parseInterchange(toInterchange(pkg));
    expect(parsed.ok && parsed.value).toEqual(pkg);
    const t = derive(pkg);
    expect(valueById(t['01'], '01.L31.amount')).toBe(valueById(t['01'], '01.L62.amount'));
    expect(valueById(t['04'], '04.L32.amount')).toBe(valueById(t['04'], '04.L64.total'));
    expect(valueById(t['05'], '05.total.basic')).toBe(
      valueById(t['06'], '06.personnelTotal.amount') + valueById(t['06'], '06.publicTotal.amount'),
    );
    expect(t['07'].emptyNote).toBeUndefined();
    expect(t['08'].emptyNote).toBeUndefined();
  });
});

describe('the derived tables of the 20× department', () => {
  it('derive without throwing, tables 07 and 08 populated', () => {
    expect(Object.keys(bigTables)).toHaveLength(10);
    for (const id of ['07', '08'] as const) {
      expect(bigTables[id].emptyNote, id).toBeUndefined();
      expect(bigTables[id].rows.length, id).toBeGreaterThan(20);
    }
    expect(valueById(bigTables['07'], '07.total.opening')).toBeGreaterThan(0);
    expect(valueById(bigTables['07'], '07.total.closing')).toBeGreaterThan(0);
    expect(valueById(bigTables['08'], '08.total.total')).toBeGreaterThan(0);
    // Custom 项 print their own names, not the “missing” placeholder.
    const names = bigTables['03'].rows.map((r) => r.cells[1]?.text ?? '');
    expect(names.some((n) => n.includes('目录中没有此科目'))).toBe(false);
  });

  it('table 05 合计 基本支出 = table 06 人员经费合计 + 公用经费合计 (分)', () => {
    const personnel = valueById(bigTables['06'], '06.personnelTotal.amount');
    const publicTotal = valueById(bigTables['06'], '06.publicTotal.amount');
    expect(personnel).toBeGreaterThan(0);
    expect(publicTotal).toBeGreaterThan(0);
    expect(valueById(bigTables['05'], '05.total.basic')).toBe(personnel + publicTotal);
    expect(valueById(bigTables['05'], '05.total.basic')).toBe(sum(big.report.items.map((i) => i.fiscal.generalBasic)));
  });

  it('table 01 line 31 总计 = line 62 总计, table 04 line 32 = line 64', () => {
    const l31 = valueById(bigTables['01'], '01.L31.amount');
    expect(l31).toBeGreaterThan(0);
    expect(l31).toBe(valueById(bigTables['01'], '01.L62.amount'));
    expect(valueById(bigTables['01'], '01.L58.amount')).toBe(valueById(bigTables['03'], '03.total.total'));
    expect(valueById(bigTables['04'], '04.L32.amount')).toBe(valueById(bigTables['04'], '04.L64.total'));
  });

  it('tables 09 and 10 carry 三公 and statistics, 机关运行经费 from table 06', () => {
    expect(valueById(bigTables['09'], '09.budget.total')).toBeGreaterThan(0);
    expect(valueById(bigTables['09'], '09.actual.total')).toBeGreaterThan(0);
    expect(valueById(bigTables['10'], '10.L1.value')).toBeGreaterThan(0);
    expect(valueById(bigTables['10'], '10.L5.value')).toBe(valueById(bigTables['06'], '06.publicTotal.amount'));
    expect(valueById(bigTables['10'], '10.L7.value')).toBeGreaterThan(0);
  });
});

describe('syntheticFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synthetic-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one report per year through the storage layer, read back equal', () => {
    const path = join(dir, 'three-years.db');
    const written = syntheticFile(path, [2023, 2024, 2025], 2);
    const file = openDisclosureFile(path, { create: false });
    try {
      const repo = new DisclosureRepository(file.db);
      expect(repo.listYears()).toEqual([2023, 2024, 2025]);
      expect(repo.getDepartment()).toEqual(written[0]?.department);
      for (const pkg of written) expect(repo.loadReport(pkg.report.year)).toEqual(pkg.report);
    } finally {
      closeDisclosureFile(file);
    }
  });
});
