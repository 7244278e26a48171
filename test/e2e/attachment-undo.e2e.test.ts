/**
 * 附件 edits as steps of the undo history and the 修改记录, end to end in headless Chromium against
 * the browser mode, on the demo file (晋城市商务局 2023): type a 自评表 field and a section of the
 * 重点评价报告 one character at a time, change a score in its 评价指标评分表, see 总分/等级 follow;
 * 撤销 and 重做 (button and Ctrl+Z / Ctrl+Y) put back exactly what was there; the file holds what
 * the screen shows (read through the Api), the change log names each edit in Chinese, and it all
 * survives a reload. Screenshot of the report editor at 1366×768 in samples/screenshots/.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedYear } from '../../shared/contract/api';
import type { ChangeEntry } from '../../shared/domain/changeLog';
import { type BrowserApp, pageOverflow, SCREENSHOT_DIR, startBrowserApp } from './browser';

const TYPE_DELAY = 25;
const FORM = '2023年市级“爱心消费券”专项资金';
const REPORT = '2023年度支持开发区建设发展专项资金项目重点评价报告';
const MANAGER = '张建国';
const ADDED = '建议进一步加快资金拨付进度，强化项目跟踪问效。';
let app: BrowserApp;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await startBrowserApp({ prefix: 'disclosure-attachment-undo-e2e-', errors: pageErrors, consoleErrors: true });
  page = app.page;
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '打开演示文件' }).click();
  await page.waitForSelector('.nav');
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** A channel of the running backend, called as the page calls it (POST with the session token). */
async function invoke<T>(channel: string, request: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ channel, request }) => {
      const token = document.querySelector('meta[name="disclosure-token"]')?.getAttribute('content') ?? '';
      const response = await fetch(`/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Disclosure-Token': token }, body: JSON.stringify(request) });
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    { channel, request },
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message ?? ''}`);
  return result.value as T;
}

async function storedYear(): Promise<LoadedYear> {
  return invoke<LoadedYear>('report.load', { year: 2023 });
}

async function navigate(label: string): Promise<void> {
  await page.locator('.nav-item', { hasText: label }).first().click();
}

async function saved(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.form-save-state')?.textContent === '已保存');
}

async function figure(name: 'total' | 'grade'): Promise<string> {
  return (await page.locator(`.score-bar [data-figure="${name}"]`).textContent()) ?? '';
}

async function clickUndo(verb: '撤销' | '重做'): Promise<void> {
  await page.getByRole('button', { name: verb === '撤销' ? '↶ 撤销' : '↷ 重做' }).click();
  await page.waitForFunction(() => !document.querySelector('.status-bar')?.textContent?.includes('保存中'));
}

async function openForm(): Promise<void> {
  await navigate('第五部分 附件');
  await page.getByRole('button', { name: FORM, exact: true }).click();
  await page.waitForSelector('.form-editor[data-form="f1"]');
}

async function openReport(): Promise<void> {
  await navigate('第五部分 附件');
  await page.getByRole('button', { name: REPORT, exact: true }).click();
  await page.waitForSelector('.key-report-editor');
}

describe('附件 edits in the undo history and the 修改记录', () => {
  let originalText = '';

  it('types a form field at human speed; 撤销 and 重做 put back each value, in the file too', async () => {
    await openForm();
    const manager = page.getByLabel('项目负责人', { exact: true });
    expect(await manager.inputValue()).toBe('');
    await manager.click();
    await page.keyboard.type(MANAGER, { delay: TYPE_DELAY });
    await page.keyboard.press('Tab');
    await saved();
    expect((await storedYear()).evaluation!.forms[0]!.manager).toBe(MANAGER);

    await clickUndo('撤销');
    await expect.poll(() => manager.inputValue()).toBe('');
    await saved();
    expect((await storedYear()).evaluation!.forms[0]!.manager).toBe('');
    await clickUndo('重做');
    await expect.poll(() => manager.inputValue()).toBe(MANAGER);
    await saved();
    expect((await storedYear()).evaluation!.forms[0]!.manager).toBe(MANAGER);
  }, 90_000);

  it('types into a section of the 重点评价报告 and changes a score; 总分 and 等级 follow and undo', async () => {
    await openReport();
    expect(await figure('total')).toBe('100');
    expect(await figure('grade')).toBe('优');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'key-report-editor-top-1366x768.png') });
    // The 26-row 评分表 with its ten columns scrolls inside its box, never the page or the editor.
    const overflow = await pageOverflow(page);
    expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.innerWidth);
    const editor = await page.locator('.key-report-editor').evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(editor.scrollWidth).toBeLessThanOrEqual(editor.clientWidth);
    const section = page.getByLabel('第30节正文', { exact: true });
    originalText = await section.inputValue();
    expect(originalText).toBe('无。');
    await section.click();
    await page.keyboard.press('End');
    await page.keyboard.type(ADDED, { delay: TYPE_DELAY });
    // Clicking elsewhere commits the text (as a person leaves a text box).
    await page.locator('.key-report-editor legend', { hasText: '评价指标评分表' }).click();
    await saved();
    expect((await storedYear()).evaluation!.keyReports[0]!.sections[29]!.text).toBe(`无。${ADDED}`);

    const score = page.getByLabel('第1行 得分', { exact: true });
    await score.click();
    await page.keyboard.type('1', { delay: TYPE_DELAY });
    await page.keyboard.press('Enter');
    await saved();
    await expect.poll(() => figure('total')).toBe('99');
    expect(await figure('grade')).toBe('优');
    expect(await page.locator('.key-totals [data-figure="score-total"]').textContent()).toBe('99');
    // The printed 总分 (100) no longer agrees with the scores (99): the report's findings say so.
    await expect.poll(() => page.locator('.form-findings').textContent()).toContain('【错误】原报告总分“100”，评分表得分合计 99');
    expect((await storedYear()).evaluation!.keyReports[0]!.indicators[0]!.score).toBe(1_000);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'key-report-editor-1366x768.png') });
    await page.locator('.key-totals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'key-report-grid-1366x768.png') });

    // Ctrl+Z with the cursor outside any text box undoes the score, the 撤销 button the section.
    await page.locator('.view-title').click();
    await page.keyboard.press('Control+z');
    await saved();
    await expect.poll(() => figure('total')).toBe('100');
    await expect.poll(() => score.inputValue()).toBe('2');
    await clickUndo('撤销');
    await expect.poll(() => section.inputValue()).toBe(originalText);
    await saved();
    let report = (await storedYear()).evaluation!.keyReports[0]!;
    expect([report.sections[29]!.text, report.indicators[0]!.score]).toEqual([originalText, 2_000]);

    // Redo both: the section again, then the score.
    await clickUndo('重做');
    await page.locator('.view-title').click();
    await page.keyboard.press('Control+y');
    await saved();
    await expect.poll(() => figure('total')).toBe('99');
    await expect.poll(() => section.inputValue()).toBe(`无。${ADDED}`);
    report = (await storedYear()).evaluation!.keyReports[0]!;
    expect([report.sections[29]!.text, report.indicators[0]!.score]).toEqual([`无。${ADDED}`, 1_000]);
  }, 120_000);

  it('lists each edit in the 修改记录 in Chinese: which form or report, which field, old → new', async () => {
    const entries = await invoke<ChangeEntry[]>('report.changes', { year: 2023 });
    const attachments = entries.filter((e) => e.target.startsWith('form/') || e.target.startsWith('keyReport/'));
    expect(attachments.map((e) => [e.action, e.target])).toEqual([
      [`自评表“${FORM}”：修改项目负责人`, 'form/f1/manager'],
      [`撤销：自评表“${FORM}”：修改项目负责人`, 'form/f1/manager'],
      [`重做：自评表“${FORM}”：修改项目负责人`, 'form/f1/manager'],
      [`重点评价报告“${REPORT}”：修改第30节“(三) 相关建议”的正文`, 'keyReport/k1/sections.29.text'],
      [`重点评价报告“${REPORT}”：修改第1行评分表指标“A101 政策出台必要性”的得分`, 'keyReport/k1/indicators.0.score'],
      [`撤销：重点评价报告“${REPORT}”：修改第1行评分表指标“A101 政策出台必要性”的得分`, 'keyReport/k1/indicators.0.score'],
      [`撤销：重点评价报告“${REPORT}”：修改第30节“(三) 相关建议”的正文`, 'keyReport/k1/sections.29.text'],
      [`重做：重点评价报告“${REPORT}”：修改第30节“(三) 相关建议”的正文`, 'keyReport/k1/sections.29.text'],
      [`重做：重点评价报告“${REPORT}”：修改第1行评分表指标“A101 政策出台必要性”的得分`, 'keyReport/k1/indicators.0.score'],
    ]);
    await navigate('修改记录');
    const grid = page.locator('table.changes-grid');
    await grid.waitFor();
    const first = grid.locator('tbody tr').first();
    expect(await first.locator('td').nth(3).textContent()).toBe(`重点评价报告“${REPORT}”·评分表第1行·得分`);
    expect(await first.locator('td').nth(4).textContent()).toBe('2分');
    expect(await first.locator('td').nth(5).textContent()).toBe('1分');
    const managerRow = grid.locator('tbody tr', { hasText: `重做：自评表“${FORM}”：修改项目负责人` });
    expect(await managerRow.locator('td').nth(3).textContent()).toBe(`自评表“${FORM}”·项目负责人`);
    expect(await managerRow.locator('td').nth(5).textContent()).toBe(`“${MANAGER}”`);
  }, 60_000);

  it('keeps the redone values across a reload', async () => {
    await page.reload();
    await page.waitForSelector('.nav');
    await openForm();
    expect(await page.getByLabel('项目负责人', { exact: true }).inputValue()).toBe(MANAGER);
    await openReport();
    expect(await page.getByLabel('第30节正文', { exact: true }).inputValue()).toBe(`无。${ADDED}`);
    expect(await page.getByLabel('第1行 得分', { exact: true }).inputValue()).toBe('1');
    expect(await figure('total')).toBe('99');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
