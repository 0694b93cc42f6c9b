import workerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { localDate, localToday } from '../../../../shared/local-date';
import type { PageReading } from '../../../../shared/model/return-forms';
import type { PageJob, WorkerAnswer, WorkerJob } from './read-scan-messages';
import { TimedOut, withDeadline } from './deadline';
import {
  checkPhoto,
  checkScanFile,
  openTimedOut,
  PDF_OPEN_SECONDS,
  PDF_PAGE_SECONDS,
  pageTimedOut,
  pagesAllowed,
  passwordProtected,
  pdfOpenOptions,
  pdfPageReadSize,
  type ScanProblem,
  unreadable,
} from './scan-files';

/**
 * Reads the files of "Rückläufer einlesen" page by page: a PDF's pages are drawn at 200 dpi here (by
 * PDF.js, whose own worker parses the file), photos go to the scan worker as they are; the scan worker
 * (read-scan.worker.ts) reads the QR code and the boxes and makes the page's picture. While the worker
 * reads one page, the next is drawn. Nothing is fetched from outside the app: PDF.js's worker and its
 * WebAssembly come from the app's own files, and it is asked to load no fonts or character maps.
 */

export interface ScannedPage {
  /** What was measured on the page, with its place in the stack. */
  reading: PageReading;
  /** The page's picture (JPEG): shown in the review and recorded as proof. */
  jpeg: Blob;
  width: number;
  height: number;
  /** The day of the scan: the file's date on this computer (its local calendar day). */
  scanDate: string;
}

export interface ReadResult {
  pages: ScannedPage[];
  problems: ScanProblem[];
  /** Pages in the stack (read or not), and how long the reading took. */
  pageCount: number;
  seconds: number;
}

export interface ReadProgress {
  done: number;
  total: number;
}

/** A page the scan worker reads for longer than this is given up (a broken picture must not hang the reading). */
const WORKER_TIMEOUT_MS = 120_000;
/** Bytes that say what a file is (a PDF's, JPEG's or PNG's signature, a HEIC photo's brand). */
const HEAD_BYTES = 64;

/** A PDF opened, and how to let it go: its document and the PDF.js worker that parses it. */
interface OpenPdf {
  pdf: PDFDocumentProxy;
  close: () => void;
}

type Source = { file: File; kind: 'pdf'; open: OpenPdf; pages: number } | { file: File; kind: 'jpeg' | 'png'; pages: 1 };

/** A file's name as the contract takes it (1–255 characters). */
const nameOf = (file: File) => (file.name || 'Scan').slice(0, 255);

/**
 * The file's date as this computer's calendar day (never the UTC day: a scan at 00:30 is that day's).
 * A date in the future (a scanner or phone whose clock is wrong) is today: a consent cannot be dated later.
 */
export function scanDateOf(file: File): string {
  const today = localToday();
  if (!Number.isFinite(file.lastModified) || file.lastModified <= 0) return today;
  const day = localDate(new Date(file.lastModified));
  // YYYY-MM-DD compare as text.
  return day.localeCompare(today) > 0 ? today : day;
}

/**
 * Reads the files, page by page. Cancelled (`signal`), it stops where it is: the PDF being opened or
 * drawn is let go and its PDF.js worker ended, the scan worker too, and the promise rejects.
 */
export async function readScanFiles(files: File[], onProgress: (progress: ReadProgress) => void, signal: AbortSignal): Promise<ReadResult> {
  const started = performance.now();
  const problems: ScanProblem[] = [];
  const sources: Source[] = [];
  const worker = new ScanWorker();
  try {
    let total = 0;
    for (const file of files) {
      signal.throwIfAborted();
      const source = await openSource(file, total, problems, signal);
      if (source) {
        sources.push(source);
        total += source.pages;
      }
    }
    onProgress({ done: 0, total });

    const pages: ScannedPage[] = [];
    let done = 0;
    let stackPage = 0;
    // The page in the worker; the next one is drawn meanwhile.
    let reading: Promise<void> = Promise.resolve();
    const canvas = document.createElement('canvas');
    for (const source of sources) {
      const fileName = nameOf(source.file);
      const scanDate = scanDateOf(source.file);
      const close = source.kind === 'pdf' ? source.open.close : () => undefined;
      for (let filePage = 1; filePage <= source.pages; filePage += 1) {
        signal.throwIfAborted();
        stackPage += 1;
        const page = stackPage;
        const job =
          source.kind === 'pdf'
            ? await drawPdfPage(source.open.pdf, filePage, fileName, canvas, problems, signal)
            : ({ kind: 'photo', file: source.file } as const);
        await reading;
        signal.throwIfAborted();
        if (job === 'timedOut') {
          // The rest of this file is not read: its pages count as done, and the stack's page numbers go on after them.
          close();
          done += source.pages - filePage + 1;
          stackPage += source.pages - filePage;
          onProgress({ done, total });
          break;
        }
        if (!job) {
          done += 1;
          onProgress({ done, total });
          continue;
        }
        reading = worker.read(job, signal).then((answer) => {
          if (answer.ok) {
            const { measurement, jpeg, width, height } = answer;
            pages.push({ reading: { page, fileName, filePage, ...measurement }, jpeg, width, height, scanDate });
          } else {
            // A photo is its file; a PDF's page is named with its number. (Nothing goes to the console: file names name customers.)
            problems.push(source.kind === 'pdf' ? unreadable(fileName, filePage) : unreadable(fileName));
          }
          done += 1;
          onProgress({ done, total });
        });
      }
      // Its last page read, the file is let go and its PDF.js worker ended (the next file has its own).
      await reading.then(close);
    }
    await reading;
    return { pages, problems, pageCount: stackPage, seconds: (performance.now() - started) / 1000 };
  } finally {
    worker.stop();
    for (const source of sources) if (source.kind === 'pdf') source.open.close();
  }
}

/** A file checked and opened, or null with its problem noted. */
async function openSource(file: File, pagesSoFar: number, problems: ScanProblem[], signal: AbortSignal): Promise<Source | null> {
  const name = nameOf(file);
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const kind = checkScanFile(name, file.size, head);
  if (typeof kind !== 'string') return refuse(problems, kind);
  if (kind !== 'pdf') {
    // The whole photo (40 MB at most) for its header: a JPEG's size may stand behind the camera's data.
    const tooLarge = checkPhoto(name, new Uint8Array(await file.arrayBuffer()), kind) ?? pagesAllowed(name, pagesSoFar, 1);
    return tooLarge ? refuse(problems, tooLarge) : { file, kind, pages: 1 };
  }
  const open = await openPdf(file, signal).catch((error: unknown) => {
    // Cancelled: nothing to note, the reading stops.
    if (signal.aborted) throw error;
    const password = (error as { name?: string } | null)?.name === 'PasswordException';
    problems.push(error instanceof TimedOut ? openTimedOut(name) : password ? passwordProtected(name) : unreadable(name));
    return null;
  });
  if (!open) return null;
  const tooMany = pagesAllowed(name, pagesSoFar, open.pdf.numPages);
  if (tooMany) {
    open.close();
    return refuse(problems, tooMany);
  }
  return { file, kind, open, pages: open.pdf.numPages };
}

function refuse(problems: ScanProblem[], problem: ScanProblem): null {
  problems.push(problem);
  return null;
}

let pdfjsLoaded: Promise<typeof import('pdfjs-dist')> | null = null;

/** PDF.js, loaded when first needed (it is large), with its worker from the app's own files. */
function pdfjs(): Promise<typeof import('pdfjs-dist')> {
  pdfjsLoaded ??= import('pdfjs-dist').then((module) => {
    module.GlobalWorkerOptions.workerSrc = workerSrc;
    return module;
  });
  return pdfjsLoaded;
}

/**
 * Opens a PDF in a PDF.js worker of its own, within PDF_OPEN_SECONDS. Closing ends that worker at once:
 * the loading task's own destroy() asks the worker to stop and waits for its answer, which a worker
 * caught in a hostile file never gives.
 */
async function openPdf(file: File, signal: AbortSignal): Promise<OpenPdf> {
  const { getDocument, PDFWorker } = await pdfjs();
  const data = new Uint8Array(await file.arrayBuffer());
  signal.throwIfAborted();
  const worker = new PDFWorker({ verbosity: pdfOpenOptions.verbosity });
  const task = getDocument({
    ...pdfOpenOptions,
    data,
    worker,
    // JBIG2, CCITT and JPEG 2000 decoders from the app's own files (vite.config.ts).
    wasmUrl: new URL('pdfjs/', document.baseURI).href,
  });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    task.destroy().catch(() => undefined);
    worker.destroy();
  };
  try {
    return { pdf: await withDeadline(task.promise, PDF_OPEN_SECONDS * 1000, signal, close), close };
  } catch (error) {
    // Not a PDF, a password, too slow or cancelled: the worker is ours to end.
    close();
    throw error;
  }
}

/**
 * A PDF page drawn at 200 dpi as pixels for the worker; null (its problem noted) when it cannot be;
 * 'timedOut' (noted too) when it took longer than PDF_PAGE_SECONDS, which ends its file.
 */
async function drawPdfPage(
  pdf: PDFDocumentProxy,
  filePage: number,
  fileName: string,
  canvas: HTMLCanvasElement,
  problems: ScanProblem[],
  signal: AbortSignal,
): Promise<PageJob | 'timedOut' | null> {
  // One deadline for the whole page: fetching it from PDF.js's worker and drawing it.
  const until = performance.now() + PDF_PAGE_SECONDS * 1000;
  const step = <T>(work: Promise<T>, stop: () => void = () => undefined) =>
    withDeadline(work, Math.max(0, until - performance.now()), signal, stop);
  try {
    const page = await step(pdf.getPage(filePage));
    try {
      const natural = page.getViewport({ scale: 1 });
      const size = pdfPageReadSize(fileName, filePage, natural.width, natural.height);
      if ('problem' in size) return refuse(problems, size.problem);
      canvas.width = size.width;
      canvas.height = size.height;
      // Read back once per page: a context kept in memory (not on the graphics card) gives the pixels fastest.
      const context = canvas.getContext('2d', { alpha: false, willReadFrequently: true })!;
      const task = page.render({
        canvas: null,
        canvasContext: context,
        viewport: page.getViewport({ scale: size.scale }),
        background: '#fff',
      });
      await step(task.promise, () => task.cancel());
      const pixels = context.getImageData(0, 0, size.width, size.height);
      return { kind: 'pixels', width: size.width, height: size.height, pixels: pixels.data.buffer };
    } finally {
      page.cleanup();
    }
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof TimedOut) {
      problems.push(pageTimedOut(fileName, filePage));
      return 'timedOut';
    }
    return refuse(problems, unreadable(fileName, filePage));
  }
}

/**
 * The scan worker, one page at a time. A page it does not answer in time (or a worker that dies) is
 * given up, and the next page gets a fresh worker.
 */
class ScanWorker {
  #worker: Worker | null = null;
  #nextId = 1;

  /** The worker's answer for the page; 'failed' when it takes too long, the worker dies, or the reading is cancelled. */
  read(job: PageJob, signal: AbortSignal): Promise<WorkerAnswer> {
    const worker = (this.#worker ??= new Worker(new URL('./read-scan.worker.ts', import.meta.url), { type: 'module' }));
    const id = this.#nextId++;
    return new Promise<WorkerAnswer>((resolve) => {
      const finish = (answer: WorkerAnswer) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', giveUp);
        signal.removeEventListener('abort', giveUp);
        resolve(answer);
      };
      const giveUp = () => {
        this.stop();
        finish({ id, ok: false, reason: 'failed' });
      };
      const onMessage = (event: MessageEvent<WorkerAnswer>) => event.data.id === id && finish(event.data);
      const timer = setTimeout(giveUp, WORKER_TIMEOUT_MS);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', giveUp);
      signal.addEventListener('abort', giveUp, { once: true });
      if (signal.aborted) {
        giveUp();
        return;
      }
      // The page's pixels are handed over, not copied (15 MB a page at 200 dpi).
      const message: WorkerJob = { ...job, id };
      worker.postMessage(message, job.kind === 'pixels' ? [job.pixels] : []);
    });
  }

  stop(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
