/**
 * A headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * the browser reads commands on its fd 3 and writes replies and events on fd 4, each message JSON
 * ended by a NUL byte). The PDF engine needs a handful of commands — open a page, load a
 * document, run a script, print — and this is all of it: playwright-core does the same and much
 * more, but loading it costs the exporting Node process about 70 MB of memory, most of what Node
 * adds to an export.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;

interface Pending {
  resolve(result: Params): void;
  reject(error: Error): void;
  method: string;
}

/** The browser closed, crashed or answered a command with an error. */
export class CdpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CdpError';
  }
}

/** A page (target) the browser runs: commands go to its session. */
export interface CdpPage {
  readonly targetId: string;
  send(method: string, params?: Params): Promise<Params>;
  /** Resolves on the page's next event `method` (e.g. Page.loadEventFired). */
  once(method: string): Promise<Params>;
  close(): Promise<void>;
}

export interface CdpBrowser {
  send(method: string, params?: Params): Promise<Params>;
  /** A new page in a browser context of its own (so in a renderer process of its own), attached. */
  newPage(): Promise<CdpPage>;
  /** Closes the browser and removes its profile folder. */
  close(): Promise<void>;
  readonly process: ChildProcess;
}

/** How long the browser has to answer its first command. */
const START_TIMEOUT_MS = 30_000;

/** Starts `executablePath` with `args` and a private profile folder, speaking the protocol on a pipe. */
export async function launchCdp(executablePath: string, args: readonly string[]): Promise<CdpBrowser> {
  const profile = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'disclosure-chromium-'));
  const child = spawn(executablePath, [...args, '--no-startup-window', '--remote-debugging-pipe', `--user-data-dir=${profile}`], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const removeProfile = () => fs.promises.rm(profile, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 4000) stderr += chunk;
  });

  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, { resolve(params: Params): void; reject(error: Error): void }[]>();
  let closed: Error | null = null;
  const fail = (error: Error) => {
    if (closed) return;
    closed = error;
    for (const p of pending.values()) p.reject(new CdpError(`${p.method}: ${error.message}`));
    pending.clear();
    for (const [key, waiting] of listeners) for (const w of waiting) w.reject(new CdpError(`${key.split('|')[1]}: ${error.message}`));
    listeners.clear();
  };
  child.once('error', (e) => fail(e));
  child.once('exit', (code, signal) => fail(new CdpError(`浏览器已退出（${signal ?? code}）${stderr.trim() ? `：${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`)));
  toBrowser.on('error', (e) => fail(e));

  let buffered: Buffer[] = [];
  fromBrowser.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      buffered.push(chunk.subarray(start, end));
      const text = Buffer.concat(buffered).toString('utf8');
      buffered = [];
      start = end + 1;
      dispatch(JSON.parse(text) as { id?: number; method?: string; params?: Params; sessionId?: string; result?: Params; error?: { message: string } });
    }
    if (start < chunk.length) buffered.push(chunk.subarray(start));
  });

  function dispatch(message: { id?: number; method?: string; params?: Params; sessionId?: string; result?: Params; error?: { message: string } }) {
    if (message.id !== undefined) {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.error) p.reject(new CdpError(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result ?? {});
      return;
    }
    if (!message.method) return;
    const key = `${message.sessionId ?? ''}|${message.method}`;
    const waiting = listeners.get(key);
    if (!waiting) return;
    listeners.delete(key);
    for (const listener of waiting) listener.resolve(message.params ?? {});
  }

  function send(method: string, params: Params = {}, sessionId?: string): Promise<Params> {
    if (closed) return Promise.reject(new CdpError(`${method}: ${closed.message}`));
    const id = nextId++;
    return new Promise<Params>((resolve, reject) => {
      pending.set(id, { resolve, reject, method });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  function once(method: string, sessionId: string): Promise<Params> {
    if (closed) return Promise.reject(new CdpError(`${method}: ${closed.message}`));
    return new Promise<Params>((resolve, reject) => {
      const key = `${sessionId}|${method}`;
      listeners.set(key, [...(listeners.get(key) ?? []), { resolve, reject }]);
    });
  }

  const kill = () => {
    try {
      if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  };

  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      send('Browser.getVersion'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CdpError(`浏览器在 ${START_TIMEOUT_MS / 1000} 秒内没有响应`)), START_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (e) {
    kill();
    await removeProfile();
    throw e;
  }

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    process: child,
    send: (method, params) => send(method, params),
    async newPage() {
      const { browserContextId } = (await send('Target.createBrowserContext', { disposeOnDetach: true })) as { browserContextId: string };
      const { targetId } = (await send('Target.createTarget', { url: 'about:blank', browserContextId })) as { targetId: string };
      const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
      return {
        targetId,
        send: (method, params) => send(method, params, sessionId),
        once: (method) => once(method, sessionId),
        async close() {
          if (closed) return;
          await send('Target.closeTarget', { targetId }).catch(() => undefined);
          await send('Target.disposeBrowserContext', { browserContextId }).catch(() => undefined);
        },
      };
    },
    async close() {
      if (!closed) {
        const timer = setTimeout(kill, 5000);
        await send('Browser.close').catch(() => undefined);
        await exited;
        clearTimeout(timer);
      } else kill();
      await removeProfile();
    },
  };
}
