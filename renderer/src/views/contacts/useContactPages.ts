import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactListInput, ContactRow } from '../../../../shared/model/contact';
import { send } from '../../api';

export const PAGE_SIZE = 100;

export type ContactPagesQuery = Omit<ContactListInput, 'offset' | 'limit'>;

/**
 * The rows of the contact table, fetched a page at a time as the list scrolls. A new query (every
 * keystroke in the search box) starts over at once; answers to older queries are dropped.
 */
export function useContactPages(query: ContactPagesQuery) {
  const key = JSON.stringify(query);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  // The query whose rows are on screen; while it differs from `key`, new rows are on their way.
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [, setVersion] = useState(0);
  const pages = useRef(new Map<number, ContactRow[]>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback((page: number, ticket: number, force = false) => {
    if (pending.current.has(page) || (!force && pages.current.has(page))) return;
    pending.current.add(page);
    const requested = JSON.stringify(queryRef.current);
    void send('contacts.list', { ...queryRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((result) => {
      if (ticket !== generation.current) return;
      pending.current.delete(page);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setError(undefined);
      pages.current.set(page, result.value.rows);
      setTotal(result.value.total);
      setShownKey(requested);
      setVersion((v) => v + 1);
    });
  }, []);

  useEffect(() => {
    const ticket = ++generation.current;
    pages.current = new Map();
    pending.current = new Set();
    load(0, ticket);
  }, [key, load]);

  /** Makes sure the rows from `start` to `end` are loaded (or on their way). */
  const ensure = useCallback(
    (start: number, end: number) => {
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page += 1) load(page, generation.current);
    },
    [load],
  );

  const row = useCallback((index: number): ContactRow | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  /** Loads the shown pages again (after a change); the old rows stay until the new ones are there. */
  const refresh = useCallback(() => {
    const ticket = ++generation.current;
    const loaded = [...pages.current.keys()];
    pending.current = new Set();
    for (const page of loaded.length ? loaded : [0]) load(page, ticket, true);
  }, [load]);

  return { total, error, row, ensure, refresh, busy: shownKey !== key };
}
