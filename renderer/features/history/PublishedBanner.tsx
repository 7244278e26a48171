/** Above every view of a published (定稿) year: it is read-only, and where to undo that. */
import { formatLocalTime } from '../../../shared/domain/changeLog';
import { actions, useSession } from '../../store/useSession';

export function PublishedBanner() {
  const loaded = useSession((s) => s.loaded);
  const view = useSession((s) => s.view);
  const publication = loaded?.publication;
  if (!loaded || !publication || view.kind === 'changes') return null;
  return (
    <div className="published-banner" role="status" data-testid="published-banner">
      {loaded.report.year}年度已定稿（{publication.by || '未知用户'}，{formatLocalTime(publication.at)}），数据为只读。
      <button type="button" className="link" onClick={() => actions().navigate({ kind: 'changes' })}>
        查看修改记录 / 取消定稿
      </button>
    </div>
  );
}
