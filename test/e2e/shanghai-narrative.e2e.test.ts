/**
 * 上海's 情况说明 inputs in the app (headless Chromium, browser mode): seed 002 (阳泉市商务局 2024)
 * opened under the 上海 template, without its 自评表 (so 十 is drafted from typed facts); the officer
 * types, one key at a time, a 项's 年初预算 in 五, the 绩效目标 count and a 平均分 in 十 (a bad one
 * refused in place), and the 预留项目 amount and a vehicle in 十一 — and the drafted sentences follow.
 * Screenshots of the three sections are looked at.
  */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { importReport } from '../../electron/backend/services/reports';
import { parseInterchange } from '../../shared/domain/interchange';
import { type BrowserApp, SCREENSHOT_DIR, startBrowserApp } from './browser';

const TYPE_DELAY = 40;
const STEP_TIMEOUT = 90_000;
let app: BrowserApp;
let page: Page;
const pageErrors: string[] = [];

/** Seed 002's fixture with the year set to the 上海 template and no 自评表, in a fresh disclosure file. */
function shanghaiFile(dataDir: string): string {
  const parsed = parseInterchange(JSON.parse(readFileSync(new URL('../fixtures/yangquan-2024.json', import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error('fixture');
  const pkg = parsed.value;
  const file = path.join(dataDir, '阳泉-上海.jsgk');
  const db = openDisclosureFile(file, { create: true });
  try {
    const { evaluation: _forms, ...withoutForms } = pkg;
    importReport(db, { ...withoutForms, report: { ...pkg.report, settings: { ...pkg.report.settings, template: '上海' } } }, { replace: false });
  } finally {
    closeDisclosureFile(db);
  }
  return file;
}

beforeAll(async () => {
  app = await startBrowserApp({ prefix: 'disclosure-sh-narr-', errors: pageErrors, consoleErrors: true, prepare: (dataDir) => shanghaiFile(dataDir) });
  ({ page } = app);
}, 120_000);

afterAll(async () => {
  await app?.close();
  expect(pageErrors).toEqual([]);
});

async function navigate(label: string): Promise<void> {
  await page.locator('.nav-item', { hasText: label }).first().click();
  await page.waitForSelector('.narrative-view .doc');
}

/** Types into a labelled field one character per key event, then leaves it with Tab. */
async function typeInto(label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(text, { delay: TYPE_DELAY });
  await page.keyboard.press('Tab');
}

async function docText(): Promise<string> {
  return (await page.locator('.narrative-view .doc').innerText()).replace(/\s+/gu, '');
}

async function waitForText(fragment: string): Promise<void> {
  await page.waitForFunction((f) => (document.querySelector('.narrative-view .doc')?.textContent ?? '').replace(/\s+/gu, '').includes(f), fragment);
}

async function shot(name: string): Promise<void> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `shanghai-${name}-1366x768.png`) });
}

describe('上海 情况说明 inputs', () => {
  it(
    '五: 年初预算 per 项, typed into the 项 row, gives its sentence',
    async () => {
      await navigate('五、一般公共预算财政拨款支出决算');
      expect(await docText()).toContain('住房保障支出（类）住房改革支出（款）住房公积金（项）：年初预算为');
      // Seed 002 published 住房保障 年初预算 35.26 万元 against 38.44 万元 spent (109.02%).
      await typeInto('2210201 住房公积金年初预算', '35.26');
      await waitForText('住房公积金（项）：年初预算为35.26万元，支出决算为38.44万元，完成年初预算的109.02%。');
      await shot('n5');
    },
    STEP_TIMEOUT,
  );

  it(
    '十: the 绩效目标 count and the 平均分 are typed, a 平均分 above 100 refused in place',
    async () => {
      await navigate('十、预算绩效管理');
      // The fixture's typed 自评 figures (seed 002: 11 projects, 966.89 万元); the 平均分 still to be
      // typed stands in the sentence as an empty field (its input: 绩效自评平均分).
      expect(await docText()).toContain('对11个项目开展了绩效自评，涉及资金966.89万元，平均分分。');
      expect(await page.locator('.narrative-view .doc .missing-figure input[aria-label="绩效自评平均分"]').count()).toBe(1);
      await typeInto('设定绩效目标的项目', '11');
      await waitForText('对11个项目设定了绩效目标');
      const scoreInput = async (text: string) => {
        await page.locator('.section-inputs').getByLabel('绩效自评平均分', { exact: true }).click();
        await page.keyboard.type(text, { delay: TYPE_DELAY });
        await page.keyboard.press('Tab');
      };
      await scoreInput('100.5');
      await page.waitForSelector('.section-inputs .field-error');
      expect(await page.locator('.section-inputs .field-error').innerText()).toContain('“100.5”不是有效的分数：应为0至100之间、最多两位小数的数字');
      expect(await page.locator('.section-inputs').getByLabel('绩效自评平均分', { exact: true }).inputValue()).toBe('');
      // Full-width digits, as an IME types them, are read as the score.
      await scoreInput('９６．７９');
      await page.waitForSelector('.section-inputs .field-error', { state: 'detached' });
      // Once stored, the input shows the score as the app prints it.
      await expect.poll(() => page.locator('.section-inputs').getByLabel('绩效自评平均分', { exact: true }).inputValue()).toBe('96.79');
      await waitForText('涉及资金966.89万元，平均分96.79分。其中：10个项目自评等级为“优”，1个项目自评等级为“良”。');
      await shot('performance');
    },
    STEP_TIMEOUT,
  );

  it(
    '十一: the 预留项目 amount splits 授予中小企业; 车辆 and 设备 are typed here (上海 has no 公开10表)',
    async () => {
      await navigate('十一、其他重要事项');
      expect(await docText()).toContain('政府采购支出总额10.26万元');
      await typeInto('其中：预留项目授予中小企业合同金额', '9.46');
      await waitForText('其中：预留项目授予中小企业合同金额9.46万元，非预留项目授予中小企业合同金额0.80万元；');
      await typeInto('执法执勤用车', '2');
      await waitForText('共有车辆3辆');
      await shot('other');
    },
    STEP_TIMEOUT,
  );
});
