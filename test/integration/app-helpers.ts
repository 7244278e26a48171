/** Helpers for the app-layer tests: temp folders, a scripted Host, a backend over them. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiResult } from '../../shared/contract/api';
import { type Backend, createBackend } from '../../electron/backend/app/backend';
import type { Host } from '../../electron/backend/app/host';
import type { LockEnvironment } from '../../electron/backend/app/lock';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { openChromiumEngine } from '../../electron/backend/export/pdf/chromium';
import type { OpenPdfEngine } from '../../electron/backend/export/pdf/engine';
import { importReport, parseReportJson } from '../../electron/backend/services/reports';

export const DEMO_FIXTURE = fileURLToPath(new URL('../../assets/demo/jincheng-2023.json', import.meta.url));

export function tempFolder(prefix = 'disclosure-app-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A disclosure file holding 晋城市商务局 2023. */
export function jinchengFile(folder: string, name = '晋城.jsgk'): string {
  const path = join(folder, name);
  const file = openDisclosureFile(path, { create: true });
  try {
    importReport(file, parseReportJson(readFileSync(DEMO_FIXTURE, 'utf8'), 'fixture'), { replace: false });
  } finally {
    closeDisclosureFile(file);
  }
  return path;
}

/** A desktop-like host whose dialogs answer from queues (null = the user cancelled). */
export class ScriptedHost implements Host {
  readonly mode = 'electron' as const;
  openAnswers: (string | null)[] = [];
  saveAnswers: (string | null)[] = [];
  exportAnswers: (string | null)[] = [];
  savesSuggested: string[] = [];
  openedFolders: string[] = [];

  /** Headless Chromium, as in browser mode (a test may replace it). */
  openPdfEngine: OpenPdfEngine = openChromiumEngine;

  constructor(readonly dataFolder: string) {}

  async chooseOpenPath() {
    return this.openAnswers.shift() ?? null;
  }
  async chooseSavePath(suggestedName: string) {
    this.savesSuggested.push(suggestedName);
    return this.saveAnswers.shift() ?? null;
  }
  async chooseExportFolder() {
    return this.exportAnswers.shift() ?? null;
  }
  async openFolder(folder: string) {
    this.openedFolders.push(folder);
  }
}

export interface TestBackend {
  backend: Backend;
  host: Host;
  logs: string[];
}

export function testBackend(host: Host, options: { lockEnvironment?: Partial<LockEnvironment>; recentStore?: string } = {}): TestBackend {
  const logs: string[] = [];
  const backend = createBackend({
    host,
    version: '0.0.0-test',
    recentStore: options.recentStore ?? join(host.dataFolder, '.recent.json'),
    demoFixture: DEMO_FIXTURE,
    log: (m) => logs.push(m),
    lockEnvironment: options.lockEnvironment,
  });
  return { backend, host, logs };
}

/** The value of a successful result; fails the test with the error otherwise. */
export function valueOf<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}
