import { useCallback, useEffect, useRef, useState } from 'react';
import { hashFor, routeFromHash, type RouteKey } from '../routes';
import { useConfirmLeave } from '../unsaved-changes';

const queryOf = (hash: string) => new URLSearchParams(hash.split('?')[1] ?? '');

/**
 * Hash routing (#/kontakte?import=3): works the same under app:// in the desktop app and on the loopback host.
 * Every change of the address (a nav link, `navigate`, the browser's back button) passes the
 * unsaved-changes guard first; when the office keeps editing, the address goes back to the page shown.
 */
export function useRoute(): [RouteKey, (key: RouteKey, params?: Record<string, string>) => void, URLSearchParams] {
  const [hash, setHash] = useState(() => window.location.hash);
  const shown = useRef(hash);
  const confirmLeave = useConfirmLeave();
  useEffect(() => {
    const onChange = () => {
      const next = window.location.hash;
      if (next === shown.current) return;
      confirmLeave(
        () => {
          shown.current = next;
          setHash(next);
        },
        () => window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${shown.current}`),
      );
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, [confirmLeave]);
  const navigate = useCallback((key: RouteKey, params?: Record<string, string>) => {
    const query = params ? `?${new URLSearchParams(params).toString()}` : '';
    window.location.hash = `${hashFor(key)}${query}`;
  }, []);
  return [routeFromHash(hash), navigate, queryOf(hash)];
}
