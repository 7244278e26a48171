/** 导入Excel表格 through the Api (import.tablesPreview / import.tablesApply) over a real file. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { getCatalogue } from '../../shared/domain/catalogue';
import { deriveTables } from '../../shared/domain/tables';
import { toPrintedUnits } from '../../shared/domain/money';
import { DEMO_FIXTURE, jinchengFile, ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

afterEach(() => releaseAllLocks());

async function workbookWith(change: (pkg: ReturnType<typeof fixture>) => void): Promise<string> {
  const pkg = fixture();
  change(pkg);
  return (await renderXlsx(deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition)))).toString('base64');
}

function fixture() {
  const parsed = parseInterchangeText(readFileSync(DEMO_FIXTURE, 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  return parsed.value;
}

describe('import.tablesPreview and import.tablesApply', () => {
  it('previews the changes without writing, then applies them in one go', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    const host = new ScriptedHost(folder);
    host.openAnswers.push(file);
    const { backend } = testBackend(host);
    valueOf(await backend.api.invoke('file.open', {}));
    // The workbook says 行政运行 基本支出 760.00 (the file has 753.32) and 公务接待费 0.30.
    const data = await workbookWith((pkg) => {
      const item = pkg.report.items.find((i) => i.code === '2011301')!;
      item.expenditure.basic = 760_000_000;
      item.income.generalBudget = 760_000_000;
      item.fiscal.generalBasic = 760_000_000;
      pkg.report.threePublic.actual.reception = 300_000;
    });
    const request = { year: 2023, fileName: '晋城公开表.xlsx', data };
    const preview = valueOf(await backend.api.invoke('import.tablesPreview', request));
    expect(preview.replaces).toBe(true);
    expect(preview.differences).toEqual([]);
    const t03 = preview.tables.find((t) => t.table === '03')!;
    expect(t03).toMatchObject({ added: 0, changed: 1, cleared: 0 });
    expect(t03.samples).toEqual(['2011301 行政运行 基本支出：753.32 → 760.00']);
    expect(preview.tables.find((t) => t.table === '09')!.samples).toEqual(['决算数 公务接待费：0.24 → 0.30']);
    // Nothing written yet.
    const before = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(before.report.items.find((i) => i.code === '2011301')!.expenditure.basic).toBe(753_319_900);

    const applied = valueOf(await backend.api.invoke('import.tablesApply', request));
    expect(applied.file.years).toEqual([2023]);
    const after = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    // 760.00 万元, to within its rounding window (尾数调整 may move a leaf by less than 0.005 万元).
    expect(toPrintedUnits(after.report.items.find((i) => i.code === '2011301')!.expenditure.basic)).toBe(76_000);
    expect(after.report.threePublic.actual.reception).toBe(300_000);
    // Texts the workbook does not carry are kept.
    expect(after.report.texts).toEqual(before.report.texts);
  });

  it('refuses a workbook of another year with a Chinese message, writing nothing', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    const host = new ScriptedHost(folder);
    host.openAnswers.push(file);
    const { backend } = testBackend(host);
    valueOf(await backend.api.invoke('file.open', {}));
    const data = await workbookWith((pkg) => void (pkg.report.year = 2022));
    const result = await backend.api.invoke('import.tablesApply', { year: 2023, fileName: '2022.xlsx', data });
    expect(result).toMatchObject({ ok: false, error: { code: 'USER' } });
    if (!result.ok) expect(result.error.message).toMatch(/是2022年度的（单元格 [A-Z]+3），不是要导入的2023年度/);
  });
});
