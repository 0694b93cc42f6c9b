import type { z } from 'zod';

/** One request the UI can make: what it sends and what it gets back, both checked by zod. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /**
   * Writes nothing to the database (reads it, or works on files and memory only): answered at once,
   * also while an import is written in time slices. Every other request waits for its turn to write
   * (electron/services/dispatch.ts), so it cannot join another's transaction.
   */
  writesNothing: boolean;
  /**
   * Asked again and again by the UI on its own (an import's progress), not by the office: it does
   * not shorten the time slices of long work (electron/db/time-slices.ts), which a request otherwise does.
   */
  polled: boolean;
}

export const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  input,
  output,
  writesNothing: false,
  polled: false,
});

/** A request that writes nothing to the database (tests/unit/services/import-commit-slices.test.ts checks each). */
export const readRequest = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  input,
  output,
  writesNothing: true,
  polled: false,
});

/** A request that writes nothing, which the UI repeats on its own while it waits (a progress bar). */
export const pollRequest = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  ...readRequest(input, output),
  polled: true,
});
