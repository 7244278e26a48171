/**
 * The single `api` IPC channel: accepted only from the app's own page (the main frame of
 * `disclosure://app/index.html`, appProtocol.ts), validated and run by the backend's dispatcher.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../../shared/contract/api';
import type { Dispatch } from '../backend/app/dispatch';
import { isAppPage } from './appProtocol';

export const API_CHANNEL = 'api';

const FOREIGN_SENDER: ApiResult<never> = {
  ok: false,
  error: { code: 'INVALID_REQUEST', message: '拒绝访问：请求不是来自本程序的页面。' },
};

/** Only the app page's main frame may call the backend (not a subframe, not a navigated-away page). */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppPage(frame.url);
}

export function registerApi(dispatch: Dispatch, log: (message: string) => void): void {
  ipcMain.handle(API_CHANNEL, async (event, channel: unknown, request: unknown) => {
    if (!isTrustedSender(event)) {
      log(`Refused an api call from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return FOREIGN_SENDER;
    }
    return dispatch(channel, request);
  });
}
