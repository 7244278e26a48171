/**
 * Where the desktop app's files are, from the app root (`app.getAppPath()`: the folder holding
 * package.json, or app.asar when packaged). The Electron build puts main.cjs, preload.cjs and a
 * copy of the demo data in dist/electron/; the renderer build goes to dist/renderer/, which the
 * window loads through the app scheme (appProtocol.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface AppPaths {
  /** The built renderer, served as `disclosure://app/`. */
  rendererDir: string;
  preload: string;
  demoFixture: string;
}

export function appPaths(appRoot: string): AppPaths {
  const bundled = path.join(appRoot, 'dist', 'electron', 'demo', 'jincheng-2023.json');
  const source = path.join(appRoot, 'assets', 'demo', 'jincheng-2023.json');
  return {
    rendererDir: path.join(appRoot, 'dist', 'renderer'),
    preload: path.join(appRoot, 'dist', 'electron', 'preload.cjs'),
    demoFixture: fs.existsSync(bundled) ? bundled : source,
  };
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
