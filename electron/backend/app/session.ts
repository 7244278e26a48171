/**
 * The open disclosure file of one window (Electron) or one browser-mode server: at most one at a
 * time, held with its lock (lock.ts) and one repository. Opening another file closes the previous
 * one only after the new one opened, so a failed open leaves the user where they were.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { OpenFileInfo } from '../../../shared/contract/api';
import { editionForYear } from '../../../shared/domain/catalogue';
import type { Department } from '../../../shared/domain/model';
import { closeDisclosureFile, type DisclosureFile, DisclosureRepository, openDisclosureFile, setActor, snapshotBeforeCreation, undoFailedCreation } from '../db';
import { UserError } from '../services/reports';
import { noFile } from './errors';
import { fileNameProblem } from './fileNames';
import { acquireLock, type FileLock, type LockEnvironment } from './lock';

export interface OpenFile {
  readonly path: string;
  readonly file: DisclosureFile;
  readonly repo: DisclosureRepository;
  readonly lock: FileLock;
  readonly department: Department;
}

export interface SessionOptions {
  /** Testing hook: who and where this session is, for its locks. */
  lockEnvironment?: Partial<LockEnvironment>;
}

function info(open: OpenFile): OpenFileInfo {
  const backupPath = open.file.migration.backupPath;
  return {
    name: path.basename(open.path),
    location: path.dirname(open.path),
    department: open.department,
    years: open.repo.listYears(),
    backupName: backupPath === null ? null : path.basename(backupPath),
  };
}

function closeQuietly(file: DisclosureFile): void {
  try {
    closeDisclosureFile(file);
  } catch {
    // Closing after a failure: the original error is the one to report.
  }
}

/** A temporary name next to `target`, for writing it completely before it takes the real name. */
function tempPathBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
}

function removeSideFiles(filePath: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${filePath}${suffix}`, { force: true });
}

/** A new file's name must work on Windows too (the file may be shared with colleagues there). */
function refuseUnusableName(filePath: string): void {
  const problem = fileNameProblem(path.basename(filePath));
  if (problem) throw new UserError(problem);
}

export class Session {
  private current: OpenFile | null = null;
  private readonly lockEnvironment: Partial<LockEnvironment>;

  constructor(options: SessionOptions = {}) {
    this.lockEnvironment = options.lockEnvironment ?? {};
  }

  /** The open file, or null. */
  get open(): OpenFile | null {
    return this.current;
  }

  /** The open file, or NO_FILE. */
  require(): OpenFile {
    if (this.current === null) throw noFile();
    return this.current;
  }

  info(): OpenFileInfo | null {
    return this.current === null ? null : info(this.current);
  }

  /** Refreshes what the session caches about the file (after the department changed). */
  refresh(): OpenFileInfo {
    const open = this.require();
    const department = open.repo.getDepartment();
    if (department) this.current = { ...open, department };
    return info(this.require());
  }

  /** Opens an existing file for writing; reopening the open file just returns it. */
  openFile(filePath: string): OpenFileInfo {
    const resolved = path.resolve(filePath);
    if (this.current?.path === resolved) return info(this.current);
    return this.openLocked(resolved, acquireLock(resolved, this.lockEnvironment));
  }

  /** 新建部门文件: a new file holding the department and an empty report for `year`. */
  create(filePath: string, department: Department, year: number): OpenFileInfo {
    const resolved = path.resolve(filePath);
    refuseUnusableName(resolved);
    if (this.current?.path === resolved || (fs.existsSync(resolved) && fs.statSync(resolved).size > 0)) {
      throw new UserError(`文件“${path.basename(resolved)}”已存在。为避免覆盖已有数据，请换一个文件名。`);
    }
    const lock = acquireLock(resolved, this.lockEnvironment);
    // What was there before: a failure removes only what this creation made.
    const before = snapshotBeforeCreation(resolved);
    let file: DisclosureFile | null = null;
    try {
      file = openDisclosureFile(resolved, { create: true });
      this.identify(file);
      const repo = new DisclosureRepository(file.db);
      file.db.transaction(() => {
        repo.setDepartment(department);
        repo.createReport(year, editionForYear(year));
      })();
      closeDisclosureFile(file);
    } catch (e) {
      if (file) {
        closeQuietly(file);
        undoFailedCreation(before);
      }
      lock.release();
      throw e;
    }
    return this.openLocked(resolved, lock);
  }

  /**
   * 另存为: a consistent copy of the open file (SQLite online backup) written beside the target and
   * renamed over it, then opened in place of the current file.
   */
  async saveAs(target: string): Promise<OpenFileInfo> {
    const open = this.require();
    const resolved = path.resolve(target);
    if (resolved === open.path) throw new UserError('另存为的文件不能是当前文件本身，请换一个文件名。');
    refuseUnusableName(resolved);
    const lock = acquireLock(resolved, this.lockEnvironment);
    const temp = tempPathBeside(resolved);
    try {
      await open.repo.backupTo(temp);
      // A WAL left beside an old file of that name would be replayed into the copy.
      removeSideFiles(resolved);
      fs.renameSync(temp, resolved);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      lock.release();
      throw e;
    }
    return this.openLocked(resolved, lock);
  }

  /** Opens a file whose lock is already held; on failure the lock is released. */
  private openLocked(resolved: string, lock: FileLock): OpenFileInfo {
    let file: DisclosureFile | null = null;
    try {
      file = openDisclosureFile(resolved, { create: false });
      this.identify(file);
      const repo = new DisclosureRepository(file.db);
      const department = repo.getDepartment();
      if (department === null) {
        throw new UserError(`“${path.basename(resolved)}”中还没有部门信息，无法打开。请用“新建”建立部门文件，或先用命令行导入数据。`);
      }
      const opened: OpenFile = { path: resolved, file, repo, lock, department };
      this.close();
      this.current = opened;
      return info(opened);
    } catch (e) {
      if (file) closeQuietly(file);
      lock.release();
      throw e;
    }
  }

  /** The change log names the session's user (the lock's owner) as who made each change. */
  private identify(file: DisclosureFile): void {
    if (this.lockEnvironment.user) setActor(file.db, this.lockEnvironment.user);
  }

  /** Closes the open file (folding its WAL back) and releases its lock. */
  close(): void {
    const open = this.current;
    if (open === null) return;
    this.current = null;
    try {
      closeDisclosureFile(open.file);
    } finally {
      open.lock.release();
    }
  }
}
