/**
 * Excel export of the ten tables, read back by an independent reader (Debian's openpyxl through
 * /usr/bin/python3, test/harness/read_xlsx.py) and printed to PDF by LibreOffice.
 *
 * Layout the assertions rely on (the published tables' order): row 1 title, row 2 公开NN表,
 * row 3 部门名称 / 年度 / 金额单位, header rows from row 4, the body right below the header,
 * then the 注 line and, for an empty table 07/08, 说明：本表无数据.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { parseInterchangeText } from '../../shared/domain/interchange';
import { deriveTables, type DerivedTable, type ShanxiTables, type HeaderCell, SHANXI_TABLE_IDS } from '../../shared/domain/tables';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const READER = join(ROOT, 'test/harness/read_xlsx.py');
const PYTHON = '/usr/bin/python3';
const MONEY_FORMAT = '#,##0.00;-#,##0.00;""';
/** The report's grouping setting off (seed 002): no thousands separators anywhere. */
const MONEY_FORMAT_PLAIN = '0.00;-0.00;""';
const COUNT_FORMAT = '0;-0;""';
const FIRST_HEADER_ROW = 4;

type Value = string | number | boolean;
/** [row, col, value, numFmt, fontName, bold, horizontal, wrap] */
type ReadCell = [number, number, Value, string, string | null, boolean, string | null, boolean];

interface ReadSheet {
  name: string;
  cells: ReadCell[];
  merged: string[];
  freeze: string | null;
  orientation: string | null;
  paperSize: number | null;
  fitToPage: boolean;
  fitToWidth: number | null;
  fitToHeight: number | null;
  print_title_rows: string | null;
  horizontalCentered: boolean;
  widths: Record<string, number | null>;
  heights: Record<string, number>;
}

interface ReadWorkbook {
  properties: { creator: string | null; title: string | null };
  sheets: ReadSheet[];
}

function load(fixture: string): ShanxiTables {
  const parsed = parseInterchangeText(readFileSync(join(ROOT, 'test/fixtures', fixture), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path} ${i.message}`).join('\n'));
  return deriveTables(parsed.value.department, parsed.value.report);
}

/** Fails (never skips) when Debian's Python or its openpyxl is missing. */
function requireOpenpyxl(): void {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} 不存在：请安装 Debian 软件包 python3-openpyxl（apt-get install python3-openpyxl，会带上 python3）`);
  }
  const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new Error(`${PYTHON} 无法导入 openpyxl：请安装 Debian 软件包 python3-openpyxl（apt-get install python3-openpyxl）\n${probe.stderr}`);
  }
}

function readBack(file: string): ReadWorkbook {
  requireOpenpyxl();
  const out = execFileSync(PYTHON, [READER, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as ReadWorkbook;
}

function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function rangeRef(row1: number, col1: number, row2: number, col2: number): string {
  return `${columnLetter(col1)}${row1}:${columnLetter(col2)}${row2}`;
}

/** An independent HTML-table placement of the header (covered positions omitted). */
function headerGrid(header: readonly (readonly HeaderCell[])[], columns: number) {
  const taken = header.map(() => new Set<number>());
  const out: { text: string; row: number; col: number; rowSpan: number; colSpan: number }[] = [];
  header.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (taken[r]!.has(c)) c++;
      const rowSpan = cell.rowSpan ?? 1;
      const colSpan = cell.colSpan ?? 1;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken[r + dr]!.add(c + dc);
      out.push({ text: cell.text, row: FIRST_HEADER_ROW + r, col: c + 1, rowSpan, colSpan });
      c += colSpan;
    }
  });
  for (const row of taken) expect(row.size, 'header rows cover every column').toBe(columns);
  return out;
}

function cellMap(sheet: ReadSheet): Map<string, ReadCell> {
  return new Map(sheet.cells.map((c) => [`${c[0]},${c[1]}`, c]));
}

/** Independent width check: a figure of k characters needs about k column units plus padding. */
function minWidthFor(text: string): number {
  return [...text].reduce((s, ch) => s + ((ch.codePointAt(0) ?? 0) >= 0x2000 ? 2 : 1), 0) + 1;
}

const CASES = [
  { fixture: 'jincheng-2023.json', department: '晋城市商务局', year: '2023年度', minFigures: 150 },
  { fixture: 'yangquan-2024.json', department: '阳泉市商务局', year: '2024年度', minFigures: 150 },
] as const;

describe.each(CASES)('$fixture', ({ fixture, department, year, minFigures }) => {
  const tables = load(fixture);
  let file = '';
  let book: ReadWorkbook;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    const buffer = await renderXlsx(tables, { onProgress: (done, total) => progress.push([done, total]) });
    expect(Buffer.isBuffer(buffer)).toBe(true);
    file = join(mkdtempSync(join(tmpdir(), 'disclosure-xlsx-')), `${department}.xlsx`);
    writeFileSync(file, buffer);
    book = readBack(file);
  });

  it('has one sheet per table in order, workbook properties and progress reports', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(SHANXI_TABLE_IDS.map((id) => `公开${id}表`));
    expect(book.properties.creator).toBe('部门决算公开助手');
    expect(book.properties.title).toContain(department);
    expect(progress.at(-1)).toEqual([10, 10]);
    expect(progress.map(([d]) => d)).toEqual([...progress.map(([d]) => d)].sort((a, b) => a - b));
  });

  describe.each(SHANXI_TABLE_IDS)('公开%s表', (id) => {
    const table: DerivedTable = tables[id];
    const n = table.columns.length;
    const lastHeaderRow = FIRST_HEADER_ROW + table.header.length - 1;
    const firstBodyRow = lastHeaderRow + 1;
    let sheet: ReadSheet;
    let cells: Map<string, ReadCell>;
    const at = (r: number, c: number) => cells.get(`${r},${c}`);

    beforeAll(() => {
      sheet = book.sheets[SHANXI_TABLE_IDS.indexOf(id)]!;
      cells = cellMap(sheet);
    });

    it('prints title, table code, org, year and unit lines above the header', () => {
      expect(at(1, 1)?.[2]).toBe(table.title);
      expect(at(1, 1)?.[5], 'title bold').toBe(true);
      expect(['黑体', '方正小标宋简体', '宋体']).toContain(at(1, 1)?.[4]);
      expect(sheet.merged).toContain(rangeRef(1, 1, 1, n));
      expect(at(2, 1)?.[2]).toBe(table.code);
      expect(at(2, 1)?.[6]).toBe('right');
      const row3 = sheet.cells.filter((c) => c[0] === 3).sort((a, b) => a[1] - b[1]);
      expect(row3.map((c) => c[2])).toEqual([table.orgLine, year, table.unitLine]);
      expect(table.orgLine).toContain(department);
      expect(row3.map((c) => c[6])).toEqual(['left', 'center', 'right']);
    });

    it('lays the header out with the merges the header cells say', () => {
      for (const h of headerGrid(table.header, n)) {
        const cell = at(h.row, h.col);
        if (h.text === '') expect(cell).toBeUndefined();
        else expect(String(cell?.[2]).replace(/\n/g, ''), `header ${h.text}`).toBe(h.text);
        if (h.rowSpan > 1 || h.colSpan > 1) {
          expect(sheet.merged).toContain(rangeRef(h.row, h.col, h.row + h.rowSpan - 1, h.col + h.colSpan - 1));
        }
        if (cell) {
          expect(cell[6]).toBe('center');
          expect(cell[7], 'header cells wrap').toBe(true);
          expect(cell[4]).toBe('宋体');
        }
      }
    });

    it('writes every body cell at its position: money as numbers, codes as text, —— centred', () => {
      let figures = 0;
      table.rows.forEach((row, i) => {
        const r = firstBodyRow + i;
        row.cells.forEach((cell, j) => {
          const got = at(r, j + 1);
          const where = `${table.code} row ${row.key} column ${table.columns[j]!.key}`;
          switch (cell.kind) {
            case 'input':
            case 'derived': {
              if (cell.text === '') {
                expect(got, where).toBeUndefined();
                break;
              }
              figures++;
              const expected = Number(cell.text.replace(/,/g, ''));
              expect(typeof got?.[2], where).toBe('number');
              expect(got?.[2], where).toBe(expected);
              if (cell.valueType === 'count') {
                expect(Number.isInteger(got?.[2]), where).toBe(true);
                expect(got?.[3], where).toBe(COUNT_FORMAT);
              } else {
                expect(got?.[3], where).toBe(expected === 0 ? '0.00' : table.grouping ? MONEY_FORMAT : MONEY_FORMAT_PLAIN);
              }
              expect(got?.[6], where).toBe('right');
              break;
            }
            case 'na':
              expect(got?.[2], where).toBe('——');
              expect(got?.[6], where).toBe('center');
              break;
            case 'code':
              expect(typeof got?.[2], where).toBe('string');
              expect(got?.[2], where).toBe(cell.text);
              break;
            case 'label':
              if (cell.text === '') expect(got, where).toBeUndefined();
              else expect(got?.[2], where).toBe(cell.text);
              break;
            case 'lineNo':
              if (cell.text === '') expect(got, where).toBeUndefined();
              else expect(got?.[2], where).toBe(Number(cell.text));
              break;
            case 'blank':
            case 'covered':
              expect(got, where).toBeUndefined();
              break;
          }
          if (got) {
            expect(got[4], `${where} font`).toBe('宋体');
            const bold = row.kind === 'total' || row.kind === 'class' || row.kind === 'section';
            expect(got[5], `${where} bold`).toBe(bold);
          }
          if ((cell.colSpan ?? 1) > 1) expect(sheet.merged, where).toContain(rangeRef(r, j + 1, r, j + cell.colSpan!));
        });
      });
      expect(figures > 0 || table.emptyNote !== undefined).toBe(true);
    });

    it('prints the 注 line (and 说明：本表无数据 for an empty table) below the table, and nothing else', () => {
      const noteRow = firstBodyRow + table.rows.length;
      expect(at(noteRow, 1)?.[2]).toBe(table.note);
      expect(sheet.merged).toContain(rangeRef(noteRow, 1, noteRow, n));
      if (table.emptyNote) {
        expect(at(noteRow + 1, 1)?.[2]).toBe('说明：本表无数据');
        expect(sheet.merged).toContain(rangeRef(noteRow + 1, 1, noteRow + 1, n));
      }
      const lastRow = noteRow + (table.emptyNote ? 1 : 0);
      expect(Math.max(...sheet.cells.map((c) => c[0]))).toBe(lastRow);
      expect(Math.max(...sheet.cells.map((c) => c[1]))).toBeLessThanOrEqual(n);
    });

    it('sets widths wide enough for the figures, A4 print setup, repeated header rows and frozen panes', () => {
      for (let c = 1; c <= n; c++) {
        const width = sheet.widths[columnLetter(c)];
        expect(width, `width of column ${columnLetter(c)}`).toBeGreaterThan(0);
        for (const row of table.rows) {
          const cell = row.cells[c - 1];
          if (!cell || (cell.colSpan ?? 1) > 1 || cell.text === '') continue;
          if (cell.kind === 'input' || cell.kind === 'derived' || cell.kind === 'code') {
            const shown = cell.valueType === 'money' ? Number(cell.text.replace(/,/g, '')).toLocaleString('en-US', { minimumFractionDigits: 2 }) : cell.text;
            expect(width!, `${table.code} column ${c} fits ${shown}`).toBeGreaterThanOrEqual(minWidthFor(shown));
          }
        }
      }
      expect(sheet.paperSize).toBe(9);
      expect(sheet.orientation).toBe(table.landscape ? 'landscape' : 'portrait');
      if (id === '04' || id === '06' || id === '09') expect(sheet.orientation).toBe('landscape');
      expect(sheet.fitToPage).toBe(true);
      expect(sheet.fitToWidth).toBe(1);
      expect(sheet.fitToHeight).toBe(0);
      expect(sheet.horizontalCentered).toBe(true);
      expect(sheet.print_title_rows).toBe(`$${FIRST_HEADER_ROW}:$${lastHeaderRow}`);
      expect(sheet.freeze).toBe(`A${firstBodyRow}`);
    });
  });

  it('merges the headers as the seeds do (01 收入 over 3 columns, 06 公用经费 over 9, 09 预算数 over 6)', () => {
    const merged = (id: string) => book.sheets.find((s) => s.name === `公开${id}表`)!.merged;
    expect(merged('01')).toEqual(expect.arrayContaining(['A4:C4', 'D4:F4']));
    expect(merged('04')).toEqual(expect.arrayContaining(['A4:C4', 'D4:I4']));
    expect(merged('06')).toEqual(expect.arrayContaining(['A4:C4', 'D4:L4']));
    expect(merged('09')).toEqual(expect.arrayContaining(['A4:F4', 'G4:L4', 'A5:A6', 'C5:E5']));
    expect(merged('02')).toEqual(expect.arrayContaining(['A4:B4', 'C4:C5', 'A6:B6']));
  });

  it('writes exactly the printed figures as numbers, nothing more', () => {
    const expected = SHANXI_TABLE_IDS.flatMap((id) => tables[id].rows.flatMap((r) => r.cells))
      .filter((c) => (c.kind === 'input' || c.kind === 'derived') && c.text !== '').length;
    const written = book.sheets.flatMap((s) => s.cells).filter((c) => typeof c[2] === 'number' && [MONEY_FORMAT, MONEY_FORMAT_PLAIN, COUNT_FORMAT, '0.00'].includes(c[3]));
    expect(expected).toBeGreaterThan(minFigures);
    expect(written.length).toBe(expected);
  });

  it('formats amounts with thousands separators exactly when the report says so (one setting for the package)', () => {
    const grouping = tables['01'].grouping;
    expect(grouping).toBe(fixture === 'jincheng-2023.json');
    const formats = new Set(book.sheets.flatMap((s) => s.cells).filter((c) => typeof c[2] === 'number').map((c) => c[3]));
    for (const f of formats) {
      if (!grouping) expect(f, 'no separator in any number format').not.toContain(',');
    }
    expect(formats.has(grouping ? MONEY_FORMAT : MONEY_FORMAT_PLAIN)).toBe(true);
  });

  it('keeps 科目代码 as text and money cells as numbers in 万元', () => {
    const t02 = book.sheets[1]!;
    const noteRow = FIRST_HEADER_ROW + tables['02'].header.length + tables['02'].rows.length;
    const codes = t02.cells.filter((c) => c[0] > FIRST_HEADER_ROW + 2 && c[0] < noteRow && c[1] === 1 && c[2] !== '合计');
    expect(codes.length).toBeGreaterThan(5);
    for (const c of codes) {
      expect(typeof c[2]).toBe('string');
      expect(c[2]).toMatch(/^\d{3,7}$/);
      expect(c[3], 'code cells are formatted as text').toBe('@');
    }
    const total = tables['01'].rows.find((r) => r.key === 'L31')!.cells[2]!;
    const sheet01 = cellMap(book.sheets[0]!);
    const printedTotal = sheet01.get(`${FIRST_HEADER_ROW + 3 + 30},3`);
    expect(printedTotal?.[2]).toBe(Number(total.text.replace(/,/g, '')));
    expect(printedTotal?.[2]).toBeCloseTo((total.value ?? 0) / 1_000_000, 2);
  });
});

describe('部门决算单位构成 sheet', () => {
  it('comes first when 下属单位 are listed: 序号, 单位名称, 备注 read back by openpyxl; absent otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-xlsx-units-'));
    const units = [
      { name: '晋城市商务局（本级）', note: '' },
      { name: '晋城市口岸服务中心', note: '预算不单列，并入本级' },
    ];
    const progress: [number, number][] = [];
    const file = join(dir, 'units.xlsx');
    writeFileSync(file, await renderXlsx(load('jincheng-2023.json'), { units, onProgress: (d, t) => progress.push([d, t]) }));
    const book = readBack(file);
    expect(book.sheets.map((s) => s.name)).toEqual(['部门决算单位构成', ...SHANXI_TABLE_IDS.map((id) => `公开${id}表`)]);
    expect(progress.at(-1)).toEqual([11, 11]);
    const cells = cellMap(book.sheets[0]!);
    expect(cells.get('1,1')?.[2]).toBe('部门决算单位构成');
    expect(cells.get('2,1')?.[2]).toBe('部门名称：晋城市商务局');
    expect([1, 2, 3].map((c) => cells.get(`3,${c}`)?.[2])).toEqual(['序号', '单位名称', '备注']);
    expect([1, 2, 3].map((c) => cells.get(`4,${c}`)?.[2])).toEqual([1, '晋城市商务局（本级）', undefined]);
    expect([1, 2, 3].map((c) => cells.get(`5,${c}`)?.[2])).toEqual([2, '晋城市口岸服务中心', '预算不单列，并入本级']);
    const none = join(dir, 'none.xlsx');
    writeFileSync(none, await renderXlsx(load('yangquan-2024.json'), { units: [] }));
    expect(readBack(none).sheets.map((s) => s.name)).toEqual(SHANXI_TABLE_IDS.map((id) => `公开${id}表`));
  });
});

// ---------------------------------------------------------------------------------------------
// Printing through LibreOffice

/** Maps the Windows Chinese font names to the Noto CJK fonts of fonts-noto-cjk, as a Chinese system would. */
const FONTS_CONF = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
${[
  ['宋体', 'Noto Serif CJK SC'],
  ['SimSun', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['SimHei', 'Noto Sans CJK SC'],
]
  .map(
    ([from, to]) =>
      `  <match target="pattern"><test name="family"><string>${from}</string></test><edit name="family" mode="assign" binding="strong"><string>${to}</string></edit></match>`,
  )
  .join('\n')}
</fontconfig>
`;

function which(tool: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

describe('LibreOffice prints the workbook', () => {
  it.each([
    { fixture: 'jincheng-2023', printed: '2,384.38' },
    // Seed 002 prints no thousands separators: LibreOffice shows what the number formats say.
    { fixture: 'yangquan-2024', printed: '12367.43' },
  ])('converts the $fixture workbook to a PDF with every table and no ### cells', async ({ fixture, printed }) => {
    const soffice = which('soffice');
    if (!soffice) throw new Error('soffice 不存在：请安装 Debian 软件包 libreoffice-calc-nogui');
    const dir = mkdtempSync(join(tmpdir(), 'disclosure-xlsx-pdf-'));
    const xlsx = join(dir, `${fixture}.xlsx`);
    writeFileSync(xlsx, await renderXlsx(load(`${fixture}.json`)));
    writeFileSync(join(dir, 'fonts.conf'), FONTS_CONF);
    const run = spawnSync(
      soffice,
      [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'out'), xlsx],
      { encoding: 'utf8', timeout: 90_000, env: { ...process.env, FONTCONFIG_FILE: join(dir, 'fonts.conf') } },
    );
    expect(run.error, `soffice: ${run.error?.message}`).toBeUndefined();
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const pdf = join(dir, 'out', `${fixture}.pdf`);
    expect(existsSync(pdf), `no PDF in ${readdirSync(dir).join(', ')}: ${run.stdout}${run.stderr}`).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    const bytes = readFileSync(pdf).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    const pages = bytes.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
    expect(pages, 'one page or more per table').toBeGreaterThanOrEqual(10);

    const pdftotext = which('pdftotext');
    if (!pdftotext) throw new Error('pdftotext 不存在：请安装 Debian 软件包 poppler-utils');
    const text = execFileSync(pdftotext, ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const id of SHANXI_TABLE_IDS) expect(text).toContain(`公开${id}表`);
    expect(text).toContain(printed);
    expect(text).toContain('说明：本表无数据');
    if (!printed.includes(',')) expect(text.match(/\d,\d{3}\.\d\d/g) ?? [], 'no grouped amount anywhere').toEqual([]);
    expect(text).not.toContain('###');
  }, 120_000);
});
