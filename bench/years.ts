/**
 * Two years side by side (issue 11), for the 20× synthetic department (test/harness/synthetic.ts,
 * 600 项 per year; 2023 and 2024 share the codes and differ in every amount):
 *
 *  - 对比两个年度: `compareReports` from the two Reports — both years' ten tables, the 2024
 *    情况说明 drafted against 2023, every line of every table compared, the 情况说明 figures and
 *    the links — what the CLI's `compare` and a comparison of two years neither of which is
 *    open do. Target ≤ 50 ms.
 *  - the same with both years' tables already derived (the screen holds them): the narrative and
 *    the comparison only.
 *  - 打开年度对比: in headless Chromium (browser mode), from the click on 年度对比 in the navigation
 *    to the comparison's summary in the DOM and the next frame, the file open on 2024 with 2023 in
 *    it; 公开01表 is opened (untimed) between samples. The first open (the two years compared, then
 *    rendered) is its own row; later opens reuse the comparison of the same report versions.
 *    Target ≤ 300 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startWebServer } from '../electron/backend/app/webServer';
import { getCatalogue } from '../shared/domain/catalogue';
import { compareReports } from '../shared/domain/compare/compose';
import { deriveTables } from '../shared/domain/tables';
import { buildRenderer, launchChromium } from '../test/e2e/browser';
import { syntheticFile, syntheticReport } from '../test/harness/synthetic';
import { type BenchGroup, type BenchRow, formatMs, measure, row, sampleHeap, summarize } from './util';

export const COMPARE_TARGET_MS = 50;
export const OPEN_COMPARE_TARGET_MS = 300;

const OPEN_WARMUP = 2;
const OPEN_RUNS = 12;

/**
 * In-page probe (plain JavaScript: the page's CSP forbids eval, and tsx's `__name` helper does not
 * exist there): t0 at the click on 年度对比, done when the summary is in the DOM.
 */
const PROBE = `
window.__openCompare = () => new Promise((resolve) => {
  const button = [...document.querySelectorAll('.nav-item')].find((b) => b.textContent.trim() === '年度对比');
  if (!button) throw new Error('no 年度对比');
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="compare-summary"]')) return;
    const dom = performance.now() - t0;
    observer.disconnect();
    requestAnimationFrame(() => resolve({ dom, frame: performance.now() - t0 }));
  });
  observer.observe(document.body, { subtree: true, childList: true });
  const t0 = performance.now();
  button.click();
});
`;

async function until(page: Page, expression: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`等待超时 (timed out waiting for) ${expression}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function openCompareTimings(): Promise<{ first: { dom: number; frame: number }; dom: number[]; frame: number[]; lines: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-bench-years-'));
  const browser = await launchChromium();
  try {
    const rendererDir = buildRenderer(path.join(dir, 'renderer'));
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const file = path.join(dataDir, '合成部门.jsgk');
    syntheticFile(file, [2023, 2024], 20);
    const server = await startWebServer({ dataDir, rendererDir, open: { file }, log: () => {} });
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server.url);
      await page.waitForSelector('.workspace .nav');
      await page.evaluate(PROBE);
      const dom: number[] = [];
      const frame: number[] = [];
      let lines = '';
      // The first open compares the two years; later opens of the same versions reuse it.
      let first = { dom: Number.NaN, frame: Number.NaN };
      for (let i = 0; i < OPEN_WARMUP + OPEN_RUNS; i++) {
        await page.locator('.nav-item', { hasText: '公开01表' }).first().click();
        await page.waitForSelector('.sheet.t01');
        const t = (await page.evaluate('window.__openCompare()')) as { dom: number; frame: number };
        if (i === 0) first = t;
        if (i >= OPEN_WARMUP) {
          dom.push(t.dom);
          frame.push(t.frame);
        }
        sampleHeap();
      }
      await until(page, `document.querySelectorAll('.compare-grid tbody tr').length > 0`);
      lines = `${await page.locator('.compare-grid tbody tr').count()} 行在屏上`;
      if (errors.length > 0) throw new Error(`页面错误 (page errors): ${errors.join('; ')}`);
      return { first, dom, frame, lines };
    } finally {
      await server.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const yearsBench: BenchGroup = {
  name: 'years',
  title: '年度对比 (two years side by side)',
  async run(): Promise<BenchRow[]> {
    const current = syntheticReport(20, 2024);
    const prior = syntheticReport(20, 2023);
    const input = { department: current.department, customCodes: current.customCodes };
    const rows: BenchRow[] = [];

    const full = await measure(() => compareReports({ ...input, current: { report: current.report }, prior: { report: prior.report } }), {
      warmup: 5,
      maxRuns: 80,
      budgetMs: 6000,
      minRuns: 20,
    });
    const sample = compareReports({ ...input, current: { report: current.report }, prior: { report: prior.report } });
    const lines = sample.tables.reduce((s, t) => s + t.lines.length, 0);
    rows.push(
      row('对比两个年度：合成部门 20× (compare two 20× years: derive both + narrative + compare)', full, {
        targetMs: COMPARE_TARGET_MS,
        note: `${current.report.items.length} 项/年，${lines} 行对比`,
      }),
    );

    const currentTables = deriveTables(current.department, current.report, getCatalogue(current.report.edition, current.customCodes));
    const priorTables = deriveTables(prior.department, prior.report, getCatalogue(prior.report.edition, prior.customCodes));
    const derived = await measure(
      () => compareReports({ ...input, current: { report: current.report, tables: currentTables }, prior: { report: prior.report, tables: priorTables } }),
      { warmup: 5, maxRuns: 80, budgetMs: 4000, minRuns: 20 },
    );
    rows.push(row('对比两个年度：表已推导 (compare, tables already derived: narrative + compare)', derived));

    const open = await openCompareTimings();
    const dom = summarize(open.dom);
    const frame = summarize(open.frame);
    rows.push(
      row('首次打开年度对比视图 (first open: compare + render, one sample)', summarize([open.first.dom]), {
        targetMs: OPEN_COMPARE_TARGET_MS,
        note: `下一帧 (next frame) ${formatMs(open.first.frame)}`,
      }),
    );
    rows.push(
      row('打开年度对比视图：合成部门 20× (open the comparison view → summary in DOM)', dom, {
        targetMs: OPEN_COMPARE_TARGET_MS,
        note: `下一帧 (next frame) ${formatMs(frame.median)} / p95 ${formatMs(frame.p95)}；${open.lines}`,
      }),
    );
    return rows;
  },
};
