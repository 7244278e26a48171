/**
 * What prints HTML to PDF: a PdfEngine. Two implementations, both Chromium: headless Chromium
 * through playwright-core for the CLI and browser mode (chromium.ts), and the desktop app's own
 * `webContents.printToPDF` (a hidden window, wrapped here by `printWindowEngine` so that
 * electron/main only has to hand over the window's calls).
 *
 * Every document is printed the same way: page sizes and margins from its CSS (A4, landscape
 * pages where the CSS says), backgrounds; all pages or a range of them. Not tagged, and without
 * Chromium's outline: the bookmarks are written from the measured headings (render.ts) — tagging
 * makes the print up to twice as slow and the file three times as large for a big department.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrintOptions {
  /** Pages to print, 1-based (`2-3`); all when absent. */
  pageRanges?: string;
}

export interface PdfEngine {
  /** Prints one HTML document (or some of its pages) to PDF bytes. */
  print(html: string, options?: PrintOptions): Promise<Uint8Array>;
  /** Frees the browser (or window). */
  close(): Promise<void>;
}

/** No browser to print with: the message (Chinese) says what to install. */
export class PdfEngineUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfEngineUnavailable';
  }
}

/** Starts an engine for one export; the caller closes it. */
export type OpenPdfEngine = () => Promise<PdfEngine>;

/** The print options in Electron's names (webContents.printToPDF). */
export const ELECTRON_PRINT_OPTIONS = {
  pageSize: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  margins: { top: 0, bottom: 0, left: 0, right: 0 },
} as const;

export type ElectronPrintOptions = typeof ELECTRON_PRINT_OPTIONS & PrintOptions;

/** The calls of a hidden Electron BrowserWindow an export needs (electron/main provides them). */
export interface PrintWindow {
  loadFile(file: string): Promise<void>;
  printToPDF(options: ElectronPrintOptions): Promise<Uint8Array>;
  close(): void;
}

/**
 * An engine over a print window: each document is written to a file in a private temporary
 * folder (a large package is megabytes of HTML, too long for a data: URL), loaded, printed, and
 * the folder removed when the engine closes.
 */
export function printWindowEngine(openWindow: () => PrintWindow, tempRoot: string = os.tmpdir()): OpenPdfEngine {
  return async () => {
    const folder = await fs.promises.mkdtemp(path.join(tempRoot, 'disclosure-pdf-'));
    const window = openWindow();
    return {
      async print(html, options = {}) {
        const file = path.join(folder, `${randomBytes(6).toString('hex')}.html`);
        await fs.promises.writeFile(file, html, 'utf8');
        try {
          await window.loadFile(file);
          return await window.printToPDF(options.pageRanges ? { ...ELECTRON_PRINT_OPTIONS, pageRanges: options.pageRanges } : ELECTRON_PRINT_OPTIONS);
        } finally {
          await fs.promises.rm(file, { force: true });
        }
      },
      async close() {
        window.close();
        await fs.promises.rm(folder, { recursive: true, force: true });
      },
    };
  };
}

/** Runs `fn` with a fresh engine and always closes it. */
export async function withPdfEngine<T>(open: OpenPdfEngine, fn: (engine: PdfEngine) => Promise<T>): Promise<T> {
  const engine = await open();
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}
