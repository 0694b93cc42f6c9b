import type { Send } from '../../shared/contract';
import { fail } from '../../shared/result';
import type {} from '../../electron/preload/api';
import { i18n } from './i18n';

const TOKEN_KEY = 'umzugshelfer.token';
/** The channel on which a new tab asks the open tabs of this browser (this origin only) for the API token. */
const TOKEN_CHANNEL = 'umzugshelfer.token';
/** How long a new tab waits for an open tab's answer; an idle tab answers within milliseconds. */
const ASK_TABS_MS = 1500;

type TokenMessage = { type: 'ask' } | { type: 'token'; token: string };

/** The API token, or why this tab has none (a German sentence saying what to do). */
type SignIn = { token: string } | { token: null; reason: string };

/** Asks the open tabs of this browser for the token; null when none answers. */
function tokenFromOpenTab(channel: BroadcastChannel): Promise<string | null> {
  return new Promise((resolve) => {
    const answered = (event: MessageEvent<TokenMessage>) => {
      if (event.data?.type !== 'token') return;
      finish(event.data.token);
    };
    const finish = (token: string | null) => {
      clearTimeout(timer);
      channel.removeEventListener('message', answered);
      resolve(token);
    };
    const timer = setTimeout(() => finish(null), ASK_TABS_MS);
    channel.addEventListener('message', answered);
    channel.postMessage({ type: 'ask' } satisfies TokenMessage);
  });
}

/**
 * How a tab of the browser gets the loopback host's API token. The address `npm run serve` printed
 * carries a launch code (?token=…), which the first tab trades for the token once; the address, kept
 * in the browser's history, is worthless afterwards. The token is kept in this tab's sessionStorage
 * only (a reload keeps it, closing the tab or the browser forgets it; nothing stays on the disk), and a
 * new tab of the same browser asks the open tabs for it (BroadcastChannel, this origin only). Without
 * an open tab there is no token: the page says to start `npm run serve` again, rather than "forbidden".
 */
async function signIn(channel: BroadcastChannel | null): Promise<SignIn> {
  const url = new URL(window.location.href);
  const launchCode = url.searchParams.get('token');
  let refusal = 'host.signedOut';
  if (launchCode) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    try {
      const response = await fetch('/launch', { method: 'POST', headers: { 'x-umzugshelfer-launch': launchCode } });
      const answer = (await response.json()) as { ok: boolean; value?: { token: string } };
      if (answer.ok && answer.value) {
        window.sessionStorage.setItem(TOKEN_KEY, answer.value.token);
        return { token: answer.value.token };
      }
      refusal = 'host.launchSpent';
    } catch {
      return { token: null, reason: i18n.t('errors.connection') };
    }
  }
  // This tab's own token (a reload, or the spent address opened again in it): the host may refuse it
  // (npm run serve was started again); then the transport forgets it.
  const kept = window.sessionStorage.getItem(TOKEN_KEY);
  if (kept) return { token: kept };
  const fromTab = channel ? await tokenFromOpenTab(channel) : null;
  if (fromTab) {
    window.sessionStorage.setItem(TOKEN_KEY, fromTab);
    return { token: fromTab };
  }
  return { token: null, reason: i18n.t(refusal) };
}

/** In the browser (npm run serve) the contract travels over HTTP to the loopback host, with the API token in a header. */
function httpTransport(): Send {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(TOKEN_CHANNEL) : null;
  let signedIn = signIn(channel);
  // Answers new tabs of this browser with this tab's token, while the host takes it.
  channel?.addEventListener('message', (event: MessageEvent<TokenMessage>) => {
    if (event.data?.type !== 'ask') return;
    void signedIn.then((current) => current.token && channel.postMessage({ type: 'token', token: current.token } satisfies TokenMessage));
  });

  return (async (name: string, input: unknown) => {
    const current = await signedIn;
    if (current.token === null) return fail('forbidden', current.reason);
    try {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-umzugshelfer-token': current.token },
        body: JSON.stringify(input ?? {}),
      });
      if (response.status === 401) {
        // Refused (npm run serve was started again since): forgotten, and not handed to other tabs.
        if (window.sessionStorage.getItem(TOKEN_KEY) === current.token) window.sessionStorage.removeItem(TOKEN_KEY);
        const reason = i18n.t('host.signedOut');
        signedIn = Promise.resolve({ token: null, reason });
        return fail('forbidden', reason);
      }
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
