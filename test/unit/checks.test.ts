/**
 * The rule engine (shared/domain/checks): both seeds pass every 错误/警告 rule and raise exactly
 * the 尾数误差 notes their published tables carry; each rule, broken on its own in a copy of a
 * seed, reports exactly the expected finding; the envelope and sorting behave as documented;
 * a 20× department is checked within the time budget.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import {
  type CheckContext,
  countBySeverity,
  envelopeUnits,
  leafEnvelopeUnits,
  type Finding,
  RULES,
  runChecks,
  sumCheck,
} from '../../shared/domain/checks';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { type Department, type FactRef, type Report, readFact, writeFact } from '../../shared/domain/model';
import { formatWanCell } from '../../shared/domain/money';
import { cellById, type CellId, deriveTables, type ShanxiTables, NO_DATA_NOTE, SHANXI_TABLE_IDS } from '../../shared/domain/tables';

const FIXTURES = new URL('../fixtures/', import.meta.url);
type Fixture = 'jincheng-2023.json' | 'yangquan-2024.json';
const JC: Fixture = 'jincheng-2023.json';
const YQ: Fixture = 'yangquan-2024.json';

interface Pkg {
  department: Department;
  report: Report;
}

/** A fresh copy of a fixture (parsed anew, so tests can edit it). */
function load(name: Fixture): Pkg {
  const parsed = parseInterchangeText(readFileSync(new URL(name, FIXTURES), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
  return { department: parsed.value.department, report: parsed.value.report };
}

function contextOf(pkg: Pkg): CheckContext {
  return { department: pkg.department, report: pkg.report, tables: deriveTables(pkg.department, pkg.report) };
}

/** One printed unit (0.01 万元) in 分. */
const U = 10_000;
/** 1 万元 in 分. */
const WAN = 1_000_000;

function cellOf(tables: ShanxiTables, id: CellId) {
  const cell = cellById(tables[id.slice(0, 2) as (typeof SHANXI_TABLE_IDS)[number]], id);
  if (!cell) throw new Error(`no cell ${id}`);
  return cell;
}

/** Edits a DERIVED cell in place, keeping its printed text in step (so only the figure is wrong). */
function setCell(ctx: CheckContext, id: CellId, value: number): void {
  const cell = cellOf(ctx.tables, id);
  cell.value = value;
  cell.text = cell.valueType === 'count' ? (value === 0 ? '' : String(value)) : formatWanCell(value, { grouping: ctx.report.settings.tableGrouping });
}

function bump(ctx: CheckContext, id: CellId, fen: number): void {
  setCell(ctx, id, (cellOf(ctx.tables, id).value ?? 0) + fen);
}

function addFact(report: Report, ref: FactRef, fen: number): void {
  writeFact(report, ref, (readFact(report, ref) ?? 0) + fen);
}

/**
 * A consistent 国有资本经营 figure so tables 08 and 04 column 5 have data: 2011301 gets
 * 10 万元 of 国有资本经营预算财政拨款 income spent as 基本支出.
 */
function withStateCapital(pkg: Pkg): void {
  const code = '2011301';
  addFact(pkg.report, { kind: 'item', code, field: 'income.stateCapital' }, 10 * WAN);
  addFact(pkg.report, { kind: 'item', code, field: 'expenditure.basic' }, 10 * WAN);
  addFact(pkg.report, { kind: 'item', code, field: 'fiscal.stateCapitalBasic' }, 10 * WAN);
}

const brief = (f: Finding) => ({ ruleId: f.ruleId, severity: f.severity, cells: f.cells });
const key = (f: Finding) => `${f.ruleId} ${f.severity} ${f.cells.join(',')}`;
const ids = (prefix: string, keys: readonly (string | number)[], suffix: string): CellId[] => keys.map((k) => `${prefix}${k}${suffix}`);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);
const L01 = (n: number) => `01.L${n}.amount`;
const L04 = (n: number, col = 'amount') => `04.L${n}.${col}`;
const L10 = (n: number) => `10.L${n}.value`;
const COLS02 = ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'];
const COLS03 = ['total', 'basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy'];
const row = (table: string, key: string, cols: readonly string[]): CellId[] => cols.map((c) => `${table}.${key}.${c}`);
/** 项 of 20113 in seed 000, in table order. */
const JC_20113 = ['2011301', '2011302', '2011304', '2011307', '2011350', '2011399'];

/** Table 06 class and its 款 cells, as the edition lists them. */
function t06Class(edition: number, code: string): CellId[] {
  const cat = getCatalogue(edition);
  const list = [...cat.economicPersonnel, ...cat.economicPublic].map(([c]) => c);
  return [`06.${code}.amount`, ...list.filter((c) => c.length === 5 && c.startsWith(code)).map((c) => `06.${c}.amount`)];
}

const sum = (total: CellId, parts: readonly CellId[]): CellId[] => [total, ...parts];

// ---------------------------------------------------------------------------------------------

describe('rule catalogue', () => {
  it('has unique ids, a severity, a Chinese title and description for every rule', () => {
    const seen = new Set<string>();
    for (const r of RULES) {
      expect(seen.has(r.id), r.id).toBe(false);
      seen.add(r.id);
      expect(['错误', '警告', '提示']).toContain(r.severity);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(r.description).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('docs/checks.md documents every rule', () => {
    const doc = readFileSync(new URL('../../docs/checks.md', import.meta.url), 'utf8');
    for (const r of RULES) expect(doc, r.id).toContain(`\`${r.id}\``);
  });
});

describe('seed fixtures pass every rule', () => {
  /**
   * The 提示 findings of the seeds are the 尾数误差 of the published tables themselves (every
   * printed figure of both seeds is reproduced exactly by test/unit/seed-tables.test.ts). Each
   * is a printed total one unit (0.01 万元; two for 302 in seed 002) off the sum of its printed
   * parts, within the envelope.
   */
  const EXPECTED_NOTES: Record<Fixture, { ruleId: string; cells: CellId[] }[]> = {
    [JC]: [
      // 表02 208: 239.70 vs 20805 229.96 + 20899 9.73 = 239.69, in both columns that hold it.
      { ruleId: 'T02-HIERARCHY', cells: sum('02.208.total', ['02.20805.total', '02.20899.total']) },
      { ruleId: 'T02-HIERARCHY', cells: sum('02.208.fiscal', ['02.20805.fiscal', '02.20899.fiscal']) },
      // 表03 201 and its only 款 20113: 1,914.07 vs 基本 753.32 + 项目 1,160.76 = 1,914.08.
      { ruleId: 'T03-ROW-TOTAL', cells: row('03', '201', COLS03) },
      { ruleId: 'T03-ROW-TOTAL', cells: row('03', '20113', COLS03) },
      // 表03 208: SPEC §2's example, 239.70 vs 230.84 + 8.85 = 239.69.
      { ruleId: 'T03-ROW-TOTAL', cells: row('03', '208', COLS03) },
      // 表03 20113 项目支出 1,160.76 vs its five 项 = 1,160.75.
      { ruleId: 'T03-HIERARCHY', cells: sum('03.20113.project', ids('03.', JC_20113, '.project')) },
      // 表03 208 本年支出合计 239.70 vs 20805 229.96 + 20899 9.73.
      { ruleId: 'T03-HIERARCHY', cells: sum('03.208.total', ['03.20805.total', '03.20899.total']) },
      // 表05 repeats 表03 (all spending is 一般公共预算财政拨款): same three rows, same 款.
      { ruleId: 'T05-ROW-TOTAL', cells: row('05', '201', ['subtotal', 'basic', 'project']) },
      { ruleId: 'T05-ROW-TOTAL', cells: row('05', '20113', ['subtotal', 'basic', 'project']) },
      { ruleId: 'T05-ROW-TOTAL', cells: row('05', '208', ['subtotal', 'basic', 'project']) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.20113.project', ids('05.', JC_20113, '.project')) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.208.subtotal', ['05.20805.subtotal', '05.20899.subtotal']) },
      // 表06: 301 773.17 vs its 款 773.18; 303 212.12 vs 212.11; 302 122.06 vs 122.05.
      { ruleId: 'T06-CLASS', cells: t06Class(2023, '301') },
      { ruleId: 'T06-CLASS', cells: t06Class(2023, '303') },
      { ruleId: 'T06-CLASS', cells: t06Class(2023, '302') },
      // 表06 人员经费合计 985.30 vs 301 773.17 + 303 212.12 = 985.29.
      { ruleId: 'T06-PERSONNEL-TOTAL', cells: ['06.personnelTotal.amount', '06.301.amount', '06.303.amount'] },
    ],
    [YQ]: [
      // 表02 216: 3,932.80 vs 2,264.00 + 37.73 + 1,631.08 = 3,932.81 (columns 1 and 2).
      { ruleId: 'T02-HIERARCHY', cells: sum('02.216.total', ['02.21602.total', '02.21606.total', '02.21699.total']) },
      { ruleId: 'T02-HIERARCHY', cells: sum('02.216.fiscal', ['02.21602.fiscal', '02.21606.fiscal', '02.21699.fiscal']) },
      // 表03 201: 418.98 vs 基本 396.03 + 项目 22.96 = 418.99.
      { ruleId: 'T03-ROW-TOTAL', cells: row('03', '201', COLS03) },
      // 表03 合计 基本支出 707.14 vs Σ类 707.15.
      { ruleId: 'T03-HIERARCHY', cells: sum('03.total.basic', ids('03.', ['201', '208', '210', '215', '216', '221'], '.basic')) },
      // 表03 201 基本支出 396.03 vs 20113 395.29 + 20132 0.73 = 396.02.
      { ruleId: 'T03-HIERARCHY', cells: sum('03.201.basic', ['03.20113.basic', '03.20132.basic']) },
      // 表03 216 (columns 1 and 3): 3,932.80 vs 3,932.81, as in 表02.
      { ruleId: 'T03-HIERARCHY', cells: sum('03.216.total', ['03.21602.total', '03.21606.total', '03.21699.total']) },
      { ruleId: 'T03-HIERARCHY', cells: sum('03.216.project', ['03.21602.project', '03.21606.project', '03.21699.project']) },
      // 表05 repeats these for its 一般公共预算 rows (215 is 政府性基金 only, so absent from 05).
      { ruleId: 'T05-ROW-TOTAL', cells: row('05', '201', ['subtotal', 'basic', 'project']) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.total.basic', ids('05.', ['201', '208', '210', '216', '221'], '.basic')) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.201.basic', ['05.20113.basic', '05.20132.basic']) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.216.subtotal', ['05.21602.subtotal', '05.21606.subtotal', '05.21699.subtotal']) },
      { ruleId: 'T05-HIERARCHY', cells: sum('05.216.project', ['05.21602.project', '05.21606.project', '05.21699.project']) },
      // 表06: 301 413.58 vs 413.59; 303 231.39 vs 231.38; 302 62.17 vs 62.19 (2 units, 16 non-zero 款: envelope 8).
      { ruleId: 'T06-CLASS', cells: t06Class(2024, '301') },
      { ruleId: 'T06-CLASS', cells: t06Class(2024, '303') },
      { ruleId: 'T06-CLASS', cells: t06Class(2024, '302') },
    ],
  };

  it.each([JC, YQ])('%s: no 错误, no 警告, exactly the 尾数误差 notes of the published tables', (fixture) => {
    const findings = runChecks(contextOf(load(fixture)));
    expect(findings.filter((f) => f.severity !== '提示').map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    expect(findings.map((f) => ({ ruleId: f.ruleId, cells: f.cells }))).toEqual(EXPECTED_NOTES[fixture]);
    for (const f of findings) {
      expect(f.message, f.ruleId).toMatch(/^尾数误差：/);
      expect(Math.abs(f.difference ?? 0), f.ruleId).toBeLessThanOrEqual(2 * U);
      expect(f.exactDifference, f.ruleId).toBe(0);
    }
  });

  it('words the seed 000 table 03 row 208 note concretely', () => {
    const f = runChecks(contextOf(load(JC))).find((x) => x.ruleId === 'T03-ROW-TOTAL' && x.cells[0] === '03.208.total');
    expect(f?.message).toBe(
      '尾数误差：表03 208 社会保障和就业支出 本年支出合计 239.70 ≠ 基本支出 230.84 + 项目支出 8.85 = 239.69，相差 0.01 万元，在尾数误差允许范围（0.01 万元）内',
    );
    expect(f).toMatchObject({ severity: '提示', table: '03', left: 23970 * U, right: 23969 * U, difference: U, exactDifference: 0 });
  });
});

// ---------------------------------------------------------------------------------------------

interface BreakCase {
  rule: string;
  /** What is broken, for the test name. */
  what: string;
  fixture: Fixture;
  /** Edit the typed facts before deriving. */
  facts?: (pkg: Pkg) => void;
  /** Edit the derived tables (for identities that hold by construction). */
  tables?: (ctx: CheckContext) => void;
  /** Exactly the findings of the broken rule. */
  expect: { severity: '错误' | '警告' | '提示'; cells: CellId[]; message?: RegExp }[];
  /** Other rules that then report 错误/警告 too (the break propagates to them). */
  also?: string[];
}

const FIVE = 5 * U;

const CASES: BreakCase[] = [
  // 表01
  {
    rule: 'T01-INCOME-TOTAL',
    what: 'line 27 raised by 0.05 万元',
    fixture: JC,
    tables: (c) => bump(c, L01(27), FIVE),
    expect: [{ severity: '错误', cells: [L01(27), ...range(1, 8).map(L01)], message: /^表01 第27行 本年收入合计 2,384\.43 ≠ 第1至8行之和 2,384\.38，相差 0\.05 万元$/ }],
    also: ['T01-GRAND-INCOME', 'X-01-02-INCOME'],
  },
  {
    rule: 'T01-GRAND-INCOME',
    what: 'line 31 raised',
    fixture: JC,
    tables: (c) => bump(c, L01(31), FIVE),
    expect: [{ severity: '错误', cells: [L01(31), L01(27), L01(28), L01(29)] }],
    also: ['T01-BALANCE'],
  },
  {
    rule: 'T01-EXP-TOTAL',
    what: 'line 58 raised',
    fixture: JC,
    tables: (c) => bump(c, L01(58), FIVE),
    expect: [{ severity: '错误', cells: [L01(58), ...range(32, 57).map(L01)] }],
    also: ['T01-GRAND-EXP', 'X-01-03-EXP'],
  },
  {
    rule: 'T01-GRAND-EXP',
    what: 'line 62 raised',
    fixture: JC,
    tables: (c) => bump(c, L01(62), FIVE),
    expect: [{ severity: '错误', cells: [L01(62), L01(58), L01(59), L01(60)] }],
    also: ['T01-BALANCE'],
  },
  {
    rule: 'T01-BALANCE',
    what: 'a typed 年末结转和结余 that does not balance',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'summary', field: 'closingBalance' }, WAN),
    expect: [{ severity: '错误', cells: [L01(31), L01(62)], message: /^表01 第31行 总计 2,384\.38 ≠ 第62行 总计 2,385\.38，相差 1\.00 万元$/ }],
  },
  // 表02
  {
    rule: 'T02-ROW-TOTAL',
    what: 'a 项 row total raised',
    fixture: JC,
    tables: (c) => bump(c, '02.2011301.total', FIVE),
    expect: [{ severity: '错误', cells: row('02', '2011301', COLS02) }],
    also: ['T02-HIERARCHY'],
  },
  {
    rule: 'T02-HIERARCHY',
    what: 'a 项 with 上级补助收入 its 款 does not add',
    fixture: JC,
    tables: (c) => {
      bump(c, '02.2011301.superior', FIVE);
      bump(c, '02.2011301.total', FIVE);
    },
    expect: [
      { severity: '错误', cells: sum('02.20113.total', ids('02.', JC_20113, '.total')), message: /20113 下各项之和/ },
      { severity: '错误', cells: sum('02.20113.superior', ids('02.', JC_20113, '.superior')) },
    ],
  },
  // 表03
  {
    rule: 'T03-ROW-TOTAL',
    what: 'a 项 row total raised',
    fixture: JC,
    tables: (c) => bump(c, '03.2011301.total', FIVE),
    expect: [{ severity: '错误', cells: row('03', '2011301', COLS03) }],
    also: ['T03-HIERARCHY'],
  },
  {
    rule: 'T03-HIERARCHY',
    what: 'a 项 whose 基本支出 its 款 does not add',
    fixture: JC,
    tables: (c) => {
      bump(c, '03.2011301.basic', FIVE);
      bump(c, '03.2011301.total', FIVE);
    },
    expect: [
      { severity: '错误', cells: sum('03.20113.total', ids('03.', JC_20113, '.total')) },
      { severity: '错误', cells: sum('03.20113.basic', ids('03.', JC_20113, '.basic')) },
    ],
  },
  {
    rule: 'T03-HIERARCHY',
    what: 'a 款 row missing above its 项',
    fixture: JC,
    tables: (c) => {
      c.tables['03']!.rows = c.tables['03']!.rows.filter((r) => r.key !== '20899');
    },
    expect: [
      { severity: '错误', cells: row('03', '2089999', COLS03.slice(0)), message: /2089999 .* 的上级科目 20899 未列出/ },
      { severity: '错误', cells: sum('03.208.total', ['03.20805.total']) },
      { severity: '错误', cells: sum('03.208.basic', ['03.20805.basic']) },
      { severity: '错误', cells: sum('03.208.project', ['03.20805.project']) },
    ],
  },
  // 表04
  {
    rule: 'T04-INCOME-TOTAL',
    what: 'line 27 raised',
    fixture: JC,
    tables: (c) => bump(c, L04(27), FIVE),
    expect: [{ severity: '错误', cells: [L04(27), L04(1), L04(2), L04(3)] }],
    also: ['T04-GRAND-INCOME', 'X-02-04-FISCAL'],
  },
  {
    rule: 'T04-OPENING',
    what: 'line 28 raised',
    fixture: JC,
    tables: (c) => bump(c, L04(28), FIVE),
    expect: [{ severity: '错误', cells: [L04(28), L04(29), L04(30), L04(31)] }],
    also: ['T04-GRAND-INCOME'],
  },
  {
    rule: 'T04-GRAND-INCOME',
    what: 'line 32 raised',
    fixture: JC,
    tables: (c) => bump(c, L04(32), FIVE),
    expect: [{ severity: '错误', cells: [L04(32), L04(27), L04(28)] }],
    also: ['T04-BALANCE'],
  },
  {
    rule: 'T04-ROW-FUNDS',
    what: 'the 合计 of class line 33 (201) raised',
    fixture: JC,
    tables: (c) => bump(c, L04(33, 'total'), FIVE),
    expect: [{ severity: '错误', cells: [L04(33, 'total'), L04(33, 'general'), L04(33, 'govFund'), L04(33, 'stateCapital')] }],
    also: ['T04-EXP-TOTAL'],
  },
  {
    rule: 'T04-EXP-TOTAL',
    what: 'line 59 合计 raised',
    fixture: JC,
    tables: (c) => bump(c, L04(59, 'total'), FIVE),
    expect: [{ severity: '错误', cells: [L04(59, 'total'), ...range(33, 58).map((n) => L04(n, 'total'))] }],
    also: ['T04-GRAND-EXP', 'T04-ROW-FUNDS'],
  },
  {
    rule: 'T04-GRAND-EXP',
    what: 'line 64 一般公共预算 raised',
    fixture: JC,
    tables: (c) => bump(c, L04(64, 'general'), FIVE),
    expect: [{ severity: '错误', cells: [L04(64, 'general'), L04(59, 'general'), L04(60, 'general')] }],
    also: ['T04-ROW-FUNDS'],
  },
  {
    rule: 'T04-BALANCE',
    what: 'a typed 年末 一般公共预算 carry-over that does not balance',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'fiscalCarry', field: 'generalClosing' }, WAN),
    expect: [{ severity: '错误', cells: [L04(32), L04(64, 'total')] }],
    also: ['T04-FUND-BALANCE'],
  },
  {
    rule: 'T04-FUND-BALANCE',
    what: '1 万元 moved from the 国有资本经营 to the 一般公共预算 closing balance',
    fixture: JC,
    facts: (p) => {
      writeFact(p.report, { kind: 'fiscalCarry', field: 'generalClosing' }, WAN);
      writeFact(p.report, { kind: 'fiscalCarry', field: 'stateCapitalClosing' }, -WAN);
    },
    expect: [
      {
        severity: '错误',
        cells: [L04(29), L04(1), L04(59, 'general'), L04(60, 'general')],
        message:
          /^一般公共预算财政拨款：表04 第29行 一般公共预算财政拨款 0\.00 \+ 第1行 一、一般公共预算财政拨款 2,384\.38 = 2,384\.38 ≠ 第59行 本年支出合计 一般公共预算财政拨款栏 2,384\.38 \+ 第60行 年末财政拨款结转和结余 一般公共预算财政拨款栏 1\.00 = 2,385\.38，相差 1\.00 万元，超出尾数误差允许范围（0\.01 万元）$/,
      },
      { severity: '错误', cells: [L04(31), L04(3), L04(59, 'stateCapital'), L04(60, 'stateCapital')] },
    ],
  },
  // 表05
  {
    rule: 'T05-ROW-TOTAL',
    what: 'a 项 小计 raised',
    fixture: JC,
    tables: (c) => bump(c, '05.2011301.subtotal', FIVE),
    expect: [{ severity: '错误', cells: row('05', '2011301', ['subtotal', 'basic', 'project']) }],
    also: ['T05-HIERARCHY'],
  },
  {
    rule: 'T05-HIERARCHY',
    what: 'a 项 whose 基本支出 its 款 does not add',
    fixture: JC,
    tables: (c) => {
      bump(c, '05.2011301.basic', -FIVE);
      bump(c, '05.2011301.subtotal', -FIVE);
    },
    expect: [
      { severity: '错误', cells: sum('05.20113.subtotal', ids('05.', JC_20113, '.subtotal')) },
      { severity: '错误', cells: sum('05.20113.basic', ids('05.', JC_20113, '.basic')) },
    ],
  },
  // 表06
  {
    rule: 'T06-CLASS',
    what: 'a 301 款 that its 类 does not add',
    fixture: JC,
    tables: (c) => bump(c, '06.30101.amount', FIVE),
    expect: [{ severity: '错误', cells: t06Class(2023, '301'), message: /^表06 301 工资福利支出 773\.17 ≠ 301 下各款之和 773\.23，相差 0\.06 万元，超出尾数误差允许范围（0\.05 万元）$/ }],
  },
  {
    rule: 'T06-PERSONNEL-TOTAL',
    what: '人员经费合计 raised',
    fixture: JC,
    tables: (c) => bump(c, '06.personnelTotal.amount', FIVE),
    expect: [{ severity: '错误', cells: ['06.personnelTotal.amount', '06.301.amount', '06.303.amount'] }],
    // 0.05 万元 is within X-05-06-BASIC's leaf envelope (about 40 typed leaves: 0.06 万元), but the
    // stored 分 differ too: not a 尾数误差, so that rule warns.
    also: ['X-05-06-BASIC'],
  },
  {
    rule: 'T06-PUBLIC-TOTAL',
    what: '公用经费合计 raised',
    fixture: JC,
    tables: (c) => bump(c, '06.publicTotal.amount', FIVE),
    expect: [{ severity: '错误', cells: ['06.publicTotal.amount', ...ids('06.', ['302', '307', '310', '312', '313', '399'], '.amount')] }],
    also: ['X-05-06-BASIC', 'X-10-06-OPCOST'],
  },
  // 表07 (seed 002 has 政府性基金 data)
  {
    rule: 'T07-ROW-SUBTOTAL',
    what: 'a 项 项目支出 lowered',
    fixture: YQ,
    tables: (c) => bump(c, '07.2159802.project', -FIVE),
    expect: [{ severity: '错误', cells: row('07', '2159802', ['subtotal', 'basic', 'project']) }],
    also: ['T07-HIERARCHY'],
  },
  {
    rule: 'T07-HIERARCHY',
    what: '合计 年末结转和结余 raised',
    fixture: YQ,
    tables: (c) => bump(c, '07.total.closing', FIVE),
    expect: [{ severity: '错误', cells: ['07.total.closing', '07.215.closing'] }],
    also: ['T07-CARRY', 'X-04-07-CARRY'],
  },
  {
    rule: 'T07-CARRY',
    what: 'a typed 年末结转和结余 that does not follow from the year (reported once, at the 项)',
    fixture: YQ,
    facts: (p) => writeFact(p.report, { kind: 'item', code: '2159802', field: 'govFundClosing' }, WAN),
    expect: [{ severity: '错误', cells: row('07', '2159802', ['closing', 'opening', 'income', 'subtotal']), message: /− 本年支出小计 7,704\.53/ }],
    also: ['T04-BALANCE', 'T04-FUND-BALANCE'],
  },
  // 表08 (no seed has data: add a consistent 国有资本经营 figure first)
  {
    rule: 'T08-ROW-TOTAL',
    what: 'a 项 合计 raised',
    fixture: JC,
    facts: withStateCapital,
    tables: (c) => bump(c, '08.2011301.total', FIVE),
    expect: [{ severity: '错误', cells: row('08', '2011301', ['total', 'basic', 'project']) }],
    also: ['T08-HIERARCHY'],
  },
  {
    rule: 'T08-HIERARCHY',
    what: '合计 row raised in 合计 and 基本支出',
    fixture: JC,
    facts: withStateCapital,
    tables: (c) => {
      bump(c, '08.total.total', FIVE);
      bump(c, '08.total.basic', FIVE);
    },
    expect: [
      { severity: '错误', cells: ['08.total.total', '08.201.total'] },
      { severity: '错误', cells: ['08.total.basic', '08.201.basic'] },
    ],
  },
  // 表09
  {
    rule: 'T09-TOTAL',
    what: '决算 合计 raised',
    fixture: JC,
    tables: (c) => bump(c, '09.actual.total', FIVE),
    expect: [{ severity: '错误', cells: ['09.actual.total', '09.actual.abroad', '09.actual.vehicleTotal', '09.actual.reception'] }],
  },
  {
    rule: 'T09-VEHICLE',
    what: '预算 公务用车 小计 and 合计 raised together',
    fixture: JC,
    tables: (c) => {
      bump(c, '09.budget.vehicleTotal', FIVE);
      bump(c, '09.budget.total', FIVE);
    },
    expect: [{ severity: '错误', cells: ['09.budget.vehicleTotal', '09.budget.vehiclePurchase', '09.budget.vehicleOperation'] }],
  },
  // 表10
  {
    rule: 'T10-PROCUREMENT',
    what: '政府采购 合计 raised',
    fixture: JC,
    tables: (c) => bump(c, L10(1), FIVE),
    expect: [{ severity: '错误', cells: [L10(1), L10(2), L10(3), L10(4)] }],
  },
  {
    rule: 'T10-VEHICLES',
    what: '车辆数合计 2 with one car listed',
    fixture: JC,
    tables: (c) => setCell(c, L10(7), 2),
    expect: [{ severity: '错误', cells: [L10(7), ...range(8, 15).map(L10)], message: /车辆数合计\(辆\) 2 ≠ 第8至15行之和 1，相差 1$/ }],
  },
  // Between tables
  {
    rule: 'X-01-02-INCOME',
    what: '表02 合计 本年收入合计 raised',
    fixture: JC,
    tables: (c) => bump(c, '02.total.total', FIVE),
    expect: [{ severity: '错误', cells: [L01(27), '02.total.total'] }],
    also: ['T02-HIERARCHY', 'T02-ROW-TOTAL'],
  },
  {
    rule: 'X-01-02-SOURCE',
    what: '表01 上级补助收入 printed without a 表02 figure',
    fixture: JC,
    tables: (c) => bump(c, L01(4), FIVE),
    expect: [{ severity: '错误', cells: [L01(4), '02.total.superior'] }],
    also: ['T01-INCOME-TOTAL'],
  },
  {
    rule: 'X-01-04-FISCAL',
    what: '表01 line 1 raised',
    fixture: JC,
    tables: (c) => bump(c, L01(1), FIVE),
    expect: [{ severity: '错误', cells: [L01(1), L04(1)] }],
    also: ['T01-INCOME-TOTAL', 'X-01-02-SOURCE'],
  },
  {
    rule: 'X-01-03-EXP',
    what: '表03 合计 raised',
    fixture: JC,
    tables: (c) => bump(c, '03.total.total', FIVE),
    expect: [{ severity: '错误', cells: [L01(58), '03.total.total'], message: /^表01 第58行 本年支出合计 2,384\.38 ≠ 表03 合计行 本年支出合计 2,384\.43，相差 0\.05 万元$/ }],
    also: ['T03-HIERARCHY', 'T03-ROW-TOTAL'],
  },
  {
    rule: 'X-01-03-CLASS',
    what: '表01 line 32 (201) raised',
    fixture: JC,
    tables: (c) => bump(c, L01(32), FIVE),
    expect: [{ severity: '错误', cells: [L01(32), '03.201.total'] }],
    also: ['T01-EXP-TOTAL'],
  },
  {
    rule: 'X-01-03-CLASS',
    what: 'a 类 (227 预备费) that tables 01/04 cannot print',
    fixture: JC,
    facts: (p) => {
      for (const field of ['income.generalBudget', 'expenditure.project', 'fiscal.generalProject'] as const) {
        writeFact(p.report, { kind: 'item', code: '2270101', field }, WAN);
      }
    },
    expect: [{ severity: '错误', cells: ['03.227.total'], message: /类 227 不在表01所列的26个类中/ }],
    // Income counts it, expenditure lines cannot: the totals no longer balance.
    also: ['T01-BALANCE', 'T04-BALANCE', 'T04-FUND-BALANCE', 'X-01-03-EXP', 'X-04-05-CLASS'],
  },
  {
    rule: 'X-02-04-FISCAL',
    what: '表02 合计 财政拨款收入 raised',
    fixture: JC,
    tables: (c) => bump(c, '02.total.fiscal', FIVE),
    expect: [{ severity: '错误', cells: ['02.total.fiscal', L04(27)] }],
    also: ['T02-HIERARCHY', 'T02-ROW-TOTAL', 'X-01-02-SOURCE'],
  },
  {
    rule: 'X-04-05-CLASS',
    what: '表05 201 小计 raised',
    fixture: JC,
    tables: (c) => bump(c, '05.201.subtotal', FIVE),
    expect: [{ severity: '错误', cells: [L04(33, 'general'), '05.201.subtotal'] }],
    also: ['T05-HIERARCHY', 'T05-ROW-TOTAL'],
  },
  {
    rule: 'X-04-07-CLASS',
    what: '表04 line 46 (215) 政府性基金 raised',
    fixture: YQ,
    tables: (c) => bump(c, L04(46, 'govFund'), FIVE),
    expect: [{ severity: '错误', cells: [L04(46, 'govFund'), '07.215.subtotal'] }],
    also: ['T04-EXP-TOTAL', 'T04-ROW-FUNDS'],
  },
  {
    rule: 'X-04-08-CLASS',
    what: '表04 line 33 (201) 国有资本经营 raised',
    fixture: JC,
    facts: withStateCapital,
    tables: (c) => bump(c, L04(33, 'stateCapital'), FIVE),
    expect: [{ severity: '错误', cells: [L04(33, 'stateCapital'), '08.201.total'] }],
    also: ['T04-EXP-TOTAL', 'T04-ROW-FUNDS'],
  },
  {
    rule: 'X-04-07-CARRY',
    what: '表04 line 30 raised',
    fixture: YQ,
    tables: (c) => bump(c, L04(30), FIVE),
    expect: [{ severity: '错误', cells: [L04(30), '07.total.opening'] }],
    also: ['T04-FUND-BALANCE', 'T04-OPENING'],
  },
  {
    rule: 'X-04-07-EMPTY',
    what: 'an empty table 07 without its note',
    fixture: JC,
    tables: (c) => {
      delete c.tables['07']!.emptyNote;
    },
    expect: [{ severity: '错误', cells: [], message: /表07 应印“说明：本表无数据”/ }],
  },
  {
    rule: 'X-04-07-EMPTY',
    what: 'a table 07 with data carrying the note',
    fixture: YQ,
    tables: (c) => {
      c.tables['07']!.emptyNote = NO_DATA_NOTE;
    },
    expect: [{ severity: '错误', cells: ['07.total.income', '07.total.subtotal', '07.total.project'], message: /表07 列有数据，却印有“说明：本表无数据”/ }],
  },
  {
    rule: 'X-04-08-EMPTY',
    what: 'an empty table 08 without its note',
    fixture: YQ,
    tables: (c) => {
      delete c.tables['08']!.emptyNote;
    },
    expect: [{ severity: '错误', cells: [] }],
  },
  {
    rule: 'X-04-08-EMPTY',
    what: 'a table 08 with data carrying the note',
    fixture: JC,
    facts: withStateCapital,
    tables: (c) => {
      c.tables['08']!.emptyNote = NO_DATA_NOTE;
    },
    expect: [{ severity: '错误', cells: ['08.total.total', '08.total.basic'] }],
  },
  {
    rule: 'X-05-06-BASIC',
    what: 'a table 06 款 typed 1 万元 too high',
    fixture: JC,
    facts: (p) => addFact(p.report, { kind: 'economic', code: '30101' }, WAN),
    expect: [{ severity: '错误', cells: ['05.total.basic', '06.personnelTotal.amount', '06.publicTotal.amount'] }],
  },
  {
    rule: 'X-05-06-BASIC',
    what: 'a table 06 款 typed 200.00 元 too high: within the leaf envelope, yet a data difference, so 警告 and not 尾数误差',
    fixture: JC,
    facts: (p) => addFact(p.report, { kind: 'economic', code: '30101' }, 20_000),
    expect: [
      {
        severity: '警告',
        cells: ['05.total.basic', '06.personnelTotal.amount', '06.publicTotal.amount'],
        message: /^表05 合计行 基本支出 1,107\.36 ≠ 表06 人员经费合计 985\.32 \+ 公用经费合计 122\.06 = 1,107\.38，相差 0\.02 万元，录入数据相差 200\.00 元，不是打印尾数/,
      },
    ],
  },
  {
    rule: 'X-03-FISCAL-ITEM',
    what: '1 万元 of a 项 moved from 基本支出 to 项目支出 in table 03 only',
    fixture: JC,
    facts: (p) => {
      addFact(p.report, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, -WAN);
      addFact(p.report, { kind: 'item', code: '2011301', field: 'expenditure.project' }, WAN);
    },
    expect: [{ severity: '错误', cells: ['03.2011301.basic', '05.2011301.basic'], message: /^表03 2011301 行政运行 基本支出 752\.32 < 表05 2011301 行政运行 基本支出 753\.32，相差 1\.00 万元$/ }],
  },
  {
    rule: 'X-09-06-THREE',
    what: '公务接待费 决算 below table 06 30217',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'threePublic', side: 'actual', item: 'reception' }, 10 * U),
    expect: [{ severity: '错误', cells: ['09.actual.reception', '06.30217.amount'], message: /^表09 决算数 公务接待费 0\.10 < 表06 30217 公务接待费 0\.24，相差 0\.14 万元$/ }],
  },
  {
    rule: 'X-09-BUDGET',
    what: '公务接待费 决算 above 预算',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'threePublic', side: 'actual', item: 'reception' }, 30 * U),
    expect: [{ severity: '警告', cells: ['09.actual.reception', '09.budget.reception'] }],
  },
  {
    rule: 'X-10-06-OPCOST',
    what: '机关运行经费 overridden with another figure',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'operatingCost' }, 200 * WAN),
    expect: [{ severity: '警告', cells: [L10(5), '06.publicTotal.amount'] }],
  },
  // Report-level
  {
    rule: 'R-THREE-PUBLIC-MISSING',
    what: '公务接待费 决算 left blank although 30217 has spending',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'threePublic', side: 'actual', item: 'reception' }, 0),
    expect: [{ severity: '错误', cells: ['09.actual.reception', '06.30217.amount'], message: /公务接待费漏填/ }],
  },
  {
    rule: 'R-OPCOST-MISSING',
    what: '机关运行经费 overridden with 0 for a 行政单位',
    fixture: YQ,
    facts: (p) => writeFact(p.report, { kind: 'operatingCost' }, 0),
    expect: [{ severity: '错误', cells: [L10(5), '06.publicTotal.amount'] }],
  },
  {
    rule: 'R-PROCUREMENT-SME',
    what: '授予中小企业 twice the procurement total (the issue-12 document): 20.52 > 10.26',
    fixture: YQ,
    facts: (p) => writeFact(p.report, { kind: 'stats', field: 'procurementSme' }, 2 * 102_600 * 100),
    expect: [{ severity: '错误', cells: [L10(1)], message: /^授予中小企业合同金额 20\.52 万元超过政府采购支出合计 10\.26 万元$/ }],
  },
  {
    rule: 'R-PROCUREMENT-SME',
    what: '授予小微企业 above 授予中小企业',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'stats', field: 'procurementMicro' }, 246_000 * 100 + 10_000),
    expect: [{ severity: '错误', cells: [L10(1)], message: /^授予小微企业合同金额 24\.61 万元超过授予中小企业合同金额 24\.60 万元$/ }],
  },
  {
    rule: 'R-PROCUREMENT-SME',
    what: '授予中小企业 1 元 above the total: printed alike, a data difference → 警告',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'stats', field: 'procurementSme' }, 246_000 * 100 + 100),
    expect: [{ severity: '警告', cells: [L10(1)], message: /按打印数相同，录入数据相差 1\.00 元/ }],
  },
  {
    rule: 'R-NEGATIVE',
    what: 'a negative 政府采购 货物 figure',
    fixture: JC,
    facts: (p) => writeFact(p.report, { kind: 'stats', field: 'procurementGoods' }, -WAN),
    expect: [{ severity: '错误', cells: [L10(2)], message: /^表10 第2行 货物 为负数 -1\.00 万元/ }],
    // The procurement total drops below the amount granted to SMEs.
    also: ['R-PROCUREMENT-SME'],
  },
  {
    rule: 'R-NEGATIVE',
    what: 'a negative fact printed in two tables (表02 财政拨款收入, 表04 第1行) is reported once',
    fixture: JC,
    facts: (p) => {
      // 10 万元 of 一般公共预算 income typed as −10 万元 on a 项 with no other income, balanced by
      // 10 万元 more on another, so that the totals stay what they were.
      writeFact(p.report, { kind: 'item', code: '2089999', field: 'income.generalBudget' }, -10 * WAN);
      addFact(p.report, { kind: 'item', code: '2011301', field: 'income.generalBudget' }, 10 * WAN + 97349 * 100);
    },
    expect: [{ severity: '错误', cells: ['02.2089999.fiscal', L04(1)] }],
  },
  {
    rule: 'R-NEGATIVE',
    what: 'a negative derived cell no fact explains (a broken model)',
    fixture: JC,
    tables: (c) => setCell(c, L10(1), -FIVE),
    expect: [{ severity: '错误', cells: [L10(1)] }],
    also: ['T10-PROCUREMENT', 'R-PROCUREMENT-SME'],
  },
  {
    rule: 'R-FRAME',
    what: 'table 03 printed with another department and table 09 with another year',
    fixture: JC,
    tables: (c) => {
      c.tables['03']!.orgLine = '部门名称：晋城市财政局';
      c.tables['09']!.yearLine = '2022年度';
    },
    expect: [
      { severity: '错误', cells: [], message: /^表03 印“部门名称：晋城市财政局”，与单位名称“晋城市商务局”不一致$/ },
      { severity: '错误', cells: [], message: /^表09 印“2022年度”，与报告年度“2023年度”不一致$/ },
    ],
  },
  {
    rule: 'R-PRIOR-TYPED',
    what: '上年数 typed against last year in the file: one differs (the report wins), one the report lacks (the typed one is used)',
    fixture: YQ,
    facts: (p) => {
      p.report.prior = { incomeTotal: 12_000 * WAN, expenditureTotal: 1_236_743 * U, 'threePublic.abroad': WAN };
    },
    // Last year's report stands in as this year's own tables: 收入总计 12,367.43, 因公出国 0.
    tables: (c) => {
      c.lastYear = { year: 2023, tables: c.tables };
    },
    expect: [
      { severity: '警告', cells: [], message: /^填写的上年数“收入总计”为 12,000\.00 万元，文件中2023年度报表为 12,367\.43 万元（表01 第31行 总计）。情况说明按2023年度报表计/ },
      { severity: '警告', cells: [], message: /^填写的上年数“因公出国（境）费”为 1\.00 万元，文件中2023年度报表为 0\.00 万元（表09 .*）。该报表中此数为0（可能未导入相应的表），情况说明按填写的上年数计/ },
    ],
  },
  {
    rule: 'R-CELL-TEXT',
    what: 'a cell whose printed text is not its figure',
    fixture: JC,
    tables: (c) => {
      cellOf(c.tables, '03.208.total').text = '239.69';
    },
    expect: [{ severity: '错误', cells: ['03.208.total'], message: /印“239\.69”，按其金额应印“239\.70”/ }],
  },
];

describe('each rule catches its own break', () => {
  it('every rule has at least one case', () => {
    // The 情况说明 rules (N-…) have their breaking tests in checks-narrative.test.ts, the 附件
    // rules (SE-…) in self-evaluation.test.ts.
    const covered = new Set(CASES.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id) && !id.startsWith('N-') && !id.startsWith('SE-'))).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.rule}: ${c.what}`, c] as const))('%s', (_name, c) => {
    const pkg = load(c.fixture);
    c.facts?.(pkg);
    const ctx = contextOf(pkg);
    const rule = RULES.find((r) => r.id === c.rule);
    expect(rule, c.rule).toBeDefined();
    c.tables?.(ctx);

    // The seed's own 尾数误差 notes (see above) are not part of the break.
    const baseline = new Set(rule!.run(contextOf(load(c.fixture))).map(key));
    const own = rule!.run(ctx).filter((f) => !baseline.has(key(f)));
    expect(own.map(brief)).toEqual(c.expect.map((e) => ({ ruleId: c.rule, severity: e.severity, cells: e.cells })));
    c.expect.forEach((e, k) => {
      if (e.message) expect(own[k]?.message).toMatch(e.message);
      expect(own[k]?.title).toBe(rule!.title);
    });

    const all = runChecks(ctx);
    for (const f of own) expect(all.map(brief)).toContainEqual(brief(f));
    const others = [...new Set(all.filter((f) => f.severity !== '提示' && f.ruleId !== c.rule).map((f) => f.ruleId))].sort();
    expect(others).toEqual([...(c.also ?? [])].sort());
  });
});

// ---------------------------------------------------------------------------------------------

describe('printed comparisons', () => {
  const meta = { id: 'TEST', title: '测试', severity: '错误' as const };

  it('envelope: ⌈m/2⌉ − 1 units for m non-zero figures, i.e. ⌊n/2⌋ for a total and n parts', () => {
    expect([1, 2, 3, 4, 5, 6, 27].map(envelopeUnits)).toEqual([0, 0, 1, 1, 2, 2, 13]);
  });

  it('within the envelope → 提示; beyond → the rule severity; stored-only difference → 警告, never 尾数误差', () => {
    const ctx = contextOf(load(JC));
    const parts = ['03.208.basic', '03.208.project'];
    // As published: 239.70 vs 230.84 + 8.85 → 1 unit, envelope 1.
    expect(sumCheck(ctx, '03.208.total', parts, meta).map((f) => f.severity)).toEqual(['提示']);
    // 2 units off: beyond the envelope of two parts.
    bump(ctx, '03.208.total', U);
    expect(sumCheck(ctx, '03.208.total', parts, meta).map((f) => [f.severity, f.difference])).toEqual([['错误', 2 * U]]);
    // Stored 1 分 off but printed equal → the typed data differ: 警告 naming the difference.
    const ctx2 = contextOf(load(JC));
    bump(ctx2, '01.L31.amount', 1);
    const [f] = sumCheck(ctx2, '01.L31.amount', ['01.L27.amount', '01.L28.amount', '01.L29.amount'], meta);
    expect(f).toMatchObject({ severity: '警告', difference: 0, exactDifference: 1 });
    expect(f?.message).toMatch(/录入数据相差 0\.01 元，不是打印尾数/);
    expect(f?.message).not.toMatch(/尾数误差/);
    // Printed 1 unit off within the envelope and stored 分 off too → 警告, not 尾数误差.
    const ctx3 = contextOf(load(JC));
    bump(ctx3, '03.208.basic', 1);
    const [g] = sumCheck(ctx3, '03.208.total', parts, meta);
    expect(g).toMatchObject({ severity: '警告', exactDifference: -1 });
    expect(g?.message).not.toMatch(/^尾数误差/);
  });

  it('messages are plain strings when serialised', () => {
    const findings = runChecks(contextOf(load(JC)));
    const copy = JSON.parse(JSON.stringify(findings)) as Finding[];
    expect(copy.map((f) => f.message)).toEqual(findings.map((f) => f.message));
    expect(structuredClone(findings)[0]?.message).toBe(findings[0]?.message);
  });
});

describe('runChecks', () => {
  it('sorts by severity, then table; countBySeverity counts', () => {
    const pkg = load(JC);
    writeFact(pkg.report, { kind: 'threePublic', side: 'actual', item: 'reception' }, 30 * U); // 警告 (09)
    writeFact(pkg.report, { kind: 'summary', field: 'closingBalance' }, WAN); // 错误 (01)
    addFact(pkg.report, { kind: 'economic', code: '30101' }, WAN); // 错误 (05)
    const findings = runChecks(contextOf(pkg));
    const order = { 错误: 0, 警告: 1, 提示: 2 };
    for (let k = 1; k < findings.length; k++) {
      const a = findings[k - 1]!;
      const b = findings[k]!;
      expect(order[a.severity] < order[b.severity] || (a.severity === b.severity && (a.table ?? '99') <= (b.table ?? '99'))).toBe(true);
    }
    expect(findings.slice(0, 3).map((f) => [f.severity, f.ruleId])).toEqual([
      ['错误', 'T01-BALANCE'],
      ['错误', 'X-05-06-BASIC'],
      ['警告', 'X-09-BUDGET'],
    ]);
    const counts = countBySeverity(findings);
    expect(counts).toEqual({ 错误: 2, 警告: 1, 提示: findings.length - 3 });
  });

  it('accepts a narrative in the context without any rule reading it yet', () => {
    const ctx = contextOf(load(YQ));
    expect(runChecks({ ...ctx, narrative: [] }).map(brief)).toEqual(runChecks(ctx).map(brief));
  });
});

describe('leaf envelope of X-05-06-BASIC', () => {
  it('grows like three standard deviations of the typed leaves’ rounding, between one unit and the worst case', () => {
    expect([2, 3, 12, 27, 48, 300].map(leafEnvelopeUnits)).toEqual([1, 1, 3, 5, 6, 15]);
    expect(leafEnvelopeUnits(300)).toBeLessThan(envelopeUnits(300));
  });
});
