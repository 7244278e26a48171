// Preload — THIN placeholder. Exposes exactly one object, `window.api`, whose
// only capability is invoke(channel, request) over the single 'api' IPC channel;
// the renderer never sees ipcRenderer. Channel names and request/response types
// live in shared/contract; the main process validates both at runtime.
'use strict';
const { contextBridge, ipcRenderer } = require('electron');

contextBridge.exposeInMainWorld('api', {
  /** @param {string} channel @param {unknown} request @returns {Promise<unknown>} */
  invoke: (channel, request) => ipcRenderer.invoke('api', channel, request),
});
