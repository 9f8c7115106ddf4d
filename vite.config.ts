/**
 * Builds the renderer (src-renderer) into build/renderer. Asset paths are relative ('./') because the
 * same build is served from `keepsake://app/` in Electron and from `http://keepsake.localhost/` in the
 * e2e harness; nothing is loaded from the network (no CDN, no web fonts).
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { META_CONTENT_SECURITY_POLICY } from './src-shared/content-security-policy.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * A strict Content-Security-Policy in the built page (defence in depth: Electron main also sends one,
 * from the same definition).
 * Build only, because the dev server injects an inline script for React refresh. Mantine writes its
 * CSS variables in a <style> tag, hence style-src 'unsafe-inline'; scripts stay 'self' only.
 */
const contentSecurityPolicy = (): Plugin => ({
  name: 'keepsake-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: META_CONTENT_SECURITY_POLICY,
      },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  root: `${here}src-renderer`,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: `${here}build/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
