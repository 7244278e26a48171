/** DISCLOSURE_SQLITE_ADDON: the Electron window's better-sqlite3 addon is the one `npm start` names. */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { SQLITE_ADDON_ENV } from '../../electron/backend/db/sqlite';

const require = createRequire(import.meta.url);
const NODE_ADDON = join(dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

afterEach(() => {
  delete process.env[SQLITE_ADDON_ENV];
});

function newFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'disclosure-addon-')), 'a.jsgk');
}

describe('better-sqlite3 addon', () => {
  it('loads the addon named by DISCLOSURE_SQLITE_ADDON', () => {
    process.env[SQLITE_ADDON_ENV] = NODE_ADDON;
    const file = openDisclosureFile(newFile(), { create: true });
    expect(file.db.prepare('select 1 + 1').pluck().get()).toBe(2);
    closeDisclosureFile(file);
  });

  it('uses nothing else when it names a missing addon', () => {
    process.env[SQLITE_ADDON_ENV] = join(tmpdir(), 'no-such-addon.node');
    expect(() => openDisclosureFile(newFile(), { create: true })).toThrow(/no-such-addon/);
  });
});
