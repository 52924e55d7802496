// Factories for the store contract: PreparedObjects as the ingest domain would hand them to
// ObjectRepo.insertBatch (CONVENTIONS.md, Tests: factories create what a record needs).
import { ownDay } from '../../src/domain/dashboard/own-time.ts';
import { randomUUID } from 'node:crypto';
import type { Observable } from '../../src/domain/observables/types.ts';
import { versionKey } from '../../src/domain/stix/timestamp.ts';
import type { PreparedObject, Ref } from '../../src/domain/ingest/prepared.ts';

export interface PreparedSpec {
  type?: string;
  id?: string;
  /** STIX timestamp of `modified`; also `created` unless that is given. */
  modified?: string;
  created?: string;
  createdByRef?: string | null;
  revoked?: boolean;
  labels?: string[];
  name?: string;
  description?: string;
  refs?: Ref[];
  observables?: Observable[];
}

const T0 = '2024-01-01T00:00:00.000Z';

function key(ts: string): string {
  const k = versionKey(ts);
  if (k === undefined) throw new Error(`not a STIX timestamp: ${ts}`);
  return k;
}

/** A PreparedObject whose JSON, version keys and search text agree with the spec. */
export function buildPrepared(spec: PreparedSpec = {}): PreparedObject {
  const type = spec.type ?? 'indicator';
  const id = spec.id ?? `${type}--${randomUUID()}`;
  const modified = spec.modified ?? T0;
  const created = spec.created ?? modified;
  const createdByRef = spec.createdByRef ?? null;
  const labels = spec.labels ?? [];
  const refs = spec.refs ?? (createdByRef ? [{ property: 'created_by_ref', target: createdByRef }] : []);
  const stix: Record<string, unknown> = { type, spec_version: '2.1', id, created, modified };
  if (createdByRef) stix['created_by_ref'] = createdByRef;
  if (spec.name !== undefined) stix['name'] = spec.name;
  if (spec.description !== undefined) stix['description'] = spec.description;
  if (labels.length > 0) stix['labels'] = labels;
  if (spec.revoked) stix['revoked'] = true;
  return {
    id,
    type,
    specVersion: '2.1',
    version: key(modified),
    created: key(created),
    createdByRef,
    revoked: spec.revoked ?? false,
    labels,
    json: JSON.stringify(stix),
    searchText: [spec.name ?? '', spec.description ?? '', ...labels].join(' ').trim(),
    refs,
    observables: spec.observables ?? [],
    markingRefs: [],
    distribution: null,
    ownDay: ownDay(stix),
    relationshipType: null,
  };
}

/** A later version of `prev` (same id and type), `seconds` after it, with `changes`. */
export function buildNextVersion(prev: PreparedObject, changes: PreparedSpec = {}, seconds = 60): PreparedObject {
  const before = JSON.parse(prev.json) as { modified: string; created: string };
  const modified = new Date(Date.parse(before.modified) + seconds * 1000).toISOString();
  return buildPrepared({ modified, created: before.created, ...changes, id: prev.id, type: prev.type });
}
