// `npm run build:cli`: bundles the command line with esbuild, so `disclosure` starts without
// compiling TypeScript (bin/disclosure.mjs builds it on first use and when a source changed).
//
//   dist/cli/disclosure.mjs        the entry: imports the current build
//   dist/cli/build-<id>/…          cli/bin.ts bundled (backend, shared, docx and exceljs included),
//                                  split so Word/Excel code loads only for the commands using it
//   dist/cli/inputs.json           the source files it was built from, for the staleness check
//
// better-sqlite3 is a native module loaded from node_modules, so it stays external. A build goes
// to a folder of its own and the entry is renamed into place last, so a command started during a
// build runs either the old build or the new one, never half of one; the entry's time is set to
// when the build started, so a source saved during the build makes it stale. The previous build
// is kept for commands still running from it; older ones are removed (all of them with --clean,
// which `npm pack` uses).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI_DIR = join(root, 'dist', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'disclosure.mjs');
export const CLI_INPUTS = join(CLI_DIR, 'inputs.json');

/** Files besides the bundle's own sources that make it stale when they change. */
const ALSO_DEPENDS_ON = ['package-lock.json', 'scripts/build-cli.mjs'];

/** Removes builds other than `current`, keeping the newest `keep` of them. */
function pruneOldBuilds(current, keep) {
  const builds = readdirSync(CLI_DIR)
    .filter((name) => name.startsWith('build-') && name !== current)
    .map((name) => ({ name, at: statSync(join(CLI_DIR, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of builds.slice(keep)) rmSync(join(CLI_DIR, old.name), { recursive: true, force: true });
}

/** Builds the CLI; `clean` removes every earlier build (for packing), otherwise the previous one is kept. */
export async function buildCli({ clean = false } = {}) {
  const { build } = await import('esbuild');
  const started = new Date();
  const id = `build-${started.getTime().toString(36)}-${process.pid}`;
  mkdirSync(CLI_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { disclosure: 'cli/bin.ts' },
    outdir: join(CLI_DIR, id),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
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
  const temp = `.${process.pid}.tmp`;
  writeFileSync(`${CLI_INPUTS}${temp}`, `${JSON.stringify(inputs)}\n`);
  writeFileSync(`${CLI_ENTRY}${temp}`, `// Built ${started.toISOString()} by scripts/build-cli.mjs.\nimport './${id}/disclosure.mjs';\n`);
  utimesSync(`${CLI_ENTRY}${temp}`, started, started);
  renameSync(`${CLI_INPUTS}${temp}`, CLI_INPUTS);
  renameSync(`${CLI_ENTRY}${temp}`, CLI_ENTRY);
  pruneOldBuilds(id, clean ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await buildCli({ clean: process.argv.includes('--clean') });
    console.log('已构建 dist/cli/disclosure.mjs');
  } catch (error) {
    console.error('构建命令行失败：', error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
