/**
 * Renders the files of a year's export in memory, from one composition of the year (the package
 * model, its findings, the facts' content hash): the package as Word, Excel and PDF, and the
 * 审核报告 as PDF and Excel. One PDF engine (a browser) serves every PDF of one call.
 */
import { auditReport, type CheckContext, type Finding, runChecks } from '../../../shared/domain/checks';
import { factsHash } from '../../../shared/domain/factsHash';
import type { PackageModel } from '../../../shared/domain/package';
import type { DisclosureFile } from '../db';
import { renderAuditPdf, renderAuditXlsx } from '../export/audit';
import { renderDocx } from '../export/docx';
import { type OpenPdfEngine, type OpeningEngine, type PdfEngine, PdfEngineUnavailable, renderPdf } from '../export/pdf';
import { type RenderXlsxOptions, renderXlsx } from '../export/xlsx';
import { lastYearOf, packageForYear } from '../services/reports';
import { AppError } from './errors';

export type ExportKind = 'docx' | 'xlsx' | 'pdf' | 'auditPdf' | 'auditXlsx';

export type RenderStage = 'docx' | 'xlsx' | 'pdf' | 'audit';

/** `晋城市商务局2023年度部门决算公开.docx`, `…公开表.xlsx`, `….pdf`, `…审核报告.pdf` and `.xlsx`. */
export function fileNameFor(kind: ExportKind, base: string): string {
  switch (kind) {
    case 'docx':
      return `${base}.docx`;
    case 'xlsx':
      return `${base}表.xlsx`;
    case 'pdf':
      return `${base}.pdf`;
    case 'auditPdf':
      return `${base}审核报告.pdf`;
    case 'auditXlsx':
      return `${base}审核报告.xlsx`;
  }
}

/** What each kind is, for messages and the manifest. */
export const KIND_NAMES: Record<ExportKind, string> = {
  docx: '公开文本（Word）',
  xlsx: '公开表（Excel）',
  pdf: '公开文本（PDF）',
  auditPdf: '审核报告（PDF）',
  auditXlsx: '审核报告（Excel）',
};

export interface RenderedFile {
  kind: ExportKind;
  data: Uint8Array;
}

/** The year as exported: its package, findings and facts' content hash. */
export interface ExportComposition {
  model: PackageModel;
  /** What the checks ran on. */
  check: CheckContext;
  findings: Finding[];
  factsHash: string;
}

export function composeExport(file: DisclosureFile, year: number): ExportComposition {
  const { model, loaded } = packageForYear(file, year);
  const last = lastYearOf(file, loaded);
  const check: CheckContext = {
    department: loaded.department,
    report: loaded.report,
    tables: model.tables,
    narrative: model.narrative,
    ...(loaded.evaluation ? { evaluation: loaded.evaluation } : {}),
    ...(last ? { lastYear: { year: last.year, tables: last.tables } } : {}),
  };
  return { model, check, findings: runChecks(check), factsHash: factsHash(loaded.report) };
}

/** The 附件 sheets of the Excel file: the year's 自评表, when the file holds them. */
export function xlsxEvaluation(model: PackageModel): Pick<RenderXlsxOptions, 'evaluation'> {
  return model.evaluation ? { evaluation: { set: model.evaluation, ctx: { year: model.year, departmentName: model.department.name } } } : {};
}

export interface RenderOptions {
  /** Required when a PDF is rendered (unless `pdfEngine` is given). */
  openPdfEngine?: OpenPdfEngine;
  /** An engine the caller started opening already (and closes); used instead of `openPdfEngine`. */
  pdfEngine?: OpeningEngine;
  onProgress?: (stage: RenderStage, done: number, total: number) => void;
  /** Called with each file as soon as it is rendered (the bundle writes it away at once). */
  onFile?: (file: RenderedFile) => Promise<void>;
  /** The 审核报告's time; now by default. */
  now?: Date;
}

const WHAT: Record<ExportKind, string> = { docx: ' Word ', xlsx: ' Excel ', pdf: ' PDF ', auditPdf: '审核报告 PDF ', auditXlsx: '审核报告 Excel ' };

async function rendering<T>(kind: ExportKind, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof PdfEngineUnavailable) throw new AppError('EXPORT_FAILED', `${e.message}未写入任何文件。`, { cause: e });
    throw new AppError('EXPORT_FAILED', `生成${WHAT[kind]}文件时出错，未写入任何文件。请将此问题告知技术支持。`, { cause: e });
  }
}

/** Whether rendering `kinds` needs a PDF engine. */
export const needsPdfEngine = (kinds: readonly ExportKind[]) => kinds.includes('pdf') || kinds.includes('auditPdf');

/** Renders `kinds` (in the order given) of the composed year. */
export async function renderFiles(composition: ExportComposition, kinds: readonly ExportKind[], options: RenderOptions = {}): Promise<RenderedFile[]> {
  const { model, check, findings, factsHash } = composition;
  const progress = options.onProgress ?? (() => {});
  const opened: { engine: PdfEngine | null } = { engine: null };
  const pdfEngine = async (): Promise<PdfEngine> => {
    if (options.pdfEngine) return options.pdfEngine.engine();
    if (opened.engine) return opened.engine;
    if (!options.openPdfEngine) throw new Error('renderFiles: a PDF needs an engine');
    opened.engine = await options.openPdfEngine();
    return opened.engine;
  };
  const audit = () => auditReport(check, findings, model.title);
  const out: RenderedFile[] = [];
  try {
    for (const kind of kinds) {
      const data: Uint8Array = await rendering(kind, async () => {
        switch (kind) {
          case 'docx':
            return renderDocx(model, { factsHash, onProgress: (d, t) => progress('docx', d, t) });
          case 'xlsx':
            return renderXlsx(model.tables, { factsHash, units: model.overview.units, onProgress: (d, t) => progress('xlsx', d, t), ...xlsxEvaluation(model) });
          case 'pdf':
            return (await renderPdf(model, options.pdfEngine ?? (await pdfEngine()), { factsHash, onProgress: (d, t) => progress('pdf', d, t) })).pdf;
          case 'auditPdf':
            return renderAuditPdf(audit(), { factsHash, generatedAt: options.now ?? new Date() }, await pdfEngine());
          case 'auditXlsx':
            return renderAuditXlsx(audit(), { factsHash, generatedAt: options.now ?? new Date() });
        }
      });
      if (kind === 'auditPdf' || kind === 'auditXlsx') progress('audit', 1, 1);
      const file = { kind, data };
      out.push(file);
      await options.onFile?.(file);
    }
  } finally {
    await opened.engine?.close();
  }
  return out;
}
