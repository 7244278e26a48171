/** The preview of an import: what changes per table, 科目 to add, and the audit of the workbook's totals. */
import type { AuditEntry, ImportPreview } from '../../../shared/contract/api';
import { formatUnits, formatWanCell, toPrintedUnits } from '../../../shared/domain/money';

function figure(value: number, count: boolean): string {
  if (count) return String(value);
  return value === 0 ? '空' : formatWanCell(value, { grouping: true });
}

function gap(e: AuditEntry): string {
  return e.count ? String(Math.abs(e.printed - e.sumOfParts)) : formatUnits(Math.abs(toPrintedUnits(e.printed) - toPrintedUnits(e.sumOfParts)), { grouping: true });
}

function AuditList({ entries, rounding }: { entries: readonly AuditEntry[]; rounding: boolean }) {
  return (
    <table className="budget-table import-audit">
      <thead>
        <tr>
          <th>位置</th>
          <th>项目</th>
          <th>表中印</th>
          <th>明细数之和</th>
          <th>相差</th>
          <th>导入后</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={`${e.sheet}!${e.address}`}>
            <td>
              {e.sheet} {e.address}
            </td>
            <td>{e.label}</td>
            <td className="num">{figure(e.printed, e.count)}</td>
            <td className="num">{figure(e.sumOfParts, e.count)}</td>
            <td className="num">{gap(e)}</td>
            <td className="num">{rounding && e.adjusted ? '与表中一致' : figure(e.derived, e.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ImportPreviewView({ fileName, preview }: { fileName: string; preview: ImportPreview }) {
  const changed = preview.tables.filter((t) => t.added + t.changed + t.cleared + t.adjusted > 0);
  const unchanged = preview.tables.filter((t) => t.added + t.changed + t.cleared + t.adjusted === 0);
  return (
    <div className="import-preview" data-testid="import-preview">
      <p>
        “{fileName}”：{preview.department} {preview.year}年度，读取了 {preview.found.length} 张表。
        {preview.replaces ? <span className="warn-text"> 将替换本年度这些表中已有的数字。</span> : null}
      </p>
      <div className="import-section">
        {preview.differences.length === 0 ? (
          <div className="ok-summary">审核：表中印的合计数与明细数一致。</div>
        ) : (
          <>
            <div className="import-heading error-text">审核：{preview.differences.length} 个合计数与明细数不一致，导入后按明细数计算</div>
            <AuditList entries={preview.differences} rounding={false} />
          </>
        )}
      </div>
      {preview.roundingCount > 0 ? (
        <details className="import-section">
          <summary>
            提示：{preview.roundingCount} 个合计数与明细数之和有尾数差异
            {preview.adjustedLeaves > 0 ? `，已在 ±0.005 万元内调整 ${preview.adjustedLeaves} 个明细数，导入后与表中一致` : ''}
          </summary>
          <AuditList entries={preview.rounding} rounding />
          {preview.roundingCount > preview.rounding.length ? <p className="muted">……另有 {preview.roundingCount - preview.rounding.length} 处未列出。</p> : null}
        </details>
      ) : null}
      {preview.addedCodes.length > 0 ? (
        <div className="import-section">
          <div className="import-heading">将新增科目 {preview.addedCodes.length} 个（目录中没有，按表中印的名称添加）</div>
          <ul className="finding-list compact">
            {preview.addedCodes.map((c) => (
              <li key={`${c.catalogue}${c.code}`}>
                {c.code} {c.name}
                <span className="muted">（{c.catalogue === 'functional' ? '支出功能分类' : '经济分类'}）</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="import-section">
        <div className="import-heading">本年度将变化的数字</div>
        <table className="budget-table import-changes">
          <thead>
            <tr>
              <th>表</th>
              <th>新增</th>
              <th>修改</th>
              <th>清除</th>
              <th>例如</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((t) => (
              <tr key={t.table}>
                <td>{t.title}</td>
                <td className="num">{t.added}</td>
                <td className="num">{t.changed}</td>
                <td className="num">{t.cleared}</td>
                <td className="samples">{t.samples[0] ?? (t.adjusted > 0 ? `${t.adjusted} 个数尾数调整（表中数字不变）` : '')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {unchanged.length > 0 ? <p className="muted">无变化：{unchanged.map((t) => `公开${t.table}表`).join('、')}</p> : null}
      </div>
      {preview.notes.map((n) => (
        <p key={n} className="warn-text">
          {n}
        </p>
      ))}
    </div>
  );
}
