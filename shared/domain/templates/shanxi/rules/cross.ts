/**
 * Rules between tables (`X-…`): 01 with 02, 03 and 04; 02 with 04; the 类 lines of 01/04 with
 * the 科目 tables; 04 with 07/08 (carry-overs, 说明：本表无数据); 05 with 06; fiscal spending
 * within 03; 09 with 06 and its budget; 10 with 06.
 */
import { TABLE01_CLASSES } from '../../../catalogue';
import { THREE_PUBLIC_ITEMS } from '../../../model';
import { tableIn, type CellId, type DerivedTable, type TableId } from '../../../tables/types';
import {
  CellNamer,
  cellUnits,
  compareTerms,
  equalCheck,
  exactValue,
  finding,
  formatPrinted,
  printedUnits,
  rowIndex,
  type RuleMeta,
  sumCheck,
} from '../../../checks/printed';
import type { CheckContext, Finding, Rule } from '../../../checks/types';
import { figureAt, figureCell as at, type Figure, FUNDS, type Fund, OTHER_INCOME_SOURCES, type SemanticFigures } from '../../figures';
import { figuresOf } from '../../figuresOf';
import { columnIndex, FIRST_VALUE_COLUMN, rule, type Run } from '../../../checks/rules/common';
import { economicTerms, operatingCostLine, operatingCostTerms } from './tables0910';

/** Non-zero typed figures behind table 05's 基本支出 合计 and table 06's two 合计 (their rounding envelope). */
function basicLeafCount(ctx: CheckContext): number {
  const t05 = tableIn(ctx.tables, '05');
  const basic = columnIndex(t05, 'basic');
  let n = 0;
  for (const row of t05.rows) if (row.level === 3 && (row.cells[basic]?.value ?? 0) !== 0) n++;
  for (const row of tableIn(ctx.tables, '06').rows) for (const cell of row.cells) if (cell.kind === 'input' && (cell.value ?? 0) !== 0) n++;
  return n;
}

// 类 lines of tables 01/04 against the 科目 tables.

const CLASS_SET: ReadonlySet<string> = new Set(TABLE01_CLASSES);

/** 类 rows of a 科目 table that have no line on tables 01/04 (they could not be printed there). */
function unprintedClasses(ctx: CheckContext, meta: RuleMeta, tid: TableId, column: string, target: '01' | '04'): Finding[] {
  const out: Finding[] = [];
  for (const row of tableIn(ctx.tables, tid).rows) {
    if (row.level !== 1 || CLASS_SET.has(row.key)) continue;
    const id = `${tid}.${row.key}.${column}`;
    const namer = new CellNamer(ctx);
    out.push(
      finding(
        meta,
        `${namer.name(id)} ${formatPrinted(printedUnits(ctx, id), false)}：类 ${row.key} 不在表${target}所列的26个类中，表${target}无法列示这笔支出`,
        [id],
        tid,
      ),
    );
  }
  return out;
}

/** 表NN 的 类 rows = the 类 lines of table 01/04, and no other 类. */
function classLines(tid: TableId, column: string, target: '01' | '04', lines: (f: SemanticFigures) => ReadonlyMap<string, Figure>): Run {
  return (ctx, meta) => {
    const out: Finding[] = [];
    const byClass = lines(figuresOf(ctx.tables));
    for (const code of TABLE01_CLASSES) {
      out.push(...equalCheck(ctx, at(figureAt(byClass, code)), `${tid}.${code}.${column}`, meta));
    }
    out.push(...unprintedClasses(ctx, meta, tid, column, target));
    return out;
  };
}

// Tables 07/08 and their 说明：本表无数据.

/** A fund's 本年支出 on table 04: its 类 lines and their 合计. */
function fundColumn(f: SemanticFigures['fiscal'], fund: Fund): CellId[] {
  return [...TABLE01_CLASSES.map((code) => at(figureAt(f.expenditureByClass[fund], code))), at(f.expenditureSum[fund])];
}

function nonZeroCells(ctx: CheckContext, ids: readonly CellId[]): CellId[] {
  return ids.filter((id) => exactValue(ctx, id) !== 0);
}

function tableHasData(table: DerivedTable): boolean {
  if (table.rows.some((r) => r.kind !== 'total')) return true;
  return table.rows.some((r) => r.cells.some((c) => (c.value ?? 0) !== 0));
}

function emptyNoteRule(tid: '07' | '08', fundCells: (ctx: CheckContext) => CellId[]): Run {
  return (ctx, meta) => {
    const table = tableIn(ctx.tables, tid);
    const withFigures = nonZeroCells(ctx, fundCells(ctx));
    const hasData = tableHasData(table);
    const noted = table.emptyNote !== undefined && table.emptyNote !== '';
    const fund = tid === '07' ? '政府性基金预算财政拨款' : '国有资本经营预算财政拨款';
    const totalCells = table.columns.slice(FIRST_VALUE_COLUMN).map((c) => `${tid}.total.${c.key}`);
    if (noted && hasData) {
      return [finding(meta, `表${tid} 列有数据，却印有“${table.emptyNote}”`, nonZeroCells(ctx, totalCells), tid)];
    }
    if (noted && withFigures.length > 0) {
      const namer = new CellNamer(ctx);
      const list = withFigures.slice(0, 3).map((id) => `${namer.name(id)} ${formatPrinted(printedUnits(ctx, id), false)}`);
      return [
        finding(meta, `表04 有${fund}数据（${list.join('，')}${withFigures.length > 3 ? '等' : ''}），表${tid} 却印“${table.emptyNote}”`, withFigures, tid),
      ];
    }
    if (!noted && !hasData && withFigures.length === 0) {
      return [finding(meta, `表04 没有${fund}数据，表${tid} 应印“说明：本表无数据”`, [], tid)];
    }
    return [];
  };
}

export const CROSS_RULES: Rule[] = [
  rule('X-01-02-INCOME', '错误', '表01与表02 本年收入合计', '表01 第27行“本年收入合计” = 表02 合计行 第1栏“本年收入合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.overview.incomeSum), at(f.income.total), m);
  }),
  rule('X-01-02-SOURCE', '错误', '表01与表02 各项收入', '表01 第4至8行（上级补助、事业、经营、附属单位上缴、其他收入）= 表02 合计行 第3至7栏；表01 第1至3行之和 = 表02 合计行 第2栏“财政拨款收入”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return [
      ...sumCheck(ctx, at(f.income.fiscal), FUNDS.map((fund) => at(f.overview.fiscalIncome[fund])), m),
      ...OTHER_INCOME_SOURCES.flatMap((source) => equalCheck(ctx, at(f.overview.otherIncome[source]), at(f.income[source]), m)),
    ];
  }),
  rule('X-01-04-FISCAL', '错误', '表01与表04 财政拨款收入', '表01 第1、2、3行（三项财政拨款收入）= 表04 第1、2、3行。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return FUNDS.flatMap((fund) => equalCheck(ctx, at(f.overview.fiscalIncome[fund]), at(f.fiscal.income[fund]), m));
  }),
  rule('X-01-03-EXP', '错误', '表01与表03 本年支出合计', '表01 第58行“本年支出合计” = 表03 合计行 第1栏“本年支出合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.overview.expenditureSum), at(f.expenditure.total), m);
  }),
  rule(
    'X-01-03-CLASS',
    '错误',
    '表01与表03 分类支出',
    '表01 第32至57行每个类 = 表03 同一类行的“本年支出合计”；表03 列有表01 26个类以外的类（表01无法列示）也是错误。',
    classLines('03', 'total', '01', (f) => f.overview.expenditureByClass),
  ),
  rule('X-02-04-FISCAL', '错误', '表02与表04 财政拨款收入', '表02 合计行 第2栏“财政拨款收入” = 表04 第27行“本年收入合计”。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return equalCheck(ctx, at(f.income.fiscal), at(f.fiscal.incomeSum), m);
  }),
  rule(
    'X-04-05-CLASS',
    '错误',
    '表04与表05 一般公共预算财政拨款支出',
    '表04 第33至58行第3栏（一般公共预算财政拨款）每个类 = 表05 同一类行的“小计”；表05 不得列有26个类以外的类。',
    classLines('05', 'subtotal', '04', (f) => f.fiscal.expenditureByClass.general),
  ),
  rule(
    'X-04-07-CLASS',
    '错误',
    '表04与表07 政府性基金预算财政拨款支出',
    '表04 第33至58行第4栏（政府性基金预算财政拨款）每个类 = 表07 同一类行的“本年支出小计”；表07 不得列有26个类以外的类。',
    classLines('07', 'subtotal', '04', (f) => f.fiscal.expenditureByClass.govFund),
  ),
  rule(
    'X-04-08-CLASS',
    '错误',
    '表04与表08 国有资本经营预算财政拨款支出',
    '表04 第33至58行第5栏（国有资本经营预算财政拨款）每个类 = 表08 同一类行的“合计”；表08 不得列有26个类以外的类。',
    classLines('08', 'total', '04', (f) => f.fiscal.expenditureByClass.stateCapital),
  ),
  rule('X-04-07-CARRY', '错误', '表04与表07 政府性基金结转和结余', '表04 第30行“年初 政府性基金预算财政拨款” = 表07 合计行 年初结转和结余；表04 第60行第4栏 = 表07 合计行 年末结转和结余。', (ctx, m) => {
    const f = figuresOf(ctx.tables);
    return [...equalCheck(ctx, at(f.fiscal.opening.govFund), at(f.govFund.opening), m), ...equalCheck(ctx, at(f.fiscal.closing.govFund), at(f.govFund.closing), m)];
  }),
  rule(
    'X-04-07-EMPTY',
    '错误',
    '表07 无数据说明',
    '表04 没有政府性基金预算财政拨款数据（第2、30行，第4栏）⇔ 表07 印“说明：本表无数据”；表07 有数据时不得印此说明。',
    emptyNoteRule('07', (ctx) => {
      const f = figuresOf(ctx.tables).fiscal;
      return [at(f.income.govFund), at(f.opening.govFund), ...fundColumn(f, 'govFund'), at(f.closing.govFund), at(f.expenditureTotalByFund.govFund)];
    }),
  ),
  rule(
    'X-04-08-EMPTY',
    '错误',
    '表08 无数据说明',
    '表04 没有国有资本经营预算财政拨款支出（第5栏 第33至59行）⇔ 表08 印“说明：本表无数据”；表08 有数据时不得印此说明。（只有收入或结转而无支出时表08 仍为空表。）',
    emptyNoteRule('08', (ctx) => fundColumn(figuresOf(ctx.tables).fiscal, 'stateCapital')),
  ),
  rule(
    'X-05-06-BASIC',
    '错误',
    '表05与表06 基本支出',
    '表05 合计行 第2栏“基本支出” = 表06 人员经费合计 + 公用经费合计。表06 的经济分类数是另行录入的，可能不一致；两边都由许多录入数相加（照印出的万元数录入时各有尾数），尾数误差按录入数的个数估计（三倍标准差，不少于0.01万元）。',
    (ctx, m) => {
      const f = figuresOf(ctx.tables);
      return sumCheck(ctx, at(f.general.total.basic), [at(f.economic.personnelTotal), at(f.economic.publicTotal)], m, { envelopeLeaves: basicLeafCount(ctx) });
    },
  ),
  rule(
    'X-03-FISCAL-ITEM',
    '错误',
    '财政拨款支出不超过总支出',
    '每个项：表05、07、08 的基本支出之和 ≤ 表03 基本支出，表05、07、08 的项目支出之和 ≤ 表03 项目支出（财政拨款只是支出的一部分）。',
    (ctx, m) => {
      const fiscalTables = (['05', '07', '08'] as const).map((tid) => {
        const table = tableIn(ctx.tables, tid);
        return { tid, table, rows: rowIndex(table), basic: columnIndex(table, 'basic'), project: columnIndex(table, 'project') };
      });
      const t03 = tableIn(ctx.tables, '03');
      const rows03 = rowIndex(t03);
      const col03 = { basic: columnIndex(t03, 'basic'), project: columnIndex(t03, 'project') };
      const codes = new Set<string>();
      for (const t of fiscalTables) for (const row of t.table.rows) if (row.kind !== 'total' && row.key.length === 7) codes.add(row.key);
      const out: Finding[] = [];
      for (const code of [...codes].sort()) {
        for (const kind of ['basic', 'project'] as const) {
          // Fast path: within the total, printed and stored.
          let printed = 0;
          let exact = 0;
          const present: CellId[] = [];
          for (const t of fiscalTables) {
            const cell = t.rows.get(code)?.cells[t[kind]];
            if (!cell) continue;
            present.push(`${t.tid}.${code}.${kind}`);
            printed += cellUnits(cell);
            exact += cell.value ?? 0;
          }
          const total = rows03.get(code)?.cells[col03[kind]];
          if (printed <= cellUnits(total) && exact <= (total?.value ?? 0)) continue;
          out.push(...compareTerms(ctx, m, [{ id: `03.${code}.${kind}` }], present.map((id) => ({ id })), { relation: 'ge' }));
        }
      }
      return out;
    },
  ),
  rule(
    'X-09-06-THREE',
    '错误',
    '三公经费不低于基本支出中的对应科目',
    '表09 决算数各项不得低于表06 对应经济分类：因公出国（境）费 ≥ 30212，公务用车运行维护费 ≥ 30231，公务接待费 ≥ 30217，公务用车购置费 ≥ 31013 + 30913（表06 中印“——”的不计）。三公经费还包括项目支出和以前年度结转，所以可以更高。决算数为空时由 R-THREE-PUBLIC-MISSING 报告。',
    (ctx, m) =>
      THREE_PUBLIC_ITEMS.flatMap((item) => {
        const id = at(figuresOf(ctx.tables).threePublic.actual[item]);
        const terms = economicTerms(ctx, item);
        if (terms.length === 0 || printedUnits(ctx, id) === 0) return [];
        return compareTerms(ctx, m, [{ id }], terms, { relation: 'ge' });
      }),
  ),
  rule('X-09-BUDGET', '警告', '三公经费决算超预算', '表09 每项“三公”经费决算数不应超过预算数（第8、10、11、12栏 ≤ 第2、4、5、6栏）；超出需在情况说明中解释。', (ctx, m) => {
    const { budget, actual } = figuresOf(ctx.tables).threePublic;
    return THREE_PUBLIC_ITEMS.flatMap((item) => compareTerms(ctx, m, [{ id: at(actual[item]) }], [{ id: at(budget[item]) }], { relation: 'le' }));
  }),
  rule(
    'X-10-06-OPCOST',
    '警告',
    '机关运行经费与公用经费',
    '行政单位、参公事业单位：表10 机关运行经费（第5行或第6行）= 表06 公用经费合计。手工改写机关运行经费后不一致时提醒核对。为空时由 R-OPCOST-MISSING 报告。',
    (ctx, m) => {
      if (operatingCostLine(ctx) === null) return [];
      const terms = operatingCostTerms(ctx);
      if (terms.length === 0 || terms.every((t) => printedUnits(ctx, t.id) === 0)) return [];
      return compareTerms(ctx, m, terms, [{ id: at(figuresOf(ctx.tables).economic.publicTotal) }]);
    },
  ),
];
