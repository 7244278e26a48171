import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LoadedYear } from '../../shared/contract/api';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { emptyItem, type FactRef, type Report } from '../../shared/domain/model';
import { FEN_PER_PRINTED_UNIT, toPrintedUnits } from '../../shared/domain/money';
import { deriveTables } from '../../shared/domain/tables';
import type { DerivedTable, Row, ShanxiTableId, TableId } from '../../shared/domain/tables/types';
import { firstEditable, type GridPos } from '../../renderer/features/tables/grid';
import { isBlock, parseClipboardBlock } from '../../renderer/features/tables/paste';
import { pasteContextFor } from '../../renderer/features/tables/pasteContext';
import { planPaste } from '../../renderer/features/tables/pastePlan';
import { buildGrid, pendingRows } from '../../renderer/features/tables/tableGrid';

describe('parseClipboardBlock', () => {
  it('splits tabs and newlines and drops the trailing newline Excel adds', () => {
    expect(parseClipboardBlock('1,234.56\t2\r\n3\t4\r\n')).toEqual([
      ['1,234.56', '2'],
      ['3', '4'],
    ]);
  });

  it('keeps empty cells', () => {
    expect(parseClipboardBlock('1\t\t3\n\t5\t\n')).toEqual([
      ['1', '', '3'],
      ['', '5', ''],
    ]);
  });

  it('reads quoted cells holding tabs, newlines and doubled quotes', () => {
    expect(parseClipboardBlock('"a\tb"\t"line1\nline2"\t"say ""hi"""\n7')).toEqual([['a\tb', 'line1\nline2', 'say "hi"'], ['7']]);
  });

  it('treats a stray quote as text', () => {
    expect(parseClipboardBlock('"12\t3')).toEqual([['"12', '3']]);
  });

  it('handles bare CR line ends (old WPS) and a single value', () => {
    expect(parseClipboardBlock('1\r2\r')).toEqual([['1'], ['2']]);
    expect(parseClipboardBlock('42')).toEqual([['42']]);
  });

  it('knows a block from a single value', () => {
    expect(isBlock('12.5')).toBe(false);
    expect(isBlock('12.5\n')).toBe(false);
    expect(isBlock('1\t2')).toBe(true);
    expect(isBlock('1\n2')).toBe(true);
  });
});


// ---------------------------------------------------------------------------------------------
// Pasting printed tables, on the real tables of 阳泉市商务局 2024 (seed 002).

function seed002(): LoadedYear {
  const parsed = parseInterchangeText(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  return { department: parsed.value.department, report: parsed.value.report, customCodes: parsed.value.customCodes, lastYear: null };
}

function setup(loaded: LoadedYear, id: ShanxiTableId) {
  const catalogue = getCatalogue(loaded.report.edition, loaded.customCodes);
  const table = deriveTables(loaded.department, loaded.report, catalogue)[id]!;
  const pending = pendingRows(table, loaded.report, catalogue);
  const grid = buildGrid(table, loaded.report, pending);
  const ctx = pasteContextFor(loaded, table, grid, pending, catalogue, '万元');
  const posOf = (cellId: string): GridPos => {
    for (let row = 0; row < table.rows.length; row++) {
      const col = table.rows[row]!.cells.findIndex((c) => c.id === cellId);
      if (col >= 0) return { row, col };
    }
    throw new Error(`no cell ${cellId}`);
  };
  return { table, grid, ctx, posOf };
}

/** A printed row as Excel copies it (a merged cell, then empty cells) or as Word does (once). */
function printed(row: Row, style: 'excel' | 'word' = 'excel'): string[] {
  return row.cells.flatMap((c) => (c.kind === 'covered' ? (style === 'excel' ? [''] : []) : [c.text]));
}

function rowsOf(table: DerivedTable, keys: readonly string[]): Row[] {
  return keys.map((k) => {
    const row = table.rows.find((r) => r.key === k);
    if (!row) throw new Error(`no row ${k}`);
    return row;
  });
}

/** The report with a table's typed facts removed (as before the officer enters them). */
function without(report: Report, what: 'economic' | 'items'): Report {
  return what === 'economic' ? { ...report, economic: {} } : { ...report, items: [] };
}

const item = (code: string, field: 'expenditure.basic' | 'expenditure.project' | 'income.generalBudget'): FactRef => ({ kind: 'item', code, field });

describe('planPaste: a column of 公开06表 copied with its grey 303 line (seed 002)', () => {
  const full = seed002();
  const fullTable = setup(full, '06').table;
  // The 决算数 column of the first group, 30101 … 30399, as printed: 301's 款, the 303 line, 303's 款.
  const firstGroup = fullTable.rows.slice(1).filter((r) => /^30[13]/u.test(r.cells[0]?.text ?? ''));
  const column = firstGroup.map((r) => [r.cells[2]!.text]);
  const loaded = { ...full, report: without(full.report, 'economic') };
  const { ctx, posOf } = setup(loaded, '06');

  it('lands every value on its own row and checks the 303 line against the sum of its 款', () => {
    expect(column.map((c) => c[0])).toContain('231.39'); // 303 对个人和家庭的补助, printed
    const plan = planPaste(ctx, posOf('06.30101.amount'), column);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('position');
    expect(plan.checked).toBe(1);
    const byCode = new Map(plan.writes.map((w) => [w.ref.kind === 'economic' ? w.ref.code : '', w.value]));
    expect(byCode.get('30304')).toBe(50_660_000); // 抚恤金 50.66 stays on 30304
    expect(byCode.get('30305')).toBe(0);
    expect(byCode.get('30302')).toBe(148_530_000);
    expect(byCode.has('303')).toBe(false);
  });

  it('refuses the same column without its 303 line (every value after it would move up a row), naming the row', () => {
    const leavesOnly = column.filter((c) => c[0] !== '231.39');
    const plan = planPaste(ctx, posOf('06.30101.amount'), leavesOnly);
    expect(plan.errors.join('\n')).toContain('303');
    expect(plan.errors.join('\n')).toContain('错行');
  });

  it('the same rows copied with codes and names land by code wherever the cursor is', () => {
    const block = firstGroup.map((r) => printed(r).slice(0, 3));
    const plan = planPaste(ctx, null, block);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('code');
    expect(plan.writes.find((w) => w.ref.kind === 'economic' && w.ref.code === '30304')?.value).toBe(50_660_000);
  });
});

describe('planPaste: 公开03表 copied whole, into a year with no 项 yet (seed 002)', () => {
  const full = seed002();
  const fullTable = setup(full, '03').table;
  const loaded = { ...full, report: without(full.report, 'items') };
  const { ctx, grid } = setup(loaded, '03');
  const block = [['支出决算表'], ['项目', '', '本年支出合计', '基本支出'], ['栏次', '', '1', '2', '3', '4', '5', '6'], ...fullTable.rows.map((r) => printed(r))];

  it('adds the 项 it names, writes their figures and checks the 合计, 类 and 款 lines', () => {
    const plan = planPaste(ctx, firstEditable(grid), block);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('code');
    const items = full.report.items.filter((i) => i.expenditure.basic !== 0 || i.expenditure.project !== 0);
    expect(plan.missing.map((m) => m.code)).toEqual(items.map((i) => i.code));
    expect(plan.missing.every((m) => !m.custom && m.name !== '')).toBe(true);
    // The printed figures (0.01 万元) of the fixture's exact ones.
    const asPrinted = (fen: number) => toPrintedUnits(fen) * FEN_PER_PRINTED_UNIT;
    for (const i of items) {
      expect(plan.writes).toContainEqual({ ref: item(i.code, 'expenditure.basic'), value: asPrinted(i.expenditure.basic) });
      expect(plan.writes).toContainEqual({ ref: item(i.code, 'expenditure.project'), value: asPrinted(i.expenditure.project) });
    }
    expect(plan.checked).toBeGreaterThanOrEqual(fullTable.rows.filter((r) => r.kind !== 'item').length);
    expect(plan.skipped).toBe(3);
  });

  it('refuses the block when a printed 类 line does not match its 项, naming it', () => {
    const changed = block.map((r) => [...r]);
    const classRow = changed.findIndex((r) => r[0] === '208');
    changed[classRow]![2] = '999.99';
    const plan = planPaste(ctx, null, changed);
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toContain(`第${classRow + 1}行`);
    expect(plan.errors[0]).toContain('208');
  });

  it('reads a Word copy (merged 合计 once), split 类/款/项 code columns and 1,234.56 figures', () => {
    const wordRows = fullTable.rows.map((r) => {
      const cells = printed(r, 'word');
      const code = r.cells[0]?.kind === 'code' ? r.cells[0].text : '';
      return code.length === 7 ? [code.slice(0, 3), code.slice(3, 5), code.slice(5), ...cells.slice(1)] : cells;
    });
    const plan = planPaste(ctx, null, wordRows);
    expect(plan.errors).toEqual([]);
    expect(plan.missing.length).toBeGreaterThan(0);
  });

  it('names a code missing from the catalogue with the pasted name, as the file’s own code', () => {
    const plan = planPaste(ctx, null, [['2011399', '其他发展与改革事务支出（自定义）', '22.96', '', '22.96']]);
    expect(plan.errors).toEqual([]);
    const inCatalogue = getCatalogue(2024).functionalName('2011399');
    expect(plan.missing).toEqual([{ code: '2011399', name: inCatalogue ?? '其他发展与改革事务支出（自定义）', custom: inCatalogue === undefined }]);
    expect(plan.writes).toContainEqual({ ref: item('2011399', 'expenditure.project'), value: 229_600_00 });
  });

  it('refuses text in a figure column, naming row and column', () => {
    const plan = planPaste(ctx, null, [['2010301', '行政运行', '', '两万']]);
    expect(plan.errors[0]).toMatch(/^第1行第4列/u);
    expect(plan.writes.length + plan.errors.length).toBeGreaterThan(0);
  });
});

describe('planPaste: plain figures are not codes', () => {
  const full = seed002();
  const loaded: LoadedYear = { ...full, report: { ...full.report, items: [emptyItem('2010301'), emptyItem('2080501')] } };
  const { ctx, grid } = setup(loaded, '03');
  const pendingStart = { row: grid.length - 2, col: 3 };

  it('pastes a block of figures (230.84, 201 …) into the 待填写 rows by position', () => {
    const plan = planPaste(ctx, pendingStart, [
      ['230.84', '201'],
      ['8.85', ''],
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('position');
    expect(plan.writes).toEqual([
      { ref: item('2010301', 'expenditure.basic'), value: 2_308_400 * 100 },
      { ref: item('2010301', 'expenditure.project'), value: 2_010_000 * 100 },
      { ref: item('2080501', 'expenditure.basic'), value: 88_500 * 100 },
      { ref: item('2080501', 'expenditure.project'), value: 0 },
    ]);
  });

  it('reads a sheet of codes without names (code | 合计 | 基本支出 | 项目支出) by code, checking 合计', () => {
    const plan = planPaste(ctx, null, [
      ['2080501', '8.85', '8.85', ''],
      ['2010301', '231.84', '230.84', '1'],
    ]);
    expect(plan.checked).toBe(2);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('code');
    expect(plan.writes).toContainEqual({ ref: item('2010301', 'expenditure.project'), value: 1_000_000 });
  });
});

describe('planPaste: 表02 财政拨款收入 takes the printed sum', () => {
  const full = seed002();
  const code = full.report.items.find((i) => i.income.govFund !== 0)?.code ?? '';
  const { ctx, posOf } = setup(full, '02');

  it('stores 一般公共预算 as the pasted figure less the other funds, and refuses less than they hold', () => {
    const it0 = full.report.items.find((i) => i.code === code)!;
    const others = it0.income.govFund + it0.income.stateCapital;
    const pos = posOf(`02.${code}.fiscal`);
    const ok = planPaste(ctx, pos, [[((others + 10_000) / 1_000_000).toFixed(2)], ['']]);
    expect(ok.errors.filter((e) => !e.includes('错行'))).toEqual([]);
    expect(ok.writes[0]).toEqual({ ref: { kind: 'item', code, field: 'income.generalBudget' }, value: 10_000 });
    const refused = planPaste(ctx, pos, [['0.01'], ['']]);
    expect(refused.errors[0]).toContain('不能小于');
  });
});

void emptyItem;

describe('planPaste: a line table (公开10表) copied with its 行次, by the printed labels', () => {
  const full = seed002();
  const fullTable = setup(full, '10').table;
  const report = structuredClone(full.report);
  report.stats.procurementGoods = 0;
  report.stats.procurementServices = 0;
  const { ctx } = setup({ ...full, report }, '10');
  const printedRows = fullTable.rows.map((r) => printed(r)).filter((cells) => ['合计', '货物', '工程', '服务'].includes(cells[0] ?? ''));

  it('lands 货物/工程/服务 on their lines and checks 合计 against their sum', () => {
    expect(printedRows.map((r) => r.slice(0, 3))).toEqual([
      ['合计', '1', '10.26'],
      ['货物', '2', '9.46'],
      ['工程', '3', ''],
      ['服务', '4', '0.80'],
    ]);
    const plan = planPaste(ctx, null, printedRows);
    expect(plan.errors).toEqual([]);
    expect(plan.mode).toBe('code');
    expect(plan.checked).toBe(1);
    expect(plan.writes).toEqual([
      { ref: { kind: 'stats', field: 'procurementGoods' }, value: 9_460_000 },
      { ref: { kind: 'stats', field: 'procurementWorks' }, value: 0 },
      { ref: { kind: 'stats', field: 'procurementServices' }, value: 800_000 },
    ]);
  });

  it('a Word copy without the 行次 column lands the same', () => {
    const plan = planPaste(ctx, null, printedRows.map((r) => [r[0]!, r[2]!]));
    expect(plan.errors).toEqual([]);
    expect(plan.writes.map((w) => w.value)).toEqual([9_460_000, 0, 800_000]);
  });
});
