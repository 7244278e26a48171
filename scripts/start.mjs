// `npm start`: open the desktop app, or fall back to the browser mode where the
// Electron binary could not be downloaded (the build/test machines).
//
//   npm start                 → Electron window (demo file when no file is given)
//   npm start -- 某单位.jsgk  → Electron window opening that file
//
// With Electron: builds the renderer and the main process (dist/), prepares a better-sqlite3 addon
// for Electron beside the Node one (electron-sqlite.mjs), then runs it. Without (electron is an
// optionalDependency: npm drops it when its binary cannot be downloaded): runs `npm run web` with
// the same file argument.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronSqliteAddon } from './electron-sqlite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// File arguments are made absolute against where the user typed the command
// (npm runs scripts from the package root and keeps the original in INIT_CWD).
const userCwd = process.env.INIT_CWD ?? process.cwd();
const args = process.argv.slice(2).map((arg) => (arg.startsWith('-') ? arg : resolve(userCwd, arg)));

if (!existsSync(join(root, 'node_modules'))) {
  console.error('尚未安装依赖，请先在项目目录运行：npm install（详见 README.md）');
  console.error('Dependencies are not installed; run `npm install` first (see README.md).');
  process.exit(1);
}

/** Path of a runnable Electron binary, or null when it was never downloaded. */
function electronBinary() {
  try {
    // The `electron` package exports the binary's path; it throws when the
    // download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or failed.
    const binary = createRequire(join(root, 'package.json'))('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/**
 * Run a child to completion and exit with its status (signals forwarded).
 * @param {string} command @param {string[]} commandArgs
 * @param {import('node:child_process').SpawnOptions} [options]
 */
function runAndExit(command, commandArgs, options = {}) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (error) => {
    console.error(`无法启动 ${command}：${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** package.json scripts, to see which builds this checkout defines. */
function packageScripts() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return pkg.scripts ?? {};
}

/** Run a step to completion; exit with a Chinese message when it fails. */
function runStep(label, command, commandArgs, options = {}) {
  console.log(`${label}：${command} ${commandArgs.join(' ')}`);
  const result = spawnSync(command, commandArgs, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  if (result.status !== 0) {
    console.error(`${label}失败，应用未启动。`);
    process.exit(result.status ?? 1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** Builds the renderer (when the checkout defines a build) and the main process + preload. */
function buildDesktop() {
  const scripts = packageScripts();
  const viteConfig = join(root, 'renderer', 'vite.config.ts');
  if (scripts['build:renderer']) runStep('构建界面', npm, ['run', 'build:renderer']);
  else if (existsSync(viteConfig)) runStep('构建界面', npx, ['--no-install', 'vite', 'build', '--config', viteConfig]);
  else console.warn('找不到界面的构建配置，跳过界面构建（窗口会提示界面尚未构建）。');
  runStep('构建主进程', process.execPath, [join(root, 'scripts', 'build-electron.mjs')]);
}

const binary = electronBinary();
if (binary) {
  const env = { ...process.env };
  // Set by some editors; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  buildDesktop();
  const addon = electronSqliteAddon({ root, electron: binary, log: (line) => console.log(line) });
  if (addon === null) {
    console.error('better-sqlite3 无法在 Electron 中加载，应用未启动。可改用浏览器模式：npm run web');
    process.exit(1);
  }
  runAndExit(binary, ['.', ...args], { env: { ...env, DISCLOSURE_SQLITE_ADDON: addon } });
} else {
  console.log('本机没有可用的 Electron 程序（下载被跳过或失败），将改用浏览器模式（npm run web）。');
  console.log('The Electron binary is not available on this machine; using the browser mode (npm run web) instead.');
  console.log('（如需桌面窗口：在能访问 Electron 下载站点的电脑上重新运行 npm install。）');

  if (!packageScripts().web) {
    console.error('浏览器模式不可用（package.json 中没有 "web" 脚本），无法启动。');
    process.exit(1);
  }
  const webArgs = ['run', 'web', ...(args.length > 0 ? ['--', ...args] : [])];
  // Under `npm start`, npm tells us its own CLI; otherwise use npm from PATH.
  const npmCli = process.env.npm_execpath;
  if (npmCli && existsSync(npmCli)) {
    runAndExit(process.execPath, [npmCli, ...webArgs]);
  } else {
    runAndExit(npm, webArgs, { shell: process.platform === 'win32' });
  }
}
