/**
 * End to end, as a finance officer would, in headless Chromium (Debian's /usr/bin/chromium)
 * against the browser mode (`startWebServer` on a temp data folder, a fresh renderer build):
 *
 *  1. 新建部门文件 晋城市商务局 / 行政单位 / 2023 on the start page;
 *  2. 公开03表: 添加科目 for the 14 项 of seed 000, type the 201 项 (基本/项目, 万元 as printed), paste
 *     the others as an Excel block; 合计, 类 and 款 rows follow; 公开01表's expenditure lines too;
 *  3. 公开05表: type some 项, paste the rest; 公开06表: type 301's 款, paste 303's and 302's columns;
 *  4. a bad entry (`abc`) is refused in place with a Chinese message, the old value kept;
 *     Ctrl+Z / Ctrl+Y of an edit, the derived cells following;
 *  5. 概况: two 下属单位 typed, one with a 备注 (printed in both exports, step 7);
 *     新建年度 2024, switch to 2024 (empty) and back to 2023 (figures still there);
 *  6. 关闭文件, reopen from 最近打开, everything still there;
 *  7. 导出 Word + Excel through the dialog, read both back with Debian's Python (openpyxl,
 *     python-docx): a typed figure and a derived one;
 *  8. screenshots of the main screens at 1366×768 and 1920×1080 (samples/screenshots/), no
 *     horizontal page overflow at 1366, Chinese drawn with a CJK font.
 *
 * The steps share one page and run in order; a failing step makes the later ones fail too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/backend/app/webServer';
import { type BrowserApp, cellSelector, cellText, CJK_FONT, clipboardBlock, expectCell, pageOverflow, pasteIntoFocused, platformFonts, PYTHON, requirePythonModule, ROOT, SCREENSHOT_DIR, startBrowserApp } from './browser';
import {
  type Expectation,
  type ItemRow,
  ROUNDING_DIFFERENCES,
  TABLE01_LINES,
  TABLE03_ITEMS,
  TABLE03_TOTALS,
  TABLE05_ITEMS,
  TABLE05_TOTALS,
  TABLE06_TOTALS,
  table06Leaves,
} from './seed000';

const DEPARTMENT = '晋城市商务局';
const STEP_TIMEOUT = 90_000;
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

let app: BrowserApp;
let browser: Browser;
let server: WebServer;
let page: Page;
const pageErrors: string[] = [];
const screenshots: string[] = [];

beforeAll(async () => {
  // A 1366×768 page (VIEWPORTS[0]).
  app = await startBrowserApp({ prefix: 'disclosure-e2e-', errors: pageErrors, consoleErrors: true });
  ({ server, browser, page } = app);
}, 120_000);

afterAll(async () => {
  // The data folder, exports and renderer build; the screenshots stay in samples/screenshots/.
  await app?.close();
});

// ---------------------------------------------------------------------------------------------
// Steps an officer takes.

async function navigate(label: string): Promise<void> {
  await page.locator('.nav-item', { hasText: label }).first().click();
  await page.waitForSelector('.nav-item.active', { state: 'attached' });
}

async function openTable(id: '01' | '03' | '05' | '06'): Promise<void> {
  await navigate(`公开${id}表`);
  await page.waitForSelector(`.sheet.t${id}`);
}

/** 添加科目: search by code, Enter adds the first hit; the dialog closes with the cursor on the new row. */
async function addItem(code: string): Promise<void> {
  await page.getByRole('button', { name: '＋ 添加科目' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('searchbox').fill(code);
  await expect.poll(() => dialog.locator('[role=option][aria-selected=true] .pick-code').textContent()).toBe(code);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForSelector(`[data-testid="pending-row-${code}"] input.cell-input`);
}

/** Activates a cell with a click (a body cell by data-cell-id, a 待填写 cell by data-testid). */
async function clickCell(selector: string): Promise<void> {
  await page.locator(selector).click();
  await page.waitForSelector(`${selector} input.cell-input`);
}

/** Types into the active cell and leaves it with `key`. */
async function typeAndLeave(text: string, key: 'Enter' | 'Tab' = 'Enter'): Promise<void> {
  if (text !== '') await page.keyboard.type(text);
  await page.keyboard.press(key);
}

async function saved(): Promise<void> {
  await page.waitForFunction(() => document.querySelector('.save-state')?.textContent === '已保存');
}

async function selectYear(year: number): Promise<void> {
  await page.getByTestId('year-select').selectOption(String(year));
  await page.waitForFunction((y) => document.querySelector('.status-bar')?.textContent?.includes(`${y}年度`) === true, year);
}

/** Checks derived cells: the sum of the typed leaves, and the seed's figure but for the named rounding differences. */
async function expectDerived(expectations: Map<string, Expectation>): Promise<void> {
  for (const [id, { shown, printed }] of expectations) {
    await expectCell(page, id, shown);
    const difference = ROUNDING_DIFFERENCES[id];
    if (difference) expect([printed, shown], `${id}: printed vs typed leaves`).toEqual(difference);
    else expect(shown, `${id} equals the seed's printed figure`).toBe(printed);
  }
}

async function expectItems(table: '03' | '05', items: readonly ItemRow[]): Promise<void> {
  for (const item of items) {
    await expectCell(page, `${table}.${item.code}.basic`, item.basic);
    await expectCell(page, `${table}.${item.code}.project`, item.project);
  }
}

async function expectTable06(): Promise<void> {
  for (const cls of ['301', '302', '303'] as const) {
    for (const row of table06Leaves(cls)) await expectCell(page, `06.${row.code}.amount`, row.amount);
  }
  await expectDerived(TABLE06_TOTALS);
}

/** Everything typed in 2023 and everything derived from it. */
async function expectAll2023(): Promise<void> {
  await openTable('03');
  await expectItems('03', TABLE03_ITEMS);
  await expectDerived(TABLE03_TOTALS);
  await openTable('05');
  await expectItems('05', TABLE05_ITEMS);
  await expectDerived(TABLE05_TOTALS);
  await openTable('06');
  await expectTable06();
  await openTable('01');
  await expectDerived(TABLE01_LINES);
}

/** Screenshots at both sizes; at 1366 the page must not scroll sideways and its Chinese must use a CJK font. */
async function screens(name: string, fontProbe: string): Promise<void> {
  // A passing toast (已撤销…, 已新建…) would cover the screen's corner: close it first.
  for (const close of await page.locator('.notice [aria-label="关闭"]').all()) await close.click();
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const file = path.join(SCREENSHOT_DIR, `${name}-${viewport.width}x${viewport.height}.png`);
    await page.screenshot({ path: file });
    screenshots.push(file);
    if (viewport.width === 1366) {
      const { scrollWidth, innerWidth } = await pageOverflow(page);
      expect(scrollWidth, `${name}: the page scrolls sideways at 1366 (scrollWidth ${scrollWidth} > ${innerWidth})`).toBeLessThanOrEqual(innerWidth);
      const { text, fonts } = await platformFonts(page, fontProbe);
      const han = [...text].filter((ch) => /\p{Script=Han}/u.test(ch)).length;
      expect(han, `${name}: ${fontProbe} holds Chinese text`).toBeGreaterThan(0);
      const cjkGlyphs = fonts.filter((f) => CJK_FONT.test(f.familyName)).reduce((s, f) => s + f.glyphCount, 0);
      expect(cjkGlyphs, `${name}: “${text}” drawn with ${JSON.stringify(fonts)}`).toBeGreaterThanOrEqual(han);
    }
  }
  await page.setViewportSize(VIEWPORTS[0]);
}

// ---------------------------------------------------------------------------------------------

describe('browser mode, as a finance officer', () => {
  it(
    'creates a department file from the start page',
    async () => {
      await page.goto(server.url);
      await page.waitForSelector('.start');
      await expect.poll(() => page.locator('.start .card').first().textContent()).toContain('还没有打开过文件');
      await screens('start-empty', '.start h1');
      const form = page.locator('form.new-file');
      await form.getByPlaceholder('例如：晋城市商务局').fill(DEPARTMENT);
      await form.getByLabel('行政单位').check();
      await form.getByRole('combobox').selectOption('2023');
      await form.getByRole('button', { name: '新建部门文件' }).click();
      await page.waitForSelector('.workspace .nav');
      await expect.poll(() => page.locator('.top-bar .dept').textContent()).toBe(DEPARTMENT);
      expect(await page.getByTestId('year-select').inputValue()).toBe('2023');
      expect(fs.existsSync(path.join(server.dataDir, `${DEPARTMENT}.jsgk`))).toBe(true);
    },
    STEP_TIMEOUT,
  );

  it(
    '公开03表: adds the 项 with 添加科目, types some figures and pastes the rest; totals follow',
    async () => {
      await openTable('03');
      await page.waitForSelector('.pending-empty');
      const typed = TABLE03_ITEMS.filter((i) => i.code.startsWith('201'));
      const pasted = TABLE03_ITEMS.filter((i) => !i.code.startsWith('201'));
      expect(typed.length).toBe(6);
      expect(pasted.length).toBe(8);

      // Typed: add a 项, the cursor lands on its 基本支出; type it, Tab to 项目支出, type, Enter.
      for (const item of typed) {
        await addItem(item.code);
        await typeAndLeave(item.basic, 'Tab');
        await typeAndLeave(item.project, 'Enter');
        await expectCell(page, `03.${item.code}.basic`, item.basic);
        await expectCell(page, `03.${item.code}.project`, item.project);
      }
      await expectDerived(new Map([...TABLE03_TOTALS].filter(([id]) => /^03\.(201|20113)\./.test(id))));

      // Pasted: add the other eight; they wait under the table; paste their two columns as one block.
      for (const item of pasted) await addItem(item.code);
      expect(await page.locator('[data-testid^="pending-row-"]').count()).toBe(pasted.length);
      await clickCell(`[data-testid="pending.${pasted[0]!.code}.basic"]`);
      await pasteIntoFocused(page, clipboardBlock(pasted.map((i) => [i.basic, i.project])));
      await page.waitForSelector('.pending', { state: 'detached' });
      await expectItems('03', TABLE03_ITEMS);
      await expectDerived(TABLE03_TOTALS);
      await saved();

      // 公开01表 takes its expenditure lines from table 03.
      await openTable('01');
      await expectDerived(TABLE01_LINES);
    },
    STEP_TIMEOUT,
  );

  it(
    '公开05表: types some 项 and pastes the rest',
    async () => {
      await openTable('05');
      // The 项 added in table 03 wait here until they have an 一般公共预算 figure.
      expect(await page.locator('[data-testid^="pending-row-"]').count()).toBe(TABLE05_ITEMS.length);
      const typed = TABLE05_ITEMS.slice(0, 6);
      const pasted = TABLE05_ITEMS.slice(6);
      for (const item of typed) {
        await clickCell(`[data-testid="pending.${item.code}.basic"]`);
        await typeAndLeave(item.basic, 'Tab');
        await typeAndLeave(item.project, 'Enter');
        await expectCell(page, `05.${item.code}.basic`, item.basic);
        await expectCell(page, `05.${item.code}.project`, item.project);
      }
      await clickCell(`[data-testid="pending.${pasted[0]!.code}.basic"]`);
      await pasteIntoFocused(page, clipboardBlock(pasted.map((i) => [i.basic, i.project])));
      await page.waitForSelector('.pending', { state: 'detached' });
      await expectItems('05', TABLE05_ITEMS);
      await expectDerived(TABLE05_TOTALS);
      await saved();
    },
    STEP_TIMEOUT,
  );

  it(
    '公开06表: types 301’s 款 down the column, pastes 303’s and 302’s columns',
    async () => {
      await openTable('06');
      // Typed: from 30101 down, Enter moving to the next 款 of the column (blank ones skipped with Enter).
      const t301 = table06Leaves('301');
      await clickCell(cellSelector(`06.${t301[0]!.code}.amount`));
      for (const row of t301) await typeAndLeave(row.amount, 'Enter');
      for (const row of t301) await expectCell(page, `06.${row.code}.amount`, row.amount);
      await expectCell(page, '06.301.amount', TABLE06_TOTALS.get('06.301.amount')!.shown);

      // Pasted: a column block each, blanks included.
      for (const cls of ['303', '302'] as const) {
        const rows = table06Leaves(cls);
        await clickCell(cellSelector(`06.${rows[0]!.code}.amount`));
        await pasteIntoFocused(page, clipboardBlock(rows.map((r) => [r.amount])));
      }
      await expectTable06();
      await saved();
    },
    STEP_TIMEOUT,
  );

  it(
    'refuses a bad entry in place with a Chinese message and keeps the old value',
    async () => {
      await openTable('03');
      const id = '03.2011302.project';
      expect(await cellText(page, id)).toBe('99.52');
      await clickCell(cellSelector(id));
      await typeAndLeave('abc', 'Enter');
      const bubble = page.locator(`${cellSelector(id)} .cell-error[role=alert]`);
      await bubble.waitFor();
      const message = (await bubble.textContent()) ?? '';
      expect(message).toMatch(/\p{Script=Han}/u);
      expect(message).toContain('“abc”不是有效的金额');
      // The cursor stays on the refused cell with the text kept for correction; Esc brings back the stored value.
      expect(await page.locator(`${cellSelector(id)} input.cell-input`).inputValue()).toBe('abc');
      await page.keyboard.press('Escape');
      expect(await page.locator(`${cellSelector(id)} input.cell-input`).inputValue()).toBe('99.52');
      await page.locator('.view-toolbar .toolbar-hint').click();
      await expectCell(page, id, '99.52');
      await expectDerived(new Map([...TABLE03_TOTALS].filter(([k]) => k.startsWith('03.total.'))));
      expect(await page.locator('.save-state').textContent()).toBe('已保存');
      // Nothing reached the file: the backend still holds 99.52 万元 (99,520,000 分).
      const stored = await server.backend.api.invoke('report.load', { year: 2023 });
      expect(stored.ok && stored.value.report.items.find((i) => i.code === '2011302')?.expenditure.project).toBe(99_520_000);
    },
    STEP_TIMEOUT,
  );

  it(
    'undoes and redoes an edit with Ctrl+Z / Ctrl+Y, the derived cells following',
    async () => {
      await openTable('03');
      const basic = TABLE03_TOTALS.get('03.total.basic')!.shown; // 1,107.36
      await clickCell(cellSelector('03.2011301.basic'));
      await typeAndLeave('800', 'Enter'); // 753.32 → 800.00
      await expectCell(page, '03.2011301.basic', '800.00');
      await expectCell(page, '03.total.basic', '1,154.04');
      await expectCell(page, '03.201.total', '1,960.75');
      await page.keyboard.press('Control+z');
      await expectCell(page, '03.2011301.basic', '753.32');
      await expectCell(page, '03.total.basic', basic);
      await expectCell(page, '03.201.total', '1,914.07');
      await page.keyboard.press('Control+y');
      await expectCell(page, '03.2011301.basic', '800.00');
      await expectCell(page, '03.total.basic', '1,154.04');
      await page.keyboard.press('Control+z');
      await expectCell(page, '03.total.basic', basic);
      await saved();
      await page.keyboard.press('Escape');
    },
    STEP_TIMEOUT,
  );

  it(
    '概况: lists two 下属单位 typed one character at a time, the second with a 备注',
    async () => {
      await navigate('第一部分 概况');
      const typeInto = async (label: string, text: string) => {
        await page.getByLabel(label).click();
        await page.keyboard.type(text, { delay: 15 });
        await page.keyboard.press('Enter');
      };
      await typeInto('新增下属单位名称', '晋城市口岸服务中心');
      await expect.poll(() => page.getByLabel('第1个下属单位名称').inputValue()).toBe('晋城市口岸服务中心');
      await typeInto('新增下属单位名称', '晋城市商贸流通产业促进中心');
      await expect.poll(() => page.getByLabel('第2个下属单位名称').inputValue()).toBe('晋城市商贸流通产业促进中心');
      await typeInto('第2个下属单位备注', '预算不单列，并入本级');
      await saved();
      expect(await page.getByLabel('第2个下属单位备注').inputValue()).toBe('预算不单列，并入本级');
      expect(await page.getByLabel('新增下属单位名称').inputValue()).toBe('');
      await screens('overview', '.view-title');
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the screens: table 03, table 06, a narrative section, the check panel',
    async () => {
      await openTable('03');
      await screens('table03', '.sheet-table tbody td.c-label');
      await openTable('06');
      await screens('table06', '.sheet-table tbody td.c-label');
      await navigate('五、一般公共预算财政拨款支出决算');
      await page.waitForSelector('.narrative-view .doc');
      // A figure still to be typed sits in its sentence once: “年初预算[待填写]万元”, not “… 万元 万元”.
      expect(await page.locator('.narrative-view .doc').innerText()).not.toMatch(/万元\s*万元/);
      await screens('narrative05', '.doc-section-title');
      await navigate('审核');
      await page.waitForSelector('.checks-view');
      await screens('checks', '.checks-view .view-title');
    },
    STEP_TIMEOUT,
  );

  it(
    '新建年度 2024, switches to 2024 and back to 2023',
    async () => {
      await page.getByRole('button', { name: '新建年度' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '新建2024年度' }).click();
      await page.waitForFunction(() => (document.querySelector('[data-testid="year-select"]') as HTMLSelectElement | null)?.value === '2024');
      await page.waitForFunction(() => document.querySelector('.status-bar')?.textContent?.includes('2024年度') === true);
      await openTable('03');
      // The 项 come along; their amounts are to be filled in again.
      await expectCell(page, '03.total.total', '');
      expect(await page.locator('[data-testid^="pending-row-"]').count()).toBe(TABLE03_ITEMS.length);
      await selectYear(2023);
      await expectCell(page, '03.total.total', TABLE03_TOTALS.get('03.total.total')!.shown);
      await expectAll2023();
    },
    STEP_TIMEOUT,
  );

  it(
    'closes the file and reopens it from 最近打开: everything is there',
    async () => {
      await page.getByRole('button', { name: '关闭文件' }).click();
      await page.waitForSelector('.start');
      const recent = page.locator('section.card', { has: page.getByRole('heading', { name: '最近打开' }) });
      const entry = recent.locator('.file-list button', { hasText: DEPARTMENT });
      await entry.waitFor();
      await screens('start', '.start h1');
      await entry.click();
      await page.waitForSelector('.workspace .nav');
      // The latest year opens first.
      expect(await page.getByTestId('year-select').inputValue()).toBe('2024');
      await selectYear(2023);
      await expectAll2023();
    },
    STEP_TIMEOUT,
  );

  it(
    'exports Word and Excel through the dialog; both read back with the typed and derived figures',
    async () => {
      requirePythonModule('openpyxl');
      requirePythonModule('docx');
      await openTable('03');
      await page.getByRole('button', { name: '导出…' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 2023年度决算公开' });
      await dialog.waitFor();
      expect(await dialog.getByLabel('Word 文档（.docx）').isChecked()).toBe(true);
      expect(await dialog.getByLabel('Excel 工作簿（.xlsx）').isChecked()).toBe(true);
      await screens('export-dialog', '.modal-title');
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      // No income was typed, so the checks find 错误 (收支不平衡): confirm exporting anyway.
      const anyway = dialog.getByRole('button', { name: '仍然导出' });
      const done = dialog.getByText('导出完成。');
      await expect.poll(async () => (await anyway.isVisible()) || (await done.isVisible()), { timeout: 30_000 }).toBe(true);
      if (await anyway.isVisible()) await anyway.click();
      await done.waitFor({ timeout: 60_000 });
      await screens('export-done', '.modal-title');

      const folder = path.join(server.dataDir, '导出', `${DEPARTMENT}2023`);
      const docx = path.join(folder, `${DEPARTMENT}2023年度部门决算公开.docx`);
      const xlsx = path.join(folder, `${DEPARTMENT}2023年度部门决算公开表.xlsx`);
      expect(fs.existsSync(docx), docx).toBe(true);
      expect(fs.existsSync(xlsx), xlsx).toBe(true);
      expect(await dialog.locator('.export-result').textContent()).toContain(path.basename(xlsx));
      await dialog.getByRole('button', { name: '完成' }).click();

      // Excel: the 公开03表 sheet, a typed 项 and the derived 合计.
      const book = JSON.parse(execFileSync(PYTHON, [path.join(ROOT, 'test/harness/read_xlsx.py'), xlsx], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
        sheets: { name: string; cells: [number, number, string | number | boolean, ...unknown[]][] }[];
      };
      const sheet = book.sheets.find((s) => s.name === '公开03表');
      expect(sheet, 'sheet 公开03表').toBeDefined();
      const rowOf = (label: string) => {
        const hit = sheet!.cells.find((c) => String(c[2]) === label);
        expect(hit, `a cell ${label} in 公开03表`).toBeDefined();
        return sheet!.cells.filter((c) => c[0] === hit![0] && typeof c[2] === 'number').sort((a, b) => a[1] - b[1]).map((c) => c[2]);
      };
      expect(rowOf('2011301')).toEqual([753.32, 753.32]); // typed 基本支出, its 本年支出合计
      expect(rowOf('2089999')).toEqual([9.73, 0.88, 8.85]); // pasted
      expect(rowOf('合计')).toEqual([2384.37, 1107.36, 1277.01]); // derived

      // Word: the same rows of table 03.
      const read = JSON.parse(execFileSync(PYTHON, [path.join(ROOT, 'test/harness/read_docx.py'), docx], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
        tables: { rows: { texts: string[] }[] }[];
      };
      // Table 03 is the one whose 项 rows carry six figure columns (本年支出合计 … 对附属单位补助支出).
      const table03 = read.tables.map((t) => t.rows.map((r) => r.texts)).find((rows) => rows.some((r) => r[0] === '2011301' && r.length === 8));
      expect(table03, 'table 03 in the Word file').toBeDefined();
      const figures = (first: string) => {
        const row = table03!.find((r) => r[0] === first);
        expect(row, `row ${first} of table 03 in Word`).toBeDefined();
        return row!.filter((c, k) => k > 0 && /^[\d,]+\.\d\d$/.test(c));
      };
      expect(figures('2011301')).toEqual(['753.32', '753.32']);
      expect(figures('合计')).toEqual(['2,384.37', '1,107.36', '1,277.01']);

      // The 下属单位 typed in 概况 (after closing and reopening the file): 部门决算单位构成 in both files.
      const units = [
        ['序号', '单位名称', '备注'],
        ['1', `${DEPARTMENT}（本级）`, ''],
        ['2', '晋城市口岸服务中心', ''],
        ['3', '晋城市商贸流通产业促进中心', '预算不单列，并入本级'],
      ];
      expect(read.tables.map((t) => t.rows.map((r) => r.texts)).find((rows) => rows[0]?.[0] === '序号')).toEqual(units);
      expect(book.sheets[0]?.name).toBe('部门决算单位构成');
      const unitRow = (r: number) => [1, 2, 3].map((c) => book.sheets[0]!.cells.find((x) => x[0] === r && x[1] === c)?.[2] ?? '');
      expect([3, 4, 5, 6].map(unitRow).map((row) => row.map(String))).toEqual(units);
    },
    STEP_TIMEOUT,
  );

  it(
    'exports the PDF and the 发布包 through the dialog, the 发布包 only after the 错误 are confirmed',
    async () => {
      await page.getByRole('button', { name: '导出…' }).click();
      const dialog = page.getByRole('dialog', { name: '导出 2023年度决算公开' });
      await dialog.waitFor();
      await dialog.getByLabel('Word 文档（.docx）').uncheck();
      await dialog.getByLabel('Excel 工作簿（.xlsx）').uncheck();
      await dialog.getByLabel('PDF 文档（.pdf）').check();
      await dialog.getByLabel('发布包（.zip）').check();
      await dialog.getByRole('button', { name: '导出', exact: true }).click();
      // The checks still find 错误: the dialog lists them and says the 发布包's manifest will record it.
      await dialog.getByText('发布包的清单中会注明仍有错误。').waitFor();
      await dialog.getByRole('button', { name: '仍然导出' }).click();
      await dialog.getByText('导出完成。').waitFor({ timeout: 120_000 });

      const folder = path.join(server.dataDir, '导出', `${DEPARTMENT}2023`);
      const pdf = path.join(folder, `${DEPARTMENT}2023年度部门决算公开.pdf`);
      const zip = path.join(folder, `${DEPARTMENT}2023年度部门决算公开发布包.zip`);
      expect(await dialog.locator('.export-result').textContent()).toContain(path.basename(zip));
      await dialog.getByRole('button', { name: '完成' }).click();
      // The figure typed in 公开03表 is in the PDF's text.
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      expect(text).toMatch(/2011301\s+行政运行\s+753\.32\s+753\.32/);
      const back = JSON.parse(
        execFileSync(PYTHON, ['-c', 'import json,sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(json.dumps({"names": sorted(z.namelist()), "manifest": json.loads(z.read("manifest.json"))}))', zip], { encoding: 'utf8' }),
      ) as { names: string[]; manifest: { confirmedWithErrors: boolean; findings: Record<string, number> } };
      expect(back.names).toHaveLength(6);
      expect(back.manifest.confirmedWithErrors).toBe(true);
      expect(back.manifest.findings['错误']).toBeGreaterThan(0);
    },
    STEP_TIMEOUT,
  );

  it('checked every named rounding difference', () => {
    const checked = new Set([...TABLE01_LINES.keys(), ...TABLE03_TOTALS.keys(), ...TABLE05_TOTALS.keys(), ...TABLE06_TOTALS.keys()]);
    expect(Object.keys(ROUNDING_DIFFERENCES).filter((id) => !checked.has(id))).toEqual([]);
  });

  it('wrote every screenshot and met no page errors', () => {
    for (const file of screenshots) expect(fs.statSync(file).size, file).toBeGreaterThan(10_000);
    expect(screenshots.length).toBe(18);
    expect(pageErrors).toEqual([]);
  });
});
