// `npm run build:cli`: bundles the command line with esbuild, so `disclosure` starts without
// compiling TypeScript (bin/disclosure.mjs builds it on first use and when a source changed).
//
//   cli/bin.ts → dist/cli/disclosure.mjs   (backend, shared, docx and exceljs included)
//   dist/cli/inputs.json                   (the source files it was built from, for the staleness check)
//
// better-sqlite3 is a native module loaded from node_modules, so it stays external. The files are
// written under temporary names and renamed, so commands started during a build never see half a
// bundle; the bundle's time is set to when the build started, so a source saved during the build
// makes it stale.
import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = join(root, 'dist', 'cli', 'disclosure.mjs');
export const CLI_INPUTS = join(root, 'dist', 'cli', 'inputs.json');

/** Files besides the bundle's own sources that make it stale when they change. */
const ALSO_DEPENDS_ON = ['package-lock.json', 'scripts/build-cli.mjs'];

export async function buildCli() {
  const { build } = await import('esbuild');
  const started = new Date();
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['cli/bin.ts'],
    outfile: `${CLI_BUNDLE}${suffix}`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // Bundled CommonJS (exceljs, …) calls require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('node_modules/')), ...ALSO_DEPENDS_ON];
  writeFileSync(`${CLI_INPUTS}${suffix}`, `${JSON.stringify(inputs)}\n`);
  utimesSync(`${CLI_BUNDLE}${suffix}`, started, started);
  renameSync(`${CLI_INPUTS}${suffix}`, CLI_INPUTS);
  renameSync(`${CLI_BUNDLE}${suffix}`, CLI_BUNDLE);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildCli();
    console.log('已构建 dist/cli/disclosure.mjs');
  } catch (error) {
    console.error('构建命令行失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
