/**
 * Where the desktop app's files are, from the app root (`app.getAppPath()`: the folder holding
 * package.json, or app.asar when packaged). The Electron build puts main.cjs, preload.cjs and a
 * copy of the demo data in dist/electron/; the renderer build goes to dist/renderer/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface AppPaths {
  rendererIndex: string;
  /** `file:///…/dist/renderer/index.html`: the only page allowed to call the api. */
  rendererUrl: string;
  preload: string;
  demoFixture: string;
}

export function appPaths(appRoot: string): AppPaths {
  const rendererIndex = path.join(appRoot, 'dist', 'renderer', 'index.html');
  const bundled = path.join(appRoot, 'dist', 'electron', 'demo', 'jincheng-2023.json');
  const source = path.join(appRoot, 'assets', 'demo', 'jincheng-2023.json');
  return {
    rendererIndex,
    rendererUrl: pathToFileURL(rendererIndex).href,
    preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    demoFixture: fs.existsSync(bundled) ? bundled : source,
  };
}

/** Whether a frame URL is the app's own page (query and hash ignored; paths compared as files). */
export function isAppPage(frameUrl: string, rendererIndex: string): boolean {
  let filePath: string;
  try {
    const url = new URL(frameUrl);
    if (url.protocol !== 'file:' || url.host !== '') return false;
    url.search = '';
    url.hash = '';
    filePath = fileURLToPath(url);
  } catch {
    return false;
  }
  const a = path.resolve(filePath);
  const b = path.resolve(rendererIndex);
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The disclosure file named on a command line, if any (flags, folders and scripts skipped). */
export function fileFromArgv(args: readonly string[], cwd: string): string | null {
  for (const arg of args) {
    if (arg.startsWith('-') || /\.(c|m)?js$/iu.test(arg)) continue;
    const candidate = path.resolve(cwd, arg);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not a file: an Electron or Chromium argument.
    }
  }
  return null;
}
