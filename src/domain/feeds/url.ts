// Which TAXII 2.1 resource a feed URL names (issue 4, item 3: a discovery URL, an API root or a
// collection), and the steps from the discovery and collections resources to one collection's
// Get Objects URL. Pure: the service fetches, these functions read what came back.
import { InvalidInputError } from '../../errors.ts';

/** What the URL's path alone says. */
export type TaxiiUrl =
  | { kind: 'collection'; apiRoot: string; collectionId: string }
  | { kind: 'collections'; apiRoot: string }
  /** Discovery or an API root: only the response tells which (§4.1.1, §4.2.1). */
  | { kind: 'root'; url: string };

/** §3.1: every TAXII URL ends in a slash; `u` with one added when it lacks it, without query or fragment. */
export function withSlash(u: URL): string {
  const copy = new URL(u.href);
  copy.search = '';
  copy.hash = '';
  if (!copy.pathname.endsWith('/')) copy.pathname += '/';
  return copy.href;
}

/** Parses an absolute http(s) URL, or explains what is wrong with it. */
export function parseFeedUrl(text: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new InvalidInputError(`"${text}" is not an absolute URL`, { field: 'url' });
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    throw new InvalidInputError(`a TAXII URL is http or https, not ${u.protocol}`, { field: 'url' });
  if (u.username || u.password)
    throw new InvalidInputError('put credentials in --user/--password or --token, not in the URL', { field: 'url' });
  return u;
}

/** Classifies a TAXII URL by its path: `…/collections/<id>/objects/`, `…/collections/<id>/`,
 *  `…/collections/`, or anything else (discovery or an API root). */
export function classifyTaxiiUrl(text: string): TaxiiUrl {
  const u = new URL(withSlash(parseFeedUrl(text)));
  const parts = u.pathname.split('/').filter((p) => p !== '');
  const at = parts.lastIndexOf('collections');
  const rest = at < 0 ? [] : parts.slice(at + 1);
  const root = (): string =>
    new URL(
      `/${parts
        .slice(0, at)
        .map((p) => `${p}/`)
        .join('')}`,
      u,
    ).href;
  if (at >= 0 && rest.length === 0) return { kind: 'collections', apiRoot: root() };
  if (at >= 0 && (rest.length === 1 || (rest.length === 2 && rest[1] === 'objects'))) {
    return { kind: 'collection', apiRoot: root(), collectionId: decodeURIComponent(rest[0] ?? '') };
  }
  return { kind: 'root', url: u.href };
}

/** The Get Objects URL of a collection of an API root (§5.4). */
export function objectsUrl(apiRoot: string, collectionId: string): string {
  return new URL(`collections/${encodeURIComponent(collectionId)}/objects/`, apiRoot.endsWith('/') ? apiRoot : `${apiRoot}/`).href;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** Whether a resource is a discovery resource (§4.1.1: it may list `api_roots` and name a `default`). */
export function isDiscovery(body: unknown): boolean {
  const b = record(body);
  return b !== undefined && ('api_roots' in b || 'default' in b) && !('versions' in b);
}

/** The API root a discovery resource points to: its `default`, else its only API root. API
 *  roots may be relative to the discovery URL (§4.1.1). */
export function apiRootFromDiscovery(body: unknown, discoveryUrl: string): string {
  const b = record(body) ?? {};
  const roots = Array.isArray(b['api_roots']) ? b['api_roots'].filter((r): r is string => typeof r === 'string') : [];
  const chosen = typeof b['default'] === 'string' ? b['default'] : roots.length === 1 ? roots[0] : undefined;
  if (chosen === undefined) {
    throw new InvalidInputError(
      `${discoveryUrl} lists ${roots.length} API roots and no default; give one of them as the URL: ${roots.join(', ') || '(none)'}`,
      { field: 'url' },
    );
  }
  return withSlash(new URL(chosen, discoveryUrl));
}

/** A collection as listed by §5.1.1 (only what choosing one needs). */
export interface ListedCollection {
  id: string;
  title: string;
  alias?: string;
  canRead: boolean;
}

/** The collections of a §5.1.1 collections resource; `{}` means none. */
export function listedCollections(body: unknown): ListedCollection[] {
  const list = record(body)?.['collections'];
  if (!Array.isArray(list)) return [];
  const out: ListedCollection[] = [];
  for (const item of list) {
    const c = record(item);
    if (!c || typeof c['id'] !== 'string') continue;
    out.push({
      id: c['id'],
      title: typeof c['title'] === 'string' ? c['title'] : c['id'],
      ...(typeof c['alias'] === 'string' ? { alias: c['alias'] } : {}),
      canRead: c['can_read'] === true,
    });
  }
  return out;
}

/** The collection to pull: the one `wanted` names (id or alias), else the only readable one. */
export function pickCollection(collections: ListedCollection[], wanted: string | undefined, apiRoot: string): ListedCollection {
  const names = (cs: ListedCollection[]): string => cs.map((c) => (c.alias ? `${c.id} (${c.alias})` : c.id)).join(', ') || '(none)';
  if (wanted !== undefined) {
    const c = collections.find((x) => x.id === wanted || x.alias === wanted);
    if (!c)
      throw new InvalidInputError(`${apiRoot} has no collection "${wanted}" that you may see; it has: ${names(collections)}`, {
        field: 'collection',
      });
    if (!c.canRead)
      throw new InvalidInputError(`collection ${c.id} at ${apiRoot} is not readable with these credentials (can_read is false)`, {
        field: 'collection',
      });
    return c;
  }
  const readable = collections.filter((c) => c.canRead);
  const only = readable[0];
  if (readable.length !== 1 || !only)
    throw new InvalidInputError(
      `${apiRoot} has ${readable.length} readable collections; choose one with --collection: ${names(readable)}`,
      { field: 'collection' },
    );
  return only;
}
