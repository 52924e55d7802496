// Cursors and pages of the object list (issue 15, must 5). A cursor is opaque to clients: store
// order keeps its short `s<seq>` form; sorted and ranked cursors carry their keyset position.
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import type { SearchSummary } from '../../domain/explorer/types.ts';
import type { ListCursor, SearchPage } from '../../services/search.service.ts';
import { decodeCursor, encodeCursor, presentPage } from '../objects/present.ts';

/** A decoded cursor: store order (seq) or a keyset position in a sort order. */
export type AnyCursor = { kind: 'seq'; seq: number } | ListCursor;

export function encodeAny(c: AnyCursor): string {
  if (c.kind === 'seq') return encodeCursor(c.seq);
  const parts = c.kind === 'sorted' ? ['k', c.by, c.desc ? 1 : 0, c.key, c.seq] : ['r', c.score, c.name, c.seq];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

const BY = new Set(['modified', 'created', 'name', 'type']);

/** Decodes a cursor of ours; undefined when it is not one. */
export function decodeAny(cursor: string): AnyCursor | undefined {
  const seq = decodeCursor(cursor);
  if (seq !== undefined) return { kind: 'seq', seq };
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts)) return undefined;
  const [tag, a, b, c, d] = parts as unknown[];
  if (tag === 'k' && typeof a === 'string' && BY.has(a) && (b === 0 || b === 1) && typeof c === 'string' && Number.isSafeInteger(d)) {
    return { kind: 'sorted', by: a as 'modified', desc: b === 1, key: c, seq: Number(d) };
  }
  if (tag === 'r' && Number.isFinite(a) && typeof b === 'string' && Number.isSafeInteger(c)) {
    return { kind: 'relevance', score: Number(a), name: b, seq: Number(c) };
  }
  return undefined;
}

/** `{"objects":[...],"next":...,"markings":{...},"owners":{...}[,"ranked":..][,"total":..,"facets":..]}` */
export function presentSearch(
  page: SearchPage | { items: SearchPage['items']; next: AnyCursor | null },
  schemes: SchemeRegistry,
  owners: Record<string, string>,
  summary?: SearchSummary,
): string {
  const base = presentPage({ items: page.items, next: null }, schemes);
  const next = page.next === null ? 'null' : JSON.stringify(encodeAny(page.next));
  const extra = [
    `"owners":${JSON.stringify(owners)}`,
    'ranked' in page && page.ranked ? `"ranked":${JSON.stringify(page.ranked)}` : '',
    summary ? `"total":${JSON.stringify(summary.total)},"facets":${JSON.stringify(summary.facets)}` : '',
  ].filter((s) => s !== '');
  // The objects array is followed by `,"next":null`; what follows it (withheld, markings) holds
  // ids and marking names only, so the last such occurrence is the page's own.
  const at = base.lastIndexOf('],"next":null') + 1;
  return `${base.slice(0, at)},"next":${next}${base.slice(at + ',"next":null'.length, -1)},${extra.join(',')}}`;
}
