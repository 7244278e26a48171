/**
 * 表06 一般公共预算财政拨款基本支出决算明细表: its layout (which 经济分类 类 and 款 it prints,
 * read from the cells), `eco` (the cell of a code), and its rules: 类 = Σ 款, 人员经费合计,
 * 公用经费合计.
 */
import { tableIn, type Cell, type CellId, type DerivedTable } from '../../../tables/types';
import { getCell, sumCheck } from '../../../checks/printed';
import type { Finding, Rule } from '../../../checks/types';
import { agrees, rule } from '../../../checks/rules/common';

interface Table06Layout {
  /** 类 code → its 款 codes (non-`——` cells only). */
  sections: Map<string, string[]>;
  personnelClasses: string[];
  publicClasses: string[];
}

const layoutCache = new WeakMap<DerivedTable, Table06Layout>();

/** Reads table 06's layout from its cells: group 1 is 人员经费, groups 2–4 公用经费. */
function table06Layout(table: DerivedTable): Table06Layout {
  const cached = layoutCache.get(table);
  if (cached) return cached;
  const sections = new Map<string, string[]>();
  const personnelClasses: string[] = [];
  const publicClasses: string[] = [];
  const codeOf = (cell: Cell): string | null => {
    const id = cell.id;
    if (!id || cell.kind === 'na' || !id.startsWith('06.') || !id.endsWith('.amount')) return null;
    const code = id.slice(3, -7);
    return (code.length === 3 || code.length === 5) && /^\d+$/.test(code) ? code : null;
  };
  for (const row of table.rows) {
    row.cells.forEach((cell, col) => {
      const code = codeOf(cell);
      if (code === null) return;
      if (code.length === 3) {
        (col < 3 ? personnelClasses : publicClasses).push(code);
        if (!sections.has(code)) sections.set(code, []);
        return;
      }
      let list = sections.get(code.slice(0, 3));
      if (!list) sections.set(code.slice(0, 3), (list = []));
      list.push(code);
    });
  }
  personnelClasses.sort();
  publicClasses.sort();
  const layout = { sections, personnelClasses, publicClasses };
  layoutCache.set(table, layout);
  return layout;
}

/** The table-06 cell of an economic classification code. */
export const eco = (code: string): CellId => `06.${code}.amount`;

// 表06 一般公共预算财政拨款基本支出决算明细表
export const TABLE06_RULES: Rule[] = [
  rule('T06-CLASS', '错误', '表06 经济分类类级汇总', '表06 每个经济分类类（301、302、303、307、310、312、313、399 等）= 所属各款之和；印“——”的类（309、311）不参与。', (ctx, m) => {
    const layout = table06Layout(tableIn(ctx.tables, '06'));
    const out: Finding[] = [];
    for (const code of [...layout.personnelClasses, ...layout.publicClasses]) {
      const sections = layout.sections.get(code) ?? [];
      const total = getCell(ctx, eco(code));
      if (agrees(total, sections.map((s) => getCell(ctx, eco(s))))) continue;
      out.push(...sumCheck(ctx, eco(code), sections.map(eco), m, { rightLabel: `${code} 下各款之和` }));
    }
    return out;
  }),
  rule('T06-PERSONNEL-TOTAL', '错误', '表06 人员经费合计', '表06 人员经费合计 = 人员经费各类之和（301 工资福利支出 + 303 对个人和家庭的补助）。', (ctx, m) => {
    const layout = table06Layout(tableIn(ctx.tables, '06'));
    return sumCheck(ctx, '06.personnelTotal.amount', layout.personnelClasses.map(eco), m);
  }),
  rule('T06-PUBLIC-TOTAL', '错误', '表06 公用经费合计', '表06 公用经费合计 = 公用经费各类之和（302 + 307 + 310 + 312 + 313 + 399；309、311 印“——”不参与）。', (ctx, m) => {
    const layout = table06Layout(tableIn(ctx.tables, '06'));
    return sumCheck(ctx, '06.publicTotal.amount', layout.publicClasses.map(eco), m);
  }),
];
