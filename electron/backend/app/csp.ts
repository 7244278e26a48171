/**
 * The Content-Security-Policy of the app's pages, in the desktop window and in browser mode alike:
 * scripts only from the app itself (no inline script, no eval), no plugins, no framing, and
 * connections only back to where the page came from. It is sent as a header with the page and
 * written into the page itself (pageWithPolicy), replacing whatever policy the built page carries,
 * so the strict policy holds even where a header might not reach.
 */
const DIRECTIVES = [
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
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The same policy for a `<meta http-equiv>`: browsers ignore frame-ancestors there (the header carries it). */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join('; ');

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/giu;

/** The page with exactly one CSP meta, the strict one, first in its head. */
export function pageWithPolicy(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}">`;
  const without = html.replace(CSP_META, '');
  const head = /<head(\s[^>]*)?>/iu.exec(without);
  if (!head) return `${meta}${without}`;
  const at = head.index + head[0].length;
  return `${without.slice(0, at)}${meta}${without.slice(at)}`;
}
