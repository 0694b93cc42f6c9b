/** Dates as the office reads them: 26.11.2026 in German, 26/11/2026 in English. */
export const formatDate = (iso: string | null | undefined, language: string): string => {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' }).format(date);
};

export const formatDateTime = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

/** Today as YYYY-MM-DD, the form date fields and the contract use. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);
