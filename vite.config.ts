import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const API_TARGET = 'http://localhost:8080';
const client = (file: string) => fileURLToPath(new URL(`./client/${file}`, import.meta.url));

const ROOT = fileURLToPath(new URL('./', import.meta.url));
const inRepo = (id: string) => (id.startsWith(ROOT) ? id.slice(ROOT.length) : id);

/**
 * Fails the build (and the dev server's request) when a Node module, or a server module outside
 * server/domain/, is about to be resolved into a client bundle: the seam's last line of defence
 * (scripts/check-imports.mjs and the tsconfig projects are the first).
 */
function browserSafe(): Plugin {
  const nodeModule = (source: string, importer: string) =>
    `${source} (a Node module) is imported by ${inRepo(importer)}: the client runs in a browser`;
  return {
    name: 'fsa:browser-safe',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer) return null;
      if (source.startsWith('node:')) this.error(nodeModule(source, importer));
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const id = inRepo(resolved?.id.split('?')[0] ?? '');
      if (id.startsWith('__vite-browser-external')) this.error(nodeModule(source, importer));
      if (id.startsWith('server/') && !id.startsWith('server/domain/'))
        this.error(
          `${id} is imported by ${inRepo(importer)}: the client may import only server/domain/ ` +
            '(anything else of server/ with `import type`)',
        );
      return resolved;
    },
  };
}

// The client is a multi-page app: each entry (the staff app now, the kiosk later) is split
// so a page loads only what it needs.
export default defineConfig({
  root: 'client',
  plugins: [browserSafe(), react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The service worker reads the manifest to precache the kiosk's assets.
    manifest: true,
    rolldownOptions: {
      input: {
        index: client('index.html'),
        kiosk: client('kiosk.html'),
        'kiosk-sw': client('kiosk/sw.ts'),
      },
      output: {
        // The service worker needs a stable address; everything else is content-hashed.
        entryFileNames: (chunk) =>
          chunk.name === 'kiosk-sw' ? 'kiosk-sw.js' : 'assets/[name]-[hash].js',
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: API_TARGET,
        // The server refuses cookie-authenticated writes whose Origin is not its own. In
        // development the page's origin is Vite's, so a request from Vite's own page is
        // forwarded with the server's origin; any other origin is passed on untouched.
        configure: (proxy) => {
          proxy.on('proxyReq', (proxyReq, req) => {
            const origin = req.headers.origin;
            if (origin && req.headers.host && origin === `http://${req.headers.host}`) {
              proxyReq.setHeader('origin', API_TARGET);
            }
          });
        },
      },
    },
  },
});
