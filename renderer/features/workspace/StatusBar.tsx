/** File, year, save state and check counts. */
import { countBySeverity, SEVERITIES } from '../../../shared/domain/checks';
import { saveStateOf } from '../../store/session';
import { useFindings } from '../../store/useDerived';
import { actions, useSession } from '../../store/useSession';

export function StatusBar() {
  const file = useSession((s) => s.file);
  const year = useSession((s) => s.year);
  const save = useSession((s) => saveStateOf(s));
  const saveError = useSession((s) => s.saveError);
  const counts = countBySeverity(useFindings());
  return (
    <footer className="status-bar">
      <span title={file ? `${file.location}` : undefined}>{file?.name}</span>
      <span>{year}年度</span>
      <span className={`save-state ${save === '保存失败' ? 'failed' : save === '保存中…' ? 'saving' : ''}`} title={saveError ?? undefined}>
        {save}
      </span>
      <button type="button" className="status-checks" onClick={() => actions().navigate({ kind: 'checks' })} title="打开审核">
        审核：
        {SEVERITIES.map((s) => (
          <span key={s} className={`sev ${s}`}>
            {s} {counts[s]}
          </span>
        ))}
      </button>
    </footer>
  );
}
