import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const API_TARGET = 'http://localhost:8080';
const client = (file: string) => fileURLToPath(new URL(`./client/${file}`, import.meta.url));

// The client is a multi-page app: each entry (the staff app now, the kiosk later) is split
// so a page loads only what it needs.
export default defineConfig({
  root: 'client',
  plugins: [react()],
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
