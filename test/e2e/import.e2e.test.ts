/**
 * 导入Excel表格 end to end, in headless Chromium against the browser mode: a new 晋城市商务局 file
 * (2023, empty), the top bar's 导入Excel表格…, a workbook chosen with the file input (the seed 000
 * tables as this app exports them, with one total altered so the audit has something to say),
 * the preview — changes per table, the altered total with its sheet and cell, 尾数 — screenshot
 * at 1366×768, 确认导入, and the imported figures on screen in 公开03表 and 公开01表.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { deriveTables } from '../../shared/domain/tables';
import { type BrowserApp, expectCell, pageOverflow, ROOT, SCREENSHOT_DIR, startBrowserApp } from './browser';

const DEPARTMENT = '晋城市商务局';
const STEP_TIMEOUT = 90_000;

let app: BrowserApp;
let browser: Browser;
let server: WebServer;
let page: Page;
let workbook = '';
const pageErrors: string[] = [];

/** Seed 000 exported by the app, with 公开03表 合计 本年支出合计 printed 2,385.38 instead of 2,384.38. */
async function seedWorkbook(dir: string): Promise<string> {
  const parsed = parseInterchangeText(fs.readFileSync(path.join(ROOT, 'test/fixtures/jincheng-2023.json'), 'utf8'));
  if (!parsed.ok) throw new Error('fixture');
  const pkg = parsed.value;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Uint8Array.from(await renderXlsx(deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition)))).buffer);
  const ws = wb.getWorksheet('公开03表')!;
  ws.eachRow((row) => {
    if (row.getCell(1).value === '合计') row.getCell(3).value = 2385.38;
  });
  const file = path.join(dir, '晋城市商务局2023年度部门决算公开表.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  app = await startBrowserApp({
    prefix: 'disclosure-e2e-import-',
    errors: pageErrors,
    consoleErrors: true,
    prepare: async (_dataDir, work) => {
      workbook = await seedWorkbook(work);
      return null;
    },
  });
  ({ server, browser, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('导入Excel表格 in the browser', () => {
  it(
    'creates an empty 2023 file, previews the workbook with its audit, imports it and shows the figures',
    async () => {
      await page.goto(server.url);
      await page.waitForSelector('.start');
      const form = page.locator('form.new-file');
      await form.getByPlaceholder('例如：晋城市商务局').fill(DEPARTMENT);
      await form.getByLabel('行政单位').check();
      await form.getByRole('combobox').selectOption('2023');
      await form.getByRole('button', { name: '新建部门文件' }).click();
      await page.waitForSelector('.workspace .nav');

      // An edit before the import: 表10 货物 1.50, one step to undo.
      await page.locator('.nav-item', { hasText: '公开10表' }).first().click();
      await page.waitForSelector('.sheet.t10');
      await page.locator('td[data-cell-id="10.L2.value"]').click();
      await page.waitForSelector('td[data-cell-id="10.L2.value"] input.cell-input');
      await page.keyboard.type('1.5');
      await page.keyboard.press('Enter');
      await expectCell(page, '10.L1.value', '1.50');
      await expect.poll(() => page.getByRole('button', { name: '↶ 撤销' }).isEnabled()).toBe(true);

      await page.getByTestId('import-tables').click();
      const dialog = page.getByRole('dialog', { name: '导入Excel表格 — 2023年度' });
      await dialog.getByTestId('import-file').setInputFiles(workbook);
      const preview = dialog.getByTestId('import-preview');
      await preview.waitFor();
      await expect.poll(() => preview.textContent()).toContain('晋城市商务局 2023年度，读取了 10 张表。');
      // Per table: the 15 项 of 表03 are new.
      const row03 = preview.locator('.import-changes tr', { hasText: '公开03表 支出决算表' });
      expect((await row03.locator('td').allTextContents()).slice(0, 4)).toEqual(['公开03表 支出决算表', '15', '0', '0']);
      // The audit names the altered total: sheet, cell, both figures.
      const audit = preview.locator('.import-audit').first();
      expect(await audit.locator('tbody tr').count()).toBe(1);
      expect(await audit.locator('tbody td').allTextContents()).toEqual([
        '公开03表 C7',
        '表03 合计行 本年支出合计',
        '2,385.38',
        '2,384.37',
        '1.01',
        '2,384.38',
      ]);
      await expect.poll(() => preview.locator('details summary').textContent()).toMatch(/^提示：\d+ 个合计数与明细数之和有尾数差异/);

      const { scrollWidth, innerWidth } = await pageOverflow(page);
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-preview-1366x768.png') });

      await dialog.getByTestId('import-confirm').click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => page.locator('.notice').textContent()).toContain('导入 10 张表');
      // The edit history restarts with the imported figures: nothing to undo into.
      expect(await page.getByRole('button', { name: '↶ 撤销' }).isDisabled()).toBe(true);
      await page.locator('.nav-item', { hasText: '公开10表' }).first().click();
      await page.waitForSelector('.sheet.t10');
      await expectCell(page, '10.L2.value', '');
      await expectCell(page, '10.L1.value', '24.60');
      expect(await page.getByTestId('year-select').inputValue()).toBe('2023');

      await page.locator('.nav-item', { hasText: '公开03表' }).first().click();
      await page.waitForSelector('.sheet.t03');
      await expectCell(page, '03.total.total', '2,384.38');
      await expectCell(page, '03.208.total', '239.70');
      await expectCell(page, '03.2011301.basic', '753.32');
      await page.locator('.nav-item', { hasText: '公开01表' }).first().click();
      await page.waitForSelector('.sheet.t01');
      await expectCell(page, '01.L31.amount', '2,384.38');
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-after-1366x768.png') });
      expect(pageErrors).toEqual([]);
    },
    STEP_TIMEOUT,
  );
});
