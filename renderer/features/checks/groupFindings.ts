/** The check panel's grouping: by table (in table order, report-wide last), then by severity. */
import { type Finding, SEVERITIES, type Severity } from '../../../shared/domain/checks';
import { tableName } from '../../../shared/domain/tables';
import type { TableId } from '../../../shared/domain/tables/types';
import { TABLE_ORDER } from '../../../shared/domain/templates/tableSpecs';
import { tableOfCell } from '../../store/view';

export interface FindingGroup {
  table: TableId | null;
  title: string;
  bySeverity: { severity: Severity; findings: Finding[] }[];
  counts: Record<Severity, number>;
}

function tableOfFinding(f: Finding): TableId | null {
  if (f.table) return f.table;
  for (const c of f.cells) {
    const t = tableOfCell(c);
    if (t) return t;
  }
  return null;
}

export function groupFindings(findings: readonly Finding[], shown: ReadonlySet<Severity> = new Set(SEVERITIES)): FindingGroup[] {
  const byTable = new Map<TableId | null, Finding[]>();
  for (const f of findings) {
    if (!shown.has(f.severity)) continue;
    const t = tableOfFinding(f);
    const list = byTable.get(t) ?? [];
    list.push(f);
    byTable.set(t, list);
  }
  const order: (TableId | null)[] = [...TABLE_ORDER.keys(), null];
  return order
    .filter((t) => byTable.has(t))
    .map((t) => {
      const list = byTable.get(t)!;
      const counts = { 错误: 0, 警告: 0, 提示: 0 } satisfies Record<Severity, number>;
      for (const f of list) counts[f.severity]++;
      return {
        table: t,
        title: t ? tableName(t) : '全表及其他',
        bySeverity: SEVERITIES.map((severity) => ({ severity, findings: list.filter((f) => f.severity === severity) })).filter((g) => g.findings.length > 0),
        counts,
      };
    });
}
