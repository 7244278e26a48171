/**
 * The headless Chromium the PDF engine launches (chromium.ts): one renderer for its page — no
 * omnibox pop-up pages, no spare renderer — and none of playwright-core's own disabled features
 * lost to ours (Chromium keeps only the last --disable-features).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PRINT_ARGS } from '../../electron/backend/export/pdf/chromium';
import { CHROMIUM, requireChromium } from '../e2e/browser';

/** The command line of the browser this process started (its child on /proc running Chromium's --remote-debugging-pipe). */
function browserCommandLine(): string[] {
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes('--remote-debugging-pipe')) return args;
    } catch {
      // The process ended.
    }
  }
  throw new Error('no browser process found');
}

describe('the PDF engine’s Chromium', () => {
  it('runs one renderer and keeps every feature playwright-core disables disabled', async () => {
    requireChromium();
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: PRINT_ARGS });
    try {
      const page = await browser.newPage();
      await page.setContent('<p>打印</p>');
      const cdp = await browser.newBrowserCDPSession();
      const lists = browserCommandLine().filter((a) => a.startsWith('--disable-features=')).map((a) => a.slice('--disable-features='.length).split(','));
      expect(lists.length).toBeGreaterThan(1);
      const applied = new Set(lists.at(-1));
      expect(lists.flat().filter((f) => !applied.has(f))).toEqual([]);
      const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
      expect(processInfo.filter((p) => p.type === 'renderer')).toHaveLength(1);
      const { targetInfos } = await cdp.send('Target.getTargets');
      expect(targetInfos.map((t) => `${t.type} ${t.url}`)).toEqual(['page about:blank']);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
