/** The active table's editor, for the one cell that renders an input. */
import { createContext, useContext } from 'react';
import type { InputUnit } from './cellInput';
import type { CellEditor } from './useCellEditor';

export interface EditorContextValue {
  editor: CellEditor;
  unit: InputUnit;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error('EditorContext missing');
  return value;
}
