/** Prints what `import-tables` did: the tables read, what changed, added 科目, and the audit of the workbook's totals. */
import { formatUnits, formatWanCell, toPrintedUnits } from '../shared/domain/money';
import type { AuditEntry, ImportPreview } from '../shared/domain/templates/shanxi/tableImport';

function figure(value: number, count: boolean): string {
  if (count) return String(value);
  return value === 0 ? '空' : formatWanCell(value, { grouping: true });
}

function difference(a: number, b: number, count: boolean): string {
  return count ? String(Math.abs(a - b)) : `${formatUnits(Math.abs(toPrintedUnits(a) - toPrintedUnits(b)), { grouping: true })} 万元`;
}

function auditLine(e: AuditEntry): string {
  const where = `工作表“${e.sheet}”${e.address} ${e.label}`;
  const head = `${where}：表中印 ${figure(e.printed, e.count)}，明细数之和 ${figure(e.sumOfParts, e.count)}，相差 ${difference(e.printed, e.sumOfParts, e.count)}`;
  if (e.kind === 'difference') return `  ${head}；导入后按明细数为 ${figure(e.derived, e.count)}`;
  return `  ${head}（尾数）${e.adjusted ? '；已在 ±0.005 万元内调整明细数，导入后与表中一致' : ''}`;
}

/** 尾数 entries printed one by one (the rest are counted). */
const ROUNDING_PRINTED = 20;

export function renderImportReport(preview: ImportPreview): string {
  const lines: string[] = [];
  lines.push(`读取了 ${preview.found.length} 张表：${preview.found.map((f) => `公开${f.table}表（工作表“${f.sheet}”）`).join('、')}`);
  for (const t of preview.tables) {
    const parts = [`新增 ${t.added}`, `修改 ${t.changed}`, `清除 ${t.cleared}`];
    if (t.adjusted > 0) parts.push(`尾数调整 ${t.adjusted}`);
    lines.push(`  ${t.title}：${parts.join('，')}`);
    for (const s of t.samples) lines.push(`    ${s}`);
  }
  if (preview.addedCodes.length > 0) {
    lines.push('', `新增科目 ${preview.addedCodes.length} 个（目录中没有，按表中印的名称添加）：`);
    for (const c of preview.addedCodes) lines.push(`  ${c.code} ${c.name}（${c.catalogue === 'functional' ? '支出功能分类' : '经济分类'}）`);
  }
  lines.push('', preview.differences.length === 0 ? '审核：表中印的合计数与明细数一致。' : `审核：${preview.differences.length} 个合计数与明细数不一致（导入后按明细数计算）：`);
  for (const d of preview.differences) lines.push(auditLine(d));
  if (preview.roundingCount > 0) {
    lines.push('', `提示：${preview.roundingCount} 个合计数与明细数之和有尾数差异（±0.005 万元 × 明细个数以内）${preview.adjustedLeaves > 0 ? `，已调整 ${preview.adjustedLeaves} 个明细数，使合计与表中一致` : ''}：`);
    for (const r of preview.rounding.slice(0, ROUNDING_PRINTED)) lines.push(auditLine(r));
    const listed = Math.min(preview.rounding.length, ROUNDING_PRINTED);
    if (preview.roundingCount > listed) lines.push(`  ……另有 ${preview.roundingCount - listed} 处未列出。`);
  }
  for (const n of preview.notes) lines.push(`注意：${n}`);
  return `${lines.join('\n')}\n`;
}
