// Labels what an import stores (DESIGN.md, Markings, distribution and access) and applies the
// write rules (issue 3, item 5) on the way in. The label of each new version is computed from its
// markings and Concord distribution with the importing organisation's defaults, and stored
// beside it (store/repositories.ts, AccessRepo).
//
// Bundles often define their marking-definitions after the objects that use them (ATT&CK puts
// its one definition last), so an object whose markings are not known yet is stored without a
// label — invisible to everyone, failing closed — and labelled when the import ends. A marking
// still unknown then makes the object visible to its owner only (TLP:RED, organization).
import type { Tlp } from '../domain/markings/tlp.ts';
import type { AccessLabel, Distribution, Writer } from '../domain/access/types.ts';
import { canWriteVersion, isLowering } from '../domain/access/policy.ts';
import { labelFor } from '../domain/access/label.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { MarkingRegistry } from '../domain/markings/registry.ts';
import { CONCORD_OBJECT_EXTENSION_ID } from '../domain/markings/concord-markings.ts';
import type { JsonObject, StixObject } from '../domain/stix/types.ts';
import { ConcordError, isQuarantineReason, type QuarantineReason } from '../errors.ts';
import type { AccessRepo } from '../store/repositories.ts';
import type { PreparedObject } from '../domain/ingest/prepared.ts';
import type { AuditSink } from './audit.service.ts';

/** Who an import writes as, and the markings of what arrives without its own. */
export interface ImportOwner {
  orgId: string;
  tlp: Tlp;
  distribution: Distribution;
  /** The writing user's organisation and roles; absent for the node itself (CLI, system). */
  writer?: Writer;
  /** Audit name of who imports. */
  actor: string;
}

/** What the labeller decided for one object before it is stored. */
export type Verdict =
  | { kind: 'store'; label: AccessLabel | null; lowered: boolean }
  | { kind: 'refuse'; reason: QuarantineReason; message: string };

export interface LabellerDeps {
  access: AccessRepo;
  audit: AuditSink;
  schemes: SchemeRegistry;
  /** The marking registry with every marking-definition the store holds. */
  registry: MarkingRegistry;
}

const RESTRICTED: Pick<AccessLabel, 'tlp' | 'distribution'> = { tlp: 'red', distribution: { kind: 'organization' } };

/** One import's labelling state. */
export class Labeller {
  private readonly deps: LabellerDeps;
  private readonly owner: ImportOwner;
  private registry: MarkingRegistry;
  /** Versions stored before their markings were known: seq → the facts to label them from. */
  private readonly deferred = new Map<number, Pick<PreparedObject, 'id' | 'type' | 'markingRefs' | 'distribution'>>();
  /** How many objects ended visible to their owner only because a marking stayed unknown. */
  restricted = 0;

  constructor(deps: LabellerDeps, owner: ImportOwner) {
    this.deps = deps;
    this.owner = owner;
    this.registry = deps.registry;
  }

  /** Decides for each object of a batch: store (with its label, or later) or refuse with a reason. */
  async judge(batch: readonly PreparedObject[]): Promise<Verdict[]> {
    const held = await this.deps.access.latest(batch.map((o) => o.id));
    return batch.map((o) => this.judgeOne(o, held.get(o.id)));
  }

  private judgeOne(o: PreparedObject, existing: AccessLabel | undefined): Verdict {
    if (o.type === 'marking-definition') this.learn(o);
    const writer = this.owner.writer;
    if (writer && !canWriteVersion(writer, existing, o.type)) {
      return existing && existing.ownerOrg !== writer.orgId
        ? {
            kind: 'refuse',
            reason: 'NOT_OWNER',
            message: `${o.id} belongs to another organisation; only its owner publishes new versions (add a sighting, note or opinion instead)`,
          }
        : { kind: 'refuse', reason: 'NOT_PERMITTED', message: `your roles (${writer.roles.join(', ')}) may not create ${o.type} objects` };
    }
    if (!writer && existing && existing.ownerOrg !== this.owner.orgId) {
      return {
        kind: 'refuse',
        reason: 'NOT_OWNER',
        message: `${o.id} belongs to organisation ${existing.ownerOrg}, not to ${this.owner.orgId}`,
      };
    }
    if (o.markingRefs.some((r) => this.registry.get(r) === undefined)) return { kind: 'store', label: null, lowered: false };
    try {
      const label = this.labelOf(o);
      return { kind: 'store', label, lowered: existing !== undefined && isLowering(existing, label, this.deps.schemes) };
    } catch (e) {
      // labelFor throws MARKING_INVALID, DISTRIBUTION_INCONSISTENT or INVALID_INPUT, all quarantine reasons.
      if (e instanceof ConcordError && isQuarantineReason(e.code)) return { kind: 'refuse', reason: e.code, message: e.message };
      throw e;
    }
  }

  /** Stores the labels of the versions just inserted (`seqs[i]` null when not inserted), unless
   *  `written`: the store wrote them with the versions (ObjectRepo.insertBatch). */
  async stored(
    batch: readonly PreparedObject[],
    verdicts: readonly Verdict[],
    seqs: readonly (number | null)[],
    written = false,
  ): Promise<void> {
    const rows: { seq: number; label: AccessLabel }[] = [];
    for (let i = 0; i < batch.length; i++) {
      const v = verdicts[i];
      const seq = seqs[i];
      const o = batch[i] as PreparedObject;
      if (seq == null || v?.kind !== 'store') continue;
      if (v.label === null) {
        this.deferred.set(seq, { id: o.id, type: o.type, markingRefs: o.markingRefs, distribution: o.distribution });
        continue;
      }
      rows.push({ seq, label: v.label });
      if (v.lowered) {
        await this.deps.audit.record({
          action: 'marking.lowered',
          actor: this.owner.actor,
          target: o.id,
          details: { version: o.version, label: { ...v.label } },
        });
      }
    }
    if (!written) await this.deps.access.put(rows);
  }

  /** Labels what waited for its marking definitions; call once the whole input was read. */
  async finish(): Promise<void> {
    const rows: { seq: number; label: AccessLabel }[] = [];
    for (const [seq, facts] of this.deferred) {
      let label: AccessLabel;
      try {
        label = this.labelOf(facts);
      } catch {
        this.restricted++;
        label = { ownerOrg: this.owner.orgId, ...RESTRICTED };
      }
      rows.push({ seq, label });
    }
    this.deferred.clear();
    await this.deps.access.put(rows);
  }

  /** The registry with what this import defined, for the next imports. */
  get markings(): MarkingRegistry {
    return this.registry;
  }

  private learn(o: PreparedObject): void {
    try {
      this.registry = this.registry.with([JSON.parse(o.json) as JsonObject]);
    } catch {
      // A contradicting redefinition is not learnt; objects using it are labelled by the first.
    }
  }

  private labelOf(o: Pick<PreparedObject, 'id' | 'type' | 'markingRefs' | 'distribution'>): AccessLabel {
    // labelFor reads only these properties; rebuilding them avoids parsing the stored JSON again.
    const object: StixObject = { type: o.type, id: o.id, object_marking_refs: o.markingRefs };
    if (o.distribution !== null)
      object['extensions'] = { [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: o.distribution } };
    return labelFor(object, {
      ownerOrg: this.owner.orgId,
      defaults: { tlp: this.owner.tlp, distribution: this.owner.distribution },
      registry: this.registry,
      schemes: this.deps.schemes,
    });
  }
}
