import { useCallback, useEffect, useState } from 'react';
import { hashFor, routeFromHash, type RouteKey } from '../routes';

/** Hash routing: works the same under app:// in the desktop app and on the loopback host. */
export function useRoute(): [RouteKey, (key: RouteKey) => void] {
  const [route, setRoute] = useState<RouteKey>(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((key: RouteKey) => {
    window.location.hash = hashFor(key);
  }, []);
  return [route, navigate];
}
