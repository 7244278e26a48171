/**
 * 上海's nine tables (部门决算表, SPEC §8): number, title, orientation, the 编制部门 and unit
 * lines, and what an empty table prints. The builders in `tables/shanghai.ts` lay out each
 * table's body; `tables/frame.ts` prints this frame around it.
 */
import type { TemplateTable } from '../types';
import { NEGATIVE_ALLOWED as SHANXI_NEGATIVE_ALLOWED } from '../shanxi/tables';

export const SHANGHAI_TABLE_IDS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'] as const;
export type ShanghaiTableId = (typeof SHANGHAI_TABLE_IDS)[number];

const TITLES: Record<ShanghaiTableId, string> = {
  S1: '收入支出决算总表',
  S2: '收入决算表',
  S3: '支出决算表',
  S4: '财政拨款收入支出决算总表',
  S5: '一般公共预算财政拨款支出决算表',
  S6: '一般公共预算财政拨款基本支出决算表',
  S7: '财政拨款“三公”经费支出决算表',
  S8: '政府性基金预算财政拨款收入支出决算表',
  S9: '国有资本经营预算财政拨款收入支出决算表',
};

const LANDSCAPE: ReadonlySet<string> = new Set<ShanghaiTableId>(['S2', 'S3', 'S4', 'S8', 'S9']);

/** An empty table keeps its frame and says why (`{部门}` is the department's name). */
const EMPTY_NOTES: Partial<Record<ShanghaiTableId, string>> = {
  S7: '注：{部门}无财政拨款“三公”经费支出，故本表无数据。',
  S8: '注：{部门}无政府性基金预算财政拨款支出，故本表无数据。',
  S9: '注：{部门}无国有资本经营预算财政拨款支出，故本表无数据。',
};

/** 表1 and 表4 keep 山西's line keys; 表8 and 表9 carry balances by 项. */
const NEGATIVE_ALLOWED: Partial<Record<ShanghaiTableId, NonNullable<TemplateTable['negativeAllowed']>>> = {
  S1: SHANXI_NEGATIVE_ALLOWED['01']!,
  S4: SHANXI_NEGATIVE_ALLOWED['04']!,
  S8: { columns: ['opening', 'closing'] },
  S9: { columns: ['opening', 'closing'] },
};

function table(id: ShanghaiTableId, k: number): TemplateTable {
  const spec: TemplateTable = {
    id,
    code: `表${k + 1}`,
    title: TITLES[id],
    landscape: LANDSCAPE.has(id),
    orgLabel: '编制部门',
    unitLine: '单位：万元',
    note: () => '',
  };
  const negativeAllowed = NEGATIVE_ALLOWED[id];
  if (negativeAllowed) spec.negativeAllowed = negativeAllowed;
  // 表6 prints every figure of its two lists, 0.00 where there is none.
  if (id === 'S6') spec.zeroText = '0.00';
  const empty = EMPTY_NOTES[id];
  return empty ? { ...spec, emptyNote: empty } : spec;
}

/** The nine tables in printed order. */
export const SHANGHAI_TABLES: readonly TemplateTable[] = SHANGHAI_TABLE_IDS.map(table);
