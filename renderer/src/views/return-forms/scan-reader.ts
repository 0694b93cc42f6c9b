import workerSrc from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { localDate, localToday } from '../../../../shared/local-date';
import type { PageReading } from '../../../../shared/model/return-forms';
import type { PageJob, WorkerAnswer, WorkerJob } from './read-scan-messages';
import { checkPhoto, checkScanFile, pagesAllowed, passwordProtected, pdfPageReadSize, type ScanProblem, unreadable } from './scan-files';

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

/** A page that draws or reads for longer than this is given up (a broken file must not hang the reading). */
const PAGE_TIMEOUT_MS = 120_000;
/** Bytes that say what a file is (a PDF's, JPEG's or PNG's signature, a HEIC photo's brand). */
const HEAD_BYTES = 64;

type Source = { file: File; kind: 'pdf'; pdf: PDFDocumentProxy; pages: number } | { file: File; kind: 'jpeg' | 'png'; pages: 1 };

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

export async function readScanFiles(files: File[], onProgress: (progress: ReadProgress) => void, signal: AbortSignal): Promise<ReadResult> {
  const started = performance.now();
  const problems: ScanProblem[] = [];
  const sources: Source[] = [];
  const worker = new ScanWorker();
  try {
    let total = 0;
    for (const file of files) {
      signal.throwIfAborted();
      const source = await openSource(file, total, problems);
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
      for (let filePage = 1; filePage <= source.pages; filePage += 1) {
        signal.throwIfAborted();
        stackPage += 1;
        const page = stackPage;
        const job =
          source.kind === 'pdf'
            ? await drawPdfPage(source.pdf, filePage, fileName, canvas, problems)
            : ({ kind: 'photo', file: source.file } as const);
        await reading;
        signal.throwIfAborted();
        if (!job) {
          done += 1;
          onProgress({ done, total });
          continue;
        }
        reading = worker.read(job).then((answer) => {
          if (answer.ok) {
            const { measurement, jpeg, width, height } = answer;
            pages.push({ reading: { page, fileName, filePage, ...measurement }, jpeg, width, height, scanDate });
          } else {
            if (answer.detail) console.error(`Rückläufer: ${fileName}, Seite ${filePage}:`, answer.detail);
            // A photo is its file; a PDF's page is named with its number.
            problems.push(source.kind === 'pdf' ? unreadable(fileName, filePage) : unreadable(fileName));
          }
          done += 1;
          onProgress({ done, total });
        });
      }
      if (source.kind === 'pdf') await reading.then(() => source.pdf.destroy());
    }
    await reading;
    return { pages, problems, pageCount: stackPage, seconds: (performance.now() - started) / 1000 };
  } finally {
    worker.stop();
    for (const source of sources) if (source.kind === 'pdf') void source.pdf.destroy();
  }
}

/** A file checked and opened, or null with its problem noted. */
async function openSource(file: File, pagesSoFar: number, problems: ScanProblem[]): Promise<Source | null> {
  const name = nameOf(file);
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const kind = checkScanFile(name, file.size, head);
  if (typeof kind !== 'string') return refuse(problems, kind);
  if (kind !== 'pdf') {
    // The whole photo (40 MB at most) for its header: a JPEG's size may stand behind the camera's data.
    const tooLarge = checkPhoto(name, new Uint8Array(await file.arrayBuffer()), kind) ?? pagesAllowed(name, pagesSoFar, 1);
    return tooLarge ? refuse(problems, tooLarge) : { file, kind, pages: 1 };
  }
  const pdf = await openPdf(file).catch((error: { name?: string }) => {
    problems.push(error?.name === 'PasswordException' ? passwordProtected(name) : unreadable(name));
    return null;
  });
  if (!pdf) return null;
  const tooMany = pagesAllowed(name, pagesSoFar, pdf.numPages);
  if (tooMany) {
    void pdf.destroy();
    return refuse(problems, tooMany);
  }
  return { file, kind, pdf, pages: pdf.numPages };
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

async function openPdf(file: File): Promise<PDFDocumentProxy> {
  const { getDocument } = await pdfjs();
  return getDocument({
    data: new Uint8Array(await file.arrayBuffer()),
    // Scans are pictures: no fonts are loaded into the page (the CSP allows none from data:), no code is
    // generated, no XFA forms; JBIG2, CCITT and JPEG 2000 decoders from the app's own files (vite.config.ts).
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    wasmUrl: new URL('pdfjs/', document.baseURI).href,
    // An embedded picture of more than 80 million pixels (A4 at 1,200 dpi is 140) is left out rather than decoded.
    maxImageSize: 80_000_000,
    verbosity: 0,
  }).promise;
}

/** A PDF page drawn at 200 dpi as pixels for the worker, or null (its problem noted) when it cannot be. */
async function drawPdfPage(
  pdf: PDFDocumentProxy,
  filePage: number,
  fileName: string,
  canvas: HTMLCanvasElement,
  problems: ScanProblem[],
): Promise<PageJob | null> {
  try {
    const page = await withTimeout(pdf.getPage(filePage));
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
      await withTimeout(task.promise, () => task.cancel());
      const pixels = context.getImageData(0, 0, size.width, size.height);
      return { kind: 'pixels', width: size.width, height: size.height, pixels: pixels.data.buffer };
    } finally {
      page.cleanup();
    }
  } catch {
    return refuse(problems, unreadable(fileName, filePage));
  }
}

function withTimeout<T>(promise: Promise<T>, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error('timeout'));
    }, PAGE_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The scan worker, one page at a time. A page it does not answer in time (or a worker that dies) is
 * given up, and the next page gets a fresh worker.
 */
class ScanWorker {
  #worker: Worker | null = null;
  #nextId = 1;

  read(job: PageJob): Promise<WorkerAnswer> {
    const worker = (this.#worker ??= new Worker(new URL('./read-scan.worker.ts', import.meta.url), { type: 'module' }));
    const id = this.#nextId++;
    return new Promise<WorkerAnswer>((resolve) => {
      const finish = (answer: WorkerAnswer) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(answer);
      };
      const giveUp = (detail: string) => {
        this.stop();
        finish({ id, ok: false, reason: 'failed', detail });
      };
      const onMessage = (event: MessageEvent<WorkerAnswer>) => event.data.id === id && finish(event.data);
      const onError = (event: ErrorEvent) => giveUp(event.message || 'worker error');
      const timer = setTimeout(() => giveUp('timeout'), PAGE_TIMEOUT_MS);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
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
