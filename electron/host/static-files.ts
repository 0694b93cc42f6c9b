import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  // The QR and PDF readers' WebAssembly: compiled while it streams in only when served as this type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Maps a URL path to a file of the built renderer, for the Electron protocol and the loopback host
 * alike. Paths without an extension are the app's own routes and get index.html; anything that
 * would leave the folder gets null.
 */
export function resolveStaticFile(rootDir: string, urlPath: string): { file: string; contentType: string } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || path.posix.extname(decoded) === '' ? '/index.html' : decoded;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  if (!file.startsWith(root + path.sep)) return null;
  const contentType = contentTypes[path.extname(file).toLowerCase()];
  return contentType ? { file, contentType } : null;
}

/** Vite names every built script, style and asset after its content: assets/<name>-<8-character hash>.<ext>. */
const hashedAsset = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

/**
 * How long the browser may keep a file of the page: a file named after its content never changes
 * under that name, so it is kept for a year without asking again (a second opening reads scripts
 * from the cache); the page itself and anything else is asked for again each time.
 */
export const cacheControlFor = (urlPath: string): string =>
  hashedAsset.test(urlPath) ? 'private, max-age=31536000, immutable' : 'no-cache';
