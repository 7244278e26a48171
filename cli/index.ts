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
import { APP_VERSION } from '../electron/backend/app/appVersion';
import { writeBundle } from '../electron/backend/app/bundle';
import { openChromiumEngine } from '../electron/backend/export/pdf/chromium';
import { describeCodeImport, importCodeSheet } from '../electron/backend/services/catalogueImport';
import { renderFindings } from './findings';
import { renderTableText } from './textTable';

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
  disclosure export --file <数据文件> --year <年度> [--docx <输出.docx>] [--xlsx <输出.xlsx>] [--pdf <输出.pdf>]
      导出 Word、Excel 和/或 PDF（都不指定时，Word 和 Excel 导出到当前文件夹，使用标准文件名）；进度打印到标准错误。
      PDF 由本机的 Chromium / Chrome / Edge 生成（可用环境变量 DISCLOSURE_CHROMIUM 指定）。
  disclosure bundle --file <数据文件> --year <年度> --out <文件夹|发布包.zip> [--force]
      生成发布包：PDF、Word、Excel、审核报告（PDF 和 Excel）和清单 manifest.json（部门、年度、数据指纹、
      程序版本、每个文件的 SHA-256）；审核有“错误”时拒绝生成，确需生成时加 --force。
  disclosure export-json --file <数据文件> --year <年度> [--out <report.json>]
      导出一个年度的决算数据为交换格式 JSON（默认打印到标准输出）。
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

const PROGRESS_STAGE: Record<ExportStage, string> = { docx: '生成 Word', xlsx: '生成 Excel', pdf: '生成 PDF', audit: '生成审核报告', write: '写入文件' };

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
        pdf: { type: 'string' },
        force: { type: 'boolean' },
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
        let targets: ExportTargets = { docx: option(values.docx), xlsx: option(values.xlsx), pdf: option(values.pdf) };
        if (!targets.docx && !targets.xlsx && !targets.pdf) {
          const names = exportFileNames(packageForYear(file, year).model);
          targets = { docx: names.docx, xlsx: names.xlsx };
        }
        return exportToPaths(file, year, targets, { openPdfEngine: openChromiumEngine, onProgress: (p) => io.stderr(`${PROGRESS_STAGE[p.stage]} ${p.done}/${p.total}\n`) });
      });
      for (const path of written) io.stderr(`已导出：${path}\n`);
      return EXIT_OK;
    }
    case 'bundle': {
      const year = parseYear(requireOption(values, 'year'));
      const out = requireOption(values, 'out');
      const result = await withFileAsync(requireOption(values, 'file'), (file) =>
        writeBundle(file, year, out, {
          force: values.force === true,
          appVersion: APP_VERSION,
          openPdfEngine: openChromiumEngine,
          onProgress: (p) => io.stderr(`${PROGRESS_STAGE[p.stage]} ${p.done}/${p.total}\n`),
        }),
      );
      if (result.manifest.confirmedWithErrors) io.stderr(`注意：审核仍有 ${result.manifest.findings['错误']} 个“错误”，已按 --force 生成，清单中已注明。\n`);
      io.stderr(`已生成发布包：${result.target}（${result.files.join('、')}）\n`);
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
