// Factories for STIX objects in tests: each makes a valid object with what it needs
// (CONVENTIONS.md, Tests: `buildIndicator({ ... })`).
import { randomUUID } from 'node:crypto';

export type Obj = Record<string, unknown> & { type: string; id: string };

const T0 = '2024-01-01T00:00:00.000Z';

function sdo(type: string, extra: Record<string, unknown>): Obj {
  return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, created: T0, modified: T0, ...extra };
}

/** An identity (organisation by default). */
export function buildIdentity(extra: Record<string, unknown> = {}): Obj {
  return sdo('identity', { name: 'CERT-Test', identity_class: 'organization', ...extra });
}

/** An indicator with a STIX pattern. */
export function buildIndicator(extra: Record<string, unknown> = {}): Obj {
  return sdo('indicator', {
    name: 'Bad IP',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: T0,
    indicator_types: ['malicious-activity'],
    ...extra,
  });
}

/** A malware family. */
export function buildMalware(extra: Record<string, unknown> = {}): Obj {
  return sdo('malware', { name: 'Industroyer', is_family: true, malware_types: ['remote-access-trojan'], ...extra });
}

/** A relationship between two objects. */
export function buildRelationship(source: Obj, type: string, target: Obj, extra: Record<string, unknown> = {}): Obj {
  return sdo('relationship', { relationship_type: type, source_ref: source.id, target_ref: target.id, ...extra });
}

/** An SCO with a random (non-deterministic, but valid) id. */
export function buildSco(type: string, extra: Record<string, unknown>): Obj {
  return { type, spec_version: '2.1', id: `${type}--${randomUUID()}`, ...extra };
}

/** A new version of an object, `seconds` later. */
export function nextVersion(o: Obj, changes: Record<string, unknown>, seconds = 60): Obj {
  const modified = new Date(Date.parse(String(o['modified'])) + seconds * 1000).toISOString();
  return { ...o, ...changes, modified };
}

/** A STIX 2.1 bundle. */
export function bundle(objects: unknown[]): { type: 'bundle'; id: string; objects: unknown[] } {
  return { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
}
