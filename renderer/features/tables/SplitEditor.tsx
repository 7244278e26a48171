/**
 * The parts of 表02 财政拨款收入 of one 项: 一般公共预算, 政府性基金预算 and 国有资本经营预算
 * 财政拨款收入, edited together and saved together (one write, one undo step).
 *
 * It opens only when asked (F4, Alt+↓ or the ▾ button), starts from the stored figures and keeps
 * its own text until 确定: nothing typed here is saved by Esc, 取消, or a click outside, and the
 * keyboard focus goes back to the table cell when it closes. Tab stays inside the editor.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { formatWanSentence } from '../../../shared/domain/money';
import { actions } from '../../store/useSession';
import { useIme } from '../../ui/useIme';
import { editText, type InputUnit, parseCellText, specOf } from './cellInput';
import type { GridCell } from './grid';
import { FUND_PART_NAMES } from './tableGrid';

type Breakdown = Extract<GridCell, { kind: 'breakdown' }>;

export interface SplitEditorProps {
  cell: Breakdown;
  unit: InputUnit;
  onClose: () => void;
}

export function SplitEditor({ cell, unit, onClose }: SplitEditorProps) {
  // The stored figures at opening; later store changes do not overwrite what is being typed.
  const [texts, setTexts] = useState(() => cell.values.map((v) => editText(v, 'money', unit)));
  const [refusal, setRefusal] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const box = useRef<HTMLDivElement>(null);
  const ime = useIme();

  useEffect(() => {
    inputs.current[0]?.focus();
    inputs.current[0]?.select();
  }, []);

  // A click anywhere outside closes without saving.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (box.current && e.target instanceof Node && !box.current.contains(e.target)) onClose();
    };
    document.addEventListener('mousedown', onDown, true);
    return () => document.removeEventListener('mousedown', onDown, true);
  }, [onClose]);

  const parsed = texts.map((text, k) => parseCellText(text, specOf(cell.refs[k]!, 'money'), unit));
  const total = parsed.reduce((s, p) => s + (p.ok ? (p.value ?? 0) : 0), 0);

  const save = () => {
    const bad = parsed.findIndex((p) => !p.ok);
    if (bad >= 0) {
      const p = parsed[bad]!;
      setRefusal(`${partName(cell, bad)}：${p.ok ? '' : p.message}`);
      inputs.current[bad]?.focus();
      inputs.current[bad]?.select();
      return;
    }
    const writes = cell.refs.map((ref, k) => {
      const p = parsed[k]!;
      return { ref, value: p.ok ? (p.value ?? 0) : 0 };
    });
    void actions().editFacts(writes, `${cell.label}（明细）`);
    onClose();
  };

  /** Esc closes; Tab keeps the focus inside (inputs, then 确定 and 取消, round again). */
  const onCommonKey = (e: KeyboardEvent<HTMLElement>): boolean => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return true;
    }
    if (e.key === 'Tab') {
      const focusable = [...(box.current?.querySelectorAll<HTMLElement>('input, button') ?? [])];
      const at = focusable.indexOf(e.currentTarget);
      const next = focusable[(at + (e.shiftKey ? -1 : 1) + focusable.length) % focusable.length];
      e.preventDefault();
      next?.focus();
      return true;
    }
    return false;
  };

  const onButtonKey = (e: KeyboardEvent<HTMLElement>) => {
    e.stopPropagation();
    onCommonKey(e);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, index: number) => {
    if (ime.isComposing(e)) return;
    e.stopPropagation();
    if (onCommonKey(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      const next = inputs.current[index + 1];
      if (next) next.focus();
      else save();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      inputs.current[index + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  return (
    <div ref={box} className="breakdown" role="dialog" aria-label="财政拨款收入明细" onMouseDown={(e) => e.stopPropagation()}>
      <div className="breakdown-title">财政拨款收入明细（{unit}）</div>
      {cell.refs.map((_, k) => (
        <label key={k} className="breakdown-row">
          <span>{partName(cell, k)}</span>
          <input
            ref={(el) => {
              inputs.current[k] = el;
            }}
            type="text"
            inputMode="decimal"
            value={texts[k] ?? ''}
            aria-invalid={parsed[k]?.ok === false ? true : undefined}
            onChange={(e) => {
              setRefusal(null);
              setTexts((t) => t.map((x, j) => (j === k ? e.target.value : x)));
            }}
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={(e) => onKeyDown(e, k)}
            {...ime.handlers}
          />
        </label>
      ))}
      <div className="breakdown-total">合计 {formatWanSentence(total)} 万元</div>
      {refusal ? <div className="field-error">{refusal}</div> : <div className="breakdown-hint">回车到下一项，最后一项回车即确定；Esc 或点击别处取消</div>}
      <div className="breakdown-actions">
        <button type="button" className="primary" onClick={save} onKeyDown={onButtonKey}>
          确定
        </button>
        <button type="button" onClick={onClose} onKeyDown={onButtonKey}>
          取消
        </button>
      </div>
    </div>
  );
}

function partName(cell: Breakdown, index: number): string {
  const ref = cell.refs[index];
  return FUND_PART_NAMES[ref?.kind === 'item' ? ref.field : ''] ?? '';
}
