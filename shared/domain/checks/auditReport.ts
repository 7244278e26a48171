/**
 * 审核报告: the findings of 勾稽审核 for a year as rows a reviewer at the 财政局 reads — rule,
 * severity, the tables and cells involved (described as the tables print them), both figures
 * and their difference — for the PDF and Excel 审核报告. Pure: figures are the findings' own
 * printed values, never recomputed.
 */
import { formatUnits, FEN_PER_PRINTED_UNIT } from '../money';
import type { Section } from '../narrative/types';
import { cellById, type CellId, type TableId, tableIn } from '../tables/types';
import { TABLE_ORDER } from '../templates/tableSpecs';
import { describeCell, tableOf } from './printed';
import type { CheckContext, Finding, Severity } from './types';

export interface AuditFigure {
  /** As printed: `2,384.38` (万元) or `3` (a count). */
  text: string;
  /** The number itself: 万元 with two decimals, or a count. */
  value: number;
}

export interface AuditRow {
  /** 1-based, in the findings' order (错误 first). */
  index: number;
  severity: Severity;
  ruleId: string;
  title: string;
  message: string;
  /** `公开01表、公开03表`, `情况说明 五、…`, or '' for a report-wide rule. */
  where: string;
  /** Each cell involved, as the tables name it: `表03 208 社会保障和就业支出 本年支出合计`. */
  cells: string[];
  /** `万元`, `个` (counts), or '' when the finding compares no figures. */
  unit: '万元' | '个' | '';
  left: AuditFigure | null;
  right: AuditFigure | null;
  difference: AuditFigure | null;
}

export interface AuditReport {
  department: string;
  year: number;
  /** `晋城市商务局2023年度部门决算公开 审核报告` */
  title: string;
  counts: Record<Severity, number>;
  rows: AuditRow[];
}

function isCountCell(ctx: CheckContext, id: CellId): boolean {
  try {
    return cellById(tableIn(ctx.tables, tableOf(id)), id)?.valueType === 'count';
  } catch {
    return false;
  }
}

function figure(value: number | undefined, count: boolean): AuditFigure | null {
  if (value === undefined) return null;
  if (count) return { text: String(value), value };
  const units = Math.round(value / FEN_PER_PRINTED_UNIT);
  return { text: formatUnits(units, { grouping: true }), value: units / 100 };
}

function tablesOf(f: Finding): TableId[] {
  const found = new Set<TableId>(f.table ? [f.table] : []);
  for (const id of f.cells) {
    try {
      found.add(tableOf(id));
    } catch {
      // Not a table cell.
    }
  }
  return [...found].sort((a, b) => (TABLE_ORDER.get(a) ?? 0) - (TABLE_ORDER.get(b) ?? 0));
}

function whereOf(f: Finding, narrative: readonly Section[]): string {
  const tables = tablesOf(f);
  if (tables.length > 0) return tables.map((t) => `公开${t}表`).join('、');
  if (f.section) {
    const title = narrative.find((s) => s.id === f.section)?.title;
    return `情况说明 ${title ?? f.section}`;
  }
  return '';
}

function describe(ctx: CheckContext, id: CellId): string {
  try {
    return `表${tableOf(id)} ${describeCell(ctx, id)}`;
  } catch {
    return id;
  }
}

/** The 审核报告 of a year: `findings` as runChecks returned them (sorted), for `title`. */
export function auditReport(ctx: CheckContext, findings: readonly Finding[], packageTitle: string): AuditReport {
  const narrative = ctx.narrative ?? [];
  const count = (severity: Severity) => findings.filter((f) => f.severity === severity).length;
  const rows = findings.map((f, k): AuditRow => {
    const counted = f.cells.some((id) => isCountCell(ctx, id));
    const compares = f.left !== undefined || f.right !== undefined;
    return {
      index: k + 1,
      severity: f.severity,
      ruleId: f.ruleId,
      title: f.title,
      message: f.message,
      where: whereOf(f, narrative),
      cells: f.cells.map((id) => describe(ctx, id)),
      unit: compares ? (counted ? '个' : '万元') : '',
      left: figure(f.left, counted),
      right: figure(f.right, counted),
      difference: figure(f.difference, counted),
    };
  });
  return { department: ctx.department.name, year: ctx.report.year, title: `${packageTitle} 审核报告`, counts: { 错误: count('错误'), 警告: count('警告'), 提示: count('提示') }, rows };
}
