#!/usr/bin/env node
// Entry of the `disclosure` command: runs the bundled CLI (dist/cli/disclosure.mjs). In a source
// checkout the bundle is built on first use and rebuilt when any file it was built from changed
// (scripts/build-cli.mjs); an installed package ships the bundle without the sources.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli', 'disclosure.mjs');
const inputs = join(root, 'dist', 'cli', 'inputs.json');

/** Whether the bundle is at least as new as every file it was built from. */
function fresh() {
  let built;
  let files;
  try {
    built = statSync(bundle).mtimeMs;
    files = JSON.parse(readFileSync(inputs, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(files)) return false;
  for (const file of files) {
    try {
      if (statSync(join(root, file)).mtimeMs > built) return false;
    } catch {
      return false; // a source was removed or renamed
    }
  }
  return true;
}

const isSourceCheckout = existsSync(join(root, 'cli', 'index.ts'));
if (isSourceCheckout && !fresh()) {
  try {
    const { buildCli } = await import('../scripts/build-cli.mjs');
    await buildCli();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    if (!existsSync(bundle)) {
      process.stderr.write(`错误：无法构建命令行程序（${reason}）。请先在项目目录运行 npm install。\n`);
      process.exit(2);
    }
    // E.g. a checkout this user may not write: run the bundle there is.
    process.stderr.write(`警告：源代码有改动，但无法重新构建命令行程序（${reason}），仍使用已有的版本。\n`);
  }
} else if (!existsSync(bundle)) {
  process.stderr.write('错误：缺少 dist/cli/disclosure.mjs，安装不完整。请重新安装本程序。\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
