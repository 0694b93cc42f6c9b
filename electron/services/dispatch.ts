import { de as zodGerman, en as zodEnglish } from 'zod/locales';
import type { z } from 'zod';
import { contract, isRequestName, type RequestName, type ValidInput } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';
import { fail, ok, type Result } from '../../shared/result';
import { databaseError } from '../db/errors';
import { noteRequest } from '../db/time-slices';
import type { Handler, SessionContext } from './handler-types';
import { handlers } from './handlers';
import { messageLanguage } from './settings';

const zodLocales = { de: zodGerman(), en: zodEnglish() } as const;

export type Dispatch = (name: string, input: unknown) => Promise<Result<unknown>>;

/** Logs what a developer needs (the stack) where the user never sees it. */
export type ErrorLog = (message: string, error: unknown) => void;
const logToStderr: ErrorLog = (message, error) => console.error(message, error);

function describeIssues(language: Language, issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) =>
      issue.path.length > 0 ? translate(language, 'errors.field', { field: issue.path.join('.'), problem: issue.message }) : issue.message,
    )
    .join('; ');
}

/**
 * The single entry every adapter calls: checks the request name, validates the input against the
 * contract, runs the service and checks its output. Whatever happens, it answers with a Result.
 * Its messages are in messageLanguage(): the settings', or the adapter's own (the CLI's --lang).
 */
/**
 * The contract's check of a request's input, as dispatch makes it: the checked input, or the refusal
 * naming the fields in `language`. Also for an adapter that must check before it has anything to send
 * (the CLI's `invitations --target` when no contact is asked about).
 */
export function checkInput<K extends RequestName>(
  name: K,
  rawInput: unknown,
  language: Language,
): { ok: true; input: ValidInput<K> } | { ok: false; code: 'invalid_input'; message: string } {
  const input = contract[name].input.safeParse(rawInput ?? {}, { error: zodLocales[language].localeError });
  if (input.success) return { ok: true, input: input.data as ValidInput<K> };
  const details = describeIssues(language, input.error.issues);
  return { ok: false, code: 'invalid_input', message: translate(language, 'errors.invalid_input', { request: name, details }) };
}

export function createDispatcher(ctx: SessionContext, log: ErrorLog = logToStderr): Dispatch {
  return async function dispatch(name, rawInput) {
    if (!isRequestName(name)) {
      return fail('unknown_request', translate(messageLanguage(ctx), 'errors.unknown_request', { request: String(name) }));
    }
    if (ctx.unusable) return fail(ctx.unusable.code, translate(messageLanguage(ctx), ctx.unusable.messageKey, ctx.unusable.vars));
    const spec = contract[name];
    // The office is waiting for answers: an import or export under way gives way more often.
    if (!spec.polled) noteRequest();
    const input = checkInput(name, rawInput, messageLanguage(ctx));
    if (!input.ok) return fail(input.code, input.message);
    try {
      // Writes take turns, each to its end (an import written in time slices holds the one
      // transaction for seconds); requests that write nothing are answered at once.
      const handler = handlers[name] as Handler<RequestName>;
      const run = () => handler(ctx, input.input as never);
      const value = await (spec.writesNothing ? run() : ctx.repos.writeTurn(run));
      const output = spec.output.safeParse(value);
      if (!output.success) {
        log(`Output of ${name} does not match the contract`, output.error);
        return fail('internal', translate(messageLanguage(ctx), 'errors.internal'));
      }
      return ok(output.data);
    } catch (error) {
      const now = messageLanguage(ctx);
      // Refusals of the services, and a database file that is corrupt, read-only, full or locked.
      const known = databaseError(error, ctx.databasePath);
      if (known) return fail(known.code, translate(now, known.messageKey, known.vars));
      log(`Request ${name} failed`, error);
      return fail('internal', translate(now, 'errors.internal'));
    }
  };
}
