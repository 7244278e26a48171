/** Plain-text output of the year commands: a comparison of two years and a change log. */
import { type ChangeEntry, targetLabel, valueText } from '../shared/domain/changeLog';
import type { AttachmentNamer } from '../shared/domain/selfEvaluation';
import type { Comparison, CompareFigure, CompareLine } from '../shared/domain/compare';
import { formatUnits } from '../shared/domain/money';
import { percentText } from '../shared/domain/narrative';
import { tableName } from '../shared/domain/tables';
import { formatLocalTime } from '../electron/backend/db';

function amount(value: number | null, count: boolean): string {
  if (value === null) return '—';
  return count ? String(value) : formatUnits(value, { grouping: true });
}

function rate(f: Pick<CompareFigure, 'rate' | 'diff'>): string {
  if (f.rate === null) return f.diff === 0 ? '' : '（上年为0）';
  return f.rate === 0 ? '0.00%' : percentText(f.rate);
}

function presence(line: CompareLine, c: Comparison): string {
  if (line.presence === 'current') return `  [${c.year}年新增]`;
  if (line.presence === 'prior') return `  [${c.withYear}年有、${c.year}年无]`;
  return line.priorName ? `  [上年名称：${line.priorName}]` : '';
}

/** The changed lines of every table (all lines with `all`), then the 情况说明 figures. */
export function renderComparison(c: Comparison, all: boolean): string {
  const out: string[] = [
    `${c.year}年与${c.withYear}年决算对比（金额单位：万元；* 为超过阈值：增减率≥${(c.threshold.rateBp / 100).toFixed(2)}%且增减额≥${(c.threshold.amountUnits / 100).toFixed(2)}万元）`,
  ];
  for (const t of c.tables) {
    const lines = all ? t.lines : t.lines.filter((l) => l.changed || l.presence !== 'both');
    out.push('', `${tableName(t.id)}：${lines.length} 行${all ? '' : '有变动'}`);
    for (const line of lines) {
      const head = `${line.code ?? (line.lineNo ? `第${line.lineNo}行` : '')} ${line.name}`.trim();
      out.push(`  ${head}${presence(line, c)}${line.explainedBy?.field ? `  → 情况说明 ${line.explainedBy.field}` : ''}`);
      for (const f of line.figures) {
        if (!all && !f.changed) continue;
        const count = f.valueType === 'count';
        out.push(`    ${f.significant ? '*' : ' '} ${f.columnName}：本年 ${amount(f.current, count)}，上年 ${amount(f.prior, count)}，增减 ${amount(f.diff, count)} ${rate(f)}`.trimEnd());
      }
    }
  }
  out.push('', '情况说明中的上年对比数：');
  for (const f of c.narrative) {
    const source = f.prior === null ? '上年数未知' : f.priorSource === 'typed' ? '上年数为本年填写' : `上年数取自${c.withYear}年度报表`;
    const change = f.prior === null ? '' : `，增减 ${amount(f.diff, false)} ${rate(f)}`.trimEnd();
    out.push(`  ${f.significant ? '*' : ' '} ${f.label}：本年 ${amount(f.current, false)}，上年 ${amount(f.prior, false)}${change}（${source}）${f.explainedBy?.field ? ` → ${f.explainedBy.field}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderChangeLog(entries: readonly ChangeEntry[], name?: (code: string) => string | undefined, attachmentName?: AttachmentNamer): string {
  if (entries.length === 0) return '没有修改记录。\n';
  const lines = entries.map((e) => {
    const note = e.note ? `（${e.note}）` : '';
    return `${formatLocalTime(e.at)}  ${e.user || '—'}  ${e.action}  ${targetLabel(e.target, name, undefined, attachmentName)}：${valueText(e.target, e.before)} → ${valueText(e.target, e.after)}${note}`;
  });
  return `${lines.join('\n')}\n`;
}
