// The words an object is found by in full-text search (issue 2: name, description, labels and
// pattern), plus aliases, SCO values and external ids, which analysts search for by name
// (an ATT&CK technique id, a CVE).
import type { JsonValue, StixObject } from '../stix/types.ts';

const TEXT_PROPERTIES = ['name', 'description', 'pattern', 'value', 'abstract', 'content', 'explanation', 'key', 'number'];
const LIST_PROPERTIES = ['labels', 'aliases', 'x_mitre_aliases', 'indicator_types', 'malware_types', 'threat_actor_types'];

function push(out: string[], v: JsonValue | undefined): void {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number') out.push(String(v));
}

/** Concatenated searchable text of an object. */
export function searchText(obj: StixObject): string {
  const out: string[] = [];
  for (const p of TEXT_PROPERTIES) push(out, obj[p]);
  for (const p of LIST_PROPERTIES) {
    const list = obj[p];
    if (Array.isArray(list)) for (const v of list) push(out, v);
  }
  const refs = obj['external_references'];
  if (Array.isArray(refs)) {
    for (const r of refs) {
      if (r !== null && typeof r === 'object' && !Array.isArray(r)) push(out, r['external_id']);
    }
  }
  return out.join(' ');
}
