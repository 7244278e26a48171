/**
 * The process the crash trials kill (test/harness/crash.ts). Bundled with esbuild before the trials
 * so each one starts in a fraction of a second. Acknowledgements go to stdout with a synchronous
 * write, so a line the parent has read was acknowledged before the kill.
 *
 *   import <file> <json>…  imports each JSON in turn like `disclosure import --replace`, printing
 *                          `ack <n>` after each one succeeded
 *   web <dataDir> <file>   serves the file in browser mode, printing `ready <url> <token>`; the
 *                          parent then sends write bursts over HTTP
 */
import fs from 'node:fs';
import { main } from '../../cli';
import { startWebServer } from '../../electron/backend/app/webServer';

function say(line: string): void {
  fs.writeSync(1, `${line}\n`);
}

async function importAll(file: string, sources: string[]): Promise<void> {
  for (const [n, source] of sources.entries()) {
    const code = await main(['import', source, '--file', file, '--replace'], { stdout: () => {}, stderr: (t) => fs.writeSync(2, t) });
    if (code !== 0) process.exit(code);
    say(`ack ${n}`);
  }
}

async function serve(dataDir: string, file: string, rendererDir: string): Promise<void> {
  const token = 't'.repeat(40);
  const server = await startWebServer({ port: 0, dataDir, rendererDir, open: { file }, token, log: () => {} });
  say(`ready ${server.url} ${server.token}`);
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'import') {
  const [file, ...sources] = args;
  if (file === undefined) throw new Error('import <file> <json>…');
  await importAll(file, sources);
} else if (mode === 'web') {
  const [dataDir, file, rendererDir] = args;
  if (dataDir === undefined || file === undefined || rendererDir === undefined) throw new Error('web <dataDir> <file> <rendererDir>');
  await serve(dataDir, file, rendererDir);
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
