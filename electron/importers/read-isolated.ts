import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ColumnTarget } from '../../shared/model/import';
import { decodeCandidate, MemoryCandidateStore } from './candidate-store';
import { READER_HEAP_MB, READER_OFF_HEAP_MB, READER_STALL_MS } from './limits';
import type { CandidateContact } from './normalize';
import type { FileReading, ReadOptions } from './read';
import type { ReaderInput, ReaderMessage } from './read-worker';
import type { ByteSource } from './source';

/**
 * Reads a file to import in a worker thread (read-worker.ts) with memory limits, so that a hostile
 * or broken file can neither freeze the app nor the loopback host nor take the process down with
 * it: the contacts arrive here in batches and go to the store and the planner as before; when the
 * reader dies (out of memory, stuck, or any error), the file is refused with a message naming it.
 */

/**
 * The worker's script, built beside each bundle (out/main, out/host, out/cli). Tests and benchmarks,
 * which run the sources, build it once and name it in UMZUGSHELFER_READER; the app's own bundles are
 * built with that name replaced by `undefined` (scripts/build.mjs), so no environment variable can
 * make the desktop app run another script next to its database.
 */
export function readerScript(): string {
  const named = process.env.UMZUGSHELFER_READER;
  if (named) return named;
  const beside = path.join(__dirname, 'read-worker.cjs');
  if (!existsSync(beside)) throw new Error(`The import reader is missing (${beside}); run npm run build`);
  return beside;
}

export interface IsolatedReadOptions extends Omit<ReadOptions, 'rememberedMapping' | 'onCandidate'> {
  /** Each contact as it arrives; the next waits until a returned promise settles. */
  onCandidate?: (candidate: CandidateContact, index: number) => void | Promise<void>;
  /** Every saved column mapping by header signature (the worker cannot ask the database). */
  rememberedMappings: [string, ColumnTarget[]][];
  /** Stops the reader at once (an import cancelled while its files are read). */
  signal?: AbortSignal;
  /** The reader's heap in MB (READER_HEAP_MB unless a test wants to reach it sooner). */
  heapMb?: number;
  /** Memory outside the reader's heap in MB (READER_OFF_HEAP_MB unless a test wants to reach it sooner). */
  offHeapMb?: number;
  /** How long the reader may report nothing before it counts as stuck (READER_STALL_MS). */
  stallMs?: number;
}

type RefusalKey = 'readerOutOfMemory' | 'readerStalled' | 'readerFailed';

/** Why the reader stopped without an answer, as an issue of the file. */
const refusal = (source: ByteSource, key: RefusalKey, vars: Record<string, number> = {}): FileReading => ({
  name: source.name,
  format: null,
  encoding: null,
  hash: '',
  issues: [{ line: null, key, vars }],
  rejected: true,
  candidates: new MemoryCandidateStore(),
  table: null,
  chat: null,
});

export class ReadCancelled extends Error {
  constructor() {
    super('Reading was cancelled');
  }
}

/**
 * One reader at a time in this process: each may take READER_HEAP_MB, and two browser tabs or an
 * import begun twice must not add up to more than an office PC can spare.
 */
let readers: Promise<unknown> = Promise.resolve();

export function readImportFileIsolated(source: ByteSource, options: IsolatedReadOptions): Promise<FileReading> {
  const turn = readers.then(() => readInWorker(source, options));
  readers = turn.catch(() => undefined);
  return turn;
}

function readInWorker(source: ByteSource, options: IsolatedReadOptions): Promise<FileReading> {
  const store = options.store ?? new MemoryCandidateStore();
  const heapMb = options.heapMb ?? READER_HEAP_MB;
  const offHeapMb = options.offHeapMb ?? READER_OFF_HEAP_MB;
  const input: ReaderInput = {
    name: source.name,
    origin: source.origin,
    region: options.region,
    mapping: options.mapping,
    legacyEncoding: options.legacyEncoding,
    rememberedMappings: options.rememberedMappings,
    offHeapLimitBytes: offHeapMb * 1024 * 1024,
  };
  return new Promise<FileReading>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ReadCancelled());
      return;
    }
    const worker = new Worker(readerScript(), {
      workerData: input,
      // The young generation is where a batch of contacts lives and dies (see source.ts on chunk
      // sizes); 48 MB keeps it from spilling into the old one without letting it grow unbounded.
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 48 },
      // Whatever the reader prints stays out of the office's terminal; its errors arrive as 'error'.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    let stall: NodeJS.Timeout | undefined;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(stall);
      options.signal?.removeEventListener('abort', cancel);
      finish();
      void worker.terminate();
    };
    const refuse = (key: RefusalKey, vars: Record<string, number> = {}) => settle(() => resolve(refusal(source, key, vars)));
    // Every message shows the reader is alive; silence for stallMs means a loop that never ends.
    const stallMs = options.stallMs ?? READER_STALL_MS;
    const watch = () => {
      clearTimeout(stall);
      stall = setTimeout(() => refuse('readerStalled', { seconds: Math.round(stallMs / 1000) }), stallMs);
    };
    const cancel = () => settle(() => reject(new ReadCancelled()));
    options.signal?.addEventListener('abort', cancel);
    watch();

    const handle = async (message: ReaderMessage) => {
      if (settled) return;
      if (message.type === 'progress') options.onProgress?.(message.bytesRead);
      else if (message.type === 'contacts') {
        for (const encoded of message.contacts) {
          if (settled) return;
          const index = store.addEncoded(encoded);
          if (!options.onCandidate) continue;
          // The planner may give way to the event loop between contacts (see db/time-slices.ts);
          // awaited only then, not once per contact.
          const turn = options.onCandidate(decodeCandidate(encoded), index);
          if (turn !== undefined) await turn;
        }
        worker.postMessage('ack');
        // The reader may have waited for this answer: its silence so far was ours, not a stall.
        watch();
      } else if (message.type === 'outOfMemory') refuse('readerOutOfMemory', { limit: offHeapMb });
      else {
        const reading = message.reading;
        // A file refused half-way: what it sent before is dropped with the plan (see analyseFile).
        settle(() => resolve({ ...reading, candidates: reading.rejected ? new MemoryCandidateStore() : store }));
      }
    };
    // Messages are handled one after the other, each to its end, in the order the reader sent them.
    let handled = Promise.resolve();
    worker.on('message', (message: ReaderMessage) => {
      if (settled) return;
      watch();
      handled = handled.then(() => handle(message)).catch((error: unknown) => settle(() => reject(error)));
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        refuse('readerOutOfMemory', { limit: heapMb });
        return;
      }
      // A defect of a reader: the office gets a sentence, the log gets the stack (never file contents).
      console.error(`Import reader failed on a ${path.extname(source.name) || 'file'}:`, error.stack ?? error.message);
      refuse('readerFailed');
    });
    worker.on('exit', () => refuse('readerFailed'));
  });
}
