/**
 * The table editor on a large department: the 20× synthetic (600 项; 公开03表 prints about 770
 * rows), where the browser lays out only the rows near the screen (features/tables/RowChunks.tsx).
 * Driven as an officer does, in browser mode at 1366×768; the figures are read back from the file.
 *
 *  1. Every row is in the page; the chunks far from the screen are not rendered.
 *  2. ↓ from the first 项 goes past the rows on screen: every cell it reaches is scrolled into view
 *     and rendered; a figure typed there at human speed is stored.
 *  3. 审核: 查看表03 on the finding that figure raises opens 公开03表 on that cell, in view, highlighted.
 *  4. A block of every 项 row copied from the printed table, pasted by code, lands in all 600 rows,
 *     also those out of view; scrolled to, the last row shows its pasted figure and 合计 the new sum.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { EXPENDITURE_KINDS, type FactRef, readFact, type Report } from '../../shared/domain/model';
import { syntheticFile } from '../harness/synthetic';
import { type BrowserApp, cellSelector, expectCell, hundredthsOf, pasteIntoFocused, printedOf, SCREENSHOT_DIR, startBrowserApp } from './browser';

const STEP_TIMEOUT = 120_000;
const HUMAN = { delay: 110 };
/** ↓ presses that certainly leave the first screen (about 30 rows show at 1366×768). */
const PAST_THE_SCREEN = 60;
/** 0.01 万元 in 分. */
const HUNDREDTH = 10_000;

let app: BrowserApp;
let server: WebServer;
let page: Page;
const pageErrors: string[] = [];
/** The code typed into in step 2 (a 项 whose 一般公共预算财政拨款基本支出 is more than 0.01). */
let typedCode = '';

beforeAll(async () => {
  app = await startBrowserApp({
    prefix: 'disclosure-large-',
    errors: pageErrors,
    acceptDialogs: true,
    prepare: (dataDir) => {
      const file = path.join(dataDir, '合成部门.jsgk');
      syntheticFile(file, [2023], 20);
      return file;
    },
  });
  ({ server, page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  expect(pageErrors).toEqual([]);
});

async function stored(): Promise<Report> {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === '已保存', null, { timeout: 60_000 });
  const result = await server.backend.api.invoke('report.load', { year: 2023 });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.report;
}

const basic = (code: string): FactRef => ({ kind: 'item', code, field: 'expenditure.basic' });

async function openTable(id: string): Promise<void> {
  await page.locator('.nav-item', { hasText: `公开${id}表` }).first().click();
  await page.waitForSelector(`.sheet.t${id}`);
}

/**
 * The element is inside the scrolling main area (to the pixel: focus scrolls to whole pixels, rows
 * sit at fractions) and the browser renders it (not skipped by content-visibility).
 */
async function onScreen(selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const main = document.querySelector('.main');
    if (!el || !main) return false;
    const r = el.getBoundingClientRect();
    const m = main.getBoundingClientRect();
    return r.top >= m.top - 1 && r.bottom <= m.bottom + 1 && el.checkVisibility({ contentVisibilityAuto: true });
  }, selector);
}

async function activeCellId(): Promise<string> {
  return page.evaluate(() => (document.activeElement instanceof HTMLInputElement ? (document.activeElement.closest('td')?.dataset.cellId ?? '') : ''));
}

async function shot(name: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-1366x768.png`) });
}

describe('公开03表 of the 20× department (600 项)', () => {
  it(
    'has every row in the page and renders only the chunks near the screen',
    async () => {
      await openTable('03');
      const report = await stored();
      const withExpenditure = report.items.filter((i) => EXPENDITURE_KINDS.some((k) => i.expenditure[k] !== 0)).length;
      expect(withExpenditure).toBe(600);
      expect(await page.locator('.sheet.t03 tr.r-item').count()).toBe(withExpenditure);
      // Whether the browser renders each chunk's first cell (false: skipped by content-visibility).
      const rendered = () =>
        page.evaluate(() => [...document.querySelectorAll('.sheet.t03 .row-chunk td')].filter((td, k, all) => td.closest('.row-chunk') !== all[k - 1]?.closest('.row-chunk')).map((td) => td.checkVisibility({ contentVisibilityAuto: true })));
      expect((await rendered()).length).toBeGreaterThan(20);
      await expect.poll(async () => (await rendered()).at(-1)).toBe(false);
      expect((await rendered())[0]).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    '↓ goes past the rows on screen, each cell scrolled into view; a figure typed there is stored',
    async () => {
      const report = await stored();
      await page.locator('.sheet.t03 td.c-input[data-cell-id$=".basic"]').first().click();
      const visited: string[] = [];
      for (let k = 0; k < PAST_THE_SCREEN; k++) {
        await page.keyboard.press('ArrowDown');
        await expect.poll(activeCellId).not.toBe(visited.at(-1) ?? '');
        const id = await activeCellId();
        visited.push(id);
        await expect.poll(() => onScreen(`${cellSelector(id)} input.cell-input`), { message: `${id} 应滚动到可见处` }).toBe(true);
      }
      expect(new Set(visited).size).toBe(PAST_THE_SCREEN);
      expect(await page.evaluate(() => document.querySelector('.main')?.scrollTop ?? 0)).toBeGreaterThan(1000);

      // On to a 项 whose 一般公共预算财政拨款基本支出 (公开05表) is more than 0.01, so that typing 0.01
      // raises 财政拨款支出不超过总支出 there (step 3).
      const codeOf = (id: string) => id.split('.')[1] ?? '';
      const fiscalBasic = (code: string) => report.items.find((i) => i.code === code)?.fiscal.generalBasic ?? 0;
      while (fiscalBasic(codeOf(await activeCellId())) <= 2 * HUNDREDTH) {
        const before = await activeCellId();
        await page.keyboard.press('ArrowDown');
        await expect.poll(activeCellId).not.toBe(before);
      }
      const id = await activeCellId();
      typedCode = codeOf(id);
      await page.keyboard.type('0.01', HUMAN);
      await page.keyboard.press('Enter');
      expect(readFact(await stored(), basic(typedCode))).toBe(HUNDREDTH);
      await expectCell(page, id, '0.01');
      await expect.poll(() => onScreen(`td.active input.cell-input`)).toBe(true);
      await shot('large-03-keyboard');
    },
    STEP_TIMEOUT,
  );

  it(
    '审核 → 查看表03 opens the table on that cell, scrolled into view and highlighted',
    async () => {
      await page.locator('.nav-item', { hasText: '审核' }).first().click();
      await page.waitForSelector('.checks-view');
      const finding = page.locator('.checks-view li').filter({ hasText: `表03 ${typedCode}` }).last();
      await finding.getByText('查看表03').click();
      const target = `td.hl[data-cell-id="03.${typedCode}.basic"]`;
      await page.waitForSelector(target);
      await expect.poll(() => onScreen(target)).toBe(true);
      await shot('large-03-from-checks');
    },
    STEP_TIMEOUT,
  );

  it(
    'a block of all 600 项 rows pasted by code lands in every row, also those out of view',
    async () => {
      await page.evaluate(() => document.querySelector('.main')?.scrollTo(0, 0));
      await page.locator('.sheet.t03 td.c-input[data-cell-id$=".basic"]').first().click();
      await page.keyboard.press('Escape');
      // The rows as printed (code, name, 合计, 基本支出, …; the active cell's input holds the stored
      // figure, printed to the hundredth), every 基本支出 raised by 0.01.
      const printed = await page.evaluate(() =>
        [...document.querySelectorAll('.sheet.t03 tr.r-item')].map((tr) =>
          [...tr.querySelectorAll('td[data-col]')].map((td) => {
            const input = td.querySelector('input');
            return input ? (input.value.trim() === '' ? '' : Number(input.value).toFixed(2)) : (td.textContent ?? '').trim();
          }),
        ),
      );
      expect(printed.length).toBe(600);
      const raised = printed.map((cells) => ({ code: cells[0] ?? '', basic: hundredthsOf(cells[3] ?? '') + 1 }));
      const block = printed.map((cells, k) => [cells[0], cells[1], '', printedOf(raised[k]!.basic)].join('\t')).join('\r\n');
      await pasteIntoFocused(page, `${block}\r\n`);

      const report = await stored();
      const wrong = raised.filter((r) => readFact(report, basic(r.code)) !== r.basic * HUNDREDTH).map((r) => r.code);
      expect(wrong).toEqual([]);
      const sum = raised.reduce((s, r) => s + r.basic, 0);
      await expectCell(page, '03.total.basic', printedOf(sum));

      const last = raised.at(-1)!;
      const lastCell = cellSelector(`03.${last.code}.basic`);
      await page.locator(lastCell).scrollIntoViewIfNeeded();
      await expect.poll(() => onScreen(lastCell)).toBe(true);
      await expectCell(page, `03.${last.code}.basic`, printedOf(last.basic));
      await shot('large-03-pasted-bottom');
    },
    STEP_TIMEOUT,
  );
});
