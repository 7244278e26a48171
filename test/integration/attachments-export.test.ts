/**
 * 第五部分 附件 in the exported files, read back by independent readers: python-docx finds every
 * form (24 晋城, 11 阳泉) with its project name, its indicator rows under a repeated header row and
 * its 总分, every cell of its three tables as the printed layout has it (funds, 执行率, every 分值
 * and 得分, 总分, 等级: the tables are written as XML text by our own writer, see
 * export/docx/textParts.ts), and the 重点评价报告's 评分表; openpyxl reads 自评汇总 and the 自评表 sheets. The Excel
 * file imports back (disclosure import-forms) to the same forms; a bad sheet is refused with its
 * sheet and cell, and nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxEvaluation } from '../../electron/backend/app/exportRender';
import { closeDisclosureFile, EvaluationRepository, openDisclosureFile } from '../../electron/backend/db';
import { renderDocx } from '../../electron/backend/export/docx';
import { renderXlsx } from '../../electron/backend/export/xlsx';
import { importFormWorkbook } from '../../electron/backend/services/formImport';
import { importReport, parseReportJson, UserError } from '../../electron/backend/services/reports';
import type { PackageModel } from '../../shared/domain/package';
import { figuresOf, formGrid, type GridCell, placeCells, type SelfEvaluationForm } from '../../shared/domain/selfEvaluation';
import { fixturePackage } from '../harness/fixturePackage';

const PYTHON = '/usr/bin/python3';
const READ_DOCX = fileURLToPath(new URL('../harness/read_docx.py', import.meta.url));
const READ_XLSX = fileURLToPath(new URL('../harness/read_xlsx.py', import.meta.url));

function python(script: string, file: string, pkg: string): unknown {
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: install the Debian package ${pkg}`);
  const r = spawnSync(PYTHON, [script, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status === 3) throw new Error(`install the Debian package ${pkg}: ${r.stderr}`);
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

interface DocxTable {
  section: number;
  rows: { texts: string[]; header: boolean }[];
}
interface XlsxSheet {
  name: string;
  cells: [number, number, string | number | null, string | null][];
  print_title_rows: string | null;
  orientation: string | null;
}

const FIXTURES = { 'jincheng-2023.json': 24, 'yangquan-2024.json': 11 } as const;
const dir = mkdtempSync(join(tmpdir(), 'disclosure-attachments-'));
const models = new Map<string, PackageModel>();

beforeAll(async () => {
  for (const name of Object.keys(FIXTURES)) {
    const { model } = fixturePackage(name);
    models.set(name, model);
    writeFileSync(join(dir, `${name}.docx`), await renderDocx(model));
    writeFileSync(join(dir, `${name}.xlsx`), await renderXlsx(model.tables, xlsxEvaluation(model)));
  }
}, 120_000);

const squash = (t: string) => t.replace(/\s+/gu, '');

const readBack = new Map<string, { tables: DocxTable[]; paragraphs: { text: string }[] }>();
/** python-docx's reading of a fixture's Word file, once per file. */
function docxOf(name: string): { tables: DocxTable[]; paragraphs: { text: string }[] } {
  let back = readBack.get(name);
  if (!back) readBack.set(name, (back = python(READ_DOCX, join(dir, `${name}.docx`), 'python3-docx') as { tables: DocxTable[]; paragraphs: { text: string }[] }));
  return back;
}

/** The cell texts python-docx gives for a block of a printed grid: a merged cell's text over every column and row it spans. */
function gridTexts(rows: GridCell[][], columns: number): string[][] {
  const out = rows.map(() => new Array<string>(columns).fill(''));
  placeCells(rows, columns).forEach((cells, r) => {
    for (const { cell, col, span } of cells) {
      for (let down = r; down < Math.min(r + (cell.rowSpan ?? 1), rows.length); down++) out[down]!.fill(cell.text, col, col + span);
    }
  });
  return out;
}

describe.each(Object.entries(FIXTURES))('%s: Word 第五部分 read back by python-docx', (name, count) => {
  it(`has ${count} forms, each with its project name, indicator rows under a repeated header, and its 总分`, () => {
    const model = models.get(name)!;
    const set = model.evaluation!;
    const back = docxOf(name);
    const last = Math.max(...back.tables.map((t) => t.section));
    const tables = back.tables.filter((t) => t.section === last);
    const infos = tables.filter((t) => t.rows[0]?.texts[0] === '项目名称');
    expect(infos.map((t) => t.rows[0]!.texts.at(-1))).toEqual(set.forms.map((f) => f.name));
    set.forms.forEach((form, k) => {
      const at = tables.indexOf(infos[k]!);
      const grid = tables[at + 1]!;
      const closing = tables[at + 2]!;
      expect(grid.rows[0]!.header, `${form.name}: header row repeats`).toBe(true);
      expect(grid.rows.slice(1).every((r) => !r.header)).toBe(true);
      const level3 = set.settings.layout === '阳泉' ? 4 : 3;
      expect(grid.rows.slice(1).map((r) => squash(r.texts[level3] ?? '')), form.name).toEqual(form.indicators.map((i) => squash(i.level3)));
      expect(closing.rows[0]!.texts[0]).toBe('总分');
      expect(closing.rows[0]!.texts).toContain(figuresOf(form, set.settings).totalText);
    });
  });

  it('has every cell of every form as the printed layout puts it: funds, 执行率, 分值, 得分, 总分, 等级 and the texts', () => {
    const model = models.get(name)!;
    const set = model.evaluation!;
    const back = docxOf(name);
    const last = Math.max(...back.tables.map((t) => t.section));
    const tables = back.tables.filter((t) => t.section === last);
    const starts = tables.flatMap((t, k) => (t.rows[0]?.texts[0] === '项目名称' ? [k] : []));
    expect(starts).toHaveLength(count);
    set.forms.forEach((form, k) => {
      const grid = formGrid(form, set.settings, { year: model.year, departmentName: model.department.name });
      expect(grid.blocks).toHaveLength(3);
      grid.blocks.forEach((block, b) => {
        const table = tables[starts[k]! + b]!;
        expect(table.rows.map((r) => r.texts), `${form.name}: table ${b + 1}`).toEqual(gridTexts(block.rows, grid.columns.length));
        expect(table.rows.map((r) => r.header)).toEqual(block.rows.map((_, r) => r < block.headerRows));
      });
    });
    // The derived figures are among those cells: the first form's 总分, and its 等级 where the layout prints one (晋城).
    const f = figuresOf(set.forms[0]!, set.settings);
    const cells = tables.slice(starts[0]!, starts[0]! + 3).flatMap((t) => t.rows.flatMap((r) => r.texts));
    expect(cells).toContain(f.totalText);
    if (set.settings.layout === '晋城') expect(cells).toContain(f.grade);
  });
});

describe('Word: the 重点评价报告 (seed 000)', () => {
  it('prints its sections and its 评价指标评分表 with 合计 100 and 等级 优', () => {
    const back = docxOf('jincheng-2023.json');
    const score = back.tables.find((t) => t.rows[0]?.texts.join('|') === '一级指标|分值|二级指标|分值|三级指标|分值|得分')!;
    expect(score.rows).toHaveLength(1 + 26 + 2);
    expect(score.rows[1]!.texts).toEqual(['A 政策制定', '20', 'A1 政策决策', '6', 'A101 政策出台必要性', '2', '2']);
    expect(score.rows.at(-2)!.texts.slice(-2)).toEqual(['100', '100']);
    expect(score.rows.at(-1)!.texts.at(-1)).toBe('优');
    const texts = back.paragraphs.map((p) => p.text);
    expect(texts).toContain('附件25 2023年度支持开发区建设发展专项资金项目重点评价报告');
    expect(texts).toContain('五、绩效自评复核情况');
  });
});

describe.each(Object.entries(FIXTURES))('%s: Excel read back by openpyxl', (name, count) => {
  it(`has 自评汇总 and ${count} sheets 自评表01…, figures as numbers`, () => {
    const set = models.get(name)!.evaluation!;
    const back = python(READ_XLSX, join(dir, `${name}.xlsx`), 'python3-openpyxl') as { sheets: XlsxSheet[] };
    const names = back.sheets.map((s) => s.name);
    expect(names.slice(10)).toEqual(['自评汇总', ...set.forms.map((_, k) => `自评表${String(k + 1).padStart(2, '0')}`)]);
    const summary = back.sheets.find((s) => s.name === '自评汇总')!;
    const at = (r: number, c: number) => summary.cells.find((x) => x[0] === r && x[1] === c)?.[2] ?? null;
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => at(3, c))).toEqual(['序号', '项目', '全年预算(万元)', '全年执行(万元)', '执行率', '总分', '等级']);
    set.forms.forEach((form, k) => {
      const f = figuresOf(form, set.settings);
      expect([at(4 + k, 2), at(4 + k, 3), at(4 + k, 4), at(4 + k, 6), at(4 + k, 7)], form.name).toEqual([
        form.name,
        f.funds.budget / 1_000_000,
        f.funds.spent / 1_000_000,
        Number(f.totalText),
        f.grade,
      ]);
      expect(at(4 + k, 5)).toEqual(f.rateBp === null ? '——' : f.rateBp / 10000);
    });
    const first = back.sheets.find((s) => s.name === '自评表01')!;
    expect(first.orientation).toBe('portrait');
    expect(first.print_title_rows).toMatch(/^\$?\d+:\$?\d+$/u);
  });
});

describe('importing the exported Excel back', () => {
  const comparable = (f: SelfEvaluationForm) => ({ ...f, id: '', printed: {} });

  it.each(Object.keys(FIXTURES))('%s: every form reads back as it was exported', async (name) => {
    const pkg = parseReportJson(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'), name);
    const file = openDisclosureFile(join(mkdtempSync(join(tmpdir(), 'disclosure-import-')), 'd.jsgk'), { create: true });
    try {
      importReport(file, { ...pkg, evaluation: { ...pkg.evaluation!, forms: [], keyReports: [] } }, { replace: false });
      const result = await importFormWorkbook(file, pkg.report.year, readFileSync(join(dir, `${name}.xlsx`)), `${name}.xlsx`);
      expect(result.added).toHaveLength(pkg.evaluation!.forms.length);
      expect(result.skipped).toHaveLength(11); // the ten tables and 自评汇总
      const back = new EvaluationRepository(file.db).load(pkg.report.year);
      expect(back.forms.map(comparable)).toEqual(pkg.evaluation!.forms.map(comparable));
    } finally {
      closeDisclosureFile(file);
    }
  });

  it('refuses a workbook with a bad score, naming sheet and cell, and writes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(readFileSync(join(dir, 'jincheng-2023.json.xlsx'))).buffer);
    const sheet = workbook.getWorksheet('自评表03')!;
    let target = '';
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        if (target === '' && cell.value === 20 && cell.address.startsWith('H')) {
          cell.value = '二十';
          target = cell.address;
        }
      });
    });
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const pkg = parseReportJson(readFileSync(new URL('../fixtures/jincheng-2023.json', import.meta.url), 'utf8'), 'j');
    const file = openDisclosureFile(join(mkdtempSync(join(tmpdir(), 'disclosure-import-')), 'd.jsgk'), { create: true });
    try {
      importReport(file, pkg, { replace: false });
      const before = new EvaluationRepository(file.db).load(2023);
      const error = await importFormWorkbook(file, 2023, bytes, '自评表.xlsx').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toBe(`“自评表.xlsx”中的自评表有误，未导入任何自评表：\n  - 工作表“自评表03” ${target}：“二十”不是有效的分数（不小于0，最多3位小数）`);
      expect(new EvaluationRepository(file.db).load(2023)).toEqual(before);
    } finally {
      closeDisclosureFile(file);
    }
  });
});
