/**
 * The PDF engine's documents and their files, served to its headless Chromium from memory over
 * the loopback interface, under a random path nobody else can guess. The files (fonts, named
 * after their content) are sent to be kept: Chromium decodes them for the first print and takes
 * them from its memory cache for the next — a file:// document would load and check every font
 * again for each print.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { PrintDocument } from './engine';

export interface DocumentServer {
  /** Serves `doc` (and its files) and returns its URL. */
  url(doc: PrintDocument): string;
  /** Stops serving the document at `url` (its files stay, for the next document). */
  done(url: string): void;
  close(): Promise<void>;
}

export async function documentServer(): Promise<DocumentServer> {
  const token = randomBytes(16).toString('hex');
  const documents = new Map<string, string>();
  const files = new Map<string, Uint8Array>();
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '').split('?')[0]!).slice(`/${token}/`.length);
    const html = request.url?.startsWith(`/${token}/`) ? documents.get(name) : undefined;
    const file = request.url?.startsWith(`/${token}/`) ? files.get(name) : undefined;
    if (html !== undefined) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    else if (file) response.writeHead(200, { 'content-type': 'font/otf', 'cache-control': 'max-age=31536000, immutable' }).end(file);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/${token}/`;
  let next = 0;
  return {
    url(doc) {
      for (const [name, data] of doc.files ?? []) files.set(name, data);
      const name = `print-${(next += 1)}.html`;
      documents.set(name, doc.html);
      return base + name;
    },
    done: (url) => void documents.delete(url.slice(base.length)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
