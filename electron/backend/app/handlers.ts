/**
 * One handler per Api channel: the whole backend as the renderer sees it. Requests arrive already
 * validated (dispatch.ts); every handler either returns the channel's response or throws a
 * StorageError / UserError / AppError, which dispatch turns into an ApiError.
 */
import type { Channel, ExportResult, LoadedYear, RequestOf, ResponseOf } from '../../../shared/contract/api';
import path from 'node:path';
import { packageTitle } from '../../../shared/domain/package';
import { type DisclosureFile, EvaluationRepository } from '../db';
import { importFormWorkbook } from '../services/formImport';
import { createNextYear, loadReport, UserError } from '../services/reports';
import { applyTablesImport, planTablesImport, readTableSheets } from '../services/tablesImport';
import { changeLogTitle, changeLogWorkbook, changesOf, compareInFile, compareTitle, compareWorkbook, factsHashOf, publishYear, unpublishYear } from '../services/years';
import { bundleZipName, writeBundle } from './bundle';
import { exportPackage, nodeExportFs, safeFileName, writeSafely } from './exporting';
import { createFile, dataFolderEntries, type FileContext, openById, openDemo, openPath, recentEntries, saveAs } from './files';

export type Handlers = { readonly [C in Channel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export interface HandlerContext extends FileContext {
  version: string;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  const { host, session } = ctx;
  /** The folder of the last export, for 打开所在文件夹. */
  let lastExportFolder: string | null = null;

  const repo = () => session.require().repo;
  const evaluations = () => new EvaluationRepository(session.require().file.db);

  /** Plans an import of an uploaded workbook into an open year (nothing written). */
  const planUpload = async ({ year, fileName, data }: RequestOf<'import.tablesPreview'>) => {
    const sheets = await readTableSheets(Buffer.from(data, 'base64'), fileName);
    const open = session.require();
    if (!open.repo.listYears().includes(year)) throw new UserError(`文件中没有${year}年度，请先新建该年度再导入。`);
    return { open, plan: planTablesImport(open.file, year, sheets, fileName) };
  };

  /** A workbook about `year` into a folder the user picks (null: cancelled), written safely. */
  const exportWorkbook = async (year: number, title: string, render: (file: DisclosureFile) => Promise<Buffer>): Promise<ExportResult | null> => {
    const folder = await host.chooseExportFolder(`${session.require().department.name}${year}`);
    if (folder === null) return null;
    // The file may have been closed while the dialog was open.
    const file = session.require().file;
    const name = `${safeFileName(title)}.xlsx`;
    const data = await render(file);
    await nodeExportFs.mkdir(folder);
    await writeSafely(nodeExportFs, folder, name, data);
    lastExportFolder = folder;
    return { folder, files: [name], factsHash: factsHashOf(file, year) };
  };

  /** The open file's year to export, and the folder the user chose (null = cancelled). */
  const exportFolder = async (year: number): Promise<string | null> => {
    const open = session.require();
    if (!open.repo.listYears().includes(year)) throw new UserError(`文件中没有${year}年度的数据，无法导出。`);
    return host.chooseExportFolder(`${open.department.name}${year}`);
  };
  /** Exports into a chosen folder: the result, remembered for 打开所在文件夹. */
  const exportInto = async (year: number, write: (folder: string) => Promise<ExportResult>): Promise<ExportResult | null> => {
    const folder = await exportFolder(year);
    if (folder === null) return null;
    const result = await write(folder);
    lastExportFolder = folder;
    return result;
  };

  return {
    'app.info': async () => ({ version: ctx.version, mode: host.mode, dataFolder: host.dataFolder }),

    'file.recent': async () => recentEntries(ctx),
    'file.list': async () => dataFolderEntries(ctx),
    'file.open': async ({ id }) => {
      if (id !== undefined) return openById(ctx, id);
      const chosen = await host.chooseOpenPath();
      return chosen === null ? null : openPath(ctx, chosen);
    },
    'file.openDemo': async () => openDemo(ctx),
    'file.create': (request) => createFile(ctx, request),
    'file.saveAs': () => saveAs(ctx),
    'file.current': async () => session.info(),
    'file.close': async () => {
      session.close();
      return null;
    },

    'report.load': async ({ year }) => {
      const open = session.require();
      const report = open.repo.loadReport(year);
      const lastYear = open.repo.listYears().includes(year - 1) ? open.repo.loadReport(year - 1) : null;
      const evaluation = new EvaluationRepository(open.file.db).load(year);
      const loaded: LoadedYear = {
        department: open.department,
        report,
        customCodes: open.repo.listCustomCodes(),
        lastYear,
        evaluation,
        publication: open.repo.getPublication(year),
      };
      return loaded;
    },
    'report.writeFact': async ({ year, ref, value }) => {
      repo().writeFact(year, ref, value);
      return null;
    },
    'report.writeText': async ({ year, key, value }) => {
      repo().writeText(year, key, value);
      return null;
    },
    'report.writeBatch': async ({ year, ...batch }) => {
      repo().writeBatch(year, batch);
      return null;
    },
    'report.publish': async ({ year }) => publishYear(session.require().file, year),
    'report.unpublish': async ({ year, reason }) => {
      unpublishYear(session.require().file, year, reason);
      return null;
    },
    'report.changes': async ({ year, target }) => changesOf(session.require().file, year, target),
    'report.updateSettings': async ({ year, settings }) => {
      repo().updateSettings(year, settings);
      return null;
    },
    'report.addItem': async ({ year, code }) => {
      repo().addItem(year, code);
      return null;
    },
    'report.deleteItem': async ({ year, code }) => {
      repo().deleteItem(year, code);
      return null;
    },
    'report.createYear': async ({ fromYear }) => {
      createNextYear(session.require().file, fromYear);
      return session.refresh();
    },
    'department.update': async ({ department }) => {
      repo().setDepartment(department);
      return session.refresh();
    },
    'catalogue.addCode': async ({ code }) => {
      const r = repo();
      r.addCustomCode(code);
      return r.listCustomCodes();
    },

    'export.run': async ({ year, docx, xlsx }) => {
      if (!docx && !xlsx) throw new UserError('请至少选择一种导出格式（Word 或 Excel）。');
      const open = session.require();
      if (!open.repo.listYears().includes(year)) throw new UserError(`文件中没有${year}年度的数据，无法导出。`);
      const folder = await host.chooseExportFolder(`${open.department.name}${year}`);
      if (folder === null) return null;
      // The file may have been closed while a dialog was open.
      const result = await exportPackage(session.require().file, year, folder, { docx, xlsx });
      lastExportFolder = folder;
      return result;
    },
    // The file may have been closed while a dialog was open: session.require() after it.
    'export.pdf': async ({ year }) =>
      exportInto(year, (folder) => exportPackage(session.require().file, year, folder, { docx: false, xlsx: false, pdf: true, openPdfEngine: host.openPdfEngine })),
    'export.audit': async ({ year }) =>
      exportInto(year, (folder) => exportPackage(session.require().file, year, folder, { docx: false, xlsx: false, audit: true, openPdfEngine: host.openPdfEngine })),
    'export.bundle': async ({ year, force }) =>
      exportInto(year, async (folder) => {
        const file = session.require().file;
        const { department, report } = loadReport(file, year);
        const zip = path.join(folder, bundleZipName(packageTitle(department, report)));
        const bundle = await writeBundle(file, year, zip, { force, appVersion: ctx.version, openPdfEngine: host.openPdfEngine });
        return { folder, files: [path.basename(zip)], factsHash: bundle.manifest.factsHash.value };
      }),
    'export.openFolder': async () => {
      if (lastExportFolder === null) throw new UserError('还没有导出过文件。');
      await host.openFolder(lastExportFolder);
      return null;
    },

    'evaluation.saveSettings': async ({ year, settings }) => {
      evaluations().saveSettings(year, settings);
      return null;
    },
    'evaluation.importWorkbook': async ({ year, fileName, data }) => {
      const open = session.require();
      if (!open.repo.listYears().includes(year)) throw new UserError(`文件中没有${year}年度的数据。`);
      const result = await importFormWorkbook(session.require().file, year, Buffer.from(data, 'base64'), fileName);
      return { added: result.added, replaced: result.replaced, skipped: result.skipped };
    },
    'import.tablesPreview': async (request) => (await planUpload(request)).plan.preview,
    'import.tablesApply': async (request) => {
      const { open, plan } = await planUpload(request);
      applyTablesImport(open.file, plan);
      return { preview: plan.preview, file: session.refresh() };
    },
    'export.compare': async ({ year, withYear }) => {
      // Refused before the dialog: a comparison that cannot be made asks for no folder.
      compareInFile(session.require().file, year, withYear);
      return exportWorkbook(year, compareTitle(session.require().department.name, year, withYear), (file) => compareWorkbook(file, compareInFile(file, year, withYear)));
    },
    'export.changes': async ({ year }) =>
      exportWorkbook(year, changeLogTitle(session.require().department.name, year), (file) => changeLogWorkbook(file, year)),
  };
}
