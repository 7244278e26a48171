/**
 * The Noto CJK faces that come with a print document (embeddedFonts.ts): a few MB instead of
 * 20–27 MB each, accepted by Chromium's font checker (a rejected face falls back to the system's
 * silently, so this is asserted), used for the text, and printing the same words in the same
 * places as the system's faces (poppler's pdftotext -bbox).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, PRINT_ARGS } from '../../electron/backend/export/pdf/chromium';
import { documentServer } from '../../electron/backend/export/pdf/documentServer';
import { embedFonts, findFace, fontDirectories } from '../../electron/backend/export/pdf/embeddedFonts';
import { FONT_STACKS, NOTO_FACES } from '../../electron/backend/export/pdf/fonts';
import { requireChromium } from '../e2e/browser';
import { requirePoppler } from '../harness/pdfPages';

// Punctuation pairs Chromium sets closer (text-spacing-trim), Latin, figures, both weights and both families.
const TEXT = '（一）“三公”经费财政拨款支出决算总体情况说明。2023年度收入合计1,234.56万元，增长12.5%，主要原因是……';
const body = `<p class="song">${TEXT}</p><p class="song b">${TEXT}</p><p class="hei">${TEXT}</p>`;
const page = (fontCss: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>@page { size: A4; margin: 20mm; } body { font-size: 14pt; } .song { font-family: ${FONT_STACKS.song}; } .b { font-weight: bold; } .hei { font-family: ${FONT_STACKS.hei}; } ${fontCss}</style></head><body>${body}</body></html>`;

const dir = mkdtempSync(join(tmpdir(), 'disclosure-fonts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Noto CJK faces as files cut down to the text', () => {
  it('finds the three faces the package uses, each a few MB where its collection is 20–27 MB', () => {
    const fonts = embedFonts(page(''));
    expect(fonts.files.size).toBe(3);
    for (const face of NOTO_FACES) {
      const found = findFace(face, fontDirectories())!;
      const source = statSync(found.file.path).size;
      found.file.close();
      const file = [...fonts.files].find(([name]) => name.startsWith(`${face.postScriptName}-`))!;
      expect(source).toBeGreaterThan(15_000_000);
      expect(file[1].length).toBeLessThan(5_000_000);
    }
    expect(fonts.covers(TEXT)).toBe(true);
    expect(fonts.covers('另一个字')).toBe(false);
  });

  it('is accepted by Chromium, used for the text, and prints every word where the system’s faces put it', async () => {
    requireChromium();
    requirePoppler();
    const fonts = embedFonts(page(''));
    const server = await documentServer();
    const browser = await chromium.launch({ executablePath: findChromium(), args: PRINT_ARGS });
    try {
      const tab = await browser.newPage();
      const warnings: string[] = [];
      tab.on('console', (m) => warnings.push(m.text()));
      const boxes: string[] = [];
      for (const doc of [{ html: page(fonts.css), files: fonts.files }, { html: page('') }]) {
        await tab.goto(server.url(doc), { waitUntil: 'load' });
        const status = await tab.evaluate(() => Promise.all(Array.from(document.fonts, (f) => f.load().then(() => `${f.family} ${f.weight} ${f.status}`, () => `${f.family} ${f.weight} error`))));
        if (doc.files) {
          expect(status.sort()).toEqual(['Noto Sans CJK SC 400 loaded', 'Noto Serif CJK SC 400 loaded', 'Noto Serif CJK SC 700 loaded', 'DisclosureTitle normal loaded'].sort());
          const cdp = await tab.context().newCDPSession(tab);
          await cdp.send('DOM.enable');
          await cdp.send('CSS.enable');
          const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
          const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'p' });
          for (const nodeId of nodeIds) {
            const { fonts: used } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
            expect(used.map((f) => f.isCustomFont)).toEqual([true]);
          }
        }
        const file = join(dir, `${boxes.length}.pdf`);
        writeFileSync(file, await tab.pdf({ preferCSSPageSize: true }));
        const r = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
        boxes.push(r.stdout.replace(/<meta[^>]*>|<title>.*<\/title>/g, ''));
      }
      expect(warnings.filter((w) => /OTS|decode/i.test(w))).toEqual([]);
      expect(boxes[0]).toContain('“三公”经费');
      expect(boxes[0]).toEqual(boxes[1]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});
