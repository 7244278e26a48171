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
  return screen === 'workspace' ? <Workspace /> : <StartPage />;
}
