/** The Api handlers over real files with a scripted desktop host: files, reports, errors. */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_FILE_NAME } from '../../electron/backend/app/demo';
import { createWebHost } from '../../electron/backend/app/host';
import { openChromiumEngine } from '../../electron/backend/export/pdf/chromium';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { RECENT_MAX, RecentFiles } from '../../electron/backend/app/recent';
import { jinchengFile, ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

afterEach(() => releaseAllLocks());

const ITEM = { kind: 'item', code: '2011301', field: 'expenditure.basic' } as const;

describe('file channels', () => {
  it('answers app.info and starts with no file', async () => {
    const { backend } = testBackend(new ScriptedHost(tempFolder()));
    expect(valueOf(await backend.api.invoke('app.info', {}))).toMatchObject({ version: '0.0.0-test', mode: 'electron' });
    expect(valueOf(await backend.api.invoke('file.current', {}))).toBeNull();
    expect(await backend.api.invoke('report.load', { year: 2023 })).toMatchObject({ ok: false, error: { code: 'NO_FILE' } });
  });

  it('creates the demo file once and opens it', async () => {
    const folder = tempFolder();
    const { backend } = testBackend(new ScriptedHost(folder));
    const info = valueOf(await backend.api.invoke('file.openDemo', {}));
    expect(info).toMatchObject({ name: DEMO_FILE_NAME, location: folder, years: [2023], backupName: null });
    expect(info.department.name).toBe('晋城市商务局');
    await backend.api.invoke('report.writeFact', { year: 2023, ref: ITEM, value: 1 });
    backend.close();
    // The second time the existing demo file (with the edit) is opened, not rebuilt.
    valueOf(await backend.api.invoke('file.openDemo', {}));
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(loaded.report.items.find((i) => i.code === '2011301')?.expenditure.basic).toBe(1);
  });

  it('opens through the dialog, and cancelling returns null', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    host.openAnswers.push(null, file);
    expect(valueOf(await backend.api.invoke('file.open', {}))).toBeNull();
    expect(valueOf(await backend.api.invoke('file.open', {}))?.name).toBe('晋城.jsgk');
  });

  it('refuses ids it never gave out, and opens recent files by id', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    expect(await backend.api.invoke('file.open', { id: 'forged' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    host.openAnswers.push(file);
    valueOf(await backend.api.invoke('file.open', {}));
    valueOf(await backend.api.invoke('file.close', {}));
    const recent = valueOf(await backend.api.invoke('file.recent', {}));
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ name: '晋城.jsgk', location: folder, department: '晋城市商务局' });
    expect(recent[0]!.id).not.toContain('/');
    expect(valueOf(await backend.api.invoke('file.open', { id: recent[0]!.id }))?.name).toBe('晋城.jsgk');
  });

  it('creates a new department file with an empty report; refuses to overwrite', async () => {
    const folder = tempFolder();
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    const target = join(folder, '新单位.jsgk');
    host.saveAnswers.push(target);
    const info = valueOf(await backend.api.invoke('file.create', { departmentName: ' 某市财政局 ', unitKind: '行政单位', year: 2024 }));
    expect(host.savesSuggested).toEqual(['某市财政局.jsgk']);
    expect(info).toMatchObject({ name: '新单位.jsgk', years: [2024], department: { name: '某市财政局', unitKind: '行政单位' } });
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2024 }));
    expect(loaded.report.edition).toBe(2024);
    expect(loaded.lastYear).toBeNull();

    const existing = jinchengFile(folder, 'existing.jsgk');
    host.saveAnswers.push(existing);
    expect(await backend.api.invoke('file.create', { departmentName: 'x', unitKind: '事业单位', year: 2024 })).toMatchObject({
      ok: false,
      error: { code: 'USER' },
    });
    // The failed attempt left the open file open.
    expect(valueOf(await backend.api.invoke('file.current', {}))?.name).toBe('新单位.jsgk');
  });

  it('saves as a copy and continues in the copy', async () => {
    const folder = tempFolder();
    const file = jinchengFile(folder);
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    backend.openPath(file);
    await backend.api.invoke('report.writeFact', { year: 2023, ref: ITEM, value: 123 });
    const copy = join(folder, 'copy.jsgk');
    host.saveAnswers.push(copy);
    const info = valueOf(await backend.api.invoke('file.saveAs', {}));
    expect(info).toMatchObject({ name: 'copy.jsgk', years: [2023] });
    expect(host.savesSuggested).toEqual(['晋城-副本.jsgk']);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(existsSync(`${copy}.lock`)).toBe(true);
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(loaded.report.items.find((i) => i.code === '2011301')?.expenditure.basic).toBe(123);
    host.saveAnswers.push(copy);
    expect(await backend.api.invoke('file.saveAs', {})).toMatchObject({ ok: false, error: { code: 'USER' } });
  });

  it('refuses a file of another program with its storage code, keeping the current file', async () => {
    const folder = tempFolder();
    const host = new ScriptedHost(folder);
    const { backend } = testBackend(host);
    valueOf(await backend.api.invoke('file.openDemo', {}));
    const text = join(folder, 'notes.jsgk');
    writeFileSync(text, 'hello, this is not a database at all'.repeat(10));
    host.openAnswers.push(text);
    expect(await backend.api.invoke('file.open', {})).toMatchObject({ ok: false, error: { code: 'NOT_OUR_FILE' } });
    expect(existsSync(`${text}.lock`)).toBe(false);
    expect(valueOf(await backend.api.invoke('file.current', {}))?.name).toBe(DEMO_FILE_NAME);
  });
});

describe('report channels', () => {
  async function opened() {
    const folder = tempFolder();
    const t = testBackend(new ScriptedHost(folder));
    valueOf(await t.backend.api.invoke('file.openDemo', {}));
    return { ...t, folder };
  }

  it('loads a year, writes facts, texts, settings and rows', async () => {
    const { backend } = await opened();
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(loaded.report.year).toBe(2023);
    expect(loaded.department.name).toBe('晋城市商务局');
    expect(loaded.report.items.find((i) => i.code === '2011301')?.expenditure.basic).toBe(753_319_900);

    valueOf(await backend.api.invoke('report.writeFact', { year: 2023, ref: { kind: 'operatingCost' }, value: null }));
    valueOf(await backend.api.invoke('report.writeText', { year: 2023, key: 'n1.reason', value: '人员增加' }));
    valueOf(await backend.api.invoke('report.updateSettings', { year: 2023, settings: { ...loaded.report.settings, tableGrouping: false } }));
    valueOf(await backend.api.invoke('report.addItem', { year: 2023, code: '2010101' }));
    valueOf(await backend.api.invoke('report.deleteItem', { year: 2023, code: '2011302' }));
    const after = valueOf(await backend.api.invoke('report.load', { year: 2023 }));
    expect(after.report.texts['n1.reason']).toBe('人员增加');
    expect(after.report.settings.tableGrouping).toBe(false);
    expect(after.report.items.map((i) => i.code)).toContain('2010101');
    expect(after.report.items.map((i) => i.code)).not.toContain('2011302');
  });

  it('maps storage refusals to their codes', async () => {
    const { backend } = await opened();
    expect(await backend.api.invoke('report.load', { year: 2020 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const huge = await backend.api.invoke('report.writeFact', { year: 2023, ref: ITEM, value: Number.MAX_SAFE_INTEGER });
    expect(huge).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const negativeCount = await backend.api.invoke('report.writeFact', { year: 2023, ref: { kind: 'equipment' }, value: -1 });
    expect(negativeCount).toMatchObject({ ok: false, error: { code: 'INVALID' } });
  });

  it('creates the next year and shows last year alongside it', async () => {
    const { backend } = await opened();
    expect(valueOf(await backend.api.invoke('report.createYear', { fromYear: 2023 })).years).toEqual([2023, 2024]);
    const loaded = valueOf(await backend.api.invoke('report.load', { year: 2024 }));
    expect(loaded.lastYear?.year).toBe(2023);
    expect(await backend.api.invoke('report.createYear', { fromYear: 2023 })).toMatchObject({ ok: false, error: { code: 'USER' } });
  });

  it('updates the department and adds custom codes', async () => {
    const { backend } = await opened();
    const info = valueOf(
      await backend.api.invoke('department.update', {
        department: { name: '晋城市商务局', unitKind: '行政单位', subordinateUnits: [{ name: '晋城市口岸服务中心', note: '预算不单列，并入本级' }] },
      }),
    );
    const units = [{ name: '晋城市口岸服务中心', note: '预算不单列，并入本级' }];
    expect(info.department.subordinateUnits).toEqual(units);
    expect(valueOf(await backend.api.invoke('file.current', {}))?.department.subordinateUnits).toEqual(units);
    const codes = valueOf(await backend.api.invoke('catalogue.addCode', { code: { catalogue: 'functional', code: '2159802', name: '制造业' } }));
    expect(codes).toContainEqual({ catalogue: 'functional', code: '2159802', name: '制造业' });
  });
});

describe('dispatch', () => {
  it('refuses malformed requests and unknown channels without running anything', async () => {
    const { backend } = testBackend(new ScriptedHost(tempFolder()));
    expect(await backend.dispatch('report.load', { year: '2023' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await backend.dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await backend.dispatch('file.open', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('reports unexpected errors as INTERNAL with a generic message and logs the stack', async () => {
    const folder = tempFolder();
    const host = new ScriptedHost(folder);
    host.chooseOpenPath = async () => {
      throw new TypeError('boom');
    };
    const { backend, logs } = testBackend(host);
    const result = await backend.dispatch('file.open', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toContain('boom');
    expect(logs.join('\n')).toContain('TypeError: boom');
  });
});

describe('browser-mode host', () => {
  it('creates files in the data folder under unique names and lists them', async () => {
    const folder = tempFolder();
    const { backend } = testBackend(createWebHost(folder, openChromiumEngine));
    expect(valueOf(await backend.api.invoke('app.info', {}))).toMatchObject({ mode: 'web', dataFolder: folder });
    const first = valueOf(await backend.api.invoke('file.create', { departmentName: '某局/分局', unitKind: '行政单位', year: 2024 }));
    expect(first?.name).toBe('某局_分局.jsgk');
    const second = valueOf(await backend.api.invoke('file.create', { departmentName: '某局/分局', unitKind: '行政单位', year: 2024 }));
    expect(second?.name).toBe('某局_分局（2）.jsgk');
    const list = valueOf(await backend.api.invoke('file.list', {}));
    expect(list.map((e) => e.name).sort()).toEqual(['某局_分局.jsgk', '某局_分局（2）.jsgk']);
    expect(list.every((e) => e.department === '某局/分局' && e.location === folder)).toBe(true);
    // No dialogs: opening without an id is a user error.
    expect(await backend.api.invoke('file.open', {})).toMatchObject({ ok: false, error: { code: 'USER' } });
    expect(valueOf(await backend.api.invoke('file.open', { id: list.find((e) => e.name === '某局_分局.jsgk')!.id }))?.name).toBe('某局_分局.jsgk');
  });
});

describe('recent files', () => {
  it('keeps at most 10, newest first, and drops files that vanished', () => {
    const folder = tempFolder();
    const store = join(folder, 'recent.json');
    let t = 0;
    const recent = new RecentFiles(store, () => new Date(Date.UTC(2024, 0, 1, 0, 0, t++)));
    const files = Array.from({ length: 12 }, (_, k) => {
      const f = join(folder, `f${k}.jsgk`);
      writeFileSync(f, 'x');
      return f;
    });
    for (const f of files) recent.add(f, '部门');
    recent.add(files[5]!, '部门');
    const list = recent.list();
    expect(list).toHaveLength(RECENT_MAX);
    expect(list[0]!.path).toBe(files[5]);
    expect(list[1]!.path).toBe(files[11]);
    expect(list.map((e) => e.path)).not.toContain(files[0]);
    rmSync(files[11]!);
    expect(recent.list().map((e) => e.path)).not.toContain(files[11]);
    expect(new RecentFiles(store).list()).toHaveLength(RECENT_MAX - 1);
  });

  it('treats a damaged list as empty', () => {
    const store = join(tempFolder(), 'recent.json');
    writeFileSync(store, '{not json');
    expect(new RecentFiles(store).list()).toEqual([]);
    writeFileSync(store, JSON.stringify([{ path: 'relative.jsgk', department: null, at: 'x' }, 5]));
    expect(new RecentFiles(store).list()).toEqual([]);
  });
});
