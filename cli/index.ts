/**
 * The `disclosure` command line over the same backend as the app.
 * Exit codes: 0 ok, 1 a user error (Chinese message on stderr), 2 an internal error, 3 findings.
 *
 * Every command is one entry of COMMANDS: its usage, its options and what it does. A command that
 * writes the disclosure file goes through `writingFile` (the app's lock; refused while anyone else
 * has the file open), one that only reads through `readingFile` (a read-only snapshot). Heavy
 * modules (Word/Excel) are imported inside the command that needs them, so every other command
 * starts quickly.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MoneyError } from '../shared/domain/money';
import { type DerivedTable, type DerivedTables, tableList } from '../shared/domain/tables';
import { getTemplate, TEMPLATE_IDS } from '../shared/domain/templates';
import { DisclosureRepository, StorageError } from '../electron/backend/db';
import { economicLevel, functionalLevel } from '../shared/domain/catalogue';
import { narrativePlainText } from '../shared/domain/narrative';
import {
  checkYear,
  deriveYear,
  describeDepartmentChange,
  exportReportJson,
  importReport,
  packageForYear,
  parseReportJson,
  UserError,
} from '../electron/backend/services/reports';
import { AppError } from '../electron/backend/app/errors';
import { readInputFile, readingFile, writingFile } from './files';
import {
  attachmentNamesOf,
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
import { APP_VERSION } from '../electron/backend/app/appVersion';
import type { ExportStage } from '../electron/backend/app/exporting';
import { renderFindings } from './findings';
import { listForms, renderForms } from './forms';
import { renderImportReport } from './importReport';
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

type Values = Record<string, string | boolean | undefined>;

/** What a command receives: its parsed options and positional arguments. */
interface Invocation {
  values: Values;
  positionals: string[];
  io: Io;
}

interface Command {
  /** Arguments after the command name, for the usage text. */
  synopsis: string;
  /** What it does, in Chinese (one or two lines). */
  help: string;
  /** Its options: `--name <value>` (string) or `--flag` (boolean). */
  options: Record<string, 'string' | 'boolean'>;
  run(invocation: Invocation): Promise<number>;
}

function requireOption(values: Values, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new UserError(`缺少参数 --${name}。\n\n${usage()}`);
  return v;
}

function optional(values: Values, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new UserError(`年度应为四位数字，例如 2023，收到“${text}”。`);
  return Number(text);
}

/** The most tables a template has (山西's ten). */
const MOST_TABLES = Math.max(...TEMPLATE_IDS.map((t) => getTemplate(t).tables.length));

/** A table number (山西: `03`, `公开03表`; 上海: `5`, `表5`), checked before any file is read. */
function parseTableNumber(text: string): number {
  const match = /^(?:公开)?表?0*(\d{1,2})表?$/u.exec(text.trim());
  const n = match ? Number(match[1]) : 0;
  if (n < 1 || n > MOST_TABLES) throw new UserError(`表号应为 01 至 10（上海模板为 1 至 9），收到“${text}”。`);
  return n;
}

/** The table of that number in the year's template. */
function pickTable(tables: DerivedTables, n: number, text: string): DerivedTable {
  const list = tableList(tables);
  const table = list[n - 1];
  if (!table) throw new UserError(`本年度的模板只有 ${list.length} 张表（表号 1 至 ${list.length}），收到“${text}”。`);
  return table;
}

function parseCatalogue(values: Values): 'functional' | 'economic' {
  const catalogue = requireOption(values, 'catalogue');
  if (catalogue !== 'functional' && catalogue !== 'economic') throw new UserError('--catalogue 应为 functional（支出功能分类）或 economic（经济分类）。');
  return catalogue;
}

/** `--rate 10 --amount 1`: the threshold of a comparison (percent, 万元); defaults ±10% and 1 万元. */
function parseThreshold(values: Values): Threshold {
  const read = (name: 'rate' | 'amount', fallback: number): number => {
    const v = values[name];
    if (typeof v !== 'string') return fallback;
    if (!/^\d+(\.\d{1,2})?$/u.test(v.trim())) throw new UserError(`--${name} 应为不小于0、最多两位小数的数字，收到“${v}”。`);
    return Math.round(Number(v.trim()) * 100);
  };
  return { rateBp: read('rate', DEFAULT_THRESHOLD.rateBp), amountUnits: read('amount', DEFAULT_THRESHOLD.amountUnits) };
}

const PROGRESS_STAGE: Record<ExportStage, string> = { docx: '生成 Word', xlsx: '生成 Excel', pdf: '生成 PDF', audit: '生成审核报告', write: '写入文件' };

const COMMANDS: Record<string, Command> = {
  import: {
    synopsis: '<report.json> --file <数据文件> [--replace] [--update-department]',
    help:
      '导入一个年度的决算数据（UTF-8 编码的交换格式 JSON，见 docs/interchange-format.md）；数据文件不存在时新建。\n' +
      '部门的单位性质或下属单位与文件中不同时，须加 --update-department（部门信息对文件中所有年度有效）。',
    options: { file: 'string', replace: 'boolean', 'update-department': 'boolean' },
    async run({ values, positionals, io }) {
      const source = positionals[0];
      if (!source) throw new UserError(`缺少要导入的 JSON 文件。\n\n${usage()}`);
      const pkg = parseReportJson(readInputFile(source), source);
      const target = requireOption(values, 'file');
      const options = { replace: values.replace === true, updateDepartment: values['update-department'] === true };
      const outcome = await writingFile(target, true, (file) => importReport(file, pkg, options));
      if (outcome.departmentChange) io.stderr(`${describeDepartmentChange(outcome.departmentChange)}\n`);
      io.stderr(`已导入 ${pkg.department.name} ${pkg.report.year}年度 数据到 ${target}\n`);
      return EXIT_OK;
    },
  },
  show: {
    synopsis: '--file <数据文件> --year <年度> --table <表号>',
    help: '按公开表的行序以文本打印一张表；表号按该年度的模板编号（山西 01 至 10，上海 1 至 9）。',
    options: { file: 'string', year: 'string', table: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const text = requireOption(values, 'table');
      const n = parseTableNumber(text);
      io.stdout(await readingFile(requireOption(values, 'file'), (file) => renderTableText(pickTable(deriveYear(file, year).tables, n, text))));
      return EXIT_OK;
    },
  },
  narrative: {
    synopsis: '--file <数据文件> --year <年度>',
    help: '打印自动起草的第三部分 情况说明，并列出尚未填写的内容和文字检查发现的问题。',
    options: { file: 'string', year: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      io.stdout(await readingFile(requireOption(values, 'file'), (file) => narrativePlainText(packageForYear(file, year).narrative)));
      return EXIT_OK;
    },
  },
  'add-code': {
    synopsis: '--file <数据文件> --catalogue <functional|economic> --code <代码> --name <名称>',
    help: '向文件添加目录中缺少的科目（支出功能分类：3位类、5位款、7位项；经济分类：3位类、5位款）。',
    options: { file: 'string', catalogue: 'string', code: 'string', name: 'string' },
    async run({ values, io }) {
      const catalogue = parseCatalogue(values);
      const code = requireOption(values, 'code').trim();
      const name = requireOption(values, 'name').trim();
      const level = catalogue === 'functional' ? functionalLevel(code) : economicLevel(code);
      if (!level) throw new UserError(`科目代码“${code}”无效：${catalogue === 'functional' ? '支出功能分类应为3、5或7位数字' : '经济分类应为3或5位数字'}。`);
      await writingFile(requireOption(values, 'file'), false, (file) => new DisclosureRepository(file.db).addCustomCode({ catalogue, code, name }));
      io.stderr(`已添加${level}级科目 ${code} ${name}\n`);
      return EXIT_OK;
    },
  },
  'import-codes': {
    synopsis: '--file <数据文件> --catalogue <functional|economic> --from <codes.xlsx|codes.csv>',
    help: '从表格（.xlsx 或 UTF-8 编码的 CSV，含“科目代码”“科目名称”两列表头）批量添加科目；有任何问题时不导入。',
    options: { file: 'string', catalogue: 'string', from: 'string' },
    async run({ values, io }) {
      const catalogue = parseCatalogue(values);
      const source = requireOption(values, 'from');
      const bytes = readInputFile(source);
      const { describeCodeImport, importCodeSheet } = await import('../electron/backend/services/catalogueImport');
      const result = await writingFile(requireOption(values, 'file'), false, (file) => importCodeSheet(file, catalogue, bytes, source));
      io.stderr(`已从“${source}”导入${describeCodeImport(catalogue, result)}\n`);
      return EXIT_OK;
    },
  },
  validate: {
    synopsis: '--file <数据文件> --year <年度> [--json]',
    help: '勾稽审核：列出全部检查发现（错误、警告、提示）；有“错误”时退出码为 3。',
    options: { file: 'string', year: 'string', json: 'boolean' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const { findings } = await readingFile(requireOption(values, 'file'), (file) => checkYear(file, year));
      io.stdout(values.json === true ? `${JSON.stringify(findings, null, 2)}\n` : renderFindings(findings));
      return findings.some((f) => f.severity === '错误') ? EXIT_FINDINGS : EXIT_OK;
    },
  },
  export: {
    synopsis: '--file <数据文件> --year <年度> [--docx <输出.docx>] [--xlsx <输出.xlsx>] [--pdf <输出.pdf>]',
    help:
      '导出 Word、Excel 和/或 PDF（都不指定时，Word 和 Excel 导出到当前文件夹，使用标准文件名）；进度打印到标准错误。\n' +
      'PDF 由本机的 Chromium / Chrome / Edge 生成（可用环境变量 DISCLOSURE_CHROMIUM 指定）。',
    options: { file: 'string', year: 'string', docx: 'string', xlsx: 'string', pdf: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const { exportFileNames, exportToPaths } = await import('../electron/backend/app/exporting');
      const { openChromiumEngine } = await import('../electron/backend/export/pdf/chromium');
      const { written, hash } = await readingFile(requireOption(values, 'file'), async (file) => {
        let targets: { docx?: string; xlsx?: string; pdf?: string } = { docx: optional(values, 'docx'), xlsx: optional(values, 'xlsx'), pdf: optional(values, 'pdf') };
        if (!targets.docx && !targets.xlsx && !targets.pdf) targets = exportFileNames(packageForYear(file, year).model);
        const paths = await exportToPaths(file, year, targets, {
          openPdfEngine: openChromiumEngine,
          onProgress: (p) => io.stderr(`${PROGRESS_STAGE[p.stage]} ${p.done}/${p.total}\n`),
        });
        return { written: paths, hash: factsHashOf(file, year) };
      });
      for (const path of written) io.stderr(`已导出：${path}\n`);
      io.stderr(`内容校验码（SHA-256，导出时的${year}年度数据）：${hash}\n`);
      return EXIT_OK;
    },
  },
  bundle: {
    synopsis: '--file <数据文件> --year <年度> --out <文件夹|发布包.zip> [--force]',
    help:
      '生成发布包：PDF、Word、Excel、审核报告（PDF 和 Excel）和清单 manifest.json（部门、年度、内容校验码、\n' +
      '程序版本、每个文件的 SHA-256）；审核有“错误”时拒绝生成，确需生成时加 --force。',
    options: { file: 'string', year: 'string', out: 'string', force: 'boolean' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const out = requireOption(values, 'out');
      const { writeBundle } = await import('../electron/backend/app/bundle');
      const { openChromiumEngine } = await import('../electron/backend/export/pdf/chromium');
      const result = await readingFile(requireOption(values, 'file'), (file) =>
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
    },
  },

  'export-json': {
    synopsis: '--file <数据文件> --year <年度> [--out <report.json>]',
    help: '导出一个年度的决算数据为交换格式 JSON（默认打印到标准输出）。',
    options: { file: 'string', year: 'string', out: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const json = await readingFile(requireOption(values, 'file'), (file) => exportReportJson(file, year));
      const out = optional(values, 'out');
      if (out) {
        writeFileSync(out, json);
        io.stderr(`已导出到 ${out}\n`);
      } else io.stdout(json);
      return EXIT_OK;
    },
  },
  forms: {
    synopsis: '--file <数据文件> --year <年度> [--json]',
    help: '列出项目支出绩效自评表：全年预算、全年执行、执行率、总分、等级和审核发现（--json：金额以元为单位）。',
    options: { file: 'string', year: 'string', json: 'boolean' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const text = await readingFile(requireOption(values, 'file'), (file) => {
        const { findings, loaded } = checkYear(file, year);
        const listing = listForms(loaded.evaluation, findings);
        return values.json === true ? `${JSON.stringify(listing, null, 2)}\n` : renderForms(loaded.evaluation, listing, year);
      });
      io.stdout(text);
      return EXIT_OK;
    },
  },
  'import-forms': {
    synopsis: '--file <数据文件> --year <年度> --from <自评表.xlsx>',
    help: '从 Excel 工作簿导入自评表（每张工作表一张表，晋城或阳泉版式）；有任何问题时不导入。',
    options: { file: 'string', year: 'string', from: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const source = requireOption(values, 'from');
      const bytes = readInputFile(source);
      const { describeFormImport, importFormWorkbook } = await import('../electron/backend/services/formImport');
      const result = await writingFile(requireOption(values, 'file'), false, (file) => importFormWorkbook(file, year, bytes, source));
      io.stderr(`已从“${source}”导入${describeFormImport(result)}\n`);
      return EXIT_OK;
    },
  },
  'import-tables': {
    synopsis: '--file <数据文件> --year <年度> --from <表格.xlsx> [--replace]',
    help:
      '从 Excel 工作簿导入十张公开表（本软件导出的格式，或决算报表软件/部门自制的公开表格式）：\n' +
      '读入明细数，目录中没有的科目按表中名称添加，并核对表中每个合计数；数据文件不存在时新建。\n' +
      '该年度已有表格数字时需加 --replace（只替换工作簿中这些表的数字，情况说明、设置、年初预算等保留）。',
    options: { file: 'string', year: 'string', from: 'string', replace: 'boolean' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const source = requireOption(values, 'from');
      const target = requireOption(values, 'file');
      const { applyTablesImport, planTablesImport, readTableSheets } = await import('../electron/backend/services/tablesImport');
      const sheets = await readTableSheets(readInputFile(source), source);
      // Planned inside the write lock, before anything is written: a refused import leaves an
      // existing file as it was and removes a file it created.
      const preview = await writingFile(target, true, (file) => {
        const plan = planTablesImport(file, year, sheets, source);
        if (plan.preview.replaces && values.replace !== true) {
          throw new UserError(
            `文件中已有${year}年度的表格数字。如确需用“${source}”中的表格覆盖，请加上 --replace（只替换工作簿中这些表的数字；情况说明、设置、年初预算等保留）。`,
          );
        }
        applyTablesImport(file, plan);
        return plan.preview;
      });
      io.stdout(renderImportReport(preview));
      io.stderr(`已从“${source}”导入 ${preview.department} ${year}年度 的表格到 ${target}\n`);
      return EXIT_OK;
    },
  },
  compare: {
    synopsis: '--file <数据文件> --year <年度> --with <对比年度> [--xlsx <输出.xlsx>] [--json] [--all] [--rate <百分比>] [--amount <万元>]',
    help: '两个年度逐表逐行对比（本年、上年、增减额、增减率），默认只列有变动的行；超过阈值（默认±10%且≥1万元）的标 *。',
    options: { file: 'string', year: 'string', with: 'string', xlsx: 'string', json: 'boolean', all: 'boolean', rate: 'string', amount: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const withYear = parseYear(requireOption(values, 'with'));
      const threshold = parseThreshold(values);
      const xlsx = optional(values, 'xlsx');
      const comparison = await readingFile(requireOption(values, 'file'), async (file) => {
        const c = compareInFile(file, year, withYear, threshold);
        if (xlsx) writeFileSync(xlsx, await compareWorkbook(file, c));
        return c;
      });
      io.stdout(values.json === true ? `${JSON.stringify(comparison, null, 2)}\n` : renderComparison(comparison, values.all === true));
      if (xlsx) io.stderr(`已导出：${xlsx}\n`);
      return EXIT_OK;
    },
  },
  publish: {
    synopsis: '--file <数据文件> --year <年度>',
    help: '定稿：将该年度标记为已公开，此后任何修改、导入都被拒绝。',
    options: { file: 'string', year: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const text = await writingFile(requireOption(values, 'file'), false, (file) => {
        const publication = publishYear(file, year);
        return `${year}年度${publicationText(publication)}，内容校验码：${factsHashOf(file, year)}`;
      });
      io.stderr(`${text}\n此后该年度的数据为只读；如需修改请先用 unpublish 取消定稿并说明原因。\n`);
      return EXIT_OK;
    },
  },
  unpublish: {
    synopsis: '--file <数据文件> --year <年度> --reason <原因>',
    help: '取消定稿（必须说明原因，记入修改记录）。',
    options: { file: 'string', year: 'string', reason: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const reason = requireOption(values, 'reason');
      await writingFile(requireOption(values, 'file'), false, (file) => unpublishYear(file, year, reason));
      io.stderr(`已取消${year}年度的定稿（原因：${reason.trim()}），该年度可以修改了。\n`);
      return EXIT_OK;
    },
  },
  log: {
    synopsis: '--file <数据文件> --year <年度> [--fact <数据项>] [--json] [--xlsx <输出.xlsx>]',
    help: '修改记录：时间、用户、操作、数据项、原值 → 新值（--fact 只看一个数据项，例如 item/2010301/expenditure.basic）。',
    options: { file: 'string', year: 'string', fact: 'string', json: 'boolean', xlsx: 'string' },
    async run({ values, io }) {
      const year = parseYear(requireOption(values, 'year'));
      const fact = optional(values, 'fact')?.trim();
      const xlsx = optional(values, 'xlsx');
      const text = await readingFile(requireOption(values, 'file'), async (file) => {
        const entries = changesOf(file, year, fact);
        if (xlsx) writeFileSync(xlsx, await changeLogWorkbook(file, year));
        if (values.json === true) return `${JSON.stringify(entries, null, 2)}\n`;
        return `${year}年度：${publicationText(publicationOf(file, year))}\n${renderChangeLog(entries, functionalNamer(file, year), attachmentNamesOf(file, year, entries))}`;
      });
      io.stdout(text);
      if (xlsx) io.stderr(`已导出：${xlsx}\n`);
      return EXIT_OK;
    },
  },
};

export function usage(): string {
  const lines = ['用法（usage）:'];
  for (const [name, command] of Object.entries(COMMANDS)) {
    lines.push(`  disclosure ${name} ${command.synopsis}`);
    for (const line of command.help.split('\n')) lines.push(`      ${line}`);
  }
  lines.push('写数据文件的命令（import、add-code、import-codes）在文件被桌面应用、浏览器模式或其他命令打开时会拒绝执行，并说明是谁打开的；');
  lines.push('只读的命令（show、narrative、validate、export、export-json）读取文件的快照，文件只读或正被打开时也能使用。');
  lines.push('退出码：0 成功；1 输入或文件有误（错误信息打印到标准错误）；2 程序内部错误；3 审核发现“错误”（validate）。');
  return `${lines.join('\n')}\n`;
}

export const USAGE = usage();

async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name ? EXIT_OK : EXIT_USER;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UserError(`未知命令“${name}”。\n\n${USAGE}`);
  let parsed;
  try {
    const options = Object.fromEntries(Object.entries(command.options).map(([key, type]) => [key, { type }]));
    parsed = parseArgs({ args: rest, allowPositionals: true, options });
  } catch (e) {
    throw new UserError(`参数有误：${e instanceof Error ? e.message : String(e)}\n\n用法：disclosure ${name} ${command.synopsis}`);
  }
  return command.run({ values: parsed.values, positionals: parsed.positionals, io });
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
