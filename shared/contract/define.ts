import type { z } from 'zod';

/** One request the UI can make: what it sends and what it gets back, both checked by zod. */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export const request = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): RequestSpec<I, O> => ({
  input,
  output,
});
