import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  APPLICATION_ID,
  DisclosureRepository,
  ITEM_COLUMNS,
  MIGRATIONS,
  latestVersion,
  StorageError,
  closeDisclosureFile,
  openDisclosureFile,
  toStorageError,
  type DisclosureFile,
  type Migration,
  type OpenOptions,
  type StorageErrorCode,
} from '../../electron/backend/db';
import {
  FISCAL_CARRY_FIELDS,
  ITEM_FIELDS,
  STATS_MONEY_FIELDS,
  COUNT_FIELDS,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  VEHICLE_TYPES,
  emptyItem,
  emptyReport,
  readFact,
  setItemField,
  writeFact,
  type CustomCode,
  type Department,
  type FactRef,
  type Report,
} from '../../shared/domain/model';

const CHINESE = /[\u4e00-\u9fff]/;

let dir = '';
const open: DisclosureFile[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'disclosure-storage-'));
});

afterEach(() => {
  for (const file of open.splice(0)) closeDisclosureFile(file);
  fs.rmSync(dir, { recursive: true, force: true });
});

function fileIn(name: string): string {
  return path.join(dir, name);
}

function openFile(filePath: string, options: OpenOptions = { create: true }): DisclosureFile {
  const file = openDisclosureFile(filePath, options);
  open.push(file);
  return file;
}

function close(file: DisclosureFile): void {
  closeDisclosureFile(file);
  open.splice(open.indexOf(file), 1);
}

/** Opens, runs `fn` with a repository, closes: the file is then a single self-contained file. */
function withRepository<T>(filePath: string, fn: (repo: DisclosureRepository) => T, options?: OpenOptions): T {
  const file = openFile(filePath, options);
  try {
    return fn(new DisclosureRepository(file.db));
  } finally {
    close(file);
  }
}

/** Every file in the folder with a hash of its bytes: proves "nothing changed, nothing added". */
function folderState(): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) {
    state[name] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, name))).digest('hex');
  }
  return state;
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

function expectStorageError(fn: () => unknown, code: StorageErrorCode | readonly StorageErrorCode[]): StorageError {
  const error = catchError(fn);
  expect(error).toBeInstanceOf(StorageError);
  if (!(error instanceof StorageError)) throw error;
  expect(typeof code === 'string' ? [code] : code).toContain(error.code);
  expect(error.message).toMatch(CHINESE);
  return error;
}

function sampleReport(year: number): Report {
  const report = emptyReport(year, year);
  report.settings = { ...report.settings, packageKind: '单位', tableGrouping: false, inputUnit: '元', narrativeListStyle: 'nonZero', narrativeDetail: '项', budgetVarianceReason: false };
  const codes = ['2010301', '2010302', '2080501', '2101101'];
  report.items = codes.map((code, i) => {
    const item = emptyItem(code);
    ITEM_FIELDS.forEach((field, j) => setItemField(item, field, (i + 1) * 1_000_000 + j * 137));
    return item;
  });
  report.economic = { '30101': 123_456_78, '30201': 9_999, '30217': 1 };
  SUMMARY_FIELDS.forEach((f, i) => (report.summary[f] = 500_00 * (i + 1)));
  FISCAL_CARRY_FIELDS.forEach((f, i) => (report.fiscalCarry[f] = -(i + 1) * 3));
  THREE_PUBLIC_ITEMS.forEach((item, i) => {
    report.threePublic.budget[item] = 10_000_00 + i;
    report.threePublic.actual[item] = 8_000_00 + i;
  });
  STATS_MONEY_FIELDS.forEach((f, i) => (report.stats[f] = 77_00 * (i + 1)));
  report.stats.operatingCostOverride = 0;
  VEHICLE_TYPES.forEach((t, i) => (report.stats.vehicles[t] = i));
  report.stats.equipmentCount = 2;
  report.stats.counts = { abroadGroups: 0, receptionBatches: 3, receptionPeople: 21 };
  report.texts = { 'overview.duties': '负责全市商务工作。', 'narrative.1.reason': '', 'glossary.free': '名词解释' };
  return report;
}

const department: Department = { name: '晋城市商务局', unitKind: '行政单位', subordinateUnits: [{ name: '晋城市口岸服务中心', note: '' }, { name: '晋城市对外劳务咨询和市场建设服务中心', note: '预算不单列，并入本级' }] };
const customCodes: CustomCode[] = [
  { catalogue: 'economic', code: '31206', name: '其他资本性补助' },
  { catalogue: 'functional', code: '2159802', name: '制造业' },
  { catalogue: 'functional', code: '21598', name: '超长期特别国债安排的支出' },
];

function makeFile(name = 'data.db', report: Report = sampleReport(2023)): string {
  const filePath = fileIn(name);
  withRepository(filePath, (repo) => {
    repo.setDepartment(department);
    repo.saveReport(report);
  });
  return filePath;
}

describe('creating, saving and reopening', () => {
  it('creates a marked, migrated, WAL-mode file with foreign keys on', () => {
    const file = openFile(fileIn('new.db'));
    expect(file.migration).toEqual({ fromVersion: 0, toVersion: latestVersion(), applied: MIGRATIONS.map((m) => m.version), backupPath: null });
    expect(file.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(file.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(file.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(file.db.prepare("SELECT value FROM meta WHERE key = 'app'").pluck().get()).toBe('disclosure');
    const rows = file.db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'initial_schema' },
      { version: 2, name: 'subordinate_unit_list' },
      { version: 3, name: 'self_evaluation' },
      { version: 4, name: 'published_years_and_change_log' },
      { version: 5, name: 'state_capital_item_carry' },
      { version: 6, name: 'shanghai_narrative_facts' },
    ]);
    close(file);
    expect(fs.readdirSync(dir)).toEqual(['new.db']); // no backup for a brand-new file, WAL folded back
  });

  it('round-trips a whole report, the department and custom codes across reopening', () => {
    const filePath = fileIn('data.db');
    const report = sampleReport(2023);
    withRepository(filePath, (repo) => {
      repo.setDepartment(department);
      repo.saveReport(report);
      for (const c of customCodes) repo.addCustomCode(c);
    });
    withRepository(filePath, (repo) => {
      expect(repo.loadReport(2023)).toEqual(report);
      expect(repo.getDepartment()).toEqual(department);
      const byKey = (a: CustomCode, b: CustomCode): number => `${a.catalogue}/${a.code}`.localeCompare(`${b.catalogue}/${b.code}`);
      expect(repo.listCustomCodes()).toEqual([...customCodes].sort(byKey));
      expect(repo.listYears()).toEqual([2023]);
    }, { create: false });
  });

  it('keeps many years in one file and deletes one with all its rows', () => {
    const filePath = fileIn('years.db');
    withRepository(filePath, (repo) => {
      repo.saveReport(sampleReport(2024));
      repo.saveReport(sampleReport(2023));
      repo.createReport(2025, 2024);
      expect(repo.listYears()).toEqual([2023, 2024, 2025]);
      expect(repo.loadReport(2025)).toEqual(emptyReport(2025, 2024));
      repo.deleteReport(2024);
      expect(repo.listYears()).toEqual([2023, 2025]);
      expect(repo.loadReport(2023)).toEqual(sampleReport(2023));
    });
    const file = openFile(filePath, { create: false });
    for (const table of ['report_item', 'report_amount', 'report_text']) {
      expect(file.db.prepare(`SELECT count(*) FROM ${table} WHERE year = 2024`).pluck().get()).toBe(0);
    }
  });

  it('replaces a whole year on save, dropping rows the new report no longer has', () => {
    const filePath = makeFile();
    const next = sampleReport(2023);
    next.items = next.items.slice(0, 1);
    next.economic = { '30102': 5 };
    next.texts = { only: '一条' };
    next.stats.operatingCostOverride = null;
    withRepository(filePath, (repo) => {
      repo.saveReport(next);
      expect(repo.loadReport(2023)).toEqual(next);
    });
  });

  it('has a report_item column for every item field', () => {
    const file = openFile(fileIn('cols.db'));
    const columns = file.db.prepare("SELECT name FROM pragma_table_info('report_item')").pluck().all();
    expect(columns).toEqual(['year', 'code', ...ITEM_FIELDS.map((f) => ITEM_COLUMNS[f])]);
  });

  it('reports absent and duplicate years in Chinese', () => {
    withRepository(fileIn('y.db'), (repo) => {
      expectStorageError(() => repo.loadReport(2020), 'NOT_FOUND');
      expectStorageError(() => repo.deleteReport(2020), 'NOT_FOUND');
      expectStorageError(() => repo.writeText(2020, 'a', 'b'), 'NOT_FOUND');
      repo.createReport(2020, 2020);
      expectStorageError(() => repo.createReport(2020, 2020), 'INVALID');
      expect(repo.getDepartment()).toBeNull();
    });
  });
});

describe('writing one fact at a time', () => {
  const year = 2024;

  function everyRef(): Array<[FactRef, number | null]> {
    return [
      ...ITEM_FIELDS.map((field, i): [FactRef, number] => [{ kind: 'item', code: '2010301', field }, 1000 + i]),
      [{ kind: 'item', code: '2130101', field: 'expenditure.basic' }, 42],
      [{ kind: 'economic', code: '30101' }, 123_45],
      [{ kind: 'economic', code: '30201' }, -7],
      ...SUMMARY_FIELDS.map((field, i): [FactRef, number] => [{ kind: 'summary', field }, 10 + i]),
      ...FISCAL_CARRY_FIELDS.map((field, i): [FactRef, number] => [{ kind: 'fiscalCarry', field }, 20 + i]),
      ...THREE_PUBLIC_ITEMS.flatMap((item, i): Array<[FactRef, number]> => [
        [{ kind: 'threePublic', side: 'budget', item }, 30 + i],
        [{ kind: 'threePublic', side: 'actual', item }, 40 + i],
      ]),
      ...STATS_MONEY_FIELDS.map((field, i): [FactRef, number] => [{ kind: 'stats', field }, 50 + i]),
      [{ kind: 'operatingCost' }, 60],
      ...VEHICLE_TYPES.map((type, i): [FactRef, number] => [{ kind: 'vehicle', type }, i + 1]),
      [{ kind: 'equipment' }, 3],
      // Counts: the first is a typed 0, which must stay 0 (not "not typed").
      ...COUNT_FIELDS.map((field, i): [FactRef, number] => [{ kind: 'count', field }, i]),
    ];
  }

  it('round-trips every FactRef kind, matching the model’s own writeFact', () => {
    const filePath = fileIn('facts.db');
    const expected = emptyReport(year, year);
    withRepository(filePath, (repo) => {
      repo.createReport(year, year);
      for (const [ref, value] of everyRef()) {
        repo.writeFact(year, ref, value);
        writeFact(expected, ref, value);
        expect(readFact(repo.loadReport(year), ref)).toBe(value);
      }
    });
    withRepository(filePath, (repo) => expect(repo.loadReport(year)).toEqual(expected), { create: false });
  });

  it('clears facts: zero removes an economic row, null resets 机关运行经费 to the table 06 default', () => {
    withRepository(fileIn('clear.db'), (repo) => {
      const expected = repo.createReport(year, year);
      const steps: Array<[FactRef, number | null]> = [
        [{ kind: 'economic', code: '30101' }, 5],
        [{ kind: 'economic', code: '30101' }, 0],
        [{ kind: 'operatingCost' }, 0],
        [{ kind: 'summary', field: 'closingBalance' }, 9],
        [{ kind: 'summary', field: 'closingBalance' }, null],
        [{ kind: 'item', code: '2010301', field: 'income.other' }, 0],
      ];
      for (const [ref, value] of steps) {
        repo.writeFact(year, ref, value);
        writeFact(expected, ref, value);
      }
      const loaded = repo.loadReport(year);
      expect(loaded).toEqual(expected);
      expect(loaded.stats.operatingCostOverride).toBe(0);
      expect(loaded.items.map((i) => i.code)).toEqual(['2010301']); // created on demand, kept at zero
      repo.writeFact(year, { kind: 'operatingCost' }, null);
      expect(repo.loadReport(year).stats.operatingCostOverride).toBeNull();
    });
  });

  it('keeps a typed 0 count apart from a count never typed (待填写), and clears one back to not typed', () => {
    withRepository(fileIn('counts.db'), (repo) => {
      repo.createReport(year, year);
      expect(repo.loadReport(year).stats.counts).toEqual({});
      repo.writeFact(year, { kind: 'count', field: 'receptionBatches' }, 0);
      repo.writeFact(year, { kind: 'count', field: 'receptionPeople' }, 12);
      expect(repo.loadReport(year).stats.counts).toEqual({ receptionBatches: 0, receptionPeople: 12 });
      repo.writeFact(year, { kind: 'count', field: 'receptionBatches' }, null);
      expect(readFact(repo.loadReport(year), { kind: 'count', field: 'receptionBatches' })).toBeNull();
      expect(repo.loadReport(year).stats.counts).toEqual({ receptionPeople: 12 });
    });
  });

  it('bumps updated_at on every change', () => {
    let tick = Date.UTC(2024, 0, 1);
    const file = openFile(fileIn('clock.db'));
    const repo = new DisclosureRepository(file.db, { now: () => new Date((tick += 1000)) });
    const updatedAt = (): unknown => file.db.prepare('SELECT updated_at FROM report WHERE year = ?').pluck().get(year);
    repo.createReport(year, year);
    const created = updatedAt();
    repo.writeFact(year, { kind: 'equipment' }, 1);
    const afterFact = updatedAt();
    repo.writeText(year, 'k', '文');
    const afterText = updatedAt();
    repo.updateSettings(year, { ...repo.loadReport(year).settings, packageKind: '部门', tableGrouping: true, inputUnit: '元' });
    const afterSettings = updatedAt();
    expect(new Set([created, afterFact, afterText, afterSettings]).size).toBe(4);
    expect(repo.loadReport(year).settings.inputUnit).toBe('元');
    expect(repo.loadReport(year).texts).toEqual({ k: '文' });
  });
});

describe('refusing bad values and failed transactions', () => {
  const year = 2023;
  const ref: FactRef = { kind: 'summary', field: 'openingBalance' };

  it('rejects a non-integer amount with INVALID in Chinese and keeps the previous value', () => {
    withRepository(makeFile(), (repo) => {
      const before = repo.loadReport(year);
      for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
        const error = expectStorageError(() => repo.writeFact(year, ref, bad), 'INVALID');
        expect(error.message).toContain('分');
      }
      const named = expectStorageError(() => repo.writeFact(year, { kind: 'item', code: '2010301', field: 'income.operating' }, 0.5), 'INVALID');
      expect(named.message).toContain('科目2010301的经营收入');
      expectStorageError(() => repo.writeFact(year, { kind: 'vehicle', type: 'other' }, -1), 'INVALID');
      expectStorageError(() => repo.writeFact(year, { kind: 'item', code: '201', field: 'income.other' }, 1), 'INVALID');
      expect(repo.loadReport(year)).toEqual(before);
    });
  });

  it('rejects non-integer amounts before any SQL runs (even on a read-only connection)', () => {
    const filePath = makeFile();
    withRepository(filePath, (repo) => {
      expectStorageError(() => repo.writeFact(year, ref, 0.1), 'INVALID');
      expectStorageError(() => repo.writeFact(year, ref, 1), 'READ_ONLY');
    }, { create: false, readonly: true });
  });

  it('rejects a whole report containing one bad amount, leaving the stored year intact', () => {
    withRepository(makeFile(), (repo) => {
      const before = repo.loadReport(year);
      const bad = sampleReport(year);
      bad.summary.openingBalance = 1;
      const last = bad.items.at(-1);
      if (last) last.fiscal.generalBasic = 12.5;
      expectStorageError(() => repo.saveReport(bad), 'INVALID');
      expect(repo.loadReport(year)).toEqual(before);
    });
  });

  it('rolls back a save that fails half-way inside SQL', () => {
    const file = openFile(makeFile(), { create: false });
    const repo = new DisclosureRepository(file.db);
    const before = repo.loadReport(year);
    file.db.exec(`CREATE TEMP TRIGGER fail_on_boom BEFORE INSERT ON report_text WHEN NEW.key = 'boom'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const changed = sampleReport(year);
    changed.items = [];
    changed.summary.openingBalance = 1;
    changed.texts = { boom: 'x' };
    expectStorageError(() => repo.saveReport(changed), 'INVALID');
    expect(repo.loadReport(year)).toEqual(before);
  });

  it('writes a batch (codes, rows, facts, texts) as one transaction: all of it, or nothing', () => {
    const file = openFile(makeFile(), { create: false });
    const repo = new DisclosureRepository(file.db);
    const before = repo.loadReport(year);
    const item: FactRef = { kind: 'item', code: '2011399', field: 'income.generalBudget' };
    const batch = {
      facts: [
        { ref: item, value: 229_600 },
        { ref: { kind: 'summary', field: 'openingBalance' } as FactRef, value: 7 },
      ],
      texts: [{ key: 'n1.reason', value: '人员增加' }],
      addItems: ['2011301', '2011399'],
      customCodes: [{ catalogue: 'functional', code: '2011399', name: '其他发展与改革事务支出' } as CustomCode],
    };
    // A value refused by validation: nothing of the batch is written.
    expectStorageError(() => repo.writeBatch(year, { ...batch, facts: [...batch.facts, { ref: item, value: 0.5 }] }), 'INVALID');
    expect(repo.loadReport(year)).toEqual(before);
    expect(repo.listCustomCodes()).toEqual([]);
    // A failure inside SQL after the facts were written rolls them back too.
    file.db.exec(`CREATE TEMP TRIGGER fail_on_boom BEFORE INSERT ON report_text WHEN NEW.key = 'boom'
      BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    expectStorageError(() => repo.writeBatch(year, { ...batch, texts: [...batch.texts, { key: 'boom', value: 'x' }] }), 'INVALID');
    expect(repo.loadReport(year)).toEqual(before);
    // The whole batch.
    repo.writeBatch(year, batch);
    const after = repo.loadReport(year);
    expect(readFact(after, item)).toBe(229_600);
    expect(after.summary.openingBalance).toBe(7);
    expect(after.texts['n1.reason']).toBe('人员增加');
    expect(after.items.find((i) => i.code === '2011301')).toEqual(emptyItem('2011301'));
    expect(repo.listCustomCodes()).toEqual([{ catalogue: 'functional', code: '2011399', name: '其他发展与改革事务支出' }]);
    // Adding rows that exist keeps their figures.
    repo.writeBatch(year, { facts: [], texts: [], addItems: ['2011399'], customCodes: [] });
    expect(readFact(repo.loadReport(year), item)).toBe(229_600);
  });

  it('maps the database’s own integer guard to INVALID', () => {
    const file = openFile(makeFile(), { create: false });
    const error = catchError(() =>
      file.db.prepare("INSERT INTO report_amount (year, key, value) VALUES (2023, 'summary/x', ?)").run(1.5),
    );
    const mapped = toStorageError(error);
    expect(mapped.code).toBe('INVALID');
    expect(mapped.message).toMatch(CHINESE);
  });

  it('reports a full disk as DISK_FULL and keeps the previous data', () => {
    const file = openFile(makeFile(), { create: false });
    const repo = new DisclosureRepository(file.db);
    const before = repo.loadReport(year);
    const pages = file.db.pragma('page_count', { simple: true });
    file.db.pragma(`max_page_count = ${Number(pages) + 1}`);
    const big = sampleReport(year);
    // Ten texts at the length limit (LIMITS.textLength), 200,000 characters in all.
    big.texts = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`long${i}`, '决'.repeat(20_000)]));
    const error = expectStorageError(() => repo.saveReport(big), 'DISK_FULL');
    expect(error.message).toContain('磁盘空间不足');
    expect(repo.loadReport(year)).toEqual(before);
  });

  it('reports a file held by another writer as LOCKED', () => {
    const filePath = makeFile();
    const file = openFile(filePath, { create: false, busyTimeoutMs: 20 });
    const other = new Database(filePath);
    try {
      other.exec('BEGIN IMMEDIATE');
      expectStorageError(() => new DisclosureRepository(file.db).writeFact(year, ref, 1), 'LOCKED');
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
  });
});

describe('refusing files that are not ours, damaged or newer', () => {
  function expectRefused(filePath: string, codes: readonly StorageErrorCode[]): StorageError {
    const before = folderState();
    let error: StorageError | null = null;
    for (const options of [{ create: false }, { create: true }, { create: false, readonly: true }]) {
      error = expectStorageError(() => openFile(filePath, options), codes);
    }
    expect(folderState()).toEqual(before);
    if (!error) throw new Error('unreachable');
    return error;
  }

  function foreignDatabase(name: string, setup: (db: Database.Database) => void): string {
    const filePath = fileIn(name);
    const db = new Database(filePath);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers VALUES (1, \'x\')');
    setup(db);
    db.close();
    return filePath;
  }

  it('refuses a text file, random bytes, an image and an empty file', () => {
    const files: Array<[string, Buffer]> = [
      ['notes.txt', Buffer.from('部门决算公开\n这是一个文本文件。\n'.repeat(50))],
      ['random.bin', crypto.randomBytes(8192)],
      ['picture.png', Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(4000)])],
      ['short.db', Buffer.from('SQLite format 3\0abc')],
    ];
    for (const [name, bytes] of files) {
      fs.writeFileSync(fileIn(name), bytes);
      expectRefused(fileIn(name), ['NOT_OUR_FILE', 'DAMAGED']);
    }
    fs.writeFileSync(fileIn('empty.db'), '');
    expectStorageError(() => openFile(fileIn('empty.db'), { create: false }), 'NOT_OUR_FILE');
    expect(fs.statSync(fileIn('empty.db')).size).toBe(0);
  });

  it('refuses another program’s SQLite database, in rollback or WAL mode, even with our id', () => {
    const plain = foreignDatabase('other.sqlite', () => undefined);
    const wal = foreignDatabase('other-wal.sqlite', (db) => db.pragma('journal_mode = WAL'));
    const sameId = foreignDatabase('same-id.sqlite', (db) => db.pragma(`application_id = ${APPLICATION_ID}`));
    for (const filePath of [plain, wal, sameId]) {
      const error = expectRefused(filePath, ['NOT_OUR_FILE']);
      expect(error.message).toContain('不是本程序的决算数据文件');
    }
  });

  it('refuses truncated and corrupted copies of a real file', () => {
    const source = fs.readFileSync(makeFile());
    expect(source.length).toBeGreaterThan(4 * 4096);
    const damagedCopies: Array<[string, Buffer]> = [
      ['half.db', source.subarray(0, Math.floor(source.length / 2) + 123)],
      ['pages.db', source.subarray(0, source.length - 4096)],
      ['header-only.db', source.subarray(0, 60)],
      ['scribbled.db', Buffer.concat([source.subarray(0, 4096), crypto.randomBytes(4096 * 2), source.subarray(4096 * 3)])],
    ];
    for (const [name, bytes] of damagedCopies) {
      fs.writeFileSync(fileIn(name), bytes);
      const error = expectRefused(fileIn(name), ['DAMAGED']);
      expect(error.message).toContain('损坏');
    }
  });

  it('refuses a file written by a newer version and leaves it untouched', () => {
    const filePath = makeFile();
    const raw = new Database(filePath);
    raw.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run('future', 'x');
    raw.close();
    const error = expectRefused(filePath, ['NEWER_VERSION']);
    expect(error.message).toContain('999');
    expect(error.message).toContain('升级');
  });

  it('reports a missing file and a folder', () => {
    expectStorageError(() => openFile(fileIn('missing.db'), { create: false }), 'NOT_FOUND');
    expectStorageError(() => openFile(path.join(dir, 'no-such-folder', 'x.db'), { create: true }), 'NOT_FOUND');
    fs.mkdirSync(fileIn('folder.db'));
    expectStorageError(() => openFile(fileIn('folder.db'), { create: true }), 'NOT_OUR_FILE');
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.db']);
  });
});

describe('migrating existing files', () => {
  // The shipped migrations, and one more on top (a later version of the program).
  const current = [...MIGRATIONS];
  const latest = latestVersion();
  const v2: Migration = {
    version: latest + 1,
    name: 'add_note',
    up: (db) => db.exec("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT; INSERT INTO note VALUES (1, '升级')"),
  };
  const broken: Migration = {
    version: latest + 1,
    name: 'broken',
    up: (db) => {
      db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
      throw new Error('migration failed');
    },
  };
  const at = new Date(2024, 2, 15, 14, 25, 30);

  it('backs up an existing file before migrating it, then applies and records the migration', () => {
    const filePath = fileIn('old.db');
    withRepository(filePath, (repo) => repo.saveReport(sampleReport(2023)), { create: true, migrations: current });

    const file = openFile(filePath, { create: false, migrations: [...current, v2], now: () => at });
    const backup = `${filePath}.bak-v${latest}-20240315-142530`;
    expect(file.migration).toEqual({ fromVersion: latest, toVersion: latest + 1, applied: [latest + 1], backupPath: backup });
    expect(file.db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([...current.map((m) => m.version), latest + 1]);
    expect(file.db.prepare('SELECT text FROM note').pluck().get()).toBe('升级');
    expect(new DisclosureRepository(file.db).loadReport(2023)).toEqual(sampleReport(2023));
    close(file);

    withRepository(backup, (repo) => expect(repo.loadReport(2023)).toEqual(sampleReport(2023)), {
      create: false,
      readonly: true,
      migrations: current,
    });
    const reopened = openFile(filePath, { create: false, migrations: [...current, v2] });
    expect(reopened.migration.backupPath).toBeNull();
    expect(reopened.migration.applied).toEqual([]);
  });

  it('keeps the file at its old version when a migration fails, says so in Chinese, and keeps no extra backup', () => {
    const filePath = fileIn('old.db');
    withRepository(filePath, (repo) => repo.saveReport(sampleReport(2023)), { create: true, migrations: current });
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = expectStorageError(() => openFile(filePath, { create: false, migrations: [...current, broken] }), 'DAMAGED');
      expect(error.message).toContain(`数据文件需要从版本 ${latest} 升级到版本 ${latest + 1}，但升级没有成功，文件保持原样、未被修改。原因：升级步骤出错（migration failed）`);
      expect(error.message).not.toContain('数据操作未能完成');
    }
    const file = openFile(filePath, { create: false, migrations: current });
    expect(file.migration.applied).toEqual([]);
    expect(file.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
    // The file never changed, so a backup of it would hold nothing new: at most one per version.
    expect(fs.readdirSync(dir).filter((n) => n.includes(`.bak-v${latest}-`)).length).toBeLessThanOrEqual(1);
  });

  it('turns the 下属单位 free text of a version-1 file into the list (migration 2), keeping a backup', () => {
    const filePath = fileIn('v1.db');
    const first = MIGRATIONS.slice(0, 1);
    const file = openFile(filePath, { create: true, migrations: first });
    file.db
      .prepare('INSERT INTO department (id, name, unit_kind, subordinate_units) VALUES (1, ?, ?, ?)')
      .run('晋城市商务局', '行政单位', '晋城市商贸流通产业促进中心、晋城市口岸服务中心\n晋城市对外劳务咨询和市场建设服务中心');
    close(file);
    withRepository(filePath, (repo) => {
      expect(repo.getDepartment()).toEqual({
        name: '晋城市商务局',
        unitKind: '行政单位',
        subordinateUnits: [
          { name: '晋城市商贸流通产业促进中心', note: '' },
          { name: '晋城市口岸服务中心', note: '' },
          { name: '晋城市对外劳务咨询和市场建设服务中心', note: '' },
        ],
      });
    });
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('v1.db.bak-v1-'))).toHaveLength(1);
    // `无` meant none.
    const none = fileIn('none.db');
    const f2 = openFile(none, { create: true, migrations: first });
    f2.db.prepare('INSERT INTO department (id, name, unit_kind, subordinate_units) VALUES (1, ?, ?, ?)').run('某局', '事业单位', '无');
    close(f2);
    withRepository(none, (repo) => expect(repo.getDepartment()?.subordinateUnits).toEqual([]));
  });

  it('names the cause of a failed upgrade in Chinese (a full disk)', () => {
    const filePath = fileIn('old.db');
    withRepository(filePath, (repo) => repo.saveReport(sampleReport(2023)), { create: true, migrations: current });
    const filling: Migration = {
      version: latest + 1,
      name: 'fill',
      up: (db) => {
        db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true })) + 1}`);
        db.exec("CREATE TABLE filler (x TEXT) STRICT; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO filler SELECT printf('%.10000c', 'x') FROM n");
      },
    };
    const error = expectStorageError(() => openFile(filePath, { create: false, migrations: [...current, filling] }), 'DISK_FULL');
    expect(error.message).toContain('原因：磁盘空间不足（SQLITE_FULL）');
    expect(fs.readdirSync(dir).filter((n) => n.includes('.bak-'))).toEqual([]);
  });

  it('reads a file of an older version read-only through an upgraded copy in memory, leaving the file as it is', () => {
    const filePath = fileIn('old.db');
    withRepository(filePath, (repo) => repo.saveReport(sampleReport(2023)), { create: true, migrations: current });
    const before = folderState();
    const file = openFile(filePath, { create: false, readonly: true, migrations: [...current, v2] });
    expect(file.db.prepare('SELECT text FROM note').pluck().get()).toBe('升级');
    expect(new DisclosureRepository(file.db).loadReport(2023)).toEqual(sampleReport(2023));
    // The copy refuses writes: nothing a reading command did could be lost silently.
    expectStorageError(() => new DisclosureRepository(file.db).writeText(2023, 'x', 'y'), 'READ_ONLY');
    close(file);
    expect(folderState()).toEqual(before); // no backup, no side files, same bytes
  });
});

describe('a file left mid-write', () => {
  it('opens a copy taken while its WAL was not yet folded back (as after a crash), with the latest data', () => {
    const filePath = makeFile();
    const writer = openFile(filePath, { create: false });
    writer.db.pragma('wal_autocheckpoint = 0');
    new DisclosureRepository(writer.db).writeText(2023, 'late', '崩溃前写入');
    const crashed = fileIn('crashed.db');
    fs.copyFileSync(filePath, crashed);
    fs.copyFileSync(`${filePath}-wal`, `${crashed}-wal`);
    expect(fs.statSync(`${crashed}-wal`).size).toBeGreaterThan(0);

    const view = openFile(crashed, { create: false, readonly: true });
    expect(new DisclosureRepository(view.db).loadReport(2023).texts.late).toBe('崩溃前写入');
    close(view);
    withRepository(crashed, (repo) => expect(repo.loadReport(2023).texts.late).toBe('崩溃前写入'), { create: false });
  });
});

describe('read-only use', () => {
  it('reads a file without creating or changing anything next to it', () => {
    const filePath = makeFile();
    const before = folderState();
    const file = openFile(filePath, { create: false, readonly: true });
    const repo = new DisclosureRepository(file.db);
    expect(file.readonly).toBe(true);
    expect(repo.loadReport(2023)).toEqual(sampleReport(2023));
    expectStorageError(() => repo.setDepartment(department), 'READ_ONLY');
    close(file);
    expect(folderState()).toEqual(before);
  });

  it('refuses to create a file read-only', () => {
    expectStorageError(() => openFile(fileIn('x.db'), { create: true, readonly: true }), 'INVALID');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('backups on demand', () => {
  it('writes a consistent copy that opens as a disclosure file', async () => {
    const file = openFile(makeFile(), { create: false });
    const repo = new DisclosureRepository(file.db);
    const target = fileIn('copy.db');
    await repo.backupTo(target);
    await expect(repo.backupTo(file.path)).rejects.toBeInstanceOf(StorageError);
    withRepository(target, (copy) => expect(copy.loadReport(2023)).toEqual(sampleReport(2023)), { create: false });
  });
});
