import type { Readable, Writable } from 'node:stream';

/**
 * The Chrome DevTools Protocol over the pipe Chromium opens with --remote-debugging-pipe: the browser
 * reads commands from its fd 3 and writes replies and events to fd 4, each message JSON ending in NUL.
 * No port is opened, so nothing else on the computer can talk to this browser.
 */
export class CdpPipe {
  private nextId = 1;
  // biome-ignore lint/suspicious/noExplicitAny: a reply is JSON whose shape each caller of send<T>() names
  private readonly pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void; method: string }>();
  private readonly waiters = new Set<{
    method: string;
    sessionId?: string;
    // biome-ignore lint/suspicious/noExplicitAny: an event's parameters, shaped by the caller of once<T>()
    resolve: (params: any) => void;
    reject: (error: Error) => void;
  }>();
  /** The pieces of a message still arriving (a PDF part comes in a few hundred). */
  private pendingPieces: string[] = [];
  private failure: Error | null = null;

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
    fromBrowser.on('close', () => this.fail(new Error('the browser closed the connection')));
    // A browser that quits mid-write must not crash the app with EPIPE; the failure reaches the callers.
    toBrowser.on('error', (error) => this.fail(error));
  }

  /** Sends a command (to the browser, or to a page when sessionId is given) and resolves with its result. */
  send<T = unknown>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  /**
   * Resolves with the parameters of the next event of this name (for this page when sessionId is
   * given). Asked for before the command that causes it; if that command fails, nobody awaits the event
   * any more, and its rejection when the browser goes must not surface as an unhandled one.
   */
  once<T = unknown>(method: string, sessionId?: string): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const event = new Promise<T>((resolve, reject) => this.waiters.add({ method, sessionId, resolve, reject }));
    event.catch(() => undefined);
    return event;
  }

  /** Rejects everything still waiting (the browser quit or could not start). */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const call of this.pending.values()) call.reject(error);
    for (const waiter of this.waiters) waiter.reject(error);
    this.pending.clear();
    this.waiters.clear();
  }

  /** Pieces are kept until their message's NUL arrives and joined once: not searched again with every piece. */
  private receive(chunk: string): void {
    let start = 0;
    for (let end = chunk.indexOf('\0'); end !== -1; end = chunk.indexOf('\0', start)) {
      this.pendingPieces.push(chunk.slice(start, end));
      const text = this.pendingPieces.join('');
      this.pendingPieces = [];
      if (text) this.dispatch(JSON.parse(text));
      start = end + 1;
    }
    if (start < chunk.length) this.pendingPieces.push(chunk.slice(start));
  }

  private dispatch(message: {
    id?: number;
    result?: unknown;
    error?: { message: string };
    method?: string;
    params?: unknown;
    sessionId?: string;
  }): void {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    for (const waiter of this.waiters) {
      if (waiter.method === message.method && (waiter.sessionId === undefined || waiter.sessionId === message.sessionId)) {
        this.waiters.delete(waiter);
        waiter.resolve(message.params);
      }
    }
  }
}
