/**
 * Undo/redo: a history of steps per year, each a list of changes with their values before and
 * after. A step is what one user action did (one cell, a pasted block, a fill, a 自评表 or
 * 重点评价报告 saved, added, copied, moved or deleted — kept whole with its place; 报表设置 changed,
 * e.g. the year's 模板 — kept whole). Undoing a step
 * writes the "before" values again as one batch; redoing writes the "after" values. Each year of
 * the file has its own history, so an undo never reaches into a year that is not on screen.
 * Pure data: the store decides how to apply.
 */
import { SETTINGS_TARGET } from '../../shared/domain/changeLog';
import { type FactRef, factRefKey, type ReportSettings } from '../../shared/domain/model';
import { attachmentTarget, type KeyEvaluationReport, type Placed, type SelfEvaluationForm } from '../../shared/domain/selfEvaluation';

/** A 附件 as it was or will be (null: absent). */
export type PlacedForm = Placed<SelfEvaluationForm> | null;
export type PlacedKeyReport = Placed<KeyEvaluationReport> | null;

export type Change =
  | { kind: 'fact'; year: number; ref: FactRef; before: number | null; after: number | null }
  | { kind: 'text'; year: number; key: string; before: string; after: string }
  | { kind: 'form'; year: number; id: string; before: PlacedForm; after: PlacedForm }
  | { kind: 'keyReport'; year: number; id: string; before: PlacedKeyReport; after: PlacedKeyReport }
  | { kind: 'settings'; year: number; before: ReportSettings; after: ReportSettings };

export interface Step {
  /** Short Chinese description for the status line (`修改 表03 …`). */
  label: string;
  changes: Change[];
}

export interface History {
  past: Step[];
  future: Step[];
}

export const HISTORY_LIMIT = 500;

export const emptyHistory: History = { past: [], future: [] };

/** Records a new step; a new edit discards what could have been redone. */
export function record(history: History, step: Step): History {
  if (step.changes.length === 0) return history;
  const past = [...history.past, step];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

/** The change that undoes `change` (before and after swapped). */
export function invert(change: Change): Change {
  switch (change.kind) {
    case 'fact':
      return { ...change, before: change.after, after: change.before };
    case 'text':
      return { ...change, before: change.after, after: change.before };
    case 'form':
      return { ...change, before: change.after, after: change.before };
    case 'keyReport':
      return { ...change, before: change.after, after: change.before };
    case 'settings':
      return { ...change, before: change.after, after: change.before };
  }
}

/**
 * Takes the last step off the past. Returns the changes to apply (inverted, in reverse order)
 * and the new history, or null when there is nothing to undo.
 */
export function undo(history: History): { history: History; step: Step; apply: Change[] } | null {
  const step = history.past[history.past.length - 1];
  if (!step) return null;
  return {
    history: { past: history.past.slice(0, -1), future: [...history.future, step] },
    step,
    apply: [...step.changes].reverse().map(invert),
  };
}

export function redo(history: History): { history: History; step: Step; apply: Change[] } | null {
  const step = history.future[history.future.length - 1];
  if (!step) return null;
  return {
    history: { past: [...history.past, step], future: history.future.slice(0, -1) },
    step,
    apply: step.changes,
  };
}

/** Removes a whole step (a batch the backend refused never happened). */
export function forgetStep(history: History, step: Step): History {
  return { past: history.past.filter((s) => s !== step), future: history.future.filter((s) => s !== step) };
}

/**
 * Removes a refused change from the history: a write the backend refused never happened.
 * Steps left without changes disappear.
 */
export function forget(history: History, change: Change): History {
  const strip = (steps: Step[]) =>
    steps
      .map((s) => (s.changes.includes(change) ? { ...s, changes: s.changes.filter((c) => c !== change) } : s))
      .filter((s) => s.changes.length > 0);
  return { past: strip(history.past), future: strip(history.future) };
}

/** What a change writes, as the change log names it: `factRefKey`, `text/{key}`, `form/{id}`, `keyReport/{id}`, `settings`. */
export function writeTarget(change: Change): string {
  switch (change.kind) {
    case 'fact':
      return factRefKey(change.ref);
    case 'text':
      return `text/${change.key}`;
    case 'form':
    case 'keyReport':
      return attachmentTarget(change.kind, change.id);
    case 'settings':
      return SETTINGS_TARGET;
  }
}

/** A stable key for what a change writes (the fact, text field or 附件 of a year). */
export function changeTarget(change: Change): string {
  return `${change.year}:${writeTarget(change)}`;
}
