/**
 * Screenshots of the renderer for a visual check: start page, 公开03表, 公开06表, 情况说明 五 and
 * 审核 at 1366×768 and 1920×1080, through the browser mode.
 *
 *   npm run web -- --port 5173 --data-dir /tmp/ui-data --no-open &
 *   node scripts/renderer-screenshots.mjs [url] [output folder]
 *
 * Uses playwright-core with Debian's chromium (/usr/bin/chromium or CHROMIUM_PATH).
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const url = process.argv[2] ?? 'http://127.0.0.1:5173/';
const out = process.argv[3] ?? '/tmp/renderer-screens';
fs.mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ]) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => console.error('页面错误：', e.message));
    await page.goto(url);
    await page.waitForSelector('.workspace .nav, .start', { timeout: 15000 });
    if (await page.locator('.start').count()) {
      await page.getByRole('button', { name: '打开演示文件' }).click();
      await page.waitForSelector('.workspace .nav');
    }
    const show = async (label, file, after) => {
      await page.locator('.nav-item', { hasText: label }).first().click();
      await page.waitForTimeout(300);
      if (after) await after();
      await page.screenshot({ path: `${out}/${file}-${width}.png` });
    };
    await show('公开03表', 'table03');
    await show('公开06表', 'table06');
    await show('五、一般公共预算', 'narrative05');
    await show('审核', 'checks', async () => {
      await page.locator('.sev-chip', { hasText: '提示' }).locator('input').check();
      await page.waitForTimeout(200);
    });
    await page.getByRole('button', { name: '关闭文件' }).click();
    await page.waitForSelector('.start');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/start-${width}.png` });
    await page.getByRole('button', { name: '打开演示文件' }).click();
    await page.waitForSelector('.workspace .nav');
    await page.close();
  }
  console.log(`截图已保存到 ${out}`);
} finally {
  await browser.close();
}
