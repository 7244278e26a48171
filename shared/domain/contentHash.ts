/**
 * The content hash of a year's typed facts: SHA-256 over a canonical JSON of everything the
 * officer typed for the year — the department (name, kind, 下属单位), the codes the file added,
 * and the report (settings, every 项 row, 经济分类, summary, carry-overs, 三公, statistics,
 * budgets, last year's typed figures, texts), amounts in integer 分. Derived figures are left out:
 * they follow from these. The same facts always give the same hash, whatever order they were
 * typed or stored in; any change of a fact, text or setting gives another. Used by the 发布包
 * manifest and meant for the change log and 定稿 (a frozen year keeps its hash).
 */
import type { CustomCode, Department, Report } from './model';
import { sha256Hex } from './sha256';

/** Bumped when the canonical form changes, so old and new hashes are never compared as equal. */
export const FACTS_HASH_FORMAT = 'disclosure-facts/1';

/**
 * JSON with object keys sorted (by UTF-16 code units), no whitespace, undefined members left out,
 * so equal values give equal text. Only finite numbers are allowed (money is integer 分).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${String(value)} is not a finite number`);
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

export interface YearFacts {
  department: Department;
  report: Report;
  customCodes: readonly CustomCode[];
}

/** The canonical form hashed: 项 rows by code, custom codes by catalogue and code; 下属单位 keep their printed order. */
export function canonicalFacts(facts: YearFacts): unknown {
  const byKey = <T>(list: readonly T[], key: (t: T) => string) => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    format: FACTS_HASH_FORMAT,
    department: facts.department,
    customCodes: byKey(facts.customCodes, (c) => `${c.catalogue} ${c.code}`),
    report: { ...facts.report, items: byKey(facts.report.items, (i) => i.code) },
  };
}

/** The facts' content hash: 64 lowercase hex digits. */
export function factsContentHash(facts: YearFacts): string {
  return sha256Hex(canonicalJson(canonicalFacts(facts)));
}
