/** A step of the reading that took longer than it may (see withDeadline). */
export class TimedOut extends Error {
  override name = 'TimedOut';
}

/**
 * `work`'s result, unless it takes longer than `ms` (rejects with TimedOut) or the reading is cancelled
 * first (rejects with the signal's reason). Either way `stop` is called, because a promise given up on
 * does not end the work behind it: a PDF.js worker stuck in a hostile file would go on using a core.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal, stop: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const settle = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const giveUp = (reason: unknown) => {
      settle();
      stop();
      reject(reason);
    };
    const onAbort = () => giveUp(signal.reason);
    const timer = setTimeout(() => giveUp(new TimedOut(`longer than ${ms} ms`)), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    // Once given up, the work's own answer (or failure) comes to nothing: a promise settles once.
    work.then(
      (value) => {
        settle();
        resolve(value);
      },
      (error: unknown) => {
        settle();
        reject(error);
      },
    );
    if (signal.aborted) onAbort();
  });
}
