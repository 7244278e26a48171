/**
 * One typed fact outside the tables (budgets, last year's figures, counts): a labelled input in
 * the report's input unit, committing on Enter or blur; a bad entry is refused in place.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { FactRef } from '../../shared/domain/model';
import { editText, parseCellText, specOf } from '../features/tables/cellInput';
import { factValue } from '../store/reportEdit';
import { factTarget } from '../store/session';
import { useLoaded } from '../store/useDerived';
import { actions, useSession } from '../store/useSession';
import { useIme } from './useIme';
import { usePendingEdit } from './usePendingEdit';

export interface FactFieldProps {
  fact: FactRef;
  label: string;
  valueType?: 'money' | 'count';
  /** Unit shown after a count (个, 人次, 辆); money shows the input unit. */
  countUnit?: string;
  /** Shown under the input (e.g. where the figure is printed). */
  hint?: string;
  /** Marks an optional fact not typed yet (待填写). */
  required?: boolean;
  /** Inside a sentence: no label, a narrow input. */
  inline?: boolean;
  /** The sentence prints the unit right after the field: do not show it twice (“待填写 万元 万元”). */
  hideUnit?: boolean;
}

export function FactField({ fact, label, valueType = 'money', countUnit, hint, required, inline, hideUnit }: FactFieldProps) {
  const loaded = useLoaded();
  const unit = loaded.report.settings.inputUnit;
  const stored = factValue(loaded.report, fact);
  const shown = editText(stored, valueType, unit, specOf(fact, valueType).optional);
  const [text, setText] = useState(shown);
  const [refusal, setRefusal] = useState<string | null>(null);
  const editing = useRef(false);
  const backendError = useSession((s) => s.errors[factTarget(fact)]);
  const ime = useIme();

  useEffect(() => {
    if (!editing.current) setText(shown);
  }, [shown]);

  const commit = (): boolean => {
    editing.current = false;
    const parsed = parseCellText(text, specOf(fact, valueType), unit);
    if (!parsed.ok) {
      setRefusal(parsed.message);
      setText(shown);
      return false;
    }
    setRefusal(null);
    void actions().editFacts([{ ref: fact, value: parsed.value }], label);
    return true;
  };

  // Typed and not yet committed: a reload, a year switch or an export commits it first.
  usePendingEdit(text !== shown, commit);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (ime.isComposing(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      editing.current = false;
      setText(shown);
      setRefusal(null);
    }
  };

  const message = refusal ?? backendError ?? null;
  const missing = required && stored === null;
  return (
    <label className={`fact-field${missing ? ' missing' : ''}${inline ? ' inline' : ''}`} title={inline ? label : undefined}>
      {inline ? null : <span className="fact-label">{label}</span>}
      <span className="fact-input">
        <input
          type="text"
          inputMode="decimal"
          value={text}
          placeholder={missing ? '待填写' : ''}
          aria-label={label}
          aria-invalid={message ? true : undefined}
          className={message ? 'invalid' : undefined}
          onFocus={(e) => {
            editing.current = true;
            e.currentTarget.select();
          }}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
          {...ime.handlers}
        />
        {hideUnit ? null : <span className="fact-unit">{valueType === 'money' ? unit : (countUnit ?? '')}</span>}
      </span>
      {message ? <span className="field-error">{message}</span> : hint ? <span className="fact-hint">{hint}</span> : null}
    </label>
  );
}
