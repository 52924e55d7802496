// The title of an object, by its meaning (issue 15, must 3): its name; a relationship as
// "source —uses→ target"; a sighting as "X sighted N times at Y"; a cyber-observable by its value.
// `nameOf` names referenced objects (from the neighbourhood the page loaded); an object it does not
// know is shown by its id.
import { SCO_TYPES, typeName } from './stix-names.ts';

type Obj = { id: string; type: string } & Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** What identifies a cyber-observable (STIX 2.1 §6): its value, name, key, number or hash. */
function scoValue(o: Obj): string | undefined {
  const direct = str(o['value']) ?? str(o['name']) ?? str(o['key']) ?? str(o['path']) ?? str(o['user_id']) ?? str(o['account_login']);
  if (direct) return direct;
  if (typeof o['number'] === 'number') return `AS${o['number']}`;
  if (typeof o['pid'] === 'number') return `process ${o['pid']}`;
  const hashes = o['hashes'];
  if (typeof hashes === 'object' && hashes !== null) {
    const [alg, h] = Object.entries(hashes as Record<string, unknown>)[0] ?? [];
    if (typeof h === 'string') return `${alg} ${h}`;
  }
  return str(o['subject']) ?? str(o['serial_number']);
}

/** A short name for any object: its name, value or the like, else its type and id. */
export function nameOf(o: Obj | undefined): string | undefined {
  if (!o) return undefined;
  return (
    str(o['name']) ?? (SCO_TYPES.has(o.type) ? scoValue(o) : undefined) ?? str(o['value']) ?? str(o['display_name']) ?? str(o['abstract'])
  );
}

/** The page title of `o`; `names` gives the names of the objects it refers to. */
export function titleOf(o: Obj, names: (id: string) => string | undefined = () => undefined): string {
  const ref = (v: unknown): string => {
    const id = str(v);
    return id ? (names(id) ?? id) : '(unknown)';
  };
  if (o.type === 'relationship') return `${ref(o['source_ref'])} —${str(o['relationship_type']) ?? 'related-to'}→ ${ref(o['target_ref'])}`;
  if (o.type === 'sighting') {
    const count = typeof o['count'] === 'number' ? o['count'] : 1;
    const where = Array.isArray(o['where_sighted_refs']) ? o['where_sighted_refs'].map(ref) : [];
    return `${ref(o['sighting_of_ref'])} sighted ${count} ${count === 1 ? 'time' : 'times'}${where.length > 0 ? ` at ${where.join(', ')}` : ''}`;
  }
  if (o.type === 'note')
    return str(o['abstract']) ?? `Note on ${(Array.isArray(o['object_refs']) ? o['object_refs'] : []).map(ref).join(', ')}`;
  if (o.type === 'opinion') return `Opinion: ${str(o['opinion']) ?? ''}`.trim();
  // Rapid response's nameless objects (issue 18) by what they are about.
  if (o.type === 'x-concord-assistance-offer') return `Offer for ${ref(o['request_ref'])}`;
  if (o.type === 'x-concord-assistance-decision')
    return `${str(o['decision']) === 'accepted' ? 'Acceptance' : 'Refusal'} of ${ref(o['offer_ref'])}`;
  if (o.type === 'x-concord-expert-profile') return `Expert ${str(o['pseudonym']) ?? o.id}`;
  return nameOf(o) ?? `${typeName(o.type)} ${o.id.slice(o.type.length + 2, o.type.length + 10)}`;
}
