/**
 * PDF export of the real drafted packages (seed 000 and seed 002), printed by Debian's Chromium
 * and read back with an independent reader (poppler-utils): every printed figure of the ten
 * tables (the seed table test's figures) and every 情况说明 paragraph in the text, the 目录's
 * numbers on the pages the headings land on, the outline, fonts embedded, landscape pages for the
 * wide tables, header rows repeated on every page of a table, each 附件 自评表's figures on its pages.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageParts, printParts, readPdfStructure, renderPdf } from '../../electron/backend/export/pdf';
import { openChromiumEngine } from '../../electron/backend/export/pdf/chromium';
import type { PdfEngine } from '../../electron/backend/export/pdf/engine';
import type { PrintedPdf } from '../../electron/backend/export/pdf/render';
import { narrativePieces } from '../../electron/backend/export/print/printed';
import type { PackageModel } from '../../shared/domain/package';
import { formGrid } from '../../shared/domain/selfEvaluation';
import { chineseNumeral, SHANXI_TABLE_IDS } from '../../shared/domain/tables';
import { requireChromium } from '../e2e/browser';
import { fixturePackage } from '../harness/fixturePackage';
import { headingPlacements, pdfPages, type PdfPage, printedToc, requirePoppler, squash } from '../harness/pdfPages';
import { printedFigures } from '../harness/seedCompare';
import { readSeedTables, SEED_000, SEED_002 } from '../harness/seedTables';
import { expectTocMatchesPdf, tocTitles } from '../harness/tocCheck';

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`${command}: ${r.error.message} (install the Debian package poppler-utils)`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

interface OutlineNode {
  title: string;
  page: number;
  children: OutlineNode[];
}

/** The outline as poppler's pdftohtml reads it (`-xml`: nested <outline> lists of <item page="N">). */
function popplerOutline(pdf: string): OutlineNode[] {
  const xml = run('pdftohtml', ['-xml', '-i', '-q', '-stdout', pdf]);
  const start = xml.indexOf('<outline>');
  if (start < 0) return [];
  const root: OutlineNode[] = [];
  const stack: OutlineNode[][] = [];
  let list = root;
  for (const m of xml.slice(start).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (m[0] === '<outline>') {
      stack.push(list);
      list = stack.length === 1 ? root : (list.at(-1)?.children ?? list);
    } else if (m[0] === '</outline>') {
      list = stack.pop() ?? root;
      if (stack.length === 0) break;
    } else list.push({ title: m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'), page: Number(m[1]), children: [] });
  }
  return root;
}

/** Page sizes from pdfinfo, in points. */
function pageSizes(pdf: string, count: number): { width: number; height: number }[] {
  const out = run('pdfinfo', ['-f', '1', '-l', String(count), pdf]);
  return [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

/** Whitespace-separated tokens of pages' layout text (a figure is one token: cells are spaced apart). */
function tokens(pages: readonly PdfPage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of pages) for (const t of p.lines.join(' ').split(/\s+/)) if (t !== '') counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** A page rendered by poppler as 8-bit grey pixels (pdftoppm -gray, PGM). */
function greyPage(pdf: string, page: number): { width: number; height: number; dark: (x: number, y: number) => boolean } {
  const base = join(dir, `grey-${page}`);
  run('pdftoppm', ['-r', '100', '-gray', '-singlefile', '-f', String(page), '-l', String(page), pdf, base]);
  const data = readFileSync(`${base}.pgm`);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  const width = Number(m[1]);
  const height = Number(m[2]);
  const offset = m[0].length;
  return { width, height, dark: (x, y) => data[offset + y * width + x]! < 128 };
}

/**
 * Whether every table on a page is closed on the right: the long horizontal rules end at the same
 * x, and a vertical rule runs there from the first rule to the last.
 */
function rightRuleDrawn(pdf: string, page: number): { end: number; covered: number } {
  const g = greyPage(pdf, page);
  const rules: { y: number; end: number }[] = [];
  for (let y = 0; y < g.height; y++) {
    let n = 0;
    let end = -1;
    for (let x = 0; x < g.width; x++)
      if (g.dark(x, y)) {
        n++;
        end = x;
      }
    if (n > g.width * 0.5) rules.push({ y, end });
  }
  const end = Math.max(...rules.map((r) => r.end));
  const top = rules[0]!.y;
  const bottom = rules.at(-1)!.y;
  let covered = 0;
  for (let y = top; y <= bottom; y++) if (g.dark(end, y) || g.dark(end - 1, y)) covered++;
  return { end, covered: covered / (bottom - top + 1) };
}

const CASES = [
  { fixture: 'jincheng-2023.json', seed: SEED_000 },
  { fixture: 'yangquan-2024.json', seed: SEED_002 },
] as const;

let engine: PdfEngine;
let dir: string;

beforeAll(async () => {
  requireChromium();
  requirePoppler();
  engine = await openChromiumEngine();
  dir = mkdtempSync(join(tmpdir(), 'disclosure-pdf-'));
});

afterAll(async () => {
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(CASES)('PDF export of $fixture', ({ fixture, seed }) => {
  let model: PackageModel;
  let printed: PrintedPdf;
  let file: string;
  let pages: PdfPage[];
  const progress: [number, number][] = [];
  /** Physical pages (0-based, inclusive) of each table: from its title to the page before the next part. */
  const tablePages = new Map<string, PdfPage[]>();

  beforeAll(async () => {
    model = fixturePackage(fixture).model;
    printed = await renderPdf(model, engine, { onProgress: (done, total) => progress.push([done, total]) });
    file = join(dir, fixture.replace(/\.json$/, '.pdf'));
    writeFileSync(file, printed.pdf);
    pages = pdfPages(file);
    const titles = [...SHANXI_TABLE_IDS.map((id) => `${chineseNumeral(Number(id))}、${model.tables[id]!.title}`), '第三部分 情况说明'];
    const placed = headingPlacements(pages, titles);
    SHANXI_TABLE_IDS.forEach((id, k) => {
      const from = placed[k]!.pdfPage!;
      const next = placed[k + 1]!.pdfPage!;
      tablePages.set(id, pages.slice(from - 1, next - 1));
    });
  }, 120_000);

  it('prints the parts after the 目录 a few at a time, then the cover and the 目录, and reports progress to its total', () => {
    // Seed 000 with its 自评表 runs to over a hundred pages: more than one piece.
    expect(printed.passes).toBeGreaterThanOrEqual(3);
    expect(progress).toEqual(Array.from({ length: printed.passes }, (_, k) => [k + 1, printed.passes]));
    expect(printed.pageCount).toBe(pages.length);
    expect(pages.length).toBeGreaterThan(20);
  });

  it('prints in the 目录 the page each heading is on, the footers numbering from 第一部分', () => {
    expectTocMatchesPdf(model, file);
    expect(printed.toc.map((e) => e.text)).toEqual(tocTitles(model));
    expect(printedToc(pages).map((e) => e.page)).toEqual(printed.toc.map((e) => e.page));
  });

  it('has every printed figure of the ten tables in the text of that table’s pages', () => {
    const figures = printedFigures(readSeedTables(seed)).filter((f) => f.printed !== '');
    expect(figures.length).toBeGreaterThan(150);
    const missing: string[] = [];
    for (const id of SHANXI_TABLE_IDS) {
      const have = tokens(tablePages.get(id)!);
      const need = new Map<string, number>();
      for (const f of figures.filter((x) => x.table === id)) need.set(f.printed, (need.get(f.printed) ?? 0) + 1);
      for (const [text, n] of need) if ((have.get(text) ?? 0) < n) missing.push(`公开${id}表 ${text} ×${n} (found ${have.get(text) ?? 0})`);
    }
    expect(missing).toEqual([]);
  });

  it('prints each 附件 自评表 in its layout: every figure of its grid in the text of its pages', () => {
    const set = model.evaluation!;
    expect(set.forms.length).toBeGreaterThan(10);
    const titles = [...set.forms.map((f, k) => `附件${k + 1} ${f.name}`), ...set.keyReports.map((r, k) => `附件${set.forms.length + k + 1} ${r.title}`)];
    const placed = headingPlacements(pages, titles);
    const missing: string[] = [];
    set.forms.forEach((form, k) => {
      const from = placed[k]!.pdfPage!;
      const to = placed[k + 1]?.pdfPage ?? pages.length + 1;
      const have = tokens(pages.slice(from - 1, to - 1));
      const grid = formGrid(form, set.settings, { year: model.year, departmentName: model.department.name });
      const figures = grid.blocks.flatMap((b) => b.rows.flat()).filter((c) => c.value !== undefined && c.text !== '');
      expect(figures.length, form.name).toBeGreaterThan(3);
      for (const c of figures) if (!have.has(c.text)) missing.push(`附件${k + 1} ${c.text}`);
      // The grid's own title and the form's 总分 row are on its pages.
      expect(squash(pages.slice(from - 1, to - 1).map((p) => p.squashed).join('')), form.name).toContain(squash(grid.title));
    });
    expect(missing).toEqual([]);
  });

  it('has every paragraph of the 情况说明, 概况 and 名词解释 as selectable text', () => {
    // The body text without the footers, across page breaks.
    const text = pages.map((p) => squash((p.footer === null ? p.lines : p.lines.slice(0, -1)).join(''))).join('');
    const paragraphs = [
      ...model.narrative.flatMap((s) => [s.title, ...s.paragraphs.map((p) => narrativePieces(p.runs).map((x) => x.text).join(''))]),
      ...model.overview.duties,
      ...model.glossary.terms.map((t) => `${t.term}：${t.definition}`),
    ].filter((p) => p.trim() !== '');
    expect(paragraphs.length).toBeGreaterThan(40);
    expect(paragraphs.filter((p) => !text.includes(squash(p)))).toEqual([]);
  });

  it('has a PDF outline with an entry per part, table and section, each on its heading’s page', () => {
    const outline = popplerOutline(file);
    const part = (title: string) => outline.find((o) => squash(o.title) === squash(title));
    expect(outline.map((o) => squash(o.title))).toEqual(['目录', '第一部分概况', `第二部分${model.year}年部门决算表`, '第三部分情况说明', '第四部分名词解释', '第五部分附件']);
    expect(part('第五部分 附件')!.children.map((c) => squash(c.title))).toEqual(tocTitles(model).filter((t) => t.startsWith('附件')).map(squash));
    expect(part('第一部分 概况')!.children.map((c) => c.title)).toEqual(['一、本部门（单位）职责', '二、机构设置情况']);
    expect(part(`第二部分 ${model.year}年部门决算表`)!.children.map((c) => c.title)).toEqual(SHANXI_TABLE_IDS.map((id) => `${chineseNumeral(Number(id))}、${model.tables[id]!.title}`));
    expect(part('第三部分 情况说明')!.children.map((c) => c.title)).toEqual(model.narrative.map((s) => s.title));
    // No title written twice (Chromium does that to a heading whose line is shorter than its font).
    const all = (list: OutlineNode[]): OutlineNode[] => list.flatMap((o) => [o, ...all(o.children)]);
    expect(all(outline).filter((o) => o.title.length % 2 === 0 && o.title.slice(0, o.title.length / 2) === o.title.slice(o.title.length / 2))).toEqual([]);
    // Each entry's page is the page its heading is on.
    const flat = outline.slice(1).flatMap((o) => [o, ...o.children]);
    const placed = headingPlacements(pages, flat.map((o) => o.title));
    expect(flat.map((o) => `${o.title} → ${o.page}`)).toEqual(placed.map((h) => `${h.title} → ${h.pdfPage}`));
  });

  it('embeds every font (pdffonts)', () => {
    const rows = run('pdffonts', [file]).split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    const emb = rows.map((l) => /\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(l)?.[1] ?? `unreadable: ${l}`);
    expect(emb.filter((e) => e !== 'yes')).toEqual([]);
  });

  it('prints A4 pages, landscape for the wide tables, portrait for the rest', () => {
    const sizes = pageSizes(file, pages.length);
    expect(sizes).toHaveLength(pages.length);
    for (const s of sizes) expect([Math.round(Math.min(s.width, s.height)), Math.round(Math.max(s.width, s.height))]).toEqual([595, 842]);
    for (const id of SHANXI_TABLE_IDS) {
      for (const p of tablePages.get(id)!) expect(sizes[p.page - 1]!.width > sizes[p.page - 1]!.height, `公开${id}表 page ${p.page}`).toBe(model.tables[id]!.landscape);
    }
    expect(sizes[0]!.width).toBeLessThan(sizes[0]!.height);
  });

  it('draws each table’s right-hand rule (not clipped at the page’s text edge)', () => {
    const firstPages = [...SHANXI_TABLE_IDS.map((id) => tablePages.get(id)![0]!.page), ...(model.evaluation?.forms.length ? [headingPlacements(pages, [`附件1 ${model.evaluation.forms[0]!.name}`])[0]!.pdfPage!] : [])];
    for (const page of firstPages) expect(rightRuleDrawn(file, page).covered, `PDF page ${page}`).toBeGreaterThan(0.95);
  });

  it('repeats a table’s header rows on every page it runs over', () => {
    let spanning = 0;
    for (const id of SHANXI_TABLE_IDS) {
      const list = tablePages.get(id)!;
      if (list.length > 1) spanning += 1;
      // Header texts too short to wrap in their cells (long ones may break over lines in the text).
      const short = model.tables[id]!.header.flat().map((h) => h.text).filter((t) => [...t].length <= 3 && !/^\d+$/.test(t));
      expect(short.length, `公开${id}表`).toBeGreaterThan(0);
      for (const p of list) for (const t of short) expect(p.squashed, `公开${id}表 page ${p.page}`).toContain(squash(t));
    }
    if (fixture === 'jincheng-2023.json') expect(spanning).toBeGreaterThan(0);
  });
});

describe('printed one part per piece', () => {
  it('numbers the pages on from piece to piece, and every 目录 entry, link and bookmark still finds its heading', async () => {
    const { model } = fixturePackage('yangquan-2024.json');
    const parts = packageParts(model);
    const printed = await printParts(engine, { title: model.title, parts, chunkChars: 1 });
    // One print per part after the 目录 (but those that share a page with the part before), and one for the cover and 目录.
    const sharing = parts.slice(2).filter((p, k) => k > 0 && !p.newPage && p.page === parts[k + 1]!.page).length;
    expect(printed.passes).toBe(parts.length - 2 - sharing + 1);
    const file = join(dir, 'one-part-per-piece.pdf');
    writeFileSync(file, printed.pdf);
    expectTocMatchesPdf(model, file);
    const structure = readPdfStructure(printed.pdf);
    // The 目录's links (kept on its pages) and the bookmarks point at the pages of the headings.
    const links = structure.pages.flatMap((p) => p.links);
    expect(links).toHaveLength(printed.toc.length);
    const read = pdfPages(file);
    expect(links.map((id) => structure.dests.get(id))).toEqual(printed.toc.map((e) => read.findIndex((p) => p.printed === e.page)));
    const outline = popplerOutline(file);
    expect(outline.map((o) => o.title)).toContain('第三部分 情况说明');
    // The same pages as printed in the usual pieces.
    const usual = await renderPdf(model, engine);
    expect(printed.toc).toEqual(usual.toc);
    expect(printed.pageCount).toBe(usual.pageCount);
  }, 120_000);
});
