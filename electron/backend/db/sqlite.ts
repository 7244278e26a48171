/**
 * The one place a better-sqlite3 connection is constructed. Under `npm start` the Electron window
 * loads a better-sqlite3 addon built for Electron from DISCLOSURE_SQLITE_ADDON
 * (scripts/electron-sqlite.mjs), leaving the Node build in node_modules to the CLI, the browser
 * mode and the tests; everywhere else the package's own addon is used.
 */
import Database from 'better-sqlite3';

export const SQLITE_ADDON_ENV = 'DISCLOSURE_SQLITE_ADDON';

export function openSqlite(source: string | Buffer, options: Database.Options = {}): Database.Database {
  const addon = process.env[SQLITE_ADDON_ENV];
  return new Database(source, addon ? { ...options, nativeBinding: addon } : options);
}
