import { languages, type Language } from '../../shared/model/settings';

/** The variables of the process (process.env), or those a test gives. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `--lang <de|en>` (or `--lang=<…>`) anywhere before `--`, taken out of the command line so that
 * it may also stand before the command's name. `value` is undefined without one.
 */
export function takeLanguageOption(argv: readonly string[]): { argv: string[]; value: string | undefined } {
  const rest: string[] = [];
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--lang') value = argv[++i] ?? '';
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
    else rest.push(arg);
  }
  return { argv: rest, value };
}

export const isLanguage = (value: string): value is Language => (languages as readonly string[]).includes(value);

/**
 * The language the environment names, as POSIX reads it: the first of LC_ALL, LC_MESSAGES and LANG
 * that is set. English for a locale starting with `en` (en_GB.UTF-8), German for `de`; null for
 * anything else (C, POSIX, another language), when the settings decide.
 */
export function environmentLanguage(env: Environment): Language | null {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  if (!locale) return null;
  if (/^en/i.test(locale)) return 'en';
  if (/^de/i.test(locale)) return 'de';
  return null;
}
