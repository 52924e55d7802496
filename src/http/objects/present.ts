// Presenting stored objects. Stored JSON is spliced into responses as text: it was produced
// by JSON.stringify on the way in, so parsing and serialising it again would only cost time.
import { displayTimestamp } from '../../domain/stix/timestamp.ts';
import type { Neighbourhood } from '../../services/object.service.ts';
import type { Visible } from '../../services/access-gate.ts';
import type { Page } from '../../domain/objects/types.ts';
import { markingOf } from '../../domain/markings/banner.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';

/** Opaque cursor for keyset pagination. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

/** Decodes a cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string): number | undefined {
  const m = /^s(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : undefined;
}

/** `"withheld":{id:[selectors]}` for objects that granular markings cut for this reader
 *  (issue 3, item 2: the response says that something was withheld), or nothing. */
function withheldOf(objects: readonly Visible[]): string {
  const cut = objects.filter((o) => o.withheld.length > 0);
  return cut.length === 0 ? '' : `,"withheld":${JSON.stringify(Object.fromEntries(cut.map((o) => [o.id, o.withheld])))}`;
}

/** `,"markings":{id:marking}`: each listed object's marking summary, from the label the gate
 *  decided on, so that a screen's chips and banner need no request that grows with its rows
 *  (issue 15, must 1). Objects read without a reader (the node itself) carry none. */
function markingsOf(objects: readonly Visible[], schemes: SchemeRegistry): string {
  const scheme = (id: string) => schemes.get(id);
  const entries = objects.flatMap((o) => (o.label ? [`${JSON.stringify(o.id)}:${JSON.stringify(markingOf(o.label, scheme))}`] : []));
  return `,"markings":{${entries.join(',')}}`;
}

/** `{"objects":[...],"next":...,"markings":{...}}` */
export function presentPage(page: Page<Visible>, schemes: SchemeRegistry): string {
  const next = page.next === null ? 'null' : JSON.stringify(encodeCursor(page.next));
  return `{"objects":[${page.items.map((o) => o.json).join(',')}],"next":${next}${withheldOf(page.items)}${markingsOf(page.items, schemes)}}`;
}

/** Versions, oldest first, each with when it was stored and its marking (a version's label may
 *  differ from the latest's: the page that shows it folds it into its banner; issue 15, must 1). */
export function presentVersions(id: string, versions: Visible[], schemes: SchemeRegistry): string {
  const scheme = (s: string) => schemes.get(s);
  const items = versions.map(
    (v) =>
      `{"version":${JSON.stringify(v.version === '' ? null : displayTimestamp(v.version))},"added_at":${JSON.stringify(v.addedAt)},"object":${v.json}${v.withheld.length > 0 ? `,"withheld":${JSON.stringify(v.withheld)}` : ''}${v.label ? `,"marking":${JSON.stringify(markingOf(v.label, scheme))}` : ''}}`,
  );
  return `{"id":${JSON.stringify(id)},"versions":[${items.join(',')}]}`;
}

/** The graph: objects, edges, ids referenced but not held. */
export function presentNeighbourhood(n: Neighbourhood, schemes: SchemeRegistry): string {
  return `{"root":${JSON.stringify(n.root.id)},"objects":[${n.objects.map((o) => o.json).join(',')}],"edges":${JSON.stringify(n.edges)},"missing":${JSON.stringify(n.missing)},"truncated":${n.truncated}${withheldOf(n.objects)}${markingsOf(n.objects, schemes)}}`;
}
