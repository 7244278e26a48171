/**
 * Templates (issue 14, phase 1): the registry lists 山西's ten tables in printed order; the
 * semantic figures of both seed fixtures equal the figures the seeds publish; an unknown figure,
 * cell or template is refused; the year's template travels through the interchange JSON.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { canonicalFacts, factsHash } from '../../shared/domain/factsHash';
import { parseInterchange, toInterchange, type ReportPackage } from '../../shared/domain/interchange';
import { DEFAULT_SETTINGS } from '../../shared/domain/model';
import { toPrintedUnits } from '../../shared/domain/money';
import { draftNarrative, priorFromTyped } from '../../shared/domain/narrative';
import { type DerivedTables, deriveTables } from '../../shared/domain/tables';
import { figureCell, figuresOf, getTemplate, TEMPLATE_IDS, TEMPLATES } from '../../shared/domain/templates';
import { shanxiFigures } from '../../shared/domain/templates/shanxi/figures';
import { readSeedTables, SEED_000, SEED_002, seedRow, type SeedTable, type SeedTableId } from '../harness/seedTables';

type Doc = Record<string, unknown> & { settings: Record<string, unknown> };

function fixtureDoc(name: string): Doc {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as Doc;
}

function parsed(doc: unknown): ReportPackage {
  const result = parseInterchange(doc);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.value;
}

function derived(name: string): { pkg: ReportPackage; tables: DerivedTables } {
  const pkg = parsed(fixtureDoc(name));
  return { pkg, tables: deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition, pkg.customCodes)) };
}

/** A figure as the seed prints it (0.01 万元 units; blank is 0). */
function published(table: SeedTable, key: string, column = 0): number {
  const text = (seedRow(table, key).values[column] ?? '').replace(/,/g, '');
  return text === '' ? 0 : Math.round(Number(text) * 100);
}

const SEEDS = [
  { fixture: 'jincheng-2023.json', seed: SEED_000 },
  { fixture: 'yangquan-2024.json', seed: SEED_002 },
] as const;

describe('the template registry', () => {
  it('has 山西 and 上海, 山西 the default of a new year', () => {
    expect(TEMPLATE_IDS).toEqual(['山西', '上海']);
    expect(Object.keys(TEMPLATES)).toEqual(['山西', '上海']);
    expect(DEFAULT_SETTINGS.template).toBe('山西');
  });

  it('lists 山西’s ten tables in printed order with their numbers, titles and orientation', () => {
    const t = getTemplate('山西');
    expect(t.tables.map((x) => `${x.code} ${x.title}`)).toEqual([
      '公开01表 收入支出决算总表',
      '公开02表 收入决算表',
      '公开03表 支出决算表',
      '公开04表 财政拨款收入支出决算总表',
      '公开05表 一般公共预算财政拨款支出决算表',
      '公开06表 一般公共预算财政拨款基本支出决算明细表',
      '公开07表 政府性基金预算财政拨款收入支出决算表',
      '公开08表 国有资本经营预算财政拨款支出决算表',
      '公开09表 财政拨款“三公”经费支出决算表',
      '公开10表 部门决算公开相关信息统计表',
    ]);
    expect(t.tables.filter((x) => x.landscape).map((x) => x.id)).toEqual(['01', '02', '03', '04', '06', '07', '09']);
    expect(t.tables.filter((x) => x.emptyNote).map((x) => [x.id, x.emptyNote])).toEqual([
      ['07', '说明：本表无数据'],
      ['08', '说明：本表无数据'],
    ]);
  });

  it.each(SEEDS)('its tables are the frames the seed prints and the derivation builds ($fixture)', ({ fixture, seed }) => {
    const seedTables = readSeedTables(seed);
    const { tables } = derived(fixture);
    for (const spec of getTemplate('山西').tables) {
      expect(seedTables[spec.id as SeedTableId].title, spec.id).toBe(spec.title);
      expect(seedTables[spec.id as SeedTableId].unitLine, spec.id).toBe(spec.unitLine);
      expect(tables[spec.id]!.title).toBe(spec.title);
      expect(tables[spec.id]!.code).toBe(spec.code);
      expect(tables[spec.id]!.orgLine.startsWith(`${spec.orgLabel}：`)).toBe(true);
    }
  });

  it('drafts the 情况说明 sections in the template’s order, under its headings', () => {
    const { pkg, tables } = derived('jincheng-2023.json');
    const catalogue = getCatalogue(pkg.report.edition, pkg.customCodes);
    const sections = draftNarrative({ department: pkg.department, report: pkg.report, tables, catalogue, prior: priorFromTyped(pkg.report) });
    expect(sections.map((s) => [s.id, s.title])).toEqual(getTemplate('山西').sections.map((s) => [s.id, s.title]));
    expect(sections.map((s) => s.title)).toHaveLength(10);
  });

  it('gives the edition’s glossary (12 terms; 2024 wording differs from 2023)', () => {
    const t = getTemplate('山西');
    expect(t.glossary(2023)).toHaveLength(12);
    expect(t.glossary(2023)[0]?.term).toBe('财政拨款收入');
    expect(t.rules().some((r) => r.id === 'X-01-02-INCOME')).toBe(true);
  });

  it('refuses an unknown template in Chinese, naming the ones there are', () => {
    expect(() => getTemplate('广东')).toThrow('未知的模板“广东”，目前可选：“山西”、“上海”');
  });
});

describe('semantic figures of the seed fixtures equal the published figures', () => {
  it.each(SEEDS)('$fixture: 收入总计, 支出总计, 财政拨款收支总计, 一般公共预算支出, 机关运行经费, 政府采购, 三公', ({ fixture, seed }) => {
    const s = readSeedTables(seed);
    const { tables } = derived(fixture);
    const f = figuresOf(tables);
    const units = (v: number) => toPrintedUnits(v);
    expect(units(f.overview.incomeTotal.value)).toBe(published(s['01'], 'L31'));
    expect(units(f.overview.expenditureTotal.value)).toBe(published(s['01'], 'L62'));
    expect(units(f.overview.incomeSum.value)).toBe(published(s['01'], 'L27'));
    expect(units(f.overview.expenditureSum.value)).toBe(published(s['01'], 'L58'));
    expect(units(f.fiscal.incomeTotal.value)).toBe(published(s['04'], 'L32'));
    expect(units(f.fiscal.expenditureTotal.value)).toBe(published(s['04'], 'L64'));
    expect(units(f.general.total.subtotal.value)).toBe(published(s['05'], '合计'));
    expect(units(f.procurement.total.value)).toBe(published(s['10'], 'L1'));
    // Both departments are 行政单位: 机关运行经费 is line 5.
    expect(f.operatingCost.cells).toEqual(['10.L5.value']);
    expect(units(f.operatingCost.value)).toBe(published(s['10'], 'L5'));
    expect(units(f.threePublic.actual.total.value)).toBe(published(s['09'], 'row', 6));
    // Figures a printed value could not tell apart are really nonzero here.
    expect(f.overview.incomeTotal.value).toBeGreaterThan(0);
    expect(f.operatingCost.value).toBeGreaterThan(0);
  });

  it('seed 000: the published 收入总计 2,384.38, 机关运行经费 and 政府采购 by their names', () => {
    const s = readSeedTables(SEED_000);
    const f = figuresOf(derived('jincheng-2023.json').tables);
    expect(toPrintedUnits(f.overview.incomeTotal.value)).toBe(238_438);
    expect(seedRow(s['01'], 'L31').values[0]).toBe('2,384.38');
    expect(f.overview.incomeTotal.cells).toEqual(['01.L31.amount']);
    expect(toPrintedUnits(f.operatingCost.value)).toBe(published(s['10'], 'L5'));
    expect(toPrintedUnits(f.economic.publicTotal.value)).toBe(toPrintedUnits(f.operatingCost.value));
    expect(f.procurement.total.value).toBe(f.procurement.goods.value + f.procurement.works.value + f.procurement.services.value);
  });

  it('yangquan (2024, 政府性基金): the fund’s opening, income, spending and closing by name', () => {
    const s = readSeedTables(SEED_002);
    const f = figuresOf(derived('yangquan-2024.json').tables);
    expect(toPrintedUnits(f.govFund.spending.value)).toBe(published(s['07'], '合计', 2));
    expect(f.govFund.spending.value).toBeGreaterThan(0);
    expect(f.govFund.opening.value + f.govFund.income.value).toBe(f.govFund.spending.value + f.govFund.closing.value);
    expect(f.fiscal.expenditureByClass.govFund.size).toBe(26);
  });

  it('are built once per tables object', () => {
    const { tables } = derived('jincheng-2023.json');
    expect(figuresOf(tables)).toBe(figuresOf(tables));
  });

  it('lists the 一般公共预算 rows in printed order, a row without spending being absent (not 0)', () => {
    const { tables } = derived('jincheng-2023.json');
    const general = figuresOf(tables).general;
    expect(general.rows.map((r) => r.code)).toEqual(tables['05']!.rows.filter((r) => r.kind !== 'total').map((r) => r.key));
    const first = general.rows[0]!;
    expect(general.row(first.code)).toBe(first);
    expect(general.row('2990101')).toBeUndefined();
  });
});

describe('an unknown figure or cell is a programming error', () => {
  it('a cell the tables lack throws while the figures are built, never reads as 0', () => {
    const { tables } = derived('jincheng-2023.json');
    const t10 = tables['10']!;
    const broken: DerivedTables = { ...tables, '10': { ...t10, rows: t10.rows.filter((r) => r.key !== 'L1') } };
    expect(() => shanxiFigures(broken)).toThrow('表格中没有单元格 10.L1.value');
  });

  it('an economic code the table does not list throws; the optional lookup says absent', () => {
    const f = figuresOf(derived('jincheng-2023.json').tables);
    expect(f.economic.code('30201').cells).toEqual(['06.30201.amount']);
    expect(() => f.economic.code('30000')).toThrow('表格中没有单元格 06.30000.amount');
    expect(f.economic.codeIfPrinted('30000')).toBeUndefined();
    // 309 基本建设 cannot be 基本支出: printed `——`, so not a figure.
    expect(f.economic.codeIfPrinted('309')).toBeUndefined();
  });

  it('a figure read as one cell throws when it has none (机关运行经费 of a 事业单位)', () => {
    const pkg = parsed(fixtureDoc('jincheng-2023.json'));
    const department = { ...pkg.department, unitKind: '事业单位' as const };
    const tables = deriveTables(department, pkg.report, getCatalogue(pkg.report.edition, pkg.customCodes));
    const f = figuresOf(tables);
    expect(f.operatingCost).toEqual({ value: 0, cells: [] });
    expect(() => figureCell(f.operatingCost)).toThrow('该数字不是单个单元格：（无）');
  });

  it('tables no template derived have no figures', () => {
    const { tables } = derived('jincheng-2023.json');
    expect(() => figuresOf({ ...tables })).toThrow('表格不是由模板推导的');
  });
});

describe('the year’s template in the interchange JSON and the facts hash', () => {
  it('is optional on import (山西) and written on export', () => {
    const doc = fixtureDoc('jincheng-2023.json');
    delete doc.settings.template;
    const pkg = parsed(doc);
    expect(pkg.report.settings.template).toBe('山西');
    const written = toInterchange(pkg) as Doc;
    expect(written.settings.template).toBe('山西');
    expect(parsed(written).report.settings).toEqual(pkg.report.settings);
  });

  it('refuses an unknown template with a Chinese message at its path', () => {
    const doc = fixtureDoc('yangquan-2024.json');
    doc.settings.template = '广东';
    const result = parseInterchange(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.path, i.message])).toEqual([['$.settings.template', '未知的模板，目前可选：“山西”、“上海”']]);
  });

  it('leaves the default template out of the facts hash (hashes made before templates stay)', () => {
    const pkg = parsed(fixtureDoc('jincheng-2023.json'));
    const settings = canonicalFacts(pkg.report) as { settings: Record<string, unknown> };
    expect(Object.keys(settings.settings)).not.toContain('template');
    expect(Object.keys(settings.settings)).toContain('shareRounding');
    expect(factsHash(pkg.report)).toMatch(/^[0-9a-f]{64}$/);
  });
});
