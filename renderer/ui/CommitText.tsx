/**
 * A text input that commits when it loses focus or on Enter (single line) / Ctrl+Enter
 * (multi-line), and goes back to the stored text on Esc. IME-aware.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useIme } from './useIme';
import { usePendingEdit } from './usePendingEdit';

export interface CommitTextProps {
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  className?: string;
  invalid?: boolean;
  title?: string;
  autoFocus?: boolean;
  /** Called after Enter/Esc/blur so a caller can close an inline editor. */
  onDone?: () => void;
  ariaLabel?: string;
}

export function CommitText(props: CommitTextProps) {
  const { value, onCommit, multiline = false, rows = 3, placeholder, className, invalid, title, autoFocus, onDone, ariaLabel } = props;
  const [text, setText] = useState(value);
  const editing = useRef(false);
  const ime = useIme();

  // Follow the stored value (undo, another view) unless the officer is typing here.
  useEffect(() => {
    if (!editing.current) setText(value);
  }, [value]);

  const commit = () => {
    editing.current = false;
    if (text !== value) onCommit(text);
    onDone?.();
  };

  // Typed and not yet committed: a reload, a year switch or an export commits it first.
  usePendingEdit(text !== value, () => {
    if (text !== value) onCommit(text);
    return true;
  });

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (ime.isComposing(e)) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      editing.current = false;
      setText(value);
      onDone?.();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.blur();
    }
  };

  const common = {
    value: text,
    placeholder,
    title,
    autoFocus,
    'aria-label': ariaLabel,
    'aria-invalid': invalid || undefined,
    className: `commit-text${invalid ? ' invalid' : ''}${className ? ` ${className}` : ''}`,
    onFocus: () => {
      editing.current = true;
    },
    onBlur: commit,
    onKeyDown,
    ...ime.handlers,
  };
  return multiline ? (
    <textarea {...common} rows={rows} onChange={(e) => setText(e.target.value)} />
  ) : (
    <input {...common} type="text" onChange={(e) => setText(e.target.value)} />
  );
}
