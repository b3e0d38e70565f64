// Builds the renderer (Svelte 5) into renderer/dist. `base: './'` keeps every asset URL relative
// so the same build loads from file:// in Electron and from `beaconwatch serve` over HTTP.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
// the app's one Content-Security-Policy, written into index.html's meta tag
import { injectCsp } from '../engine/contract/csp.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [svelte(), { name: 'beaconwatch-csp', transformIndexHtml: { order: 'pre', handler: injectCsp } }],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // no inline polyfill script: the CSP allows scripts from 'self' only
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173, strictPort: false },
});
