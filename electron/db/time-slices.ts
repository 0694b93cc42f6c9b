import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work on the main thread (planning an import against the database, writing it) that the
 * event loop must be able to interrupt: the UI's other requests (searching the list while a
 * 100,000-contact file is imported) are answered between slices. Call the returned function often;
 * it gives way for one turn of the event loop once `budgetMs` have passed since the last time.
 * Measured in `npm run bench` (keystroke → rows while a second tab imports).
 */
export type Pause = () => Promise<void> | undefined;

/**
 * 10 ms: a keystroke's query waits for at most one slice. 5 ms was tried (issue 20): the import took
 * 8–10 % longer (2.06 → 2.30 s for 50,000 vCards) and the keystrokes during it were not measurably quicker.
 */
export function timeSlices(budgetMs = 10): Pause {
  let sliceStarted = performance.now();
  return () => {
    if (performance.now() - sliceStarted < budgetMs) return undefined;
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
