/**
 * The PDF engine of the CLI and the browser mode: a headless Chromium already on the machine
 * (never downloaded), driven by playwright-core. Looked for in DISCLOSURE_CHROMIUM, then where
 * Debian/Ubuntu, macOS and Windows install Chromium, Chrome or Edge; none found is a clear
 * Chinese message naming what to install.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { documentServer } from './documentServer';
import { type OpenPdfEngine, type PdfEngine, PdfEngineUnavailable, printDocument } from './engine';

/** The flags the project runs Chromium with (docs: GUIDE, test/e2e/browser.ts). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The features playwright-core (1.65) turns off with its own --disable-features. Chromium keeps
 * only the last --disable-features it is given, so ours repeats them (test/integration/
 * chromium-print.test.ts checks the launched browser's command line against playwright's).
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AimEnabled',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsFirstBalancedModeAutoEnable',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'NetworkTimeServiceQuerying',
  'OptimizationHints',
  'PaintHolding',
  'PreconnectToSearch',
  'TcpPortRandomizationWin',
  'ThirdPartyStoragePartitioning',
  'msEdgeUpdateLaunchServicesPreferredVersion',
  'msForceBrowserSignIn',
];

/**
 * Printing needs one renderer. Headless Chrome also starts one for its omnibox's pop-up (a web
 * page of its own, two with the AI mode one) and keeps a spare for the next site: about 60 MB
 * and a tenth of a second of CPU per export, for nothing.
 */
export const PRINT_ARGS = [
  ...CHROMIUM_ARGS,
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'SpareRendererForSitePerProcess'].join(',')}`,
];

/** Where a Chromium-based browser usually is, in the order tried. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const own = env.DISCLOSURE_CHROMIUM?.trim();
  if (own) return [own];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => typeof r === 'string' && r !== '');
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
}

/** The first candidate that exists, or PdfEngineUnavailable saying what to install. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const candidates = chromiumCandidates(env, platform);
  const found = candidates.find((file) => fs.existsSync(file));
  if (found) return found;
  if (env.DISCLOSURE_CHROMIUM?.trim()) {
    throw new PdfEngineUnavailable(`环境变量 DISCLOSURE_CHROMIUM 指定的浏览器程序“${candidates[0]}”不存在，无法生成 PDF。请改为 Chromium、Chrome 或 Edge 程序的完整路径。`);
  }
  const install =
    platform === 'win32' ? '请安装 Microsoft Edge 或 Google Chrome' : platform === 'darwin' ? '请安装 Google Chrome 或 Chromium' : '请安装 Chromium（Debian/Ubuntu：sudo apt-get install chromium）';
  throw new PdfEngineUnavailable(
    `未找到可用于生成 PDF 的浏览器（Chromium、Chrome 或 Edge），已查找：${candidates.join('、')}。${install}，或用环境变量 DISCLOSURE_CHROMIUM 指定浏览器程序的路径，然后重新导出。Word 和 Excel 导出不受影响。`,
  );
}

/**
 * Opens headless Chromium with one page to print in. Each document is served to it by a
 * documentServer, and every font it names is loaded before printing: the documents may show
 * nothing on screen (renderHtmlDocument's printOnly).
 */
export const openChromiumEngine: OpenPdfEngine = Object.assign(async (): Promise<PdfEngine> => {
  const executablePath = findChromium();
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: PRINT_ARGS });
  } catch (e) {
    throw new PdfEngineUnavailable(`无法启动浏览器“${executablePath}”生成 PDF（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）。请确认该浏览器可以正常运行，或用环境变量 DISCLOSURE_CHROMIUM 指定另一个。`, { cause: e });
  }
  const open = browser;
  let server;
  try {
    server = await documentServer();
  } catch (e) {
    await open.close();
    throw e;
  }
  const served = server;
  // One page for every print of this engine: a new document replaces the last one.
  const page = await open.newPage();
  return {
    loadsFonts: true,
    async print(doc, options = {}) {
      const url = served.url(printDocument(doc));
      try {
        await page.goto(url, { waitUntil: 'load' });
        // A face that does not load falls back as the document says (its next src, or the next family).
        await page.evaluate(() => Promise.all(Array.from(document.fonts, (face) => face.load().catch(() => face))).then(() => document.fonts.ready.then(() => undefined)));
        return await page.pdf({ preferCSSPageSize: true, printBackground: true, margin: { top: 0, right: 0, bottom: 0, left: 0 }, ...(options.pageRanges ? { pageRanges: options.pageRanges } : {}) });
      } finally {
        served.done(url);
      }
    },
    async close() {
      try {
        await open.close();
      } finally {
        await served.close();
      }
    },
  };
}, { loadsFonts: true });
