/**
 * Registers a field's typed but uncommitted text as a pending edit while there is any, so that a
 * year switch, a reload or an export commits it first (store/pendingEdits.ts), and tells the
 * status bar (输入中，未保存).
 */
import { useEffect, useRef } from 'react';
import { registerPendingEdit } from '../store/pendingEdits';
import { actions } from '../store/useSession';

export function usePendingEdit(dirty: boolean, flush: () => boolean): void {
  const latest = useRef(flush);
  latest.current = flush;
  useEffect(() => {
    if (!dirty) return;
    actions().setTyping(true);
    const unregister = registerPendingEdit({ flush: () => latest.current() });
    return () => {
      unregister();
      actions().setTyping(false);
    };
  }, [dirty]);
}
