/**
 * The interchange reader against what it must refuse, through the real `disclosure import` path
 * (bytes from disk → file): invalid UTF-8, GBK and UTF-16 files, numbers a JSON number cannot hold
 * exactly, prototype keys in settings (also through the Api), text and counts beyond the app's
 * limits, a department change without --update-department, and a capped error list. A refused
 * import leaves the target byte for byte as it was.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { releaseAllLocks } from '../../electron/backend/app/lock';
import { closeDisclosureFile, DisclosureRepository, openDisclosureFile } from '../../electron/backend/db';
import { LIMITS } from '../../shared/domain/limits';
import { encodeGbk, encodeUtf16 } from '../harness/encodings';
import { jinchengFile, ScriptedHost, tempFolder, testBackend, valueOf } from './app-helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE_TEXT = readFileSync(join(ROOT, 'test', 'fixtures', 'jincheng-2023.json'), 'utf8');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Doc = { [key: string]: Json };

afterEach(() => releaseAllLocks());

function fixture(): Doc {
  const value: unknown = JSON.parse(FIXTURE_TEXT);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('fixture');
  return value as Doc;
}

function objectAt(doc: Doc, key: string): Doc {
  const value = doc[key];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(key);
  return value;
}

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t) });
  return { code, err };
}

/** Imports `bytes` over a file holding seed 000 as 2023; returns the result and whether the file changed. */
async function importOver(bytes: Buffer | string, extra: string[] = ['--replace']): Promise<{ code: number; err: string; changed: boolean; file: string }> {
  const folder = tempFolder('disclosure-hostile-');
  const file = jinchengFile(folder);
  const before = readFileSync(file);
  const source = join(folder, 'report.json');
  writeFileSync(source, bytes);
  const result = await cli(['import', source, '--file', file, ...extra]);
  return { ...result, changed: !readFileSync(file).equals(before), file };
}

async function refused(bytes: Buffer | string, ...messages: string[]): Promise<string> {
  const result = await importOver(bytes);
  expect(result.code, result.err).toBe(EXIT_USER);
  expect(result.err).toContain('未导入任何内容');
  for (const m of messages) expect(result.err).toContain(m);
  expect(result.changed).toBe(false);
  return result.err;
}

describe('encodings', () => {
  it('refuses a text value with invalid UTF-8 bytes instead of storing �', async () => {
    const text = Buffer.from(FIXTURE_TEXT.replace('"晋城市商务局"', '"晋城市商务局XX"'), 'utf8');
    const at = text.indexOf('XX');
    text[at] = 0xff;
    text[at + 1] = 0xfe;
    const err = await refused(text, '不是有效的 UTF-8 编码', '字节 FF FE');
    expect(err).toMatch(/第 \d+ 行第 \d+ 个字符处/);
  });

  it('refuses one GBK-encoded value in a UTF-8 file, showing what it says in GBK', async () => {
    const [head, tail] = FIXTURE_TEXT.split('"晋城市商务局"', 2);
    const bytes = Buffer.concat([Buffer.from(`${head}"`), encodeGbk('晋城市商务局'), Buffer.from(`"${tail}`)]);
    await refused(bytes, 'GBK', '“晋城市商务局”', '另存为“UTF-8”编码');
  });

  it('names a whole GBK file as GBK', async () => {
    await refused(encodeGbk(FIXTURE_TEXT), '按 GBK（GB2312/GB18030）编码读出来是');
  });

  it('names UTF-16 files with and without a byte order mark, and UTF-32', async () => {
    await refused(encodeUtf16(FIXTURE_TEXT, 'le', true), '文件是 UTF-16（小端序，带 BOM）编码的，不是 UTF-8');
    await refused(encodeUtf16(FIXTURE_TEXT, 'be', true), '文件是 UTF-16（大端序，带 BOM）编码的');
    await refused(encodeUtf16(FIXTURE_TEXT, 'le', false), '文件看起来是 UTF-16（小端序）编码的');
    await refused(encodeUtf16(FIXTURE_TEXT, 'be', false), '文件看起来是 UTF-16（大端序）编码的');
    await refused(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('{}')]), 'UTF-32');
  });

  it('accepts UTF-8 with a byte order mark (as Notepad saves it)', async () => {
    const result = await importOver(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FIXTURE_TEXT)]));
    expect(result.code, result.err).toBe(EXIT_OK);
  });

  it('says in Chinese where a JSON syntax error is', async () => {
    await refused('{\n  "format": "disclosure-report",\n  "year": 2023,,\n}', '不是有效的 JSON 格式：第 3 行');
    await refused('', '文件是空的');
  });
});

describe('numbers', () => {
  it('refuses 5e-324 instead of storing 0', async () => {
    const doc = fixture();
    objectAt(doc, 'stats').receptionDomestic = 0;
    const text = JSON.stringify(doc).replace('"receptionDomestic":0', '"receptionDomestic":5e-324');
    await refused(text, '$.stats.receptionDomestic', '“5e-324”的小数位过多');
  });

  it('refuses literals a JSON number would round (too many digits, overflow)', async () => {
    const doc = fixture();
    objectAt(doc, 'stats').receptionDomestic = 0;
    const base = JSON.stringify(doc);
    await refused(base.replace('"receptionDomestic":0', '"receptionDomestic":1.0000000000000001'), '数字 1.0000000000000001 的位数超出');
    await refused(base.replace('"receptionDomestic":0', '"receptionDomestic":1e400'), '数字 1e400');
    await refused(base.replace('"receptionDomestic":0', '"receptionDomestic":12345678901234567890'), '12345678901234567890');
  });

  it('accepts exponents that are exact amounts', async () => {
    const doc = fixture();
    objectAt(doc, 'stats').receptionDomestic = 0;
    const result = await importOver(JSON.stringify(doc).replace('"receptionDomestic":0', '"receptionDomestic":1.5e3'));
    expect(result.code, result.err).toBe(EXIT_OK);
    const file = openDisclosureFile(result.file, { create: false, readonly: true });
    expect(new DisclosureRepository(file.db).loadReport(2023).stats.receptionDomestic).toBe(150_000);
    closeDisclosureFile(file);
  });

  it('refuses a count of 2^53−1', async () => {
    const doc = fixture();
    objectAt(doc, 'stats').equipmentCount = Number.MAX_SAFE_INTEGER;
    await refused(JSON.stringify(doc), '$.stats.equipmentCount', `应为0至${LIMITS.countMax}之间的整数`);
  });
});

describe('settings keys are own keys only', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('refuses settings.%s on import', async (key) => {
    const text = JSON.stringify(fixture()).replace('"settings":{', `"settings":{"${key}":true,`);
    await refused(text, `$.settings.${key}`, `未知的设置项“${key}”`);
  });

  it.each(['constructor', 'toString', '__proto__'])('refuses settings.%s in report.updateSettings', async (key) => {
    const t = testBackend(new ScriptedHost(tempFolder()));
    valueOf(await t.backend.api.invoke('file.openDemo', {}));
    const loaded = valueOf(await t.backend.api.invoke('report.load', { year: 2023 }));
    const settings: unknown = JSON.parse(JSON.stringify(loaded.report.settings).replace('{', `{"${key}":"x",`));
    const result = await t.backend.dispatch('report.updateSettings', { year: 2023, settings });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(result.ok ? '' : result.error.message).toContain(`未知的设置项“${key}”`);
    t.backend.close();
  });
});

describe('the app’s limits hold on import', () => {
  it('refuses text longer than the Api allows, control characters, and an overlong 下属单位', async () => {
    const long = fixture();
    long.texts = { 'overview.functions': '说'.repeat(LIMITS.textLength + 1) };
    await refused(JSON.stringify(long), '$.texts.overview.functions', `不能超过${LIMITS.textLength}个字符`);
    const control = fixture();
    control.texts = { 'overview.functions': '职能\u0007说明' };
    await refused(JSON.stringify(control), '含有不允许的控制字符（第3个字符，U+0007）');
    const units = fixture();
    objectAt(units, 'department').subordinateUnits = '某'.repeat(100_000);
    await refused(JSON.stringify(units), '$.department.subordinateUnits', `不能超过${LIMITS.nameLength}个字符`);
    const many = fixture();
    objectAt(many, 'department').subordinateUnits = Array.from({ length: LIMITS.subordinateUnits + 1 }, (_, k) => ({ name: `单位${k}`, note: '' }));
    await refused(JSON.stringify(many), '$.department.subordinateUnits', `下属单位最多${LIMITS.subordinateUnits}个`);
    const name = fixture();
    objectAt(name, 'department').name = '晋城市\n商务局';
    await refused(JSON.stringify(name), '$.department.name', '只能是一行文字');
  });

  it('refuses a file larger than any report before reading it', async () => {
    const doc = fixture();
    doc.texts = { big: 'x'.repeat(LIMITS.inputFileBytes) };
    await refused(JSON.stringify(doc), '超过可导入的上限');
  });
});

describe('a department change on import', () => {
  async function twoYears(): Promise<string> {
    const folder = tempFolder('disclosure-hostile-');
    const file = jinchengFile(folder);
    const next = fixture();
    next.year = 2024;
    next.edition = 2024;
    const source = join(folder, '2024.json');
    writeFileSync(source, JSON.stringify(next));
    expect((await cli(['import', source, '--file', file])).code).toBe(EXIT_OK);
    return file;
  }

  it('is refused without --update-department, naming the change and every year it affects', async () => {
    const file = await twoYears();
    const before = readFileSync(file);
    const doc = fixture();
    doc.year = 2025;
    doc.edition = 2025;
    objectAt(doc, 'department').unitKind = '事业单位';
    const source = join(file, '..', '2025.json');
    writeFileSync(source, JSON.stringify(doc));
    const result = await cli(['import', source, '--file', file]);
    expect(result.code).toBe(EXIT_USER);
    expect(result.err).toContain('单位性质：“行政单位” → “事业单位”');
    expect(result.err).toContain('修改会影响 2023、2024、2025 年度的报表');
    expect(result.err).toContain('--update-department');
    expect(readFileSync(file).equals(before)).toBe(true);

    const allowed = await cli(['import', source, '--file', file, '--update-department']);
    expect(allowed.code, allowed.err).toBe(EXIT_OK);
    expect(allowed.err).toContain('已修改部门信息（单位性质：“行政单位” → “事业单位”），影响 2023、2024、2025 年度的报表。');
    const opened = openDisclosureFile(file, { create: false, readonly: true });
    expect(new DisclosureRepository(opened.db).getDepartment()?.unitKind).toBe('事业单位');
    closeDisclosureFile(opened);

    // An older year (last year brought in) never changes the department: it is this year's.
    const older = fixture();
    older.year = 2022;
    older.edition = 2022;
    objectAt(older, 'department').unitKind = '行政单位';
    const olderSource = join(file, '..', '2022.json');
    writeFileSync(olderSource, JSON.stringify(older));
    const kept = await cli(['import', olderSource, '--file', file]);
    expect(kept.code, kept.err).toBe(EXIT_OK);
    const reopened = openDisclosureFile(file, { create: false, readonly: true });
    expect(new DisclosureRepository(reopened.db).getDepartment()?.unitKind).toBe('事业单位');
    closeDisclosureFile(reopened);
  });
});

describe('error output', () => {
  it('lists the first 50 problems and counts the rest', async () => {
    const doc = fixture();
    doc.economic = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`9${String(i).padStart(4, '0')}`, 1]));
    const err = await refused(JSON.stringify(doc), '……另有 350 处问题未列出（共 400 处）');
    expect(err.split('\n').filter((l) => l.startsWith('$.economic.')).length).toBe(50);
  });

  it('refuses a huge item list with one line, not one per item', async () => {
    const doc = fixture();
    doc.items = Array.from({ length: 403_298 }, () => ({ code: '2011301' }));
    const err = await refused(JSON.stringify(doc), `“项”级科目有 403298 项，超过上限 ${LIMITS.itemsPerReport} 项`);
    expect(err.split('\n').length).toBeLessThan(10);
  });
});
