/**
 * What prints HTML to PDF: a PdfEngine. Two implementations, both Chromium: headless Chromium
 * over the DevTools pipe for the CLI and browser mode (chromium.ts, cdp.ts), and the desktop app's own
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

/** An HTML document and the files it refers to by relative URL (its fonts), which go beside it. */
export interface PrintDocument {
  html: string;
  files?: ReadonlyMap<string, Uint8Array>;
}

export interface PdfEngine {
  /**
   * Whether the engine loads the fonts a document names in @font-face rules (files beside it)
   * before printing, whether or not the document shows anything on screen. Documents for other
   * engines name the system's fonts only.
   */
  readonly loadsFonts?: boolean;
  /** Prints one HTML document (or some of its pages) to PDF bytes. */
  print(doc: string | PrintDocument, options?: PrintOptions): Promise<Uint8Array>;
  /** Frees the browser (or window). */
  close(): Promise<void>;
}

/** The document of a print call as a PrintDocument. */
export const printDocument = (doc: string | PrintDocument): PrintDocument => (typeof doc === 'string' ? { html: doc } : doc);

/**
 * A private temporary folder to print from: each document is written to a file of its own (a
 * large package is megabytes of HTML, too long for a data: URL), its files beside it, once each.
 */
export async function printFolder(tempRoot: string = os.tmpdir()): Promise<{ write(doc: PrintDocument): Promise<string>; remove(): Promise<void> }> {
  const folder = await fs.promises.mkdtemp(path.join(tempRoot, 'disclosure-pdf-'));
  const written = new Map<string, Uint8Array>();
  return {
    async write(doc) {
      for (const [name, data] of doc.files ?? []) {
        if (written.get(name) === data) continue;
        await fs.promises.writeFile(path.join(folder, name), data);
        written.set(name, data);
      }
      const file = path.join(folder, `${randomBytes(6).toString('hex')}.html`);
      await fs.promises.writeFile(file, doc.html, 'utf8');
      return file;
    },
    remove: () => fs.promises.rm(folder, { recursive: true, force: true }),
  };
}

/** No browser to print with: the message (Chinese) says what to install. */
export class PdfEngineUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PdfEngineUnavailable';
  }
}

/** Starts an engine for one export; the caller closes it. `loadsFonts`: what its engines' loadsFonts will be. */
export type OpenPdfEngine = (() => Promise<PdfEngine>) & { readonly loadsFonts?: boolean };

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
 * folder (printFolder), loaded, printed, and the folder removed when the engine closes. The
 * window runs no script, so it cannot wait for fonts: its documents use the system's.
 */
export function printWindowEngine(openWindow: () => PrintWindow, tempRoot: string = os.tmpdir()): OpenPdfEngine {
  return async () => {
    const folder = await printFolder(tempRoot);
    const window = openWindow();
    return {
      async print(doc, options = {}) {
        const file = await folder.write(printDocument(doc));
        try {
          await window.loadFile(file);
          return await window.printToPDF(options.pageRanges ? { ...ELECTRON_PRINT_OPTIONS, pageRanges: options.pageRanges } : ELECTRON_PRINT_OPTIONS);
        } finally {
          await fs.promises.rm(file, { force: true });
        }
      },
      async close() {
        window.close();
        await folder.remove();
      },
    };
  };
}

/** An engine opening in the background: `engine()` waits for it; `close()` closes it once open, used or not. */
export interface OpeningEngine {
  readonly loadsFonts: boolean;
  /** Resolves once the browser has been started (its own start then goes on beside this process's work). */
  started(): Promise<void>;
  engine(): Promise<PdfEngine>;
  close(): Promise<void>;
}

/** How long `started()` gives the browser process to start (a few turns of the event loop, ~50 ms). */
const START_MS = 80;

/**
 * Starts opening an engine now, so that a browser's start (about a second) overlaps with
 * composing the document; a failure to open is reported by `engine()`.
 */
export function openInBackground(open: OpenPdfEngine): OpeningEngine {
  const opening = open();
  opening.catch(() => undefined);
  return {
    loadsFonts: open.loadsFonts === true,
    started: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, START_MS);
        opening.finally(() => {
          clearTimeout(timer);
          resolve();
        }).catch(() => undefined);
      }),
    engine: () => opening,
    async close() {
      let engine: PdfEngine;
      try {
        engine = await opening;
      } catch {
        return; // never opened; engine() said why
      }
      await engine.close();
    },
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
