/**
 * Preload (sandboxed, context-isolated): exposes exactly one object, `window.api`, with
 * `invoke(channel, request)` over the single 'api' IPC channel and `onMenu(listener)` for menu
 * commands. The page never sees ipcRenderer; main validates every request at runtime.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult, Channel, RequestOf, ResponseOf } from '../../shared/contract/api';
import { type DesktopApi, isMenuCommand, type MenuListener } from '../../shared/contract/menu';

function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ApiResult<ResponseOf<C>>> {
  return ipcRenderer.invoke('api', channel, request);
}

function onMenu(listener: MenuListener): () => void {
  if (typeof listener !== 'function') throw new TypeError('onMenu expects a function');
  const forward = (_event: IpcRendererEvent, command: unknown, arg: unknown) => {
    if (isMenuCommand(command)) listener(command, typeof arg === 'string' ? arg : null);
  };
  ipcRenderer.on('menu', forward);
  return () => {
    ipcRenderer.removeListener('menu', forward);
  };
}

const api: DesktopApi = { invoke, onMenu };

contextBridge.exposeInMainWorld('api', api);
