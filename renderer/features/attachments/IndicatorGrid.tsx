/**
 * 绩效指标 as a grid with spreadsheet keys: typing edits the cell, Enter / ↓ commit and move down,
 * ↑ up, ← / → at the edge of the text move across, Tab across, Esc puts the cell back, Alt+↑/↓
 * moves the row. Rows are added, inserted, removed and moved with the buttons of each row; a block
 * of cells pasted from Excel/WPS fills the grid from the cell pasted into (rows added as needed).
 * Each committed change is one whole-form save (the caller's onChange).
 */
import { type ClipboardEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { emptyIndicator, type Indicator, missesTarget, PointsError } from '../../../shared/domain/selfEvaluation';
import { useIme } from '../../ui/useIme';
import { applyPaste, cellText, GRID_COLUMNS, GRID_HEADERS, type GridColumn, parseClipboard, withCell } from './gridPaste';

export interface IndicatorGridProps {
  indicators: Indicator[];
  layout: '晋城' | '阳泉';
  /** A committed change of the rows: saved as a whole form. */
  onChange: (indicators: Indicator[], label: string) => void;
  onError: (message: string) => void;
  /** `indicators.3.score` to focus (from a finding). */
  focus?: string | null;
}

function cellId(row: number, col: number): string {
  return `ind-${row}-${col}`;
}

function focusCell(row: number, col: number): void {
  const el = document.getElementById(cellId(row, col));
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    el.focus();
    el.select();
  }
}

function header(col: GridColumn, layout: '晋城' | '阳泉'): string {
  if (layout === '阳泉' && col === 'target') return '年度指标值';
  if (layout === '阳泉' && col === 'actual') return '全年完成值';
  if (layout === '阳泉' && col === 'deviation') return '未完成原因和改进措施';
  return GRID_HEADERS[col];
}

function Cell(props: {
  row: number;
  col: number;
  column: GridColumn;
  value: string;
  rows: number;
  invalid: boolean;
  onCommit: (text: string) => boolean;
  onPaste: (text: string) => void;
  onMoveRow: (by: -1 | 1) => void;
}) {
  const { row, col, column, value, rows, invalid, onCommit, onPaste, onMoveRow } = props;
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
  const move = (r: number, c: number) => {
    commit();
    if (r >= 0 && r < rows && c >= 0 && c < GRID_COLUMNS.length) focusCell(r, c);
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
        move(row + 1, col);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(row - 1, col);
        break;
      case 'ArrowLeft':
        if (el.selectionStart === 0 && el.selectionEnd === 0) {
          e.preventDefault();
          move(row, col - 1);
        }
        break;
      case 'ArrowRight':
        if (el.selectionStart === el.value.length) {
          e.preventDefault();
          move(row, col + 1);
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
  const numeric = column === 'weight' || column === 'score';
  return (
    <input
      id={cellId(row, col)}
      className={`grid-input${numeric ? ' num' : ''}${invalid ? ' invalid' : ''}`}
      value={text}
      aria-label={`第${row + 1}行 ${GRID_HEADERS[column]}`}
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

export function IndicatorGrid({ indicators, layout, onChange, onError, focus }: IndicatorGridProps) {
  const [bad, setBad] = useState<string | null>(null);
  const columns = GRID_COLUMNS.filter((c) => !(layout === '阳泉' && c === 'targetInitial'));
  useEffect(() => {
    const m = focus ? /^indicators\.(\d+)\.(\w+)$/u.exec(focus) : null;
    if (m) focusCell(Number(m[1]), Math.max(0, GRID_COLUMNS.indexOf(m[2] as GridColumn)));
  }, [focus]);

  const set = (next: Indicator[], label: string) => onChange(next, label);
  const commitCell = (r: number, column: GridColumn, text: string): boolean => {
    try {
      const next = [...indicators];
      next[r] = withCell(indicators[r]!, column, text);
      setBad(null);
      set(next, `修改第${r + 1}行${GRID_HEADERS[column]}`);
      return true;
    } catch (e) {
      if (!(e instanceof PointsError)) throw e;
      setBad(`${r}:${column}`);
      onError(`第${r + 1}行“${GRID_HEADERS[column]}”：${e.message}`);
      return false;
    }
  };
  const paste = (r: number, column: GridColumn, text: string) => {
    // Columns hidden in this layout are skipped: a pasted block fills the visible ones in order.
    const block = parseClipboard(text).map((cells) => {
      const out: string[] = [];
      let k = 0;
      for (const c of GRID_COLUMNS.slice(GRID_COLUMNS.indexOf(column))) {
        if (!columns.includes(c)) out.push(cellText(indicators[r] ?? emptyIndicator(), c));
        else out.push(cells[k++] ?? '');
        if (k >= cells.length) break;
      }
      return out;
    });
    const result = applyPaste(indicators, r, GRID_COLUMNS.indexOf(column), block);
    if ('error' in result) onError(result.error);
    else set(result.indicators, `粘贴${block.length}行指标`);
  };
  const moveRow = (r: number, by: -1 | 1) => {
    const to = r + by;
    if (to < 0 || to >= indicators.length) return;
    const next = [...indicators];
    const [row] = next.splice(r, 1);
    next.splice(to, 0, row!);
    set(next, '移动指标行');
    requestAnimationFrame(() => focusCell(to, 0));
  };
  const insertRow = (at: number) => {
    const above = indicators[at - 1];
    const next = [...indicators];
    next.splice(at, 0, emptyIndicator(above?.level1 ?? '', above?.level2 ?? ''));
    set(next, '添加指标行');
    requestAnimationFrame(() => focusCell(at, above ? 2 : 0));
  };
  const removeRow = (r: number) => set(indicators.filter((_, k) => k !== r), `删除第${r + 1}行指标`);

  return (
    <div className="indicator-grid-wrap">
      <table className="indicator-grid" role="grid" aria-label="绩效指标">
        <thead>
          <tr>
            <th className="row-no">行</th>
            {columns.map((c) => (
              <th key={c} className={`col-${c}`}>
                {header(c, layout)}
              </th>
            ))}
            <th className="row-tools">操作</th>
          </tr>
        </thead>
        <tbody>
          {indicators.map((ind, r) => (
            <tr key={r} className={missesTarget(ind) && ind.deviation.trim() === '' ? 'missed' : undefined}>
              <td className="row-no">{r + 1}</td>
              {columns.map((c) => {
                const col = GRID_COLUMNS.indexOf(c);
                return (
                  <td key={c} className={`col-${c}`}>
                    <Cell
                      row={r}
                      col={col}
                      column={c}
                      value={cellText(ind, c)}
                      rows={indicators.length}
                      invalid={bad === `${r}:${c}` || (c === 'score' && ind.weight !== null && ind.score !== null && ind.score > ind.weight)}
                      onCommit={(text) => commitCell(r, c, text)}
                      onPaste={(text) => paste(r, c, text)}
                      onMoveRow={(by) => moveRow(r, by)}
                    />
                  </td>
                );
              })}
              <td className="row-tools">
                <button type="button" title="上移（Alt+↑）" aria-label={`上移第${r + 1}行`} disabled={r === 0} onClick={() => moveRow(r, -1)}>
                  ↑
                </button>
                <button type="button" title="下移（Alt+↓）" aria-label={`下移第${r + 1}行`} disabled={r === indicators.length - 1} onClick={() => moveRow(r, 1)}>
                  ↓
                </button>
                <button type="button" title="在下方插入一行" aria-label={`在第${r + 1}行下方插入`} onClick={() => insertRow(r + 1)}>
                  ＋
                </button>
                <button type="button" title="删除这一行" aria-label={`删除第${r + 1}行`} onClick={() => removeRow(r)}>
                  ✕
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="grid-actions">
        <button type="button" onClick={() => insertRow(indicators.length)}>
          添加指标行
        </button>
        <span className="group-note">可从 Excel 复制多行指标，点击要填入的第一个单元格后粘贴（Ctrl+V）；Enter/↑/↓ 换行，Alt+↑/↓ 移动行。</span>
      </div>
    </div>
  );
}
