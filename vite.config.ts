import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security';

/** Writes the one CSP into index.html, so the page carries it even before any header is seen. */
const cspMeta = (): Plugin => ({
  name: 'umzugshelfer-csp-meta',
  transformIndexHtml: (html) =>
    html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}" />`),
});

/**
 * PDF.js decodes JBIG2 and CCITT images (black-and-white scanner PDFs) and JPEG 2000 with WebAssembly
 * that its worker fetches from one folder by fixed names (its `wasmUrl` option). Without them it would
 * fall back to slower JavaScript, or for JPEG 2000 fail; and it must never fetch them from elsewhere.
 * So they are copied beside the app as pdfjs/… (renderer/src/views/return-forms/scan-reader.ts).
 */
const pdfjsWasm = (): Plugin => ({
  name: 'umzugshelfer-pdfjs-wasm',
  apply: 'build',
  generateBundle() {
    const folder = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'wasm');
    for (const name of ['jbig2.wasm', 'openjpeg.wasm', 'qcms_bg.wasm', 'openjpeg_nowasm_fallback.js'])
      this.emitFile({ type: 'asset', fileName: `pdfjs/${name}`, source: readFileSync(path.join(folder, name)) });
  },
});

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta(), pdfjsWasm()],
  // The scan reader's worker imports the QR reader as a module (and its WebAssembly by address).
  worker: { format: 'es' },
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
