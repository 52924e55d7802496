// Reference edges of an object (STIX 2.1 §3.1: `_ref` and `_refs` properties hold identifiers),
// stored so that graph queries and the neighbourhood view never re-read JSON.
import type { JsonValue } from '../stix/types.ts';
import type { Ref } from './prepared.ts';

const ID_SHAPE = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;

/** Every `*_ref` / `*_refs` value of an object, nested ones included, with the property path. */
export function extractRefs(obj: Record<string, JsonValue>): Ref[] {
  const out: Ref[] = [];
  walk(obj, '', out);
  return out;
}

function walk(node: Record<string, JsonValue>, prefix: string, out: Ref[]): void {
  for (const key in node) {
    const value = node[key];
    if (key === 'id' || value === null || (typeof value !== 'object' && typeof value !== 'string')) continue;
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') {
      if (key.endsWith('_ref') && ID_SHAPE.test(value)) out.push({ property: path, target: value });
    } else if (Array.isArray(value)) {
      const isRefs = key.endsWith('_refs');
      for (const item of value) {
        if (isRefs && typeof item === 'string' && ID_SHAPE.test(item)) out.push({ property: path, target: item });
        else if (item !== null && typeof item === 'object' && !Array.isArray(item)) walk(item, path, out);
      }
    } else {
      walk(value, path, out);
    }
  }
}
