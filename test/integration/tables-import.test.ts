/**
 * 导入Excel表格 (`disclosure import-tables`): round trips of both seeds through the app's own
 * Excel export, the audit of a changed total, an unknown 科目, the official printed layout, and
 * malformed workbooks refused with the sheet and cell named and the data file left untouched.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { checkYear, deriveYear } from '../../electron/backend/services/reports';
import { getCatalogue } from '../../shared/domain/catalogue';
import { parseInterchangeText, type ReportPackage } from '../../shared/domain/interchange';
import { deriveTables, type ShanxiTables } from '../../shared/domain/tables';
import { runChecks } from '../../shared/domain/checks';
import { officialWorkbook } from '../harness/officialWorkbook';
import { compareFigures, printedFigures } from '../harness/seedCompare';
import { readSeedTables, SEED_000, SEED_002, type SeedTableId } from '../harness/seedTables';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'disclosure-import-'));
}

function fixture(name: string): ReportPackage {
  const parsed = parseInterchangeText(readFileSync(join(ROOT, 'test/fixtures', name), 'utf8'));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
}

function derived(pkg: ReportPackage): ShanxiTables {
  return deriveTables(pkg.department, pkg.report, getCatalogue(pkg.report.edition, pkg.customCodes));
}

/** The app's Excel export of a package, written to a temp folder. */
async function exported(pkg: ReportPackage, dir: string, name = 'tables.xlsx'): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await renderXlsx(derived(pkg)));
  return path;
}

function tablesOf(file: string, year: number): ShanxiTables {
  const f = openDisclosureFile(file, { create: false, readonly: true });
  try {
    return deriveYear(f, year).tables;
  } finally {
    closeDisclosureFile(f);
  }
}

/** Figures compared as numbers: seed 002 prints without thousands separators, a new file groups them. */
function ungrouped(tables: ShanxiTables): ShanxiTables {
  for (const t of Object.values(tables)) for (const row of t.rows) for (const cell of row.cells) cell.text = cell.text.replace(/,/g, '');
  return tables;
}

async function editWorkbook(path: string, edit: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  edit(wb);
  await wb.xlsx.writeFile(path);
}

describe.each([
  { fixtureName: 'jincheng-2023.json', seed: SEED_000, year: 2023 },
  { fixtureName: 'yangquan-2024.json', seed: SEED_002, year: 2024 },
])('round trip of $fixtureName through the Excel export', ({ fixtureName, seed, year }) => {
  it('imports into a new file that prints every published figure of the ten tables', async () => {
    const dir = tempDir();
    const pkg = fixture(fixtureName);
    const xlsx = await exported(pkg, dir);
    const file = join(dir, 'new.jsgk');
    const run = await cli(['import-tables', '--file', file, '--year', String(year), '--from', xlsx]);
    expect(run.code, run.err).toBe(EXIT_OK);
    expect(run.out).toContain('读取了 10 张表');
    expect(run.out).toContain('审核：表中印的合计数与明细数一致。');
    const tables = ungrouped(tablesOf(file, year));
    const seedTables = readSeedTables(seed);
    const figures = printedFigures(seedTables).map((f) => ({ ...f, printed: f.printed.replace(/,/g, '') }));
    expect(figures.filter((f) => f.printed !== '').length).toBeGreaterThan(150);
    expect(compareFigures(tables, figures)).toEqual([]);
    // The department comes from the workbook; `show` prints the same figures.
    const shown = await cli(['show', '--file', file, '--year', String(year), '--table', '01']);
    expect(shown.out).toContain(`部门名称：${pkg.department.name}`);
    // 尾数 adjusted within the windows keeps every equality the data had: the same findings as the original.
    const f = openDisclosureFile(file, { create: false, readonly: true });
    try {
      const ids = (list: { ruleId: string }[]) => list.map((x) => x.ruleId).sort();
      const original = runChecks({ department: pkg.department, report: pkg.report, tables: derived(pkg) });
      expect(ids(checkYear(f, year).findings.filter((x) => !x.ruleId.startsWith('N') && !x.ruleId.startsWith('R-')))).toEqual(
        ids(original.filter((x) => !x.ruleId.startsWith('N') && !x.ruleId.startsWith('R-'))),
      );
    } finally {
      closeDisclosureFile(f);
    }
  });
});

describe('the audit of a workbook', () => {
  it('reports exactly the one total that was changed, with its cell and both figures', async () => {
    const dir = tempDir();
    const xlsx = await exported(fixture('jincheng-2023.json'), dir);
    let address = '';
    await editWorkbook(xlsx, (wb) => {
      const ws = wb.getWorksheet('公开03表')!;
      ws.eachRow((row, r) => {
        if (row.getCell(1).value === '合计') {
          address = `C${r}`;
          ws.getCell(address).value = 2385.38; // printed 2,384.38
        }
      });
    });
    expect(address).not.toBe('');
    const file = join(dir, 'audit.jsgk');
    const run = await cli(['import-tables', '--file', file, '--year', '2023', '--from', xlsx]);
    expect(run.code, run.err).toBe(EXIT_OK);
    const lines = run.out.split('\n');
    expect(run.out).toContain('审核：1 个合计数与明细数不一致');
    const reported = lines.filter((l) => l.includes('；导入后按明细数为'));
    expect(reported).toEqual([
      `  工作表“公开03表”${address} 表03 合计行 本年支出合计：表中印 2,385.38，明细数之和 2,384.37，相差 1.01 万元；导入后按明细数为 2,384.38`,
    ]);
    // The file holds the sum of the leaves.
    expect(tablesOf(file, 2023)['03'].rows[0]!.cells[2]!.text).toBe('2,384.38');
  });

  it('adds a 科目 the catalogue lacks, with the name the workbook prints', async () => {
    const dir = tempDir();
    const pkg = fixture('jincheng-2023.json');
    const item = pkg.report.items.find((i) => i.code === '2011399')!;
    item.code = '2011397';
    pkg.customCodes = [{ catalogue: 'functional', code: '2011397', name: '招商引资专项支出' }];
    const xlsx = await exported(pkg, dir);
    const file = join(dir, 'codes.jsgk');
    const run = await cli(['import-tables', '--file', file, '--year', '2023', '--from', xlsx]);
    expect(run.code, run.err).toBe(EXIT_OK);
    expect(run.out).toContain('新增科目 1 个（目录中没有，按表中印的名称添加）：\n  2011397 招商引资专项支出（支出功能分类）');
    const row = tablesOf(file, 2023)['03'].rows.find((r) => r.key === '2011397');
    expect(row?.cells.slice(0, 3).map((c) => c.text)).toEqual(['2011397', '招商引资专项支出', '220.14']);
  });
});

describe('the official printed layout', () => {
  it('imports tables 02, 03, 09 and 10 printed as blocks on one sheet, with split code columns and text figures', async () => {
    const dir = tempDir();
    const seed = readSeedTables(SEED_000);
    const xlsx = join(dir, 'official.xlsx');
    writeFileSync(xlsx, await officialWorkbook(seed));
    const file = join(dir, 'official.jsgk');
    const run = await cli(['import-tables', '--file', file, '--year', '2023', '--from', xlsx]);
    expect(run.code, run.err).toBe(EXIT_OK);
    expect(run.out).toContain('读取了 4 张表：公开02表（工作表“决算公开表”）、公开03表（工作表“决算公开表”）、公开09表（工作表“决算公开表”）、公开10表（工作表“决算公开表”）');
    const tables = tablesOf(file, 2023);
    const read: SeedTableId[] = ['02', '03', '09'];
    const figures = printedFigures(seed).filter((f) => read.includes(f.table));
    expect(figures.filter((f) => f.printed !== '').length).toBeGreaterThan(60);
    expect(compareFigures(tables, figures)).toEqual([]);
    // 表10: procurement and vehicles are typed; 机关运行经费 has no 表06 to default to: the printed figure is kept.
    const t10 = printedFigures(seed).filter((f) => f.table === '10');
    expect(compareFigures(tables, t10)).toEqual([]);
  });
});

describe('a malformed workbook', () => {
  async function existingFile(dir: string): Promise<string> {
    const file = join(dir, 'kept.jsgk');
    expect((await cli(['import', join(ROOT, 'test/fixtures/jincheng-2023.json'), '--file', file])).code).toBe(EXIT_OK);
    return file;
  }

  async function refused(xlsx: string, expected: RegExp[]): Promise<void> {
    const dir = tempDir();
    // Into an existing file (replacing), and into a new one.
    const file = await existingFile(dir);
    const before = readFileSync(file);
    const run = await cli(['import-tables', '--file', file, '--year', '2023', '--from', xlsx, '--replace']);
    expect(run.code).toBe(EXIT_USER);
    for (const re of expected) expect(run.err).toMatch(re);
    expect(run.err).toContain('未导入任何内容');
    expect(readFileSync(file).equals(before)).toBe(true);
    const fresh = join(dir, 'fresh.jsgk');
    expect((await cli(['import-tables', '--file', fresh, '--year', '2023', '--from', xlsx])).code).toBe(EXIT_USER);
    expect(existsSync(fresh)).toBe(false);
  }

  it('refuses a file that is not a workbook', async () => {
    const dir = tempDir();
    const xlsx = join(dir, 'notes.xlsx');
    writeFileSync(xlsx, '科目代码,金额\n2011301,753.32\n');
    await refused(xlsx, [/“notes\.xlsx”不是有效的 Excel 工作簿/]);
  });

  it('refuses a leaf cell that holds no number, naming its sheet and cell', async () => {
    const dir = tempDir();
    const xlsx = await exported(fixture('jincheng-2023.json'), dir);
    let address = '';
    await editWorkbook(xlsx, (wb) => {
      const ws = wb.getWorksheet('公开03表')!;
      ws.eachRow((row, r) => {
        if (row.getCell(1).value === '2011301') address = `D${r}`;
      });
      ws.getCell(address).value = '七五三.32';
    });
    await refused(xlsx, [new RegExp(`工作表“公开03表”单元格 ${address}的内容“七五三\\.32”不是数字`)]);
  });

  it('refuses a table whose header lost a column name, naming the sheet and the header cells', async () => {
    const dir = tempDir();
    const xlsx = await exported(fixture('jincheng-2023.json'), dir);
    await editWorkbook(xlsx, (wb) => {
      const ws = wb.getWorksheet('公开05表')!;
      ws.eachRow((row) => row.eachCell((cell) => {
        if (cell.value === '基本支出') cell.value = '';
      }));
    });
    await refused(xlsx, [/工作表“公开05表”的公开05表（A1起）：表头（A\d+:E\d+）中找不到“本年支出—基本支出”栏/]);
  });
});
