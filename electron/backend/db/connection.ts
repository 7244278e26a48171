/**
 * Opening a disclosure file (决算数据文件): one department, one report per fiscal year.
 *
 * An existing file is validated before anything can write to it:
 *   1. its first 100 bytes are read with plain fs: SQLite magic, our application id, a sane page
 *      size and a size that matches the header (text files, images, other programs' databases
 *      and truncated copies stop here);
 *   2. a read-only view is inspected with SQLite: `quick_check`, the `meta.app` marker and the
 *      recorded migrations (a newer file stops here). When no WAL is pending the view is an
 *      in-memory copy, so not even `-shm`/`-wal` files appear next to a refused file.
 * Read-only use keeps that view. Otherwise the file is then opened for writing, switched to WAL
 * and migrated (with a backup first).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError, guarded, toStorageError } from './errors';
import { openSqlite } from './sqlite';
import { installPublishedGuard } from './published';
import {
  APPLICATION_ID,
  APP_MARKER,
  MIGRATIONS,
  migrate,
  migrateCopy,
  pendingMigrations,
  readAppliedVersions,
  type MigrateResult,
  type Migration,
} from './migrations';

export interface OpenOptions {
  /** Make a new file when none exists at `filePath`; an existing file must still be ours. */
  create: boolean;
  /**
   * Open without writing: the file as it is at this moment, read into memory unless a WAL is
   * pending (so nothing appears next to it). A file that needs migrating is refused with READ_ONLY.
   */
  readonly?: boolean;
  /** How long to wait for another connection's lock before LOCKED (ms). */
  busyTimeoutMs?: number;
  /** Testing hook: the migration list (defaults to MIGRATIONS). */
  migrations?: readonly Migration[];
  /** Testing hook: the clock used for migration records and backup names. */
  now?: () => Date;
}

export interface DisclosureFile {
  readonly path: string;
  readonly db: Database.Database;
  readonly readonly: boolean;
  /** What opening did to the schema: versions before and after, and the backup taken. */
  readonly migration: MigrateResult;
}

const DEFAULT_BUSY_TIMEOUT_MS = 3000;

/** The options with defaults filled in, as the steps below use them. */
interface OpenContext {
  filePath: string;
  migrations: readonly Migration[];
  busyTimeoutMs: number;
  now: (() => Date) | undefined;
}

const HEADER_SIZE = 100;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function displayName(filePath: string): string {
  return `“${path.basename(filePath)}”`;
}

function notOurs(filePath: string, detail = ''): StorageError {
  return new StorageError('NOT_OUR_FILE', `${displayName(filePath)}不是本程序的决算数据文件${detail}，无法打开。文件未被修改。`);
}

function damaged(filePath: string, detail: string): StorageError {
  return new StorageError(
    'DAMAGED',
    `${displayName(filePath)}已损坏（${detail}），无法打开。文件未被修改。` +
      '可尝试打开同一文件夹中的备份文件（文件名含“.bak-”）。',
  );
}

// ---------------------------------------------------------------------------------------------
// Step 1: the header, read with plain fs.

interface FileHeader {
  size: number;
  /** A non-empty `-wal` file exists: the main file alone is not the whole database. */
  walPending: boolean;
  /** Bytes 18–19 say WAL. */
  walFormat: boolean;
}

function readHeaderBytes(filePath: string): { bytes: Buffer; size: number } {
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.min(size, HEADER_SIZE));
    fs.readSync(fd, bytes, 0, bytes.length, 0);
    return { bytes, size };
  } finally {
    fs.closeSync(fd);
  }
}

function fileSize(filePath: string): number {
  try {
    return fs.statSync(filePath).size;
  } catch {
    return 0;
  }
}

/** Page size from bytes 16–17 (1 means 65536); null if not a power of two in 512..65536. */
function pageSizeOf(bytes: Buffer): number | null {
  const raw = bytes.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  const powerOfTwo = size >= 512 && size <= 65536 && (size & (size - 1)) === 0;
  return powerOfTwo ? size : null;
}

/** Database size in pages from bytes 28–31, when the header vouches for it (bytes 92 = 96). */
function headerPageCount(bytes: Buffer): number | null {
  const count = bytes.readUInt32BE(28);
  const valid = count > 0 && bytes.readUInt32BE(92) === bytes.readUInt32BE(96);
  return valid ? count : null;
}

function noReadPermission(filePath: string, cause: unknown): StorageError {
  return new StorageError(
    'READ_ONLY',
    `没有读取${displayName(filePath)}的权限，无法打开。请检查文件权限，或确认它没有被其他程序独占。文件未被修改。`,
    { cause },
  );
}

function readHeaderOrRefuse(filePath: string): { bytes: Buffer; size: number } {
  try {
    return readHeaderBytes(filePath);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? e.code : undefined;
    if (code === 'EACCES' || code === 'EPERM') throw noReadPermission(filePath, e);
    throw e;
  }
}

function checkHeader(filePath: string): FileHeader {
  const { bytes, size } = readHeaderOrRefuse(filePath);
  if (size < SQLITE_MAGIC.length || !bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw notOurs(filePath, size === 0 ? '（文件是空的）' : '');
  }
  if (size < HEADER_SIZE) throw damaged(filePath, '文件不完整');
  if (bytes.readInt32BE(68) !== APPLICATION_ID) throw notOurs(filePath, '（它是其他程序的数据库）');
  const pageSize = pageSizeOf(bytes);
  if (pageSize === null) throw damaged(filePath, '文件头无效');
  const walPending = fileSize(`${filePath}-wal`) > 0;
  const pages = headerPageCount(bytes);
  const truncated = size % pageSize !== 0 || (!walPending && pages !== null && pages * pageSize > size);
  if (truncated) throw damaged(filePath, '文件不完整，可能在复制或保存时被截断');
  return { size, walPending, walFormat: bytes[18] === 2 };
}

// ---------------------------------------------------------------------------------------------
// Step 2: inspection through a read-only view.

/**
 * A read-only view of the file. Without a pending WAL the main file is the whole database, so the
 * view is an in-memory copy (its WAL flag cleared, which memory databases need): nothing is created
 * next to the file, and it works on read-only media. With a pending WAL only SQLite can read the
 * whole database, so the view is a read-only connection to the file itself.
 */
function openView(filePath: string, header: FileHeader): Database.Database {
  if (header.walPending) return openSqlite(filePath, { readonly: true, fileMustExist: true });
  const image = fs.readFileSync(filePath);
  if (header.walFormat) {
    image[18] = 1;
    image[19] = 1;
  }
  return openSqlite(image, { readonly: true });
}

function readMetaApp(db: Database.Database): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta === undefined) return null;
  const value = db.prepare("SELECT value FROM meta WHERE key = 'app'").pluck().get();
  return typeof value === 'string' ? value : null;
}

/** Returns how many migrations the file still needs; throws if it is not a sound file of ours. */
function inspect(db: Database.Database, filePath: string, migrations: readonly Migration[]): number {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw damaged(filePath, '完整性检查未通过');
  if (readMetaApp(db) !== APP_MARKER) throw notOurs(filePath);
  return pendingMigrations(readAppliedVersions(db), migrations).length;
}

/** Our own verdicts pass through; SQLite failing to read a file whose header is ours means damage. */
function inspectionError(e: unknown, filePath: string): StorageError {
  if (e instanceof StorageError) return e;
  const mapped = toStorageError(e);
  if (mapped.code === 'DAMAGED' || mapped.code === 'NOT_OUR_FILE') return damaged(filePath, '无法读取文件内容');
  return mapped;
}

interface Inspected {
  /** Open read-only view; the caller keeps or closes it. */
  view: Database.Database;
  pending: number;
}

function inspectExisting(filePath: string, migrations: readonly Migration[]): Inspected {
  const header = guarded(() => checkHeader(filePath));
  let view: Database.Database | null = null;
  try {
    view = openView(filePath, header);
    return { view, pending: inspect(view, filePath, migrations) };
  } catch (e) {
    view?.close();
    throw inspectionError(e, filePath);
  }
}

// ---------------------------------------------------------------------------------------------
// Step 3: the working connection.

function configure(db: Database.Database, ctx: OpenContext): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ctx.busyTimeoutMs))}`);
  db.pragma('foreign_keys = ON');
  // Files come from users: schema objects may not call application functions.
  db.pragma('trusted_schema = OFF');
  if (!db.readonly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StorageError('LOCKED', '无法切换数据文件的日志模式，文件可能正被其他程序使用，请关闭后重试。');
  }
}

function noMigration(db: Database.Database): MigrateResult {
  const version = readAppliedVersions(db).at(-1) ?? 0;
  return { fromVersion: version, toVersion: version, applied: [], backupPath: null };
}

function assertWritable(filePath: string): void {
  try {
    fs.accessSync(filePath, fs.constants.W_OK);
  } catch {
    throw new StorageError(
      'READ_ONLY',
      `${displayName(filePath)}是只读的，无法保存修改。请检查文件权限（例如在文件属性中取消“只读”），或把文件复制到可写的文件夹后再试。文件未被修改。`,
    );
  }
}

/** Read-only use keeps the inspection view: no lock, no side files, works on read-only media. */
function useView(ctx: OpenContext, { view, pending }: Inspected): DisclosureFile {
  try {
    if (pending > 0) {
      // A file of an older version: read an upgraded copy in memory; the file stays as it is.
      const copy = openSqlite(view.serialize());
      view.close();
      try {
        migrateCopy(copy, ctx.migrations);
        copy.pragma('foreign_keys = ON');
        copy.pragma('trusted_schema = OFF');
        copy.pragma('query_only = ON');
      } catch (e) {
        copy.close();
        throw e;
      }
      return { path: ctx.filePath, db: copy, readonly: true, migration: noMigration(copy) };
    }
    configure(view, ctx);
    return { path: ctx.filePath, db: view, readonly: true, migration: noMigration(view) };
  } catch (e) {
    view.close();
    throw toStorageError(e);
  }
}

function openWritable(ctx: OpenContext): DisclosureFile {
  assertWritable(ctx.filePath);
  const db = openSqlite(ctx.filePath, { fileMustExist: true });
  try {
    configure(db, ctx);
    const migration = migrate(db, ctx);
    installPublishedGuard(db);
    return { path: ctx.filePath, db, readonly: false, migration };
  } catch (e) {
    db.close();
    throw toStorageError(e);
  }
}

const SIDE_SUFFIXES = ['-journal', '-wal', '-shm'] as const;

/** Whether anything (a file, a folder, even a link pointing nowhere) is at a path. */
function occupied(filePath: string): boolean {
  try {
    fs.lstatSync(filePath);
    return true;
  } catch {
    return false;
  }
}

/** What was at a file's path and beside it before a creation, so a failure removes only what it made. */
export interface CreationSnapshot {
  readonly filePath: string;
  /** The file itself existed, empty (it is emptied again, not deleted). */
  readonly existedEmpty: boolean;
  /** Side files (`-wal`, …) that were there before and are left alone. */
  readonly sideFilesBefore: ReadonlySet<string>;
}

export function snapshotBeforeCreation(filePath: string): CreationSnapshot {
  return {
    filePath,
    existedEmpty: occupied(filePath),
    sideFilesBefore: new Set(SIDE_SUFFIXES.filter((suffix) => occupied(`${filePath}${suffix}`))),
  };
}

/**
 * Removes what a failed creation left, and nothing else: the file when this creation made it (an
 * empty file that was there is emptied again), and only the side files it made.
 */
export function undoFailedCreation(snapshot: CreationSnapshot): void {
  const { filePath } = snapshot;
  for (const suffix of SIDE_SUFFIXES) {
    if (!snapshot.sideFilesBefore.has(suffix)) fs.rmSync(`${filePath}${suffix}`, { force: true });
  }
  if (snapshot.existedEmpty) {
    if (fs.statSync(filePath, { throwIfNoEntry: false })?.isFile()) fs.truncateSync(filePath, 0);
  } else if (fs.lstatSync(filePath, { throwIfNoEntry: false })?.isFile()) {
    fs.rmSync(filePath, { force: true });
  }
}

/**
 * Creates and initialises a new file. The schema and the application id are written in rollback
 * mode in one transaction, so they reach the main file itself; WAL is switched on afterwards.
 */
function createNew(ctx: OpenContext): DisclosureFile {
  const folder = path.dirname(ctx.filePath);
  if (!fs.existsSync(folder)) throw new StorageError('NOT_FOUND', `找不到文件夹“${folder}”，无法新建数据文件。`);
  const snapshot = snapshotBeforeCreation(ctx.filePath);
  let db: Database.Database | null = null;
  try {
    db = openSqlite(ctx.filePath);
    const migration = migrate(db, ctx);
    configure(db, ctx);
    installPublishedGuard(db);
    return { path: ctx.filePath, db, readonly: false, migration };
  } catch (e) {
    db?.close();
    undoFailedCreation(snapshot);
    throw toStorageError(e);
  }
}

/** What a path holds when it is not a regular file, for the message that refuses it. */
function notAFile(filePath: string, stat: fs.Stats): StorageError {
  const what = stat.isDirectory()
    ? '是一个文件夹'
    : stat.isFIFO()
      ? '是一个命名管道（FIFO）'
      : stat.isSocket()
        ? '是一个套接字'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? '是一个设备'
          : '不是普通文件';
  return new StorageError('NOT_OUR_FILE', `${displayName(filePath)}${what}，不是决算数据文件，无法打开。它未被修改。`);
}

/**
 * What is at the path: nothing, an empty file, or a file with content. Anything else — a folder, a
 * named pipe, a device, a link that points nowhere — is refused before anything reads or writes it.
 */
function probe(filePath: string): 'missing' | 'empty' | 'file' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? e.code : undefined;
    if (code === 'ENOENT' && occupied(filePath)) {
      throw new StorageError(
        'NOT_FOUND',
        `${displayName(filePath)}是一个快捷方式（符号链接），它指向的“${fs.readlinkSync(filePath)}”不存在，无法在那里新建或打开数据文件。链接未被修改。`,
      );
    }
    if (code === 'ENOENT') return 'missing';
    if (code === 'EACCES' || code === 'EPERM') throw noReadPermission(filePath, e);
    throw toStorageError(e);
  }
  if (!stat.isFile()) throw notAFile(filePath, stat);
  return stat.size === 0 ? 'empty' : 'file';
}

/**
 * Opens (or, with `create`, makes) a disclosure file. Anything that is not a valid file of this
 * or an older version is refused with a StorageError and left byte-for-byte unchanged.
 */
export function openDisclosureFile(filePath: string, options: OpenOptions): DisclosureFile {
  if (options.create && options.readonly) throw new StorageError('INVALID', '不能以只读方式新建数据文件。');
  const ctx: OpenContext = {
    filePath: path.resolve(filePath),
    migrations: options.migrations ?? MIGRATIONS,
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    now: options.now,
  };
  const found = probe(ctx.filePath);
  if (found === 'missing' && !options.create) throw new StorageError('NOT_FOUND', `找不到文件“${ctx.filePath}”。`);
  // An empty file holds nothing to lose (e.g. a placeholder left by a save dialog): `create` may fill it.
  if (found !== 'file' && options.create) return createNew(ctx);
  const inspected = inspectExisting(ctx.filePath, ctx.migrations);
  if (options.readonly) return useView(ctx, inspected);
  inspected.view.close();
  return openWritable(ctx);
}

/** Closes the connection; in WAL mode the last close folds the WAL back into the file. */
export function closeDisclosureFile(file: DisclosureFile): void {
  if (!file.db.open) return;
  try {
    if (!file.readonly) file.db.pragma('optimize');
  } finally {
    file.db.close();
  }
}
