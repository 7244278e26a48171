/**
 * Spreadsheet editing of one table: which cell is active, what is being typed, and the keys.
 *
 * The active cell is remembered by the fact it edits (not by row number): committing a figure
 * can add or remove rows (a 项 gets its first figure and joins the table), and the cursor must
 * stay on the same fact or go to the one the officer moved to.
 *
 * Keys (like Excel/WPS): typing replaces the value; F2 or a double click edits it with a caret;
 * arrows commit and move (in caret mode ←/→ move the caret); Enter commits and moves down
 * (Shift+Enter up); Tab/Shift+Tab commit and move along; Esc cancels; Delete clears.
 * While an IME composition is open no key is taken over.
 */
import { type ClipboardEvent, type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { factRefKey } from '../../../shared/domain/model';
import { actions } from '../../store/useSession';
import { editText, type InputUnit, parseCellText, specOf } from './cellInput';
import { cellAt, type Direction, type Grid, type GridCell, type GridPos, move, tabFrom } from './grid';
import { isBlock, parseClipboardBlock } from './paste';
import { planPaste } from './pastePlan';

export function gridKey(cell: GridCell): string {
  return cell.kind === 'input' ? factRefKey(cell.ref) : `parts:${cell.refs.map(factRefKey).join('+')}`;
}

export interface EditorState {
  key: string | null;
  text: string;
  /** The officer typed since the cell was activated. */
  dirty: boolean;
  /** F2 / double click: arrows ←/→ move the caret instead of the cell. */
  caret: boolean;
  /** Why the last entry was refused (shown by the cell). */
  refusal: string | null;
  /** 表02 财政拨款收入: the breakdown's input to focus (0–2), bumped by `seq`. */
  partFocus: { index: number; seq: number; initial: string | null } | null;
}

const IDLE: EditorState = { key: null, text: '', dirty: false, caret: false, refusal: null, partFocus: null };

export interface CellEditor {
  state: EditorState;
  activePos: GridPos | null;
  activeCell: GridCell | null;
  activate(pos: GridPos, options?: { caret?: boolean }): void;
  activateKey(key: string): void;
  deactivate(): void;
  setText(text: string): void;
  commit(): boolean;
  onKeyDown(e: KeyboardEvent<HTMLElement>, composing: boolean): void;
  onPaste(e: ClipboardEvent<HTMLElement>): void;
  /** Moves from the active cell (after a breakdown closes, for instance). */
  moveActive(direction: Direction): void;
  openParts(index: number, initial: string | null): void;
}

export interface CellEditorOptions {
  grid: Grid;
  unit: InputUnit;
  /** Rows still waiting for data: typing there must not show a live preview (the row would move). */
  isPendingRow: (row: number) => boolean;
}

export function useCellEditor({ grid, unit, isPendingRow }: CellEditorOptions): CellEditor {
  const [state, setState] = useState<EditorState>(IDLE);
  const stateRef = useRef(state);
  stateRef.current = state;

  const positions = useMemo(() => {
    const map = new Map<string, GridPos>();
    grid.forEach((cols, row) =>
      cols.forEach((cell, col) => {
        if (cell) map.set(gridKey(cell), { row, col });
      }),
    );
    return map;
  }, [grid]);

  const activePos = state.key ? (positions.get(state.key) ?? null) : null;
  const activeCell = activePos ? cellAt(grid, activePos) : null;
  const gridRef = useRef({ grid, positions, activePos, activeCell });
  gridRef.current = { grid, positions, activePos, activeCell };

  const update = (patch: Partial<EditorState>) => {
    const next = { ...stateRef.current, ...patch };
    stateRef.current = next;
    setState(next);
  };

  /** Commits what was typed in the active cell; false when the entry is refused. */
  const commit = useCallback((): boolean => {
    const s = stateRef.current;
    const cell = gridRef.current.activeCell;
    if (!cell || !s.dirty || cell.kind !== 'input') return true;
    const parsed = parseCellText(s.text, specOf(cell.ref, cell.valueType), unit);
    if (!parsed.ok) {
      update({ text: editText(cell.value, cell.valueType, unit), dirty: false, caret: false, refusal: parsed.message });
      actions().setDraft(null);
      return false;
    }
    update({ dirty: false, caret: false, refusal: null });
    void actions().editFacts([{ ref: cell.ref, value: parsed.value }], cell.label);
    return true;
  }, [unit]);

  const activateCell = (cell: GridCell, options: { caret?: boolean } = {}) => {
    const key = gridKey(cell);
    const text = cell.kind === 'input' ? editText(cell.value, cell.valueType, unit) : '';
    update({ key, text, dirty: false, caret: options.caret ?? false, refusal: null, partFocus: null });
  };

  const activate = (pos: GridPos, options: { caret?: boolean } = {}) => {
    const cell = cellAt(gridRef.current.grid, pos);
    if (!cell) return;
    if (stateRef.current.key === gridKey(cell)) {
      if (options.caret) update({ caret: true });
      return;
    }
    // A refused entry keeps the cursor (and its message) where it is.
    if (!commit()) return;
    activateCell(cell, options);
  };

  const activateKey = (key: string) => {
    const pos = gridRef.current.positions.get(key);
    if (pos) activate(pos);
  };

  const goTo = (target: GridPos | null) => {
    if (!commit()) return;
    if (!target) return;
    const cell = cellAt(gridRef.current.grid, target);
    if (cell) activateCell(cell);
  };

  const moveActive = (direction: Direction) => {
    const from = gridRef.current.activePos;
    if (from) goTo(move(gridRef.current.grid, from, direction));
  };

  const setText = (text: string) => {
    const cell = gridRef.current.activeCell;
    update({ text, dirty: true, refusal: null });
    // Live preview: derived cells follow a valid figure as it is typed (not for rows that
    // would jump into the table, nor for clearing a figure, which would hide its row).
    const pos = gridRef.current.activePos;
    if (!cell || cell.kind !== 'input' || !pos || isPendingRow(pos.row)) return;
    const parsed = parseCellText(text, specOf(cell.ref, cell.valueType), unit);
    const preview = parsed.ok && parsed.value !== null && parsed.value !== 0;
    actions().setDraft(preview ? { ref: cell.ref, value: parsed.value } : null);
  };

  const clearActive = () => {
    const cell = gridRef.current.activeCell;
    if (!cell) return;
    if (cell.kind === 'input') {
      const value = specOf(cell.ref, cell.valueType).optional ? null : 0;
      update({ text: '', dirty: false, refusal: null });
      void actions().editFacts([{ ref: cell.ref, value }], `清除 ${cell.label}`);
    } else {
      void actions().editFacts(
        cell.refs.map((ref) => ({ ref, value: 0 })),
        `清除 ${cell.label}`,
      );
    }
  };

  const cancel = () => {
    const cell = gridRef.current.activeCell;
    actions().setDraft(null);
    if (cell?.kind === 'input') update({ text: editText(cell.value, cell.valueType, unit), dirty: false, caret: false, refusal: null });
    else update({ dirty: false, caret: false, refusal: null });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, composing: boolean) => {
    if (composing) return;
    const { grid: g, activePos: pos, activeCell: cell } = gridRef.current;
    if (!pos || !cell) return;
    const s = stateRef.current;
    const arrows: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };
    const direction = arrows[e.key];
    if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'Z') && s.dirty) {
      // Undo while typing cancels the typing (the session undo is for committed edits).
      e.preventDefault();
      e.stopPropagation();
      cancel();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (direction) {
      if (s.caret && (direction === 'left' || direction === 'right')) return;
      e.preventDefault();
      goTo(move(g, pos, direction));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (cell.kind === 'breakdown' && !s.dirty) {
        openParts(0, null);
        return;
      }
      goTo(move(g, pos, e.shiftKey ? 'up' : 'down'));
    } else if (e.key === 'Tab') {
      e.preventDefault();
      goTo(tabFrom(g, pos, e.shiftKey));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'F2') {
      e.preventDefault();
      if (cell.kind === 'breakdown') openParts(0, null);
      else update({ caret: true });
    } else if (e.key === 'Delete' && !s.dirty && !s.caret) {
      e.preventDefault();
      clearActive();
    } else if (cell.kind === 'breakdown' && e.key.length === 1) {
      // Typing on 财政拨款收入 starts with its first part, 一般公共预算.
      e.preventDefault();
      openParts(0, e.key);
    }
  };

  const openParts = (index: number, initial: string | null) => {
    update({ partFocus: { index, seq: (stateRef.current.partFocus?.seq ?? 0) + 1, initial } });
  };

  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const text = e.clipboardData.getData('text/plain');
    const pos = gridRef.current.activePos;
    if (!pos || !isBlock(text)) return;
    e.preventDefault();
    const block = parseClipboardBlock(text);
    const plan = planPaste(gridRef.current.grid, pos, block, unit);
    if (plan.errors.length > 0) {
      const more = plan.errors.length > 1 ? `（共${plan.errors.length}处）` : '';
      update({ refusal: `粘贴未执行：${plan.errors[0]}${more}`, dirty: false });
      return;
    }
    actions().setDraft(null);
    const cells = block.reduce((n, r) => n + r.length, 0);
    void actions().editFacts(plan.writes, `粘贴 ${cells} 个单元格`);
    const cell = gridRef.current.activeCell;
    update({ dirty: false, refusal: null, text: cell?.kind === 'input' ? stateRef.current.text : '' });
    if (plan.dropped > 0) actions().notify('info', `已粘贴 ${plan.writes.length} 个数；${plan.dropped} 个数超出了可填写的单元格，未粘贴。`);
  };

  const deactivate = () => {
    commit();
    actions().setDraft(null);
    update(IDLE);
  };

  return {
    state,
    activePos,
    activeCell,
    activate,
    activateKey,
    deactivate,
    setText,
    commit,
    onKeyDown,
    onPaste,
    moveActive,
    openParts,
  };
}
