/**
 * `disclosure compare … --xlsx` read back by an independent reader (openpyxl, Debian's
 * /usr/bin/python3, test/harness/read_xlsx.py): every line of every table with its four figures,
 * as numbers with number formats, printable; and the facts hash an export records (CLI output,
 * the Word and Excel files' keywords, the change log).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, main } from '../../cli';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import type { Comparison } from '../../shared/domain/compare';
import { factsHash } from '../../shared/domain/factsHash';
import { COMPARE_HEADER } from '../../electron/backend/export/compareXlsx';
import { twoYearFile } from '../harness/twoYears';
import { tempFolder } from './app-helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READER = join(ROOT, 'test/harness/read_xlsx.py');
const PYTHON = '/usr/bin/python3';

type Value = string | number | boolean;
type ReadCell = [number, number, Value, string, string | null, boolean, string | null, boolean];
interface ReadSheet {
  name: string;
  cells: ReadCell[];
  orientation: string | null;
  fitToWidth: number | null;
  print_title_rows: string | null;
}
interface ReadBook {
  properties: { keywords: string | null };
  sheets: ReadSheet[];
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function readBook(path: string): ReadBook {
  return JSON.parse(execFileSync(PYTHON, [READER, path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as ReadBook;
}

/** Body rows (below the header row 3) as arrays of 8 values, and each value cell's number format. */
function bodyRows(sheet: ReadSheet): { values: (Value | null)[]; formats: (string | null)[] }[] {
  const rows = new Map<number, { values: (Value | null)[]; formats: (string | null)[] }>();
  for (const [r, c, value, fmt] of sheet.cells) {
    if (r <= 3) continue;
    const row = rows.get(r) ?? { values: Array<Value | null>(8).fill(null), formats: Array<string | null>(8).fill(null) };
    row.values[c - 1] = value;
    row.formats[c - 1] = fmt;
    rows.set(r, row);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

const cents = (v: Value | null | undefined) => (typeof v === 'number' ? Math.round(v * 100) : v);
const basisPoints = (v: Value | null | undefined) => (typeof v === 'number' ? Math.round(v * 10000) : v);

describe('disclosure compare', () => {
  it('prints the changed lines and writes a workbook openpyxl reads back line by line with the four figures', async () => {
    const folder = tempFolder();
    const { path } = twoYearFile(folder);
    const xlsx = join(folder, '对比.xlsx');
    const json = await cli(['compare', '--file', path, '--year', '2024', '--with', '2023', '--json', '--xlsx', xlsx]);
    expect(json.code, json.err).toBe(EXIT_OK);
    const comparison = JSON.parse(json.out) as Comparison;
    expect(comparison).toMatchObject({ year: 2024, withYear: 2023, threshold: { rateBp: 1000, amountUnits: 100 } });

    const book = readBook(xlsx);
    expect(book.sheets.map((s) => s.name)).toEqual([...comparison.tables.map((t) => `公开${t.id}表`), '情况说明']);
    let figures = 0;
    for (const t of comparison.tables) {
      const sheet = book.sheets.find((s) => s.name === `公开${t.id}表`)!;
      expect(sheet.cells.filter(([r]) => r === 3).map(([, , v]) => v)).toEqual([...COMPARE_HEADER]);
      expect(sheet).toMatchObject({ orientation: 'landscape', fitToWidth: 1, print_title_rows: '$3:$3' });
      const rows = bodyRows(sheet);
      const expected = t.lines.flatMap((l) => l.figures.map((f) => ({ l, f })));
      if (expected.length === 0) {
        expect(rows.map((r) => r.values[0])).toEqual(['两年均无数据']);
        continue;
      }
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, k) => {
        const { l, f } = expected[k]!;
        const money = f.valueType === 'money';
        const amount = (v: number | null) => (money ? v ?? 0 : v ?? 0);
        expect(row.values.slice(0, 3), `${t.id} ${l.key}`).toEqual([l.code ?? l.lineNo ?? null, l.name, f.columnName]);
        const read = row.values.slice(3, 7).map((v, c) => (c === 3 ? basisPoints(v) : money ? cents(v) : v));
        expect(read, `${t.id} ${l.key} ${f.column}`).toEqual([amount(f.current), amount(f.prior), f.diff, f.rate]);
        for (const c of [3, 4, 5]) expect(typeof row.values[c], `${l.key} numbers as numbers`).toBe('number');
        expect(row.formats[3]).toBe(money ? '#,##0.00;-#,##0.00;0.00' : '0');
        if (f.rate !== null) expect(row.formats[6]).toBe('0.00%;-0.00%;0.00%');
        figures++;
      });
    }
    expect(figures).toBeGreaterThan(200);

    // Seed lines, as printed: 2011301 行政运行 本年支出合计 395.29 vs 350.00, +45.29, +12.94%.
    const t03 = bodyRows(book.sheets.find((s) => s.name === '公开03表')!);
    const admin = t03.find((r) => r.values[0] === '2011301' && r.values[2] === '本年支出合计')!;
    expect([cents(admin.values[3]), cents(admin.values[4]), cents(admin.values[5]), basisPoints(admin.values[6])]).toEqual([39529, 35000, 4529, 1294]);
    expect(admin.values[7]).toBe('超过阈值；见情况说明三、支出决算情况说明');
    const gone = t03.find((r) => r.values[0] === '2011302')!;
    expect(gone.values[7]).toBe('2023年有、2024年无；超过阈值；见情况说明三、支出决算情况说明');
    const t06 = bodyRows(book.sheets.find((s) => s.name === '公开06表')!);
    expect(t06.find((r) => r.values[0] === '31001')!.values[7]).toContain('上年名称“房屋建筑物构建”');
    const t09 = bodyRows(book.sheets.find((s) => s.name === '公开09表')!);
    const reception = t09.find((r) => r.values[1] === '决算数' && r.values[2] === '决算数公务接待费')!;
    expect(reception.values[6]).toBeNull(); // zero base: no rate
    expect(reception.values[7]).toBe('上年为0，不计增减率');

    const narrative = bodyRows(book.sheets.find((s) => s.name === '情况说明')!);
    expect(narrative).toHaveLength(comparison.narrative.length);
    expect(narrative[0]!.values.slice(0, 2)).toEqual(['incomeTotal', '收入总计']);
    expect([cents(narrative[0]!.values[3]), cents(narrative[0]!.values[4]), basisPoints(narrative[0]!.values[6])]).toEqual([1236743, 462261, 16754]);

    const text = await cli(['compare', '--file', path, '--year', '2024', '--with', '2023']);
    expect(text.out).toContain('  2011301 行政运行\n    * 本年支出合计：本年 395.29，上年 350.00，增减 45.29 12.94%\n');
    expect(text.out).toContain('  2011302 一般行政管理事务  [2023年有、2024年无]');
    expect(text.out).toContain('  第31行 总计  → 情况说明 n1.reason\n');
    const strict = await cli(['compare', '--file', path, '--year', '2024', '--with', '2023', '--rate', '15', '--amount', '50']);
    expect(strict.out).toContain('    * 本年支出合计：本年 12,367.43，上年 4,622.61，增减 7,744.82 167.54%');
    expect(strict.out).toContain('      本年支出合计：本年 395.29，上年 350.00，增减 45.29 12.94%');
    expect((await cli(['compare', '--file', path, '--year', '2024', '--with', '2024'])).err).toBe('错误：请选择两个不同的年度进行对比。\n');
    expect((await cli(['compare', '--file', path, '--year', '2024', '--with', '2021'])).err).toContain('文件中没有2021年度的数据');
  });

  it('export prints the facts hash and writes it into the files (a CLI export only reads the data file)', async () => {
    const folder = tempFolder();
    const { path } = twoYearFile(folder);
    const docx = join(folder, 'p.docx');
    const xlsx = join(folder, 'p.xlsx');
    const exported = await cli(['export', '--file', path, '--year', '2024', '--docx', docx, '--xlsx', xlsx]);
    expect(exported.code, exported.err).toBe(EXIT_OK);
    const file = openDisclosureFile(path, { create: false });
    let hash: string;
    try {
      const repo = new DisclosureRepository(file.db);
      hash = factsHash(repo.loadReport(2024));
      // Reading commands never write to the data file (they work while the app holds it).
      expect(repo.listChanges(2024).some((e) => e.action === '导出')).toBe(false);
    } finally {
      closeDisclosureFile(file);
    }
    expect(exported.err).toContain(`内容校验码（SHA-256，导出时的2024年度数据）：${hash}\n`);
    expect(readBook(xlsx).properties.keywords).toBe(`内容校验码 sha256:${hash}`);
    const keywords = execFileSync(PYTHON, ['-c', 'import docx, sys; print(docx.Document(sys.argv[1]).core_properties.keywords)', docx], { encoding: 'utf8' }).trim();
    expect(keywords).toBe(`内容校验码 sha256:${hash}`);
  });
});
