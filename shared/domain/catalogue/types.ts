/** 政府收支分类科目 catalogues: shared types. */

/** 支出功能分类 levels: 类 (3 digits) › 款 (5) › 项 (7). */
export type FunctionalLevel = '类' | '款' | '项';
/** 部门预算支出经济分类 levels: 类 (3 digits) › 款 (5). */
export type EconomicLevel = '类' | '款';

/** One edition's code list: [code, name] pairs in code order. */
export type CodeList = readonly (readonly [code: string, name: string])[];

/** Changes of a later edition relative to the one before it. */
export interface EditionChanges {
  add?: CodeList;
  rename?: CodeList;
  remove?: readonly string[];
  /** A code replaced by another (its spending reclassified): [old code, new code, new name]. */
  move?: readonly (readonly [from: string, to: string, name: string])[];
}

export function functionalLevel(code: string): FunctionalLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 3) return '类';
  if (code.length === 5) return '款';
  if (code.length === 7) return '项';
  return null;
}

export function economicLevel(code: string): EconomicLevel | null {
  if (!/^\d+$/.test(code)) return null;
  if (code.length === 3) return '类';
  if (code.length === 5) return '款';
  return null;
}
