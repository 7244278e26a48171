/**
 * Every template's table frames by table id (ids are unique across templates): what the table
 * builders print around a body. A low-layer data module (the registry in `index.ts` is for the
 * layers above).
 */
import { SHANGHAI_TABLES } from './shanghai/tables';
import { SHANXI_TABLES } from './shanxi/tables';
import type { TemplateTable } from './types';

const SPECS: ReadonlyMap<string, TemplateTable> = new Map([...SHANXI_TABLES, ...SHANGHAI_TABLES].map((t) => [t.id, t]));

/** The frame of a table id; an id of no template is a programming error and throws. */
export function tableSpec(id: string): TemplateTable {
  const spec = SPECS.get(id);
  if (!spec) throw new Error(`没有表${id}`);
  return spec;
}

/** The printed name of a table: `公开03表 支出决算表`, `表5 一般公共预算财政拨款支出决算表`. */
export function tableName(id: string): string {
  const spec = tableSpec(id);
  return `${spec.code} ${spec.title}`;
}

/** How messages name a table: `表03` (山西's 公开03表), `表5` (上海). */
export function tableShortName(id: string): string {
  return tableSpec(id).code.replace(/^公开(\d\d)表$/u, '表$1');
}

/** Every template's table ids in printed order (山西's, then 上海's): the order findings are listed in. */
export const TABLE_ORDER: ReadonlyMap<string, number> = new Map([...SPECS.keys()].map((id, k) => [id, k]));

const NUMBERS: ReadonlyMap<string, number> = new Map([SHANXI_TABLES, SHANGHAI_TABLES].flatMap((tables) => tables.map((t, k) => [t.id, k + 1] as const)));

/** A table's place in its template's printed order, from 1 (山西 公开06表 → 6, 上海 表6 → 6): headings print it as 六、. */
export function tableNumber(id: string): number {
  const n = NUMBERS.get(id);
  if (n === undefined) throw new Error(`没有表${id}`);
  return n;
}
