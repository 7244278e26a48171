/**
 * The rule engine's vocabulary: a Rule looks at one report (its facts and its ten derived
 * tables) and returns Findings that name the exact cells involved.
 *
 * Pure data and functions: no Node or DOM imports, so the screen, the CLI and the exporters
 * all run the same checks.
 */
import type { Department, Report } from '../model';
import type { Section } from '../narrative/types';
import type { EvaluationSet } from '../selfEvaluation/types';
import type { CellId, DerivedTables, TableId } from '../tables/types';

/**
 * - 错误: the package must not be published like this (an identity fails beyond the rounding
 *   envelope, a figure is missing, a table contradicts another).
 * - 警告: allowed but unusual; the officer should look (决算 above 预算, 机关运行经费 overridden).
 * - 提示: information only, e.g. 尾数误差 — a printed total differs from the sum of its printed
 *   parts within the rounding envelope, as the official tables do.
 */
export type Severity = '错误' | '警告' | '提示';

export const SEVERITIES: readonly Severity[] = ['错误', '警告', '提示'];

export interface Finding {
  /** The rule that produced it (`T01-INCOME-TOTAL`). */
  ruleId: string;
  /** The rule's severity, or 提示 for a difference within the rounding envelope. */
  severity: Severity;
  /** The rule's title (Chinese). */
  title: string;
  /**
   * Concrete Chinese message naming the cells and the printed figures, e.g.
   * `表01 第31行 总计 2,384.38 ≠ 第62行 总计 2,384.37，相差 0.01 万元`.
   */
  message: string;
  /** Every cell involved, both sides of the comparison (may be empty for frame lines). */
  cells: CellId[];
  /**
   * Printed value of the left-hand side, in 分 (a multiple of 10,000: the figure as printed to
   * 0.01 万元). Count checks (vehicles) hold plain counts.
   */
  left?: number;
  /** Printed value of the right-hand side, in 分 (see `left`). */
  right?: number;
  /** left − right in 分 of the printed figures (counts for count checks). */
  difference?: number;
  /** The same difference computed from the stored 分 values, before any rounding. */
  exactDifference?: number;
  /** The table the finding belongs to (the left-hand side's table). */
  table?: TableId;
  /** For 情况说明 findings: the section id (`n1` … `n10`) and, for an unfilled field, its key. */
  section?: string;
  field?: string;
  /**
   * For 附件 findings: the form or 重点评价报告 and the field inside it
   * (`name`, `funds.city.spent`, `indicators.3.score`, `printed.total`, `analysis.problems`).
   */
  attachment?: { kind: 'form' | 'keyReport'; id: string; field: string };
}

/** What every rule sees. */
export interface CheckContext {
  department: Department;
  report: Report;
  tables: DerivedTables;
  /** 第三部分 情况说明 as drafted, when available: the narrative rules (N-…) check it. */
  narrative?: Section[];
  /** 第五部分 附件 of the year (自评表, 重点评价报告): the SE-… rules check it when present. */
  evaluation?: EvaluationSet;
  /** Last year's report in the same file (its tables), when there is one: R-PRIOR-TYPED compares the typed 上年数 with it. */
  lastYear?: { year: number; tables: DerivedTables };
}

export interface Rule {
  /** Stable id: `T01-…` inside table 01, `X-01-03-…` between tables, `R-…` over the report. */
  id: string;
  /** Short Chinese title. */
  title: string;
  /** Severity of a violation beyond the rounding envelope. */
  severity: Severity;
  /** What the rule checks (Chinese). */
  description: string;
  run(ctx: CheckContext): Finding[];
}
