import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work on the main thread (planning an import against the database, writing it) that the
 * event loop must be able to interrupt: the UI's other requests (searching the list while a
 * 100,000-contact file is imported) are answered between slices. Call the returned function often;
 * it gives way for one turn of the event loop once `budgetMs` have passed since the last time, or
 * SHORT_SLICE_MS while the office waits for answers. Measured in `npm run bench` (keystroke → rows
 * while a second tab imports).
 */
export type Pause = () => Promise<void> | undefined;

/**
 * When the office last asked for something (a search, a contact, a page of the list). While it is
 * waiting for answers, slices are short: a keystroke's query waits for at most SHORT_SLICE_MS instead
 * of a whole slice. Otherwise slices are long, as each turn costs the work some time.
 */
let askedAt = Number.NEGATIVE_INFINITY;
/** How long after a request the office counts as waiting for answers (typing on in the search box). */
const ATTENTIVE_MS = 1000;
/**
 * 3 ms while the office waits for answers: keystroke → rows during a 100,000-contact import, 90th
 * percentile 52 → 46 ms here, the host's answer 23 → 17 ms (issue 20).
 */
const SHORT_SLICE_MS = 3;

/**
 * Called by dispatch for every request the office makes (not for a progress poll, see
 * RequestSpec.polled); `at` for tests, which start from no request at all.
 */
export function noteRequest(at = performance.now()): void {
  askedAt = at;
}

/**
 * 10 ms otherwise: 5 ms was tried for all of an import (issue 20): it took 8–10 % longer (2.06 →
 * 2.30 s for 50,000 vCards).
 */
export function timeSlices(budgetMs = 10): Pause {
  const began = performance.now();
  let sliceStarted = began;
  return () => {
    const now = performance.now();
    // Only requests since the work began: the one that started it (an import's commit) waits for its end anyway.
    const waiting = askedAt > began && now - askedAt < ATTENTIVE_MS;
    const budget = waiting ? Math.min(budgetMs, SHORT_SLICE_MS) : budgetMs;
    if (now - sliceStarted < budget) return undefined;
    return nextTurn().then(() => {
      sliceStarted = performance.now();
    });
  };
}

/**
 * Work written as a generator that yields wherever it may be interrupted (between two contacts):
 * the CLI and tests run it to its end at once (runSteps), the UI's adapters in time slices
 * (runStepsInSlices). One body of code for both, so they cannot drift apart.
 */
export type Steps<T> = Generator<void, T, void>;

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export async function runStepsInSlices<T>(steps: Steps<T>, pause: Pause = timeSlices()): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const turn = pause();
    if (turn !== undefined) await turn;
  }
}
