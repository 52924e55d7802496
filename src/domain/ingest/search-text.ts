// The words an object is found by in full-text search (issue 2: name, description, labels and
// pattern), plus aliases, SCO values and external ids, which analysts search for by name
// (an ATT&CK technique id, a CVE).
//
// The text is handed to the store as it is: the store reduces it to words (store/shared/
// search-words.ts). Reducing it here to its distinct words, on the examining worker, cost
// 10–12 µs per object of JavaScript string work (measured 2026-11-22) to save the store's
// C tokenizer 2–3 µs; with both cores busy during an import, the sum is what counts.
import type { JsonValue, StixObject } from '../stix/types.ts';

// `pseudonym` and `skills`: rapid response's expert profiles are found by pseudonym and skill (issue 18, must 2).
const TEXT_PROPERTIES = ['name', 'description', 'pattern', 'value', 'abstract', 'content', 'explanation', 'key', 'number', 'pseudonym'];
const LIST_PROPERTIES = ['labels', 'aliases', 'x_mitre_aliases', 'indicator_types', 'malware_types', 'threat_actor_types', 'skills'];

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
