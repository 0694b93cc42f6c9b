import { notifications } from '@mantine/notifications';
import { MutationCache, QueryClient, useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { RequestInput, RequestName, RequestOutput } from '../../../shared/contract';
import type { AppErrorData, ErrorCode } from '../../../shared/result';
import { send } from '../api';
import { i18n } from '../i18n';
import { invalidate } from './keys';

/** A request the host refused or could not answer: its code, and its message in the user's language. */
export class RequestError extends Error {
  readonly code: ErrorCode;

  constructor({ code, message }: AppErrorData) {
    super(message);
    this.name = 'RequestError';
    this.code = code;
  }
}

/** `send` as React Query wants it: the answer's value, or a thrown RequestError carrying the message. */
export async function request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
  const result = await send(name, input);
  if (!result.ok) throw new RequestError(result.error);
  return result.value;
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /**
       * How a failure reaches the user. Left out: a red notification with the host's message.
       * 'inline': the view shows the message itself (a form's or dialog's error line). A function:
       * the notification's text, where the message alone would lack its context.
       */
      failure?: 'inline' | ((message: string) => string);
    };
  }
}

/** The one way a failed request is told outside a form: a red notification with the message. */
export function notifyFailure(message: string): void {
  notifications.show({ color: 'red', title: i18n.t('errors.title'), message });
}

/**
 * A request that changes something, as a mutation: on success it invalidates what it altered (keys.ts
 * says what that is), on failure the client tells the user unless `failure` says otherwise.
 */
export function useRequestMutation<K extends RequestName>(
  name: K,
  { invalidates, failure }: { invalidates: readonly QueryKey[]; failure?: 'inline' | ((message: string) => string) },
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestInput<K>) => request(name, input),
    onSuccess: () => invalidate(queryClient, invalidates),
    meta: failure ? { failure } : undefined,
  });
}

/**
 * For `mutateAsync(…).then(next, toldAlready)`: a failure was told by the client (or the view's own
 * error line), so the caller has nothing left to do. mutateAsync rather than mutate where the follow-up
 * must happen even if the view is gone by then (a download, a notification with its undo).
 */
export const toldAlready = (): void => undefined;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // The other end is this machine's database (IPC or loopback HTTP), not the internet: a
        // browser that believes itself offline must not hold every request back.
        networkMode: 'always',
        // Errors are deterministic (a locked, full or newer database, invalid input): asking again at
        // once gets the same answer. The views offer "try again" where it makes sense.
        retry: false,
        // What a view shows is read when it opens and again when a change in this window invalidates
        // it; focus or reconnect say nothing about the database and would only reorder rows under the
        // pointer.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        // Only what a view shows is kept: a view opened later reads afresh (it takes milliseconds)
        // instead of showing what another tab, the CLI or a letter job may have changed meanwhile.
        gcTime: 0,
      },
      mutations: { networkMode: 'always', retry: false },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        const failure = mutation.meta?.failure;
        if (failure === 'inline') return;
        notifyFailure(failure ? failure(error.message) : error.message);
      },
    }),
  });
}
