/**
 * Data entry that cannot corrupt a figure: the reproductions of issue 9, driven as an officer
 * does (one character per key event at human speed, Esc, clicks away, reloads), on 阳泉市商务局
 * 2024 (seed 002) in browser mode. After every step the figures stored in the file are read back
 * through the backend and compared with what was typed.
 *
 *  1. 公开02表: 添加科目 2011399, click its 财政拨款收入, type `22.96`, Enter → 22.96 stored, the row
 *     moves into the table, nothing pops up, the focus stays in the grid; undo, Esc, redo.
 *  2. `395.29` typed over 3.00 → 395.29 stored.
 *  3. The parts editor (F4): Esc and a click outside discard; Enter through the parts saves them.
 *  4. 公开06表: a column copied with its grey 303 line lands row by row (抚恤金 stays on 30304);
 *     without the 303 line it is refused as a whole, naming the row.
 *  5. A typed, uncommitted figure survives a reload and a year switch.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { importReport, parseReportJson } from '../../electron/backend/services/reports';
import type { FactRef, Report } from '../../shared/domain/model';
import { readFact } from '../../shared/domain/model';
import { type BrowserApp, cellSelector, clipboardBlock, expectCell, pasteIntoFocused, SCREENSHOT_DIR, startBrowserApp } from './browser';

const STEP_TIMEOUT = 90_000;
const HUMAN = { delay: 110 };
const FIXTURE = new URL('../fixtures/yangquan-2024.json', import.meta.url);

let app: BrowserApp;
let browser: Browser;
let server: WebServer;
let page: Page;
const pageErrors: string[] = [];

/** Seed 002 without 2011399 and without the 06 figures, as a file in the data folder. */
function seedFile(dataDir: string): string {
  const json = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { items: { code: string }[]; economic: Record<string, unknown> };
  json.items = json.items.filter((i) => i.code !== '2011399');
  json.economic = {};
  const file = path.join(dataDir, '阳泉市商务局.jsgk');
  const db = openDisclosureFile(file, { create: true });
  try {
    importReport(db, parseReportJson(JSON.stringify(json), 'fixture'), { replace: false });
  } finally {
    closeDisclosureFile(db);
  }
  return file;
}

beforeAll(async () => {
  app = await startBrowserApp({ prefix: 'disclosure-entry-', errors: pageErrors, prepare: seedFile, acceptDialogs: true });
  ({ server, browser, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  expect(pageErrors).toEqual([]);
});

async function stored(year = 2024): Promise<Report> {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === '已保存');
  const result = await server.backend.api.invoke('report.load', { year });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.report;
}

async function storedFact(ref: FactRef, year = 2024): Promise<number | null> {
  return readFact(await stored(year), ref);
}

const general = (code: string): FactRef => ({ kind: 'item', code, field: 'income.generalBudget' });
const govFund = (code: string): FactRef => ({ kind: 'item', code, field: 'income.govFund' });
const economic = (code: string): FactRef => ({ kind: 'economic', code });

async function openTable(id: string): Promise<void> {
  await page.locator('.nav-item', { hasText: `公开${id}表` }).first().click();
  await page.waitForSelector(`.sheet.t${id}`);
}

async function focusIsInGrid(): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.classList.contains('cell-input') === true);
}

async function shot(name: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1366x768.png`) });
}

describe('issue 9 reproductions, typed at human speed', () => {
  it(
    '公开02表: 22.96 typed into the 财政拨款收入 of a new 项 is stored as 22.96, with no pop-up',
    async () => {
      await openTable('02');
      await page.getByRole('button', { name: '＋ 添加科目' }).click();
      await page.getByRole('dialog').getByRole('searchbox').fill('2011399');
      await expect.poll(() => page.locator('[role=option][aria-selected=true] .pick-code').first().textContent()).toBe('2011399');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      const pending = '[data-testid="pending.2011399.fiscal"]';
      await page.locator(pending).click();
      await page.waitForSelector(`${pending} input.cell-input`);
      await page.keyboard.type('22.96', HUMAN);
      expect(await page.locator('.save-state').textContent()).toBe('输入中，未保存');
      await page.keyboard.press('Enter');
      expect(await storedFact(general('2011399'))).toBe(22_960_000);
      await page.waitForSelector(cellSelector('02.2011399.fiscal'));
      await expectCell(page, '02.2011399.fiscal', '22.96');
      expect(await page.locator('[role=dialog]').count()).toBe(0);
      expect(await focusIsInGrid()).toBe(true);

      await page.keyboard.press('Control+z');
      expect(await storedFact(general('2011399'))).toBe(0);
      await page.keyboard.press('Escape');
      expect(await page.locator('[role=dialog]').count()).toBe(0);
      expect(await storedFact(general('2011399'))).toBe(0);
      await page.keyboard.press('Control+y');
      expect(await storedFact(general('2011399'))).toBe(22_960_000);
    },
    STEP_TIMEOUT,
  );

  it(
    '395.29 typed over 3.00 is stored as 395.29',
    async () => {
      const cell = cellSelector('02.2011301.fiscal');
      await page.locator(cell).click();
      await page.keyboard.type('3', HUMAN);
      await page.keyboard.press('Enter');
      expect(await storedFact(general('2011301'))).toBe(3_000_000);
      await page.locator(cell).click();
      await page.keyboard.type('395.29', HUMAN);
      await page.keyboard.press('Enter');
      expect(await storedFact(general('2011301'))).toBe(395_290_000);
    },
    STEP_TIMEOUT,
  );

  it(
    'a second click on the active cell keeps its figure selected: what is typed replaces it',
    async () => {
      const cell = cellSelector('02.2011301.superior');
      await page.locator(cell).click();
      await page.keyboard.type('5', HUMAN);
      await page.keyboard.press('Enter');
      expect(await storedFact({ kind: 'item', code: '2011301', field: 'income.superior' })).toBe(5_000_000);
      await page.locator(cell).click();
      await page.locator(`${cell} input.cell-input`).click({ position: { x: 4, y: 8 } });
      await page.keyboard.type('3', HUMAN);
      await page.keyboard.press('Enter');
      expect(await storedFact({ kind: 'item', code: '2011301', field: 'income.superior' })).toBe(3_000_000);
      // F2 edits with a caret at the end: typing appends.
      await page.locator(cell).click();
      await page.keyboard.press('F2');
      await page.keyboard.type('1', HUMAN);
      await page.keyboard.press('Enter');
      expect(await storedFact({ kind: 'item', code: '2011301', field: 'income.superior' })).toBe(31_000_000);
      await page.locator(cell).click();
      await page.keyboard.press('Delete');
      expect(await storedFact({ kind: 'item', code: '2011301', field: 'income.superior' })).toBe(0);
    },
    STEP_TIMEOUT,
  );

  it(
    'the parts editor: Esc and a click outside discard what was typed there; Enter through the parts saves them as one step',
    async () => {
      const cell = cellSelector('02.2011301.fiscal');
      await page.locator(cell).click();
      await page.keyboard.press('F4');
      const parts = page.getByRole('dialog', { name: '财政拨款收入明细' });
      await parts.waitFor();
      await page.keyboard.press('Enter'); // 一般公共预算 unchanged → 政府性基金
      await page.keyboard.type('1.5', HUMAN);
      await shot('entry-parts-editor');
      await page.keyboard.press('Escape');
      await parts.waitFor({ state: 'detached' });
      expect(await focusIsInGrid()).toBe(true);
      expect(await storedFact(govFund('2011301'))).toBe(0);

      await page.keyboard.press('Alt+ArrowDown');
      await parts.waitFor();
      await page.keyboard.press('Enter');
      await page.keyboard.type('2', HUMAN);
      await page.locator('.view-toolbar .toolbar-hint').click({ force: true });
      await parts.waitFor({ state: 'detached' });
      expect(await storedFact(govFund('2011301'))).toBe(0);

      await page.locator(cell).click();
      await page.keyboard.press('F4');
      await parts.waitFor();
      await page.keyboard.type('390', HUMAN);
      await page.keyboard.press('Enter');
      await page.keyboard.type('5.29', HUMAN);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter'); // 国有资本经营 empty → 确定
      await parts.waitFor({ state: 'detached' });
      const report = await stored();
      expect([readFact(report, general('2011301')), readFact(report, govFund('2011301'))]).toEqual([390_000_000, 5_290_000]);
      await expectCell(page, '02.2011301.fiscal', '395.29');
      expect(await focusIsInGrid()).toBe(true);
      await page.keyboard.press('Control+z');
      const undone = await stored();
      expect([readFact(undone, general('2011301')), readFact(undone, govFund('2011301'))]).toEqual([395_290_000, 0]);
    },
    STEP_TIMEOUT,
  );

  it(
    '公开06表: a column copied with its grey 303 line lands row by row; without it the paste is refused',
    async () => {
      await openTable('06');
      const rows = ['30101', '30102', '30103', '30106', '30107', '30108', '30109', '30110', '30111', '30112', '30113', '30114', '30199'];
      const values301 = ['128.12', '83.64', '67.91', '', '', '38.24', '32.83', '17.71', '', '0.55', '38.44', '', '6.15'];
      const values303 = ['32.13', '148.53', '', '50.66', '', '', '', '', '0.06', '', '', ''];
      expect(rows.length).toBe(values301.length);
      const column = [...values301, '231.39', ...values303].map((v) => [v]);

      const leavesOnly = [...values301, ...values303].map((v) => [v]);
      await page.locator(cellSelector('06.30101.amount')).click();
      await pasteIntoFocused(page, clipboardBlock(leavesOnly));
      await page.locator('.notice', { hasText: '粘贴未执行' }).waitFor();
      expect(await page.locator('.notice').last().textContent()).toContain('303');
      expect(await storedFact(economic('30101'))).toBe(0);

      await page.keyboard.press('Escape');
      await pasteIntoFocused(page, clipboardBlock(column));
      await page.locator('.notice', { hasText: '已粘贴' }).waitFor();
      await shot('entry-paste-303');
      const report = await stored();
      expect(readFact(report, economic('30304'))).toBe(50_660_000); // 抚恤金
      expect(readFact(report, economic('30305'))).toBe(0);
      expect(readFact(report, economic('30101'))).toBe(128_120_000);
      expect(readFact(report, economic('30309'))).toBe(60_000); // 奖励金 0.06

      // The printed 款 add up to 231.38; the seed prints 231.39 (the exact 元 figures round so):
      // within the rounding envelope, so the paste was accepted.
      await expectCell(page, '06.303.amount', '231.38');
    },
    STEP_TIMEOUT,
  );

  it(
    'a figure typed and not committed survives a reload and a year switch',
    async () => {
      await openTable('06');
      await page.locator(cellSelector('06.30201.amount')).click();
      await page.keyboard.type('4.97', HUMAN);
      await page.reload();
      await page.waitForSelector('.workspace .nav');
      expect(await storedFact(economic('30201'))).toBe(4_970_000);

      const created = await server.backend.api.invoke('report.createYear', { fromYear: 2024 });
      expect(created.ok).toBe(true);
      await page.reload();
      await page.waitForSelector('.workspace .nav');
      await page.getByTestId('year-select').selectOption('2024');
      await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('2024年度') === true);
      await openTable('06');
      await page.locator(cellSelector('06.30202.amount')).click();
      await page.keyboard.type('0.88', HUMAN);
      await page.getByTestId('year-select').selectOption('2025');
      await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('2025年度') === true);
      expect(await storedFact(economic('30202'), 2024)).toBe(880_000);
      expect(await storedFact(economic('30202'), 2025)).toBe(0);
    },
    STEP_TIMEOUT,
  );
});

describe('a first-time officer on a new file', () => {
  it(
    'lands on the fill-in guide, adds several 科目 at once, reaches the table by keyboard; 07 shows 本年度无此项',
    async () => {
      await page.getByRole('button', { name: '关闭文件' }).click();
      await page.waitForSelector('.start');
      const form = page.locator('form.new-file');
      await form.getByPlaceholder('例如：晋城市商务局').fill('某市测试局');
      await form.getByLabel('行政单位').check();
      await form.getByRole('combobox').selectOption('2024');
      await form.getByRole('button', { name: '新建部门文件' }).click();
      await page.waitForSelector('.guide-view');
      expect(await page.locator('.guide-step').count()).toBe(9);
      expect(await page.getByTestId('guide-t03').textContent()).toContain('未开始');
      await shot('entry-fill-guide');

      await page.getByTestId('guide-t03').getByRole('button', { name: '去填写' }).click();
      await page.waitForSelector('.sheet.t03');
      await page.getByRole('button', { name: '＋ 添加科目' }).click();
      const dialog = page.getByRole('dialog');
      const search = dialog.getByRole('searchbox');
      for (const code of ['2010101', '2010102']) {
        await search.fill(code);
        await expect.poll(() => dialog.locator('[role=option][aria-selected=true] .pick-code').textContent()).toBe(code);
        await page.keyboard.press(' ');
      }
      await dialog.locator('summary', { hasText: '粘贴科目代码清单' }).click();
      await dialog.getByLabel('科目代码清单').fill('2080501\n2080502\n2010198 自定义测试支出');
      await shot('entry-add-items');
      await dialog.getByRole('button', { name: /添加清单中的 3 个科目/u }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: '＋ 添加科目' }).click();
      await page.getByRole('dialog').getByRole('searchbox').fill('2010101');
      await page.keyboard.press(' ');
      await page.getByRole('dialog').getByRole('searchbox').fill('2010102');
      await page.keyboard.press(' ');
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      const report = await stored();
      expect(report.items.map((i) => i.code)).toEqual(['2010101', '2010102', '2010198', '2080501', '2080502']);
      const codes = await server.backend.api.invoke('report.load', { year: 2024 });
      expect(codes.ok && codes.value.customCodes).toEqual([{ catalogue: 'functional', code: '2010198', name: '自定义测试支出' }]);

      // Keyboard only: from the 添加科目 button, Tab goes into the table's first cell.
      await page.getByRole('button', { name: '＋ 添加科目' }).focus();
      await page.keyboard.press('Tab');
      expect(await focusIsInGrid()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('公开03表 2010101 行政运行 基本支出');
      await page.keyboard.type('1.5', HUMAN);
      await page.keyboard.press('Enter');
      expect(report.items.length).toBe(5);
      const typed = await stored();
      expect(typed.items.map((i) => i.expenditure.basic).filter((v) => v !== 0)).toEqual([1_500_000]);

      await openTable('07');
      await page.getByTestId('no-such-funds').waitFor();
      await shot('entry-07-none');
      await page.getByRole('button', { name: '本部门有此项收支，展开填写' }).click();
      await page.waitForSelector('[data-testid^="pending-row-"]');
    },
    STEP_TIMEOUT,
  );
});
