/**
 * `npm run web [-- 文件.jsgk] [--port N] [--data-dir 目录] [--no-open]`: the browser mode.
 *
 * Builds the renderer when dist/renderer is missing, starts the server on 127.0.0.1 (see
 * electron/backend/app/webServer.ts for the wire format and its security), opens the given file
 * or the demo file, and opens the page in the default browser (not on CI, not with --no-open).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RENDERER_DIR, startWebServer } from '../electron/backend/app/webServer';
import { defaultDataFolder } from '../electron/backend/app/host';

const ROOT = path.resolve(DEFAULT_RENDERER_DIR, '../..');

const USAGE = `用法：npm run web [-- <数据文件.jsgk>] [--port <端口>] [--data-dir <数据文件夹>] [--no-open]
  不指定文件时打开演示文件（晋城市商务局 2023 年度）。
  --port       监听端口（默认随机空闲端口），只监听 127.0.0.1
  --data-dir   数据文件夹（默认 ~/部门决算公开，或环境变量 DISCLOSURE_DATA_DIR）
  --no-open    不自动打开浏览器（在 CI 环境中本来就不会打开）
  --dev-port   开发用：同时接受来自该端口（界面的 Vite 开发服务器，npm run dev:renderer）的请求；
               此时可用环境变量 DISCLOSURE_TOKEN（至少 32 个字符）指定令牌
`;

interface Options {
  file: string | null;
  port: number;
  dataDir: string;
  openBrowser: boolean;
  devPort: number | undefined;
}

function portOption(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`${name}“${text}”无效，应为 0–65535 之间的整数。`);
  return port;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function readOptions(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-open': { type: 'boolean', default: false },
        'dev-port': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    fail(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  if (positionals.length > 1) fail(`一次只能打开一个文件。\n\n${USAGE}`);
  const port = portOption(values.port, '端口') ?? 0;
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const first = positionals[0];
  return {
    file: first === undefined ? null : path.resolve(cwd, first),
    port,
    dataDir: values['data-dir'] === undefined ? defaultDataFolder() : path.resolve(cwd, values['data-dir']),
    openBrowser: !values['no-open'] && !process.env.CI,
    devPort: portOption(values['dev-port'], '开发端口'),
  };
}

/** Builds the renderer when it is missing: `npm run build:renderer` if defined, else `npx vite build`. */
function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) return;
  const pkg: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const scripts = typeof pkg === 'object' && pkg !== null && 'scripts' in pkg ? pkg.scripts : undefined;
  const hasScript = typeof scripts === 'object' && scripts !== null && 'build:renderer' in scripts;
  const viteConfig = path.join(ROOT, 'renderer', 'vite.config.ts');
  const hasViteConfig = fs.existsSync(viteConfig);
  if (!hasScript && !hasViteConfig) {
    console.error('界面尚未构建，且找不到构建配置（npm run build:renderer 或 vite.config）。浏览器模式仍会启动，页面会给出提示。');
    return;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const [command, args] = hasScript ? [npm, ['run', 'build:renderer']] : [npx, ['--no-install', 'vite', 'build', '--config', viteConfig]];
  console.log(`界面尚未构建（dist/renderer 不存在），正在构建：${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0 || !fs.existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'))) {
    console.error('界面构建失败。浏览器模式仍会启动，但页面会提示先运行 npm run build:renderer。');
  }
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.log('未能自动打开浏览器，请手动访问上面的地址。'));
    child.unref();
  } catch {
    console.log('未能自动打开浏览器，请手动访问上面的地址。');
  }
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  ensureRendererBuilt();
  let server;
  try {
    const devToken = options.devPort === undefined ? undefined : process.env.DISCLOSURE_TOKEN || undefined;
    server = await startWebServer({
      port: options.port,
      dataDir: options.dataDir,
      open: options.file === null ? 'demo' : { file: options.file },
      devPort: options.devPort,
      token: devToken,
    });
  } catch (e) {
    // StorageError / AppError / UserError messages are complete Chinese sentences.
    const message = e instanceof Error ? e.message : String(e);
    fail(`浏览器模式未能启动：${message}`);
  }
  console.log(`浏览器模式已启动：${server.url}`);
  if (server.opened) console.log(`已打开：${path.join(server.opened.location, server.opened.name)}`);
  console.log(`数据文件夹：${server.dataDir}`);
  console.log('只接受本机访问；按 Ctrl+C 退出。');
  if (options.openBrowser) openInBrowser(server.url);

  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await main();
