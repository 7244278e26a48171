/** The latest message (an undo, a refused write): shown for a few seconds, errors until closed. */
import { useEffect, useState } from 'react';
import { useSession } from '../../store/useSession';

export function NoticeBar() {
  const notice = useSession((s) => s.notice);
  const [hidden, setHidden] = useState<number | null>(null);
  useEffect(() => {
    if (!notice || notice.kind === 'error') return;
    const timer = window.setTimeout(() => setHidden(notice.seq), 4000);
    return () => window.clearTimeout(timer);
  }, [notice]);
  if (!notice || hidden === notice.seq) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="link" onClick={() => setHidden(notice.seq)} aria-label="关闭">
        ×
      </button>
    </div>
  );
}
