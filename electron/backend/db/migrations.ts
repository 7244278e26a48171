/**
 * Schema migrations: an ordered list, each applied once and recorded in `schema_migrations`.
 *
 * Rules:
 * - A migration's SQL is frozen once released: never edit it, add a new one instead. That is why
 *   version 1 spells out its columns instead of reading the current column table of the repository.
 * - A file holding a version this build does not know was written by a newer build and is refused
 *   before anything is written.
 * - An existing file is backed up (VACUUM INTO, a consistent single-file copy) before it is migrated.
 * - All pending migrations run in one transaction with foreign keys off (so a migration may rebuild
 *   a table), and `foreign_key_check` must pass before commit.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { StorageError, guarded } from './errors';

/** `PRAGMA application_id` of every disclosure file: ASCII "BMJS" (部门决算). */
export const APPLICATION_ID = 0x424d4a53;
/** `meta.app` of every disclosure file. */
export const APP_MARKER = 'disclosure';

export interface Migration {
  /** Positive, strictly increasing along the list. */
  readonly version: number;
  /** snake_case, recorded in the file for people reading it. */
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

/** Version 1: the department, its reports by fiscal year, and user-added catalogue codes. */
const SCHEMA_V1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- 部门: exactly one per file.
CREATE TABLE department (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  name              TEXT NOT NULL,
  unit_kind         TEXT NOT NULL CHECK (unit_kind IN ('行政单位', '参公事业单位', '事业单位')),
  subordinate_units TEXT NOT NULL DEFAULT ''
) STRICT;

-- One report per fiscal year (年度); settings is the JSON of ReportSettings.
CREATE TABLE report (
  year       INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 2999),
  edition    INTEGER NOT NULL CHECK (edition BETWEEN 1900 AND 2999),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- 支出功能分类 项 rows: every amount in 分 (STRICT makes a fraction impossible).
CREATE TABLE report_item (
  year                          INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
  code                          TEXT NOT NULL CHECK (code <> ''),
  income_general_budget         INTEGER NOT NULL DEFAULT 0,
  income_gov_fund               INTEGER NOT NULL DEFAULT 0,
  income_state_capital          INTEGER NOT NULL DEFAULT 0,
  income_superior               INTEGER NOT NULL DEFAULT 0,
  income_business               INTEGER NOT NULL DEFAULT 0,
  income_operating              INTEGER NOT NULL DEFAULT 0,
  income_affiliated             INTEGER NOT NULL DEFAULT 0,
  income_other                  INTEGER NOT NULL DEFAULT 0,
  expenditure_basic             INTEGER NOT NULL DEFAULT 0,
  expenditure_project           INTEGER NOT NULL DEFAULT 0,
  expenditure_remit_upper       INTEGER NOT NULL DEFAULT 0,
  expenditure_operating         INTEGER NOT NULL DEFAULT 0,
  expenditure_affiliated_subsidy INTEGER NOT NULL DEFAULT 0,
  fiscal_general_basic          INTEGER NOT NULL DEFAULT 0,
  fiscal_general_project        INTEGER NOT NULL DEFAULT 0,
  fiscal_gov_fund_basic         INTEGER NOT NULL DEFAULT 0,
  fiscal_gov_fund_project       INTEGER NOT NULL DEFAULT 0,
  fiscal_state_capital_basic    INTEGER NOT NULL DEFAULT 0,
  fiscal_state_capital_project  INTEGER NOT NULL DEFAULT 0,
  gov_fund_opening              INTEGER NOT NULL DEFAULT 0,
  gov_fund_closing              INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, code)
) STRICT, WITHOUT ROWID;

-- Scalar facts keyed by factRefKey() (economic/…, summary/…, threePublic/…, stats/…, vehicles/…).
-- An absent row reads as 0, or as "not overridden" for stats/operatingCost.
CREATE TABLE report_amount (
  year  INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
  key   TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (year, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE report_text (
  year  INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
  key   TEXT NOT NULL CHECK (key <> ''),
  value TEXT NOT NULL,
  PRIMARY KEY (year, key)
) STRICT, WITHOUT ROWID;

-- Codes a user added because the shipped catalogue lacks them.
CREATE TABLE custom_code (
  catalogue TEXT NOT NULL CHECK (catalogue IN ('functional', 'economic')),
  code      TEXT NOT NULL CHECK (code <> ''),
  name      TEXT NOT NULL CHECK (name <> ''),
  PRIMARY KEY (catalogue, code)
) STRICT, WITHOUT ROWID;
`;

/** Version 2: 下属单位 as a list (序号, 单位名称, 备注) instead of one free text on the department. */
const SCHEMA_V2 = `
-- 下属单位 in the order the 部门决算单位构成 table lists them; note is its 备注.
CREATE TABLE subordinate_unit (
  position INTEGER PRIMARY KEY CHECK (position >= 1),
  name     TEXT NOT NULL CHECK (name <> ''),
  note     TEXT NOT NULL DEFAULT ''
) STRICT;
`;

/**
 * The free text of version 1 split into unit names: one per line, or separated by 、，；,;, and
 * `无` alone for none. A frozen copy of the rule at the time (model.parseSubordinateUnits may
 * change; what this migration does may not).
 */
function unitNamesV1(text: string): string[] {
  const names = text
    .split(/[\r\n、，；,;]+/u)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return names.length === 1 && /^(无|没有|无下属单位)$/u.test(names[0]!) ? [] : names;
}

/**
 * Version 3: 定稿 (a year marked published, read-only until 取消定稿) and the change log.
 * Years already in the file are recorded as they stand ("升级前已有数据"), so every year's log
 * replays from its creation to its stored facts. The item columns are spelled out (frozen).
 */
const SCHEMA_V3 = `
-- 定稿: when and by whom the year was marked published; NULL while it is a draft.
ALTER TABLE report ADD COLUMN published_at TEXT;
ALTER TABLE report ADD COLUMN published_by TEXT;

-- 修改记录: one row per changed fact, written in the same transaction as the change.
-- year NULL: a file-wide record (department, custom codes). before/after: JSON, NULL for none.
CREATE TABLE change_log (
  id     INTEGER PRIMARY KEY,
  at     TEXT NOT NULL,
  user   TEXT NOT NULL,
  year   INTEGER,
  action TEXT NOT NULL,
  target TEXT NOT NULL CHECK (target <> ''),
  before TEXT CHECK (before IS NULL OR json_valid(before)),
  after  TEXT CHECK (after IS NULL OR json_valid(after)),
  note   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX change_log_year_target ON change_log (year, target);
`;

const V3_ITEM_COLUMNS: readonly (readonly [field: string, column: string])[] = [
  ['income.generalBudget', 'income_general_budget'],
  ['income.govFund', 'income_gov_fund'],
  ['income.stateCapital', 'income_state_capital'],
  ['income.superior', 'income_superior'],
  ['income.business', 'income_business'],
  ['income.operating', 'income_operating'],
  ['income.affiliated', 'income_affiliated'],
  ['income.other', 'income_other'],
  ['expenditure.basic', 'expenditure_basic'],
  ['expenditure.project', 'expenditure_project'],
  ['expenditure.remitUpper', 'expenditure_remit_upper'],
  ['expenditure.operating', 'expenditure_operating'],
  ['expenditure.affiliatedSubsidy', 'expenditure_affiliated_subsidy'],
  ['fiscal.generalBasic', 'fiscal_general_basic'],
  ['fiscal.generalProject', 'fiscal_general_project'],
  ['fiscal.govFundBasic', 'fiscal_gov_fund_basic'],
  ['fiscal.govFundProject', 'fiscal_gov_fund_project'],
  ['fiscal.stateCapitalBasic', 'fiscal_state_capital_basic'],
  ['fiscal.stateCapitalProject', 'fiscal_state_capital_project'],
  ['govFundOpening', 'gov_fund_opening'],
  ['govFundClosing', 'gov_fund_closing'],
];

/** The facts already in the file as the first records of each year's log (frozen SQL). */
function baselineLogV3(db: Database.Database): void {
  const head = "INSERT INTO change_log (at, user, year, action, target, before, after) SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '', year, '升级前已有数据', ";
  db.exec(`${head} 'report', NULL, json_object('edition', edition) FROM report ORDER BY year`);
  db.exec(`${head} 'settings', NULL, settings FROM report ORDER BY year`);
  db.exec(`${head} 'item/' || code, NULL, 'true' FROM report_item ORDER BY year, code`);
  for (const [field, column] of V3_ITEM_COLUMNS) {
    db.exec(`${head} 'item/' || code || '/${field}', '0', CAST(${column} AS TEXT) FROM report_item WHERE ${column} <> 0 ORDER BY year, code`);
  }
  db.exec(`${head} key, NULL, CAST(value AS TEXT) FROM report_amount ORDER BY year, key`);
  db.exec(`${head} 'text/' || key, NULL, json_quote(value) FROM report_text ORDER BY year, key`);
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial_schema',
    up: (db) => {
      db.exec(SCHEMA_V1);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('app', APP_MARKER);
    },
  },
  {
    version: 2,
    name: 'subordinate_unit_list',
    up: (db) => {
      db.exec(SCHEMA_V2);
      const text = db.prepare('SELECT subordinate_units FROM department WHERE id = 1').pluck().get();
      const insert = db.prepare('INSERT INTO subordinate_unit (position, name, note) VALUES (?, ?, ?)');
      unitNamesV1(typeof text === 'string' ? text : '').forEach((name, k) => insert.run(k + 1, name, ''));
      db.exec('ALTER TABLE department DROP COLUMN subordinate_units');
    },
  },
  {
    version: 3,
    name: 'published_years_and_change_log',
    up: (db) => {
      db.exec(SCHEMA_V3);
      baselineLogV3(db);
    },
  },
];

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Guards against a mistake in the list itself (a programming error, reported in English). */
export function assertMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : (migrations[i - 1]?.version ?? 0);
    if (!Number.isSafeInteger(m.version) || m.version <= previous) {
      throw new Error(`Migration versions must be positive and increasing; got ${m.version} after ${previous}`);
    }
  });
}

function tableExists(db: Database.Database, name: string): boolean {
  const row = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
  return row !== undefined;
}

/** Versions recorded in the file, ascending; empty for a file no migration has touched. */
export function readAppliedVersions(db: Database.Database): number[] {
  if (!tableExists(db, 'schema_migrations')) return [];
  const values = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  return values.map((v) => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
    throw new StorageError('DAMAGED', '数据文件的版本记录已损坏，无法打开。文件未被修改。');
  });
}

/**
 * Checks the recorded versions against the list: an unknown version means a newer build wrote
 * the file; a gap means the record is damaged. Returns the migrations still to apply.
 */
export function pendingMigrations(applied: readonly number[], migrations: readonly Migration[]): Migration[] {
  const known = new Set(migrations.map((m) => m.version));
  const unknown = applied.filter((v) => !known.has(v));
  if (unknown.length > 0) {
    throw new StorageError(
      'NEWER_VERSION',
      `此文件由更新版本的本程序创建（数据格式版本 ${Math.max(...unknown)}，当前程序只支持到版本 ${latestVersion(migrations)}）。` +
        '为保护数据，文件未被修改，请升级本程序后再打开。',
    );
  }
  const isPrefix = applied.every((v, i) => migrations[i]?.version === v);
  if (!isPrefix) {
    throw new StorageError('DAMAGED', '数据文件的版本记录不完整，无法打开。文件未被修改。');
  }
  return migrations.slice(applied.length);
}

export interface MigrateOptions {
  /** The database file; the pre-migration backup is written next to it. */
  filePath: string;
  /** The list to apply; tests inject their own. */
  migrations?: readonly Migration[];
  /** Clock for `applied_at` and the backup name. */
  now?: () => Date;
}

export interface MigrateResult {
  fromVersion: number;
  toVersion: number;
  applied: number[];
  /** The backup taken before migrating, or null when none was needed. */
  backupPath: string | null;
}

function pad(n: number, width = 2): string {
  return n.toString().padStart(width, '0');
}

/** Local time, safe in file names on every platform: 20240315-142530. */
function fileStamp(d: Date): string {
  const date = `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
  return `${date}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}

/** `<file>.bak-v<from>-<timestamp>`, with a counter if that name is taken. */
export function backupPathFor(filePath: string, fromVersion: number, at: Date): string {
  const base = `${filePath}.bak-v${fromVersion}-${fileStamp(at)}`;
  let candidate = base;
  for (let n = 2; fs.existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** A consistent single-file copy of the open database (works in WAL mode and read-only). */
export function vacuumInto(db: Database.Database, target: string): void {
  guarded(() => db.prepare('VACUUM INTO ?').run(target));
}

function applyAll(db: Database.Database, pending: readonly Migration[], fromVersion: number, at: Date): void {
  db.transaction(() => {
    db.exec(MIGRATIONS_TABLE);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    if (fromVersion === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of pending) {
      m.up(db);
      record.run(m.version, m.name, at.toISOString());
    }
    db.pragma(`user_version = ${latestVersion(pending)}`);
    const violations = db.pragma('foreign_key_check');
    if (Array.isArray(violations) && violations.length > 0) {
      throw new StorageError('DAMAGED', '数据升级后发现不一致的记录，升级已撤销，文件保持原样。');
    }
  }).immediate();
}

/**
 * Brings the open, writable database up to the last migration of the list. Refuses a newer file
 * before writing; backs up an existing file before changing it. Idempotent.
 */
export function migrate(db: Database.Database, options: MigrateOptions): MigrateResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? (() => new Date());
  assertMigrationList(migrations);
  const applied = guarded(() => readAppliedVersions(db));
  const pending = pendingMigrations(applied, migrations);
  const fromVersion = applied.at(-1) ?? 0;
  if (pending.length === 0) {
    return { fromVersion, toVersion: fromVersion, applied: [], backupPath: null };
  }
  const at = now();
  let backupPath: string | null = null;
  if (fromVersion > 0) {
    backupPath = backupPathFor(options.filePath, fromVersion, at);
    vacuumInto(db, backupPath);
  }
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  db.pragma('foreign_keys = OFF');
  try {
    guarded(() => applyAll(db, pending, fromVersion, at));
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return { fromVersion, toVersion: latestVersion(pending), applied: pending.map((m) => m.version), backupPath };
}
