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
}

export const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  input,
  output,
  writesNothing: false,
});

/** A request that writes nothing to the database (tests/unit/services/import-commit-slices.test.ts checks each). */
export const readRequest = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  input,
  output,
  writesNothing: true,
});
