/**
 * Word export of the whole package (electron/backend/export/docx.ts), read back with an
 * independent reader: Debian's python-docx (`/usr/bin/python3`, package python3-docx) through
 * test/harness/read_docx.py, then converted to PDF by LibreOffice headless; the 目录's page
 * numbers are checked against the pages the headings land on in that PDF (poppler-utils,
 * test/harness/pdfPages.ts), for the sample packages and the real drafted ones.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerLines, renderDocx } from '../../electron/backend/export/docx';
import type { PackageModel } from '../../shared/domain/package';
import { SHANXI_TABLE_IDS, type DerivedTable } from '../../shared/domain/tables';
import { fixturePackage } from '../harness/fixturePackage';
import { pinnedFontEnv } from '../harness/fontconfig';
import { pdfPages, requirePoppler } from '../harness/pdfPages';
import { samplePackage } from '../harness/samplePackage';
import { expectTocMatchesPdf, tocTitles } from '../harness/tocCheck';

const PYTHON = '/usr/bin/python3';
const READER = fileURLToPath(new URL('../harness/read_docx.py', import.meta.url));

interface ReadRow {
  texts: string[];
  ids: number[];
  header: boolean;
}
interface Readback {
  tables: { section: number; rows: ReadRow[] }[];
  sections: { orientation: 'portrait' | 'landscape'; width: number; height: number; ownFooter: boolean; footerHasPage: boolean | null; pageNumberFormat: string | null; pageNumberStart: string | null }[];
  toc: { present: boolean; instr: string | null; updateFields: boolean; entries: { style: string | null; text: string }[] };
  runs: { cjk: number; missingExplicit: { text: string; where: string }[]; missingEffective: { text: string; where: string }[]; fonts: Record<string, number> };
  paragraphs: { section: number; style: string | null; text: string }[];
}

function requirePythonDocx(): void {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: install the Debian packages python3 and python3-docx (apt-get install python3-docx)`);
  }
  const probe = spawnSync(PYTHON, ['-c', 'import docx'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`python-docx is missing for ${PYTHON}: install the Debian package python3-docx (apt-get install python3-docx)\n${probe.stderr}`);
  }
}

function readDocx(file: string): Readback {
  const r = spawnSync(PYTHON, [READER, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`read_docx.py failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as Readback;
}

function requireTool(command: string, args: string[], pkg: string): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is missing: install the Debian package ${pkg}`);
  }
}

/**
 * Word files to PDF with LibreOffice headless, in one run, with a private profile (no clash with
 * a running LibreOffice or another test's conversion) and pinned fonts (test/harness/fontconfig:
 * the package's font names drawn with Noto CJK and DejaVu Serif, whatever else is installed), so
 * the layout the 目录 test reads is the same on every machine. The PDFs are named after the files.
 */
function convertToPdf(outdir: string, files: string[]): ReturnType<typeof spawnSync> {
  requireTool('soffice', ['--version'], 'libreoffice-writer-nogui');
  const profile = mkdtempSync(join(tmpdir(), 'lo-'));
  try {
    return spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outdir, ...files],
      { encoding: 'utf8', timeout: 120_000, env: pinnedFontEnv(profile) },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Cell text as compared: python-docx shows a line break inside a cell as `\n`. */
const norm = (t: string) => t.replace(/\n/g, '');

/**
 * The table as python-docx should read it: texts per grid position (a merged cell's text repeated
 * over its span, across and down) and cell identities (same number = same merged cell).
 */
function expectedGrid(table: DerivedTable): { texts: string[][]; ids: number[][]; headerRows: number } {
  const columns = table.columns.length;
  const texts: string[][] = [];
  const ids: number[][] = [];
  let nextId = 0;
  const below: ({ text: string; id: number; rows: number } | null)[] = new Array(columns).fill(null);
  for (const row of table.header) {
    const t: string[] = new Array(columns).fill('');
    const d: number[] = new Array(columns).fill(-1);
    let col = 0;
    let k = 0;
    while (col < columns) {
      const down = below[col];
      if (down && down.rows > 0) {
        t[col] = down.text;
        d[col] = down.id;
        down.rows -= 1;
        col += 1;
        continue;
      }
      const cell = row[k++];
      if (!cell) break;
      const id = nextId++;
      const span = cell.colSpan ?? 1;
      for (let c = col; c < col + span; c++) {
        t[c] = cell.text;
        d[c] = id;
        if ((cell.rowSpan ?? 1) > 1) below[c] = { text: cell.text, id, rows: (cell.rowSpan ?? 1) - 1 };
      }
      col += span;
    }
    texts.push(t);
    ids.push(d);
  }
  for (const row of table.rows) {
    const t: string[] = [];
    const d: number[] = [];
    for (const cell of row.cells) {
      if (cell.kind === 'covered' && t.length > 0) {
        t.push(t[t.length - 1]!);
        d.push(d[d.length - 1]!);
      } else {
        t.push(cell.text);
        d.push(nextId++);
      }
    }
    texts.push(t);
    ids.push(d);
  }
  return { texts, ids, headerRows: table.header.length };
}

/** Renumbers identities by first appearance, so two merge layouts compare equal when they merge the same positions. */
function canonical(ids: number[][]): number[][] {
  const map = new Map<number, number>();
  return ids.map((row) =>
    row.map((id) => {
      if (!map.has(id)) map.set(id, map.size);
      return map.get(id)!;
    }),
  );
}

const FIGURE_KINDS = new Set(['input', 'derived', 'na', 'code']);

describe.each([['jincheng-2023.json'], ['yangquan-2024.json']])('Word export of %s', (fixture) => {
  let model: PackageModel;
  let dir: string;
  let file: string;
  let back: Readback;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    requirePythonDocx();
    model = samplePackage(fixture);
    dir = mkdtempSync(join(tmpdir(), 'disclosure-docx-'));
    file = join(dir, fixture.replace(/\.json$/, '.docx'));
    const buffer = await renderDocx(model, { onProgress: (done, total) => progress.push([done, total]) });
    writeFileSync(file, buffer);
    back = readDocx(file);
  });

  it('reports progress up to its total', () => {
    expect(progress.length).toBeGreaterThan(1);
    const total = progress[0]![1];
    expect(progress.map((p) => p[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(progress.every((p) => p[1] === total)).toBe(true);
  });

  it('has the ten tables in order, every cell at its row and column, merges as the header says', () => {
    let from = 0;
    let figures = 0;
    for (const id of SHANXI_TABLE_IDS) {
      const table = model.tables[id]!;
      const want = expectedGrid(table);
      const headerTexts = want.texts.slice(0, want.headerRows);
      const index = back.tables.findIndex(
        (t, i) => i >= from && t.rows.length >= want.headerRows && headerTexts.every((row, r) => JSON.stringify(t.rows[r]!.texts.map(norm)) === JSON.stringify(row)),
      );
      expect(index, `公开${id}表 (${table.title}) not found after Word table #${from}`).toBeGreaterThanOrEqual(0);
      const got = back.tables[index]!;
      expect(got.rows.length, `公开${id}表 row count`).toBe(want.texts.length);
      // Every figure at its place, with a message naming the cell.
      table.rows.forEach((row, r) => {
        const gotRow = got.rows[want.headerRows + r]!;
        row.cells.forEach((cell, c) => {
          if (!FIGURE_KINDS.has(cell.kind)) return;
          figures += 1;
          expect(norm(gotRow.texts[c] ?? '<missing>'), `公开${id}表 row ${row.key} column ${table.columns[c]?.key} (${cell.id ?? ''})`).toBe(cell.text);
        });
      });
      // And the whole grid: labels, line numbers, header texts, merged cells repeated.
      expect(got.rows.map((row) => row.texts.map(norm)), `公开${id}表 texts`).toEqual(want.texts);
      expect(canonical(got.rows.map((row) => row.ids)), `公开${id}表 merged cells`).toEqual(canonical(want.ids));
      expect(
        got.rows.map((row) => row.header),
        `公开${id}表 header rows repeat on every page`,
      ).toEqual(want.texts.map((_, r) => r < want.headerRows));
      from = index + 1;
    }
    expect(figures).toBeGreaterThan(300);
  });

  it('prints wide tables on landscape pages and the others on portrait pages, all A4', () => {
    let from = 0;
    const sectionOf = new Map<string, number>();
    for (const id of SHANXI_TABLE_IDS) {
      const first = model.tables[id]!.header[0]!.map((h) => h.text);
      const index = back.tables.findIndex((t, i) => i >= from && first.every((text) => t.rows[0]!.texts.map(norm).includes(text)));
      expect(index).toBeGreaterThanOrEqual(0);
      sectionOf.set(id, back.tables[index]!.section);
      from = index + 1;
    }
    for (const id of ['04', '06', '09']) expect(back.sections[sectionOf.get(id)!]!.orientation, `公开${id}表`).toBe('landscape');
    for (const id of SHANXI_TABLE_IDS) {
      const s = back.sections[sectionOf.get(id)!]!;
      expect(s.orientation, `公开${id}表`).toBe(model.tables[id]!.landscape ? 'landscape' : 'portrait');
      // Each table on its own page: a section of its own.
      expect(SHANXI_TABLE_IDS.filter((other) => sectionOf.get(other) === sectionOf.get(id))).toEqual([id]);
    }
    for (const s of back.sections) {
      expect([s.width, s.height].sort((a, b) => a - b)).toEqual([11906, 16838]);
      expect(s.orientation === 'landscape').toBe(s.width > s.height);
    }
  });

  it('has a TOC field over headings 1-2, updated on open, listing every part and table', () => {
    expect(back.toc.present).toBe(true);
    expect(back.toc.instr).toMatch(/TOC/);
    expect(back.toc.instr).toContain('\\o "1-2"');
    expect(back.toc.instr).toContain('\\h');
    expect(back.toc.updateFields).toBe(true);
    const entries = back.toc.entries.map((e) => e.text.split('\t')[0]);
    expect(entries).toEqual(tocTitles(model));
    // Page numbers written with the file (Word and WPS refresh them on open).
    for (const e of back.toc.entries) expect(e.text, e.text).toMatch(/\t\d+$/);
  });

  it('numbers the pages in the footer of every section after the cover', () => {
    expect(back.sections.length).toBeGreaterThanOrEqual(13);
    expect(back.sections[0]!.ownFooter).toBe(false);
    back.sections.slice(1).forEach((s, i) => {
      expect(s.ownFooter, `section ${i + 1}`).toBe(true);
      expect(s.footerHasPage, `section ${i + 1}`).toBe(true);
    });
    // 第一部分 starts at page 1.
    expect(back.sections[2]!.pageNumberStart).toBe('1');
  });

  it('sets an east-Asian font on every run with Chinese text', () => {
    expect(back.runs.cjk).toBeGreaterThan(300);
    expect(back.runs.missingExplicit).toEqual([]);
    expect(back.runs.missingEffective).toEqual([]);
    for (const font of ['方正小标宋简体', '黑体', '楷体', '仿宋_GB2312', '宋体']) expect(Object.keys(back.runs.fonts)).toContain(font);
  });

  it('prints the cover, 概况, narrative, glossary and attachments in the seeds’ order', () => {
    const texts = back.paragraphs.map((p) => p.text);
    const at = (t: string) => {
      const i = texts.findIndex((x) => x === t || x.startsWith(t));
      expect(i, t).toBeGreaterThanOrEqual(0);
      return i;
    };
    expect(back.paragraphs[0]!.text).toBe(model.title);
    expect(back.paragraphs[0]!.section).toBe(0);
    const order = [
      at('第一部分 概况'),
      at(`（一）${model.overview.duties[0]}`),
      at(`（三）${model.overview.duties[2]}`),
      at('二、机构设置情况'),
      at(model.overview.organisation),
      at(`第二部分 ${model.year}年部门决算表`),
      at('一、收入支出决算总表'),
      at('公开01表'),
      at(model.tables['01']!.note),
      at('十、部门决算公开相关信息统计表'),
      at('第三部分 情况说明'),
      at(model.narrative[0]!.title),
      at('第四部分 名词解释'),
      at(`一、${model.glossary.terms[0]!.term}：${model.glossary.terms[0]!.definition}`),
      at(`十二、${model.glossary.terms[11]!.term}：`),
      at(model.glossary.extra),
      at('第五部分 附件'),
      at(model.attachments[0]!),
    ];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The org / year / unit line of every table.
    for (const id of SHANXI_TABLE_IDS) {
      const t = model.tables[id]!;
      expect(texts).toContain(`${t.orgLine}\t${t.yearLine}\t${t.unitLine}`);
      if (t.emptyNote) expect(texts).toContain(t.emptyNote);
    }
    // Figures of the narrative as plain text; the unfilled required field visible.
    const n1 = texts.find((x) => x.startsWith(`${model.year}年度收入总计`));
    expect(n1).toContain(model.tables['01']!.rows.find((r) => r.key === 'L31')!.cells[2]!.text);
    expect(n1).toMatch(/主要原因是【待填写(：[^】]*)?】。$/);
    // An unfilled optional field prints nothing.
    expect(texts.some((x) => x.startsWith('一般公共服务支出（类）') && x.endsWith('万元。'))).toBe(true);
  });

  it('prints the 部门决算单位构成 (序号, 单位名称, 备注) after 二、机构设置情况 when 下属单位 are listed', () => {
    const units = model.overview.units;
    const texts = back.paragraphs.map((p) => p.text);
    const unitTables = back.tables.filter((t) => JSON.stringify(t.rows[0]?.texts.map(norm)) === JSON.stringify(['序号', '单位名称', '备注']));
    if (fixture === 'yangquan-2024.json') {
      // Seed 002 lists no 下属单位: no table.
      expect(units).toEqual([]);
      expect(unitTables).toEqual([]);
      expect(texts).not.toContain('部门决算单位构成');
      return;
    }
    expect(units.map((u) => u.name)).toEqual(['晋城市商务局（本级）', '晋城市商贸流通产业促进中心', '晋城市口岸服务中心', '晋城市对外劳务咨询和市场建设服务中心']);
    expect(unitTables).toHaveLength(1);
    const table = unitTables[0]!;
    expect(table.rows.map((r) => r.texts.map(norm))).toEqual([['序号', '单位名称', '备注'], ...units.map((u, k) => [String(k + 1), u.name, u.note])]);
    expect(table.rows[0]?.header).toBe(true);
    // In 第一部分 (the section after the 目录), after 二、机构设置情况 and before 第二部分.
    expect(table.section).toBe(back.paragraphs.find((p) => p.text === '二、机构设置情况')?.section);
    const title = texts.indexOf('部门决算单位构成');
    expect(title).toBeGreaterThan(texts.indexOf('二、机构设置情况'));
    expect(title).toBeLessThan(texts.indexOf(`第二部分 ${model.year}年部门决算表`));
  });

  it('converts to PDF with LibreOffice headless', () => {
    requireTool('pdftotext', ['-v'], 'poppler-utils');
    const r = convertToPdf(dir, [file]);
    expect(r.error, String(r.error)).toBeUndefined();
    expect(r.status, String(r.stderr)).toBe(0);
    const pdf = file.replace(/\.docx$/, '.pdf');
    expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout.replace(/\s+/g, '');
    expect(text).toContain(model.tables['06']!.title);
    expect(text).toContain(model.tables['01']!.rows.find((r) => r.key === 'L31')!.cells[2]!.text);
    expect(text).toContain('第五部分附件');
  }, 180_000);

  it('prints in the 目录 the pages the headings land on in LibreOffice’s PDF (sample package)', () => {
    requirePoppler();
    const pdf = file.replace(/\.docx$/, '.pdf');
    expect(existsSync(pdf), `${pdf} was not written (the conversion above failed)`).toBe(true);
    expectTocMatchesPdf(model, pdf);
  });
});

describe('目录 page numbers of the real drafted packages against LibreOffice’s PDF', () => {
  const fixtures = ['jincheng-2023.json', 'yangquan-2024.json'];
  const models = new Map<string, PackageModel>();
  let dir: string;

  beforeAll(async () => {
    requirePoppler();
    dir = mkdtempSync(join(tmpdir(), 'disclosure-docx-toc-'));
    const files: string[] = [];
    for (const fixture of fixtures) {
      const { model } = fixturePackage(fixture);
      models.set(fixture, model);
      const file = join(dir, fixture.replace(/\.json$/, '.docx'));
      writeFileSync(file, await renderDocx(model));
      files.push(file);
    }
    // Both files in one LibreOffice run.
    const r = convertToPdf(dir, files);
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${String(r.stderr)}`);
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(fixtures)('%s: every heading on the page its 目录 entry prints', (fixture) => {
    const pdf = join(dir, fixture.replace(/\.json$/, '.pdf'));
    expect(existsSync(pdf), `${pdf} was not written`).toBe(true);
    expectTocMatchesPdf(models.get(fixture)!, pdf);
  });

  it.each([
    { fixture: 'jincheng-2023.json', grouping: true },
    { fixture: 'yangquan-2024.json', grouping: false },
  ])('$fixture: amounts print with thousands separators everywhere or nowhere (grouping $grouping)', ({ fixture, grouping }) => {
    const pdf = join(dir, fixture.replace(/\.json$/, '.pdf'));
    const text = pdfPages(pdf).map((p) => p.squashed).join('');
    const grouped = text.match(/\d,\d{3}\.\d\d/g) ?? [];
    if (grouping) {
      expect(text).toContain('2,384.38万元'); // narrative
      expect(grouped.length).toBeGreaterThan(20);
    } else {
      // Tables and narrative alike: 12367.43 in 公开01表 and in 一、收入支出决算总体情况说明.
      expect(grouped).toEqual([]);
      expect(text).toContain('2024年度收入总计12367.43万元');
    }
  });
});

describe('header text wrapping', () => {
  it('splits a header that does not fit into balanced lines', () => {
    // 14/138 of a landscape page at 9pt: room for 7 characters.
    expect(headerLines('附属单位上缴收入', 1478, 18)).toEqual(['附属单位', '上缴收入']);
    expect(headerLines('本年收入合计', 1478, 18)).toEqual(['本年收入合计']);
    expect(headerLines('1', 300, 18)).toEqual(['1']);
  });
});

describe('reader prerequisites', () => {
  it('fails (does not skip) without Debian python-docx', () => {
    expect(() => requirePythonDocx()).not.toThrow();
    expect(readFileSync(READER, 'utf8')).toContain('python3-docx');
  });
});
