/**
 * Semantic figures (语义数字): a year's figures by what they are — 收入总计, 一般公共预算财政拨款
 * 支出 by 类, 机关运行经费 — each with the cells of the template's tables that print it. The
 * narrative, last year's figures and the cross-table rules read figures by name from here; only
 * a template's own figures module (`shanxi/figures.ts`) knows which cell id holds which figure.
 *
 * Where the same figure is printed by two tables (本年收入合计 on 表01 第27行 and on 表02 合计行),
 * each printing has its own name under the table's group (`overview`, `income`, …): the
 * cross-table rules compare them.
 *
 * A figure is read strictly: a name the object lacks is a compile error, a cell id the tables lack
 * throws while the figures are built. Absence is legitimate only where the data decides it, and
 * the name says so: `general.row(code)` (a 科目 row exists only with data) and figures whose
 * `cells` may be empty (机关运行经费 of a unit kind that has none).
 */
import type { ExpenditureKind, FactRef, ThreePublicItem, VehicleType } from '../model';
import type { CellId } from '../tables/types';

/** A figure: its value (分 for money, a whole number for counts) and the cells it is summed from. */
export interface Figure {
  readonly value: number;
  /**
   * The cells whose stored values add up to `value`; empty when the tables print no such figure
   * (value 0), or when the template prints the figure in no table (then `facts` says where it is from).
   */
  readonly cells: readonly CellId[];
  /** A figure the template's tables do not print (上海: 政府采购, 机关运行经费, 国有资产): the typed facts it adds up. */
  readonly facts?: readonly FactRef[];
}

/** The three budgets of 财政拨款 (一般公共预算, 政府性基金预算, 国有资本经营预算). */
export const FUNDS = ['general', 'govFund', 'stateCapital'] as const;
export type Fund = (typeof FUNDS)[number];

/** Income other than 财政拨款, in printed order (上级补助, 事业, 经营, 附属单位上缴, 其他). */
export const OTHER_INCOME_SOURCES = ['superior', 'business', 'operating', 'affiliated', 'other'] as const;
export type OtherIncomeSource = (typeof OTHER_INCOME_SOURCES)[number];
/** Income by source as 收入决算表 prints it: 财政拨款 as one figure, then the others. */
export type IncomeSource = 'fiscal' | OtherIncomeSource;

export type ThreePublicColumn = ThreePublicItem | 'total' | 'vehicleTotal';

/** A row of 一般公共预算财政拨款支出决算表: a 类, 款 or 项 with spending. */
export interface GeneralRow {
  code: string;
  /** The 科目名称 the table prints. */
  name: string;
  level: 1 | 2 | 3;
  /** 合计 (小计), 基本支出, 项目支出. */
  subtotal: Figure;
  basic: Figure;
  project: Figure;
}

export interface SemanticFigures {
  /** 收入支出决算总表: the department's whole income and spending. */
  overview: {
    /** 收入总计 (本年收入合计 + 使用非财政拨款结余 + 年初结转和结余). */
    incomeTotal: Figure;
    /** 支出总计 (本年支出合计 + 结余分配 + 年末结转和结余). */
    expenditureTotal: Figure;
    /** 本年收入合计. */
    incomeSum: Figure;
    /** 本年支出合计. */
    expenditureSum: Figure;
    /** 财政拨款收入 by fund. */
    fiscalIncome: Record<Fund, Figure>;
    /** Income other than 财政拨款, by source. */
    otherIncome: Record<OtherIncomeSource, Figure>;
    /** 本年支出 by 支出功能分类 类 (the fixed 类 lines), keyed by 类 code. */
    expenditureByClass: ReadonlyMap<string, Figure>;
  };
  /** 收入决算表 合计行: 本年收入合计 and income by source. */
  income: Record<'total' | IncomeSource, Figure>;
  /** 支出决算表 合计行: 本年支出合计 and spending by kind (基本, 项目, 上缴上级, 经营, 对附属单位补助). */
  expenditure: Record<'total' | ExpenditureKind, Figure>;
  /** 财政拨款收入支出决算总表. */
  fiscal: {
    /** 财政拨款收入总计 (本年收入 + 年初结转和结余). */
    incomeTotal: Figure;
    /** 财政拨款支出总计 (本年支出 + 年末结转和结余). */
    expenditureTotal: Figure;
    /** 本年收入合计 (all funds). */
    incomeSum: Figure;
    /** 本年收入 by fund. */
    income: Record<Fund, Figure>;
    /** 年初财政拨款结转和结余 by fund. */
    opening: Record<Fund, Figure>;
    /** 本年支出 by fund and 类 (keyed by 类 code). */
    expenditureByClass: Record<Fund, ReadonlyMap<string, Figure>>;
    /** 本年支出合计 by fund. */
    expenditureSum: Record<Fund, Figure>;
    /** 年末财政拨款结转和结余 by fund. */
    closing: Record<Fund, Figure>;
    /** 支出总计 by fund. */
    expenditureTotalByFund: Record<Fund, Figure>;
  };
  /** 一般公共预算财政拨款支出决算表. */
  general: {
    /** 合计 row: 一般公共预算财政拨款支出, its 基本支出 and 项目支出. */
    total: Omit<GeneralRow, 'code' | 'name' | 'level'>;
    /** Every row with spending, in printed order (类, its 款, their 项). */
    rows: readonly GeneralRow[];
    /** The row of a 科目 code; undefined when the table has none (no such spending that year). */
    row(code: string): GeneralRow | undefined;
  };
  /** 一般公共预算财政拨款基本支出 by 部门预算支出经济分类. */
  economic: {
    /** 人员经费合计. */
    personnelTotal: Figure;
    /** 公用经费合计. */
    publicTotal: Figure;
    /** A 类 or 款 the table lists; throws for a code it does not list. */
    code(code: string): Figure;
    /** A 类 or 款 that may be absent (a code of another edition) or not apply (`——`): undefined then. */
    codeIfPrinted(code: string): Figure | undefined;
  };
  /** 政府性基金预算财政拨款 合计. */
  govFund: { opening: Figure; income: Figure; spending: Figure; closing: Figure };
  /** 国有资本经营预算财政拨款支出 合计. */
  stateCapital: { expenditure: Figure };
  /** 财政拨款“三公”经费: 预算数 and 决算数. */
  threePublic: Record<'budget' | 'actual', Record<ThreePublicColumn, Figure>>;
  /** 政府采购支出: 合计, 货物, 工程, 服务. */
  procurement: { total: Figure; goods: Figure; works: Figure; services: Figure };
  /** 机关运行经费 (cells empty for a unit kind that has none). */
  operatingCost: Figure;
  /** 车辆数: 合计 and by type. */
  vehicles: { total: Figure; byType: Record<VehicleType, Figure> };
  /** 单价100万元（含）以上设备（不含车辆）, 台（套）. */
  equipment: Figure;
}

/** The one cell a figure is printed in; a figure summed from several cells (or none) throws. */
export function figureCell(figure: Figure): CellId {
  const [only, ...rest] = figure.cells;
  if (only === undefined || rest.length > 0) throw new Error(`该数字不是单个单元格：${figure.cells.join('、') || '（无）'}`);
  return only;
}

/** A figure by key of a keyed family (a 类 line); a key the family lacks is a programming error. */
export function figureAt(family: ReadonlyMap<string, Figure>, key: string): Figure {
  const figure = family.get(key);
  if (!figure) throw new Error(`没有数字：${key}`);
  return figure;
}
