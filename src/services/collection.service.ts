// TAXII collections as node administrators configure them (issue 4): a saved query over the
// store or a write target, with read and write grants per organisation and community. What a
// caller may do with one (TAXII 2.1 §5.2.1 can_read, can_write) is decided here.
import { randomUUID } from 'node:crypto';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { allowed, authorize } from '../domain/access/permissions.ts';
import { checkGrants, collectionRights } from '../domain/access/collection-grants.ts';
import { STIX_MEDIA_TYPE } from '../domain/taxii/media.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { Collection, CollectionKind, CollectionQuery } from '../domain/collections/types.ts';
import type { CollectionRepo } from '../store/repositories.ts';
import type { AuditSink } from './audit.service.ts';

/** What an administrator sets; on update, absent fields are kept. */
export interface CollectionInput {
  title?: string | undefined;
  description?: string | undefined;
  /** Null or "" clears it. */
  alias?: string | null | undefined;
  kind?: CollectionKind | undefined;
  types?: string[] | undefined;
  labels?: string[] | undefined;
  createdByRefs?: string[] | undefined;
  /** Decay's minimum score (0–100) for indicators; null clears it. */
  minScore?: number | null | undefined;
  read?: string[] | undefined;
  write?: string[] | undefined;
}

/** What one caller may do with a collection. */
export interface Rights {
  canRead: boolean;
  canWrite: boolean;
}

const ALIAS = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkList(field: string, values: string[] | undefined, re: RegExp): string[] | undefined {
  if (values === undefined) return undefined;
  for (const v of values) if (!re.test(v)) throw new InvalidInputError(`${field}: "${v}" is malformed`, { field });
  return values.length === 0 ? undefined : [...new Set(values)];
}

function savedQuery(input: CollectionInput, current: CollectionQuery): CollectionQuery {
  const types = input.types !== undefined ? checkList('types', input.types, /^[a-z0-9-]+$/) : current.types;
  const labels = input.labels !== undefined ? checkList('labels', input.labels, /^.+$/) : current.labels;
  const createdByRefs =
    input.createdByRefs !== undefined ? checkList('createdByRefs', input.createdByRefs, /^identity--\S+$/) : current.createdByRefs;
  const minScore = input.minScore !== undefined ? checkMinScore(input.minScore) : current.minScore;
  return {
    ...(types ? { types } : {}),
    ...(labels ? { labels } : {}),
    ...(createdByRefs ? { createdByRefs } : {}),
    ...(minScore !== undefined ? { minScore } : {}),
  };
}

/** A decay score from 0 to 100, or null (no minimum). */
function checkMinScore(v: number | null): number | undefined {
  if (v === null) return undefined;
  if (!Number.isFinite(v) || v < 0 || v > 100)
    throw new InvalidInputError(`minScore must be a score from 0 to 100, got ${v}`, { field: 'minScore' });
  return v;
}

/** Administration of collections and the rights they grant. */
export class CollectionService {
  private readonly repo: CollectionRepo;
  private readonly audit: AuditSink;

  constructor(deps: { collections: CollectionRepo; audit: AuditSink }) {
    this.repo = deps.collections;
    this.audit = deps.audit;
  }

  /** Every collection with its configuration (node administrators). */
  async list(principal: Principal): Promise<Collection[]> {
    authorize(principal, 'collection.settings.read');
    return this.repo.list();
  }

  /** One collection by id or alias (node administrators). */
  async get(principal: Principal, ref: string): Promise<Collection> {
    authorize(principal, 'collection.settings.read');
    return this.find(ref);
  }

  /** Adds a collection; a title is required, the kind defaults to `query`. */
  async add(principal: Principal, input: CollectionInput): Promise<Collection> {
    authorize(principal, 'collection.administer');
    const now = new Date().toISOString();
    const blank: Collection = {
      id: randomUUID(),
      title: '',
      description: '',
      alias: null,
      kind: input.kind ?? 'query',
      query: {},
      read: [],
      write: [],
      mediaTypes: [STIX_MEDIA_TYPE],
      createdAt: now,
      updatedAt: now,
    };
    const c = await this.apply(blank, input);
    await this.repo.create(c);
    await this.audit.record({
      action: 'collection.add',
      actor: actorName(principal),
      target: c.id,
      details: { title: c.title, kind: c.kind, read: c.read, write: c.write },
    });
    return c;
  }

  /** Changes a collection; the kind is fixed once created. */
  async update(principal: Principal, ref: string, input: CollectionInput): Promise<Collection> {
    authorize(principal, 'collection.administer');
    const current = await this.find(ref);
    if (input.kind !== undefined && input.kind !== current.kind)
      throw new InvalidInputError('the kind of a collection cannot change', { field: 'kind' });
    const c = await this.apply({ ...current, updatedAt: new Date().toISOString() }, input);
    await this.repo.update(c);
    await this.audit.record({
      action: 'collection.update',
      actor: actorName(principal),
      target: c.id,
      details: { changed: Object.keys(input) },
    });
    return c;
  }

  /** Removes a collection and its membership; the objects stay in the store. */
  async remove(principal: Principal, ref: string): Promise<void> {
    authorize(principal, 'collection.administer');
    const c = await this.find(ref);
    await this.repo.remove(c.id);
    await this.audit.record({ action: 'collection.remove', actor: actorName(principal), target: c.id, details: { title: c.title } });
  }

  /** The collection with this id or alias, whoever asks (TAXII routes decide rights). */
  async find(ref: string): Promise<Collection> {
    const c = await this.repo.find(ref);
    if (!c) throw new NotFoundError(`collection ${ref}`);
    return c;
  }

  /** Every collection, for the TAXII collections endpoint. */
  all(): Promise<Collection[]> {
    return this.repo.list();
  }

  /** §5.2.1 can_read/can_write for `principal` (domain/access/collection-grants.ts). */
  rights(principal: Principal, c: Collection): Rights {
    return collectionRights(c, principal.kind === 'user' ? principal.reader : null, allowed(principal, 'object.import'));
  }

  private async apply(c: Collection, input: CollectionInput): Promise<Collection> {
    const title = input.title !== undefined ? input.title.trim() : c.title;
    if (title === '') throw new InvalidInputError('a collection needs a title', { field: 'title' });
    let alias = input.alias !== undefined ? (input.alias === null || input.alias === '' ? null : input.alias) : c.alias;
    if (alias !== null) {
      alias = alias.toLowerCase();
      if (!ALIAS.test(alias) || UUID.test(alias))
        throw new InvalidInputError(`alias "${alias}" must be lower-case letters, digits, dots, dashes and underscores, and not a UUID`, {
          field: 'alias',
        });
      const other = await this.repo.find(alias);
      // §5.2.1: an alias MUST be unique within an API root.
      if (other && other.id !== c.id) throw new ConflictError(`alias "${alias}" is taken by collection ${other.id}`, { field: 'alias' });
    }
    const query = savedQuery(input, c.query);
    if (c.kind === 'target' && Object.keys(query).length > 0)
      throw new InvalidInputError('a target collection shows what was added to it; it has no saved query', { field: 'types' });
    const write = input.write !== undefined ? checkGrants('write', input.write) : c.write;
    if (c.kind === 'query' && write.length > 0)
      throw new InvalidInputError('a query collection cannot be written to; use a target collection', { field: 'write' });
    const read = input.read !== undefined ? checkGrants('read', input.read) : c.read;
    return { ...c, title, description: input.description ?? c.description, alias, query, read, write };
  }
}
