/**
 * One handler per Api channel: the whole backend as the renderer sees it. Requests arrive already
 * validated (dispatch.ts); every handler either returns the channel's response or throws a
 * StorageError / UserError / AppError, which dispatch turns into an ApiError.
 */
import type { Channel, ExportResult, LoadedYear, RequestOf, ResponseOf } from '../../../shared/contract/api';
import path from 'node:path';
import { packageTitle } from '../../../shared/domain/package';
import { createNextYear, loadReport, UserError } from '../services/reports';
import { bundleZipName, writeBundle } from './bundle';
import { exportPackage } from './exporting';
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
      const loaded: LoadedYear = { department: open.department, report, customCodes: open.repo.listCustomCodes(), lastYear };
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
        await writeBundle(file, year, zip, { force, appVersion: ctx.version, openPdfEngine: host.openPdfEngine });
        return { folder, files: [path.basename(zip)] };
      }),
    'export.openFolder': async () => {
      if (lastExportFolder === null) throw new UserError('还没有导出过文件。');
      await host.openFolder(lastExportFolder);
      return null;
    },
  };
}
