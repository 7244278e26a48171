/**
 * The interchange JSON (docs/interchange-format.md): round trips of both seed fixtures,
 * validation with JSON paths and Chinese messages, amount units, custom codes,
 * and the example printed in the documentation.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import {
  formatInterchangeIssues,
  type InterchangeIssue,
  parseInterchange,
  parseInterchangeText,
  type ReportPackage,
  toInterchange,
} from '../../shared/domain/interchange';
import { decimalToFen, fenToWanText, numberToDecimal } from '../../shared/domain/money';
import { DEFAULT_SETTINGS, STATS_MONEY_FIELDS } from '../../shared/domain/model';
import { deriveTables, valueById } from '../../shared/domain/tables';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const CHINESE = /[\u4e00-\u9fff]/;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

function fixture(name: string): Doc {
  return JSON.parse(fixtureText(name)) as Doc;
}

const jincheng = (): Doc => fixture('jincheng-2023.json');

function parseOk(doc: unknown): ReportPackage {
  const result = parseInterchange(doc);
  if (!result.ok) throw new Error(formatInterchangeIssues(result.issues));
  return result.value;
}

/** Parses a document that must be rejected; checks nothing is returned and every message is Chinese. */
function issuesOf(doc: unknown): InterchangeIssue[] {
  const result = parseInterchange(doc);
  expect(result.ok).toBe(false);
  expect('value' in result).toBe(false);
  if (result.ok) return [];
  expect(result.issues.length).toBeGreaterThan(0);
  for (const issue of result.issues) {
    expect(issue.path.startsWith('$')).toBe(true);
    expect(issue.message).toMatch(CHINESE);
  }
  return result.issues;
}

/** The single issue of a document with exactly one problem. */
function onlyIssue(doc: unknown): InterchangeIssue {
  const issues = issuesOf(doc);
  expect(issues, formatInterchangeIssues(issues)).toHaveLength(1);
  return issues[0]!;
}

describe.each(['jincheng-2023.json', 'yangquan-2024.json'])('round trip of %s', (name) => {
  it('parse → toInterchange → parse gives the same report package', () => {
    const first = parseOk(fixture(name));
    const written = toInterchange(first);
    expect(parseOk(written)).toEqual(first);
    // Through JSON text too, as export-json writes it.
    const again = parseInterchangeText(JSON.stringify(written, null, 2));
    expect(again.ok && again.value).toEqual(first);
  });

  it('toInterchange of the parsed fixture is the fixture itself', () => {
    const doc = fixture(name);
    expect(toInterchange(parseOk(doc))).toEqual(doc);
  });

  it('parseInterchangeText agrees with parseInterchange and accepts a BOM', () => {
    const text = fixtureText(name);
    const fromText = parseInterchangeText(`\uFEFF${text}`);
    expect(fromText.ok && fromText.value).toEqual(parseOk(JSON.parse(text)));
  });
});

describe('parsed content of the jincheng fixture', () => {
  it('holds 分, department, edition and defaults', () => {
    const { department, report, customCodes } = parseOk(jincheng());
    expect(department.name).toBe('晋城市商务局');
    expect(department.unitKind).toBe('行政单位');
    expect(report.year).toBe(2023);
    expect(report.edition).toBe(2023);
    expect(customCodes).toEqual([]);
    const item = report.items.find((i) => i.code === '2011301')!;
    expect(item.income.generalBudget).toBe(753_319_900);
    expect(item.expenditure.basic).toBe(753_319_900);
    expect(item.income.superior).toBe(0);
    expect(report.economic['30101']).toBe(207_280_000);
    expect(report.stats.operatingCostOverride).toBeNull();
    expect(report.stats.vehicles.other).toBe(1);
    expect(report.summary).toEqual({ nonFiscalSurplusUsed: 0, openingBalance: 0, surplusDistribution: 0, closingBalance: 0 });
    expect(report.texts['n1.reason']).toBe('减少了消费券的资金，项目类资金收入和支出减少');
    expect(report.initialBudget['216']).toBe(0);
    expect(report.adjustedBudget['216']).toBe(107_410_000);
    expect(report.prior['general/201']).toBe(9_574_740_000);
    expect(report.stats.counts.receptionBatches).toBe(2);
  });

  it('sorts items by code whatever their order in the file', () => {
    const doc = jincheng();
    doc.items.reverse();
    const codes = parseOk(doc).report.items.map((i) => i.code);
    expect(codes).toEqual([...codes].sort());
    expect(parseOk(doc)).toEqual(parseOk(jincheng()));
  });
});

describe('validation', () => {
  it('rejects a string where a number is expected', () => {
    const doc = jincheng();
    doc.items[0].expenditure.basic = 'abc';
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.items[0].expenditure.basic');
    expect(issue.message).toContain('abc');
  });

  it('rejects other non-amount types', () => {
    const doc = jincheng();
    doc.items[0].income.generalBudget = true;
    doc.threePublic.actual.reception = { value: 1 };
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['$.items[0].income.generalBudget', '$.threePublic.actual.reception']);
    expect(issues[0]!.message).toContain('应为金额');
  });

  it('rejects an item code that is in neither the catalogue nor the custom codes', () => {
    const doc = jincheng();
    const k = 2;
    doc.items[k].code = '2010198';
    const issue = onlyIssue(doc);
    expect(issue.path).toBe(`$.items[${k}].code`);
    expect(issue.message).toContain('2010198');
    expect(issue.message).toContain('2023');
  });

  it('accepts 2019999, which is in the 2023 catalogue (其他一般公共服务支出)', () => {
    const doc = jincheng();
    doc.items.push({ code: '2019999', expenditure: { basic: 1 } });
    expect(parseOk(doc).report.items.some((i) => i.code === '2019999')).toBe(true);
    expect(getCatalogue(2023).functionalName('2019999')).toBe('其他一般公共服务支出');
  });

  it('accepts a 2024 code only from the 2024 edition on', () => {
    const doc = jincheng();
    doc.items.push({ code: '2159802', expenditure: { project: 100 } });
    expect(onlyIssue(doc).path).toBe(`$.items[${doc.items.length - 1}].code`);
    doc.edition = 2024;
    expect(parseOk(doc).report.edition).toBe(2024);
  });

  it('validates last-year per-row keys against the catalogue like items (general/2013901 before 2024)', () => {
    // The 2023 edition has no 20139 社会工作事务: the import that refuses the item must refuse
    // last year's figure for the same code too, each at its own path.
    const doc = jincheng();
    doc.items.push({ code: '2013901', expenditure: { basic: 100 } });
    doc.prior['general/2013901'] = 100;
    doc.prior['general/20139'] = 100;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual([`$.items[${doc.items.length - 1}].code`, '$.prior.general/2013901', '$.prior.general/20139']);
    expect(issues[1]?.message).toContain('2013901 不在 2023 年版支出功能分类中');
    // From the 2024 edition on, all three are accepted.
    doc.edition = 2024;
    expect(parseOk(doc).report.prior['general/2013901']).toBe(10_000);
    // A custom code makes the key valid like it makes the item valid.
    const custom = jincheng();
    custom.customCodes = [{ catalogue: 'functional', code: '2010198', name: '自定义项' }];
    custom.prior['general/2010198'] = 5;
    expect(parseOk(custom).report.prior['general/2010198']).toBe(500);
  });

  it('rejects a 5-digit item code', () => {
    const doc = jincheng();
    doc.items[1].code = '20113';
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.items[1].code');
    expect(issue.message).toContain('7位');
  });

  it('rejects a duplicate item at the second occurrence', () => {
    const doc = jincheng();
    doc.items.push(structuredClone(doc.items[0]));
    const issue = onlyIssue(doc);
    expect(issue.path).toBe(`$.items[${doc.items.length - 1}].code`);
    expect(issue.message).toContain('重复');
  });

  it('rejects a negative expenditure', () => {
    const doc = jincheng();
    doc.items[3].expenditure.project = -1;
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.items[3].expenditure.project');
    expect(issue.message).toContain('负数');
  });

  it.each([
    ['economic', (d: Doc) => (d.economic['30101'] = -1), '$.economic.30101'],
    ['threePublic', (d: Doc) => (d.threePublic.budget.reception = '-1'), '$.threePublic.budget.reception'],
    ['stats', (d: Doc) => (d.stats.procurementGoods = -0.01), '$.stats.procurementGoods'],
    ['operatingCost', (d: Doc) => (d.stats.operatingCost = -5), '$.stats.operatingCost'],
    ['fiscal', (d: Doc) => (d.items[0].fiscal.generalBasic = -3), '$.items[0].fiscal.generalBasic'],
  ])('rejects a negative %s amount', (_name, mutate, path) => {
    const doc = jincheng();
    mutate(doc);
    expect(onlyIssue(doc).path).toBe(path);
  });

  it('accepts negative carry-overs', () => {
    const doc = jincheng();
    doc.summary = { closingBalance: -100, openingBalance: '-1,234.56' };
    doc.fiscalCarry = { generalClosing: -100.5 };
    doc.items[0].govFundOpening = -7;
    doc.items[0].govFundClosing = '-8.01';
    const { report } = parseOk(doc);
    expect(report.summary.closingBalance).toBe(-10_000);
    expect(report.summary.openingBalance).toBe(-123_456);
    expect(report.fiscalCarry.generalClosing).toBe(-10_050);
    const item = report.items.find((i) => i.code === doc.items[0].code)!;
    expect(item.govFundOpening).toBe(-700);
    expect(item.govFundClosing).toBe(-801);
    // and they survive a round trip
    expect(parseOk(toInterchange(parseOk(doc)))).toEqual(parseOk(doc));
  });

  it('rejects an amount in class 309 (基本建设) and accepts a zero there', () => {
    const doc = jincheng();
    doc.economic['30901'] = 100;
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.economic.30901');
    expect(issue.message).toContain('基本建设');
    doc.economic['30901'] = 0;
    expect(parseOk(doc).report.economic['30901']).toBeUndefined();
  });

  it('rejects an amount in class 311 too', () => {
    const doc = jincheng();
    doc.economic['31101'] = '1.00';
    expect(onlyIssue(doc).path).toBe('$.economic.31101');
  });

  it('rejects an unknown economic code and a class code', () => {
    const doc = jincheng();
    doc.economic['30198'] = 100;
    doc.economic['301'] = 100;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path).sort()).toEqual(['$.economic.301', '$.economic.30198']);
    expect(issues.find((i) => i.path === '$.economic.30198')!.message).toContain('30198');
  });

  it('rejects 31206 in 2023 and accepts it in 2024', () => {
    const doc = jincheng();
    doc.economic['31206'] = 100;
    expect(onlyIssue(doc).path).toBe('$.economic.31206');
    doc.edition = 2024;
    expect(parseOk(doc).report.economic['31206']).toBe(10_000);
  });

  it('rejects an unknown top-level field', () => {
    const doc = jincheng();
    doc.totals = { income: 1 };
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.totals');
    expect(issue.message).toContain('未知字段');
  });

  it('rejects unknown nested fields (a misspelt key is never read as zero)', () => {
    const doc = jincheng();
    doc.items[0].income.generalBudgt = 1;
    doc.items[0].total = 1;
    doc.department.code = 'x';
    doc.settings.font = '宋体';
    doc.stats.vehicles.bus = 1;
    doc.threePublic.budget.total = 1;
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths.sort()).toEqual(
      [
        '$.items[0].income.generalBudgt',
        '$.items[0].total',
        '$.department.code',
        '$.settings.font',
        '$.stats.vehicles.bus',
        '$.threePublic.budget.total',
      ].sort(),
    );
  });

  it('rejects a wrong format', () => {
    const doc = jincheng();
    doc.format = 'something-else';
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.format');
  });

  it('rejects a newer formatVersion asking for an upgrade', () => {
    const doc = jincheng();
    doc.formatVersion = 2;
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.formatVersion');
    expect(issue.message).toContain('升级');
  });

  it('rejects an older or malformed formatVersion without asking for an upgrade', () => {
    for (const v of [0, '1', undefined]) {
      const doc = jincheng();
      doc.formatVersion = v;
      const issue = onlyIssue(doc);
      expect(issue.path).toBe('$.formatVersion');
      expect(issue.message).not.toContain('升级');
    }
  });

  it('rejects an invalid unitKind', () => {
    const doc = jincheng();
    doc.department.unitKind = '企业';
    const issue = onlyIssue(doc);
    expect(issue.path).toBe('$.department.unitKind');
    expect(issue.message).toContain('行政单位');
  });

  it('accepts every unitKind', () => {
    for (const kind of ['行政单位', '参公事业单位', '事业单位']) {
      const doc = jincheng();
      doc.department.unitKind = kind;
      expect(parseOk(doc).department.unitKind).toBe(kind);
    }
  });

  it('requires the department and its name', () => {
    const missing = jincheng();
    delete missing.department;
    expect(onlyIssue(missing).path).toBe('$.department');
    const blankName = jincheng();
    blankName.department.name = '   ';
    expect(onlyIssue(blankName).path).toBe('$.department.name');
  });

  it('rejects an invalid year and edition', () => {
    const doc = jincheng();
    doc.year = 1899;
    doc.edition = '2023';
    expect(issuesOf(doc).map((i) => i.path)).toEqual(['$.year', '$.edition']);
  });

  it('rejects too many decimals for the unit (元: 3 decimals)', () => {
    const doc = jincheng();
    doc.items[0].income.generalBudget = '12.345';
    doc.items[1].income.generalBudget = 12.345;
    const issues = issuesOf(doc);
    expect(issues.map((i) => i.path)).toEqual(['$.items[0].income.generalBudget', '$.items[1].income.generalBudget']);
    for (const issue of issues) expect(issue.message).toContain('小数位过多');
  });

  it('accepts thousands commas in strings and trailing zeros', () => {
    const doc = jincheng();
    doc.items[0].income.generalBudget = ' 7,533,199.000 ';
    expect(parseOk(doc)).toEqual(parseOk(jincheng()));
  });

  it('rejects an invalid amountUnit', () => {
    const doc = jincheng();
    doc.amountUnit = '千元';
    expect(onlyIssue(doc).path).toBe('$.amountUnit');
  });

  it('rejects a count that is not a non-negative integer', () => {
    const doc = jincheng();
    doc.stats.vehicles.other = '1';
    doc.stats.equipmentCount = 1.5;
    expect(issuesOf(doc).map((i) => i.path)).toEqual(['$.stats.vehicles.other', '$.stats.equipmentCount']);
  });

  it('reports every problem at once', () => {
    const doc = jincheng();
    doc.format = 'x';
    doc.items[0].expenditure.basic = 'abc';
    doc.economic['30901'] = 1;
    doc.extra = 1;
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['$.format', '$.items[0].expenditure.basic', '$.economic.30901', '$.extra']));
    expect(paths).toHaveLength(4);
  });

  it('reports invalid JSON text at $', () => {
    const result = parseInterchangeText('{"format": "disclosure-report",');
    expect(result.ok).toBe(false);
    expect('value' in result).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.path).toBe('$');
    expect(result.issues[0]!.message).toMatch(CHINESE);
    expect(result.issues[0]!.message).toContain('JSON');
  });

  it('reports a document that is not an object at $', () => {
    for (const doc of [[], 'text', null, 42]) expect(onlyIssue(doc).path).toBe('$');
    expect(parseInterchangeText('[1, 2]').ok).toBe(false);
  });

  it('formats issues as path：message lines', () => {
    const doc = jincheng();
    doc.formatVersion = 2;
    doc.year = 'x';
    const text = formatInterchangeIssues(issuesOf(doc));
    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(/^\$\.formatVersion：.*升级/);
  });
});

/** Rewrites every amount of a 元 document (JSON numbers) through `convert`. */
function convertAmounts(doc: Doc, convert: (fen: number, k: number) => unknown): Doc {
  const out = structuredClone(doc);
  let k = 0;
  const fenOf = (v: unknown) => decimalToFen(numberToDecimal(v as number), '元');
  const record = (r: Doc | undefined) => {
    if (!r) return;
    for (const key of Object.keys(r)) r[key] = convert(fenOf(r[key]), k++);
  };
  for (const item of out.items as Doc[]) {
    record(item.income);
    record(item.expenditure);
    record(item.fiscal);
    for (const key of ['govFundOpening', 'govFundClosing']) if (item[key] !== undefined) item[key] = convert(fenOf(item[key]), k++);
  }
  record(out.economic);
  record(out.summary);
  record(out.fiscalCarry);
  record(out.threePublic?.budget);
  record(out.threePublic?.actual);
  for (const key of [...STATS_MONEY_FIELDS, 'operatingCost']) {
    if (out.stats?.[key] !== undefined && out.stats[key] !== null) out.stats[key] = convert(fenOf(out.stats[key]), k++);
  }
  record(out.initialBudget);
  record(out.adjustedBudget);
  record(out.prior);
  // 附件: every form's funds by source and stage, each 重点评价报告's 涉及资金.
  for (const form of (out.evaluation?.forms ?? []) as Doc[]) for (const line of Object.values(form.funds ?? {}) as Doc[]) record(line);
  for (const report of (out.evaluation?.keyReports ?? []) as Doc[]) if (report.funds !== undefined) report.funds = convert(fenOf(report.funds), k++);
  return out;
}

describe('amount units', () => {
  it.each(['jincheng-2023.json', 'yangquan-2024.json'])('%s in 万元 (strings and numbers) parses to the same 分 as in 元', (name) => {
    const doc = fixture(name);
    doc.summary = { openingBalance: 1234.56, closingBalance: -0.01 };
    doc.stats.operatingCost = 98765.43;
    const wan = convertAmounts(doc, (fen, k) => (k % 2 === 0 ? fenToWanText(fen) : Number(fenToWanText(fen))));
    wan.amountUnit = '万元';
    expect(wan.items[0].income.generalBudget).not.toEqual(doc.items[0].income.generalBudget);
    expect(parseOk(wan)).toEqual(parseOk(doc));
  });

  it('amounts in 分 parse to the same report', () => {
    const doc = jincheng();
    const fen = convertAmounts(doc, (f) => f);
    fen.amountUnit = '分';
    expect(parseOk(fen)).toEqual(parseOk(doc));
  });

  it('a missing or null amountUnit means 元', () => {
    const doc = jincheng();
    delete doc.amountUnit;
    expect(parseOk(doc)).toEqual(parseOk(jincheng()));
    doc.amountUnit = null;
    expect(parseOk(doc)).toEqual(parseOk(jincheng()));
  });

  it('万元 allows six decimals, not seven', () => {
    const doc = jincheng();
    doc.amountUnit = '万元';
    doc.items = [{ code: '2011301', expenditure: { basic: '0.000001' } }];
    doc.economic = {};
    doc.threePublic = {};
    doc.stats = {};
    expect(parseOk(doc).report.items[0]!.expenditure.basic).toBe(1);
    doc.items[0].expenditure.basic = '0.0000001';
    expect(onlyIssue(doc).message).toContain('小数位过多');
  });
});

describe('custom codes', () => {
  it('make an otherwise unknown code valid and name it', () => {
    const doc = jincheng();
    doc.items.push({ code: '2010198', expenditure: { basic: 100 } });
    expect(onlyIssue(doc).path).toBe(`$.items[${doc.items.length - 1}].code`);
    doc.customCodes = [{ catalogue: 'functional', code: '2010198', name: ' 自定义人大事务 ' }];
    const pkg = parseOk(doc);
    expect(pkg.customCodes).toEqual([{ catalogue: 'functional', code: '2010198', name: '自定义人大事务' }]);
    expect(pkg.report.items.some((i) => i.code === '2010198')).toBe(true);
    const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
    const t03 = deriveTables(pkg.department, pkg.report, catalogue)['03'];
    expect(t03.rows.find((r) => r.key === '2010198')?.cells[1]?.text).toBe('自定义人大事务');
    // and they round-trip
    expect(parseOk(toInterchange(pkg))).toEqual(pkg);
    expect(toInterchange(pkg).customCodes).toEqual(pkg.customCodes);
  });

  it('a custom 项 still needs its 款 and 类', () => {
    const doc = jincheng();
    doc.customCodes = [{ catalogue: 'functional', code: '2888801', name: '孤立的项' }];
    doc.items.push({ code: '2888801', expenditure: { basic: 100 } });
    const issue = onlyIssue(doc);
    expect(issue.path).toBe(`$.items[${doc.items.length - 1}].code`);
    expect(issue.message).toContain('上级');
    doc.customCodes.push({ catalogue: 'functional', code: '28888', name: '款' }, { catalogue: 'functional', code: '288', name: '类' });
    expect(parseOk(doc).report.items.some((i) => i.code === '2888801')).toBe(true);
  });

  it('a custom economic 款 under a table-06 class becomes a valid key', () => {
    const doc = jincheng();
    doc.economic['30198'] = 100;
    doc.customCodes = [{ catalogue: 'economic', code: '30198', name: '自定义工资福利' }];
    expect(parseOk(doc).report.economic['30198']).toBe(10_000);
  });

  it('rejects malformed custom codes', () => {
    const doc = jincheng();
    doc.customCodes = [
      { catalogue: 'functional', code: '201011', name: 'x' },
      { catalogue: 'economic', code: '3019901', name: 'x' },
      { catalogue: 'other', code: '201', name: 'x' },
      { catalogue: 'functional', code: '2010198', name: ' ' },
      { catalogue: 'functional', code: '2010198', name: 'x', note: 'y' },
    ];
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      '$.customCodes[0].code',
      '$.customCodes[1].code',
      '$.customCodes[2].catalogue',
      '$.customCodes[3].name',
      '$.customCodes[4].note',
    ]);
  });
});

describe('defaults and optional fields', () => {
  it('edition defaults to the latest shipped edition not after the year', () => {
    const cases: [number, number][] = [
      [2019, 2023],
      [2023, 2023],
      [2024, 2024],
      [2025, 2025],
      [2030, 2025],
    ];
    for (const [year, edition] of cases) {
      const doc = jincheng();
      doc.year = year;
      delete doc.edition;
      expect(parseOk(doc).report.edition, String(year)).toBe(edition);
    }
  });

  it('settings default when omitted', () => {
    const doc = jincheng();
    delete doc.settings;
    expect(parseOk(doc).report.settings).toEqual(DEFAULT_SETTINGS);
    const bad = jincheng();
    bad.settings = { packageKind: '局', tableGrouping: 'yes', inputUnit: '分' };
    expect(issuesOf(bad).map((i) => i.path)).toEqual(['$.settings.packageKind', '$.settings.tableGrouping', '$.settings.inputUnit']);
  });

  it('a minimal document is an empty report', () => {
    const pkg = parseOk({ format: 'disclosure-report', formatVersion: 1, department: { name: '某局', unitKind: '事业单位' }, year: 2024 });
    expect(pkg.department).toEqual({ name: '某局', unitKind: '事业单位', subordinateUnits: [] });
    expect(pkg.report.items).toEqual([]);
    expect(pkg.report.economic).toEqual({});
    expect(pkg.report.edition).toBe(2024);
    expect(toInterchange(pkg)).toEqual({
      format: 'disclosure-report',
      formatVersion: 1,
      amountUnit: '元',
      department: { name: '某局', unitKind: '事业单位', subordinateUnits: [] },
      year: 2024,
      edition: 2024,
      settings: DEFAULT_SETTINGS,
      items: [],
      economic: {},
      threePublic: { budget: {}, actual: {} },
      stats: {},
    });
  });

  it('operatingCost: absent or null = default from table 06; a figure (even 0) overrides', () => {
    const doc = jincheng();
    doc.stats.operatingCost = null;
    expect(parseOk(doc).report.stats.operatingCostOverride).toBeNull();
    doc.stats.operatingCost = 0;
    const zero = parseOk(doc);
    expect(zero.report.stats.operatingCostOverride).toBe(0);
    expect(toInterchange(zero).stats).toMatchObject({ operatingCost: 0 });
    expect(parseOk(toInterchange(zero))).toEqual(zero);
    doc.stats.operatingCost = '1,000.50';
    expect(parseOk(doc).report.stats.operatingCostOverride).toBe(100_050);
  });

  it('下属单位: a list of { name, note }; the free text of older documents is split into units', () => {
    const doc = jincheng();
    expect(parseOk(doc).department.subordinateUnits.map((u) => u.name)).toEqual(['晋城市商贸流通产业促进中心', '晋城市口岸服务中心', '晋城市对外劳务咨询和市场建设服务中心']);
    doc.department.subordinateUnits = '晋城市商贸流通产业促进中心、晋城市口岸服务中心\n晋城市对外劳务咨询和市场建设服务中心';
    const legacy = parseOk(doc);
    expect(legacy.department.subordinateUnits).toEqual(parseOk(jincheng()).department.subordinateUnits);
    expect((toInterchange(legacy).department as { subordinateUnits: unknown }).subordinateUnits).toEqual(jincheng().department.subordinateUnits);
    doc.department.subordinateUnits = '无';
    expect(parseOk(doc).department.subordinateUnits).toEqual([]);
    doc.department.subordinateUnits = [{ name: '晋城市口岸服务中心', note: '预算不单列，并入本级' }, { name: '晋城市商贸流通产业促进中心' }];
    expect(parseOk(doc).department.subordinateUnits).toEqual([
      { name: '晋城市口岸服务中心', note: '预算不单列，并入本级' },
      { name: '晋城市商贸流通产业促进中心', note: '' },
    ]);
    doc.department.subordinateUnits = [{ name: '' }, { name: '某中心', remark: 'x' }, 3];
    expect(issuesOf(doc).map((i) => i.path)).toEqual([
      '$.department.subordinateUnits[0].name',
      '$.department.subordinateUnits[1].remark',
      '$.department.subordinateUnits[2]',
    ]);
  });

  it('counts: absent or null = not typed (待填写); 0 is a typed zero and is written back', () => {
    const doc = jincheng();
    expect(doc.stats.counts.abroadGroups).toBe(0);
    expect(doc.stats.counts.receptionBatches).toBe(2);
    delete doc.stats.counts.receptionBatches;
    doc.stats.counts.receptionPeople = null;
    const pkg = parseOk(doc);
    expect(pkg.report.stats.counts.abroadGroups).toBe(0);
    expect('receptionBatches' in pkg.report.stats.counts).toBe(false);
    expect('receptionPeople' in pkg.report.stats.counts).toBe(false);
    const written = toInterchange(pkg).stats as { counts: Record<string, number> };
    expect(written.counts.abroadGroups).toBe(0);
    expect(written.counts).not.toHaveProperty('receptionBatches');
    expect(parseOk(toInterchange(pkg))).toEqual(pkg);
  });

  it('texts are kept as given and must be strings', () => {
    const doc = jincheng();
    doc.texts = { 'overview.duties': '负责全市商务工作', empty: '' };
    const pkg = parseOk(doc);
    expect(pkg.report.texts).toEqual(doc.texts);
    expect(toInterchange(pkg).texts).toEqual(doc.texts);
    doc.texts.bad = 1;
    expect(onlyIssue(doc).path).toBe('$.texts.bad');
  });

  it('writes zero amounts nowhere', () => {
    const doc = jincheng();
    doc.items[0].income.superior = 0;
    doc.items[0].govFundOpening = '0.00';
    doc.summary = { openingBalance: 0 };
    expect(toInterchange(parseOk(doc))).toEqual(jincheng());
  });
});

describe('the example in docs/interchange-format.md', () => {
  const markdown = readFileSync(new URL('../../docs/interchange-format.md', import.meta.url), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(markdown)?.[1];

  it('parses and is self-consistent as the documentation says', () => {
    expect(block).toBeDefined();
    const result = parseInterchangeText(block!);
    if (!result.ok) throw new Error(formatInterchangeIssues(result.issues));
    const { department, report, customCodes } = result.value;
    const t = deriveTables(department, report, getCatalogue(report.edition, customCodes));
    const yuan = (n: number) => n * 100;
    expect(valueById(t['01'], '01.L31.amount')).toBe(yuan(1_810_000));
    expect(valueById(t['01'], '01.L62.amount')).toBe(yuan(1_810_000));
    expect(valueById(t['04'], '04.L32.amount')).toBe(yuan(1_810_000));
    expect(valueById(t['04'], '04.L64.total')).toBe(yuan(1_810_000));
    expect(valueById(t['07'], '07.total.closing')).toBe(
      valueById(t['07'], '07.total.opening') + valueById(t['07'], '07.total.income') - valueById(t['07'], '07.total.subtotal'),
    );
    expect(valueById(t['06'], '06.personnelTotal.amount') + valueById(t['06'], '06.publicTotal.amount')).toBe(yuan(1_250_000));
    expect(valueById(t['05'], '05.total.basic')).toBe(yuan(1_250_000));
  });
});

describe('thousands separators in amount strings', () => {
  it('accepts 1,234.56 and rejects a misplaced comma', () => {
    const ok = JSON.parse(readFileSync(new URL('../fixtures/jincheng-2023.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    ok.summary = { openingBalance: '1,234.56' };
    const parsed = parseInterchange(ok);
    expect(parsed.ok && parsed.value.report.summary.openingBalance).toBe(123_456);
    const bad = { ...ok, summary: { openingBalance: '12,34' } };
    const result = parseInterchange(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toEqual([{ path: '$.summary.openingBalance', message: '“12,34”的千分位逗号位置不对' }]);
  });
});

describe('附件 scores are read exactly', () => {
  it('refuses a score of 5e-324 or with four decimals instead of storing 0 or rounding it', () => {
    for (const bad of [5e-324, 1e-7, 12.3456]) {
      const doc = jincheng();
      const forms = (doc.evaluation as Doc).forms as Doc[];
      ((forms[0]!.indicators as Doc[])[0] as Doc).score = bad;
      expect(issuesOf(doc).map((i) => i.message).join('\n'), String(bad)).toContain('分数最多保留3位小数');
    }
    const ok = jincheng();
    (((ok.evaluation as Doc).forms as Doc[])[0]!.indicators as Doc[])[0]!.score = 1.125;
    expect(parseOk(ok).evaluation?.forms[0]?.indicators[0]?.score).toBe(1125);
  });
});
