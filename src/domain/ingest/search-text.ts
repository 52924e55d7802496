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

const NON_ASCII = /[^\x00-\x7f]/;
/** Words longer than this are not indexed (store/shared/search-words.ts MAX_WORD_LENGTH). */
const MAX_WORD_LENGTH = 256;
/** At most this many distinct words are indexed (store/shared/search-words.ts MAX_WORDS). */
const MAX_WORDS = 10_000;

/**
 * The searchable text of an object in the form the store indexes cheapest: for ASCII text, its
 * distinct lowercase words joined by spaces, exactly the words store/shared/search-words.ts
 * `searchWords` finds in it (which the store applies again, and which is idempotent on such a
 * text). This runs on the examining worker thread: FTS5 then tokenises each word once instead of
 * every occurrence (a generated 100-word description has ~30 distinct words), which measured
 * 2–4 µs less per object on the writing thread. Other text is returned as it is, since Unicode
 * normalisation is left to the store.
 */
export function searchDocument(obj: StixObject): string {
  const text = searchText(obj);
  if (NON_ASCII.test(text)) return text;
  const lower = text.toLowerCase();
  const words = new Set<string>();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0x20;
    const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start <= MAX_WORD_LENGTH && words.size < MAX_WORDS) words.add(lower.slice(start, i));
      start = -1;
    }
  }
  return [...words].join(' ');
}
