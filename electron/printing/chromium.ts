import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { writePrivateFile, type PrivateTempFolder } from '../db/temp-files';
import { CdpPipe } from './cdp-pipe';
import type { PdfPrinter } from './printer';

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
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/snap/bin/chromium',
  ];
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | null {
  return browserCandidates(env, platform).find((candidate) => existsSync(candidate)) ?? null;
}

export class BrowserNotFoundError extends Error {}

/** A page of the browser, in a browser context of its own (its own renderer process, so two can print at once). */
interface Tab {
  browserContextId: string;
  sessionId: string;
}

/** A part that takes longer than this has hung the browser (a part of 100 letters takes about a second). */
const PART_TIMEOUT_MS = 120_000;

const launchArguments = (profileDir: string) => [
  '--headless',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  // The pipe is also the browser's tie to this process: when it closes (this process ends, even by
  // SIGKILL) Chromium quits. Measured with SIGKILL at random moments: 60 of 60 browsers quit, 40 of them
  // killed in the first 0.8 s while starting (before the first answer on the pipe), the slowest after
  // 0.9 s; a watchdog would add nothing. The unit test kills 20 runs from start-up to printing.
  '--remote-debugging-pipe',
  // Headless Chrome keeps the address bar's popups ready in a renderer of their own for every window
  // (about 0.5 s of CPU each, a quarter of 1,000 letters' time on two cores); nothing here types into one.
  // Each part is a navigation: Chrome would start a spare renderer for the next one and keep the part
  // just printed in its back-forward cache; neither is of use here (1,000 letters: 0.3 s less).
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,PreloadTopChromeWebUI,SpareRendererForSitePerProcess,BackForwardCache',
  `--user-data-dir=${profileDir}`,
  // Chromium refuses to run as root with its sandbox (CI, containers).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  'about:blank',
];

/**
 * Starts a headless Chromium for one batch of letters and prints each document in it: loaded from a
 * temporary file, after its fonts are ready, as an A4 PDF sized by the document's own @page rule.
 * The browser starts once (0.2 to 0.7 s) however many parts follow, and is always shut down by close().
 * The pages and the browser's profile go to a run folder in the session's private temp folder
 * (without one, in tests and the benchmark, to a folder of the system's, 0700 as well).
 */
export async function openChromiumPrinter(browser = findBrowser(), tempFolder?: PrivateTempFolder): Promise<PdfPrinter> {
  if (!browser) throw new BrowserNotFoundError('no Chromium-based browser found');
  const work = tempFolder ? tempFolder.newRunFolder('print') : mkdtempSync(path.join(tmpdir(), 'umzugshelfer-print-'));
  const removeWork = () =>
    tempFolder ? tempFolder.removeRunFolder(work) : rmSync(work, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  const child = spawn(browser, launchArguments(path.join(work, 'profile')), { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      cdp.fail(new Error(`${path.basename(browser)} exited with ${code}: ${stderr.trim()}`));
      resolve();
    }),
  );
  child.once('error', (error) => cdp.fail(error));

  let closed = false;
  const shutDown = async () => {
    closed = true;
    if (child.exitCode === null && child.signalCode === null) {
      // Asked to quit, Chromium stops its helpers and writes its profile first; killed only if it hangs.
      void cdp.send('Browser.close').catch(() => undefined);
      if (!(await Promise.race([exited.then(() => true), delay(5000).then(() => false)]))) {
        child.kill('SIGKILL');
        await Promise.race([exited, delay(3000)]);
      }
    }
    removeWork();
  };
  try {
    await cdp.send('Browser.getVersion');
  } catch (error) {
    // A browser that quits at once also breaks the pipe; what it said on quitting is the useful part.
    await Promise.race([exited, delay(3000)]);
    // 'exit' can come before the last of stderr has been read.
    const stderrRead = new Promise<void>((resolve) =>
      child.stderr!.readableEnded ? resolve() : child.stderr!.once('end', () => resolve()),
    );
    await Promise.race([stderrRead, delay(1000)]);
    await shutDown();
    throw child.exitCode !== null ? new Error(`${path.basename(browser)} exited with ${child.exitCode}: ${stderr.trim()}`) : error;
  }

  const idle: Tab[] = [];
  const openTab = async (): Promise<Tab> => {
    const { browserContextId } = await cdp.send<{ browserContextId: string }>('Target.createBrowserContext');
    const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Page.enable', {}, sessionId);
    // The letters are HTML with names and addresses from imported files: no script of theirs runs, only
    // the app's own waiting for the fonts below (DevTools' evaluation is not the page's scripting).
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
    return { browserContextId, sessionId };
  };
  const printIn = async (tab: Tab, file: string): Promise<Uint8Array> => {
    const loaded = cdp.once('Page.loadEventFired', tab.sessionId);
    const navigation = await cdp.send<{ errorText?: string }>('Page.navigate', { url: pathToFileURL(file).href }, tab.sessionId);
    if (navigation.errorText) throw new Error(`the letters could not be loaded: ${navigation.errorText}`);
    await loaded;
    await cdp.send('Runtime.evaluate', { expression: 'document.fonts.ready.then(() => true)', awaitPromise: true }, tab.sessionId);
    // Untagged: the PDF is for the printer and the envelope; tagging made printing 40 % slower.
    const pdf = await cdp.send<{ data: string }>(
      'Page.printToPDF',
      {
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: false,
        marginTop: 0,
        marginBottom: 0,
        marginLeft: 0,
        marginRight: 0,
      },
      tab.sessionId,
    );
    return new Uint8Array(Buffer.from(pdf.data, 'base64'));
  };

  let parts = 0;
  return {
    async print(html) {
      if (closed) throw new Error('the printer was closed');
      const file = path.join(work, `part-${++parts}.html`);
      writePrivateFile(file, html);
      const tab = idle.pop() ?? (await openTab());
      try {
        const pdf = await withTimeout(printIn(tab, file), PART_TIMEOUT_MS, () =>
          cdp.fail(new Error(`${path.basename(browser)} did not answer within ${PART_TIMEOUT_MS / 1000} s`)),
        );
        idle.push(tab);
        return pdf;
      } catch (error) {
        await cdp.send('Target.disposeBrowserContext', { browserContextId: tab.browserContextId }).catch(() => undefined);
        throw error;
      } finally {
        rmSync(file, { force: true });
      }
    },
    close: shutDown,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`no answer within ${ms / 1000} s`));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
