/**
 * A part of a sentence the officer writes (主要原因是…, 用于…): shown in the text, edited in
 * place. A required field left empty is marked red 待填写.
 */
import { useEffect, useRef, useState } from 'react';
import type { Run } from '../../../shared/domain/narrative';
import { textTarget } from '../../store/session';
import { actions, useSession } from '../../store/useSession';
import { CommitText } from '../../ui/CommitText';

type FieldRunData = Extract<Run, { kind: 'field' }>;

export function FieldRun({ run, stored, where }: { run: FieldRunData; stored: string; where: string }) {
  const [editing, setEditing] = useState(false);
  const error = useSession((s) => s.errors[textTarget(run.key)]);
  // Asked for from elsewhere (年度对比: the field explaining a change): marked and brought into view.
  const highlighted = useSession((s) => s.highlight?.cells.includes(textTarget(run.key)) ?? false);
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [highlighted]);
  if (editing) {
    const width = Math.min(Math.max(stored.length, run.hint.length) + 6, 60);
    return (
      <span className="field-edit" style={{ width: `${width}em` }}>
        <CommitText
          value={stored}
          autoFocus
          placeholder={run.hint}
          ariaLabel={run.hint}
          onCommit={(value) => void actions().editText(run.key, value.trim(), `${where} ${run.hint}`)}
          onDone={() => setEditing(false)}
        />
      </span>
    );
  }
  const empty = run.text === '';
  const cls = (empty ? (run.required ? 'field empty required' : 'field empty') : 'field') + (highlighted ? ' hl' : '');
  return (
    <span
      ref={ref}
      data-field={run.key}
      className={cls}
      role="button"
      tabIndex={0}
      title={error ?? `${run.hint}（点击填写）`}
      onClick={() => setEditing(true)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          setEditing(true);
        }
      }}
    >
      {empty ? (run.required ? `待填写：${run.hint}` : `（可选：${run.hint}）`) : run.text}
    </span>
  );
}
