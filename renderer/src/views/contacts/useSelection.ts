import { useCallback, useMemo, useRef, useState } from 'react';
import type { ContactFilter, ContactRow, Selection } from '../../../../shared/model/contact';

type State = { mode: 'ids'; ids: Set<number> } | { mode: 'filter'; except: Set<number> };

/**
 * What is selected in the table: single contacts (click, shift-click for a range) or everything
 * the filter finds minus some (select all), so that 50,000 contacts need not travel as a list.
 */
export function useSelection(filterKey: string, total: number) {
  const [state, setState] = useState<State>({ mode: 'ids', ids: new Set() });
  const anchor = useRef<number | null>(null);
  const lastKey = useRef(filterKey);
  if (lastKey.current !== filterKey) {
    lastKey.current = filterKey;
    if (state.mode === 'filter' || state.ids.size > 0) setState({ mode: 'ids', ids: new Set() });
    anchor.current = null;
  }

  const isSelected = useCallback((id: number) => (state.mode === 'ids' ? state.ids.has(id) : !state.except.has(id)), [state]);
  const count = state.mode === 'ids' ? state.ids.size : Math.max(0, total - state.except.size);

  const toggle = useCallback((index: number, id: number, range: boolean, rowAt: (index: number) => ContactRow | undefined) => {
    setState((current) => {
      const select = !(current.mode === 'ids' ? current.ids.has(id) : !current.except.has(id));
      const indexes =
        range && anchor.current !== null ? [Math.min(anchor.current, index), Math.max(anchor.current, index)] : [index, index];
      const ids: number[] = [];
      for (let i = indexes[0]!; i <= indexes[1]!; i += 1) {
        const row = i === index ? { id } : rowAt(i);
        if (row) ids.push(row.id);
      }
      if (current.mode === 'ids') {
        const next = new Set(current.ids);
        for (const each of ids) select ? next.add(each) : next.delete(each);
        return { mode: 'ids', ids: next };
      }
      const except = new Set(current.except);
      for (const each of ids) select ? except.delete(each) : except.add(each);
      return { mode: 'filter', except };
    });
    anchor.current = index;
  }, []);

  // Everything found is selected, whether by "select all" or one by one.
  const allSelected = total > 0 && count === total;
  const toggleAll = useCallback(() => {
    setState(allSelected ? { mode: 'ids', ids: new Set() } : { mode: 'filter', except: new Set() });
  }, [allSelected]);

  const clear = useCallback(() => setState({ mode: 'ids', ids: new Set() }), []);

  const asSelection = useCallback(
    (filter: ContactFilter): Selection | null => {
      if (state.mode === 'ids') return state.ids.size ? { ids: [...state.ids] } : null;
      return { filter, except: [...state.except] };
    },
    [state],
  );

  return useMemo(
    () => ({ isSelected, count, toggle, toggleAll, clear, asSelection, allSelected }),
    [isSelected, count, toggle, toggleAll, clear, asSelection, allSelected],
  );
}
