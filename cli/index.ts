/**
 * The `disclosure` command line: import, show, export-json over the same backend as the app.
 * Exit codes: 0 ok, 1 a user error (Chinese message on stderr), 2 an internal error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MoneyError } from '../shared/domain/money';
import { TABLE_IDS, type TableId } from '../shared/domain/tables';
import { closeDisclosureFile, type DisclosureFile, DisclosureRepository, openDisclosureFile, StorageError } from '../electron/backend/db';
import { economicLevel, functionalLevel } from '../shared/domain/catalogue';
import { narrativePlainText } from '../shared/domain/narrative';
import { checkYear, deriveYear, exportReportJson, importReport, packageForYear, parseReportJson, UserError } from '../electron/backend/services/reports';
import { type ExportStage, type ExportTargets, exportFileNames, exportToPaths } from '../electron/backend/app/exporting';
import { AppError } from '../electron/backend/app/errors';
import { describeCodeImport, importCodeSheet } from '../electron/backend/services/catalogueImport';
import {
  changeLogWorkbook,
  changesOf,
  compareInFile,
  compareWorkbook,
  factsHashOf,
  functionalNamer,
  publicationOf,
  publicationText,
  publishYear,
  unpublishYear,
} from '../electron/backend/services/years';
import { DEFAULT_THRESHOLD, type Threshold } from '../shared/domain/compare';
import { renderFindings } from './findings';
import { renderTableText } from './textTable';
import { renderChangeLog, renderComparison } from './years';

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_INTERNAL = 2;
/** `validate` found findings of severity 错误. */
export const EXIT_FINDINGS = 3;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const defaultIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const USAGE = `用法（usage）:
  disclosure import <report.json> --file <数据文件> [--replace]
      导入一个年度的决算数据（交换格式 JSON，见 docs/interchange-format.md）；数据文件不存在时新建。
  disclosure show --file <数据文件> --year <年度> --table <01..10>
      按公开表的行序以文本打印一张表。
  disclosure narrative --file <数据文件> --year <年度>
      打印自动起草的第三部分 情况说明，并列出尚未填写的内容和文字检查发现的问题。
  disclosure add-code --file <数据文件> --catalogue <functional|economic> --code <代码> --name <名称>
      向文件添加目录中缺少的科目（支出功能分类：3位类、5位款、7位项；经济分类：3位类、5位款）。
  disclosure import-codes --file <数据文件> --catalogue <functional|economic> --from <codes.xlsx|codes.csv>
      从表格（.xlsx 或 UTF-8 编码的 CSV，含“科目代码”“科目名称”两列表头）批量添加科目；有任何问题时不导入。
  disclosure validate --file <数据文件> --year <年度> [--json]
      勾稽审核：列出全部检查发现（错误、警告、提示）；有“错误”时退出码为 3。
  disclosure export --file <数据文件> --year <年度> [--docx <输出.docx>] [--xlsx <输出.xlsx>]
      导出 Word 和/或 Excel（都不指定时，两者都导出到当前文件夹，使用标准文件名）；进度打印到标准错误。
  disclosure export-json --file <数据文件> --year <年度> [--out <report.json>]
      导出一个年度的决算数据为交换格式 JSON（默认打印到标准输出）。
  disclosure compare --file <数据文件> --year <年度> --with <对比年度> [--xlsx <输出.xlsx>] [--json] [--all] [--rate <百分比>] [--amount <万元>]
      两个年度逐表逐行对比（本年、上年、增减额、增减率），默认只列有变动的行；超过阈值（默认±10%且≥1万元）的标 *。
  disclosure publish --file <数据文件> --year <年度>
      定稿：将该年度标记为已公开，此后任何修改、导入都被拒绝。
  disclosure unpublish --file <数据文件> --year <年度> --reason <原因>
      取消定稿（必须说明原因，记入修改记录）。
  disclosure log --file <数据文件> --year <年度> [--fact <数据项>] [--json] [--xlsx <输出.xlsx>]
      修改记录：时间、用户、操作、数据项、原值 → 新值；--fact 只看一个数据项（如 item/2011301/expenditure.basic）。
退出码：0 成功；1 输入或文件有误（错误信息打印到标准错误）；2 程序内部错误；3 审核发现“错误”（validate）。
`;

function requireOption(values: Record<string, string | boolean | undefined>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UserError(`缺少参数 --${name}。\n\n${USAGE}`);
  return v;
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UserError(`年度应为四位数字，例如 2023，收到“${text}”。`);
  return Number(text);
}

function parseTableId(text: string): TableId {
  const normalised = text.replace(/^公开/, '').replace(/表$/, '').padStart(2, '0');
  const id = TABLE_IDS.find((t) => t === normalised);
  if (!id) throw new UserError(`表号应为 01 至 10，收到“${text}”。`);
  return id;
}

function withFile<T>(path: string, create: boolean, fn: (file: DisclosureFile) => T): T {
  const file = openDisclosureFile(path, { create });
  try {
    return fn(file);
  } finally {
    closeDisclosureFile(file);
  }
}

async function withFileAsync<T>(path: string, fn: (file: DisclosureFile) => Promise<T>): Promise<T> {
  const file = openDisclosureFile(path, { create: false });
  try {
    return await fn(file);
  } finally {
    closeDisclosureFile(file);
  }
}

const PROGRESS_STAGE: Record<ExportStage, string> = { docx: '生成 Word', xlsx: '生成 Excel', write: '写入文件' };

function unreadable(path: string, e: unknown): UserError {
  const code = e instanceof Error && 'code' in e ? String(e.code) : '';
  if (code === 'ENOENT') return new UserError(`找不到文件“${path}”。`);
  if (code === 'EISDIR') return new UserError(`“${path}”是文件夹，不是文件。`);
  return new UserError(`无法读取文件“${path}”：${e instanceof Error ? e.message : String(e)}`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw unreadable(path, e);
  }
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

function parseCatalogue(values: Record<string, string | boolean | undefined>): 'functional' | 'economic' {
  const catalogue = requireOption(values, 'catalogue');
  if (catalogue !== 'functional' && catalogue !== 'economic') throw new UserError('--catalogue 应为 functional（支出功能分类）或 economic（经济分类）。');
  return catalogue;
}

/** `--rate 10 --amount 1`: the threshold of a comparison (percent, 万元); defaults ±10% and 1 万元. */
function parseThreshold(values: Record<string, string | boolean | undefined>): Threshold {
  const read = (name: 'rate' | 'amount', fallback: number): number => {
    const v = values[name];
    if (typeof v !== 'string') return fallback;
    if (!/^\d+(\.\d{1,2})?$/u.test(v.trim())) throw new UserError(`--${name} 应为不小于0、最多两位小数的数字，收到“${v}”。`);
    return Math.round(Number(v.trim()) * 100);
  };
  return { rateBp: read('rate', DEFAULT_THRESHOLD.rateBp), amountUnits: read('amount', DEFAULT_THRESHOLD.amountUnits) };
}

async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return command ? EXIT_OK : EXIT_USER;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        year: { type: 'string' },
        table: { type: 'string' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
        json: { type: 'boolean' },
        catalogue: { type: 'string' },
        docx: { type: 'string' },
        xlsx: { type: 'string' },
        code: { type: 'string' },
        name: { type: 'string' },
        from: { type: 'string' },
        with: { type: 'string' },
        all: { type: 'boolean' },
        rate: { type: 'string' },
        amount: { type: 'string' },
        reason: { type: 'string' },
        fact: { type: 'string' },
      },
    });
  } catch (e) {
    throw new UserError(`参数有误：${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  switch (command) {
    case 'import': {
      const source = positionals[0];
      if (!source) throw new UserError(`缺少要导入的 JSON 文件。\n\n${USAGE}`);
      const pkg = parseReportJson(readText(source), source);
      const target = requireOption(values, 'file');
      withFile(target, true, (file) => importReport(file, pkg, { replace: values.replace === true }));
      io.stderr(`已导入 ${pkg.department.name} ${pkg.report.year}年度 数据到 ${target}\n`);
      return EXIT_OK;
    }
    case 'show': {
      const year = parseYear(requireOption(values, 'year'));
      const id = parseTableId(requireOption(values, 'table'));
      const text = withFile(requireOption(values, 'file'), false, (file) => renderTableText(deriveYear(file, year).tables[id]));
      io.stdout(text);
      return EXIT_OK;
    }
    case 'narrative': {
      const year = parseYear(requireOption(values, 'year'));
      const text = withFile(requireOption(values, 'file'), false, (file) => narrativePlainText(packageForYear(file, year).narrative));
      io.stdout(text);
      return EXIT_OK;
    }
    case 'add-code': {
      const catalogue = parseCatalogue(values);
      const code = requireOption(values, 'code').trim();
      const name = requireOption(values, 'name').trim();
      const level = catalogue === 'functional' ? functionalLevel(code) : economicLevel(code);
      if (!level) throw new UserError(`科目代码“${code}”无效：${catalogue === 'functional' ? '支出功能分类应为3、5或7位数字' : '经济分类应为3或5位数字'}。`);
      withFile(requireOption(values, 'file'), false, (file) => new DisclosureRepository(file.db).addCustomCode({ catalogue, code, name }));
      io.stderr(`已添加${level}级科目 ${code} ${name}\n`);
      return EXIT_OK;
    }
    case 'import-codes': {
      const catalogue = parseCatalogue(values);
      const source = requireOption(values, 'from');
      const bytes = readBytes(source);
      const result = await withFileAsync(requireOption(values, 'file'), (file) => importCodeSheet(file, catalogue, bytes, source));
      io.stderr(`已从“${source}”导入${describeCodeImport(catalogue, result)}\n`);
      return EXIT_OK;
    }
    case 'export': {
      const year = parseYear(requireOption(values, 'year'));
      const written = await withFileAsync(requireOption(values, 'file'), async (file) => {
        const option = (v: string | boolean | undefined) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
        let targets: ExportTargets = { docx: option(values.docx), xlsx: option(values.xlsx) };
        if (!targets.docx && !targets.xlsx) {
          const names = exportFileNames(packageForYear(file, year).model);
          targets = { docx: names.docx, xlsx: names.xlsx };
        }
        return exportToPaths(file, year, targets, { onProgress: (p) => io.stderr(`${PROGRESS_STAGE[p.stage]} ${p.done}/${p.total}\n`) });
      });
      for (const path of written) io.stderr(`已导出：${path}\n`);
      const hash = withFile(requireOption(values, 'file'), false, (file) => factsHashOf(file, year));
      io.stderr(`内容校验码（SHA-256，导出时的${year}年度数据）：${hash}\n`);
      return EXIT_OK;
    }
    case 'validate': {
      const year = parseYear(requireOption(values, 'year'));
      const { findings } = withFile(requireOption(values, 'file'), false, (file) => checkYear(file, year));
      io.stdout(values.json === true ? `${JSON.stringify(findings, null, 2)}\n` : renderFindings(findings));
      return findings.some((f) => f.severity === '错误') ? EXIT_FINDINGS : EXIT_OK;
    }
    case 'export-json': {
      const year = parseYear(requireOption(values, 'year'));
      const json = withFile(requireOption(values, 'file'), false, (file) => exportReportJson(file, year));
      if (typeof values.out === 'string') {
        writeFileSync(values.out, json);
        io.stderr(`已导出到 ${values.out}\n`);
      } else io.stdout(json);
      return EXIT_OK;
    }
    case 'compare': {
      const year = parseYear(requireOption(values, 'year'));
      const withYear = parseYear(requireOption(values, 'with'));
      const threshold = parseThreshold(values);
      const xlsx = values.xlsx;
      const comparison = await withFileAsync(requireOption(values, 'file'), async (file) => {
        const c = compareInFile(file, year, withYear, threshold);
        if (typeof xlsx === 'string' && xlsx.trim() !== '') writeFileSync(xlsx, await compareWorkbook(file, c));
        return c;
      });
      io.stdout(values.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison, values.all === true));
      if (typeof xlsx === 'string' && xlsx.trim() !== '') io.stderr(`已导出：${xlsx}\n`);
      return EXIT_OK;
    }
    case 'publish': {
      const year = parseYear(requireOption(values, 'year'));
      const text = withFile(requireOption(values, 'file'), false, (file) => {
        const publication = publishYear(file, year);
        return `${year}年度${publicationText(publication)}，内容校验码：${factsHashOf(file, year)}`;
      });
      io.stderr(`${text}\n此后该年度的数据为只读；如需修改请先用 unpublish 取消定稿并说明原因。\n`);
      return EXIT_OK;
    }
    case 'unpublish': {
      const year = parseYear(requireOption(values, 'year'));
      const reason = requireOption(values, 'reason');
      withFile(requireOption(values, 'file'), false, (file) => unpublishYear(file, year, reason));
      io.stderr(`已取消${year}年度的定稿（原因：${reason.trim()}），该年度可以修改了。\n`);
      return EXIT_OK;
    }
    case 'log': {
      const year = parseYear(requireOption(values, 'year'));
      const fact = typeof values.fact === 'string' && values.fact.trim() !== '' ? values.fact.trim() : undefined;
      const xlsx = values.xlsx;
      const text = await withFileAsync(requireOption(values, 'file'), async (file) => {
        const entries = changesOf(file, year, fact);
        if (typeof xlsx === 'string' && xlsx.trim() !== '') writeFileSync(xlsx, await changeLogWorkbook(file, year));
        if (values.json === true) return `${JSON.stringify(entries, null, 2)}\n`;
        return `${year}年度：${publicationText(publicationOf(file, year))}\n${renderChangeLog(entries, functionalNamer(file, year))}`;
      });
      io.stdout(text);
      if (typeof xlsx === 'string' && xlsx.trim() !== '') io.stderr(`已导出：${xlsx}\n`);
      return EXIT_OK;
    }
    default:
      throw new UserError(`未知命令“${command}”。\n\n${USAGE}`);
  }
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UserError || e instanceof StorageError || e instanceof MoneyError || e instanceof AppError) {
      io.stderr(`错误：${e.message}\n`);
      return EXIT_USER;
    }
    io.stderr(`程序内部错误，请将以下信息告知开发人员：\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
