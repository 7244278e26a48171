/**
 * 修改记录: every change to the year (time, who, the action, what, from → to), newest first, or
 * the history of one cell; exportable as a workbook. Read from the file, so it shows what was
 * saved: a change the backend refused is not in it.
 */
import { useEffect, useState } from 'react';
import { type ChangeEntry, formatLocalTime, targetLabel, valueText } from '../../../shared/domain/changeLog';
import { attachmentNamer } from '../../../shared/domain/selfEvaluation';
import { getApi } from '../../api/client';
import { useCatalogue, useLoaded, usePackage } from '../../store/useDerived';
import { actions, useSession } from '../../store/useSession';
import { sectionLabel } from '../../store/view';
import { PublicationPanel } from './PublicationPanel';

export function ChangeLogView({ target }: { target?: string }) {
  const loaded = useLoaded();
  const catalogue = useCatalogue();
  const year = loaded.report.year;
  const pending = useSession((s) => s.pendingWrites);
  const [entries, setEntries] = useState<ChangeEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Read again whenever a write has settled (the log is the file's, not the screen's).
  useEffect(() => {
    if (pending > 0) return;
    let live = true;
    void getApi()
      .invoke('report.changes', target ? { year, target } : { year })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          setEntries(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [year, target, pending, loaded.report, loaded.publication]);

  const { narrative } = usePackage();
  const fieldNames = new Map<string, string>();
  for (const s of narrative.sections) {
    for (const p of s.paragraphs) for (const r of p.runs) if (r.kind === 'field') fieldNames.set(r.key, `${sectionLabel(s.title)}·${r.hint}`);
  }
  const name = (code: string) => catalogue.functionalName(code);
  const attachmentName = attachmentNamer(entries ?? [], loaded.evaluation);
  const label = (target: string) => targetLabel(target, name, (key) => fieldNames.get(key), attachmentName);
  const exportXlsx = async () => {
    const result = await getApi().invoke('export.changes', { year });
    if (!result.ok) actions().notify('error', result.error.message);
    else if (result.value) actions().notify('info', `已导出：${result.value.files.join('、')}（文件夹：${result.value.folder}）`);
  };
  const shown = entries ? [...entries].reverse() : [];
  return (
    <div className="changes-view">
      <PublicationPanel />
      <div className="view-toolbar">
        <h2 className="view-title">{year}年度修改记录</h2>
        {target ? (
          <span className="changes-filter">
            只看：<strong>{label(target)}</strong>
            <button type="button" className="link" onClick={() => actions().navigate({ kind: 'changes' })}>
              显示全部
            </button>
          </span>
        ) : null}
        <button type="button" onClick={() => void exportXlsx()}>
          导出 Excel…
        </button>
      </div>
      {error ? <div className="error-text">{error}</div> : null}
      {entries === null ? <div className="empty-view">正在读取……</div> : null}
      {entries !== null && entries.length === 0 ? <div className="empty-view">{target ? '此项没有修改记录。' : '本年度还没有修改记录。'}</div> : null}
      {shown.length > 0 ? (
        <table className="changes-grid" aria-label="修改记录">
          <thead>
            <tr>
              <th>时间</th>
              <th>用户</th>
              <th>操作</th>
              <th>内容</th>
              <th>原值</th>
              <th>新值</th>
              <th>备注</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} className={e.target === 'status' ? 'status' : e.target === 'export' ? 'export' : ''}>
                <td className="time">{formatLocalTime(e.at)}</td>
                <td>{e.user || '—'}</td>
                <td>{e.action}</td>
                <td>
                  {target || e.target === 'status' || e.target === 'export' ? (
                    label(e.target)
                  ) : (
                    <button type="button" className="link" title="只看此项的修改记录" onClick={() => actions().navigate({ kind: 'changes', target: e.target })}>
                      {label(e.target)}
                    </button>
                  )}
                </td>
                <td className="value">{e.target === 'export' ? '' : valueText(e.target, e.before)}</td>
                <td className="value">{e.target === 'export' ? `内容校验码 ${String(e.after).slice(0, 16)}…` : valueText(e.target, e.after)}</td>
                <td className="note">{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
