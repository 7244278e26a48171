/**
 * Spreadsheet editing of one table: which cell is active, what is being typed, and the keys.
 *
 * The active cell is remembered by the fact it edits (not by row number): committing a figure
 * can add or remove rows (a 项 gets its first figure and joins the table), and the cursor must
 * stay on the same fact or go to the one the officer moved to.
 *
 * Every cell — also 表02 财政拨款收入, whose three parts sum to the printed figure — is typed
 * into the same inline input, so every keystroke lands in the one element that has the focus;
 * the parts of 财政拨款收入 have their own small editor (F4), which only opens on request.
 *
 * Keys (like Excel/WPS): typing replaces the value; F2 or a double click edits it with a caret;
 * arrows commit and move (in caret mode ←/→ move the caret); Enter commits and moves down
 * (Shift+Enter up); Tab/Shift+Tab commit and move along (and leave the table at either end);
 * Esc cancels; Delete clears; F4 or Alt+↓ opens the parts of 财政拨款收入.
 * While an IME composition is open no key is taken over.
 *
 * While text is typed and not committed, the editor is registered as a pending edit, so a year
 * switch, a view change, an export or a reload commits it first (store/pendingEdits.ts).
 */
import { type ClipboardEvent, type KeyboardEvent, useCallback, useMemo, useRef, useState } from 'react';
import { factRefKey } from '../../../shared/domain/model';
import { usePendingEdit } from '../../ui/usePendingEdit';
import { actions } from '../../store/useSession';
import { storedText, writesForText } from './cellWrites';
import { type InputUnit, specOf } from './cellInput';
import { cellAt, type Direction, type Grid, type GridCell, type GridPos, move, tabFrom } from './grid';
import { isBlock, parseClipboardBlock } from './paste';
import { type PasteContext, type PastePlan, planPaste } from './pastePlan';

/**
 * Keys by FactRef object: the derivation shares one frozen FactRef per 项 and field between
 * derivations, so the grid (rebuilt on every keystroke) finds its keys here instead of building
 * thousands of strings again.
 */
const keyCache = new WeakMap<object, string>();

function cachedKey(owner: object, make: () => string): string {
  let key = keyCache.get(owner);
  if (key === undefined) {
    key = make();
    keyCache.set(owner, key);
  }
  return key;
}

export function gridKey(cell: GridCell): string {
  return cell.kind === 'input' ? cachedKey(cell.ref, () => factRefKey(cell.ref)) : cachedKey(cell.refs, () => `parts:${cell.refs.map(factRefKey).join('+')}`);
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
  /** 表02 财政拨款收入: its parts editor is open. */
  splitOpen: boolean;
}

const IDLE: EditorState = { key: null, text: '', dirty: false, caret: false, refusal: null, splitOpen: false };

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
  /** Moves from the active cell. */
  moveActive(direction: Direction): void;
  /** 表02 财政拨款收入: opens or closes the parts editor (closing returns the focus to the cell). */
  setSplitOpen(open: boolean): void;
}

export interface CellEditorOptions {
  grid: Grid;
  unit: InputUnit;
  /** What a paste needs to know about the table (built when a block is pasted). */
  pasteContext: () => PasteContext;
  /** A paste that can land: write it (after asking, when it adds rows). */
  onPastePlan: (plan: PastePlan, blockRows: number) => void;
  /** Rows still waiting for data: typing there must not show a live preview (the row would move). */
  isPendingRow: (row: number) => boolean;
}

/** The Chinese message of a refused paste: the first problems by row, and how many there are. */
export function pasteRefusal(errors: readonly string[]): string {
  const shown = errors.slice(0, 5).join('\n');
  const more = errors.length > 5 ? `\n……另有${errors.length - 5}处问题` : '';
  return `粘贴未执行，表中数据没有任何改动：\n${shown}${more}`;
}

export function useCellEditor({ grid, unit, isPendingRow, pasteContext, onPastePlan }: CellEditorOptions): CellEditor {
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

  /**
   * Commits what was typed in the active cell; false when the entry is refused. A refused entry
   * stays in the cell, selected, with its message, so the officer can correct it (or Esc).
   */
  const commit = useCallback((): boolean => {
    const s = stateRef.current;
    const cell = gridRef.current.activeCell;
    if (!cell || !s.dirty) return true;
    const result = writesForText(cell, s.text, unit);
    if (!result.ok) {
      update({ caret: false, refusal: result.message });
      actions().setDraft(null);
      return false;
    }
    update({ dirty: false, caret: false, refusal: null });
    void actions().editFacts(result.writes, cell.label);
    return true;
  }, [unit]);

  // While typed text is not committed: the status bar says so, and leaving commits it first.
  usePendingEdit(state.dirty, commit);

  const activateCell = (cell: GridCell, options: { caret?: boolean } = {}) => {
    const key = gridKey(cell);
    update({ key, text: storedText(cell, unit), dirty: false, caret: options.caret ?? false, refusal: null, splitOpen: false });
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
    if (!cell || !pos || isPendingRow(pos.row)) return;
    const result = text.trim() === '' ? null : writesForText(cell, text, unit);
    const write = result?.ok && result.writes.length === 1 ? result.writes[0]! : null;
    actions().setDraft(write && write.value !== null && write.value !== 0 ? { ref: write.ref, value: write.value } : null);
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
    update({ text: cell ? storedText(cell, unit) : '', dirty: false, caret: false, refusal: null });
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
    if (cell.kind === 'breakdown' && e.altKey && e.key === 'ArrowDown') {
      e.preventDefault();
      if (commit()) update({ splitOpen: true });
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (direction) {
      if (s.caret && (direction === 'left' || direction === 'right')) return;
      e.preventDefault();
      goTo(move(g, pos, direction));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      goTo(move(g, pos, e.shiftKey ? 'up' : 'down'));
    } else if (e.key === 'Tab') {
      const target = tabFrom(g, pos, e.shiftKey);
      if (target.row === pos.row && target.col === pos.col) {
        // The first or last cell: Tab leaves the table (after committing), as in a form.
        if (!commit()) e.preventDefault();
        return;
      }
      e.preventDefault();
      goTo(target);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'F2') {
      e.preventDefault();
      update({ caret: true });
    } else if (cell.kind === 'breakdown' && e.key === 'F4') {
      e.preventDefault();
      if (commit()) update({ splitOpen: true });
    } else if (e.key === 'Delete' && !s.dirty && !s.caret) {
      e.preventDefault();
      clearActive();
    }
  };

  const setSplitOpen = (open: boolean) => {
    if (open && !commit()) return;
    update({ splitOpen: open });
  };

  const onPaste = (e: ClipboardEvent<HTMLElement>) => {
    const text = e.clipboardData.getData('text/plain');
    const pos = gridRef.current.activePos;
    if (!isBlock(text) && pos) return; // one value: the input takes it as typed text
    e.preventDefault();
    if (!commit()) return;
    const block = parseClipboardBlock(text);
    const plan = planPaste(pasteContext(), pos, block);
    actions().setDraft(null);
    if (plan.errors.length > 0) {
      update({ refusal: `粘贴未执行：${plan.errors[0]}${plan.errors.length > 1 ? `（共${plan.errors.length}处问题）` : ''}` });
      actions().notify('error', pasteRefusal(plan.errors));
      return;
    }
    update({ refusal: null });
    onPastePlan(plan, block.length);
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
    setSplitOpen,
  };
}
