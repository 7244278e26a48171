/** Prints 勾稽审核 findings as plain text, grouped by severity. */
import { countBySeverity, type Finding, SEVERITIES } from '../shared/domain/checks';

export function renderFindings(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  const lines = [`审核结果：错误 ${counts['错误']} 项，警告 ${counts['警告']} 项，提示 ${counts['提示']} 项`];
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', `【${severity}】`);
    for (const f of group) lines.push(`  [${f.ruleId}] ${f.title}：${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}
