/**
 * The PDF engine of the CLI and the browser mode: a headless Chromium already on the machine
 * (never downloaded), driven over the DevTools pipe (cdp.ts). Looked for in DISCLOSURE_CHROMIUM,
 * then where Debian/Ubuntu, macOS and Windows install Chromium, Chrome or Edge — Debian's
 * headless shell first: the same Blink without a browser's user interface, half the memory of
 * a full Chromium for a print and faster to start. None found is a clear Chinese message naming
 * what to install.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type CdpBrowser, type CdpPage, launchCdp } from './cdp';
import { type DocumentServer, documentServer } from './documentServer';
import { type OpenPdfEngine, type PdfEngine, PdfEngineUnavailable, type PrintOptions, printDocument } from './engine';

/** The flags the project runs Chromium with (docs: GUIDE, test/e2e/browser.ts). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Features an automated Chromium is better without (the list playwright-core 1.65 turns off):
 * updates, sign-in, hints and pop-ups nobody sees. Given as one --disable-features list with
 * ours: Chromium keeps only the last one it is given.
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
  // Glyphs placed at their unhinted advances, whatever the font: without it the headless shell
  // rounds the advances of a document's own fonts (not the system's), and sets punctuation apart.
  '--font-render-hinting=none',
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
  return ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
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

/** Waits for every font the document names (a face that does not load falls back as the document says). */
const LOAD_FONTS = 'Promise.all(Array.from(document.fonts, (face) => face.load().catch(() => face))).then(() => document.fonts.ready).then(() => true)';

/**
 * How much HTML one renderer process lays out before it is let go. Chromium's renderer gives back
 * little of what a print took until it ends, so a long document is printed in pieces
 * (render.ts), and a piece that would take this renderer past this many characters gets a new
 * one. Pieces that fit share a renderer, and with it the fonts it has decoded (some 200 ms each
 * time a renderer loads them).
 */
export const RENDERER_CHARS = 150_000;

/**
 * Opens headless Chromium to print documents, each served to it by a documentServer. Pages are
 * opened each in a browser context of its own, so a renderer process of its own, and closed once
 * they have laid out RENDERER_CHARS of HTML. Every font a document names is loaded before
 * printing: the documents may show nothing on screen (renderHtmlDocument's printOnly).
 */
/** How long one document may take to load and print. */
const PRINT_TIMEOUT_MS = 180_000;

/** Loads `url` in `page`, waits for its fonts, prints it. */
async function printOn(page: CdpPage, url: string, options: PrintOptions): Promise<Uint8Array> {
  const loaded = page.once('Page.loadEventFired');
  const navigated = (await page.send('Page.navigate', { url })) as { errorText?: string };
  if (navigated.errorText) throw new Error(`无法载入待打印的文档（${navigated.errorText}）`);
  await loaded;
  const fonts = (await page.send('Runtime.evaluate', { expression: LOAD_FONTS, awaitPromise: true, returnByValue: true })) as { exceptionDetails?: { text: string } };
  if (fonts.exceptionDetails) throw new Error(`文档的字体未能载入（${fonts.exceptionDetails.text}）`);
  const { data } = (await page.send('Page.printToPDF', {
    printBackground: true,
    preferCSSPageSize: true,
    marginTop: 0,
    marginBottom: 0,
    marginLeft: 0,
    marginRight: 0,
    generateTaggedPDF: false,
    generateDocumentOutline: false,
    ...(options.pageRanges ? { pageRanges: options.pageRanges } : {}),
  })) as { data: string };
  return Buffer.from(data, 'base64');
}

export const openChromiumEngine: OpenPdfEngine = Object.assign(async (): Promise<PdfEngine> => {
  const executablePath = findChromium();
  let browser: CdpBrowser;
  try {
    browser = await launchCdp(executablePath, PRINT_ARGS);
  } catch (e) {
    throw new PdfEngineUnavailable(`无法启动浏览器“${executablePath}”生成 PDF（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）。请确认该浏览器可以正常运行，或用环境变量 DISCLOSURE_CHROMIUM 指定另一个。`, { cause: e });
  }
  const open = browser;
  let server: DocumentServer;
  try {
    server = await documentServer();
  } catch (e) {
    await open.close();
    throw e;
  }
  const served = server;
  let page: CdpPage | null = null;
  let laidOut = 0;
  const release = async () => {
    const done = page;
    page = null;
    laidOut = 0;
    await done?.close();
  };
  return {
    loadsFonts: true,
    async print(doc, options = {}) {
      const printed = printDocument(doc);
      if (page && laidOut + printed.html.length > RENDERER_CHARS) await release();
      if (!page) {
        page = await open.newPage();
        await page.send('Page.enable');
        await page.send('Inspector.enable');
      }
      const current = page;
      laidOut += printed.html.length;
      const url = served.url(printed);
      // A renderer that crashes or hangs fails the print (and the export), with a message, not a wait forever.
      let timer: NodeJS.Timeout | undefined;
      const failed = new Promise<never>((_, reject) => {
        current.once('Inspector.targetCrashed').then(() => reject(new Error('浏览器的渲染进程在打印时崩溃')), () => undefined);
        timer = setTimeout(() => reject(new Error(`打印 PDF 超过 ${PRINT_TIMEOUT_MS / 1000} 秒未完成`)), PRINT_TIMEOUT_MS);
      });
      failed.catch(() => undefined);
      try {
        return await Promise.race([failed, printOn(current, url, options)]);
      } catch (e) {
        await release();
        throw e;
      } finally {
        clearTimeout(timer);
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
