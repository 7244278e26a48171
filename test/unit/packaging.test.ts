/**
 * Install and packaging configuration, read as electron-builder and npm read it:
 * electron-builder.yml against app-builder-lib's own JSON schema plus the settings the security
 * checklist needs, and the dependency tree against the Node version the README promises.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readJson(path: string): JsonObject {
  const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isObject(value)) throw new Error(`${path} is not a JSON object`);
  return value;
}

function builderConfig(): JsonObject {
  const value = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8'));
  if (!isObject(value)) throw new Error('electron-builder.yml is not a mapping');
  return value;
}

function child(value: Json | undefined, key: string): Json | undefined {
  return isObject(value) ? value[key] : undefined;
}

/** electron-builder's schema, from the installed app-builder-lib (what `electron-builder` validates with). */
function builderSchema(): JsonObject {
  return readJson(require.resolve('app-builder-lib/scheme.json'));
}

/** Validates like app-builder-lib's schemaValidator, but without type coercion. */
function validate(config: JsonObject): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(builderSchema());
  if (check(config)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('electron-builder.yml', () => {
  it('matches electron-builder’s JSON schema', () => {
    expect(validate(builderConfig())).toEqual([]);
  });

  it('the schema check refuses a misspelt option (so the check above can fail)', () => {
    const config = builderConfig();
    const nsis = child(config, 'nsis');
    expect(validate({ ...config, nsis: { ...(isObject(nsis) ? nsis : {}), perMachin: false } }).length).toBeGreaterThan(0);
    expect(validate({ ...config, electronFuses: { runAsNod: false } }).length).toBeGreaterThan(0);
  });

  it('sets the fuses: no RunAsNode, NODE_OPTIONS or inspect arguments; app only from an integrity-checked asar', () => {
    const config = builderConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('ships no source maps and no node_modules besides better-sqlite3 and its loader', () => {
    const files = builderConfig().files;
    expect(Array.isArray(files)).toBe(true);
    const patterns = Array.isArray(files) ? files : [];
    expect(patterns).toContain('!**/*.map');
    expect(patterns).toContain('!**/node_modules/**');
    // Only dist/electron and dist/renderer: not the CLI bundle (dist/cli) nor anything else in dist.
    expect(patterns.filter((p) => typeof p === 'string' && p.startsWith('dist/'))).toEqual(['dist/electron/**', 'dist/renderer/**']);
  });

  it('builds a per-user Chinese NSIS installer and deb/AppImage for x64 and arm64', () => {
    const config = builderConfig();
    const nsis = config.nsis;
    expect(child(nsis, 'perMachine')).toBe(false);
    expect(child(nsis, 'oneClick')).toBe(false);
    expect(child(nsis, 'language')).toBe('2052');
    expect(child(nsis, 'installerLanguages')).toEqual(['zh_CN']);
    expect(child(child(config, 'win'), 'target')).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(child(child(config, 'linux'), 'target')).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
  });

  it('pins the Electron version that package-lock.json installs', () => {
    const lock = readJson(join(ROOT, 'package-lock.json'));
    const electron = child(child(lock, 'packages'), 'node_modules/electron');
    expect(child(electron, 'optional')).toBe(true);
    expect(builderConfig().electronVersion).toBe(child(electron, 'version'));
  });
});

describe('dependencies and the Node version', () => {
  const pkg = readJson(join(ROOT, 'package.json'));
  const minimum = semver.minVersion(String(child(pkg, 'engines') && child(child(pkg, 'engines'), 'node')));

  it('package.json promises Node 20.19 or later, as the README says', () => {
    expect(minimum?.version).toBe('20.19.0');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Node.js 20.19');
  });

  it('every installed package accepts that Node version (npm prints no engine warning)', () => {
    const packages = child(readJson(join(ROOT, 'package-lock.json')), 'packages');
    if (!isObject(packages) || minimum === null) throw new Error('package-lock.json has no packages');
    const refusing: string[] = [];
    for (const [path, entry] of Object.entries(packages)) {
      const range = child(child(entry, 'engines'), 'node');
      if (typeof range === 'string' && !semver.satisfies(minimum, range)) refusing.push(`${path} (node ${range})`);
    }
    expect(refusing).toEqual([]);
    expect(Object.keys(packages).length).toBeGreaterThan(300);
  });

  it('electron is optional, so a failed binary download does not fail npm install', () => {
    expect(child(child(pkg, 'optionalDependencies'), 'electron')).toEqual(expect.any(String));
    expect(child(child(pkg, 'devDependencies'), 'electron')).toBeUndefined();
    expect(child(child(pkg, 'dependencies'), 'electron')).toBeUndefined();
  });
});
