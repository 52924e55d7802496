// Granular marking selectors (STIX 2.1 §7.2.3): "Selectors MUST refer to properties or list
// items that are actually present on the marked object."

import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';

const S7_2_3 = 'STIX 2.1 §7.2.3';
const INDEX_RE = /^\[(\d+)\]$/;

/** True when `selector` (e.g. `external_references.[0].source_name`) selects content of `root`. */
export function selectorResolves(root: JsonRecord, selector: string): boolean {
  if (selector.length === 0) return false;
  let node: unknown = root;
  for (const component of selector.split('.')) {
    const index = INDEX_RE.exec(component);
    if (index !== null) {
      if (!Array.isArray(node)) return false;
      const i = Number(index[1]);
      if (i >= node.length) return false;
      node = node[i];
    } else {
      if (!isRecord(node) || !Object.hasOwn(node, component)) return false;
      node = node[component];
    }
  }
  return true;
}

/** Reports selectors of `granular_markings` that select nothing on the object. */
export function checkSelectors(o: JsonRecord, r: Reporter): void {
  const markings = o['granular_markings'];
  if (!Array.isArray(markings)) return;
  for (let i = 0; i < markings.length; i++) {
    const marking: unknown = markings[i];
    if (!isRecord(marking)) continue;
    const selectors = marking['selectors'];
    if (!Array.isArray(selectors)) continue;
    for (let j = 0; j < selectors.length; j++) {
      const selector: unknown = selectors[j];
      if (typeof selector !== 'string' || selectorResolves(o, selector)) continue;
      r.push('granular_markings');
      r.push(i);
      r.push('selectors');
      r.error('marking-selector', S7_2_3, `selector ${q(selector)} does not select anything on this object`, j);
      r.pop();
      r.pop();
      r.pop();
    }
  }
}
