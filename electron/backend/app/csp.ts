/**
 * The Content-Security-Policy of the app's pages, in the desktop window and in browser mode alike:
 * scripts only from the app itself (no inline script, no eval), no plugins, no framing, and
 * connections only back to where the page came from.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
