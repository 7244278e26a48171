/**
 * The headless Chromium the PDF engine launches (chromium.ts, cdp.ts): Debian's headless shell
 * where it is installed, driven over the DevTools pipe; one renderer for the page it prints in —
 * no omnibox pop-up pages, no spare renderer; its own --disable-features the only one on the
 * command line (Chromium keeps only the last); and the browser, its renderers and its profile
 * folder gone once the engine closes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchCdp } from '../../electron/backend/export/pdf/cdp';
import { findChromium, openChromiumEngine, PRINT_ARGS } from '../../electron/backend/export/pdf/chromium';
import { readPdfStructure } from '../../electron/backend/export/pdf/pdfReader';
import { requireChromium } from '../e2e/browser';

/** The processes under `root` (itself included) and their command lines. */
function processTree(root: number): { pid: number; args: string[] }[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended.
    }
  }
  const out: { pid: number; args: string[] }[] = [];
  const walk = (pid: number) => {
    try {
      out.push({ pid, args: readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') });
    } catch {
      return;
    }
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

describe('the PDF engine’s Chromium', () => {
  it('is Debian’s headless shell where it is installed (scripts/setup.sh installs it)', () => {
    requireChromium();
    expect(findChromium({}, 'linux')).toBe(existsSync('/usr/bin/chromium-headless-shell') ? '/usr/bin/chromium-headless-shell' : '/usr/bin/chromium');
  });

  it('runs one renderer for its page, with one --disable-features list', async () => {
    requireChromium();
    const browser = await launchCdp(findChromium(), PRINT_ARGS);
    try {
      const page = await browser.newPage();
      const loaded = page.once('Page.loadEventFired');
      await page.send('Page.enable');
      await page.send('Page.navigate', { url: 'data:text/html,<p>print</p>' });
      await loaded;
      const tree = processTree(browser.process.pid!);
      const main = tree.find((p) => p.args.includes('--remote-debugging-pipe'))!;
      expect(main.args.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
      const { processInfo } = (await browser.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string }[] };
      expect(processInfo.filter((p) => p.type === 'renderer')).toHaveLength(1);
      const { targetInfos } = (await browser.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] };
      expect(targetInfos.map((t) => `${t.type} ${t.url}`)).toEqual(['page data:text/html,<p>print</p>']);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('prints, then leaves no process and no profile folder behind', async () => {
    requireChromium();
    const engine = await openChromiumEngine();
    const before = new Set(processTree(process.pid).map((p) => p.pid));
    const pdf = await engine.print('<!doctype html><html><head><meta charset="utf-8"></head><body><p>打印</p></body></html>');
    expect(readPdfStructure(pdf).pages).toHaveLength(1);
    const during = processTree(process.pid).filter((p) => !before.has(p.pid) || p.pid !== process.pid);
    const profile = during.flatMap((p) => p.args).find((a) => a.startsWith('--user-data-dir='))!.slice('--user-data-dir='.length);
    expect(existsSync(profile)).toBe(true);
    await engine.close();
    expect(processTree(process.pid).map((p) => p.pid)).toEqual([process.pid]);
    expect(existsSync(profile)).toBe(false);
  }, 60_000);
});
