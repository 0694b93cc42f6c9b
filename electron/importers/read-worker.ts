import { parentPort, workerData } from 'node:worker_threads';
import type { ColumnTarget, LegacyEncoding } from '../../shared/model/import';
import { encodeCandidate, type CandidateStore } from './candidate-store';
import type { CandidateContact } from './normalize';
import { readImportFile, type FileReading } from './read';
import { bufferSource, fileSource, type ByteSource } from './source';

/**
 * Runs in a worker thread (never the main process or the host's event loop): reads one file to
 * import and passes its contacts on in batches. A hostile file can only exhaust this thread's own
 * heap (read-isolated.ts sets its limit and turns its death into a refusal naming the file).
 */

export interface ReaderInput {
  name: string;
  origin: ByteSource['origin'];
  region: string;
  mapping?: ColumnTarget[];
  legacyEncoding?: LegacyEncoding;
  /** Every column mapping the office saved, by header signature. */
  rememberedMappings: [signature: string, mapping: ColumnTarget[]][];
  /** Buffers and other memory outside the heap the reader may hold (V8's limit does not count them). */
  offHeapLimitBytes: number;
}

/** What the reader reports; the main side answers each batch of contacts with an 'ack'. */
export type ReaderMessage =
  | { type: 'progress'; bytesRead: number }
  /**
   * Each contact as encodeCandidate's text: a string crosses to the main thread far cheaper than
   * an object graph (structured clone), and the main side stores it as it is.
   */
  | { type: 'contacts'; contacts: string[] }
  | { type: 'outOfMemory' }
  | { type: 'done'; reading: Omit<FileReading, 'candidates'> };

/** Contacts sent at a time: small enough that the main side plans a batch in a few milliseconds. */
export const BATCH = 500;
/** Batches sent but not yet taken in by the main side before reading pauses (bounds the main heap). */
const BATCHES_AHEAD = 4;

const port = parentPort!;
const input = workerData as ReaderInput;
const send = (message: ReaderMessage) => port.postMessage(message);

let unanswered = 0;
const waiting: (() => void)[] = [];
port.on('message', () => {
  unanswered -= 1;
  if (unanswered < BATCHES_AHEAD) {
    for (const resume of waiting.splice(0)) resume();
  }
});

let pending: string[] = [];
function flush(): void {
  if (pending.length === 0) return;
  send({ type: 'contacts', contacts: pending });
  pending = [];
  unanswered += 1;
}

class OffHeapLimitReached extends Error {}

/**
 * Sends what was read, then waits while the main side is behind: reading never runs far ahead. Also
 * where memory outside the heap is checked, once per chunk read.
 */
async function caughtUp(): Promise<void> {
  flush();
  const { arrayBuffers, external } = process.memoryUsage();
  if (Math.max(arrayBuffers, external) > input.offHeapLimitBytes) throw new OffHeapLimitReached();
  if (unanswered >= BATCHES_AHEAD) await new Promise<void>((done) => waiting.push(done));
}

/** Hands contacts on instead of keeping them: the main side stores and plans them. */
class ForwardingStore implements CandidateStore {
  size = 0;

  add(candidate: CandidateContact): number {
    pending.push(encodeCandidate(candidate));
    if (pending.length >= BATCH) flush();
    return this.size++;
  }

  addEncoded(): number {
    throw new Error('The reader encodes the contacts it reads');
  }

  get(): CandidateContact {
    throw new Error('The reader keeps no contacts');
  }

  range(): CandidateContact[] {
    throw new Error('The reader keeps no contacts');
  }

  replace(): void {
    throw new Error('The reader keeps no contacts');
  }

  values(): IterableIterator<CandidateContact> {
    throw new Error('The reader keeps no contacts');
  }

  close(): void {}
}

/** The source, pausing before each chunk or read while the main side is behind. */
function paced(source: ByteSource): ByteSource {
  return {
    ...source,
    async read(offset, length) {
      await caughtUp();
      return source.read(offset, length);
    },
    async *chunks(onProgress) {
      for await (const chunk of source.chunks(onProgress)) {
        await caughtUp();
        yield chunk;
      }
    },
  };
}

async function main(): Promise<void> {
  const origin = input.origin;
  const source = 'path' in origin ? await fileSource(origin.path, input.name) : bufferSource(input.name, origin.bytes);
  const remembered = new Map(input.rememberedMappings);
  const reading = await readImportFile(paced(source), {
    region: input.region,
    mapping: input.mapping,
    legacyEncoding: input.legacyEncoding,
    rememberedMapping: (signature) => remembered.get(signature) ?? null,
    onProgress: (bytesRead) => send({ type: 'progress', bytesRead }),
    store: new ForwardingStore(),
  });
  flush();
  const { candidates: _kept, ...rest } = reading;
  send({ type: 'done', reading: rest });
}

main().catch((error: unknown) => {
  if (error instanceof OffHeapLimitReached) send({ type: 'outOfMemory' });
  else throw error;
});
