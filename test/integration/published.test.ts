/**
 * 定稿: a published year is read-only for every write channel — the Api, the CLI (import, add-code,
 * import-codes) and code added later (raw SQL, tables of a later migration) — with a Chinese
 * message, exit code 1 and the file byte-identical; 取消定稿 needs a reason; the log shows both.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { closeDisclosureFile, DisclosureRepository, MIGRATIONS, openDisclosureFile, StorageError } from '../../electron/backend/db';
import type { Migration } from '../../electron/backend/db';
import { twoYearFile } from '../harness/twoYears';
import { ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

afterEach(() => releaseAllLocks());

const PUBLISHED = /^2024年度已定稿（.+标记为已公开），数据为只读，本次修改未保存。如确需修改，请先“取消定稿”并填写原因。$/u;

function withRepo<T>(path: string, fn: (repo: DisclosureRepository) => T): T {
  const file = openDisclosureFile(path, { create: false });
  try {
    return fn(new DisclosureRepository(file.db));
  } finally {
    closeDisclosureFile(file);
  }
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('定稿 through the Api', () => {
  it('refuses every write channel for the published year, keeps the other year writable, and 取消定稿 needs a reason', async () => {
    const folder = tempFolder();
    const { path } = twoYearFile(folder);
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host, { lockEnvironment: { user: '李会计' } });
    host.openAnswers.push(path);
    valueOf(await backend.api.invoke('file.open', {}));

    const publication = valueOf(await backend.api.invoke('report.publish', { year: 2024 }));
    expect(publication.by).toBe('李会计');
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2024 }));
    expect(loaded.publication).toEqual(publication);
    const before = loaded.report;
    const logBefore = valueOf(await backend.api.invoke('report.changes', { year: 2024 })).length;

    const item = { kind: 'item', code: '2011301', field: 'expenditure.basic' } as const;
    const settings = { ...before.settings, tableGrouping: !before.settings.tableGrouping };
    const department = { ...loaded.department, name: '阳泉市商务局（改）' };
    const attempts = [
      backend.api.invoke('report.writeFact', { year: 2024, ref: item, value: 1 }),
      backend.api.invoke('report.writeText', { year: 2024, key: 'n1.reason', value: '改' }),
      backend.api.invoke('report.writeBatch', { year: 2024, facts: [{ ref: item, value: 2 }], texts: [], addItems: [], customCodes: [], action: '粘贴 1 行到公开03表' }),
      backend.api.invoke('report.writeBatch', { year: 2024, facts: [], texts: [], addItems: ['2011302'], customCodes: [] }),
      backend.api.invoke('report.updateSettings', { year: 2024, settings }),
      backend.api.invoke('report.addItem', { year: 2024, code: '2011302' }),
      backend.api.invoke('report.deleteItem', { year: 2024, code: '2011301' }),
      backend.api.invoke('report.publish', { year: 2024 }),
    ];
    for (const [k, attempt] of attempts.entries()) {
      const result = await attempt;
      expect(result.ok, `attempt ${k}`).toBe(false);
      if (result.ok) continue;
      if (k === attempts.length - 1) expect(result.error.message).toBe('2024年度已经定稿。本次修改未保存。');
      else {
        expect(result.error.code, `attempt ${k}`).toBe('READ_ONLY');
        expect(result.error.message, `attempt ${k}`).toMatch(PUBLISHED);
      }
    }
    // File-wide changes that would alter what 2024 prints.
    const renamed = await backend.api.invoke('department.update', { department });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/^修改部门名称或单位性质会改变已定稿的2024年度报表/u) } });
    const economic = await backend.api.invoke('catalogue.addCode', { code: { catalogue: 'economic', code: '30298', name: '新增款' } });
    expect(economic).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringContaining('表中将增加科目30298') } });
    // … but not a 下属单位 list (概况 text) nor a code 2024 does not use.
    valueOf(await backend.api.invoke('catalogue.addCode', { code: { catalogue: 'functional', code: '2229901', name: '其他支出' } }));

    expect(valueOf(await backend.api.invoke('report.load', { year: 2024 })).report).toEqual(before);
    expect(valueOf(await backend.api.invoke('report.changes', { year: 2024 }))).toHaveLength(logBefore);

    // 2023 is not published: it takes the same writes.
    valueOf(await backend.api.invoke('report.writeFact', { year: 2023, ref: item, value: 1 }));

    // 取消定稿 needs a reason (the contract refuses an empty one; the storage a blank one).
    expect(await backend.api.invoke('report.unpublish', { year: 2024, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    valueOf(await backend.api.invoke('report.unpublish', { year: 2024, reason: '更正公开03表 2011301 的基本支出' }));
    valueOf(await backend.api.invoke('report.writeFact', { year: 2024, ref: item, value: 3 }));
    const log = valueOf(await backend.api.invoke('report.changes', { year: 2024 }));
    expect(log.slice(-3).map((e) => [e.user, e.action, e.target, e.before, e.after, e.note])).toEqual([
      ['李会计', '定稿', 'status', 'draft', 'published', ''],
      ['李会计', '取消定稿', 'status', 'published', 'draft', '更正公开03表 2011301 的基本支出'],
      ['李会计', '录入', 'item/2011301/expenditure.basic', before.items.find((i) => i.code === '2011301')?.expenditure.basic, 3, ''],
    ]);
    backend.close();
  });
});

describe('定稿 through the CLI', () => {
  it('import, add-code and import-codes exit 1 with the message and leave the file byte-identical; after 取消定稿 they work and the log shows both', async () => {
    const folder = tempFolder();
    const { path, json2024 } = twoYearFile(folder);
    const published = await cli(['publish', '--file', path, '--year', '2024']);
    expect(published.code, published.err).toBe(EXIT_OK);
    expect(published.err).toMatch(/^2024年度已定稿（.+），内容校验码：[0-9a-f]{64}\n/u);

    const csv = join(folder, 'codes.csv');
    writeFileSync(csv, '科目代码,科目名称\n30298,新增款\n');
    const before = sha(path);
    const refused = [
      await cli(['import', json2024, '--file', path, '--replace']),
      await cli(['add-code', '--file', path, '--catalogue', 'economic', '--code', '30298', '--name', '新增款']),
      await cli(['import-codes', '--file', path, '--catalogue', 'economic', '--from', csv]),
      await cli(['publish', '--file', path, '--year', '2024']),
    ];
    for (const r of refused) {
      expect(r.code, r.err).toBe(EXIT_USER);
      expect(r.err).toMatch(/^错误：.*2024年度/u);
      expect(sha(path)).toBe(before);
    }
    expect(refused[0]!.err).toMatch(/^错误：2024年度已定稿（/u);
    expect(refused[1]!.err).toContain('会改变已定稿的2024年度报表（表中将增加科目30298）');

    // Importing the other year is allowed: only 2024 is read-only.
    expect((await cli(['unpublish', '--file', path, '--year', '2024'])).code).toBe(EXIT_USER); // no reason
    expect(sha(path)).toBe(before);
    const unpublished = await cli(['unpublish', '--file', path, '--year', '2024', '--reason', '补充公开06表']);
    expect(unpublished.code, unpublished.err).toBe(EXIT_OK);
    expect((await cli(['import', json2024, '--file', path, '--replace'])).code).toBe(EXIT_OK);
    expect((await cli(['import-codes', '--file', path, '--catalogue', 'economic', '--from', csv])).code).toBe(EXIT_OK);

    const log = await cli(['log', '--file', path, '--year', '2024']);
    expect(log.code).toBe(EXIT_OK);
    expect(log.out).toMatch(/^2024年度：未定稿\n/u);
    expect(log.out).toMatch(/ 定稿  定稿状态：未定稿 → 已定稿\n/u);
    expect(log.out).toMatch(/ 取消定稿  定稿状态：已定稿 → 未定稿（补充公开06表）\n/u);
    const json = JSON.parse((await cli(['log', '--file', path, '--year', '2024', '--json'])).out) as { action: string; target: string }[];
    expect(json.filter((e) => e.target === 'status').map((e) => e.action)).toEqual(['定稿', '取消定稿']);
  });
});

describe('the guard is in the storage layer: code added later inherits it', () => {
  it('refuses raw SQL on every year table of a published year, and a table a later migration adds', () => {
    const folder = tempFolder();
    const { path } = twoYearFile(folder);
    // A later migration (another issue's storage) adds a table of per-year data.
    const later: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'later_self_evaluation',
      up: (db) => db.exec('CREATE TABLE self_evaluation (year INTEGER NOT NULL REFERENCES report (year) ON DELETE CASCADE, project TEXT NOT NULL, score INTEGER NOT NULL) STRICT'),
    };
    const migrations = [...MIGRATIONS, later];
    let file = openDisclosureFile(path, { create: false, migrations });
    try {
      file.db.prepare("INSERT INTO self_evaluation (year, project, score) VALUES (2024, '项目A', 90)").run();
      new DisclosureRepository(file.db).publish(2024);
    } finally {
      closeDisclosureFile(file);
    }
    file = openDisclosureFile(path, { create: false, migrations });
    try {
      const db = file.db;
      const attempts = [
        "INSERT INTO self_evaluation (year, project, score) VALUES (2024, '项目B', 80)",
        "UPDATE self_evaluation SET score = 95 WHERE year = 2024",
        'DELETE FROM self_evaluation WHERE year = 2024',
        "UPDATE report_item SET expenditure_basic = 1 WHERE year = 2024 AND code = '2011301'",
        "INSERT INTO report_amount (year, key, value) VALUES (2024, 'economic/30101', 1)",
        "DELETE FROM report_text WHERE year = 2024",
        "UPDATE report SET settings = '{}' WHERE year = 2024",
        'DELETE FROM report WHERE year = 2024',
        // Moving a row into the published year is a write to it as well.
        "UPDATE report_text SET year = 2024 WHERE year = 2023 AND key = 'n1.reason'",
      ];
      for (const sql of attempts) {
        let error: unknown = null;
        try {
          db.prepare(sql).run();
        } catch (e) {
          error = e;
        }
        expect(error, sql).toBeInstanceOf(StorageError);
        expect((error as StorageError).message, sql).toMatch(PUBLISHED);
      }
      // 2023 is not published.
      db.prepare("INSERT INTO self_evaluation (year, project, score) VALUES (2023, '项目C', 70)").run();
      expect(db.prepare('SELECT COUNT(*) FROM self_evaluation WHERE year = 2024').pluck().get()).toBe(1);
    } finally {
      closeDisclosureFile(file);
    }
  });

  it('keeps the guard out of the file: the triggers are TEMP, and a read-only open sees the publication', () => {
    const folder = tempFolder();
    const { path } = twoYearFile(folder);
    withRepo(path, (repo) => repo.publish(2024));
    const file = openDisclosureFile(path, { create: false, readonly: true });
    try {
      expect(file.db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'").pluck().get()).toBe(0);
      expect(new DisclosureRepository(file.db).getPublication(2024)).toMatchObject({ by: expect.any(String) });
    } finally {
      closeDisclosureFile(file);
    }
  });
});
