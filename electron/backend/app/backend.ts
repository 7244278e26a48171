/**
 * The application backend, assembled: one session, the recent list, file ids, the handlers and
 * the dispatcher. The desktop shell and the browser-mode server each build one with their Host.
 */
import type { Api, OpenFileInfo } from '../../../shared/contract/api';
import { type Dispatch, createDispatcher, type Log, logToStderr } from './dispatch';
import { FileIds } from './fileIds';
import { openDemo, openPath, recentEntries } from './files';
import { createHandlers } from './handlers';
import type { Host } from './host';
import type { LockEnvironment } from './lock';
import { RecentFiles } from './recent';
import { Session } from './session';
import type { FileEntry } from '../../../shared/contract/api';

export interface BackendOptions {
  host: Host;
  version: string;
  /** The JSON file holding the recent list. */
  recentStore: string;
  /** The shipped demo interchange JSON. */
  demoFixture: string;
  log?: Log;
  onRecentChanged?: () => void;
  /** Testing hook: who this backend's locks say holds a file. */
  lockEnvironment?: Partial<LockEnvironment>;
}

export interface Backend {
  /** For untrusted callers: validates, runs, answers with an ApiResult. */
  dispatch: Dispatch;
  /** The same, typed. */
  api: Api;
  /** Opens a file given on the command line (not from the renderer). */
  openPath(filePath: string): OpenFileInfo;
  openDemo(): OpenFileInfo;
  /** Recent files with their ids (the desktop menu's 最近打开). */
  recentFiles(): FileEntry[];
  /** Closes the open file and releases its lock. */
  close(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const session = new Session({ lockEnvironment: options.lockEnvironment });
  const ctx = {
    host: options.host,
    session,
    recent: new RecentFiles(options.recentStore),
    ids: new FileIds(),
    demoFixture: options.demoFixture,
    onRecentChanged: options.onRecentChanged,
    version: options.version,
  };
  const { dispatch, api } = createDispatcher(createHandlers(ctx), options.log ?? logToStderr);
  return {
    dispatch,
    api,
    openPath: (filePath) => openPath(ctx, filePath),
    openDemo: () => openDemo(ctx),
    recentFiles: () => recentEntries(ctx),
    close: () => session.close(),
  };
}
