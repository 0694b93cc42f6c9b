import { addDays } from '../../shared/local-date';

/**
 * Birthdays as files write them, to YYYY-MM-DD or --MM-DD (year unknown):
 * 19800322, 1980-03-22, --0322, 22.03.1980, 22.03. (no year), 1604-02-02 (iOS: no year), 0/0/00 (Outlook: none).
 */
export function normalizeBirthday(text: string | null | undefined, dayFirst = true): string | null {
  const value = (text ?? '').trim();
  if (!value) return null;
  const iso = value.match(/^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$/);
  const noYear = value.match(/^--(\d{2})-?(\d{2})$/);
  const dotted = value.match(/^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/);
  // "22.03.": day and month without a year, as the app's export writes such a birthday.
  const dottedNoYear = value.match(/^(\d{1,2})\.(\d{1,2})\.$/);
  const slashed = value.match(/^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/);
  const excelSerial = value.match(/^(\d{5})(?:\.0+)?$/);
  if (excelSerial && !iso) {
    // Excel stores dates as days since 30.12.1899 (its 1900 leap-year bug included). That is a
    // calendar date with no time of day and no time zone: counted on the calendar (addDays works in
    // UTC only so that no zone or summer time can move it), never through the local clock.
    return normalizeBirthday(addDays('1899-12-30', Number(excelSerial[1])));
  }
  let year: number | null = null;
  let month: number;
  let day: number;
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (noYear) [month, day] = [Number(noYear[1]), Number(noYear[2])];
  else if (dottedNoYear) [day, month] = [Number(dottedNoYear[1]), Number(dottedNoYear[2])];
  else if (dotted) [day, month, year] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
  else if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    [day, month] = dayFirst || a > 12 ? [a, b] : [b, a];
    year = Number(slashed[3]);
  } else return null;
  if (year !== null && year < 100) year = year === 0 ? null : year + (year > 30 ? 1900 : 2000);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  // Apple writes 1604 for "no year"; no customer was born before 1900.
  if (year !== null && (year < 1900 || year > 2100)) year = null;
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  return year === null ? `--${mm}-${dd}` : `${year}-${mm}-${dd}`;
}
