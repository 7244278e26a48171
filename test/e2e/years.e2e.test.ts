/**
 * Years side by side, in Chromium against the browser mode, on a file holding 阳泉市商务局 2024
 * (seed 002) and a 2023 year derived from it (test/harness/twoYears.ts):
 *
 *  1. 年度对比 opens on 2024 against 2023 with every changed line and its four figures;
 *  2. the filter and the threshold (typed one character at a time) change what is listed;
 *  3. a changed line jumps to the 情况说明 field explaining it, whose YoY figure shows both years
 *     and where last year's comes from;
 *  4. 显示上年数 puts last year's figure under the cells of 公开03表; a comparison value jumps to
 *     its cell in 2023;
 *  5. 定稿 makes 2024 read-only (a typed figure is refused, nothing stored), 取消定稿 asks for a
 *     reason, and the change log shows both.
 * Screenshots at 1366×768 and 1920×1080 in samples/screenshots/ (years-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { readFact } from '../../shared/domain/model';
import { twoYearFile } from '../harness/twoYears';
import { type BrowserApp, cellSelector, expectCell, SCREENSHOT_DIR, startBrowserApp } from './browser';

const STEP_TIMEOUT = 90_000;
const HUMAN = { delay: 90 };

let app: BrowserApp;
let browser: Browser;
let server: WebServer;
let page: Page;
const pageErrors: string[] = [];
const screenshots: string[] = [];

beforeAll(async () => {
  app = await startBrowserApp({ prefix: 'disclosure-years-', errors: pageErrors, prepare: (dataDir) => twoYearFile(dataDir).path });
  ({ server, browser, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  expect(pageErrors).toEqual([]);
});

async function shot(name: string, sizes: 'both' | 'small' = 'small'): Promise<void> {
  const take = async (w: number, h: number) => {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = path.join(SCREENSHOT_DIR, `years-${name}-${w}x${h}.png`);
    await page.screenshot({ path: file });
    screenshots.push(file);
  };
  if (sizes === 'both') await take(1920, 1080);
  await take(1366, 768);
}

async function nav(label: string | RegExp): Promise<void> {
  await page.locator('.nav-item', { hasText: label }).first().click();
}

/** The comparison's row of a line and column: [本年, 上年, 增减额, 增减率] as shown. */
async function compareRow(line: string, column: string): Promise<string[]> {
  const row = page.locator(`tr[data-line="${line}"][data-column="${column}"]`);
  return row.locator('td.num').allTextContents();
}

async function stored(year: number) {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === '已保存');
  const result = await server.backend.api.invoke('report.load', { year });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.report;
}

describe('years side by side', () => {
  it(
    '年度对比: 2024 against 2023, every changed line with its four figures',
    async () => {
      await nav('年度对比');
      await page.waitForSelector('[data-testid="compare-summary"]');
      expect(await page.locator('select[aria-label="本年"]').inputValue()).toBe('2024');
      expect(await page.locator('select[aria-label="对比年度"]').inputValue()).toBe('2023');
      expect(await page.locator('[data-testid="compare-summary"]').textContent()).toMatch(/^2024年度与2023年度相比：有变动 47 行，其中超过阈值 40 行（黄色）；2024年新增 9 行，2023年有而2024年无 3 行。/u);
      expect(await compareRow('01.L31', 'amount')).toEqual(['12,367.43', '4,622.61', '+7,744.82', '+167.54%']);
      expect(await compareRow('03.2011301', 'total')).toEqual(['395.29', '350.00', '+45.29', '+12.94%']);
      expect(await compareRow('09.actual', 'reception')).toEqual(['0.26', '0.00', '+0.26', '上年为0']);
      await expect.poll(() => page.locator('tr[data-line="03.2011302"] .badge').first().textContent()).toBe('2024年无');
      expect(await page.locator('tr[data-line="06.31001"] .badge').textContent()).toBe('上年名称：房屋建筑物构建');
      await shot('compare', 'both');
      await page.locator('#compare-05').scrollIntoViewIfNeeded();
      await shot('compare-05');
    },
    STEP_TIMEOUT,
  );

  it(
    'the filter and the threshold change what is listed',
    async () => {
      expect(await page.locator('tr[data-line="01.L1"]').count()).toBe(1); // +0.87%: changed, below the threshold
      await page.locator('select[aria-label="显示"]').selectOption('significant');
      await expect.poll(() => page.locator('tr[data-line="01.L1"]').count()).toBe(0);
      expect(await page.locator('tr[data-line="03.2011301"]').count()).toBeGreaterThan(0); // +12.94%
      const rate = page.locator('input[aria-label="增减率阈值"]');
      await rate.click({ clickCount: 3 });
      await page.keyboard.type('15', HUMAN);
      await expect.poll(() => page.locator('tr[data-line="03.2011301"]').count()).toBe(0);
      expect(await page.locator('tr[data-line="01.L31"]').count()).toBe(1); // +167.54%
      await shot('compare-threshold');
      await rate.click({ clickCount: 3 });
      await page.keyboard.type('10', HUMAN);
      await page.locator('select[aria-label="显示"]').selectOption('changed');
      await expect.poll(() => page.locator('tr[data-line="01.L1"]').count()).toBe(1);
    },
    STEP_TIMEOUT,
  );

  it(
    'a changed line jumps to the 情况说明 field that explains it; its YoY figure shows both years and the source',
    async () => {
      await page.locator('tr[data-line="01.L31"] td.explain button').click();
      await page.waitForSelector('.field.hl[data-field="n1.reason"]');
      expect(await page.locator('.nav-item.active').textContent()).toBe('一、收入支出决算总体');
      const details = await page.locator('[data-testid="yoy-detail"]').allTextContents();
      expect(details).toEqual(['本年12367.43 上年4622.61（2023年度报表 表01 第31行 总计）', '本年12367.43 上年4622.61（2023年度报表 表01 第62行 总计）']);
      expect(await page.locator('.fig', { hasText: '7744.82' }).first().getAttribute('title')).toBe(
        '本年 12367.43 万元；上年 4622.61 万元（来源：2023年度报表 表01 第31行 总计）；两者之差为本数（点击查看本年的单元格）',
      );
      await shot('narrative-yoy', 'both');
    },
    STEP_TIMEOUT,
  );

  it(
    '显示上年数 puts last year’s figure under each cell; a comparison value opens its cell in 2023',
    async () => {
      await nav('公开03表');
      await page.waitForSelector('.sheet.t03');
      expect(await page.locator('.prior-value').count()).toBe(0);
      await page.getByRole('button', { name: '显示上年数' }).click();
      await expect.poll(() => page.locator(`${cellSelector('03.2011301.total')} .prior-value`).textContent()).toBe('上年 350.00');
      expect(await page.locator(`${cellSelector('03.2011301.total')} .prior-value`).getAttribute('title')).toBe('上年（2023年度）：350.00 万元');
      expect(await page.locator(`${cellSelector('03.2159802.total')} .prior-value`).textContent()).toBe('上年无');
      expect(await page.locator(`${cellSelector('03.total.total')} .prior-value`).textContent()).toBe('上年 4622.61');
      await shot('prior-values', 'both');

      await nav('年度对比');
      await page.locator('tr[data-line="03.2011302"][data-column="total"] td.num').nth(1).locator('button').click();
      await expect.poll(() => page.locator('[data-testid="year-select"]').inputValue()).toBe('2023');
      await page.waitForSelector(`${cellSelector('03.2011302.total')}.hl`);
      await expectCell(page, '03.2011302.total', '5.00');
      await page.locator('[data-testid="year-select"]').selectOption('2024');
      await page.waitForSelector('.sheet.t03');
    },
    STEP_TIMEOUT,
  );

  it(
    '定稿 makes 2024 read-only; 取消定稿 asks for a reason; the change log shows both',
    async () => {
      const basic = { kind: 'item', code: '2011301', field: 'expenditure.basic' } as const;
      const before = readFact(await stored(2024), basic);
      expect(before).toBe(395_294_900); // seed 002 stores 395.2949 万元 (printed 395.29)
      await nav('修改记录与定稿');
      await page.getByRole('button', { name: '定稿…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '定稿', exact: true }).click();
      await page.waitForSelector('[data-testid="publication"].published');
      await nav('公开03表');
      await page.waitForSelector('[data-testid="published-banner"]');
      await page.locator(cellSelector('03.2011301.basic')).click();
      await page.keyboard.type('400', HUMAN);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('.notice').textContent()).toContain('2024年度已定稿，数据为只读，本次修改未保存。');
      await expectCell(page, '03.2011301.basic', '395.29');
      expect(readFact(await stored(2024), basic)).toBe(before);
      await shot('published', 'both');

      await nav('修改记录与定稿');
      await page.getByRole('button', { name: '取消定稿…' }).click();
      const confirm = page.getByRole('dialog').getByRole('button', { name: '取消定稿', exact: true });
      expect(await confirm.isDisabled()).toBe(true); // no reason yet
      await page.getByRole('textbox', { name: '取消定稿的原因' }).click();
      await page.keyboard.type('更正表03行政运行', HUMAN);
      await confirm.click();
      await page.waitForSelector('[data-testid="publication"]:not(.published)');
      const rows = page.locator('.changes-grid tbody tr.status');
      await expect.poll(() => rows.count()).toBe(2);
      expect((await rows.nth(0).locator('td').allTextContents()).slice(2)).toEqual(['取消定稿', '定稿状态', '已定稿', '未定稿', '更正表03行政运行']);
      expect((await rows.nth(1).locator('td').allTextContents()).slice(2)).toEqual(['定稿', '定稿状态', '未定稿', '已定稿', '']);
      await shot('changes', 'both');

      // Editable again; the cell's own history names the action.
      await nav('公开03表');
      await page.locator(cellSelector('03.2011301.basic')).click();
      await page.keyboard.type('400', HUMAN);
      await page.keyboard.press('Enter');
      expect(readFact(await stored(2024), basic)).toBe(400_000_000);
      await page.locator(cellSelector('03.2011301.basic')).click();
      await page.getByRole('button', { name: '修改记录', exact: true }).click();
      await page.waitForSelector('.changes-filter');
      const cellRows = await page.locator('.changes-grid tbody tr').first().locator('td').allTextContents();
      expect(cellRows.slice(2, 6)).toEqual(['公开03表 2011301 行政运行 基本支出', '科目2011301 行政运行·基本支出', '395.2949万元', '400万元']);
      await shot('cell-history');
    },
    STEP_TIMEOUT,
  );

  it('wrote every screenshot', () => {
    for (const file of screenshots) expect(fs.statSync(file).size, file).toBeGreaterThan(10_000);
    expect(screenshots.length).toBe(13);
  });
});
