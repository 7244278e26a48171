/**
 * Properties of deriveTables beyond the two seeds: empty tables, parent rows as sums in 分,
 * which rows appear, the line identities of tables 01 and 04, table 06 layout and totals,
 * tables 09 and 10, provenance of every cell, edition differences, independent rounding.
 */
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { formatInterchangeIssues, parseInterchangeText, type ReportPackage } from '../../shared/domain/interchange';
import {
  type Department,
  emptyReport,
  type ItemField,
  type Report,
  type UnitKind,
  writeFact,
} from '../../shared/domain/model';
import {
  cellById,
  cellValue,
  deriveTables,
  type DerivedTable,
  type ShanxiTables,
  findCell,
  NO_DATA_NOTE,
  SHANXI_TABLE_IDS,
  valueById,
} from '../../shared/domain/tables';

const FIXTURES = new URL('../fixtures/', import.meta.url);

function loadFixture(name: string): ReportPackage {
  const parsed = parseInterchangeText(readFileSync(new URL(name, FIXTURES), 'utf8'));
  if (!parsed.ok) throw new Error(formatInterchangeIssues(parsed.issues));
  return parsed.value;
}

function dept(unitKind: UnitKind = '行政单位'): Department {
  return { name: '测试局', unitKind, subordinateUnits: [] };
}

const yuan = (n: number): number => Math.round(n * 100);

function setItem(report: Report, code: string, field: ItemField, amountYuan: number): void {
  writeFact(report, { kind: 'item', code, field }, yuan(amountYuan));
}

function derive(report: Report, unitKind: UnitKind = '行政单位'): ShanxiTables {
  return deriveTables(dept(unitKind), report, getCatalogue(report.edition));
}

/**
 * A small report touching every input: general budget, other income, 政府性基金 with
 * carry-overs, 国有资本经营, fiscal carry-overs, summary lines, table 06, 09 and 10 facts.
 * Consistent: table 01 line 31 = line 62, table 04 line 32 = line 64.
 */
function richReport(year = 2023): Report {
  const r = emptyReport(year);
  // 一般公共预算: 2011301 基本, 2011308 项目 (uses 20 of the general opening balance)
  setItem(r, '2011301', 'income.generalBudget', 1000);
  setItem(r, '2011301', 'expenditure.basic', 1000);
  setItem(r, '2011301', 'fiscal.generalBasic', 1000);
  setItem(r, '2011308', 'income.generalBudget', 520);
  setItem(r, '2011308', 'expenditure.project', 540);
  setItem(r, '2011308', 'fiscal.generalProject', 540);
  // non-fiscal income and spending
  setItem(r, '2011350', 'income.business', 200);
  setItem(r, '2011350', 'income.other', 50);
  setItem(r, '2011350', 'expenditure.basic', 230);
  // 政府性基金 with opening and closing balances: 80 + 300 − 250 = 130
  setItem(r, '2120399', 'income.govFund', 300);
  setItem(r, '2120399', 'expenditure.project', 250);
  setItem(r, '2120399', 'fiscal.govFundProject', 250);
  setItem(r, '2120399', 'govFundOpening', 80);
  setItem(r, '2120399', 'govFundClosing', 130);
  // 国有资本经营: 10 + 100 − 105 = 5
  setItem(r, '2120201', 'income.stateCapital', 100);
  setItem(r, '2120201', 'expenditure.project', 105);
  setItem(r, '2120201', 'fiscal.stateCapitalProject', 105);
  // an item written with zero only: no data anywhere
  setItem(r, '2080501', 'income.other', 0);
  r.fiscalCarry = { generalOpening: yuan(40), generalClosing: yuan(20), stateCapitalOpening: yuan(10), stateCapitalClosing: yuan(5) };
  // 31 = 2170 + 15 + 130 = 2315 = 2125 + 10 + 180
  r.summary = { nonFiscalSurplusUsed: yuan(15), openingBalance: yuan(130), surplusDistribution: yuan(10), closingBalance: yuan(180) };
  const economic: Record<string, number> = {
    '30101': 500,
    '30102': 100,
    '30302': 100,
    '30201': 200,
    '30701': 10,
    '31002': 20,
    '31201': 30,
    '31302': 40,
    '39999': 50,
  };
  for (const [code, amount] of Object.entries(economic)) writeFact(r, { kind: 'economic', code }, yuan(amount));
  r.threePublic = {
    budget: { abroad: yuan(10), vehiclePurchase: yuan(20), vehicleOperation: yuan(30), reception: yuan(40) },
    actual: { abroad: yuan(5), vehiclePurchase: 0, vehicleOperation: yuan(25), reception: yuan(35) },
  };
  r.stats.procurementGoods = yuan(100);
  r.stats.procurementWorks = yuan(200);
  r.stats.procurementServices = yuan(300);
  r.stats.vehicles.principal = 1;
  r.stats.vehicles.enforcement = 2;
  r.stats.vehicles.other = 3;
  r.stats.equipmentCount = 2;
  return r;
}

function valueColumns(t: DerivedTable): string[] {
  return t.columns.slice(2).map((c) => c.key);
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

describe('an empty report', () => {
  const t = derive(emptyReport(2023));

  it.each(['07', '08'] as const)('table %s prints only its 合计 row, blank, with 说明：本表无数据', (id) => {
    expect(NO_DATA_NOTE).toBe('说明：本表无数据');
    expect(t[id].emptyNote).toBe('说明：本表无数据');
    expect(t[id].rows).toHaveLength(1);
    const total = t[id].rows[0]!;
    expect(total.key).toBe('total');
    expect(total.cells[0]!.text).toBe('合计');
    for (const key of valueColumns(t[id])) {
      const cell = findCell(t[id], 'total', key)!;
      expect(cell.text).toBe('');
      expect(cell.value).toBe(0);
    }
  });

  it.each(['02', '03', '05'] as const)('table %s has only its 合计 row and no empty note', (id) => {
    expect(t[id].rows.map((r) => r.key)).toEqual(['total']);
    expect(t[id].emptyNote).toBeUndefined();
  });

  it('prints no figure anywhere except 表06 ——', () => {
    for (const id of SHANXI_TABLE_IDS) {
      for (const row of t[id].rows) {
        for (const cell of row.cells) {
          if (cell.kind === 'input' || cell.kind === 'derived') expect(cell.text, `${id} ${cell.id}`).toBe('');
        }
      }
    }
  });

  it('tables 07 and 08 with data have no empty note', () => {
    const rich = derive(richReport());
    expect(rich['07'].emptyNote).toBeUndefined();
    expect(rich['08'].emptyNote).toBeUndefined();
  });
});

describe('subject tables of the jincheng fixture: parents are sums of children in 分', () => {
  const pkg = loadFixture('jincheng-2023.json');
  const tables = deriveTables(pkg.department, pkg.report);

  it.each(['02', '03', '05'] as const)('table %s: 合计 = Σ类, 类 = Σ款, 款 = Σ项, in every column', (id) => {
    const t = tables[id];
    const classes = t.rows.filter((r) => r.level === 1);
    const sections = t.rows.filter((r) => r.level === 2);
    const items = t.rows.filter((r) => r.level === 3);
    expect(classes.length).toBeGreaterThan(1);
    expect(sections.length).toBeGreaterThan(classes.length);
    expect(items.length).toBeGreaterThan(sections.length);
    let nonZero = 0;
    for (const col of valueColumns(t)) {
      const v = (key: string) => cellValue(t, key, col);
      expect(v('total'), `${id} total ${col}`).toBe(sum(classes.map((r) => v(r.key))));
      for (const cls of classes) {
        const children = sections.filter((r) => r.key.slice(0, 3) === cls.key);
        expect(children.length).toBeGreaterThan(0);
        expect(v(cls.key), `${id} ${cls.key} ${col}`).toBe(sum(children.map((r) => v(r.key))));
      }
      for (const sec of sections) {
        const children = items.filter((r) => r.key.slice(0, 5) === sec.key);
        expect(children.length).toBeGreaterThan(0);
        expect(v(sec.key), `${id} ${sec.key} ${col}`).toBe(sum(children.map((r) => v(r.key))));
      }
      if (v('total') !== 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(1);
  });

  it('row sums: 表02 col1 = Σ col2..7, 表03 col1 = Σ col2..6, 表05 col1 = col2 + col3, on every row', () => {
    const rowSum: [DerivedTable, string, string[]][] = [
      [tables['02'], 'total', ['fiscal', 'superior', 'business', 'operating', 'affiliated', 'other']],
      [tables['03'], 'total', ['basic', 'project', 'remitUpper', 'operating', 'affiliatedSubsidy']],
      [tables['05'], 'subtotal', ['basic', 'project']],
    ];
    for (const [t, total, parts] of rowSum) {
      for (const row of t.rows) {
        expect(cellValue(t, row.key, total), `${t.id} ${row.key}`).toBe(sum(parts.map((p) => cellValue(t, row.key, p))));
      }
    }
  });

  it('项 leaves carry the typed facts; 表02 财政拨款 = the three funds', () => {
    for (const item of pkg.report.items) {
      const fiscal = item.income.generalBudget + item.income.govFund + item.income.stateCapital;
      if (fiscal !== 0) expect(cellValue(tables['02'], item.code, 'fiscal')).toBe(fiscal);
      if (item.expenditure.basic !== 0) expect(cellValue(tables['03'], item.code, 'basic')).toBe(item.expenditure.basic);
      if (item.fiscal.generalProject !== 0) expect(cellValue(tables['05'], item.code, 'project')).toBe(item.fiscal.generalProject);
    }
  });

  it('lists 类, 款, 项 in code order after the 合计 row', () => {
    for (const id of ['02', '03', '05'] as const) {
      const keys = tables[id].rows.map((r) => r.key);
      expect(keys[0]).toBe('total');
      const body = keys.slice(1);
      // 类 before its 款 before its 项: plain string order of the codes
      expect(body).toEqual([...body].sort());
    }
  });
});

describe('which 项 rows appear', () => {
  const t = derive(richReport());

  it('only 项 with data in the table’s own columns, with their 款 and 类', () => {
    expect(t['02'].rows.map((r) => r.key)).toEqual(['total', '201', '20113', '2011301', '2011308', '2011350', '212', '21202', '2120201', '21203', '2120399']);
    expect(t['03'].rows.map((r) => r.key)).toEqual(['total', '201', '20113', '2011301', '2011308', '2011350', '212', '21202', '2120201', '21203', '2120399']);
    expect(t['05'].rows.map((r) => r.key)).toEqual(['total', '201', '20113', '2011301', '2011308']);
    expect(t['07'].rows.map((r) => r.key)).toEqual(['total', '212', '21203', '2120399']);
    expect(t['08'].rows.map((r) => r.key)).toEqual(['total', '212', '21202', '2120201']);
  });

  it('an item with income only is not in table 03; one with spending only is not in table 02', () => {
    const r = emptyReport(2023);
    setItem(r, '2011301', 'income.superior', 10);
    setItem(r, '2011308', 'expenditure.remitUpper', 10);
    const d = derive(r);
    expect(d['02'].rows.map((x) => x.key)).toEqual(['total', '201', '20113', '2011301']);
    expect(d['03'].rows.map((x) => x.key)).toEqual(['total', '201', '20113', '2011308']);
    expect(d['05'].rows.map((x) => x.key)).toEqual(['total']);
  });

  it('a 政府性基金 item with only a carry-over appears in table 07', () => {
    const r = emptyReport(2023);
    setItem(r, '2120399', 'govFundClosing', 5);
    const d = derive(r);
    expect(d['07'].rows.map((x) => x.key)).toEqual(['total', '212', '21203', '2120399']);
    expect(d['07'].emptyNote).toBeUndefined();
  });
});

describe('table 01 identities with carry-overs', () => {
  const t = derive(richReport())['01'];
  const line = (n: number) => valueById(t, `01.L${n}.amount`);

  it('27 = Σ1..8, 31 = 27 + 28 + 29', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(line)).toEqual([yuan(1520), yuan(300), yuan(100), 0, yuan(200), 0, 0, yuan(50)]);
    expect(line(27)).toBe(sum([1, 2, 3, 4, 5, 6, 7, 8].map(line)));
    expect(line(28)).toBe(yuan(15));
    expect(line(29)).toBe(yuan(130));
    expect(line(31)).toBe(line(27) + line(28) + line(29));
    expect(line(31)).toBe(yuan(2315));
  });

  it('类 lines come from table 03; 58 = Σ32..57, 62 = 58 + 59 + 60', () => {
    expect(line(32)).toBe(yuan(1770)); // 201
    expect(line(42)).toBe(yuan(355)); // 212
    const classLines = Array.from({ length: 26 }, (_, k) => line(32 + k));
    expect(line(58)).toBe(sum(classLines));
    expect(line(58)).toBe(yuan(2125));
    expect(line(59)).toBe(yuan(10));
    expect(line(60)).toBe(yuan(180));
    expect(line(62)).toBe(line(58) + line(59) + line(60));
    expect(line(62)).toBe(line(31));
  });

  it('negative carry-overs enter the sums with their sign', () => {
    const r = richReport();
    r.summary.closingBalance = -yuan(100);
    r.summary.openingBalance = -yuan(0.5);
    const d = derive(r)['01'];
    const l = (n: number) => valueById(d, `01.L${n}.amount`);
    expect(l(31)).toBe(l(27) + l(28) - yuan(0.5));
    expect(l(62)).toBe(l(58) + l(59) - yuan(100));
    expect(cellById(d, '01.L60.amount')!.text).toBe('-0.01');
  });
});

describe('table 04 with a 政府性基金 item having opening and closing balances', () => {
  const tables = derive(richReport());
  const t = tables['04'];
  const v = (id: string) => valueById(t, id);

  it('left side: 1–3 by fund, 27, 28 = 29 + 30 + 31, 30 = 表07 合计 年初, 32 = 27 + 28', () => {
    expect(v('04.L1.amount')).toBe(yuan(1520));
    expect(v('04.L2.amount')).toBe(yuan(300));
    expect(v('04.L3.amount')).toBe(yuan(100));
    expect(v('04.L27.amount')).toBe(yuan(1920));
    expect(v('04.L29.amount')).toBe(yuan(40));
    expect(v('04.L30.amount')).toBe(valueById(tables['07'], '07.total.opening'));
    expect(v('04.L30.amount')).toBe(yuan(80));
    expect(v('04.L31.amount')).toBe(yuan(10));
    expect(v('04.L28.amount')).toBe(v('04.L29.amount') + v('04.L30.amount') + v('04.L31.amount'));
    expect(v('04.L32.amount')).toBe(v('04.L27.amount') + v('04.L28.amount'));
  });

  it('right side: 类 lines from tables 05/07/08, 59 = Σ类, 60 govFund = 表07 合计 年末, 64 = 59 + 60, 合计 = Σ funds', () => {
    // 201 is line 33, 212 is line 43
    expect(v('04.L33.general')).toBe(valueById(tables['05'], '05.201.subtotal'));
    expect(v('04.L43.govFund')).toBe(valueById(tables['07'], '07.212.subtotal'));
    expect(v('04.L43.stateCapital')).toBe(valueById(tables['08'], '08.212.total'));
    expect(v('04.L59.general')).toBe(yuan(1540));
    expect(v('04.L59.govFund')).toBe(yuan(250));
    expect(v('04.L59.stateCapital')).toBe(yuan(105));
    for (const fund of ['general', 'govFund', 'stateCapital']) {
      expect(v(`04.L59.${fund}`)).toBe(sum(Array.from({ length: 26 }, (_, k) => v(`04.L${33 + k}.${fund}`))));
      expect(v(`04.L64.${fund}`)).toBe(v(`04.L59.${fund}`) + v(`04.L60.${fund}`));
    }
    expect(v('04.L60.general')).toBe(yuan(20));
    expect(v('04.L60.govFund')).toBe(valueById(tables['07'], '07.total.closing'));
    expect(v('04.L60.govFund')).toBe(yuan(130));
    expect(v('04.L60.stateCapital')).toBe(yuan(5));
    for (const line of [33, 43, 59, 60, 64]) {
      expect(v(`04.L${line}.total`)).toBe(v(`04.L${line}.general`) + v(`04.L${line}.govFund`) + v(`04.L${line}.stateCapital`));
    }
    expect(v('04.L64.total')).toBe(v('04.L32.amount'));
  });

  it('table 07: subtotal = 基本 + 项目, and the typed balances', () => {
    const t07 = tables['07'];
    expect(valueById(t07, '07.2120399.opening')).toBe(yuan(80));
    expect(valueById(t07, '07.2120399.income')).toBe(yuan(300));
    expect(valueById(t07, '07.2120399.subtotal')).toBe(yuan(250));
    expect(valueById(t07, '07.2120399.closing')).toBe(yuan(130));
  });
});

describe('table 06', () => {
  const r = richReport();
  // A 309 figure stored behind the interchange's back still prints ——.
  r.economic['30901'] = yuan(999);
  const t = derive(r)['06'];
  const catalogue = getCatalogue(2023);

  it('309, 311 and their 款 print ——', () => {
    const codes = catalogue.economicPublic.map(([c]) => c).filter((c) => c.startsWith('309') || c.startsWith('311'));
    expect(codes).toContain('309');
    expect(codes).toContain('311');
    expect(codes).toContain('30901');
    expect(codes).toContain('31101');
    for (const code of codes) {
      const cell = cellById(t, `06.${code}.amount`)!;
      expect(cell.kind, code).toBe('na');
      expect(cell.text).toBe('——');
      expect(cell.value).toBeUndefined();
    }
  });

  it('类 = Σ 款; 人员经费合计 = 301 + 303; 公用经费合计 = 302 + 307 + 310 + 312 + 313 + 399', () => {
    const v = (code: string) => valueById(t, `06.${code}.amount`);
    expect(v('301')).toBe(yuan(600));
    expect(v('303')).toBe(yuan(100));
    expect(v('302')).toBe(yuan(200));
    expect(v('307')).toBe(yuan(10));
    expect(v('310')).toBe(yuan(20));
    expect(v('312')).toBe(yuan(30));
    expect(v('313')).toBe(yuan(40));
    expect(v('399')).toBe(yuan(50));
    for (const [code] of [...catalogue.economicPersonnel, ...catalogue.economicPublic]) {
      if (code.length !== 3 || code === '309' || code === '311') continue;
      const children = [...catalogue.economicPersonnel, ...catalogue.economicPublic].filter(([c]) => c.length === 5 && c.startsWith(code));
      expect(v(code), code).toBe(sum(children.map(([c]) => v(c))));
    }
    expect(valueById(t, '06.personnelTotal.amount')).toBe(v('301') + v('303'));
    expect(valueById(t, '06.publicTotal.amount')).toBe(v('302') + v('307') + v('310') + v('312') + v('313') + v('399'));
    expect(valueById(t, '06.publicTotal.amount')).toBe(yuan(350));
  });

  it('款 cells are inputs bound to their economic fact', () => {
    const cell = cellById(t, '06.30101.amount')!;
    expect(cell.kind).toBe('input');
    expect(cell.fact).toEqual({ kind: 'economic', code: '30101' });
    expect(cell.text).toBe('0.05');
  });
});

describe('table 09', () => {
  const t = derive(richReport())['09'];
  const v = (id: string) => valueById(t, id);

  it('合计 = 出国 + 车辆小计 + 接待, 车辆小计 = 购置 + 运维, for 预算数 and 决算数', () => {
    expect(v('09.budget.vehicleTotal')).toBe(yuan(50));
    expect(v('09.budget.total')).toBe(yuan(100));
    expect(v('09.actual.vehicleTotal')).toBe(yuan(25));
    expect(v('09.actual.total')).toBe(yuan(65));
    for (const side of ['budget', 'actual']) {
      expect(v(`09.${side}.vehicleTotal`)).toBe(v(`09.${side}.vehiclePurchase`) + v(`09.${side}.vehicleOperation`));
      expect(v(`09.${side}.total`)).toBe(v(`09.${side}.abroad`) + v(`09.${side}.vehicleTotal`) + v(`09.${side}.reception`));
    }
    expect(t.rows[0]!.cells.map((c) => c.kind)).toEqual(['derived', 'input', 'derived', 'input', 'input', 'input', 'derived', 'input', 'derived', 'input', 'input', 'input']);
  });
});

describe('table 10', () => {
  const line = (t: ShanxiTables, n: number) => cellById(t['10'], `10.L${n}.value`);

  it('line 1 = 2 + 3 + 4, line 7 = vehicle count, line 17 = equipment', () => {
    const t = derive(richReport());
    expect(line(t, 1)!.value).toBe(yuan(600));
    expect(line(t, 1)!.kind).toBe('derived');
    expect(line(t, 7)!.value).toBe(6);
    expect(line(t, 7)!.text).toBe('6');
    expect(line(t, 7)!.valueType).toBe('count');
    expect(line(t, 9)!.value).toBe(1);
    expect(line(t, 12)!.value).toBe(2);
    expect(line(t, 15)!.value).toBe(3);
    expect(line(t, 17)!.value).toBe(2);
  });

  it('行政单位: line 5 defaults to table 06 公用经费合计, line 6 blank', () => {
    const t = derive(richReport(), '行政单位');
    const cell = line(t, 5)!;
    expect(cell.kind).toBe('derived');
    expect(cell.value).toBe(valueById(t['06'], '06.publicTotal.amount'));
    expect(cell.value).toBe(yuan(350));
    expect(cell.formula).toContain('表06');
    expect(cell.fact).toEqual({ kind: 'operatingCost' });
    expect(line(t, 6)).toBeUndefined();
    expect(findCell(t['10'], 'L6', 'value')!.kind).toBe('blank');
  });

  it('参公事业单位: line 6 defaults, line 5 blank', () => {
    const t = derive(richReport(), '参公事业单位');
    expect(line(t, 6)!.value).toBe(yuan(350));
    expect(line(t, 5)).toBeUndefined();
    expect(findCell(t['10'], 'L5', 'value')!.kind).toBe('blank');
  });

  it('事业单位: neither line', () => {
    const t = derive(richReport(), '事业单位');
    expect(line(t, 5)).toBeUndefined();
    expect(line(t, 6)).toBeUndefined();
  });

  it('an operatingCostOverride replaces the default', () => {
    const r = richReport();
    r.stats.operatingCostOverride = yuan(123.45);
    const t = derive(r, '行政单位');
    const cell = line(t, 5)!;
    expect(cell.kind).toBe('input');
    expect(cell.value).toBe(yuan(123.45));
    expect(cell.fact).toEqual({ kind: 'operatingCost' });
    const zero = richReport();
    zero.stats.operatingCostOverride = 0;
    const z = line(derive(zero, '参公事业单位'), 6)!;
    expect(z.kind).toBe('input');
    expect(z.value).toBe(0);
    expect(z.text).toBe('');
  });
});

describe('provenance: every derived cell has a formula, every input cell a fact', () => {
  const cases: [string, ShanxiTables][] = [
    ['rich 2023', derive(richReport(2023))],
    ['rich 2024 参公', derive(richReport(2024), '参公事业单位')],
    ['empty', derive(emptyReport(2024))],
  ];
  for (const name of ['jincheng-2023.json', 'yangquan-2024.json']) {
    const pkg = loadFixture(name);
    cases.push([name, deriveTables(pkg.department, pkg.report)]);
  }

  it.each(cases)('%s', (_name, tables) => {
    let derived = 0;
    let inputs = 0;
    for (const id of SHANXI_TABLE_IDS) {
      for (const row of tables[id].rows) {
        expect(row.cells).toHaveLength(tables[id].columns.length);
        for (const cell of row.cells) {
          if (cell.kind === 'derived') {
            derived++;
            expect(typeof cell.formula, `${cell.id}`).toBe('string');
            expect(cell.formula!.length).toBeGreaterThan(1);
            expect(typeof cell.value).toBe('number');
            expect(cell.id?.startsWith(`${id}.`)).toBe(true);
          } else if (cell.kind === 'input') {
            inputs++;
            expect(cell.fact, `${cell.id}`).toBeDefined();
            expect(typeof cell.value).toBe('number');
            expect(cell.id?.startsWith(`${id}.`)).toBe(true);
          }
        }
      }
    }
    expect(derived).toBeGreaterThan(50);
    expect(inputs).toBeGreaterThan(20);
  });
});

describe('editions', () => {
  const has31206 = (t: ShanxiTables) => t['06'].rows.some((r) => r.cells.some((c) => c.kind === 'code' && c.text === '31206'));
  const line28 = (t: ShanxiTables) => findCell(t['01'], 'L28', 'itemL')!.text;
  const name30999 = (t: ShanxiTables) => {
    for (const row of t['06'].rows) {
      const k = row.cells.findIndex((c) => c.kind === 'code' && c.text === '30999');
      if (k >= 0) return row.cells[k + 1]!.text;
    }
    return undefined;
  };

  it('a 2024 report prints 31206 in table 06 and the 2024 line-28 label of table 01', () => {
    const t = derive(emptyReport(2024));
    expect(has31206(t)).toBe(true);
    expect(cellById(t['06'], '06.31206.amount')!.kind).toBe('input');
    expect(line28(t)).toBe('使用非财政拨款结余（含专用结余）');
    expect(name30999(t)).toBe('其他基本建设支出');
  });

  it('a 2023 report does not', () => {
    const t = derive(emptyReport(2023));
    expect(has31206(t)).toBe(false);
    expect(cellById(t['06'], '06.31206.amount')).toBeUndefined();
    expect(line28(t)).toBe('使用非财政拨款结余和专用结余');
    expect(name30999(t)).toBe('其他资本性支出');
  });

  it('a 2024 report counts 31206 in 312 and 公用经费合计', () => {
    const r = emptyReport(2024);
    writeFact(r, { kind: 'economic', code: '31206' }, yuan(7));
    const t = derive(r)['06'];
    expect(valueById(t, '06.312.amount')).toBe(yuan(7));
    expect(valueById(t, '06.publicTotal.amount')).toBe(yuan(7));
  });
});

describe('printed text is the independent rounding of each cell’s own value', () => {
  const r = emptyReport(2023);
  // 14,000 分 = 0.014 万元 each → 0.01; their sum 28,000 分 = 0.028 万元 → 0.03
  writeFact(r, { kind: 'item', code: '2010101', field: 'expenditure.basic' }, 14_000);
  writeFact(r, { kind: 'item', code: '2010102', field: 'expenditure.basic' }, 14_000);
  const t = derive(r);

  it('children print 0.01 + 0.01, the parents print 0.03', () => {
    const text = (key: string, col: string) => findCell(t['03'], key, col)!.text;
    expect(text('2010101', 'basic')).toBe('0.01');
    expect(text('2010102', 'basic')).toBe('0.01');
    expect(text('20101', 'basic')).toBe('0.03');
    expect(text('201', 'basic')).toBe('0.03');
    expect(text('total', 'total')).toBe('0.03');
    expect(cellValue(t['03'], 'total', 'total')).toBe(28_000);
    expect(cellById(t['01'], '01.L32.amount')!.text).toBe('0.03');
    expect(cellById(t['01'], '01.L58.amount')!.text).toBe('0.03');
  });

  it('uses the report’s grouping setting', () => {
    const g = richReport();
    writeFact(g, { kind: 'item', code: '2011301', field: 'expenditure.basic' }, 2_384_375_000);
    expect(cellById(derive(g)['03'], '03.2011301.basic')!.text).toBe('2,384.38');
    g.settings.tableGrouping = false;
    expect(cellById(derive(g)['03'], '03.2011301.basic')!.text).toBe('2384.38');
  });
});

describe('deriveTable: one table alone', () => {
  it('gives the same cells as deriveTables for every table of both seeds', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseInterchangeText } = await import('../../shared/domain/interchange');
    const { getCatalogue } = await import('../../shared/domain/catalogue');
    const { deriveTable, deriveTables } = await import('../../shared/domain/tables');
    const { SHANXI_TABLE_IDS } = await import('../../shared/domain/tables/types');
    for (const name of ['jincheng-2023.json', 'yangquan-2024.json']) {
      const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
      if (!parsed.ok) throw new Error(name);
      const { department, report, customCodes } = parsed.value;
      const catalogue = getCatalogue(report.edition, customCodes);
      const all = deriveTables(department, report, catalogue);
      for (const id of SHANXI_TABLE_IDS) expect(deriveTable(department, report, catalogue, id), `${name} ${id}`).toEqual(all[id]);
    }
  });
});

describe('reading cells: an unknown cell is a programming error, an absent 科目 row is 0', () => {
  const t = deriveTables(dept(), loadFixture('jincheng-2023.json').report);

  it('valueById throws for an id no cell carries (never reads as 0)', () => {
    expect(valueById(t['01'], '01.L31.amount')).toBeGreaterThan(0);
    expect(() => valueById(t['01'], '01.L99.amount')).toThrow('表01 没有单元格 01.L99.amount');
    // Table 10 line 6 is blank (no figure cell) for a 行政单位: it has no id either.
    expect(() => valueById(t['10'], '10.L6.value')).toThrow(/没有单元格/);
    // A 科目 row without data has no cells: read by row and column instead.
    expect(() => valueById(t['05'], '05.2120399.subtotal')).toThrow(/没有单元格/);
  });

  it('cellValue is 0 for an absent 科目 row and throws for a column the table lacks', () => {
    expect(cellValue(t['05'], '2120399', 'subtotal')).toBe(0);
    expect(cellValue(t['05'], '201', 'subtotal')).toBe(valueById(t['05'], '05.201.subtotal'));
    expect(() => cellValue(t['05'], '201', 'nosuch')).toThrow('表05 没有“nosuch”栏');
  });
});
