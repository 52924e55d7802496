// A feed's name (issue 15, must 9): what administrators, the audit log and import sources call a
// feed instead of its id. Feeds added before names existed are named from their URL.
import { InvalidInputError } from '../../errors.ts';

/** Longest name kept. */
export const FEED_NAME_MAX = 100;

/** The name trimmed, or InvalidInputError naming `name` when it is empty or too long. */
export function checkFeedName(name: string): string {
  const n = name.trim().replace(/\s+/g, ' ');
  if (n === '') throw new InvalidInputError('a feed needs a name', { field: 'name' });
  if (n.length > FEED_NAME_MAX) throw new InvalidInputError(`a feed name has at most ${FEED_NAME_MAX} characters`, { field: 'name' });
  return n;
}

/** A name from the URL: its host and path without the TAXII boilerplate segments and slashes
 *  (`https://taxii.cert.example/api1/collections/abc/objects/` → `taxii.cert.example/api1/collections/abc`). */
export function feedNameFromUrl(url: string): string {
  let host: string;
  let path: string;
  try {
    const u = new URL(url);
    host = u.host;
    path = u.pathname;
  } catch {
    return url.slice(0, FEED_NAME_MAX) || 'feed';
  }
  const segments = path.split('/').filter((s) => s !== '' && s !== 'objects');
  return [host, ...segments].join('/').slice(0, FEED_NAME_MAX);
}

/** `base`, or `base (2)`, `base (3)`… : the first not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base.slice(0, FEED_NAME_MAX - 6)} (${i})`;
    if (!taken.has(candidate)) return candidate;
  }
}
