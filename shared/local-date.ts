/**
 * Calendar dates as the office computer's clock reads them. A date is kept as YYYY-MM-DD and is
 * always the LOCAL day: a letter printed at 00:30 in Germany carries that day's date, not the
 * previous day's (which is what the UTC date at the start of `toISOString()` would give). Moments
 * (timestamps) are stored in UTC and shown in local time.
 */

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A birthday whose year is unknown, as vCards write it: --MM-DD. */
const noYearPattern = /^--(\d{2})-(\d{2})$/;

/** A calendar date as YYYY-MM-DD (month 1–12). */
export const isoDate = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** The local calendar date of a moment, as YYYY-MM-DD. */
export const localDate = (moment: Date): string => isoDate(moment.getFullYear(), moment.getMonth() + 1, moment.getDate());

/** Today on this computer, as YYYY-MM-DD. */
export const localToday = (): string => localDate(new Date());

/**
 * The local date `days` calendar days before `from` (default now). Counted in days, not in
 * 24-hour steps, so a change to or from summer time in between moves nothing.
 */
export const localDaysAgo = (days: number, from: Date = new Date()): string =>
  localDate(new Date(from.getFullYear(), from.getMonth(), from.getDate() - days));

/** The parts of a YYYY-MM-DD date, or null when the text is not one. */
export function dateParts(date: string): { year: number; month: number; day: number } | null {
  const match = datePattern.exec(date);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/** Whole days from one calendar date to another (YYYY-MM-DD; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [dateParts(from), dateParts(to)];
  if (!a || !b) throw new Error(`not a date (YYYY-MM-DD): ${a ? to : from}`);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** Whether a YYYY-MM-DD text is a day the calendar has (not 2026-02-31). */
export function isCalendarDate(date: string): boolean {
  const parts = dateParts(date);
  if (!parts) return false;
  const moment = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  return moment.getUTCFullYear() === parts.year && moment.getUTCMonth() === parts.month - 1 && moment.getUTCDate() === parts.day;
}

/**
 * A calendar date moved by whole days. Pure calendar arithmetic: the date is placed at UTC midnight
 * only so that no time zone or summer time can shift it, and read back the same way.
 */
export function addDays(date: string, days: number): string {
  const parts = dateParts(date);
  if (!parts) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const moved = new Date(Date.UTC(parts.year, parts.month - 1, parts.day + days));
  return isoDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/**
 * A calendar date moved by whole months, the day kept where the month has it (31 August minus six
 * months is the last day of February). Pure calendar arithmetic, as addDays.
 */
export function addMonths(date: string, months: number): string {
  const parts = dateParts(date);
  if (!parts) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const first = new Date(Date.UTC(parts.year, parts.month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDate(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(parts.day, lastDay));
}

/** The Monday of the week a date falls in (weeks begin on Monday, as in Germany), as YYYY-MM-DD. */
export function mondayOf(date: string): string {
  const parts = dateParts(date);
  if (!parts) throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  const weekday = new Date(Date.UTC(parts.year, parts.month - 1, parts.day)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/**
 * The local calendar date of a stored value: a date stays as it is; a moment in UTC
 * ("2026-11-29T23:30:00.000Z") becomes the day it was here (30.11.2026 in Germany); a time without
 * a zone ("2026-11-29T23:30:00", as WhatsApp exports write it) is local time already. Null when the
 * text is neither.
 */
export function localDateOf(value: string): string | null {
  if (datePattern.test(value)) return value;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value)) return null;
  const moment = new Date(value);
  return Number.isNaN(moment.getTime()) ? null : localDate(moment);
}

const english = (language: string): boolean => language.startsWith('en');

/** Day and month as the language writes them: 04.12. in German, 04/12 in English. */
const dayMonth = (day: string, month: string, language: string): string => (english(language) ? `${day}/${month}` : `${day}.${month}.`);

/**
 * A date as the office reads it: 04.12.2026 in German, 04/12/2026 in English (British order). A
 * moment shows its local date; a birthday without a year shows day and month. Text that is no date
 * comes back as it is; nothing gives ''.
 */
export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const noYear = noYearPattern.exec(value);
  if (noYear) return dayMonth(noYear[2]!, noYear[1]!, language);
  const date = localDateOf(value);
  if (!date) return value;
  const [year, month, day] = date.split('-') as [string, string, string];
  return english(language) ? `${day}/${month}/${year}` : `${day}.${month}.${year}`;
}

/**
 * A date as the office types it into a form, in the order both languages write it (day, month, year):
 * 22.03.1980, 22.3.1980 or 22/03/1980, and YYYY-MM-DD as pasted from elsewhere. With `withoutYear`,
 * day and month alone (22.03., 22/03) give --MM-DD, as vCards keep a birthday whose year is unknown.
 * The year has four digits (is "22.03.20" 1920 or 2020?). Null when the text is no day the calendar has.
 */
export function parseTypedDate(text: string, { withoutYear = false } = {}): string | null {
  const value = text.trim();
  if (datePattern.test(value)) return isCalendarDate(value) ? value : null;
  const match = /^(\d{1,2})[./](\d{1,2})(?:[./](\d{4})|[./]?)$/.exec(value);
  if (!match) return null;
  const [day, month] = [Number(match[1]), Number(match[2])];
  if (match[3] === undefined) {
    // No year: a day the calendar has in some year (29 February in a leap year).
    if (!withoutYear || !isCalendarDate(isoDate(2000, month, day))) return null;
    return `--${pad(month)}-${pad(day)}`;
  }
  const date = isoDate(Number(match[3]), month, day);
  return isCalendarDate(date) ? date : null;
}

/** A moment with its local time: 04.12.2026, 14:30 (English 04/12/2026, 14:30). */
export function formatDateTime(value: string, language: string): string {
  const moment = new Date(value);
  if (Number.isNaN(moment.getTime()) || datePattern.test(value)) return formatDate(value, language);
  return `${formatDate(localDate(moment), language)}, ${pad(moment.getHours())}:${pad(moment.getMinutes())}`;
}
