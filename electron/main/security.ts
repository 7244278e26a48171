/**
 * Main-process security: no web contents may open windows, navigate (main frame or any frame),
 * redirect or attach a webview; the app's session answers every permission check and request
 * with “no” (camera, notifications, geolocation, clipboard reading, devices …) and sends the
 * strict CSP with every response.
 */
import { app, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../backend/app/csp';

/** Deny-all guards on every web contents, including any created later. */
export function registerNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** CSP on the session's responses, and no permission for anyone. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
