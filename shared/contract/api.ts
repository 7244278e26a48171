/**
 * The Api: the whole contract between the renderer and the backend, one typed channel map.
 * The Electron preload and the browser-mode HTTP server implement the same `invoke`.
 *
 * Data flow: the backend stores typed facts; the renderer receives a year's facts, derives
 * every table, sentence and check itself with shared/domain (so a keystroke updates the
 * screen without a round trip), and sends each edit back as one small write.
 * The renderer never sends a file path: files are chosen by the backend (dialogs in
 * Electron, the data folder in browser mode) and named by opaque ids.
 */
import type { ChangeEntry } from '../domain/changeLog';
import type { CustomCode, Department, FactRef, Report, ReportSettings, UnitKind } from '../domain/model';
import type { AttachmentWrite } from '../domain/selfEvaluation/changes';
import type { EvaluationSet, EvaluationSettings } from '../domain/selfEvaluation/types';
import type { ImportPreview } from '../domain/templates/shanxi/tableImport/changes';
import type { AuditEntry } from '../domain/templates/shanxi/tableImport/audit';

/** A file the user can reopen; `id` is opaque (never a path). */
export interface FileEntry {
  id: string;
  /** File name for display, e.g. `晋城市商务局.jsgk`. */
  name: string;
  /** Folder for display only. */
  location: string;
  department: string | null;
  /** ISO time it was last opened (recent files) or modified (data folder listing). */
  at: string;
}

export interface OpenFileInfo {
  name: string;
  location: string;
  department: Department;
  years: number[];
  /** The backup taken when the file was upgraded on opening, for display. */
  backupName: string | null;
}

/** 定稿: when and by whom a year was marked published (read-only until 取消定稿). */
export interface Publication {
  /** ISO time. */
  at: string;
  /** OS user name. */
  by: string;
}

export interface LoadedYear {
  department: Department;
  report: Report;
  customCodes: CustomCode[];
  /** Last year's report from the same file, for year-over-year figures; null when absent. */
  lastYear: Report | null;
  /** 第五部分 附件 of the year: 自评表, 重点评价报告 and their settings. */
  evaluation?: EvaluationSet;
  /** Set when the year is published (定稿): every write to it is refused. Absent or null: a draft. */
  publication?: Publication | null;
}

/** What an import of 自评表 from an Excel workbook did. */
export interface FormImportSummary {
  added: string[];
  replaced: string[];
  skipped: string[];
}

export interface FactWrite {
  ref: FactRef;
  /** null clears an optional fact (budget, last-year figure, 机关运行经费 override). */
  value: number | null;
}

export interface TextWrite {
  key: string;
  value: string;
}

export interface WriteBatch {
  year: number;
  facts: FactWrite[];
  texts: TextWrite[];
  /** 项 codes (7 digits) to add as empty rows before the facts are written. */
  addItems: string[];
  customCodes: CustomCode[];
  /**
   * 自评表 and 重点评价报告 written whole at a position, or deleted (null), after the facts and
   * texts; the change log records what changed in each, field by field.
   */
  attachments?: AttachmentWrite[];
  /** 报表设置 written whole before the rest (a change of 模板, 录入单位, …: one undoable step like a cell). */
  settings?: ReportSettings;
  /** The user action, recorded in the change log (`粘贴 3 行到公开03表`, `撤销：…`); default 录入. */
  action?: string;
}

export type { AttachmentWrite };

export interface ExportResult {
  folder: string;
  files: string[];
  /** The content hash (factsHash) of the year's facts the files were made from. */
  factsHash: string;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web';
  /** Where new files go in browser mode (display only). */
  dataFolder: string;
}

type Empty = Record<string, never>;

/**
 * A workbook the renderer read with <input type="file">: its name (for messages) and its bytes
 * as base64. The renderer never sends a path.
 */
export interface WorkbookUpload {
  year: number;
  fileName: string;
  /** Base64 of the file's bytes (at most LIMITS.workbookBytes bytes). */
  data: string;
}

/** 导入Excel表格 applied: what it did, and the file as it is now. */
export interface TablesImportApplied {
  preview: ImportPreview;
  file: OpenFileInfo;
}

export type { AuditEntry, ImportPreview };

export interface ApiChannels {
  'app.info': { request: Empty; response: AppInfo };
  /** Recently opened files, newest first. */
  'file.recent': { request: Empty; response: FileEntry[] };
  /** Disclosure files in the data folder (browser mode's "open"). */
  'file.list': { request: Empty; response: FileEntry[] };
  /** Opens a listed/recent file by id, or (no id, Electron) asks with a dialog; null = cancelled. */
  'file.open': { request: { id?: string }; response: OpenFileInfo | null };
  /** Opens (creating when needed) the demo file built from 晋城市商务局 2023. */
  'file.openDemo': { request: Empty; response: OpenFileInfo };
  /** 新建部门文件: the backend picks the path (save dialog / data folder); null = cancelled. */
  'file.create': { request: { departmentName: string; unitKind: UnitKind; year: number }; response: OpenFileInfo | null };
  /** 另存为: copies the open file (backup API) to a new path chosen by the backend. */
  'file.saveAs': { request: Empty; response: OpenFileInfo | null };
  'file.current': { request: Empty; response: OpenFileInfo | null };
  'file.close': { request: Empty; response: null };
  'report.load': { request: { year: number }; response: LoadedYear };
  /** One typed fact, one transaction. null clears an optional fact (budget, last-year figure, 机关运行经费 override). */
  'report.writeFact': { request: { year: number; ref: FactRef; value: number | null }; response: null };
  'report.writeText': { request: { year: number; key: string; value: string }; response: null };
  /**
   * One user action (a typed cell, a paste, an undo or redo step, a fill): every fact and text of
   * it in one transaction — all written or, when anything is refused, nothing. `addItems` adds
   * 项 rows first (a paste naming codes not yet in the file), `customCodes` adds codes the
   * shipped catalogue lacks, `attachments` saves or deletes whole 自评表 and 重点评价报告. The
   * renderer sends all its edits through this channel.
   */
  'report.writeBatch': { request: WriteBatch; response: null };
  'report.updateSettings': { request: { year: number; settings: ReportSettings }; response: null };
  'report.addItem': { request: { year: number; code: string }; response: null };
  'report.deleteItem': { request: { year: number; code: string }; response: null };
  /** 新建年度 from the latest year: carries 概况, 名词解释, settings and rows forward. */
  'report.createYear': { request: { fromYear: number }; response: OpenFileInfo };
  /** 定稿: marks the year published; every write channel refuses it from then on. */
  'report.publish': { request: { year: number }; response: Publication };
  /** 取消定稿: the year becomes editable again; the reason is required and logged. */
  'report.unpublish': { request: { year: number; reason: string }; response: null };
  /** 修改记录 of a year, oldest first; `target` narrows it to one fact (`factRefKey`) or text (`text/…`). */
  'report.changes': { request: { year: number; target?: string }; response: ChangeEntry[] };
  'department.update': { request: { department: Department }; response: OpenFileInfo };
  'catalogue.addCode': { request: { code: CustomCode }; response: CustomCode[] };
  /** Writes the chosen files into a folder chosen by the backend; null = cancelled. */
  'export.run': { request: { year: number; docx: boolean; xlsx: boolean }; response: ExportResult | null };
  /** The package as PDF (printed by Chromium), into a folder chosen by the backend; null = cancelled. */
  'export.pdf': { request: { year: number }; response: ExportResult | null };
  /** 审核报告: the year's findings as PDF and Excel, into a folder chosen by the backend; null = cancelled. */
  'export.audit': { request: { year: number }; response: ExportResult | null };
  /**
   * 发布包: PDF, Word, Excel, 审核报告 and manifest in one .zip, into a folder chosen by the backend;
   * refused (USER) while the checks find 错误 unless `force` (the user confirmed); null = cancelled.
   */
  'export.bundle': { request: { year: number; force: boolean }; response: ExportResult | null };
  /** Opens the folder of the last export in the system's file manager (no-op in browser mode). */
  'export.openFolder': { request: Empty; response: null };
  /** 自评表版式, 预算执行得分规则, 等级分数线 … */
  'evaluation.saveSettings': { request: { year: number; settings: EvaluationSettings }; response: null };
  /** Imports 自评表 from an .xlsx chosen in the page (bytes, never a path); all or nothing. */
  'evaluation.importWorkbook': { request: { year: number; fileName: string; data: string }; response: FormImportSummary };
  /** 导入Excel表格: what importing the workbook's tables into the year would change (nothing is written). */
  'import.tablesPreview': { request: WorkbookUpload; response: ImportPreview };
  /** 导入Excel表格: imports the workbook's tables into the year, in one transaction. */
  'import.tablesApply': { request: WorkbookUpload; response: TablesImportApplied };
  /** The comparison of two years as a workbook, into a folder chosen by the backend; null = cancelled. */
  'export.compare': { request: { year: number; withYear: number }; response: ExportResult | null };
  /** A year's change log as a workbook, into a folder chosen by the backend; null = cancelled. */
  'export.changes': { request: { year: number }; response: ExportResult | null };
}

export type Channel = keyof ApiChannels;
export type RequestOf<C extends Channel> = ApiChannels[C]['request'];
export type ResponseOf<C extends Channel> = ApiChannels[C]['response'];

export const ERROR_CODES = [
  'INVALID_REQUEST', // the request does not match the contract (a bug or a foreign caller)
  'NO_FILE', // no file is open
  'USER', // a request the user can fix; the message says how
  'NOT_OUR_FILE',
  'DAMAGED',
  'NEWER_VERSION',
  'LOCKED', // open elsewhere (another window or computer): the message says who holds it
  'READ_ONLY',
  'DISK_FULL',
  'NOT_FOUND',
  'INVALID',
  'EXPORT_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** Complete Chinese message for the user. */
  message: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** What the preload exposes as `window.api` and the browser-mode shim installs. */
export interface Api {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>>;
}

export const CHANNELS: readonly Channel[] = [
  'app.info',
  'file.recent',
  'file.list',
  'file.open',
  'file.openDemo',
  'file.create',
  'file.saveAs',
  'file.current',
  'file.close',
  'report.load',
  'report.writeFact',
  'report.writeText',
  'report.writeBatch',
  'report.updateSettings',
  'report.addItem',
  'report.deleteItem',
  'report.createYear',
  'report.publish',
  'report.unpublish',
  'report.changes',
  'department.update',
  'catalogue.addCode',
  'export.run',
  'export.pdf',
  'export.audit',
  'export.bundle',
  'export.openFolder',
  'evaluation.saveSettings',
  'evaluation.importWorkbook',
  'import.tablesPreview',
  'import.tablesApply',
  'export.compare',
  'export.changes',
];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
