/**
 * 审核: every finding of the consistency rules, grouped by table and severity; a click opens
 * the table with the cells highlighted. Below, what 情况说明 still lacks.
 */
import { useMemo, useState } from 'react';
import { countBySeverity, inputPlaces, SEVERITIES, type Severity } from '../../../shared/domain/checks';
import { useFindings, usePackage, usePreviewTables } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { tableOfCell } from '../../store/view';
import type { TableId } from '../../../shared/domain/tables/types';
import { groupFindings } from './groupFindings';

/** A finding between tables: one link per table, each opening it with the cells highlighted. */
function TableLinks({ cells }: { cells: readonly string[] }) {
  const tables = [...new Set(cells.map(tableOfCell).filter((t): t is TableId => t !== null))];
  if (tables.length < 2) return null;
  return (
    <span className="table-links">
      {tables.map((t) => (
        <button key={t} type="button" className="link" onClick={() => actions().showCells(cells, t)}>
          查看表{t}
        </button>
      ))}
    </span>
  );
}

/**
 * Where to correct a finding on grey cells: the tables (and cells) where the figures behind them
 * are typed, e.g. a 公开04表 finding → 公开05表 and 公开07表.
 */
function FixLinks({ cells }: { cells: readonly string[] }) {
  const tables = usePreviewTables();
  const own = new Set(cells.map(tableOfCell));
  const places = useMemo(() => inputPlaces(tables, cells).filter((p) => !(own.has(p.table) && p.cells.every((c) => cells.includes(c)))), [tables, cells]);
  if (places.length === 0) return null;
  return (
    <span className="fix-links">
      在此填写：
      {places.map((p) => (
        <button key={p.table} type="button" className="link" onClick={() => actions().showCells(p.cells, p.table)}>
          公开{p.table}表（{p.cells.length}格）
        </button>
      ))}
    </span>
  );
}

export function CheckPanel() {
  const findings = useFindings();
  const { narrative } = usePackage();
  const [shown, setShown] = useState<ReadonlySet<Severity>>(new Set<Severity>(['错误', '警告']));
  const groups = useMemo(() => groupFindings(findings, shown), [findings, shown]);
  const counts = countBySeverity(findings);
  const toggle = (s: Severity) => {
    const next = new Set(shown);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    setShown(next);
  };
  const sectionOf = (title: string) => narrative.sections.findIndex((s) => s.title === title);

  return (
    <div className="form-view checks-view">
      <h2 className="view-title">审核</h2>
      <div className="check-filters">
        {SEVERITIES.map((s) => (
          <label key={s} className={`chip sev-chip ${s}`}>
            <input type="checkbox" checked={shown.has(s)} onChange={() => toggle(s)} />
            {s} {counts[s]}
          </label>
        ))}
        <span className="muted">提示为金额单位换算产生的尾数差异，属正常情况。</span>
      </div>
      {findings.length === 0 ? <div className="ok-summary">未发现问题：十张表的勾稽关系全部相符。</div> : null}
      {findings.length > 0 && groups.length === 0 ? (
        <div className="ok-summary">
          没有{SEVERITIES.filter((s) => shown.has(s)).join('、') || '选中类别的'}问题。{counts.提示 > 0 && !shown.has('提示') ? `另有 ${counts.提示} 条提示（尾数差异），勾选“提示”可查看。` : ''}
        </div>
      ) : null}
      {groups.map((g) => (
        <section key={g.table ?? 'other'} className="check-group">
          <h3>
            {g.title}
            <span className="group-counts">
              {SEVERITIES.filter((s) => g.counts[s] > 0).map((s) => (
                <span key={s} className={`sev ${s}`}>
                  {s} {g.counts[s]}
                </span>
              ))}
            </span>
          </h3>
          {g.bySeverity.map(({ severity, findings: list }) => (
            <ul key={severity} className="finding-list">
              {list.map((f, k) => (
                <li key={`${f.ruleId}-${k}`}>
                  <button
                    type="button"
                    className="finding"
                    onClick={() => {
                      // A 附件 finding opens its 自评表 or 重点评价报告; the others highlight their cells.
                      const at = f.attachment;
                      if (at?.kind === 'form') actions().navigate({ kind: 'form', id: at.id });
                      else if (at?.kind === 'keyReport') actions().navigate({ kind: 'keyReport', id: at.id });
                      else if (at) actions().navigate({ kind: 'attachments' });
                      else actions().showCells(f.cells);
                    }}
                    disabled={f.cells.length === 0 && !f.attachment}
                  >
                    <span className={`sev ${f.severity}`}>{f.severity}</span>
                    <span className="finding-title">{f.title}</span>
                    <span className="finding-message">{f.message}</span>
                    <span className="finding-rule">{f.ruleId}</span>
                  </button>
                  <TableLinks cells={f.cells} />
                  {f.severity !== '提示' ? <FixLinks cells={f.cells} /> : null}
                </li>
              ))}
            </ul>
          ))}
        </section>
      ))}
      <section className="check-group">
        <h3>
          情况说明
          <span className="group-counts">
            {narrative.missing.length > 0 ? <span className="sev 警告">待填写 {narrative.missing.length}</span> : null}
            {narrative.lint.length > 0 ? <span className="sev 提示">文字检查 {narrative.lint.length}</span> : null}
          </span>
        </h3>
        {narrative.missing.length === 0 && narrative.lint.length === 0 ? <div className="ok-summary">情况说明已填写完整。</div> : null}
        <ul className="finding-list">
          {narrative.missing.map((m, k) => {
            const index = sectionOf(m.section);
            const id = narrative.sections[index]?.id;
            return (
              <li key={`m${k}`}>
                <button type="button" className="finding" disabled={!id} onClick={() => id && actions().navigate({ kind: 'narrative', id })}>
                  <span className="sev 警告">待填写</span>
                  <span className="finding-title">{m.section}</span>
                  <span className="finding-message">{m.label}</span>
                </button>
              </li>
            );
          })}
          {narrative.lint.map((f, k) => (
            <li key={`l${k}`}>
              <div className="finding">
                <span className="sev 提示">文字</span>
                <span className="finding-title">{f.where}</span>
                <span className="finding-message">{f.message}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
