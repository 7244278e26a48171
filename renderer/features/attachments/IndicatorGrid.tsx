/**
 * An indicator grid with spreadsheet keys — the 自评表's 绩效指标 and the 重点评价报告's 评价指标评分表,
 * each described by a GridSpec (gridPaste.ts): typing edits the cell, Enter / ↓ commit and move
 * down, ↑ up, ← / → at the edge of the text move across, Tab across, Esc puts the cell back,
 * Alt+↑/↓ moves the row. Rows are added, inserted, removed and moved with the buttons of each row;
 * a block of cells pasted from Excel/WPS fills the grid from the cell pasted into (rows added as
 * needed). Each committed change is one save of the whole form or report (the caller's onChange,
 * with a label for the 修改记录 and the undo step).
 */
import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { PointsError } from '../../../shared/domain/selfEvaluation';
import { useIme } from '../../ui/useIme';
import { usePendingEdit } from '../../ui/usePendingEdit';
import { RowTools } from './editorParts';
import { applyPaste, type GridSpec, parseClipboard } from './gridPaste';

export interface IndicatorGridProps<Row, Col extends string> {
  rows: readonly Row[];
  spec: GridSpec<Row, Col>;
  /** The columns shown (default: all of the spec's); the others keep their values. */
  columns?: readonly Col[];
  /** Headers that differ from the spec's in this layout (阳泉: 年度指标值 …). */
  headers?: Partial<Record<Col, string>>;
  ariaLabel: string;
  /** A committed change of the rows, with what it was (`修改第6行指标“…”的得分`). */
  onChange: (rows: Row[], label: string) => void;
  onError: (message: string) => void;
  /** `indicators.3.score` to focus (from a finding). */
  focus?: string | null;
  /** A class for a row (a missed target without 偏差原因 …). */
  rowClass?: (row: Row) => string | undefined;
  /** A cell to mark (得分 over 分值 …). */
  invalidCell?: (row: Row, col: Col) => boolean;
}

function cellId(ariaLabel: string, row: number, col: number): string {
  return `grid-${ariaLabel}-${row}-${col}`;
}

function focusCell(ariaLabel: string, row: number, col: number): void {
  const el = document.getElementById(cellId(ariaLabel, row, col));
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
  }
}

function Cell(props: {
  id: string;
  label: string;
  numeric: boolean;
  value: string;
  invalid: boolean;
  onCommit: (text: string) => boolean;
  /** Commits, then moves by (rows, columns) when that cell exists. */
  onMove: (rows: number, cols: number) => void;
  onPaste: (text: string) => void;
  onMoveRow: (by: -1 | 1) => void;
}) {
  const { id, label, numeric, value, invalid, onCommit, onMove, onPaste, onMoveRow } = props;
  const [text, setText] = useState(value);
  const editing = useRef(false);
  /** Entering a cell selects its text (typing replaces it, as in a spreadsheet); a second click places the caret. */
  const entering = useRef(false);
  const ime = useIme();
  useEffect(() => {
    if (!editing.current) setText(value);
  }, [value]);

  const commit = () => {
    editing.current = false;
    if (text !== value && !onCommit(text)) setText(value);
  };
  // Typed and not yet committed: a reload, a year switch or an export commits it first (or, refused, waits).
  usePendingEdit(text !== value, () => onCommit(text));
  const move = (rows: number, cols: number) => {
    commit();
    onMove(rows, cols);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (ime.isComposing(e)) return;
    const el = e.currentTarget;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      commit();
      onMoveRow(e.key === 'ArrowUp' ? -1 : 1);
      return;
    }
    switch (e.key) {
      case 'Escape':
        e.preventDefault();
        editing.current = false;
        setText(value);
        break;
      case 'Enter':
      case 'ArrowDown':
        e.preventDefault();
        move(1, 0);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(-1, 0);
        break;
      case 'ArrowLeft':
        if (el.selectionStart === 0 && el.selectionEnd === 0) {
          e.preventDefault();
          move(0, -1);
        }
        break;
      case 'ArrowRight':
        if (el.selectionStart === el.value.length) {
          e.preventDefault();
          move(0, 1);
        }
        break;
    }
  };
  const onPasteEvent = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!/[\t\n\r]/u.test(pasted.replace(/[\r\n]+$/u, ''))) return; // one cell: the input takes it
    e.preventDefault();
    editing.current = false;
    onPaste(pasted);
  };
  return (
    <input
      id={id}
      className={`grid-input${numeric ? ' num' : ''}${invalid ? ' invalid' : ''}`}
      value={text}
      aria-label={label}
      aria-invalid={invalid || undefined}
      onFocus={(e) => {
        editing.current = true;
        entering.current = true;
        e.currentTarget.select();
      }}
      onMouseUp={(e) => {
        if (entering.current) e.preventDefault();
        entering.current = false;
      }}
      onBlur={commit}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={onKeyDown}
      onPaste={onPasteEvent}
      {...ime.handlers}
    />
  );
}

export function IndicatorGrid<Row, Col extends string>(props: IndicatorGridProps<Row, Col>) {
  const { rows, spec, ariaLabel, onChange, onError, focus, rowClass, invalidCell } = props;
  const columns = props.columns ?? spec.columns;
  const header = (c: Col) => props.headers?.[c] ?? spec.headers[c];
  const [bad, setBad] = useState<string | null>(null);
  useEffect(() => {
    const m = focus ? /^indicators\.(\d+)\.(\w+)$/u.exec(focus) : null;
    if (m) focusCell(ariaLabel, Number(m[1]), Math.max(0, columns.findIndex((c) => c === m[2])));
  }, [focus, ariaLabel, columns]);

  const noun = spec.noun;
  const named = (r: number) => {
    const name = spec.rowName(rows[r]!);
    return `第${r + 1}行${noun}${name ? `“${name.length > 20 ? `${name.slice(0, 20)}…` : name}”` : ''}`;
  };
  const commitCell = (r: number, column: Col, text: string): boolean => {
    try {
      const next = [...rows];
      next[r] = spec.withCell(rows[r]!, column, text);
      setBad(null);
      onChange(next, `修改${named(r)}的${header(column)}`);
      return true;
    } catch (e) {
      if (!(e instanceof PointsError)) throw e;
      setBad(`${r}:${column}`);
      onError(`第${r + 1}行“${header(column)}”：${e.message}`);
      return false;
    }
  };
  const paste = (r: number, c: number, text: string) => {
    const block = parseClipboard(text);
    const result = applyPaste(spec, columns, rows, r, c, block);
    if ('error' in result) onError(result.error);
    else onChange(result.rows, `粘贴${block.length}行${noun}`);
  };
  const moveRow = (r: number, by: -1 | 1) => {
    const to = r + by;
    if (to < 0 || to >= rows.length) return;
    const next = [...rows];
    const [row] = next.splice(r, 1);
    next.splice(to, 0, row!);
    onChange(next, `${named(r)}${by < 0 ? '上移' : '下移'}`);
    requestAnimationFrame(() => focusCell(ariaLabel, to, 0));
  };
  const insertRow = (at: number) => {
    const above = rows[at - 1];
    const next = [...rows];
    next.splice(at, 0, spec.emptyRow(above));
    onChange(next, `添加第${at + 1}行${noun}`);
    requestAnimationFrame(() => focusCell(ariaLabel, at, above ? 2 : 0));
  };
  const removeRow = (r: number) => onChange(rows.filter((_, k) => k !== r), `删除${named(r)}`);

  return (
    <div className="indicator-grid-wrap">
      <table className="indicator-grid" role="grid" aria-label={ariaLabel}>
        <thead>
          <tr>
            <th className="row-no">行</th>
            {columns.map((c) => (
              <th key={c} className={`col-${c}`}>
                {header(c)}
              </th>
            ))}
            <th className="row-tools">操作</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r} className={rowClass?.(row)}>
              <td className="row-no">{r + 1}</td>
              {columns.map((c, col) => (
                <td key={c} className={`col-${c}`}>
                  <Cell
                    id={cellId(ariaLabel, r, col)}
                    label={`第${r + 1}行 ${header(c)}`}
                    numeric={spec.numeric.includes(c)}
                    value={spec.cellText(row, c)}
                    invalid={bad === `${r}:${c}` || (invalidCell?.(row, c) ?? false)}
                    onCommit={(text) => commitCell(r, c, text)}
                    onMove={(dr, dc) => {
                      const nr = r + dr;
                      const nc = col + dc;
                      if (nr >= 0 && nr < rows.length && nc >= 0 && nc < columns.length) focusCell(ariaLabel, nr, nc);
                    }}
                    onPaste={(text) => paste(r, col, text)}
                    onMoveRow={(by) => moveRow(r, by)}
                  />
                </td>
              ))}
              <td className="row-tools">
                <RowTools index={r} count={rows.length} what="行" altKeys onMove={(by) => moveRow(r, by)} onInsert={() => insertRow(r + 1)} onRemove={() => removeRow(r)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-actions">
        <button type="button" onClick={() => insertRow(rows.length)}>
          添加{noun}行
        </button>
        <span className="group-note">可从 Excel 复制多行，点击要填入的第一个单元格后粘贴（Ctrl+V）；Enter/↑/↓ 换行，Alt+↑/↓ 移动行。</span>
      </div>
    </div>
  );
}
