import { runCli } from '../../electron/cli/run';
import type { Environment } from '../../electron/cli/language';

/**
 * Runs one CLI command line in this process, as a script would: its exit code and what it printed.
 * No locale in its environment (as LANG=C): the CLI answers in its default language.
 */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  return cliWith({}, ...argv);
}

/** The same with these environment variables (LANG=en_GB.UTF-8 …). */
export async function cliWith(env: Environment, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * The environment of this process without a locale, for a CLI started as a process of its own
 * whose German output a test reads (on a computer set to English it would answer in English).
 */
export const withoutLocale = (env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv => ({
  ...env,
  LC_ALL: '',
  LC_MESSAGES: '',
  LANG: '',
});
