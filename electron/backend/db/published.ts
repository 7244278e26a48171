/**
 * 定稿: a year marked published is read-only, whatever tries to write it — the app, the CLI
 * (import, add-code, import-codes, and commands added later) or a future repository with
 * tables of its own. The guard lives here, in the storage layer, in one place:
 *
 * - Year data: TEMP triggers, installed on every writable connection, on every table of the file
 *   with a `year` column (found at install time, so tables added by later migrations are covered
 *   too). A write to a published year's row aborts the statement — and so the whole transaction —
 *   with a StorageError naming the year and who published it. The `report` row itself may change
 *   only its publication (定稿 / 取消定稿); `change_log` is exempt, since 定稿 and 取消定稿 are logged.
 * - File-wide data (custom code names, the department's name and 单位性质) is checked before it
 *   is written: a change that would alter what a published year prints is refused
 *   (`refuseIfAltersPublished`).
 *
 * TEMP triggers are not stored in the file: an older build opening it is not affected, and
 * nothing in the file can switch the guard off.
 */
import type Database from 'better-sqlite3';
import { formatLocalTime } from './localTime';
import { StorageError } from './errors';

/** Tables whose `year` column is not year data to guard. */
const UNGUARDED = new Set(['report', 'change_log', 'schema_migrations']);

const REFUSE_FUNCTION = 'disclosure_refuse_published';

const installed = new WeakSet<Database.Database>();

/** The message for a write refused because `year` is published. */
export function publishedMessage(year: number, at: string | null, by: string | null): string {
  const who = by ? `${by}于${at ? formatLocalTime(at) : ''}` : '';
  return (
    `${year}年度已定稿（${who}标记为已公开），数据为只读，本次修改未保存。` +
    '如确需修改，请先“取消定稿”并填写原因。'
  );
}

export function publishedError(year: number, at: string | null, by: string | null): StorageError {
  return new StorageError('READ_ONLY', publishedMessage(year, at, by));
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/gu, '""')}"`;
}

function guardedTables(db: Database.Database): string[] {
  const tables = db
    .prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all()
    .filter((n): n is string => typeof n === 'string' && !UNGUARDED.has(n));
  return tables.filter((t) =>
    db
      .prepare(`PRAGMA main.table_info(${quoteIdent(t)})`)
      .all()
      .some((c) => typeof c === 'object' && c !== null && 'name' in c && c.name === 'year'),
  );
}

/** `SELECT refuse(year, published_at, published_by)` for the row's year, as a trigger body. */
function refusal(row: 'NEW' | 'OLD'): string {
  const of = (column: string) => `(SELECT ${column} FROM main.report WHERE year = ${row}.year)`;
  return `SELECT ${REFUSE_FUNCTION}(${row}.year, ${of('published_at')}, ${of('published_by')});`;
}

function whenPublished(row: 'NEW' | 'OLD'): string {
  return `EXISTS (SELECT 1 FROM main.report WHERE year = ${row}.year AND published_at IS NOT NULL)`;
}

/**
 * Installs the guard on a writable connection (idempotent). Called when a file is opened for
 * writing and by every repository, so code that writes through either is covered.
 */
export function installPublishedGuard(db: Database.Database): void {
  // A read-only connection (or the query_only copy of an older file) writes nothing to guard.
  if (installed.has(db) || db.readonly || db.pragma('query_only', { simple: true }) === 1) return;
  const hasReport = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'report'").get() !== undefined;
  const hasPublication = hasReport && db.prepare('PRAGMA main.table_info(report)').all().some((c) => typeof c === 'object' && c !== null && 'name' in c && c.name === 'published_at');
  if (!hasPublication) return; // a file before migration 4: nothing can be published yet
  db.function(REFUSE_FUNCTION, { deterministic: false, directOnly: false }, (year: unknown, at: unknown, by: unknown) => {
    throw publishedError(Number(year), typeof at === 'string' ? at : null, typeof by === 'string' ? by : null);
  });
  const statements: string[] = [];
  for (const table of guardedTables(db)) {
    const t = quoteIdent(table);
    const name = (op: string) => quoteIdent(`published_guard_${table}_${op}`);
    statements.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('insert')} BEFORE INSERT ON main.${t} WHEN ${whenPublished('NEW')} BEGIN ${refusal('NEW')} END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('update_old')} BEFORE UPDATE ON main.${t} WHEN ${whenPublished('OLD')} BEGIN ${refusal('OLD')} END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('update_new')} BEFORE UPDATE ON main.${t} WHEN ${whenPublished('NEW')} BEGIN ${refusal('NEW')} END;`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${name('delete')} BEFORE DELETE ON main.${t} WHEN ${whenPublished('OLD')} BEGIN ${refusal('OLD')} END;`,
    );
  }
  // The report row of a published year: only 定稿/取消定稿 may change it, and it cannot be deleted.
  statements.push(
    `CREATE TEMP TRIGGER IF NOT EXISTS published_guard_report_update BEFORE UPDATE ON main.report
       WHEN OLD.published_at IS NOT NULL AND NEW.published_at IS NOT NULL
       BEGIN SELECT ${REFUSE_FUNCTION}(OLD.year, OLD.published_at, OLD.published_by); END;`,
    `CREATE TEMP TRIGGER IF NOT EXISTS published_guard_report_delete BEFORE DELETE ON main.report
       WHEN OLD.published_at IS NOT NULL
       BEGIN SELECT ${REFUSE_FUNCTION}(OLD.year, OLD.published_at, OLD.published_by); END;`,
  );
  db.exec(statements.join('\n'));
  installed.add(db);
}

export interface Publication {
  year: number;
  edition: number;
  at: string;
  by: string;
}

/** The published years of the file, oldest first. */
export function publishedYears(db: Database.Database): Publication[] {
  const rows = db.prepare('SELECT year, edition, published_at, published_by FROM report WHERE published_at IS NOT NULL ORDER BY year').all();
  return rows.flatMap((r) => {
    if (typeof r !== 'object' || r === null) return [];
    const { year, edition, published_at: at, published_by: by } = r as Record<string, unknown>;
    if (typeof year !== 'number' || typeof edition !== 'number' || typeof at !== 'string') return [];
    return [{ year, edition, at, by: typeof by === 'string' ? by : '' }];
  });
}

/**
 * Refuses a file-wide change (`what`, in Chinese) when `alters(year)` says it would change what a
 * published year prints.
 */
export function refuseIfAltersPublished(db: Database.Database, what: string, alters: (p: Publication) => string | null): void {
  for (const p of publishedYears(db)) {
    const detail = alters(p);
    if (detail !== null) {
      throw new StorageError(
        'READ_ONLY',
        `${what}会改变已定稿的${p.year}年度报表（${detail}），已定稿的年度为只读，本次修改未保存。如确需修改，请先取消${p.year}年度的定稿。`,
      );
    }
  }
}
