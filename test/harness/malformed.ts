/**
 * Randomized malformed imports: seed 000's interchange file, mutated in one of the ways a hostile
 * or broken file arrives (wrong encodings, invalid bytes, numbers JSON cannot hold, prototype keys,
 * text and counts beyond the app's limits, a department change, duplicates, truncation, flipped
 * bytes, wrong types), is imported with `disclosure import --replace` over a file holding seed 000.
 *
 * Every case must end in one of two ways:
 *   - refused: exit 1, a Chinese message (at most 50 problems listed), the target byte for byte as
 *     it was and nothing new beside it;
 *   - accepted (only mutations that can yield a valid file): what the file now holds is exactly what
 *     the reader parsed from those bytes — no `�`, no rounding, nothing dropped.
 * An internal error (exit 2) or anything else is a failure.
 *
 * Used by test/integration/malformed-import.test.ts (a CI-sized run) and scripts/stress.ts.
 */
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_OK, EXIT_USER, main } from '../../cli';
import { closeDisclosureFile, openDisclosureFile } from '../../electron/backend/db';
import { exportReportJson, importReport, parseReportJson } from '../../electron/backend/services/reports';
import { MAX_LISTED_ISSUES, parseInterchangeBytes, toInterchange } from '../../shared/domain/interchange';
import { LIMITS } from '../../shared/domain/limits';
import { encodeGbk, encodeUtf16 } from './encodings';
import { random } from './crash';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Seed 000 without its 附件: the mutations aim at the report's facts (the 附件 reader has its own
 * tests), and 24 forms would only make each of the thousand imports slower.
 */
const FIXTURE_TEXT = (() => {
  const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'jincheng-2023.json'), 'utf8');
  const { evaluation: _attachments, ...report } = JSON.parse(text) as Record<string, unknown>;
  void _attachments;
  return `${JSON.stringify(report, null, 2)}\n`;
})();

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Rng = () => number;

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function doc(): JsonObject {
  const value: unknown = JSON.parse(FIXTURE_TEXT);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('fixture');
  return { ...(value as JsonObject) };
}

function pick<T>(rng: Rng, list: readonly T[]): T {
  const item = list[Math.floor(rng() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** Every leaf of a JSON value with the object holding it, for mutations that replace one. */
interface Leaf {
  holder: JsonObject | Json[];
  key: string | number;
  value: Json;
}

function leaves(value: Json, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((v, i) => (v !== null && typeof v === 'object' ? leaves(v, out) : out.push({ holder: value, key: i, value: v })));
  else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object') leaves(v, out);
      else out.push({ holder: value, key: k, value: v });
    }
  }
  return out;
}

function set(leaf: Leaf, value: Json): void {
  if (Array.isArray(leaf.holder) && typeof leaf.key === 'number') leaf.holder[leaf.key] = value;
  else if (!Array.isArray(leaf.holder) && typeof leaf.key === 'string') leaf.holder[leaf.key] = value;
}

const CJK = /[\u4e00-\u9fff]/u;
const PLACEHOLDER = '@@LITERAL@@';

/** A mutation: the bytes to import, extra CLI arguments, and whether a valid file can come out of it. */
interface Mutated {
  bytes: Buffer;
  mayBeValid: boolean;
}

const refuse = (bytes: Buffer | string): Mutated => ({ bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), mayBeValid: false });
const either = (bytes: Buffer | string): Mutated => ({ bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), mayBeValid: true });

/** A number leaf replaced by a literal JSON.stringify cannot write (`1e400`, `1.0000000000000001`). */
function withLiteral(rng: Rng, literal: string): string {
  const d = doc();
  // The 附件 (evaluation) has scores with three decimals of its own: amounts and counts only here.
  const numbers: Leaf[] = [];
  for (const [k, v] of Object.entries(d)) {
    if (k === 'evaluation') continue;
    if (v !== null && typeof v === 'object') leaves(v, numbers);
    else numbers.push({ holder: d, key: k, value: v });
  }
  numbers.splice(0, numbers.length, ...numbers.filter((l) => typeof l.value === 'number'));
  set(pick(rng, numbers), PLACEHOLDER);
  return JSON.stringify(d).replace(`"${PLACEHOLDER}"`, literal);
}

function textsWith(value: string, key = 'overview.functions'): string {
  const d = doc();
  d.texts = { ...(isObject(d.texts) ? d.texts : {}), [key]: value };
  return JSON.stringify(d);
}

const CONTROL_CHARS = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13), 127];

export const MUTATIONS: Record<string, (rng: Rng) => Mutated> = {
  invalidUtf8: (rng) => {
    const bytes = Buffer.from(FIXTURE_TEXT);
    const text = FIXTURE_TEXT;
    const positions = [...text.matchAll(/[\u4e00-\u9fff]/gu)].map((m) => Buffer.byteLength(text.slice(0, m.index)));
    // A lead byte replaced by one that never starts a character, or a continuation byte by one
    // that never continues one: either way no longer UTF-8.
    const at = pick(rng, positions);
    if (rng() < 0.5) bytes[at] = pick(rng, [0x80, 0xbf, 0xc0, 0xc1, 0xf5, 0xff]);
    else bytes[at + 1 + Math.floor(rng() * 2)] = pick(rng, [0x41, 0xc0, 0xe4, 0xf5, 0xfe, 0xff]);
    return refuse(bytes);
  },
  gbkValue: (rng) => {
    const values = leaves(doc()).filter((l): l is Leaf & { value: string } => typeof l.value === 'string' && CJK.test(l.value));
    const target = pick(rng, values).value;
    const quoted = JSON.stringify(target);
    const [head = '', ...rest] = FIXTURE_TEXT.split(quoted);
    return refuse(Buffer.concat([Buffer.from(head), Buffer.from('"'), encodeGbk(target), Buffer.from('"'), Buffer.from(rest.join(quoted))]));
  },
  gbkFile: () => refuse(encodeGbk(FIXTURE_TEXT)),
  utf16File: (rng) => refuse(encodeUtf16(FIXTURE_TEXT, rng() < 0.5 ? 'le' : 'be', rng() < 0.5)),
  utf32Bom: () => refuse(Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, 0x00]), Buffer.from(FIXTURE_TEXT, 'utf16le')])),
  tinyNumber: (rng) => refuse(withLiteral(rng, pick(rng, ['5e-324', '4.9e-324', '1e-7', '0.001', '2.5e-3', '-0.0001']))),
  inexactNumber: (rng) => refuse(withLiteral(rng, pick(rng, ['1.0000000000000001', '12345678901234567890', '1e400', '-1e400', '9007199254740993', '0.30000000000000004']))),
  prototypeSettingKey: (rng) => {
    const d = doc();
    const key = pick(rng, ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']);
    return refuse(JSON.stringify(d).replace('"settings":{', `"settings":{"${key}":${pick(rng, ['true', '"x"', '{}', '1'])},`));
  },
  longText: () => refuse(textsWith('决'.repeat(LIMITS.textLength + 1))),
  controlCharacter: (rng) => {
    const ch = String.fromCharCode(pick(rng, CONTROL_CHARS));
    if (rng() < 0.5) return refuse(textsWith(`职能${ch}说明`));
    const d = doc();
    if (isObject(d.department)) d.department = { ...d.department, name: `晋城市${ch}商务局` };
    return refuse(JSON.stringify(d));
  },
  loneSurrogate: (rng) => refuse(textsWith(`说明${pick(rng, ['\ud800', '\udfff', '\udc00x'])}`)),
  hugeSubordinateUnits: () => {
    const d = doc();
    if (isObject(d.department)) d.department = { ...d.department, subordinateUnits: '某单位'.repeat(34_000) };
    return refuse(JSON.stringify(d));
  },
  badCount: (rng) => {
    const d = doc();
    const value = pick(rng, [Number.MAX_SAFE_INTEGER, -1, 1.5, LIMITS.countMax + 1, 2 ** 40]);
    d.stats = { ...(isObject(d.stats) ? d.stats : {}), [pick(rng, ['equipmentCount'])]: value };
    return refuse(JSON.stringify(d));
  },
  departmentChange: (rng) => {
    const d = doc();
    if (isObject(d.department)) d.department = { ...d.department, ...(rng() < 0.5 ? { unitKind: '事业单位' } : { subordinateUnits: '晋城市商务执法队' }) };
    return refuse(JSON.stringify(d));
  },
  duplicateItems: (rng) => {
    const d = doc();
    const items = Array.isArray(d.items) ? d.items : [];
    const first = items[0] ?? null;
    d.items = [...items, ...Array.from({ length: 60 + Math.floor(rng() * 400) }, () => first)];
    return refuse(JSON.stringify(d));
  },
  truncated: (rng) => {
    const text = FIXTURE_TEXT.trimEnd();
    return refuse(text.slice(0, Math.floor(rng() * (text.length - 1))));
  },
  flippedByte: (rng) => {
    const bytes = Buffer.from(FIXTURE_TEXT);
    const at = Math.floor(rng() * bytes.length);
    bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(rng() * 8));
    return either(bytes);
  },
  wrongType: (rng) => {
    const d = doc();
    set(pick(rng, leaves(d)), pick<Json>(rng, [null, true, [], {}, 'abc', -1, '１２３', '']));
    return either(JSON.stringify(d));
  },
  missingField: (rng) => {
    const d = doc();
    const key = pick(rng, ['format', 'formatVersion', 'year', 'department']);
    delete d[key];
    return refuse(JSON.stringify(d));
  },
  unknownField: (rng) => {
    const d = doc();
    const holders = [d, ...Object.values(d).filter(isObject)];
    const holder = pick(rng, holders);
    holder[pick(rng, ['extra', 'Year', '备注', 'amountunit'])] = 1;
    return refuse(JSON.stringify(d));
  },
  negativeAmount: (rng) => {
    const d = doc();
    const items = Array.isArray(d.items) ? d.items.filter(isObject) : [];
    const item = pick(rng, items);
    const group = pick(rng, ['income', 'expenditure'] as const);
    const amounts = isObject(item[group]) ? item[group] : {};
    const key = pick(rng, Object.keys(amounts).length > 0 ? Object.keys(amounts) : ['basic']);
    item[group] = { ...amounts, [key]: -Math.ceil(rng() * 1000) };
    return refuse(JSON.stringify(d));
  },
  tooManyDecimals: (rng) => refuse(withLiteral(rng, pick(rng, ['12.345', '0.001', '1.2345678']))),
  yearOutOfRange: (rng) => {
    const d = doc();
    d.year = pick(rng, [1899, 3000, 20230, -2023, 2023.5]);
    return refuse(JSON.stringify(d));
  },
  unknownCode: (rng) => {
    const d = doc();
    const items = Array.isArray(d.items) ? d.items.filter(isObject) : [];
    pick(rng, items).code = pick(rng, ['9999999', '2019898', '201', 'abc', '20101011', '２０１０１０１']);
    return refuse(JSON.stringify(d));
  },
};

export interface MalformedReport {
  cases: number;
  refused: number;
  accepted: number;
  /** Per mutation: [refused, accepted]. */
  byMutation: Record<string, [number, number]>;
  failures: string[];
}

const CHINESE = /[\u4e00-\u9fff]/u;

function folderState(folder: string): string {
  return fs.readdirSync(folder).sort().join(',');
}

/** JSON with object keys sorted, so two documents compare by content (the file lists texts by key). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** What the file holds for 2023, as interchange JSON. */
function stored(file: string): string {
  const opened = openDisclosureFile(file, { create: false, readonly: true });
  try {
    return exportReportJson(opened, 2023);
  } finally {
    closeDisclosureFile(opened);
  }
}

/** Runs `cases` random mutations from `seed`; never throws for a failed case, it is counted. */
export async function runMalformedImports(options: { cases: number; seed: number }): Promise<MalformedReport> {
  const rng = random(options.seed);
  const names = Object.keys(MUTATIONS);
  const report: MalformedReport = { cases: 0, refused: 0, accepted: 0, byMutation: {}, failures: [] };
  const folder = fs.mkdtempSync(path.join(tmpdir(), 'disclosure-malformed-'));
  const pristine = path.join(folder, 'pristine.jsgk');
  const created = openDisclosureFile(pristine, { create: true });
  importReport(created, parseReportJson(FIXTURE_TEXT, 'fixture'), { replace: false });
  closeDisclosureFile(created);
  const pristineBytes = fs.readFileSync(pristine);
  const work = path.join(folder, 'work');
  fs.mkdirSync(work);
  const target = path.join(work, '晋城.jsgk');
  const source = path.join(folder, 'report.json');
  fs.writeFileSync(target, pristineBytes);

  try {
    for (let i = 0; i < options.cases; i++) {
      const name = pick(rng, names);
      const mutate = MUTATIONS[name];
      if (!mutate) continue;
      const { bytes, mayBeValid } = mutate(rng);
      fs.writeFileSync(source, bytes);
      const before = folderState(work);
      let err = '';
      const code = await main(['import', source, '--file', target, '--replace'], { stdout: () => {}, stderr: (t) => (err += t) });
      report.cases++;
      const counts = (report.byMutation[name] ??= [0, 0]);
      const fail = (why: string) => report.failures.push(`case ${i} (${name}): ${why}: ${err.slice(0, 300)}`);
      if (code === EXIT_USER) {
        report.refused++;
        counts[0]++;
        if (!CHINESE.test(err) || !err.startsWith('错误：')) fail('refused without a Chinese message');
        const listed = err.split('\n').filter((l) => l.startsWith('$')).length;
        if (listed > MAX_LISTED_ISSUES) fail(`listed ${listed} problems`);
        if (!fs.readFileSync(target).equals(pristineBytes)) fail('a refused import changed the file');
        if (folderState(work) !== before) fail(`a refused import left files: ${folderState(work)}`);
      } else if (code === EXIT_OK) {
        report.accepted++;
        counts[1]++;
        if (!mayBeValid) fail('accepted what must be refused');
        const parsed = parseInterchangeBytes(bytes);
        if (!parsed.ok) fail('accepted what the reader refuses');
        else if (canonical(JSON.parse(stored(target))) !== canonical(toInterchange(parsed.value))) fail('the file holds something else than the bytes said');
        fs.writeFileSync(target, pristineBytes);
        for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
      } else {
        fail(`exit ${code}`);
        fs.writeFileSync(target, pristineBytes);
      }
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
  return report;
}
