/**
 * The content hash of a year: SHA-256 of the canonical JSON of everything typed into its Report
 * (amounts, counts, budgets, last year's figures, texts, settings, edition). Exports record it
 * and show it, so an officer can tell whether a document still matches the file: the same facts
 * give the same hash on every machine, whatever order they were typed or stored in.
 *
 * What does not change a document does not change the hash: a 项 row with no figure (it prints
 * nowhere), an empty text field, an economic 款 of 0. What is typed as 0 where 0 differs from
 * "not typed" (a budget, a last-year figure, a count) does change it.
 *
 * Not covered: the department (name, 单位性质, 下属单位) and custom code names live outside the
 * Report; they are file-wide, not per year.
 */
import {
  COUNT_FIELDS,
  FISCAL_CARRY_FIELDS,
  getItemField,
  ITEM_FIELDS,
  itemHasData,
  type Report,
  STATS_MONEY_FIELDS,
  STATS_MONEY_FIELDS_SHANGHAI,
  STATE_CAPITAL_CARRY,
  SUMMARY_FIELDS,
  THREE_PUBLIC_ITEMS,
  VEHICLE_TYPES,
} from './model';
import { sha256OfText } from './sha256';
import { DEFAULT_TEMPLATE } from './templates/ids';

/** Bumped when what the hash covers changes, so old and new hashes never look alike. */
export const FACTS_HASH_VERSION = 1;

export type Canonical = null | boolean | number | string | readonly Canonical[] | { readonly [key: string]: Canonical };

/** JSON with object keys in code-point order and no whitespace; integers only (facts are 分 or counts). */
export function canonicalJson(value: Canonical): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonicalJson: not an integer: ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as { readonly [key: string]: Canonical };
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k]!)}`).join(',')}}`;
}

function sortedEntries(map: Readonly<Record<string, number>>, keep: (v: number) => boolean = () => true): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(map).sort()) if (keep(map[key]!)) out[key] = map[key]!;
  return out;
}

function fixed<K extends string>(keys: readonly K[], read: (k: K) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = read(k);
  return out;
}

/**
 * The settings as hashed: the template only when it is not the default 山西, so that every year
 * hashed before templates existed (all of them 山西) keeps its hash.
 */
function hashedSettings(report: Report): Record<string, Canonical> {
  const { template, ...rest } = report.settings;
  return template === DEFAULT_TEMPLATE ? { ...rest } : { ...rest, template };
}

/** The item fields every hash has held, in their order (later ones are hashed only when not zero). */
const FIRST_ITEM_FIELDS = ITEM_FIELDS.filter((f) => !(STATE_CAPITAL_CARRY as readonly string[]).includes(f));

/** The typed facts of a report as one canonical value (see the module comment for what counts). */
export function canonicalFacts(report: Report): Canonical {
  const items: Record<string, Canonical> = {};
  for (const item of [...report.items].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (!itemHasData(item)) continue;
    // 国有资本经营 carry-overs by 项 were added later: hashed only when typed, so earlier years keep their hash.
    items[item.code] = {
      ...fixed(FIRST_ITEM_FIELDS, (f) => getItemField(item, f)),
      ...sortedEntries(fixed(STATE_CAPITAL_CARRY, (f) => item[f]), (v) => v !== 0),
    };
  }
  const texts: Record<string, string> = {};
  for (const key of Object.keys(report.texts).sort()) if (report.texts[key] !== '') texts[key] = report.texts[key]!;
  const counts: Record<string, number> = {};
  for (const f of COUNT_FIELDS) if (report.stats.counts[f] !== undefined) counts[f] = report.stats.counts[f]!;
  return {
    version: FACTS_HASH_VERSION,
    year: report.year,
    edition: report.edition,
    settings: hashedSettings(report),
    items,
    economic: sortedEntries(report.economic, (v) => v !== 0),
    summary: fixed(SUMMARY_FIELDS, (f) => report.summary[f]),
    fiscalCarry: fixed(FISCAL_CARRY_FIELDS, (f) => report.fiscalCarry[f]),
    threePublic: {
      budget: fixed(THREE_PUBLIC_ITEMS, (i) => report.threePublic.budget[i]),
      actual: fixed(THREE_PUBLIC_ITEMS, (i) => report.threePublic.actual[i]),
    },
    stats: {
      ...fixed(
        STATS_MONEY_FIELDS.filter((f) => !STATS_MONEY_FIELDS_SHANGHAI.includes(f)),
        (f) => report.stats[f],
      ),
      // Added later: hashed only when typed (not zero), so earlier years keep their hash.
      ...sortedEntries(fixed(STATS_MONEY_FIELDS_SHANGHAI, (f) => report.stats[f]), (v) => v !== 0),
      counts,
      operatingCostOverride: report.stats.operatingCostOverride,
      vehicles: fixed(VEHICLE_TYPES, (t) => report.stats.vehicles[t]),
      equipmentCount: report.stats.equipmentCount,
    },
    initialBudget: sortedEntries(report.initialBudget),
    adjustedBudget: sortedEntries(report.adjustedBudget),
    prior: sortedEntries(report.prior),
    texts,
  };
}

/** SHA-256 (64 hex digits) of the canonical JSON of a year's typed facts. */
export function factsHash(report: Report): string {
  return sha256OfText(canonicalJson(canonicalFacts(report)));
}

/** A hash as people read it aloud or compare by eye: `3f2a 9c41 …` (groups of four, first 16 digits). */
export function shortHash(hash: string): string {
  return hash.slice(0, 16).replace(/(.{4})(?=.)/gu, '$1 ');
}

/** The keywords that carry the content hash in the properties of every exported file (Word, Excel, PDF). */
export const factsHashKeywords = (hash: string): string => `内容校验码 sha256:${hash}`;
