/** The window: the start page or the workspace of the open file. */
import { StartPage } from '../features/start/StartPage';
import { useEffect } from 'react';
import { useSession } from '../store/useSession';
import { adoptCurrentFile, useCommands } from './useCommands';
import { Workspace } from './Workspace';

export function App() {
  useCommands();
  // The backend may already have a file open (browser mode opens the demo; a reload keeps it).
  useEffect(() => {
    void adoptCurrentFile();
  }, []);
  const screen = useSession((s) => s.screen);
  const saving = useSession((s) => s.pendingWrites > 0);
  // Closing the window while a write is on its way would lose it: ask first.
  useEffect(() => {
    if (!saving) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [saving]);
  return screen === 'workspace' ? <Workspace /> : <StartPage />;
}
