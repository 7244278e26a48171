/**
 * e2e helpers (Node side): Debian's Chromium through playwright-core, a fresh renderer build, the
 * browser-mode server on a temp data folder, and small page helpers (cells, paste, fonts).
 *
 * Nothing here downloads a browser: a missing /usr/bin/chromium fails with the package name.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../electron/backend/app/webServer';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const PYTHON = '/usr/bin/python3';
/** Screenshots for a visual check; `samples/` is git-ignored (`test-results/` is not). */
export const SCREENSHOT_DIR = path.join(ROOT, 'samples', 'screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fails (never skips) when Debian's Chromium is missing. */
export function requireChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} 不存在：端到端测试需要 Debian 软件包 chromium（apt-get install chromium，或运行 npm run setup）。不会下载其他浏览器。`);
  }
}

/** Fails (never skips) when Debian's Python or its openpyxl / python-docx is missing. */
export function requirePythonModule(module: 'openpyxl' | 'docx'): void {
  const pkg = module === 'openpyxl' ? 'python3-openpyxl' : 'python3-docx';
  if (!fs.existsSync(PYTHON)) throw new Error(`${PYTHON} 不存在：请安装 Debian 软件包 ${pkg}（apt-get install ${pkg}，会带上 python3）`);
  const probe = spawnSync(PYTHON, ['-c', `import ${module}`], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`${PYTHON} 无法导入 ${module}：请安装 Debian 软件包 ${pkg}（apt-get install ${pkg}）\n${probe.stderr}`);
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Builds the renderer from the current sources into a folder of the test's own (what
 * `npm run build:renderer` does, with another outDir), so the test never runs against a stale
 * dist/renderer and never races another process rebuilding it. About a second.
 */
export function buildRenderer(outDir: string): string {
  const require = createRequire(import.meta.url);
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', path.join(ROOT, 'renderer', 'vite.config.ts'), '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0 || !fs.existsSync(path.join(outDir, 'index.html'))) {
    throw new Error(`界面构建失败（vite build --config renderer/vite.config.ts）：\n${result.stdout}\n${result.stderr}`);
  }
  return outDir;
}

/** One e2e file's app in the browser mode: its temp folder, server, Chromium and page. */
export interface BrowserApp {
  work: string;
  dataDir: string;
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Removes the temp folder after closing Chromium and the server. */
  close(): Promise<void>;
}

/**
 * Builds the renderer, starts the browser-mode server on a fresh data folder (opening the file
 * `prepare` writes there, if any) and a 1366×768 page. Page errors and server messages go to
 * `errors` (with the console's errors when `consoleErrors`); `acceptDialogs` accepts beforeunload
 * and other dialogs; when a file is opened, the page is loaded and the workspace shown.
 */
export async function startBrowserApp(options: {
  prefix: string;
  errors: string[];
  prepare?: (dataDir: string, work: string) => string | null | Promise<string | null>;
  consoleErrors?: boolean;
  acceptDialogs?: boolean;
}): Promise<BrowserApp> {
  requireChromium();
  const work = tempDir(options.prefix);
  const rendererDir = buildRenderer(path.join(work, 'renderer'));
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const file = (await options.prepare?.(dataDir, work)) ?? null;
  const { errors } = options;
  const server = await startWebServer({ dataDir, rendererDir, open: file === null ? null : { file }, log: (m) => errors.push(`server: ${m}`) });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  if (options.consoleErrors) {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
  }
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  if (file !== null) {
    await page.goto(server.url);
    await page.waitForSelector('.workspace .nav');
  }
  return {
    work,
    dataDir,
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(work, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---------------------------------------------------------------------------------------------
// Money as printed: '1,234.56' (万元, two decimals) ⇄ an integer count of 0.01 万元, so that sums of
// printed figures are exact. (Not 分: 0.01 万元 is 100 元.)

export function hundredthsOf(printed: string): number {
  const plain = printed.replace(/,/g, '').trim();
  if (plain === '' || plain === '——') return 0;
  if (!/^-?\d+(\.\d{1,2})?$/.test(plain)) throw new Error(`not a printed amount: ${printed}`);
  const [whole, frac = ''] = plain.replace('-', '').split('.');
  const n = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return plain.startsWith('-') ? -n : n;
}

/** Back to the printed text: 238437 → '2,384.37'; 0 → '' (the tables leave zero blank). */
export function printedOf(hundredths: number): string {
  if (hundredths === 0) return '';
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Page helpers.

export function cellSelector(id: string): string {
  return `td[data-cell-id="${id}"]`;
}

/**
 * What a table cell shows: its printed text, or for the active cell (an input holding the figure
 * as typed, e.g. `183.2`) `input:` and the input's value.
 */
export async function cellText(page: Page, id: string): Promise<string> {
  return page.locator(cellSelector(id)).evaluate((td) => {
    const input = td.querySelector('input');
    if (input) return `input:${input.value}`;
    return [...td.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
  });
}

/**
 * Waits until a cell shows `text` (the derived figures follow within a frame or two). The active
 * cell's input shows the figure as typed (`183.2` for 183.20), so it is compared as an amount.
 */
export async function expectCell(page: Page, id: string, text: string, timeout = 5000): Promise<void> {
  try {
    await page.waitForFunction(
      ({ selector, want }) => {
        const td = document.querySelector(selector);
        if (!td) return false;
        const input = td.querySelector('input');
        if (!input) return [...td.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim() === want;
        const amount = (s: string) => (s.trim() === '' ? 0 : Math.round(Number(s.replace(/,/g, '')) * 100));
        return amount(input.value) === amount(want);
      },
      { selector: cellSelector(id), want: text },
      { timeout },
    );
  } catch {
    const shown = (await page.locator(cellSelector(id)).count()) > 0 ? await cellText(page, id) : '（没有这个单元格）';
    throw new Error(`单元格 ${id} 应显示“${text}”，实际为“${shown}”`);
  }
}

/**
 * Pastes text into the focused element through a real `paste` event carrying a DataTransfer,
 * as Excel/WPS put a block on the clipboard (tabs between cells, CRLF between rows).
 */
export async function pasteIntoFocused(page: Page, text: string): Promise<void> {
  const handled = await page.evaluate((data) => {
    const target = document.activeElement;
    if (!target || target === document.body) throw new Error('paste: nothing has the focus');
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    const event = new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event.defaultPrevented;
  }, text);
  if (!handled) throw new Error('paste: the page did not take the pasted block');
}

/** The block Excel puts on the clipboard for these rows. */
export function clipboardBlock(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.join('\t')).join('\r\n')}\r\n`;
}

/** No horizontal scrolling of the page itself. */
export async function pageOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement?.scrollWidth ?? 0, innerWidth: window.innerWidth }));
}

export interface PlatformFont {
  familyName: string;
  glyphCount: number;
  isCustomFont: boolean;
}

/**
 * The fonts Chromium actually used to draw the text of the first element matching `selector`
 * (DevTools CSS.getPlatformFontsForNode), with the number of glyphs each drew.
 */
export async function platformFonts(page: Page, selector: string): Promise<{ text: string; fonts: PlatformFont[] }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`platformFonts: no element ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    const text = await page.locator(selector).first().evaluate((el) => el.textContent ?? '');
    return { text, fonts };
  } finally {
    await cdp.detach();
  }
}

export const CJK_FONT = /CJK|Source Han|WenQuanYi|YaHei|PingFang|SimSun|SimHei|FangSong|Hei|Song|Droid Sans Fallback/i;
