/** The Electron main process and preload, with `electron` mocked: security, the api channel, the menu. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ElectronPrintOptions } from '../../electron/backend/export/pdf/engine';

type Listener = (...args: unknown[]) => unknown;

/** A fake of the parts of Electron the main process and preload use; reset before each test. */
const fake = vi.hoisted(() => {
  const state = {
    appEvents: new Map<string, Listener[]>(),
    ipcHandlers: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; sent: unknown[][]; loaded: string[]; printed: unknown[]; destroyed: boolean }[],
    menuTemplate: [] as Record<string, unknown>[],
    singleInstance: true,
    quit: 0,
    headerHooks: [] as Listener[],
    permissionHandlers: [] as Listener[],
    permissionChecks: [] as Listener[],
    deviceHandlers: [] as Listener[],
    schemes: [] as unknown[],
    schemesBeforeReady: false,
    ready: false,
    protocolHandlers: new Map<string, Listener>(),
    openDialogs: [] as unknown[],
    messageBoxAnswers: [] as number[],
    contentsEvents: new Map<string, Listener[]>(),
    /** Folders the next open dialogs answer with (none: cancelled). */
    openAnswers: [] as string[],
    /** What webContents.printToPDF prints: the window's loaded file with the options given. */
    printer: null as ((file: string, options: ElectronPrintOptions) => Promise<Uint8Array>) | null,
    exposed: new Map<string, unknown>(),
    rendererInvokes: [] as unknown[][],
    rendererListeners: new Map<string, Listener[]>(),
    userDir: '',
  };
  const on = (map: Map<string, Listener[]>, name: string, fn: Listener) => map.set(name, [...(map.get(name) ?? []), fn]);

  class BrowserWindow {
    readonly record: { options: Record<string, unknown>; sent: unknown[][]; loaded: string[]; printed: unknown[]; destroyed: boolean };
    readonly webContents: {
      send: (...args: unknown[]) => void;
      on: (name: string, fn: Listener) => void;
      printToPDF: (options: ElectronPrintOptions) => Promise<Uint8Array>;
    };
    constructor(options: Record<string, unknown>) {
      const record = { options, sent: [] as unknown[][], loaded: [] as string[], printed: [] as unknown[], destroyed: false };
      this.record = record;
      state.windows.push(record);
      this.webContents = {
        send: (...args: unknown[]) => record.sent.push(args),
        on: (name: string, fn: Listener) => on(state.contentsEvents, name, fn),
        printToPDF: async (printOptions: ElectronPrintOptions) => {
          record.printed.push(printOptions);
          if (!state.printer) throw new Error('no printer in this test');
          return state.printer(record.loaded.at(-1) ?? '', printOptions);
        },
      };
    }
    destroy() {
      this.record.destroyed = true;
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false;
    }
    async loadFile(file: string) {
      this.record.loaded.push(file);
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
    }
  }

  const electron = {
    app: {
      requestSingleInstanceLock: () => state.singleInstance,
      quit: () => void state.quit++,
      on: (name: string, fn: Listener) => on(state.appEvents, name, fn),
      whenReady: () => Promise.resolve().then(() => void (state.ready = true)),
      getAppPath: () => process.cwd(),
      getPath: (name: string) => `${state.userDir}/${name}`,
      getVersion: () => '9.9.9',
    },
    BrowserWindow,
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Listener) => state.headerHooks.push(fn) },
        setPermissionRequestHandler: (fn: Listener) => state.permissionHandlers.push(fn),
        setPermissionCheckHandler: (fn: Listener) => state.permissionChecks.push(fn),
        setDevicePermissionHandler: (fn: Listener) => state.deviceHandlers.push(fn),
        protocol: { handle: (scheme: string, fn: Listener) => state.protocolHandlers.set(scheme, fn) },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.schemes.push(...schemes);
        state.schemesBeforeReady = !state.ready;
      },
    },
    ipcMain: { handle: (channel: string, fn: Listener) => state.ipcHandlers.set(channel, fn) },
    Menu: {
      buildFromTemplate: (template: Record<string, unknown>[]) => {
        state.menuTemplate = template;
        return template;
      },
      setApplicationMenu: () => {},
    },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        state.openDialogs.push(args.at(-1));
        const answer = state.openAnswers.shift();
        return answer === undefined ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [answer] };
      },
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: () => {},
      showMessageBox: async () => ({ response: 0 }),
      showMessageBoxSync: () => state.messageBoxAnswers.shift() ?? 0,
    },
    shell: { openPath: async () => '' },
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => state.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        state.rendererInvokes.push(args);
        return { ok: true, value: null };
      },
      on: (name: string, fn: Listener) => on(state.rendererListeners, name, fn),
      removeListener: (name: string, fn: Listener) =>
        state.rendererListeners.set(
          name,
          (state.rendererListeners.get(name) ?? []).filter((f) => f !== fn),
        ),
    },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { startMain } = await import('../../electron/main/main');
const { menuTemplate } = await import('../../electron/main/menu');
const { releaseAllLocks } = await import('../../electron/backend/app/lock');
const { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } = await import('../../electron/backend/app/csp');
const { APP_URL, appResponse } = await import('../../electron/main/appProtocol');
const { ELECTRON_PRINT_OPTIONS } = await import('../../electron/backend/export/pdf/engine');
const { readPdfStructure } = await import('../../electron/backend/export/pdf/pdfReader');
const { CHROMIUM_ARGS } = await import('../../electron/backend/export/pdf/chromium');
const { chromium } = await import('playwright-core');

const FILE_URL = pathToFileURL(resolve('dist/renderer/index.html')).href;

function emitApp(name: string, ...args: unknown[]): void {
  for (const fn of fake.state.appEvents.get(name) ?? []) fn(...args);
}

async function started(): Promise<void> {
  startMain({ argv: ['electron'], cwd: process.cwd() });
  // whenReady() resolves on the next microtask.
  await new Promise((r) => setTimeout(r, 0));
}

function apiHandler(): Listener {
  const handler = fake.state.ipcHandlers.get('api');
  if (!handler) throw new Error('api handler not registered');
  return handler;
}

/** A function-valued property of an exposed object. */
function member(value: unknown, key: string): Listener {
  const found: unknown = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
  if (typeof found !== 'function') throw new Error(`${key} is not a function`);
  return (...args: unknown[]) => found(...args);
}

function labels(items: unknown): string[] {
  return Array.isArray(items) ? items.map((i: { label?: string }) => i.label ?? '—') : [];
}

function submenu(label: string): Record<string, unknown>[] {
  const menu = fake.state.menuTemplate.find((m) => m.label === label);
  return Array.isArray(menu?.submenu) ? menu.submenu : [];
}

function click(items: Record<string, unknown>[], label: string): void {
  const item = items.find((i) => i.label === label);
  if (typeof item?.click !== 'function') throw new Error(`no clickable ${label}`);
  item.click();
}

beforeEach(() => {
  const s = fake.state;
  s.appEvents.clear();
  s.ipcHandlers.clear();
  s.windows.length = 0;
  s.menuTemplate = [];
  s.singleInstance = true;
  s.quit = 0;
  s.headerHooks.length = 0;
  s.permissionHandlers.length = 0;
  s.permissionChecks.length = 0;
  s.deviceHandlers.length = 0;
  s.schemes.length = 0;
  s.ready = false;
  s.protocolHandlers.clear();
  s.openDialogs.length = 0;
  s.contentsEvents.clear();
  s.messageBoxAnswers.length = 0;
  s.openAnswers.length = 0;
  s.printer = null;
  s.userDir = mkdtempSync(join(tmpdir(), 'disclosure-electron-'));
  vi.stubEnv('DISCLOSURE_DATA_DIR', '');
});

afterEach(() => {
  emitApp('will-quit');
  releaseAllLocks();
  vi.unstubAllEnvs();
});

describe('main process', () => {
  it('requests the single-instance lock and quits when another instance has it', async () => {
    fake.state.singleInstance = false;
    await started();
    expect(fake.state.quit).toBe(1);
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.ipcHandlers.size).toBe(0);
  });

  it('creates the window with secure webPreferences and the bundled preload', async () => {
    await started();
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: expect.stringMatching(/dist[\\/]electron[\\/]preload\.cjs$/u),
    });
  });

  it('asks before closing while the page holds unsaved input, and closes only when told to', async () => {
    await started();
    const [listener] = fake.state.contentsEvents.get('will-prevent-unload') ?? [];
    expect(listener).toBeDefined();
    const stay = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.state.messageBoxAnswers.push(0); // 返回窗口
    listener!(stay);
    expect(stay.prevented).toBe(false);
    const close = { prevented: false, preventDefault() { this.prevented = true; } };
    fake.state.messageBoxAnswers.push(1); // 仍然关闭
    listener!(close);
    expect(close.prevented).toBe(true);
  });

  it('denies new windows and prevents navigation in every web contents', async () => {
    await started();
    const handlers = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const contents = {
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
      on: (name: string, fn: Listener) => handlers.set(name, fn),
    };
    emitApp('web-contents-created', {}, contents);
    expect(openHandler).not.toBeNull();
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      handlers.get(name)!({ preventDefault }, 'https://example.com/');
      expect(preventDefault, name).toHaveBeenCalled();
    }
  });

  it('sends the strict CSP and denies permission requests', async () => {
    await started();
    const [hook] = fake.state.headerHooks;
    let answer: unknown;
    hook!({ responseHeaders: { 'X-Other': ['1'] } }, (response: unknown) => (answer = response));
    expect(answer).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    let allowed: unknown;
    fake.state.permissionHandlers[0]!({}, 'media', (v: unknown) => (allowed = v));
    expect(allowed).toBe(false);
    for (const permission of ['media', 'clipboard-read', 'notifications', 'geolocation', 'hid', 'serial']) {
      expect(fake.state.permissionChecks[0]!({}, permission, APP_URL), permission).toBe(false);
    }
    expect(fake.state.deviceHandlers[0]!({ deviceType: 'usb', origin: APP_URL })).toBe(false);
  });

  it('registers the privileged app scheme before ready and loads the window from it, not file://', async () => {
    await started();
    expect(fake.state.schemesBeforeReady).toBe(true);
    expect(fake.state.schemes).toEqual([
      { scheme: 'disclosure', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    ]);
    expect(fake.state.windows[0]!.loaded).toEqual(['disclosure://app/index.html']);
  });

  it('serves the page with the strict CSP as a header and in the page', async () => {
    await started();
    const handler = fake.state.protocolHandlers.get('disclosure');
    if (!handler) throw new Error('app scheme not served');
    const response = await handler({ method: 'GET', url: APP_URL });
    if (!(response instanceof Response)) throw new Error('not a Response');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await response.text();
    const metas = html.match(/<meta http-equiv="Content-Security-Policy"[^>]*>/gu) ?? [];
    expect(metas).toEqual([`<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`]);
  });

  it('answers api calls from the app page only', async () => {
    await started();
    const handler = apiHandler();
    const from = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });
    const refused = { ok: false, error: { code: 'INVALID_REQUEST' } };
    expect(await handler(from('https://evil.example/'), 'app.info', {})).toMatchObject(refused);
    expect(await handler(from('file:///tmp/other.html'), 'app.info', {})).toMatchObject(refused);
    // The built page opened from disk is not the app page either.
    expect(await handler(from(FILE_URL), 'app.info', {})).toMatchObject(refused);
    expect(await handler(from('disclosure://other/index.html'), 'app.info', {})).toMatchObject(refused);
    expect(await handler(from(APP_URL, { url: APP_URL }), 'app.info', {})).toMatchObject(refused);
    expect(await handler({ senderFrame: null }, 'app.info', {})).toMatchObject(refused);
    expect(await handler(from(`${APP_URL}#/report`), 'app.info', {})).toMatchObject({ ok: true, value: { version: '9.9.9', mode: 'electron' } });
    // The demo file was opened at start.
    expect(await handler(from(APP_URL), 'file.current', {})).toMatchObject({ ok: true, value: { name: '演示-晋城市商务局.jsgk' } });
    // Requests are still validated.
    expect(await handler(from(APP_URL), 'report.load', { year: 'x' })).toMatchObject(refused);
  });

  it('asks for a file with the .jsgk dialog filter', async () => {
    await started();
    expect(await apiHandler()({ senderFrame: { url: APP_URL, parent: null } }, 'file.open', {})).toEqual({ ok: true, value: null });
    expect(fake.state.openDialogs[0]).toMatchObject({ filters: [{ name: '部门决算公开文件', extensions: ['jsgk'] }], properties: ['openFile'] });
  });

  it('has the Chinese menu and forwards its commands to the page', async () => {
    await started();
    expect(labels(fake.state.menuTemplate)).toEqual(['文件', '编辑', '帮助']);
    const file = submenu('文件');
    expect(labels(file).filter((l) => l !== '—')).toEqual(['新建…', '打开…', '最近打开', '另存为…', '导出 Word…', '导出 Excel…', '退出']);
    expect(file.find((i) => i.label === '退出')?.role).toBe('quit');
    expect(labels(submenu('编辑'))).toEqual(expect.arrayContaining(['撤销', '重做']));
    expect(labels(submenu('帮助'))).toEqual(['关于']);

    const sent = fake.state.windows[0]!.sent;
    click(submenu('编辑'), '撤销');
    click(submenu('编辑'), '重做');
    click(file, '导出 Word…');
    expect(sent).toEqual([
      ['menu', 'undo', null],
      ['menu', 'redo', null],
      ['menu', 'exportDocx', null],
    ]);

    // 最近打开 lists the demo file opened at start, by id.
    const recent = file.find((i) => i.label === '最近打开')?.submenu;
    expect(labels(recent)).toEqual(['演示-晋城市商务局.jsgk（晋城市商务局）']);
    click(Array.isArray(recent) ? recent : [], '演示-晋城市商务局.jsgk（晋城市商务局）');
    expect(sent.at(-1)?.[1]).toBe('openRecent');
    expect(String(sent.at(-1)?.[2])).toMatch(/^[A-Za-z0-9_-]+$/u);
  });

  it('puts the app menu first on macOS and shows （无） without recent files', () => {
    const template = menuTemplate([], { send: () => {}, about: () => {} }, 'darwin');
    expect(template[0]?.role).toBe('appMenu');
    const file = template.find((m) => m.label === '文件');
    const recent = Array.isArray(file?.submenu) ? file.submenu.find((i) => i.label === '最近打开') : undefined;
    expect(labels(recent?.submenu)).toEqual(['（无）']);
  });
});

describe('the app scheme', () => {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-scheme-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"><title>t</title></head><body></body></html>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1);');
  writeFileSync(join(dir, '..', 'secret.txt'), 'outside');

  it('serves files of the renderer folder with their type and the CSP header', () => {
    const js = appResponse('GET', 'disclosure://app/assets/app.js', dir);
    expect(js.status).toBe(200);
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(js.body.toString()).toBe('console.log(1);');
  });

  it('replaces a weaker policy in the page with the strict one', () => {
    const html = appResponse('GET', 'disclosure://app/', dir).body.toString();
    expect(html).not.toContain('default-src *');
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
  });

  it('serves nothing outside the renderer folder, nothing for other hosts or methods', () => {
    for (const url of ['disclosure://app/../secret.txt', 'disclosure://app/%2e%2e/secret.txt', 'disclosure://app/..%2fsecret.txt', 'disclosure://app/assets/%00', 'disclosure://app/missing.js']) {
      expect(appResponse('GET', url, dir).status, url).toBe(404);
    }
    expect(appResponse('GET', 'disclosure://evil/index.html', dir).status).toBe(404);
    expect(appResponse('POST', 'disclosure://app/index.html', dir).status).toBe(405);
  });

  it('serves a “not built yet” page when the renderer is missing', () => {
    const page = appResponse('GET', 'disclosure://app/index.html', join(dir, 'nowhere'));
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('界面尚未构建');
  });
});

describe('preload', () => {
  it('exposes exactly invoke and onMenu, over the api channel', async () => {
    await import('../../electron/preload/index');
    const api = fake.state.exposed.get('api');
    expect(api).toEqual({ invoke: expect.any(Function), onMenu: expect.any(Function) });
    const invoke = member(api, 'invoke');
    const onMenu = member(api, 'onMenu');

    await invoke('report.load', { year: 2023 });
    expect(fake.state.rendererInvokes.at(-1)).toEqual(['api', 'report.load', { year: 2023 }]);

    const received: unknown[][] = [];
    const unsubscribe = member({ f: onMenu((...args: unknown[]) => received.push(args)) }, 'f');
    const emit = (...args: unknown[]) => {
      for (const fn of fake.state.rendererListeners.get('menu') ?? []) fn({}, ...args);
    };
    emit('undo', null);
    emit('openRecent', 'abc');
    emit('rm -rf', null);
    expect(received).toEqual([
      ['undo', null],
      ['openRecent', 'abc'],
    ]);
    unsubscribe();
    emit('redo', null);
    expect(received).toHaveLength(2);
  });
});

describe('PDF in the desktop app', () => {
  it('prints export.pdf in a hidden, sandboxed window without JavaScript through webContents.printToPDF', async () => {
    await started();
    // The fake window prints what it loaded with the options it was given, in Debian's Chromium.
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    fake.state.printer = async (file, options) => {
      const o = options;
      const page = await browser.newPage();
      try {
        await page.goto(pathToFileURL(file).href);
        return await page.pdf({ preferCSSPageSize: o.preferCSSPageSize, printBackground: o.printBackground, ...(o.pageRanges ? { pageRanges: o.pageRanges } : {}) });
      } finally {
        await page.close();
      }
    };
    const out = join(fake.state.userDir, 'exports');
    fake.state.openAnswers.push(out);
    try {
      const result = await apiHandler()({ senderFrame: { url: APP_URL, parent: null } }, 'export.pdf', { year: 2023 });
      expect(result).toEqual({ ok: true, value: { folder: out, files: ['晋城市商务局2023年度部门决算公开.pdf'], factsHash: expect.stringMatching(/^[0-9a-f]{64}$/u) } });
    } finally {
      await browser.close();
    }
    const print = fake.state.windows[1]!;
    expect(print.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    expect(print.options.webPreferences).not.toHaveProperty('preload');
    // The parts after the 目录 in a few pieces, then the cover and the 目录 with its numbers, each
    // a document loaded and printed whole; the window closed, its files removed.
    expect(print.printed.length).toBeGreaterThanOrEqual(3);
    expect(print.printed).toEqual(print.printed.map(() => ELECTRON_PRINT_OPTIONS));
    expect(ELECTRON_PRINT_OPTIONS).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(print.loaded).toHaveLength(print.printed.length);
    for (const f of print.loaded) expect(existsSync(f)).toBe(false);
    expect(print.destroyed).toBe(true);
    const pdf = readPdfStructure(readFileSync(join(out, '晋城市商务局2023年度部门决算公开.pdf')));
    expect(pdf.outline.map((o) => o.title)).toContain('第三部分 情况说明');
  }, 120_000);
});
