// better-sqlite3 for the Electron window of `npm start`, kept apart from the Node build.
//
// better-sqlite3 is a native addon built for one ABI. `npm install` builds it for Node (the CLI,
// the browser mode and the tests use it); Electron needs its own. Instead of rebuilding the copy in
// node_modules for Electron (which breaks Node until it is rebuilt back), a second addon is made
// in dist/electron/native/ from a scratch copy of the package: first with prebuild-install
// (better-sqlite3's own installer, downloading the published Electron build), else with node-gyp
// against Electron's headers. The main process is told where it is by DISCLOSURE_SQLITE_ADDON
// (electron/backend/db/sqlite.ts); a packaged app ships the addon electron-builder rebuilt.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** @param {string} file */
function versionOf(file) {
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/**
 * Whether Electron (run as Node) can open an in-memory database with this addon.
 * @param {string} electron @param {string} addon @param {string} root
 */
export function addonLoads(electron, addon, root) {
  const probe = `const D = require('better-sqlite3'); new D(':memory:', { nativeBinding: ${JSON.stringify(addon)} }).prepare('select 1').get();`;
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  return spawnSync(electron, ['-e', probe], { cwd: root, env, stdio: 'ignore' }).status === 0;
}

/** node-gyp: npm's own (npm tells scripts where it is), else one in node_modules. @param {string} root */
function nodeGyp(root) {
  const candidates = [process.env.npm_config_node_gyp];
  const npmCli = process.env.npm_execpath;
  if (npmCli) candidates.push(join(dirname(npmCli), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not installed at the top level.
  }
  return candidates.find((c) => typeof c === 'string' && existsSync(c)) ?? null;
}

/**
 * Builds (or finds) better-sqlite3's addon for this Electron; returns its path, or null with the
 * reason printed in Chinese.
 * @param {{ root: string, electron: string, log: (line: string) => void }} options
 */
export function electronSqliteAddon({ root, electron, log }) {
  const sqliteDir = join(root, 'node_modules', 'better-sqlite3');
  const electronVersion = versionOf(join(root, 'node_modules', 'electron', 'package.json'));
  const sqliteVersion = versionOf(join(sqliteDir, 'package.json'));
  const name = `better_sqlite3-${sqliteVersion}-electron-${electronVersion}-${process.platform}-${process.arch}.node`;
  const target = join(root, 'dist', 'electron', 'native', name);
  if (existsSync(target) && addonLoads(electron, target, root)) return target;

  log(`正在为 Electron ${electronVersion} 准备 better-sqlite3（首次启动需要联网，约一分钟）…`);
  const work = mkdtempSync(join(tmpdir(), 'disclosure-sqlite-'));
  const copy = join(work, 'better-sqlite3');
  try {
    cpSync(sqliteDir, copy, { recursive: true, filter: (source) => !source.startsWith(join(sqliteDir, 'build')) });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    const prebuild = createRequire(join(sqliteDir, 'package.json')).resolve('prebuild-install/bin.js');
    const platform = ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform];
    spawnSync(process.execPath, [prebuild, ...platform], { cwd: copy, stdio: 'inherit' });
    if (!existsSync(built)) {
      const gyp = nodeGyp(root);
      if (gyp === null) {
        log('没有找到 node-gyp，无法为 Electron 编译 better-sqlite3。');
        return null;
      }
      log('没有可下载的预编译版本，改为从源代码编译（需要 C++ 编译器和 Python）…');
      const gypArgs = ['rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'];
      spawnSync(process.execPath, [gyp, ...gypArgs], { cwd: copy, stdio: 'inherit' });
    }
    if (!existsSync(built)) {
      log('为 Electron 准备 better-sqlite3 失败（下载和编译都未成功）。');
      return null;
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (addonLoads(electron, target, root)) return target;
  log('为 Electron 准备的 better-sqlite3 无法加载。');
  return null;
}
