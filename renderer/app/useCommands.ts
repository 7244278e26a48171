/**
 * Window-wide commands: Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z for the session's undo and redo, and the
 * Electron menu's commands when the preload provides `onMenu`.
 */
import { useEffect } from 'react';
import { isMenuCommand, type MenuCommand } from '../../shared/contract/menu';
import { getApi } from '../api/client';
import { actions, sessionStore } from '../store/useSession';
import { useUi } from './uiState';

/** Inputs without text of their own to undo (a 报表设置 choice): Ctrl+Z there undoes the session's step. */
const CHOICE_INPUTS: ReadonlySet<string> = new Set(['radio', 'checkbox', 'button', 'submit', 'reset']);

/** Text fields keep their own undo; the table's cell input and choices defer to the session's. */
function ownsUndo(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !target.classList.contains('cell-input') && !CHOICE_INPUTS.has(target.type);
}

/** Opens whatever file the backend has open (at start, or after main opened one itself). */
export async function adoptCurrentFile(): Promise<void> {
  const result = await getApi().invoke('file.current', {});
  if (!result.ok) actions().notify('error', result.error.message);
  else if (result.value) await actions().openFile(result.value);
}

async function runMenu(command: MenuCommand, arg: string | null): Promise<void> {
  const api = getApi();
  const inWorkspace = sessionStore().getState().screen === 'workspace';
  switch (command) {
    case 'undo':
      return actions().undo();
    case 'redo':
      return actions().redo();
    case 'new':
      if (inWorkspace) await actions().closeFile();
      useUi.getState().requestNewFile();
      return;
    case 'fileOpened':
      return adoptCurrentFile();
    case 'open':
    case 'openRecent': {
      const result = await api.invoke('file.open', command === 'openRecent' && arg ? { id: arg } : {});
      if (!result.ok) actions().notify('error', result.error.message);
      else if (result.value) await actions().openFile(result.value);
      return;
    }
    case 'saveAs': {
      if (!inWorkspace || !actions().flushEdits()) return;
      await actions().settled();
      const result = await api.invoke('file.saveAs', {});
      if (!result.ok) actions().notify('error', result.error.message);
      else if (result.value) actions().fileChanged(result.value);
      return;
    }
    case 'exportDocx':
    case 'exportXlsx':
      if (inWorkspace && sessionStore().getState().loaded) useUi.getState().openExport([command === 'exportDocx' ? 'docx' : 'xlsx']);
      return;
  }
}

export function useCommands(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.isComposing) return;
      if (sessionStore().getState().screen !== 'workspace' || ownsUndo(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void actions().undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void actions().redo();
      }
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = getApi().onMenu?.((command, arg) => {
      if (isMenuCommand(command)) void runMenu(command, arg);
    });
    return () => {
      window.removeEventListener('keydown', onKey);
      if (typeof unsubscribe === 'function') unsubscribe();
    };
  }, []);
}
