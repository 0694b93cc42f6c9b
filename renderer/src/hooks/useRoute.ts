import { useCallback, useEffect, useState } from 'react';
import { hashFor, routeFromHash, type RouteKey } from '../routes';

const queryOf = (hash: string) => new URLSearchParams(hash.split('?')[1] ?? '');

/** Hash routing (#/kontakte?import=3): works the same under app:// in the desktop app and on the loopback host. */
export function useRoute(): [RouteKey, (key: RouteKey, params?: Record<string, string>) => void, URLSearchParams] {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((key: RouteKey, params?: Record<string, string>) => {
    const query = params ? `?${new URLSearchParams(params).toString()}` : '';
    window.location.hash = `${hashFor(key)}${query}`;
  }, []);
  return [routeFromHash(hash), navigate, queryOf(hash)];
}
