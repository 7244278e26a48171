/** The window: the start page or the workspace of the open file. */
import { StartPage } from '../features/start/StartPage';
import { useEffect } from 'react';
import { sessionStore, useSession } from '../store/useSession';
import { adoptCurrentFile, useCommands } from './useCommands';
import { Workspace } from './Workspace';

export function App() {
  useCommands();
  // The backend may already have a file open (browser mode opens the demo; a reload keeps it).
  useEffect(() => {
    void adoptCurrentFile();
  }, []);
  const screen = useSession((s) => s.screen);
  // Reloading or closing the window: commit what is being typed (its write is sent with
  // keepalive, so it arrives even if the page goes), and ask first while anything is unsaved.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const session = sessionStore().getState();
      const committed = session.flushEdits();
      const state = sessionStore().getState();
      if (!committed || state.pendingWrites > 0 || state.typing) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
  return screen === 'workspace' ? <Workspace /> : <StartPage />;
}
