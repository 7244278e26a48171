/**
 * 上海's nine-table template (issue 14, SPEC §8) on both seeds and on a synthetic department with
 * 政府性基金 and 国有资本经营 carry-overs: the nine tables' layout, every identity of the nine
 * tables (the 上海 rules find no 错误 where 山西's find none), every figure both templates print
 * equal under either (the same facts), and switching template changing presentation only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { runChecks } from '../../shared/domain/checks';
import { factsHash } from '../../shared/domain/factsHash';
import { parseInterchange, type ReportPackage, toInterchange } from '../../shared/domain/interchange';
import { syntheticReport } from '../harness/synthetic';
import { emptyItem, type Report } from '../../shared/domain/model';
import { cellById, type DerivedTables, deriveYearTables, tableIn, tableList } from '../../shared/domain/tables';
import { type Figure, figuresOf, getTemplate, type SemanticFigures } from '../../shared/domain/templates';

function fixture(name: string): ReportPackage {
  const result = parseInterchange(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return result.value;
}

function withTemplate(report: Report, template: '山西' | '上海'): Report {
  return { ...report, settings: { ...report.settings, template } };
}

function derive(pkg: ReportPackage, template: '山西' | '上海'): DerivedTables {
  return deriveYearTables(pkg.department, withTemplate(pkg.report, template), getCatalogue(pkg.report.edition, pkg.customCodes));
}

function checks(pkg: ReportPackage, template: '山西' | '上海') {
  const report = withTemplate(pkg.report, template);
  return runChecks({ department: pkg.department, report, tables: derive(pkg, template) });
}

/** Every figure of a SemanticFigures object, by a dotted path, as its value. */
function flatten(f: SemanticFigures): Map<string, number> {
  const out = new Map<string, number>();
  const walk = (path: string, v: unknown): void => {
    if (v && typeof v === 'object' && 'value' in v && 'cells' in v) out.set(path, (v as Figure).value);
    else if (v instanceof Map) for (const [k, x] of v) walk(`${path}.${String(k)}`, x);
    else if (Array.isArray(v)) v.forEach((x, k) => walk(`${path}[${(x as { code?: string }).code ?? k}]`, x));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x !== 'function') walk(path ? `${path}.${k}` : k, x);
  };
  walk('', f);
  for (const code of ['301', '302', '303', '310', '30101', '30201', '30217']) {
    const printed = f.economic.codeIfPrinted(code);
    if (printed) out.set(`economic.${code}`, printed.value);
  }
  return out;
}

const SEEDS = ['jincheng-2023.json', 'yangquan-2024.json'] as const;

describe('上海’s nine tables', () => {
  const pkg = fixture('jincheng-2023.json');
  const tables = derive(pkg, '上海');

  it('are the nine of the template, numbered 表1 … 表9, with 编制部门 and 单位：万元', () => {
    expect(tableList(tables).map((t) => `${t.code} ${t.title}`)).toEqual(getTemplate('上海').tables.map((t) => `${t.code} ${t.title}`));
    expect(tableList(tables).map((t) => t.title)).toEqual([
      '收入支出决算总表',
      '收入决算表',
      '支出决算表',
      '财政拨款收入支出决算总表',
      '一般公共预算财政拨款支出决算表',
      '一般公共预算财政拨款基本支出决算表',
      '财政拨款“三公”经费支出决算表',
      '政府性基金预算财政拨款收入支出决算表',
      '国有资本经营预算财政拨款收入支出决算表',
    ]);
    for (const t of tableList(tables)) {
      expect(t.orgLine).toBe('编制部门：晋城市商务局');
      expect(t.unitLine).toBe('单位：万元');
      expect(t.grouping).toBe(false);
    }
  });

  it('print no 行次 in 表1 and 表4, and no thousands separators anywhere', () => {
    for (const id of ['S1', 'S4']) {
      const t = tableIn(tables, id);
      expect(t.columns.some((c) => c.name === '行次')).toBe(false);
      expect(t.rows.flatMap((r) => r.cells).some((c) => c.kind === 'lineNo')).toBe(false);
    }
    const texts = tableList(tables).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)));
    expect(texts.some((x) => /\d,\d{3}/u.test(x))).toBe(false);
    // 收入总计 of seed 000 (published 2,384.38 on 公开01表 第31行).
    expect(cellById(tableIn(tables, 'S1'), 'S1.L31.amount')?.text).toBe('2384.38');
  });

  it('print 表5’s 合计 row last', () => {
    const t5 = tableIn(tables, 'S5');
    expect(t5.rows.at(-1)?.key).toBe('total');
    expect(t5.rows[0]?.key).not.toBe('total');
  });

  it('lay 表6 out as 人员经费 | 公用经费, every figure printed (0.00 for none), no ——', () => {
    const t6 = tableIn(tables, 'S6');
    expect(t6.header[0]!.map((h) => h.text)).toEqual(['人员经费', '公用经费']);
    const cells = t6.rows.flatMap((r) => r.cells);
    expect(cells.some((c) => c.text === '——')).toBe(false);
    const values = cells.filter((c) => c.kind === 'input' || c.kind === 'derived');
    expect(values.every((c) => c.text !== '')).toBe(true);
    expect(values.some((c) => c.text === '0.00')).toBe(true);
    const left = t6.rows.flatMap((r) => (r.cells[0]?.kind === 'code' ? [r.cells[0].text] : []));
    const right = t6.rows.flatMap((r) => (r.cells[3]?.kind === 'code' ? [r.cells[3].text] : []));
    expect(left.filter((c) => c.length === 3)).toEqual(['301', '303']);
    expect(right.filter((c) => c.length === 3).slice(0, 1)).toEqual(['302']);
    expect(right).toContain('310');
    const totals = t6.rows.at(-1)!;
    expect(totals.cells.map((c) => c.text).filter((x) => /合计/u.test(x))).toEqual(['人员经费合计', '公用经费合计']);
  });

  it('print 表7 as a 预算数 row and a 决算数 row', () => {
    const t7 = tableIn(tables, 'S7');
    expect(t7.rows.map((r) => r.cells[0]?.text)).toEqual(['预算数', '决算数']);
    expect(t7.columns.map((c) => c.name)).toEqual(['项目', '合计', '因公出国（境）费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '公务接待费']);
  });

  it('keep an empty 表8 and 表9 framed, with 上海’s note naming the department', () => {
    expect(tableIn(tables, 'S8').emptyNote).toBe('注：晋城市商务局无政府性基金预算财政拨款支出，故本表无数据。');
    expect(tableIn(tables, 'S9').emptyNote).toBe('注：晋城市商务局无国有资本经营预算财政拨款支出，故本表无数据。');
    expect(tableIn(tables, 'S8').rows.map((r) => r.key)).toEqual(['total']);
  });
});

describe.each(SEEDS)('%s under either template', (name) => {
  const pkg = fixture(name);

  it('every figure both templates print is the same (the same facts)', () => {
    const shanxi = flatten(figuresOf(derive(pkg, '山西')));
    const shanghai = flatten(figuresOf(derive(pkg, '上海')));
    expect([...shanghai.keys()].sort()).toEqual([...shanxi.keys()].sort());
    expect(shanghai.size).toBeGreaterThan(150);
    const differ = [...shanxi].filter(([k, v]) => shanghai.get(k) !== v);
    expect(differ).toEqual([]);
  });

  it('every identity of the nine tables holds: nothing but 尾数误差 notes, as under 山西', () => {
    const findings = checks(pkg, '上海');
    expect(findings.filter((f) => f.severity !== '提示').map((f) => f.message)).toEqual([]);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(['SH-SUM']));
    for (const f of findings) expect(f.message).toMatch(/^尾数误差：表\d /u);
    expect(checks(pkg, '山西').filter((f) => f.severity !== '提示')).toEqual([]);
    // The rules did look: 表5's 合计 checked against its 类, 表1's 总计 against its lines.
    const rules = getTemplate('上海').rules();
    expect(rules.map((r) => r.id)).toEqual(expect.arrayContaining(['SH-SUM', 'SH-X-1-2-INCOME', 'SH-X-4-9-CAPITAL', 'R-FRAME']));
  });

  it('switching template changes presentation only: the facts and their hash stay', () => {
    const a = withTemplate(pkg.report, '山西');
    const b = withTemplate(pkg.report, '上海');
    expect(b.items).toBe(a.items);
    expect(factsHash(b)).not.toBe(factsHash(a)); // the template is part of what was published…
    const { template: _a, ...restA } = a.settings;
    const { template: _b, ...restB } = b.settings;
    expect(restB).toEqual(restA); // …and nothing else changes
  });
});

describe('a 上海 identity that breaks is reported', () => {
  it('a 表9 国有资本经营 carry-over by 项 that does not add up to 表4 is an 错误 naming both', () => {
    const pkg = fixture('yangquan-2024.json');
    const item = { ...(pkg.report.items[0] ?? emptyItem('2011301')), stateCapitalItemOpening: 12_345 };
    const report = withTemplate({ ...pkg.report, items: [item, ...pkg.report.items.slice(1)] }, '上海');
    const tables = deriveYearTables(pkg.department, report, getCatalogue(report.edition, pkg.customCodes));
    const findings = runChecks({ department: pkg.department, report, tables }).filter((f) => f.ruleId === 'SH-X-4-9-CAPITAL');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('错误');
    expect(findings[0]!.message).toContain('表4');
    expect(findings[0]!.message).toContain('表9');
    expect(findings[0]!.cells).toEqual(expect.arrayContaining(['S4.L31.amount', 'S9.total.opening']));
  });
});

describe('a synthetic 上海 department with 政府性基金 and 国有资本经营 carry-overs (scale 2, 2024)', () => {
  const pkg = syntheticReport(2, 2024);
  const report = withTemplate(pkg.report, '上海');
  const catalogue = getCatalogue(report.edition, pkg.customCodes);
  const tables = deriveYearTables(pkg.department, report, catalogue);
  const total = (id: string, column: string) => cellById(tableIn(tables, id), `${id}.total.${column}`)?.value ?? 0;

  it('prints 表8 and 表9 by 项 with their carry-overs, each 合计 the sum of its 项', () => {
    for (const id of ['S8', 'S9']) {
      const t = tableIn(tables, id);
      const items = t.rows.filter((r) => r.level === 3);
      expect(items.length, id).toBeGreaterThan(0);
      expect(t.emptyNote).toBeUndefined();
      for (const column of ['opening', 'income', 'subtotal', 'closing']) {
        const col = t.columns.findIndex((c) => c.key === column);
        expect(items.reduce((s, r) => s + (r.cells[col]?.value ?? 0), 0), `${id} ${column}`).toBe(total(id, column));
      }
    }
    expect(total('S9', 'opening')).toBe(pkg.report.fiscalCarry.stateCapitalOpening);
    expect(total('S9', 'opening')).toBeGreaterThan(0);
    expect(total('S8', 'opening')).toBe(pkg.report.items.reduce((s, i) => s + i.govFundOpening, 0));
    expect(total('S8', 'opening')).toBeGreaterThan(0);
    // 本年收入 − 本年支出 = 年末 − 年初, per fund.
    for (const id of ['S8', 'S9']) expect(total(id, 'opening') + total(id, 'income'), id).toBe(total(id, 'subtotal') + total(id, 'closing'));
  });

  it('passes every 上海 identity, and its figures are 山西’s', () => {
    const findings = runChecks({ department: pkg.department, report, tables }).filter((f) => f.ruleId.startsWith('SH-') && f.severity === '错误');
    expect(findings).toEqual([]);
    const shanxi = flatten(figuresOf(deriveYearTables(pkg.department, pkg.report, catalogue)));
    const shanghai = flatten(figuresOf(tables));
    expect([...shanxi].filter(([k, v]) => shanghai.get(k) !== v)).toEqual([]);
  });

  it('keeps the carry-overs by 项 through the interchange JSON and the data file', () => {
    const back = parseInterchange(JSON.parse(JSON.stringify(toInterchange({ ...pkg, report }))));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
    expect(back.value.report.items).toEqual(report.items);
    expect(back.value.report.settings.template).toBe('上海');
    const dir = mkdtempSync(join(tmpdir(), 'shanghai-'));
    try {
      const path = join(dir, 'sh.jsgk');
      const file = openDisclosureFile(path, { create: true });
      try {
        const repo = new DisclosureRepository(file.db);
        file.db.transaction(() => {
          repo.setDepartment(pkg.department);
          for (const c of pkg.customCodes) repo.addCustomCode(c);
          repo.saveReport(report);
        })();
        const loaded = repo.loadReport(2024);
        expect(loaded?.items.filter((i) => i.stateCapitalItemOpening !== 0).map((i) => [i.code, i.stateCapitalItemOpening, i.stateCapitalItemClosing])).toEqual(
          report.items.filter((i) => i.stateCapitalItemOpening !== 0).map((i) => [i.code, i.stateCapitalItemOpening, i.stateCapitalItemClosing]),
        );
        expect(loaded?.settings.template).toBe('上海');
      } finally {
        closeDisclosureFile(file);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
