// A small history router: the app's routes are the server's APP_ROUTES (src/http/ui/plugin.ts).
import { useSyncExternalStore } from 'react';

const CHANGE = 'concord:navigate';

function subscribe(notify: () => void): () => void {
  window.addEventListener('popstate', notify);
  window.addEventListener(CHANGE, notify);
  return () => {
    window.removeEventListener('popstate', notify);
    window.removeEventListener(CHANGE, notify);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Goes to `to` (a path with an optional query) without reloading. */
export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
  if (!replace) window.scrollTo(0, 0);
}

/** The path of an object's page. */
export const objectPath = (id: string): string => `/objects/${encodeURIComponent(id)}`;

/** The path of the lookup of one value. */
export const lookupPath = (value: string): string => `/lookup${value === '' ? '' : `?value=${encodeURIComponent(value)}`}`;
