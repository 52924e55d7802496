// Retraction (issue 5, item 6): an origin withdraws objects it shared by mistake. Here: purge
// them, keep a tombstone, and publish a signed retraction that every peer applies and passes on.
import { buildRetraction, retractedIds } from '../../domain/federation/retraction.ts';
import type { Provenance } from '../../domain/federation/provenance.ts';
import { actorName, type Principal } from '../../domain/identity/principal.ts';
import { allowed, reach } from '../../domain/access/permissions.ts';
import { hidesOrganisation } from '../../domain/access/sighting-egress.ts';
import { nodeIdentityId } from '../../domain/federation/keys.ts';
import type { StixObject } from '../../domain/stix/types.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import type { OriginRepo, TombstoneRepo, OrgRepo, AccessRepo, ObjectRepo } from '../../store/repositories.ts';
import type { ImportSummary } from '../../domain/imports/types.ts';
import type { AuditSink } from '../audit.service.ts';
import type { ImportOptions, ImportOwner } from '../ingest.service.ts';

export interface RetractionDeps {
  tombstones: TombstoneRepo;
  origins: OriginRepo;
  access: AccessRepo;
  /** To tell whether a retracted sighting hides its organisation. */
  objects: Pick<ObjectRepo, 'getMany'>;
  orgs: OrgRepo;
  audit: AuditSink;
  ingest: { importStream(input: Iterable<string>, options: ImportOptions): Promise<ImportSummary> };
  owner: (principal: Principal) => Promise<ImportOwner>;
  ownKeyId: () => Promise<string>;
}

/** What a retraction did here. */
export interface RetractionResult {
  retraction: StixObject;
  purged: number;
}

/** Retracting this node's objects, and applying peers' retractions. */
export class RetractionService {
  private readonly deps: RetractionDeps;

  constructor(deps: RetractionDeps) {
    this.deps = deps;
  }

  /**
   * Retracts objects this node originated: node administrators any of them, writers their own
   * organisation's. An id not held, or held but not originated here, is refused as not found.
   */
  async retract(principal: Principal, ids: string[], reason?: string): Promise<RetractionResult> {
    const labels = await this.deps.access.latest(ids);
    const local = new Set((await this.deps.orgs.listOrgs()).filter((o) => o.node === null).map((o) => o.id));
    const everywhere = reach(principal, 'retraction.create') === 'node';
    for (const id of ids) {
      const label = labels.get(id);
      // Not held, not originated here, or not the caller's organisation's: as if missing.
      const mine = everywhere || (label !== undefined && principal.kind === 'user' && principal.org.id === label.ownerOrg);
      if (!label || !local.has(label.ownerOrg) || !mine)
        throw new NotFoundError(`${id} (an object your organisation originated on this node)`);
      // A member who may not retract knows the object: 403 tells them nothing new.
      if (!allowed(principal, 'retraction.create', { orgId: label.ownerOrg }))
        throw new ForbiddenError(`your roles may not retract ${id}; its organisation's analysts and administrators may`);
    }
    const owner = await this.deps.owner(principal);
    const keyId = await this.deps.ownKeyId();
    // A retraction naming a sighting that hides its organisation would tie the two together for
    // every node: the node issues it in its own name, as it signs such sightings (issue 17, must 2).
    const hidden = (await this.deps.objects.getMany(ids)).some((o) => o.type === 'sighting' && hidesOrganisation(JSON.parse(o.json)));
    const issuer = hidden ? nodeIdentityId(keyId) : owner.orgId;
    const retraction = buildRetraction(ids, issuer, reason);
    const purged = await this.deps.tombstones.purge(ids, keyId, retraction.id, new Date().toISOString());
    await this.deps.ingest.importStream([JSON.stringify([retraction])], {
      source: 'retraction',
      owner: { ...owner, orgId: issuer, tlp: 'green', distribution: { kind: 'federation' } },
    });
    await this.deps.audit.record({
      action: 'object.retract',
      actor: actorName(principal),
      target: retraction.id,
      details: { ids, purged, ...(reason ? { reason } : {}) },
    });
    return { retraction, purged };
  }

  /**
   * Applies a verified retraction from a peer: purges the ids its signer originated, and
   * tombstones ids not held here (so that they are never accepted later from that origin).
   * Ids held here from another origin, or originated here, are left alone.
   */
  async apply(retraction: StixObject, p: Provenance, actor: string): Promise<number> {
    const ids = retractedIds(retraction);
    if (ids.length === 0) return 0;
    const origins = await this.deps.origins.get(ids);
    const held = await this.deps.access.latest(ids);
    const mine = ids.filter((id) => {
      const o = origins.get(id);
      return o !== undefined ? o.keyId === p.keyId : !held.has(id);
    });
    if (mine.length === 0) return 0;
    const purged = await this.deps.tombstones.purge(mine, p.keyId, retraction.id, new Date().toISOString());
    await this.deps.audit.record({
      action: 'object.retracted_by_peer',
      actor,
      target: retraction.id,
      details: { ids: mine.slice(0, 100), purged, origin: p.originNode },
    });
    return purged;
  }
}
