/**
 * 定稿 / 取消定稿 of the loaded year, with its content hash: once published the year is read-only
 * everywhere (the app, the CLI, imports); 取消定稿 asks why, and both are in the change log.
 */
import { useState } from 'react';
import { formatLocalTime } from '../../../shared/domain/changeLog';
import { factsHash, shortHash } from '../../../shared/domain/factsHash';
import { getApi } from '../../api/client';
import { useLoaded } from '../../store/useDerived';
import { actions } from '../../store/useSession';
import { Confirm, Modal } from '../../ui/Modal';

export function PublicationPanel() {
  const loaded = useLoaded();
  const year = loaded.report.year;
  const publication = loaded.publication ?? null;
  const [asking, setAsking] = useState<'publish' | 'unpublish' | null>(null);
  const [reason, setReason] = useState('');
  const hash = factsHash(loaded.report);

  const act = async (run: () => ReturnType<ReturnType<typeof getApi>['invoke']>, done: string) => {
    if (!actions().flushEdits()) return;
    await actions().settled();
    const result = await run();
    setAsking(null);
    if (!result.ok) {
      actions().notify('error', result.error.message);
      return;
    }
    if (await actions().loadYear(year)) actions().notify('info', done);
  };

  return (
    <div className={`publication-panel${publication ? ' published' : ''}`} data-testid="publication">
      {publication ? (
        <>
          <span className="badge published">已定稿</span>
          <span>
            {publication.by || '未知用户'}于{formatLocalTime(publication.at)}定稿，本年度数据为只读。
          </span>
          <button type="button" onClick={() => setAsking('unpublish')}>
            取消定稿…
          </button>
        </>
      ) : (
        <>
          <span className="badge draft">未定稿</span>
          <span>公开后请定稿：定稿后本年度只读，防止已公开的数据被误改。</span>
          <button type="button" onClick={() => setAsking('publish')}>
            定稿…
          </button>
        </>
      )}
      <span className="hash" title={`内容校验码（SHA-256）：${hash}`}>
        内容校验码 <code>{shortHash(hash)}</code>
      </span>
      {asking === 'publish' ? (
        <Confirm
          title={`${year}年度定稿`}
          confirmText="定稿"
          onCancel={() => setAsking(null)}
          onConfirm={() => void act(() => getApi().invoke('report.publish', { year }), `${year}年度已定稿。`)}
        >
          <p>定稿表示 {year} 年度的决算已经公开：此后本程序和命令行都不能再修改或导入该年度的数据，直到“取消定稿”（须说明原因）。定稿和取消定稿都记入修改记录。</p>
          <p>
            当前数据的内容校验码：<code>{hash}</code>
          </p>
        </Confirm>
      ) : null}
      {asking === 'unpublish' ? (
        <Modal
          title={`取消${year}年度的定稿`}
          onClose={() => setAsking(null)}
          footer={
            <>
              <button type="button" onClick={() => setAsking(null)}>
                取消
              </button>
              <button
                type="button"
                className="danger"
                disabled={reason.trim() === ''}
                onClick={() => void act(() => getApi().invoke('report.unpublish', { year, reason: reason.trim() }), `已取消${year}年度的定稿，可以修改了。`)}
              >
                取消定稿
              </button>
            </>
          }
        >
          <p>已公开的数据一般不应再改。如确需修改（例如更正公开后发现的错误），请写明原因，它会记入修改记录。</p>
          <textarea aria-label="取消定稿的原因" className="reason" rows={3} value={reason} placeholder="原因（必填）" onChange={(e) => setReason(e.target.value)} autoFocus />
        </Modal>
      ) : null}
    </div>
  );
}
