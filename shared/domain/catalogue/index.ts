/**
 * Catalogue editions: 支出功能分类 (类/款/项) and 部门预算支出经济分类 (类/款), per year,
 * plus the codes a user added to their file.
 */
import type { CustomCode } from '../model';
import { ECONOMIC_CHANGES, ECONOMIC_PERSONNEL_2023, ECONOMIC_PUBLIC_2023 } from './economicData';
import { FUNCTIONAL_2023, FUNCTIONAL_CHANGES } from './functionalData';
import { type CodeList, type EditionChanges, economicLevel, functionalLevel, type FunctionalLevel } from './types';

export * from './types';

/** Editions shipped with the app. */
export const EDITIONS = [2023, 2024, 2025] as const;
const FIRST_EDITION = EDITIONS[0];

/** The edition a report of `year` uses: the latest shipped edition not after it. */
export function editionForYear(year: number): number {
  let chosen: number = FIRST_EDITION;
  for (const e of EDITIONS) if (e <= year) chosen = e;
  return chosen;
}

function insertInOrder(list: CodeList, code: string, name: string): CodeList {
  const out = [...list];
  const at = out.findIndex(([c]) => c > code);
  out.splice(at < 0 ? out.length : at, 0, [code, name]);
  return out;
}

function applyChanges(list: CodeList, changes: EditionChanges | undefined): CodeList {
  if (!changes) return list;
  const renamed = new Map(changes.rename ?? []);
  const removed = new Set([...(changes.remove ?? []), ...(changes.move ?? []).map(([from]) => from)]);
  const out: (readonly [string, string])[] = list
    .filter(([code]) => !removed.has(code))
    .map(([code, name]) => [code, renamed.get(code) ?? name] as const);
  let result: CodeList = out;
  const moved = (changes.move ?? []).map(([, to, name]) => [to, name] as const);
  for (const [code, name] of [...(changes.add ?? []), ...moved]) {
    // A code joins only the list that holds its parent (table 06 keeps two lists).
    const parent = code.length > 3 ? code.slice(0, code.length === 5 ? 3 : 5) : null;
    if (result.some(([c]) => c === code)) continue;
    if (parent !== null && !result.some(([c]) => c === parent)) continue;
    result = insertInOrder(result, code, name);
  }
  return result;
}

function editionList(base: CodeList, changes: Readonly<Record<number, EditionChanges>>, edition: number): CodeList {
  let list = base;
  for (const e of EDITIONS) {
    if (e === FIRST_EDITION || e > edition) continue;
    list = applyChanges(list, changes[e]);
  }
  return list;
}

/**
 * Codes replaced between two editions (`move`): old code → the code that holds the same spending
 * in `toEdition`, following every edition in between. Comparisons of two years match rows by it;
 * a code kept under a new name is not in it (same code, same row).
 */
export function codeMoves(
  fromEdition: number,
  toEdition: number,
  changes: readonly Readonly<Record<number, EditionChanges>>[] = [FUNCTIONAL_CHANGES, ECONOMIC_CHANGES],
): Map<string, string> {
  const map = new Map<string, string>();
  if (toEdition <= fromEdition) return map;
  for (const e of EDITIONS) {
    if (e <= fromEdition || e > toEdition) continue;
    for (const list of changes) {
      for (const [from, to] of list[e]?.move ?? []) {
        for (const [old, now] of map) if (now === from) map.set(old, to);
        if (!map.has(from)) map.set(from, to);
      }
    }
  }
  return map;
}

export interface CatalogueEntry {
  code: string;
  name: string;
  level: FunctionalLevel;
  /** True when the user added it to their file. */
  custom: boolean;
}

/** The 26 类 printed on tables 01 and 04, in printed order. */
export const TABLE01_CLASSES = [
  '201', '202', '203', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214',
  '215', '216', '217', '219', '220', '221', '222', '223', '224', '229', '231', '232', '234',
] as const;

export class Catalogue {
  readonly edition: number;
  private readonly functional = new Map<string, CatalogueEntry>();
  private readonly economic = new Map<string, string>();
  /** Table 06 人员经费 list (301, its 款, 303, its 款). */
  economicPersonnel: CodeList;
  /** Table 06 公用经费 list (302 … 399 with their 款). */
  economicPublic: CodeList;

  constructor(edition: number, custom: readonly CustomCode[] = []) {
    this.edition = edition;
    for (const [code, name] of editionList(FUNCTIONAL_2023, FUNCTIONAL_CHANGES, edition)) {
      const level = functionalLevel(code);
      if (level) this.functional.set(code, { code, name, level, custom: false });
    }
    this.economicPersonnel = editionList(ECONOMIC_PERSONNEL_2023, ECONOMIC_CHANGES, edition);
    this.economicPublic = editionList(ECONOMIC_PUBLIC_2023, ECONOMIC_CHANGES, edition);
    for (const [code, name] of [...this.economicPersonnel, ...this.economicPublic]) this.economic.set(code, name);
    for (const c of custom) {
      if (c.catalogue === 'functional') {
        const level = functionalLevel(c.code);
        if (level && !this.functional.has(c.code)) {
          this.functional.set(c.code, { code: c.code, name: c.name, level, custom: true });
        }
      } else if (economicLevel(c.code) === '款' && !this.economic.has(c.code)) {
        // A custom 款 joins table 06 under its 类, in code order.
        const classCode = c.code.slice(0, 3);
        if (this.economicPersonnel.some(([code]) => code === classCode)) {
          this.economicPersonnel = insertInOrder(this.economicPersonnel, c.code, c.name);
        } else if (this.economicPublic.some(([code]) => code === classCode)) {
          this.economicPublic = insertInOrder(this.economicPublic, c.code, c.name);
        } else continue;
        this.economic.set(c.code, c.name);
      }
    }
  }

  functionalName(code: string): string | undefined {
    return this.functional.get(code)?.name;
  }

  hasFunctional(code: string): boolean {
    return this.functional.has(code);
  }

  economicName(code: string): string | undefined {
    return this.economic.get(code);
  }

  /** Whether an economic 款 has a row in table 06 of this edition. */
  isTable06Code(code: string): boolean {
    return this.economic.has(code);
  }

  /** Every functional entry, in code order. */
  functionalEntries(): CatalogueEntry[] {
    return [...this.functional.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** Search 项 (or any level) by code prefix or name fragment, for the row picker. */
  searchFunctional(query: string, options: { level?: FunctionalLevel; limit?: number } = {}): CatalogueEntry[] {
    const q = query.trim();
    const limit = options.limit ?? 50;
    const out: CatalogueEntry[] = [];
    for (const entry of this.functionalEntries()) {
      if (options.level && entry.level !== options.level) continue;
      if (q && !entry.code.startsWith(q) && !entry.name.includes(q)) continue;
      out.push(entry);
      if (out.length >= limit) break;
    }
    return out;
  }
}

const cache = new Map<number, Catalogue>();

/** A catalogue for an edition; cached when the file has no custom codes. */
export function getCatalogue(edition: number, custom: readonly CustomCode[] = []): Catalogue {
  if (custom.length > 0) return new Catalogue(edition, custom);
  let cat = cache.get(edition);
  if (!cat) {
    cat = new Catalogue(edition);
    cache.set(edition, cat);
  }
  return cat;
}
