import type { Send } from '../../shared/contract';
import { fail } from '../../shared/result';
import type {} from '../../electron/preload/api';
import { i18n } from './i18n';

const TOKEN_KEY = 'umzugshelfer.token';

/**
 * In the browser (npm run serve) the contract travels over HTTP to the loopback host, with the
 * session token from the address the host printed. The token is kept for reloads and removed from
 * the address bar.
 */
function httpTransport(): Send {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY) ?? '';

  return (async (name: string, input: unknown) => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-umzugshelfer-token': token },
        body: JSON.stringify(input ?? {}),
      });
      return await response.json();
    } catch {
      return fail('internal', i18n.t('errors.connection'));
    }
  }) as Send;
}

/**
 * The one place the renderer picks its transport: the preload's bridge in the desktop app, HTTP to
 * the loopback host in the browser. Everything else calls `send(name, input)`.
 */
export const send: Send = window.umzugshelfer ? window.umzugshelfer.send : httpTransport();
