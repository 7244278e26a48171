/**
 * The change_log table (修改记录): appended to by the repository inside the transaction of each
 * change it records, read back per year, per fact or for the whole file.
 */
import type Database from 'better-sqlite3';
import type { ChangeEntry, ChangeRecord, LogValue } from '../../../shared/domain/changeLog';
import { canonicalJson } from '../../../shared/domain/factsHash';
import { guarded } from './errors';
import { StorageError } from './errors';

const COLUMNS = 'id, at, user, year, action, target, before, after, note';

const SQL = {
  insert: 'INSERT INTO change_log (at, user, year, action, target, before, after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  byYear: `SELECT ${COLUMNS} FROM change_log WHERE year = ? ORDER BY id`,
  byTarget: `SELECT ${COLUMNS} FROM change_log WHERE year = ? AND target = ? ORDER BY id`,
  fileWide: `SELECT ${COLUMNS} FROM change_log WHERE year IS NULL ORDER BY id`,
} as const;

/** Who and what made a group of records. */
export interface LogContext {
  at: string;
  user: string;
  year: number | null;
  action: string;
}

function damaged(): StorageError {
  return new StorageError('DAMAGED', '数据文件中的修改记录已损坏，无法读取。文件未被修改。');
}

function toJson(value: LogValue): string | null {
  return value === null ? null : canonicalJson(value);
}

function fromJson(text: unknown): LogValue {
  if (text === null) return null;
  if (typeof text !== 'string') throw damaged();
  try {
    return JSON.parse(text) as LogValue;
  } catch {
    throw damaged();
  }
}

function rowToEntry(row: unknown): ChangeEntry {
  if (typeof row !== 'object' || row === null) throw damaged();
  const r = row as Record<string, unknown>;
  const { id, at, user, year, action, target, note } = r;
  if (typeof id !== 'number' || typeof at !== 'string' || typeof user !== 'string' || typeof action !== 'string' || typeof target !== 'string') throw damaged();
  if (year !== null && typeof year !== 'number') throw damaged();
  return { id, at, user, year, action, target, before: fromJson(r.before), after: fromJson(r.after), note: typeof note === 'string' ? note : '' };
}

export class ChangeLogStore {
  private readonly stmt: { readonly [K in keyof typeof SQL]: Database.Statement };

  constructor(db: Database.Database) {
    this.stmt = guarded(() => ({
      insert: db.prepare(SQL.insert),
      byYear: db.prepare(SQL.byYear),
      byTarget: db.prepare(SQL.byTarget),
      fileWide: db.prepare(SQL.fileWide),
    }));
  }

  /** Appends one record; call inside the transaction that makes the change. */
  append(ctx: LogContext, record: ChangeRecord): void {
    this.stmt.insert.run(ctx.at, ctx.user, ctx.year, ctx.action, record.target, toJson(record.before), toJson(record.after), record.note ?? '');
  }

  /** A year's records (or one target's), oldest first; `null` lists the file-wide records. */
  list(year: number | null, target?: string): ChangeEntry[] {
    const rows = year === null ? this.stmt.fileWide.all() : target === undefined ? this.stmt.byYear.all(year) : this.stmt.byTarget.all(year, target);
    return rows.map(rowToEntry);
  }
}
