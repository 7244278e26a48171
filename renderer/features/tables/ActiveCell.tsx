/**
 * The active cell: a text input over the printed cell. For 表02 财政拨款收入 the input takes the
 * printed figure (the sum of its three parts) and a small button opens the parts editor.
 * Refusals and the backend's messages show under it.
 */
import { useLayoutEffect, useRef } from 'react';
import { factRefKey } from '../../../shared/domain/model';
import { formatWanSentence } from '../../../shared/domain/money';
import { useSession } from '../../store/useSession';
import { useIme } from '../../ui/useIme';
import { hasOtherParts } from './breakdown';
import { useEditorContext } from './editorContext';
import type { GridCell } from './grid';
import { SplitEditor } from './SplitEditor';
import { FUND_PART_NAMES } from './tableGrid';
import { storedText } from './cellWrites';

export function ActiveCell({ cell }: { cell: GridCell }) {
  const { editor, unit } = useEditorContext();
  const { state } = editor;
  const ime = useIme();
  const inputRef = useRef<HTMLInputElement>(null);
  const backendError = useSession((s) =>
    cell.kind === 'input' ? s.errors[factRefKey(cell.ref)] : cell.refs.map((r) => s.errors[factRefKey(r)]).find((m) => m !== undefined),
  );

  // Focus when the cell changes, caret mode starts, the parts editor closes or an entry is
  // refused (the refused text is selected for correction); not on every keystroke.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (!input || state.splitOpen) return;
    if (document.activeElement !== input) input.focus({ preventScroll: false });
    if (state.caret) input.setSelectionRange(input.value.length, input.value.length);
    else input.select();
  }, [state.key, state.caret, state.splitOpen, state.refusal]);

  const message = state.refusal ?? backendError ?? null;
  const value = state.dirty || state.refusal ? state.text : storedText(cell, unit);
  const split = cell.kind === 'breakdown';
  return (
    <>
      <input
        ref={inputRef}
        className="cell-input"
        type="text"
        inputMode={cell.kind === 'input' && cell.valueType === 'count' ? 'numeric' : 'decimal'}
        aria-label={cell.label}
        aria-invalid={message ? true : undefined}
        value={value}
        onChange={(e) => editor.setText(e.target.value)}
        onKeyDown={(e) => editor.onKeyDown(e, ime.isComposing(e))}
        onPaste={editor.onPaste}
        onBlur={() => {
          if (!state.splitOpen) editor.commit();
        }}
        onMouseDown={(e) => {
          // A click on the active cell keeps its figure selected, so what is typed next replaces it
          // (as in Excel). Only in caret mode (F2, double click) does a click place the caret.
          if (state.caret) return;
          e.preventDefault();
          e.currentTarget.focus();
          e.currentTarget.select();
        }}
        onDoubleClick={() => editor.activate(editor.activePos ?? { row: 0, col: 0 }, { caret: true })}
        {...ime.handlers}
      />
      {split ? (
        <button
          type="button"
          className="split-open"
          tabIndex={-1}
          title="分别填写一般公共预算、政府性基金预算、国有资本经营预算财政拨款收入（F4）"
          aria-label="填写财政拨款收入明细"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.setSplitOpen(true)}
        >
          ▾
        </button>
      ) : null}
      {split && hasOtherParts(cell) && !state.splitOpen ? (
        <div className="cell-hint">
          {cell.refs.map((ref, k) => `${FUND_PART_NAMES[ref.kind === 'item' ? ref.field : ''] ?? ''} ${formatWanSentence(cell.values[k] ?? 0)}`).join('；')}
        </div>
      ) : null}
      {split && state.splitOpen ? <SplitEditor cell={cell} unit={unit} onClose={() => editor.setSplitOpen(false)} /> : null}
      {message ? (
        <div className="cell-error" role="alert">
          {message}
        </div>
      ) : null}
    </>
  );
}
