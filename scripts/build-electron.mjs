// `npm run build:electron`: bundles the Electron main process and preload with esbuild.
//
//   electron/main/index.ts    → dist/electron/main.cjs     (backend, shared and docx/exceljs included)
//   electron/preload/index.ts → dist/electron/preload.cjs  (sandboxed preloads must be one CommonJS file)
//   assets/demo/*.json        → dist/electron/demo/        (the demo data, inside dist/ so packaging ships it)
//
// `electron` is provided by the runtime and `better-sqlite3` is a native module loaded from
// node_modules (electron-builder unpacks it from the asar), so both stay external.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'electron');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 38 ships Node 22.
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

try {
  await Promise.all([
    build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: join(out, 'main.cjs'), external: ['electron', 'better-sqlite3'] }),
    build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: join(out, 'preload.cjs'), external: ['electron'] }),
  ]);
  mkdirSync(join(out, 'demo'), { recursive: true });
  cpSync(join(root, 'assets', 'demo'), join(out, 'demo'), { recursive: true });
  console.log('已构建 dist/electron/main.cjs 与 dist/electron/preload.cjs');
} catch (error) {
  console.error('构建 Electron 主进程失败：', error instanceof Error ? error.message : error);
  process.exit(1);
}
