/**
 * 表02 财政拨款收入 of one 项 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 财政拨款收入.
 * The printed cell is their sum; the officer types the three parts here. Enter commits a part
 * and goes to the next (after the last, back to the table one row down); Esc returns.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { formatWanSentence } from '../../../shared/domain/money';
import { actions } from '../../store/useSession';
import { useIme } from '../../ui/useIme';
import { editText, type InputUnit, parseCellText, specOf } from './cellInput';
import type { GridCell } from './grid';
import { FUND_PART_NAMES } from './tableGrid';
import type { EditorState } from './useCellEditor';

type Breakdown = Extract<GridCell, { kind: 'breakdown' }>;

export interface BreakdownPopoverProps {
  cell: Breakdown;
  unit: InputUnit;
  focus: EditorState['partFocus'];
  onReturn: () => void;
  onDone: () => void;
}

export function BreakdownPopover({ cell, unit, focus, onReturn, onDone }: BreakdownPopoverProps) {
  const stored = cell.values.map((v) => editText(v, 'money', unit));
  const [texts, setTexts] = useState(stored);
  const [refusal, setRefusal] = useState<string | null>(null);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const ime = useIme();
  const storedKey = stored.join('|');

  useEffect(() => setTexts(storedKey.split('|')), [storedKey]);

  useEffect(() => {
    if (!focus) return;
    const input = inputs.current[focus.index];
    if (!input) return;
    input.focus();
    if (focus.initial !== null) {
      const initial = focus.initial;
      setTexts((t) => t.map((x, k) => (k === focus.index ? initial : x)));
    } else input.select();
  }, [focus]);

  const commitPart = (index: number): boolean => {
    const ref = cell.refs[index];
    const text = texts[index] ?? '';
    if (!ref || text === stored[index]) return true;
    const parsed = parseCellText(text, specOf(ref, 'money'), unit);
    if (!parsed.ok) {
      setRefusal(parsed.message);
      setTexts((t) => t.map((x, k) => (k === index ? (stored[index] ?? '') : x)));
      return false;
    }
    setRefusal(null);
    const name = FUND_PART_NAMES[ref.kind === 'item' ? ref.field : ''] ?? '';
    void actions().editFacts([{ ref, value: parsed.value }], `${cell.label}（${name}）`);
    return true;
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (ime.isComposing(e)) return;
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (!commitPart(index)) return;
      const next = inputs.current[index + 1];
      if (next) next.focus();
      else if (e.key === 'Enter') onDone();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (commitPart(index)) inputs.current[index - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setTexts(stored);
      setRefusal(null);
      onReturn();
    }
  };

  const total = cell.values.reduce((s, v) => s + v, 0);
  return (
    <div className="breakdown" role="group" aria-label="财政拨款收入明细" onMouseDown={(e) => e.stopPropagation()}>
      <div className="breakdown-title">财政拨款收入明细（{unit}）</div>
      {cell.refs.map((ref, k) => (
        <label key={k} className="breakdown-row">
          <span>{FUND_PART_NAMES[ref.kind === 'item' ? ref.field : ''] ?? ''}</span>
          <input
            ref={(el) => {
              inputs.current[k] = el;
            }}
            type="text"
            inputMode="decimal"
            value={texts[k] ?? ''}
            onChange={(e) => setTexts((t) => t.map((x, j) => (j === k ? e.target.value : x)))}
            onFocus={(e) => e.currentTarget.select()}
            onBlur={() => commitPart(k)}
            onKeyDown={(e) => onKeyDown(e, k)}
            {...ime.handlers}
          />
        </label>
      ))}
      <div className="breakdown-total">合计 {formatWanSentence(total)} 万元</div>
      {refusal ? <div className="field-error">{refusal}</div> : <div className="breakdown-hint">回车确认并到下一项，Esc 返回表格</div>}
    </div>
  );
}
