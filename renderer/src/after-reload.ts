import { notifications } from '@mantine/notifications';

// A message that must outlive the page: a restore loads the app afresh, and the office should still
// read what was restored and how to undo it. Kept in this tab's sessionStorage only, read once.
const KEY = 'umzugshelfer.afterReload';

/** Loads the page afresh and shows `message` (green) once it is back. */
export function reloadWithMessage(message: string): void {
  window.sessionStorage.setItem(KEY, message);
  window.location.reload();
}

/** Shows the message left before a reload, once; called when the app starts. */
export function showMessageLeftBeforeReload(): void {
  const message = window.sessionStorage.getItem(KEY);
  if (!message) return;
  window.sessionStorage.removeItem(KEY);
  notifications.show({ color: 'teal', message, autoClose: 12_000 });
}
