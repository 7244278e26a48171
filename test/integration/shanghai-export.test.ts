/**
 * 上海's nine tables exported to Word and Excel (issue 14), read back by independent readers
 * (Debian's python-docx and openpyxl through /usr/bin/python3): seed 000 laid out in the 上海
 * template prints 表1 … 表9 with every figure at its row and column, no thousands separators,
 * 编制部门 and 单位：万元, the landscape tables on landscape pages, and sheets named after the
 * template's numbers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderDocx } from '../../electron/backend/export/docx';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { buildPackage, priorFromTyped } from '../../shared/domain/narrative';
import type { PackageModel } from '../../shared/domain/package';
import { type DerivedTable, deriveYearTables, tableList } from '../../shared/domain/tables';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = '/usr/bin/python3';
const FIGURES = new Set(['input', 'derived', 'na', 'code']);

function shanghaiModel(): PackageModel {
  const parsed = parseInterchangeText(readFileSync(join(ROOT, 'test/fixtures/jincheng-2023.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('\n'));
  const pkg = parsed.value;
  const report = { ...pkg.report, settings: { ...pkg.report.settings, template: '上海' as const } };
  const catalogue = getCatalogue(report.edition, pkg.customCodes);
  const tables = deriveYearTables(pkg.department, report, catalogue);
  return buildPackage({ department: pkg.department, report, catalogue, tables, prior: priorFromTyped(report) }).model;
}

const norm = (s: string) => s.replace(/\s+/gu, '');

/** The body rows of a table as the readers show them: each cell's text, a covered cell repeating its left neighbour. */
function bodyTexts(table: DerivedTable): string[][] {
  return table.rows.map((row) => {
    const out: string[] = [];
    for (const cell of row.cells) out.push(cell.kind === 'covered' && out.length > 0 ? out[out.length - 1]! : cell.text);
    return out;
  });
}

describe('上海 template: Word export of seed 000', () => {
  let model: PackageModel;
  let back: { tables: { section: number; rows: { texts: string[] }[] }[]; sections: { orientation: string }[]; paragraphs: { text: string }[] };

  beforeAll(async () => {
    model = shanghaiModel();
    const file = join(mkdtempSync(join(tmpdir(), 'sh-docx-')), 'sh.docx');
    writeFileSync(file, await renderDocx(model));
    const r = spawnSync(PYTHON, [join(ROOT, 'test/harness/read_docx.py'), file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`read_docx.py failed: ${r.stderr}`);
    back = JSON.parse(r.stdout) as typeof back;
  });

  it('prints the nine tables in order, every figure at its row and column, none with a thousands separator', () => {
    let from = 0;
    let figures = 0;
    for (const table of tableList(model.tables)) {
      const want = bodyTexts(table);
      const index = back.tables.findIndex((t, i) => i >= from && t.rows.length === table.header.length + want.length);
      expect(index, `${table.code} ${table.title}`).toBeGreaterThanOrEqual(0);
      const got = back.tables[index]!;
      table.rows.forEach((row, r) => {
        row.cells.forEach((cell, c) => {
          if (!FIGURES.has(cell.kind)) return;
          figures++;
          expect(norm(got.rows[table.header.length + r]!.texts[c] ?? '<missing>'), `${table.code} ${row.key} ${table.columns[c]?.key}`).toBe(norm(cell.text));
        });
      });
      from = index + 1;
    }
    expect(figures).toBeGreaterThan(300);
    const all = back.tables.flatMap((t) => t.rows.flatMap((r) => r.texts));
    expect(all.filter((x) => /^\d{1,3}(,\d{3})+\.\d\d$/u.test(x))).toEqual([]);
    expect(all).toContain('2384.38');
  });

  it('heads each table with its number and title, 编制部门 and 单位：万元', () => {
    const texts = back.paragraphs.map((p) => p.text);
    for (const [k, table] of tableList(model.tables).entries()) {
      expect(texts.some((t) => t.includes(table.title) && t.startsWith(['一', '二', '三', '四', '五', '六', '七', '八', '九'][k]!)), table.title).toBe(true);
    }
    expect(texts.some((t) => t.includes('编制部门：晋城市商务局') && t.includes('单位：万元'))).toBe(true);
    expect(texts).toContain('注：晋城市商务局无国有资本经营预算财政拨款支出，故本表无数据。');
    expect(texts.some((t) => t.includes('undefined'))).toBe(false);
  });

  it('drafts 上海’s eleven 情况说明 sections', () => {
    const texts = back.paragraphs.map((p) => p.text);
    expect(texts).toContain('十一、其他重要事项情况说明');
    expect(texts).toContain('七、财政拨款“三公”经费支出决算情况说明');
  });
});

describe('上海 template: Excel export of seed 000', () => {
  type Cell = [number, number, string | number | boolean, string];
  let sheets: { name: string; cells: Cell[] }[];
  let model: PackageModel;

  beforeAll(async () => {
    model = shanghaiModel();
    const file = join(mkdtempSync(join(tmpdir(), 'sh-xlsx-')), 'sh.xlsx');
    writeFileSync(file, await renderXlsx(model.tables));
    sheets = (JSON.parse(execFileSync(PYTHON, [join(ROOT, 'test/harness/read_xlsx.py'), file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as { sheets: typeof sheets }).sheets;
  });

  it('has a sheet per table named 表1 … 表9, each with every figure of the table as a number with no separators', () => {
    expect(sheets.map((s) => s.name)).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    for (const table of tableList(model.tables)) {
      const sheet = sheets.find((s) => s.name === table.code)!;
      const numbers = sheet.cells.filter((c) => typeof c[2] === 'number');
      for (const c of numbers) expect(c[3], `${table.code} ${c[0]},${c[1]}`).not.toContain('#,##0');
      const values = table.rows.flatMap((r) => r.cells.filter((c) => (c.kind === 'input' || c.kind === 'derived') && c.valueType === 'money' && (c.value ?? 0) !== 0));
      const printed = new Set(numbers.map((c) => Number(c[2]).toFixed(2)));
      for (const v of values) expect(printed.has(v.text), `${table.code} ${v.id} ${v.text}`).toBe(true);
    }
    const s7 = sheets.find((s) => s.name === '表7')!;
    expect(s7.cells.filter((c) => c[2] === '预算数' || c[2] === '决算数')).toHaveLength(2);
  });
});
