/**
 * Edits in progress: what an officer has typed into a cell or field but not yet committed.
 *
 * Every editor that holds typed text registers here while it does. Before anything that would
 * drop that text — switching year or view, reloading or closing the window, exporting, closing
 * the file — the session flushes them: each commits what was typed (as Enter would) or, when the
 * entry is refused, keeps it with its message and says so, and the action does not go ahead.
 */
export interface PendingEdit {
  /** Commits the typed text; false when it is refused (the editor shows why). */
  flush(): boolean;
}

const pending = new Set<PendingEdit>();

/** Registers an editor holding typed text; call the returned function when it no longer does. */
export function registerPendingEdit(edit: PendingEdit): () => void {
  pending.add(edit);
  return () => {
    pending.delete(edit);
  };
}

/** Commits every edit in progress; false when any was refused (nothing else should happen then). */
export function flushPendingEdits(): boolean {
  let ok = true;
  for (const edit of [...pending]) if (!edit.flush()) ok = false;
  return ok;
}

export function hasPendingEdits(): boolean {
  return pending.size > 0;
}
