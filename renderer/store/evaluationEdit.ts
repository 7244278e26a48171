/**
 * Copy-on-write edits of a year's 附件 (自评表 and 重点评价报告): a form or report is replaced
 * whole, at its place in the list, and the set is a new object (so 十（四）, the checks and the
 * list recompute) sharing every form it did not touch. Pure: the session store decides when.
 */
import { type AttachmentWrite, emptyEvaluationSet, type EvaluationSet, type Placed } from '../../shared/domain/selfEvaluation';
import type { Change, PlacedForm, PlacedKeyReport } from './history';

type Attachment = Extract<Change, { kind: 'form' | 'keyReport' }>;

function placedIn<T extends { id: string }>(list: readonly T[], id: string): Placed<T> | null {
  const position = list.findIndex((x) => x.id === id);
  return position < 0 ? null : { value: list[position]!, position };
}

/** The list with `id` taken out and, unless `placed` is null, put back whole at its position. */
function placeIn<T extends { id: string }>(list: readonly T[], id: string, placed: Placed<T> | null): T[] {
  const out = list.filter((x) => x.id !== id);
  if (placed) out.splice(Math.max(0, Math.min(placed.position, out.length)), 0, placed.value);
  return out;
}

/** The form with this id and its place in the list (null: absent). */
export function formAt(set: EvaluationSet | undefined, id: string): PlacedForm {
  return placedIn(set?.forms ?? [], id);
}

export function keyReportAt(set: EvaluationSet | undefined, id: string): PlacedKeyReport {
  return placedIn(set?.keyReports ?? [], id);
}

/** What the year holds now for a change's form or report (null: absent). */
function currentOf(set: EvaluationSet | undefined, change: Attachment): PlacedForm | PlacedKeyReport {
  return change.kind === 'form' ? formAt(set, change.id) : keyReportAt(set, change.id);
}

/** Whether a change writes what is there already (the same content at the same place). */
export function changesNothing(change: Attachment): boolean {
  const { before, after } = change;
  if (before === null || after === null) return before === after;
  return before.position === after.position && (before.value === after.value || JSON.stringify(before.value) === JSON.stringify(after.value));
}

/** The set with a change's `after` (or, reverting, its `before`) applied. */
export function withAttachment(set: EvaluationSet | undefined, change: Attachment, side: 'after' | 'before' = 'after'): EvaluationSet {
  const s = set ?? emptyEvaluationSet();
  return change.kind === 'form'
    ? { ...s, forms: placeIn(s.forms, change.id, change[side]) }
    : { ...s, keyReports: placeIn(s.keyReports, change.id, change[side]) };
}

/** Whether what is on screen is exactly what the change wrote (the same object at the same place). */
export function showsAfter(set: EvaluationSet | undefined, change: Attachment): boolean {
  const now = currentOf(set, change);
  const after = change.after;
  return now === null || after === null ? now === after : now.value === after.value && now.position === after.position;
}

/** The batch entry that writes a change's `after`. */
export function attachmentWrite(change: Attachment): AttachmentWrite {
  const position = change.after?.position ?? 0;
  return change.kind === 'form'
    ? { kind: 'form', id: change.id, form: change.after?.value ?? null, position }
    : { kind: 'keyReport', id: change.id, report: change.after?.value ?? null, position };
}
