// `npm start`: open the desktop app, or fall back to the browser mode where the
// Electron binary could not be downloaded (the build/test machines).
//
//   npm start                 → Electron window (demo file when no file is given)
//   npm start -- 某单位.jsgk  → Electron window opening that file
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

const binary = electronBinary();
if (binary) {
  const env = { ...process.env };
  // Set by some editors; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  runAndExit(binary, ['.', ...args], { env });
} else {
  console.log('本机没有可用的 Electron 程序（下载被跳过或失败），将改用浏览器模式。');
  console.log('The Electron binary is not available on this machine; using the browser mode instead.');

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (!pkg.scripts?.web) {
    console.error('浏览器模式尚未构建（package.json 中没有 "web" 脚本），无法启动。');
    console.error('The browser mode is not built yet (no "web" script in package.json).');
    process.exit(1);
  }
  const webArgs = ['run', 'web', ...(args.length > 0 ? ['--', ...args] : [])];
  // Under `npm start`, npm tells us its own CLI; otherwise use npm from PATH.
  const npmCli = process.env.npm_execpath;
  if (npmCli && existsSync(npmCli)) {
    runAndExit(process.execPath, [npmCli, ...webArgs]);
  } else {
    runAndExit(process.platform === 'win32' ? 'npm.cmd' : 'npm', webArgs, {
      shell: process.platform === 'win32',
    });
  }
}
