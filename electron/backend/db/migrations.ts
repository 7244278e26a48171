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
import Database from 'better-sqlite3';
import { StorageError, type StorageErrorCode, guarded } from './errors';

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
 * Version 3: 第五部分 附件 — 项目支出绩效自评表 and 重点评价报告, their own aggregate beside the
 * report of the same year (deleted with it). Money in 分 and scores in thousandths of a point are
 * INTEGER columns of STRICT tables; rows of a form are ordered by `position`.
 */
const SCHEMA_V3 = `
-- EvaluationSettings as JSON (layout 晋城/阳泉, 预算执行 score rule, grade thresholds, weights).
CREATE TABLE evaluation_settings (
  year     INTEGER PRIMARY KEY REFERENCES report (year) ON DELETE CASCADE,
  settings TEXT NOT NULL CHECK (json_valid(settings))
) STRICT;

-- 项目支出绩效自评表: one row per form.
CREATE TABLE evaluation_form (
  year               INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
  id                 TEXT NOT NULL CHECK (id <> ''),
  position           INTEGER NOT NULL,
  name               TEXT NOT NULL,
  department         TEXT NOT NULL DEFAULT '',
  unit               TEXT NOT NULL DEFAULT '',
  manager            TEXT NOT NULL DEFAULT '',
  phone              TEXT NOT NULL DEFAULT '',
  period             TEXT NOT NULL DEFAULT '',
  evaluation_year    TEXT NOT NULL DEFAULT '',
  fund_kind          TEXT NOT NULL,
  goal               TEXT NOT NULL DEFAULT '',
  goal_effect        TEXT NOT NULL DEFAULT '',
  achieved           TEXT NOT NULL DEFAULT '',
  group_output       INTEGER,
  group_benefit      INTEGER,
  group_satisfaction INTEGER,
  analysis           TEXT NOT NULL CHECK (json_valid(analysis)),
  seal               TEXT NOT NULL DEFAULT '',
  filled_on          TEXT NOT NULL DEFAULT '',
  printed            TEXT NOT NULL CHECK (json_valid(printed)),
  PRIMARY KEY (year, id)
) STRICT, WITHOUT ROWID;

-- Funds of a form by source (中央省/市/县区/其它) and stage, in 分.
CREATE TABLE evaluation_fund (
  year     INTEGER NOT NULL,
  form_id  TEXT NOT NULL,
  source   TEXT NOT NULL CHECK (source IN ('central', 'city', 'county', 'other')),
  declared INTEGER NOT NULL DEFAULT 0,
  initial  INTEGER NOT NULL DEFAULT 0,
  budget   INTEGER NOT NULL DEFAULT 0,
  spent    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (year, form_id, source),
  FOREIGN KEY (year, form_id) REFERENCES evaluation_form (year, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- 绩效指标 rows of a form; weight/score NULL = not scored per indicator.
CREATE TABLE evaluation_indicator (
  year           INTEGER NOT NULL,
  form_id        TEXT NOT NULL,
  position       INTEGER NOT NULL,
  level1         TEXT NOT NULL DEFAULT '',
  level2         TEXT NOT NULL DEFAULT '',
  level3         TEXT NOT NULL DEFAULT '',
  target_initial TEXT NOT NULL DEFAULT '',
  target         TEXT NOT NULL DEFAULT '',
  actual         TEXT NOT NULL DEFAULT '',
  weight         INTEGER,
  score          INTEGER,
  deviation      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, form_id, position),
  FOREIGN KEY (year, form_id) REFERENCES evaluation_form (year, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- 评价人员 of a form.
CREATE TABLE evaluation_evaluator (
  year     INTEGER NOT NULL,
  form_id  TEXT NOT NULL,
  position INTEGER NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('组长', '成员')),
  name     TEXT NOT NULL DEFAULT '',
  title    TEXT NOT NULL DEFAULT '',
  unit     TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, form_id, position),
  FOREIGN KEY (year, form_id) REFERENCES evaluation_form (year, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- 重点评价报告.
CREATE TABLE key_evaluation (
  year         INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE,
  id           TEXT NOT NULL CHECK (id <> ''),
  position     INTEGER NOT NULL,
  title        TEXT NOT NULL,
  project_name TEXT NOT NULL DEFAULT '',
  funds        INTEGER NOT NULL DEFAULT 0,
  fund_kind    TEXT NOT NULL,
  conclusion   TEXT NOT NULL DEFAULT '',
  printed      TEXT NOT NULL CHECK (json_valid(printed)),
  PRIMARY KEY (year, id)
) STRICT, WITHOUT ROWID;

CREATE TABLE key_evaluation_section (
  year      INTEGER NOT NULL,
  report_id TEXT NOT NULL,
  position  INTEGER NOT NULL,
  heading   TEXT NOT NULL,
  level     INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
  text      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, report_id, position),
  FOREIGN KEY (year, report_id) REFERENCES key_evaluation (year, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- 评价指标评分表 of a 重点评价报告.
CREATE TABLE key_evaluation_indicator (
  year        INTEGER NOT NULL,
  report_id   TEXT NOT NULL,
  position    INTEGER NOT NULL,
  level1      TEXT NOT NULL DEFAULT '',
  level2      TEXT NOT NULL DEFAULT '',
  level3      TEXT NOT NULL DEFAULT '',
  weight      INTEGER NOT NULL,
  score       INTEGER,
  explanation TEXT NOT NULL DEFAULT '',
  benchmark   TEXT NOT NULL DEFAULT '',
  criteria    TEXT NOT NULL DEFAULT '',
  source      TEXT NOT NULL DEFAULT '',
  result      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (year, report_id, position),
  FOREIGN KEY (year, report_id) REFERENCES key_evaluation (year, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
`;

/**
 * Version 4: 定稿 (a year marked published, read-only until 取消定稿) and the change log.
 * Years already in the file are recorded as they stand ("升级前已有数据"), so every year's log
 * replays from its creation to its stored facts. The item columns are spelled out (frozen).
 */
const SCHEMA_V4 = `
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

const V4_ITEM_COLUMNS: readonly (readonly [field: string, column: string])[] = [
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
function baselineLogV4(db: Database.Database): void {
  const head = "INSERT INTO change_log (at, user, year, action, target, before, after) SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '', year, '升级前已有数据', ";
  db.exec(`${head} 'report', NULL, json_object('edition', edition) FROM report ORDER BY year`);
  db.exec(`${head} 'settings', NULL, settings FROM report ORDER BY year`);
  db.exec(`${head} 'item/' || code, NULL, 'true' FROM report_item ORDER BY year, code`);
  for (const [field, column] of V4_ITEM_COLUMNS) {
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
  { version: 3, name: 'self_evaluation', up: (db) => db.exec(SCHEMA_V3) },
  {
    version: 4,
    name: 'published_years_and_change_log',
    up: (db) => {
      db.exec(SCHEMA_V4);
      baselineLogV4(db);
    },
  },
  {
    // 国有资本经营 carry-overs per 项 (上海's 表9); existing rows hold none.
    version: 5,
    name: 'state_capital_item_carry',
    up: (db) => {
      db.exec('ALTER TABLE report_item ADD COLUMN state_capital_item_opening INTEGER NOT NULL DEFAULT 0');
      db.exec('ALTER TABLE report_item ADD COLUMN state_capital_item_closing INTEGER NOT NULL DEFAULT 0');
    },
  },
  {
    // 上海's 情况说明 facts (政府采购 预留项目, 绩效目标/跟踪 counts and funds, 平均分) are new
    // report_amount keys: no schema change. The version marks files that may hold them, so an
    // older build refuses such a file as written by a newer version (clear message, nothing
    // dropped) instead of reporting an unknown key as damage.
    version: 6,
    name: 'shanghai_narrative_facts',
    up: () => undefined,
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
 * Upgrades an in-memory copy of an older file (no backup: the file itself is not touched), so a
 * read-only use (the CLI's reading commands) can read a file the app has not upgraded yet.
 */
export function migrateCopy(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const applied = guarded(() => readAppliedVersions(db));
  const pending = pendingMigrations(applied, migrations);
  if (pending.length === 0) return;
  const fromVersion = applied.at(-1) ?? 0;
  db.pragma('foreign_keys = OFF');
  try {
    guarded(() => applyAll(db, pending, fromVersion, new Date()));
  } catch (e) {
    throw migrationFailed(fromVersion, latestVersion(pending), '升级步骤出错', e);
  }
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
  const target = latestVersion(pending);
  let backupPath: string | null = null;
  if (fromVersion > 0) {
    backupPath = backupPathFor(options.filePath, fromVersion, at);
    try {
      vacuumInto(db, backupPath);
    } catch (e) {
      fs.rmSync(backupPath, { force: true });
      throw migrationFailed(fromVersion, target, '升级前的备份未能完成', e);
    }
  }
  const foreignKeys = db.pragma('foreign_keys', { simple: true });
  db.pragma('foreign_keys = OFF');
  try {
    guarded(() => applyAll(db, pending, fromVersion, at));
  } catch (e) {
    // The file kept its old version, so this attempt's backup holds nothing new: one backup per version.
    if (backupPath !== null) fs.rmSync(backupPath, { force: true });
    throw migrationFailed(fromVersion, target, '升级步骤出错', e);
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return { fromVersion, toVersion: target, applied: pending.map((m) => m.version), backupPath };
}

/** Causes of a failed upgrade, by what SQLite or the file system said. */
const CAUSES: Partial<Record<StorageErrorCode, string>> = {
  DISK_FULL: '磁盘空间不足',
  LOCKED: '文件正被其他程序使用，或暂时无法读写（例如U盘、网络盘已断开）',
  READ_ONLY: '文件或所在的文件夹是只读的',
  NOT_FOUND: '无法访问文件',
  DAMAGED: '文件已损坏',
  INVALID: '文件中有不符合新数据格式的内容',
};

/** The cause of a failed upgrade in Chinese; an unexpected error (a bug) adds its own text. */
function causeOf(e: unknown, what: string): string {
  if (e instanceof StorageError) {
    // Our own verdict (e.g. the foreign key check) is already a Chinese sentence.
    if (!(e.cause instanceof Error)) return e.message.replace(/。$/u, '');
    const sqlite = e.cause instanceof Database.SqliteError;
    // INVALID from a plain Error is a bug in the migration, not a property of the file.
    const known = e.code === 'INVALID' && !sqlite ? undefined : CAUSES[e.code];
    return `${known ?? what}（${e.cause instanceof Database.SqliteError ? e.cause.code : e.cause.message}）`;
  }
  return `${what}（${e instanceof Error ? e.message : String(e)}）`;
}

/** A failed upgrade: the versions, that the file is as it was, and the cause, all in Chinese. */
function migrationFailed(fromVersion: number, toVersion: number, what: string, e: unknown): StorageError {
  const code = e instanceof StorageError && e.code !== 'INVALID' ? e.code : 'DAMAGED';
  return new StorageError(
    code,
    `数据文件需要从版本 ${fromVersion} 升级到版本 ${toVersion}，但升级没有成功，文件保持原样、未被修改。原因：${causeOf(e, what)}。` +
      '请关闭其他可能正在使用此文件的程序后重试；如问题仍然存在，请联系技术支持并提供此文件的副本。',
    { cause: e },
  );
}
