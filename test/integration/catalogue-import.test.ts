/**
 * Importing custom 科目 from a spreadsheet (.xlsx or UTF-8 CSV): through the service and the
 * `import-codes` CLI command. A malformed sheet gets a Chinese message (with row numbers),
 * exit code 1, and leaves the file's custom codes exactly as they were.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { importCodeSheet, readCodeSheet } from '../../electron/backend/services/catalogueImport';
import { deriveYear } from '../../electron/backend/services/reports';
import type { CustomCode } from '../../shared/domain/model';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const JINCHENG = join(ROOT, 'test/fixtures/jincheng-2023.json');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** A fresh folder with a data file holding seed 000 (晋城市商务局 2023) and one custom code. */
async function setup(): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'disclosure-codes-'));
  const file = join(dir, 'd.jsgk');
  expect((await cli(['import', JINCHENG, '--file', file])).code).toBe(EXIT_OK);
  expect((await cli(['add-code', '--file', file, '--catalogue', 'functional', '--code', '2011396', '--name', '原有自定义科目'])).code).toBe(EXIT_OK);
  return { dir, file };
}

function customCodes(file: string): CustomCode[] {
  const f = openDisclosureFile(file, { create: false, readonly: true });
  try {
    return new DisclosureRepository(f.db).listCustomCodes();
  } finally {
    closeDisclosureFile(f);
  }
}

type Cell = ExcelJS.CellValue;

async function xlsx(rows: Cell[][], options: { sheetsBefore?: string[] } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const name of options.sheetsBefore ?? []) workbook.addWorksheet(name).addRow(['说明', '本表无科目']);
  const sheet = workbook.addWorksheet('科目');
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((value, j) => {
      row.getCell(j + 1).value = value;
    });
    row.commit();
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function write(dir: string, name: string, bytes: Buffer | string): string {
  const target = join(dir, name);
  writeFileSync(target, bytes);
  return target;
}

describe('readCodeSheet', () => {
  it('reads numeric and text codes below a header that is not in the first row, skipping blank rows', async () => {
    const bytes = await xlsx([
      ['晋城市商务局自定义科目'],
      [],
      ['序号', ' 科目代码 ', '科目名称', '备注'],
      [1, 2011397, '自定义商贸事务'],
      [2, '２０１１３９８', { richText: [{ text: '自定义' }, { text: '招商服务' }] }],
      [],
      [null, '', '  '],
      [3, { formula: '2011300+99', result: 2011399 }, ' 其他商贸事务支出 ', '公式'],
      [4, '  21398 ', '自定义款'],
    ]);
    const sheet = await readCodeSheet(bytes, 'codes.xlsx', 'functional');
    expect(sheet.problems).toEqual([]);
    expect(sheet.codes).toEqual([
      { code: '2011397', name: '自定义商贸事务', row: 4 },
      { code: '2011398', name: '自定义招商服务', row: 5 },
      { code: '2011399', name: '其他商贸事务支出', row: 8 },
      { code: '21398', name: '自定义款', row: 9 },
    ]);
  });

  it('finds the header on a later worksheet and accepts 代码/名称 as headers', async () => {
    const bytes = await xlsx([['代码', '名称'], [30298, '自定义商品和服务支出']], { sheetsBefore: ['封面'] });
    const sheet = await readCodeSheet(bytes, 'codes.xlsx', 'economic');
    expect(sheet).toEqual({ codes: [{ code: '30298', name: '自定义商品和服务支出', row: 2 }], problems: [] });
  });

  it('reads CSV in UTF-8 with or without BOM, quoted fields and CRLF', async () => {
    const text = '说明：本表为自定义科目\r\n编码,科目名称\r\n2011397,自定义商贸事务\r\n\r\n"2011398","自定义""招商""服务"\r\n21398,"自定义款,其他"\r\n';
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])]) {
      const sheet = await readCodeSheet(bytes, 'codes.csv', 'functional');
      expect(sheet.problems).toEqual([]);
      expect(sheet.codes).toEqual([
        { code: '2011397', name: '自定义商贸事务', row: 3 },
        { code: '2011398', name: '自定义"招商"服务', row: 5 },
        { code: '21398', name: '自定义款,其他', row: 6 },
      ]);
    }
  });

  it('reports wrong lengths, non-digits, duplicates and missing names with their rows', async () => {
    const bytes = await xlsx([
      ['科目代码', '科目名称'],
      ['2011397', '自定义商贸事务'],
      ['201139', '六位代码'],
      ['20113A7', '含字母'],
      [2011397, '重复的代码'],
      ['2011398', null],
      [null, '只有名称'],
    ]);
    const sheet = await readCodeSheet(bytes, 'codes.xlsx', 'functional');
    expect(sheet.codes.map((c) => c.code)).toEqual(['2011397']);
    expect(sheet.problems.map((p) => p.row)).toEqual([3, 4, 5, 6, 7]);
    expect(sheet.problems[0]?.message).toContain('第3行：科目代码“201139”为6位，位数不对');
    expect(sheet.problems[1]?.message).toContain('数字以外的字符');
    expect(sheet.problems[2]?.message).toContain('第5行：科目代码 2011397 重复（第2行已有）');
    expect(sheet.problems[3]?.message).toContain('第6行：科目代码 2011398 没有科目名称');
    expect(sheet.problems[4]?.message).toContain('第7行：有科目名称“只有名称”但没有科目代码');
  });

  it('checks lengths for the chosen catalogue: economic codes are 3 or 5 digits', async () => {
    const bytes = Buffer.from('科目代码,科目名称\n3029801,七位经济分类\n', 'utf8');
    const sheet = await readCodeSheet(bytes, 'codes.csv', 'economic');
    expect(sheet.problems[0]?.message).toContain('经济分类科目代码应为3或5位数字');
  });

  it.each([
    ['random bytes named .xlsx', 'codes.xlsx', Buffer.from([0x13, 0x37, 0x00, 0xff, 0x42, 0x99, 0x10, 0x01]), '不是有效的 Excel 工作簿'],
    ['a zip that is not a workbook', 'codes.xlsx', Buffer.from('PK\u0003\u0004 not really a zip', 'latin1'), '不是有效的 Excel 工作簿'],
    ['an empty file', 'codes.xlsx', Buffer.alloc(0), '是空文件'],
    ['an encrypted or .xls workbook', 'codes.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), '加密'],
    ['a GBK CSV', 'codes.csv', Buffer.from([0xbf, 0xc6, 0xc4, 0xbf, 0xb4, 0xfa, 0xc2, 0xeb, 0x2c, 0x31, 0x0a]), 'UTF-8'],
    ['an unsupported format', 'codes.ods', Buffer.from('hello'), '不支持'],
  ])('%s throws a Chinese UserError', async (_what, name, bytes, message) => {
    await expect(readCodeSheet(bytes, name)).rejects.toThrow(message);
  });

  it('a Word document named .xlsx (a zip, but no workbook) throws a Chinese UserError', async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('科目代码 科目名称')] }] }));
    await expect(readCodeSheet(bytes, 'codes.xlsx')).rejects.toThrow('不是有效的 Excel 工作簿');
  });

  it('a truncated real .xlsx throws a Chinese UserError', async () => {
    const bytes = await xlsx([['科目代码', '科目名称'], ['2011397', '自定义商贸事务']]);
    await expect(readCodeSheet(bytes.subarray(0, Math.floor(bytes.length / 2)), 'codes.xlsx')).rejects.toThrow('不是有效的 Excel 工作簿');
  });
});

describe('importCodeSheet', () => {
  it('adds, renames and counts unchanged and shipped codes in one go', async () => {
    const { file: path } = await setup();
    const file = openDisclosureFile(path, { create: false });
    try {
      const bytes = await xlsx([
        ['科目代码', '科目名称'],
        ['2011396', '改名后的自定义科目'], // renamed
        ['2011397', '自定义商贸事务'], // added
        ['2011301', '行政运行'], // shipped, same name
        ['20113', '商贸事务'], // shipped, same name
      ]);
      const result = await importCodeSheet(file, 'functional', bytes, 'codes.xlsx');
      expect(result).toEqual({ added: 1, renamed: 1, unchanged: 0, skippedShipped: 2 });
      const again = await importCodeSheet(file, 'functional', bytes, 'codes.xlsx');
      expect(again).toEqual({ added: 0, renamed: 0, unchanged: 2, skippedShipped: 2 });
      expect(new DisclosureRepository(file.db).listCustomCodes()).toEqual([
        { catalogue: 'functional', code: '2011396', name: '改名后的自定义科目' },
        { catalogue: 'functional', code: '2011397', name: '自定义商贸事务' },
      ]);
    } finally {
      closeDisclosureFile(file);
    }
  });

  it('lists the first 20 problems with row numbers, then a count, and writes nothing', async () => {
    const { file: path } = await setup();
    const before = customCodes(path);
    const lines = ['科目代码,科目名称', '2011397,好的科目', ...Array.from({ length: 25 }, (_, i) => `${2011300 + i}1,八位代码${i}`)];
    const file = openDisclosureFile(path, { create: false });
    try {
      const error = await importCodeSheet(file, 'functional', Buffer.from(lines.join('\n'), 'utf8'), 'codes.csv').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      expect(message).toContain('“codes.csv”中有25处问题，未导入任何科目');
      expect(message).toContain('第3行：');
      expect(message).toContain('第22行：');
      expect(message).not.toContain('第23行：');
      expect(message).toContain('另有5处问题未列出');
    } finally {
      closeDisclosureFile(file);
    }
    expect(customCodes(path)).toEqual(before);
  });
});

describe('disclosure import-codes', () => {
  it('imports an .xlsx; a report and the tables then accept the new 7-digit code', async () => {
    const { dir, file } = await setup();
    const from = write(
      dir,
      'codes.xlsx',
      await xlsx([
        ['科目代码', '科目名称'],
        [2011397, '自定义商贸事务'],
        ['2011301', '行政运行'],
      ]),
    );
    const result = await cli(['import-codes', '--file', file, '--catalogue', 'functional', '--from', from]);
    expect(result.code, result.err).toBe(EXIT_OK);
    expect(result.err).toContain('导入支出功能分类科目：新增 1 个，更名 0 个，未变 0 个，内置目录已有而跳过 1 个。');
    expect(customCodes(file)).toEqual([
      { catalogue: 'functional', code: '2011396', name: '原有自定义科目' },
      { catalogue: 'functional', code: '2011397', name: '自定义商贸事务' },
    ]);

    // The exported report carries the custom codes; a report using 2011397 imports and derives.
    const exported = await cli(['export-json', '--file', file, '--year', '2023']);
    const doc = JSON.parse(exported.out) as { items: unknown[] };
    doc.items.push({ code: '2011397', income: { generalBudget: 100000 }, expenditure: { project: 100000 }, fiscal: { generalProject: 100000 } });
    const json = write(dir, 'with-2011397.json', JSON.stringify(doc));
    const reimported = await cli(['import', json, '--file', file, '--replace']);
    expect(reimported.code, reimported.err).toBe(EXIT_OK);
    const shown = await cli(['show', '--file', file, '--year', '2023', '--table', '03']);
    expect(shown.code, shown.err).toBe(EXIT_OK);
    expect(shown.out).toMatch(/^2011397 +自定义商贸事务/mu);
    const f = openDisclosureFile(file, { create: false, readonly: true });
    try {
      expect(deriveYear(f, 2023).loaded.catalogue.functionalName('2011397')).toBe('自定义商贸事务');
    } finally {
      closeDisclosureFile(f);
    }
  });

  it('imports economic codes from a UTF-8 CSV with BOM', async () => {
    const { dir, file } = await setup();
    const from = write(dir, 'codes.csv', '\uFEFF科目代码,科目名称\n30298,自定义商品和服务支出\n30201,办公费\n');
    const result = await cli(['import-codes', '--file', file, '--catalogue', 'economic', '--from', from]);
    expect(result.code, result.err).toBe(EXIT_OK);
    expect(result.err).toContain('导入经济分类科目：新增 1 个');
    expect(customCodes(file)).toContainEqual({ catalogue: 'economic', code: '30298', name: '自定义商品和服务支出' });
  });

  const malformed: [string, string, () => Promise<Buffer>, string[]][] = [
    ['random bytes named .xlsx', 'codes.xlsx', async () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256)), ['不是有效的 Excel 工作簿']],
    [
      'a truncated real .xlsx',
      'codes.xlsx',
      async () => {
        const bytes = await xlsx([['科目代码', '科目名称'], ['2011397', '自定义商贸事务']]);
        return bytes.subarray(0, bytes.length - 200);
      },
      ['不是有效的 Excel 工作簿'],
    ],
    ['a workbook without the header', 'codes.xlsx', () => xlsx([['代号', '说明'], ['2011397', '自定义商贸事务']]), ['找不到表头', '科目代码', '科目名称']],
    ['a code of wrong length', 'codes.xlsx', () => xlsx([['科目代码', '科目名称'], ['2011397', '好的科目'], [201139, '六位代码']]), ['第3行', '位数不对', '3、5或7位']],
    ['a duplicate', 'codes.xlsx', () => xlsx([[], ['科目代码', '科目名称'], ['2011397', '自定义'], [2011397, '再一次']]), ['第4行', '2011397 重复（第3行已有）']],
    ['a missing name', 'codes.csv', async () => Buffer.from('科目代码,科目名称\n2011397,自定义\n2011398,\n', 'utf8'), ['第3行', '2011398 没有科目名称']],
    ['a GBK CSV', 'codes.csv', async () => Buffer.from([0xbf, 0xc6, 0xc4, 0xbf, 0xb4, 0xfa, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0x0a]), ['UTF-8']],
    ['an empty file', 'codes.csv', async () => Buffer.alloc(0), ['空文件']],
  ];

  it.each(malformed)('%s: Chinese message, exit 1, custom codes unchanged', async (_what, name, make, messages) => {
    const { dir, file } = await setup();
    const before = customCodes(file);
    const dataBefore = readFileSync(file);
    const from = write(dir, name, await make());
    const result = await cli(['import-codes', '--file', file, '--catalogue', 'functional', '--from', from]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toMatch(/^错误：/u);
    for (const m of messages) expect(result.err).toContain(m);
    expect(result.err).not.toContain('程序内部错误');
    expect(customCodes(file)).toEqual(before);
    expect(readFileSync(file).equals(dataBefore)).toBe(true);
  });

  it.each([
    [['import-codes', '--file', 'x.jsgk', '--catalogue', 'functional'], '缺少参数 --from'],
    [['import-codes', '--file', 'x.jsgk', '--catalogue', 'other', '--from', 'c.csv'], '--catalogue 应为'],
    [['import-codes', '--file', 'x.jsgk', '--catalogue', 'functional', '--from', '/nonexistent/codes.xlsx'], '找不到文件'],
  ])('%j exits 1 with a Chinese message', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain(message);
  });
});
