import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useCallback, useMemo, useRef } from 'react';
import type { RequestOutput } from '../../../../shared/contract';
import type { ContactRow } from '../../../../shared/model/contact';
import { request } from '../../queries/client';
import { keys, type ContactPagesQuery } from '../../queries/keys';

export const PAGE_SIZE = 100;
/** More rounds than a list of 50,000 has pages: a guard, should a round ever fetch nothing. */
const MAX_ROUNDS = 1_000;
/**
 * The pages a search keeps. A refetch after a change reads every kept page one after another (an
 * infinite query's refetch is one loop), so the changed row shows after at most this many requests,
 * also when the office scrolled through hundreds of pages; pages dropped are read again when scrolled back to.
 */
const KEPT_PAGES = 8;

type ContactPage = RequestOutput<'contacts.list'>;

/** The first page asked for that is not loaded, in page order. */
function firstMissing(asked: ReadonlySet<number>, loaded: readonly number[]): number | undefined {
  const have = new Set(loaded);
  let first: number | undefined;
  for (const page of asked) if (!have.has(page) && (first === undefined || page < first)) first = page;
  return first;
}

/**
 * The rows of the contact table, fetched a page at a time as the list scrolls. A new query (every
 * keystroke in the search box) starts over with its first page while the old rows stay on screen;
 * answers to older queries are dropped.
 *
 * One infinite query per search holds its pages. Unlike a feed, the table jumps: the scrollbar
 * dragged to the middle of 50,000 rows needs page 250, not the 249 before it. So the "next" page is
 * the first one of the rows in view that the query lacks, and `ensure` keeps fetching until none is
 * missing. The query keeps the pages fetched last (KEPT_PAGES); a refetch after a change reads them again.
 */
export function useContactPages(query: ContactPagesQuery) {
  const key = JSON.stringify(query);
  const asked = useRef({ key, pages: new Set([0]) });
  if (asked.current.key !== key) asked.current = { key, pages: new Set([0]) };

  const result = useInfiniteQuery<ContactPage, Error, InfiniteData<ContactPage, number>, QueryKey, number>({
    queryKey: keys.contactList(query),
    queryFn: ({ pageParam }) => request('contacts.list', { ...query, offset: pageParam * PAGE_SIZE, limit: PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (_last, _pages, _lastPage, loaded) => firstMissing(asked.current.pages, loaded),
    maxPages: KEPT_PAGES,
    // The previous search's rows stay until the new search's first page is there (the grid is busy meanwhile).
    placeholderData: keepPreviousData,
  });
  const latest = useRef(result);
  latest.current = result;

  const { data } = result;
  const byPage = useMemo(() => {
    const map = new Map<number, ContactRow[]>();
    for (const [index, page] of (data?.pages ?? []).entries()) map.set(data!.pageParams[index]!, page.rows);
    return map;
  }, [data]);
  // Read through a ref, so that `row` stays the same function and only rows whose contact changed render again.
  const shown = useRef(byPage);
  shown.current = byPage;

  // One loop at a time: an infinite query fetches one page after another.
  const loading = useRef(false);
  const loadAsked = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      let current = latest.current;
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        const loaded = current.isPlaceholderData ? [] : (current.data?.pageParams ?? []);
        // After a failure the view shows it; the pages still missing are asked for again when the table next scrolls.
        if (current.isError || firstMissing(asked.current.pages, loaded) === undefined) break;
        // Joins a fetch under way (the first page, or a refetch after a change) instead of cancelling it.
        current = await current.fetchNextPage({ cancelRefetch: false });
      }
    } finally {
      loading.current = false;
    }
  }, []);

  /** Makes sure the rows from `start` to `end` (those in view) are loaded, or on their way. */
  const ensure = useCallback(
    (start: number, end: number) => {
      // Only the pages in view are asked for: pages scrolled past need not load, and may be dropped.
      const pages = new Set<number>();
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page += 1) pages.add(page);
      asked.current.pages = pages;
      void loadAsked();
    },
    [loadAsked],
  );

  const row = useCallback(
    (index: number): ContactRow | undefined => shown.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  );
  const retry = useCallback(() => void latest.current.refetch(), []);

  return {
    // The latest answer's count: pages are appended as they arrive.
    total: data ? (data.pages.at(-1)?.total ?? null) : null,
    error: result.error?.message,
    row,
    ensure,
    retry,
    busy: result.isPlaceholderData,
  };
}
