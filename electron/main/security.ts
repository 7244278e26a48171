/**
 * Main-process security: every web contents may neither open windows nor navigate away; the app's
 * session denies permission requests and sends the strict CSP with every response.
 */
import { app, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../backend/app/csp';

/** Deny-all guards on every web contents, including any created later. */
export function registerNavigationGuards(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** CSP on the app's responses, and no camera, notifications, geolocation… for anyone. */
export function hardenSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}
