/**
 * File names that work on Windows: reserved device names (CON.jsgk …) and forbidden characters are
 * replaced where the app picks a name, and refused where the user gives one for a new file.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_USER, main } from '../../cli';
import { fileNameProblem, safeFileName } from '../../electron/backend/app/fileNames';
import { createWebHost, uniqueFilePath } from '../../electron/backend/app/host';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { Session } from '../../electron/backend/app/session';
import { ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';
import { openChromiumEngine } from '../../electron/backend/export/pdf/chromium';

const FIXTURE = fileURLToPath(new URL('../fixtures/jincheng-2023.json', import.meta.url));

afterEach(() => releaseAllLocks());

describe('names the app picks', () => {
  it.each([
    ['CON', '_CON'],
    ['con.备份', '_con.备份'],
    ['Nul', '_Nul'],
    ['AUX .jsgk', '_AUX .jsgk'],
    ['COM1', '_COM1'],
    ['lpt9', '_lpt9'],
    ['COM¹', '_COM¹'],
    ['CONSOLE', 'CONSOLE'],
    ['COM10', 'COM10'],
    ['某局/分局:*?"<>|', '某局_分局_______'],
    ['名称\u0007', '名称_'],
    ['结尾. . ', '结尾'],
    ['...', '未命名'],
    ['晋城市商务局', '晋城市商务局'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
    expect(fileNameProblem(safeFileName(name))).toBeNull();
  });

  it('cuts a very long name', () => {
    expect(Array.from(safeFileName('局'.repeat(500))).length).toBe(120);
  });

  it('browser mode names a department called CON “_CON.jsgk”', async () => {
    const folder = tempFolder();
    const { backend } = testBackend(createWebHost(folder, openChromiumEngine));
    const created = valueOf(await backend.api.invoke('file.create', { departmentName: 'CON', unitKind: '行政单位', year: 2024 }));
    expect(created?.name).toBe('_CON.jsgk');
    expect(uniqueFilePath(folder, 'PRN')).toBe(join(folder, '_PRN.jsgk'));
    backend.close();
  });

  it('the desktop save dialog is offered a usable name', async () => {
    const host = new ScriptedHost(tempFolder());
    const { backend } = testBackend(host);
    expect(valueOf(await backend.api.invoke('file.create', { departmentName: 'AUX', unitKind: '行政单位', year: 2024 }))).toBeNull();
    expect(host.savesSuggested).toEqual(['_AUX.jsgk']);
    backend.close();
  });
});

describe('names the user gives for a new file', () => {
  it('disclosure import refuses CON.jsgk and creates nothing', async () => {
    const folder = tempFolder();
    let err = '';
    const code = await main(['import', FIXTURE, '--file', join(folder, 'CON.jsgk')], { stdout: () => {}, stderr: (t) => (err += t) });
    expect(code).toBe(EXIT_USER);
    expect(err).toContain('“CON.jsgk”在 Windows 中是保留的设备名');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('新建 and 另存为 refuse reserved names and forbidden characters', () => {
    const folder = tempFolder();
    const session = new Session();
    const department = { name: '某局', unitKind: '行政单位' as const, subordinateUnits: [] };
    expect(() => session.create(join(folder, 'nul.jsgk'), department, 2024)).toThrow('保留的设备名');
    expect(() => session.create(join(folder, '某局?.jsgk'), department, 2024)).toThrow('不能使用的字符');
    session.create(join(folder, '某局.jsgk'), department, 2024);
    return expect(session.saveAs(join(folder, 'LPT1.jsgk'))).rejects.toThrow('保留的设备名').finally(() => {
      session.close();
      expect(existsSync(join(folder, 'LPT1.jsgk'))).toBe(false);
    });
  });
});
