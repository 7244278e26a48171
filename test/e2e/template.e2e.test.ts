/**
 * The app follows the year's 模板 (issue 14), driven as an officer does on 阳泉市商务局 2024 (seed
 * 002) in browser mode: 报表设置 → 上海 (one undoable, logged write; the app opens 表1); the
 * navigation lists 表1 … 表9; a figure typed into 表3 one key per event moves 表1's 本年支出合计;
 * 表6 prints every figure (0.00 for zero) in two halves and 表7 is two rows; 政府采购 and 车辆 are
 * typed under 情况说明 十一; back to 山西 the same figure is in 公开03表, and it survives a
 * reload. Screenshots at 1366×768 go to samples/screenshots/ (template-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { importReport, parseReportJson } from '../../electron/backend/services/reports';
import { type Report, readFact, readSettings } from '../../shared/domain/model';
import { type BrowserApp, cellSelector, expectCell, hundredthsOf, SCREENSHOT_DIR, startBrowserApp } from './browser';

const STEP_TIMEOUT = 90_000;
const HUMAN = { delay: 110 };
const FIXTURE = new URL('../fixtures/yangquan-2024.json', import.meta.url);

let app: BrowserApp;
let server: WebServer;
let page: Page;
const pageErrors: string[] = [];

/** Seed 002 (山西 template) as a file in the data folder. */
function seedFile(dataDir: string): string {
  const file = path.join(dataDir, '阳泉市商务局.jsgk');
  const db = openDisclosureFile(file, { create: true });
  try {
    importReport(db, parseReportJson(fs.readFileSync(FIXTURE, 'utf8'), 'fixture'), { replace: false });
  } finally {
    closeDisclosureFile(db);
  }
  return file;
}

beforeAll(async () => {
  app = await startBrowserApp({ prefix: 'disclosure-template-', errors: pageErrors, prepare: seedFile, consoleErrors: true });
  ({ server, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  expect(pageErrors).toEqual([]);
});

async function stored(): Promise<Report> {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === '已保存');
  const result = await server.backend.api.invoke('report.load', { year: 2024 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.report;
}

async function navLabels(): Promise<string[]> {
  return page.locator('.nav .nav-item .nav-label').allTextContents();
}

async function openNav(label: string): Promise<void> {
  await page.locator('.nav-item', { hasText: label }).first().click();
}

async function chooseTemplate(label: RegExp): Promise<void> {
  await openNav('报表设置');
  await page.getByRole('radio', { name: label }).click();
}

async function shot(name: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `template-${name}-1366x768.png`) });
}

/** The whole printed table, however long (the page shows its top). */
async function sheetShot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 1900 });
  await shot(`${name}-tall`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** The printed text of a cell (not the active one). */
async function printed(id: string): Promise<string> {
  return page.locator(cellSelector(id)).evaluate((td) => [...td.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim());
}

const SHANGHAI_TABLES = [
  '表1 收入支出决算总表',
  '表2 收入决算表',
  '表3 支出决算表',
  '表4 财政拨款收入支出决算总表',
  '表5 一般公共预算财政拨款支出决算表',
  '表6 一般公共预算财政拨款基本支出决算表',
  '表7 财政拨款“三公”经费支出决算表',
  '表8 政府性基金预算财政拨款收入支出决算表',
  '表9 国有资本经营预算财政拨款收入支出决算表',
];

/** 2011301 行政运行 (商务): 项目支出 typed in 表3; 基本支出 395.29 in the seed. */
const PROJECT = { kind: 'item', code: '2011301', field: 'expenditure.project' } as const;
let totalBefore = 0;

describe('the year’s 模板 in the app', () => {
  it(
    '报表设置 switches to 上海 in one logged, undoable write; the app opens 表1 and lists 表1 … 表9',
    async () => {
      await page.waitForSelector('.sheet.t01');
      totalBefore = hundredthsOf(await printed('01.L58.amount'));
      expect(totalBefore).toBeGreaterThan(0);
      await openNav('报表设置');
      const shanxi = page.getByRole('radio', { name: /山西（十张表：公开01表—公开10表）/u });
      expect(await shanxi.isChecked()).toBe(true);
      expect(await page.locator('fieldset', { hasText: '模板' }).first().textContent()).toContain('不改变已填写的任何数字');

      await chooseTemplate(/上海（九张表：表1—表9）/u);
      await page.waitForSelector('.sheet.tS1');
      await page.locator('.notice', { hasText: '已改用上海（九张表）模板，所有数字不变' }).waitFor();
      await shot('switched');
      expect((await stored()).settings.template).toBe('上海');
      const labels = await navLabels();
      expect(labels.filter((l) => /^表\d/u.test(l))).toEqual(SHANGHAI_TABLES);
      expect(labels.some((l) => l.startsWith('公开'))).toBe(false);
      expect(labels).toContain('十一、其他重要事项');
      // 表1 prints the same 本年支出合计, without 行次 and without separators.
      expect(hundredthsOf(await printed('S1.L58.amount'))).toBe(totalBefore);
      expect(await page.locator('.sheet.tS1 thead').textContent()).not.toContain('行次');

      // One step: undone and redone (the view follows: 表1 ⇄ 公开01表).
      await page.getByRole('button', { name: '↶ 撤销' }).click();
      await page.waitForSelector('.sheet.t01');
      expect((await stored()).settings.template).toBe('山西');
      await page.keyboard.press('Control+y');
      await page.waitForSelector('.sheet.tS1');
      expect((await stored()).settings.template).toBe('上海');

      const changes = await server.backend.api.invoke('report.changes', { year: 2024, target: 'settings' });
      if (!changes.ok) throw new Error(changes.error.message);
      // After the import's record: the switch, its undo and its redo, each the settings whole.
      expect(changes.value.map((c) => c.action).slice(1)).toEqual([
        '报表设置：模板 山西（十张表）→上海（九张表）',
        '撤销：报表设置：模板 山西（十张表）→上海（九张表）',
        '重做：报表设置：模板 山西（十张表）→上海（九张表）',
      ]);
      expect(changes.value.slice(1).map((c) => readSettings(c.after).settings.template)).toEqual(['上海', '山西', '上海']);
      await shot('S1');
      await sheetShot('S1');
      await openNav('报表设置');
      expect(await page.getByRole('radio', { name: /上海（九张表/u }).isChecked()).toBe(true);
      await shot('settings');
      await openNav('修改记录与定稿');
      await page.locator('table.changes-grid td', { hasText: '模板：上海（九张表）' }).first().waitFor();
    },
    STEP_TIMEOUT,
  );

  it(
    'a figure typed into 表3 one key at a time moves 表1’s 本年支出合计',
    async () => {
      await openNav('表3 支出决算表');
      await page.waitForSelector('.sheet.tS3');
      const cell = cellSelector('S3.2011301.project');
      await page.locator(cell).click();
      await page.keyboard.type('12.5', HUMAN);
      await page.keyboard.press('Enter');
      expect(readFact(await stored(), PROJECT)).toBe(12_500_000);
      await expectCell(page, 'S3.2011301.project', '12.50');
      await expectCell(page, 'S3.2011301.total', '407.79');
      await shot('S3');

      await openNav('表1 收入支出决算总表');
      await page.waitForSelector('.sheet.tS1');
      expect(hundredthsOf(await printed('S1.L58.amount'))).toBe(totalBefore + 1250);
    },
    STEP_TIMEOUT,
  );

  it(
    '表6 prints both halves with 0.00 for zero; 表7 is two rows; 政府采购 and 车辆 are typed under 十一',
    async () => {
      await openNav('表6 ');
      await page.waitForSelector('.sheet.tS6');
      const head = (await page.locator('.sheet.tS6 thead').textContent()) ?? '';
      expect(head).toContain('人员经费');
      expect(head).toContain('公用经费');
      const totals = await page.locator('.sheet.tS6 tbody tr', { hasText: '人员经费合计' }).textContent();
      expect(totals).toContain('公用经费合计');
      // Every figure printed: no blank value cell in the halves' 决算数 columns.
      const blanks = await page.locator('.sheet.tS6 td[data-cell-id]').evaluateAll((tds) => tds.filter((td) => (td.textContent ?? '').trim() === '').length);
      expect(blanks).toBe(0);
      expect(await page.locator('.sheet.tS6 td[data-cell-id]', { hasText: /^0\.00$/u }).count()).toBeGreaterThan(0);
      await shot('S6');
      await sheetShot('S6');

      await openNav('表7 ');
      await page.waitForSelector('.sheet.tS7');
      const rows = await page.locator('.sheet.tS7 tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('预算数');
      expect(rows[1]).toContain('决算数');
      expect(await printed('S7.actual.reception')).toBe('0.26');
      expect(await printed('S7.actual.total')).toBe('0.26');
      await shot('S7');

      // 表9 of a department without 国有资本经营 funds: nothing to type, and what it will print.
      await openNav('表9 ');
      await page.waitForSelector('.sheet.tS9');
      expect(await page.getByTestId('no-such-funds').textContent()).toContain(
        '本部门本年度没有国有资本经营预算财政拨款收入、支出和结转结余，本表将按“注：阳泉市商务局无国有资本经营预算财政拨款支出，故本表无数据。”打印',
      );
      await shot('S9');
      await openNav('表5 ');
      await page.waitForSelector('.sheet.tS5');
      expect(await page.getByRole('button', { name: /^按表3填充/u }).count()).toBe(1);

      await openNav('十一、其他重要事项');
      const form = page.getByTestId('stats-inputs');
      await form.waitFor();
      await form.getByLabel('政府采购货物支出').click();
      await page.keyboard.type('3.2', HUMAN);
      await page.keyboard.press('Tab');
      await form.getByLabel('其他用车').click();
      await page.keyboard.type('2', HUMAN);
      await page.keyboard.press('Tab');
      const report = await stored();
      expect(report.stats.procurementGoods).toBe(3_200_000);
      expect(report.stats.vehicles.other).toBe(2);
      await expect.poll(() => form.textContent()).toContain('车辆合计 2 辆');
      await shot('stats');
    },
    STEP_TIMEOUT,
  );

  it(
    'back to 山西: the same figure is in 公开03表 and 公开01表, and survives a reload',
    async () => {
      await chooseTemplate(/山西（十张表/u);
      await page.waitForSelector('.sheet.t01');
      expect(hundredthsOf(await printed('01.L58.amount'))).toBe(totalBefore + 1250);
      await openNav('公开03表');
      await expectCell(page, '03.2011301.project', '12.50');
      await openNav('公开10表');
      await expectCell(page, '10.L2.value', '3.20');

      await page.reload();
      await page.waitForSelector('.workspace .nav');
      await page.waitForSelector('.sheet.t01');
      expect((await navLabels()).filter((l) => l.startsWith('公开'))).toHaveLength(10);
      expect(hundredthsOf(await printed('01.L58.amount'))).toBe(totalBefore + 1250);
      const report = await stored();
      expect(report.settings.template).toBe('山西');
      expect(readFact(report, PROJECT)).toBe(12_500_000);
    },
    STEP_TIMEOUT,
  );
});
