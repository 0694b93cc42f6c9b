import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Printing outside the desktop app (serve mode, CLI, tests): the letters' HTML goes to a Chromium-based
 * browser on this computer, headless, which writes the PDF. The desktop app prints the same HTML with
 * Electron's own Chromium instead.
 */

/** Where Chrome, Edge or Chromium usually live; CHROMIUM_PATH wins. */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const fromEnv = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : [];
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((root): root is string => !!root);
    return [
      ...fromEnv,
      ...roots.flatMap((root) => [
        path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  return [...fromEnv, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium'];
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  return browserCandidates(env, platform).find((candidate) => existsSync(candidate)) ?? null;
}

export class BrowserNotFoundError extends Error {}

/** Prints an HTML document to a PDF file with headless Chromium; resolves when the file is written. */
export async function printHtmlToPdf(html: string, outFile: string, browser = findBrowser()): Promise<void> {
  if (!browser) throw new BrowserNotFoundError('no Chromium-based browser found');
  const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-print-'));
  try {
    const page = path.join(work, 'letters.html');
    writeFileSync(page, html);
    const partial = `${outFile}.part`;
    rmSync(partial, { force: true });
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--no-pdf-header-footer',
      `--user-data-dir=${path.join(work, 'profile')}`,
      `--print-to-pdf=${partial}`,
      // Chromium refuses to run as root with its sandbox (CI, containers).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(page).href,
    ];
    const stderr = await new Promise<string>((resolve, reject) => {
      const child = spawn(browser, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let output = '';
      child.stderr.on('data', (chunk) => (output = (output + String(chunk)).slice(-4000)));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${path.basename(browser)} exited with ${code}: ${output}`))));
    });
    if (!existsSync(partial) || statSync(partial).size === 0) throw new Error(`no PDF was written: ${stderr}`);
    // Only a complete file takes the final name: a half-written PDF is never mistaken for the letters.
    rmSync(outFile, { force: true });
    renameSync(partial, outFile);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The same, returning the PDF's bytes (for the web host, which hands them to the browser). */
export async function printHtmlToPdfBytes(html: string): Promise<Uint8Array> {
  const work = mkdtempSync(path.join(tmpdir(), 'umzugshelfer-pdf-'));
  try {
    const file = path.join(work, 'letters.pdf');
    await printHtmlToPdf(html, file);
    return readFileSync(file);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
