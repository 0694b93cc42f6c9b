import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security';

/** Writes the one CSP into index.html, so the page carries it even before any header is seen. */
const cspMeta = (): Plugin => ({
  name: 'umzugshelfer-csp-meta',
  transformIndexHtml: (html) =>
    html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`),
});

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2000,
    // No inline scripts or data: modules: the CSP allows scripts from the app's own origin only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
