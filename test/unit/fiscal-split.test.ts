import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../shared/domain/catalogue';
import { effectiveItem, fillFromTable03, impliedSplit, isSplitImplied, withImpliedSplit } from '../../shared/domain/fiscalSplit';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { type Department, emptyItem, emptyReport, FISCAL_SPLITS, type ItemFacts, type Report } from '../../shared/domain/model';
import { deriveTables } from '../../shared/domain/tables';
import { findCell } from '../../shared/domain/tables/types';

const department: Department = { name: '测试局', unitKind: '行政单位', subordinateUnits: [] };

function item(code: string, patch: (i: ItemFacts) => void): ItemFacts {
  const i = emptyItem(code);
  patch(i);
  return i;
}

describe('the 财政拨款 split implied by tables 02 and 03', () => {
  it('follows when all income is one fund, equal to 基本 + 项目 支出, with no carry-over', () => {
    const a = item('2010301', (i) => {
      i.income.generalBudget = 300;
      i.expenditure.basic = 200;
      i.expenditure.project = 100;
    });
    expect(impliedSplit(a)).toMatchObject({ generalBasic: 200, generalProject: 100, govFundBasic: 0 });
    const g = item('2159802', (i) => {
      i.income.govFund = 50;
      i.expenditure.project = 50;
    });
    expect(impliedSplit(g)).toMatchObject({ govFundProject: 50, generalProject: 0 });
  });

  it('does not follow with other income, two funds, a carry-over, or income ≠ spending', () => {
    const base = (patch: (i: ItemFacts) => void) =>
      item('2010301', (i) => {
        i.income.generalBudget = 300;
        i.expenditure.basic = 300;
        patch(i);
      });
    expect(impliedSplit(base(() => {}))).not.toBeNull();
    expect(impliedSplit(base((i) => (i.income.business = 1)))).toBeNull();
    expect(impliedSplit(base((i) => (i.income.govFund = 1)))).toBeNull();
    expect(impliedSplit(base((i) => (i.expenditure.basic = 290)))).toBeNull();
    expect(impliedSplit(base((i) => (i.expenditure.remitUpper = 1)))).toBeNull();
    const gov = item('2159802', (i) => {
      i.income.govFund = 50;
      i.expenditure.project = 50;
      i.govFundClosing = 5;
    });
    expect(impliedSplit(gov)).toBeNull();
    expect(impliedSplit(emptyItem('2010301'))).toBeNull();
  });

  it('a typed split wins; the tables show the implied one, marked, while none is typed', () => {
    const typed = item('2010301', (i) => {
      i.income.generalBudget = 300;
      i.expenditure.basic = 300;
      i.fiscal.generalBasic = 250;
    });
    expect(isSplitImplied(typed)).toBe(false);
    expect(effectiveItem(typed)).toBe(typed);
    const report = emptyReport(2024);
    report.items = [
      item('2010301', (i) => {
        i.income.generalBudget = 3_000_000;
        i.expenditure.basic = 3_000_000;
      }),
    ];
    const tables = deriveTables(department, report, getCatalogue(2024));
    const cell = findCell(tables['05'], '2010301', 'basic');
    expect(cell).toMatchObject({ kind: 'input', value: 3_000_000, implied: true });
    expect(findCell(tables['05'], 'total', 'subtotal')?.value).toBe(3_000_000);
    // Table 04 (by fund) follows table 05.
    expect(tables['04'].rows.some((r) => r.cells.some((c) => c.id === '04.L33.general' && c.value === 3_000_000))).toBe(true);
  });

  it('typing one part of an implied split writes the rest of it in the same action', () => {
    const report = emptyReport(2024);
    report.items = [
      item('2010301', (i) => {
        i.income.generalBudget = 300;
        i.expenditure.basic = 200;
        i.expenditure.project = 100;
      }),
    ];
    const writes = withImpliedSplit(report, [{ ref: { kind: 'item', code: '2010301', field: 'fiscal.generalBasic' }, value: 150 }]);
    expect(writes).toEqual([
      { ref: { kind: 'item', code: '2010301', field: 'fiscal.generalProject' }, value: 100 },
      { ref: { kind: 'item', code: '2010301', field: 'fiscal.generalBasic' }, value: 150 },
    ]);
  });

  it('按表03填充 fills the split of 项 where it does not follow, for their one fund', () => {
    const report: Report = emptyReport(2024);
    report.items = [
      item('2010301', (i) => {
        i.income.generalBudget = 100; // spent 120: 20 from last year's 结转
        i.expenditure.basic = 120;
      }),
      item('2010302', (i) => {
        i.income.generalBudget = 100; // implied already
        i.expenditure.project = 100;
      }),
      item('2080501', (i) => {
        i.income.business = 100; // not 财政拨款
        i.expenditure.basic = 100;
      }),
    ];
    expect(fillFromTable03(report, 'general')).toEqual([
      { code: '2010301', writes: [{ ref: { kind: 'item', code: '2010301', field: 'fiscal.generalBasic' }, value: 120 }] },
    ]);
    expect(fillFromTable03(report, 'govFund')).toEqual([]);
  });

  it('changes nothing for the seeds: every split there is typed and printed as published', () => {
    for (const name of ['jincheng-2023.json', 'yangquan-2024.json']) {
      const parsed = parseInterchangeText(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
      if (!parsed.ok) throw new Error(name);
      const items = parsed.value.report.items;
      for (const i of items) {
        const implied = impliedSplit(i);
        // Where a split would be implied it equals the typed one: the rule agrees with the seeds.
        if (implied) for (const k of FISCAL_SPLITS) expect(i.fiscal[k], `${name} ${i.code} ${k}`).toBe(implied[k]);
      }
      expect(items.filter(isSplitImplied)).toEqual([]);
    }
  });
});
