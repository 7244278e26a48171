/**
 * Renderer build: root renderer/, output dist/renderer/, relative base so the Electron window
 * (file://) and the browser-mode server can both load it. No external resources (the CSP in
 * index.html is default-src 'self').
 *
 * `npm run dev:renderer` serves the renderer with hot reload and forwards /api to the web
 * server (`npm run web`, default http://127.0.0.1:5173; override with DISCLOSURE_API), putting
 * DISCLOSURE_TOKEN into the disclosure-token meta tag.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function devToken(): Plugin {
  return {
    name: 'disclosure-dev-token',
    apply: 'serve',
    // The dev server injects inline scripts (hot reload), which the built page's CSP forbids.
    transformIndexHtml: (html) =>
      html
        .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/, '')
        .replace('<meta name="disclosure-token" content="" />', `<meta name="disclosure-token" content="${process.env.DISCLOSURE_TOKEN ?? ''}" />`),
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), devToken()],
  build: {
    outDir: `${repoRoot}dist/renderer`,
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5174,
    strictPort: true,
    fs: { allow: [repoRoot] },
    proxy: { '/api': process.env.DISCLOSURE_API ?? 'http://127.0.0.1:5173' },
  },
});
