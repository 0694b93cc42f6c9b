import { formatDate as formatSharedDate, formatDateTime as formatSharedDateTime, localToday } from '../../shared/local-date';

/** Dates as the office reads them: 26.11.2026 in German, 26/11/2026 in English; a moment shows its local date. */
export const formatDate = (iso: string | null | undefined, language: string): string => formatSharedDate(iso, language);

/** A moment in local time: 26.11.2026, 14:30 (English 26/11/2026, 14:30). */
export const formatDateTime = (iso: string, language: string): string => formatSharedDateTime(iso, language);

/** Today on the office computer as YYYY-MM-DD, the form date fields and the contract use. */
export const todayIso = (): string => localToday();
