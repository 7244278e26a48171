/**
 * The active cell: a text input over the printed cell (typed facts), or, for 表02 财政拨款收入,
 * a focus box with the breakdown popover. Refusals and the backend's messages show under it.
 */
import { useLayoutEffect, useRef } from 'react';
import { factRefKey } from '../../../shared/domain/model';
import { useSession } from '../../store/useSession';
import { useIme } from '../../ui/useIme';
import { BreakdownPopover } from './BreakdownPopover';
import { editText } from './cellInput';
import { useEditorContext } from './editorContext';
import type { GridCell } from './grid';

export function ActiveCell({ cell, shown }: { cell: GridCell; shown: string }) {
  const { editor, unit } = useEditorContext();
  const { state } = editor;
  const ime = useIme();
  const inputRef = useRef<HTMLInputElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const backendError = useSession((s) =>
    cell.kind === 'input' ? s.errors[factRefKey(cell.ref)] : cell.refs.map((r) => s.errors[factRefKey(r)]).find((m) => m !== undefined),
  );

  useLayoutEffect(() => {
    if (cell.kind === 'input') {
      const input = inputRef.current;
      if (!input) return;
      input.focus({ preventScroll: false });
      if (state.caret) input.setSelectionRange(input.value.length, input.value.length);
      else input.select();
    } else if (!state.partFocus) {
      boxRef.current?.focus();
    }
    // Refocus when the cell changes or caret mode starts; not on every keystroke.
  }, [state.key, state.caret]);

  const message = state.refusal ?? backendError ?? null;
  const bubble = message ? (
    <div className="cell-error" role="alert">
      {message}
    </div>
  ) : null;

  if (cell.kind === 'breakdown') {
    return (
      <>
        <div
          ref={boxRef}
          tabIndex={0}
          className="cell-box"
          onKeyDown={(e) => editor.onKeyDown(e, ime.isComposing(e))}
          onPaste={editor.onPaste}
          onDoubleClick={() => editor.openParts(0, null)}
        >
          {shown}
        </div>
        <BreakdownPopover cell={cell} unit={unit} focus={state.partFocus} onReturn={() => boxRef.current?.focus()} onDone={() => editor.moveActive('down')} />
        {bubble}
      </>
    );
  }

  const value = state.dirty ? state.text : editText(cell.value, cell.valueType, unit);
  return (
    <>
      <input
        ref={inputRef}
        className="cell-input"
        type="text"
        inputMode={cell.valueType === 'count' ? 'numeric' : 'decimal'}
        aria-label={cell.label}
        value={value}
        onChange={(e) => editor.setText(e.target.value)}
        onKeyDown={(e) => editor.onKeyDown(e, ime.isComposing(e))}
        onPaste={editor.onPaste}
        onBlur={() => editor.commit()}
        onDoubleClick={() => editor.activate(editor.activePos ?? { row: 0, col: 0 }, { caret: true })}
        {...ime.handlers}
      />
      {bubble}
    </>
  );
}
