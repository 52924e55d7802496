// Sharing incidents across borders (issue 16, must 6; NIS2 Art. 23(6)): a CSIRT shares an
// incident of its constituency (or one it opened) with the CSIRTs of the other affected member
// states, on this node or on peers, or hands its coordination over to another organisation.
// Access stays the one policy's (DESIGN.md principle 2): each share makes a sharing group owned
// by the sharing CSIRT, and what it shares is distributed to that group, so the group travels to
// peers with the objects (federation/provenance.ts GroupStatement). STIX 2.1 §3.6: only an
// object's creator versions it, so an entity's incident is shared as the CSIRT's own incident
// derived from it (domain/incidents/share.ts); the entity's original never leaves its group.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { distributionAllowed } from '../domain/access/policy.ts';
import { formatDistribution, type AccessLabel } from '../domain/access/types.ts';
import { checkTlp } from '../domain/identity/defaults.ts';
import { actorName, type Principal, type SystemPrincipal } from '../domain/identity/principal.ts';
import type { Org, SharingGroup } from '../domain/identity/types.ts';
import { constituencyGroupId } from '../domain/incidents/constituency.ts';
import type { HandoverRequest, ShareRequest, ShareView } from '../domain/incidents/api.ts';
import type { IncidentEvent } from '../domain/incidents/notify.ts';
import { extensionOf, incidentCoreOf } from '../domain/incidents/read.ts';
import {
  csirtsOf,
  derivedIncident,
  type IncidentShareRecord,
  reportCopy,
  shareGroupName,
  shareStates,
  summaryIncident,
  withCoordinator,
} from '../domain/incidents/share.ts';
import { CONCORD_NIS2_EXTENSION_ID, CONCORD_NIS2_REPORT_EXTENSION_ID, type Nis2ReportExtension } from '../domain/incidents/types.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { ConcordError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { AccessRepo, IncidentShareRepo, ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { readAs, type AccessGate } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import type { WriteService } from './write.service.ts';

export interface IncidentShareDeps {
  objects: Pick<ObjectRepo, 'get' | 'getMany' | 'edges'>;
  access: Pick<AccessRepo, 'latest'>;
  gate: AccessGate;
  orgs: OrgRepo;
  shares: IncidentShareRepo;
  write: Pick<WriteService, 'create' | 'mark' | 'revise' | 'relate'>;
  audit: AuditSink;
  /** Forgets cached principals: a new group changes who reads what. */
  invalidate: () => void;
  /** Tells the people concerned (notification service), after storing. */
  notify?: (e: IncidentEvent) => Promise<void>;
  /** Brings the incident projection up to date (IncidentService.catchUp). */
  catchUp?: () => Promise<void>;
  now?: () => Date;
}

/** The incident being shared, as the sharing CSIRT reads it. */
interface Shared {
  id: string;
  incident: JsonObject;
  label: AccessLabel;
  /** The organisation that owns the incident (the entity, or the CSIRT itself). */
  ownerId: string;
  csirt: Org;
  /** Who shares: a CSIRT user, or the node's command line acting for the CSIRT. */
  user: Principal;
}

interface Plan {
  kind: 'share' | 'handover';
  mode: 'whole' | 'summary';
  recipients: Org[];
  tlp: Tlp;
  summary?: string;
  name?: string;
  coordinator?: string;
}

/** Cross-border shares and handovers of incidents. */
export class IncidentShareService {
  private readonly deps: IncidentShareDeps;

  constructor(deps: IncidentShareDeps) {
    this.deps = deps;
  }

  /** POST /incidents/{id}/share: to the CSIRTs of the member states (request's or affected). */
  async share(p: Principal, id: string, req: ShareRequest): Promise<ShareView> {
    authorize(p, 'incident.share');
    if (req.mode !== 'whole' && req.mode !== 'summary') throw new InvalidInputError('mode must be whole or summary', { field: 'mode' });
    const summary = req.summary?.trim() ?? '';
    if (req.mode === 'summary' && summary === '')
      throw new InvalidInputError("a summary share carries the CSIRT's summary text: give summary", { field: 'summary' });
    const s = await this.shared(p, id);
    const tlp = this.tlpOf(s, req.tlp);
    const recipients = csirtsOf(shareStates(req.memberStates, s.incident), await this.deps.orgs.listOrgs(), s.csirt.id);
    const name = req.name?.trim();
    const summaryOf = req.mode === 'summary' ? { summary, ...(name ? { name } : {}) } : {};
    return this.publish(s, { kind: 'share', mode: req.mode, recipients, tlp, ...summaryOf });
  }

  /** POST /incidents/{id}/handover: the whole incident to `req.org`, which coordinates it from now on. */
  async handover(p: Principal, id: string, req: HandoverRequest): Promise<ShareView> {
    authorize(p, 'incident.share');
    const ref = typeof req.org === 'string' ? req.org.trim() : '';
    if (ref === '') throw new InvalidInputError('name the organisation that takes the incident over', { field: 'org' });
    const s = await this.shared(p, id);
    const target = (await this.deps.orgs.getOrg(ref)) ?? (await this.deps.orgs.findOrgByName(ref));
    if (target === undefined || target.disabled) throw new InvalidInputError(`organisation ${ref} does not exist`, { field: 'org' });
    if (target.id === s.csirt.id)
      throw new InvalidInputError('the incident is yours already: hand it over to another organisation', { field: 'org' });
    const tlp = this.tlpOf(s, undefined);
    return this.publish(s, { kind: 'handover', mode: 'whole', recipients: [target], tlp, coordinator: target.id });
  }

  /** The shares of an incident (or of which it is the shared object) the reader may know of:
   *  those of an incident it may read. */
  async shares(p: Principal, id: string): Promise<ShareView[]> {
    authorize(p, 'incident.read');
    const stored = await this.deps.objects.get(id);
    if (!stored || (await this.deps.gate.filter(readAs(p), [stored])).length === 0) return [];
    return (await this.deps.shares.of([id])).map(viewOf);
  }

  /** The incident as the caller reads it, refused unless the caller's organisation is its
   *  owner's CSIRT, or the CSIRT that owns it. Unreadable: NotFound, as if absent. The node's
   *  command line acts for that CSIRT (`concord incident share|handover`). */
  private async shared(p: Principal, id: string): Promise<Shared> {
    const stored = await this.deps.objects.get(id);
    const [visible] = stored && stored.type === 'incident' ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    const label = (await this.deps.access.latest([id])).get(id);
    if (!visible || !label) throw new NotFoundError(`incident ${id}`);
    const csirt = p.kind === 'user' ? p.org : await this.csirtFor(label.ownerOrg);
    const ownCsirt = label.ownerOrg === csirt.id && csirt.nis2Role === 'csirt';
    if (!ownCsirt && !(await this.isCsirtOf(csirt.id, label.ownerOrg, label))) {
      const owner = await this.deps.orgs.getOrg(label.ownerOrg);
      throw new ForbiddenError(`only the CSIRT of ${owner?.name ?? 'its owner'} may share this incident or hand it over`);
    }
    return { id, incident: JSON.parse(visible.json) as JsonObject, label, ownerId: label.ownerOrg, csirt, user: p };
  }

  /** The CSIRT the command line acts for on an incident of `ownerId`: the owner itself when it
   *  is a CSIRT, else the CSIRT whose constituency it is in. */
  private async csirtFor(ownerId: string): Promise<Org> {
    const owner = await this.deps.orgs.getOrg(ownerId);
    const csirt = owner?.nis2Role === 'csirt' ? owner : owner?.csirtOrg ? await this.deps.orgs.getOrg(owner.csirtOrg) : undefined;
    if (csirt === undefined)
      throw new ForbiddenError(`${owner?.name ?? ownerId} is in no CSIRT's constituency: no CSIRT may share its incident`);
    return csirt;
  }

  /**
   * Whether `csirt` is the CSIRT of the entity `ownerId`: as this node's directory says, or as
   * the incident's own distribution says: its constituency group (constituency.ts), owned by
   * the CSIRT. The second holds on a CSIRT's node that is not its entity's, where the group
   * was adopted from the entity's node and the directory may not name the entity's CSIRT.
   */
  private async isCsirtOf(csirt: string, ownerId: string, label: AccessLabel): Promise<boolean> {
    if ((await this.deps.orgs.getOrg(ownerId))?.csirtOrg === csirt) return true;
    const d = label.distribution;
    if (d.kind !== 'sharing-group' || d.id !== constituencyGroupId(ownerId)) return false;
    const g = await this.deps.orgs.getSharingGroup(d.id);
    return g !== undefined && !g.disabled && g.ownerOrg === csirt && g.members.includes(ownerId);
  }

  /**
   * The TLP of what is shared: the request's, else the incident's. TLP:RED is for its named
   * recipients only (FIRST TLP 2.0): a RED incident is not passed on beyond its group, and
   * nothing is shared as RED; the TLP must permit a sharing group (policy.ts).
   */
  private tlpOf(s: Shared, requested: string | undefined): Tlp {
    const tlp = requested === undefined ? s.label.tlp : checkTlp('tlp', requested);
    const ownedRed = s.label.tlp === 'red' && (s.ownerId !== s.csirt.id || requested === undefined);
    if (ownedRed || tlp === 'red' || !distributionAllowed(tlp, { kind: 'sharing-group', id: 'share' })) {
      throw new ConcordError(
        'DISTRIBUTION_INCONSISTENT',
        `${s.incident['name'] ?? s.id} is TLP:${(ownedRed ? s.label.tlp : tlp).toUpperCase()}: it cannot be shared beyond its recipients (FIRST TLP 2.0)`,
        { field: 'tlp', tlp },
      );
    }
    return tlp;
  }

  /** Makes the share's group, stores what is shared, records, audits and tells. */
  private async publish(s: Shared, plan: Plan): Promise<ShareView> {
    const now = (this.deps.now?.() ?? new Date()).toISOString();
    const group = await this.group(s, plan, now);
    const as: SystemPrincipal = { kind: 'system', name: `incident-share:${s.user.kind === 'user' ? s.user.user.username : s.user.name}` };
    const distribution = `sharing-group:${group.id}`;
    const sharedObject =
      plan.mode === 'whole' && s.ownerId === s.csirt.id
        ? await this.remark(as, s, plan, distribution)
        : await this.derive(as, s, plan, distribution, now);
    const record: IncidentShareRecord = {
      id: randomUUID(),
      incidentId: s.id,
      kind: plan.kind,
      mode: plan.mode,
      recipients: plan.recipients.map((o) => ({ org: o.id, name: o.name, node: o.node })),
      sharedObject,
      sharingGroup: group.id,
      orgId: s.csirt.id,
      by: actorName(s.user),
      at: now,
    };
    await this.deps.shares.add(record);
    await this.deps.audit.record({
      action: plan.kind === 'handover' ? 'incident.handover' : 'incident.share',
      actor: actorName(s.user),
      target: s.id,
      details: { mode: plan.mode, recipients: record.recipients.map((r) => r.org), sharedObject, sharingGroup: group.id, tlp: plan.tlp },
    });
    await this.tell(s, plan, record);
    return viewOf(record);
  }

  /** The share's sharing group: the CSIRT, the recipients and, in mode whole, the entity whose
   *  incident it is (a summary names no entity, and the group's members travel with it). */
  private async group(s: Shared, plan: Plan, now: string): Promise<SharingGroup> {
    const id = randomUUID();
    const members = [...new Set([s.csirt.id, ...plan.recipients.map((o) => o.id), ...(plan.mode === 'whole' ? [s.ownerId] : [])])];
    const g: SharingGroup = {
      id,
      name: shareGroupName(plan.kind, s.csirt.name, id),
      description: `${plan.kind === 'handover' ? 'Handover' : 'Cross-border share'} of incident ${s.id} (NIS2 Art. 23(6))`,
      ownerOrg: s.csirt.id,
      members,
      disabled: false,
      createdAt: now,
      updatedAt: now,
      origin: null,
    };
    await this.deps.orgs.putSharingGroup(g);
    this.deps.invalidate();
    await this.deps.audit.record({
      action: 'admin.sharing_group.add',
      actor: actorName(s.user),
      target: id,
      details: { name: g.name, members, incident: s.id },
    });
    return g;
  }

  /** Mode `whole` on the CSIRT's own incident: new versions of it and of its work (events,
   *  tasks, impacts, the CSIRT's notes) distributed to the group (a marking change by the owner). */
  private async remark(as: SystemPrincipal, s: Shared, plan: Plan, distribution: string): Promise<string> {
    const marking = { tlp: plan.tlp, distribution };
    if (plan.coordinator !== undefined) {
      const nis2 = extensionOf(s.incident, CONCORD_NIS2_EXTENSION_ID);
      const extensions = { ...((s.incident['extensions'] as JsonObject | undefined) ?? {}) };
      if (nis2 !== undefined) extensions[CONCORD_NIS2_EXTENSION_ID] = withCoordinator(nis2, plan.coordinator);
      await this.deps.write.revise(as, s.id, { changes: { extensions }, ...marking });
    } else await this.deps.write.mark(as, s.id, marking);
    for (const workId of await this.workOf(s)) {
      try {
        await this.deps.write.mark(as, workId, marking);
      } catch (e) {
        // A work item its owner cannot widen (a revoked one) stays where it was; the rest goes.
        if (!(e instanceof ConcordError)) throw e;
      }
    }
    return s.id;
  }

  /** The incident's work the CSIRT owns: the core extension's events, impacts and tasks, and
   *  notes about the incident. */
  private async workOf(s: Shared): Promise<string[]> {
    const core = incidentCoreOf(s.incident);
    const refs = [...(core?.event_refs ?? []), ...(core?.impact_refs ?? []), ...(core?.task_refs ?? [])];
    const notes = (await this.deps.objects.edges([s.id]))
      .filter((e) => e.target === s.id && e.source.startsWith('note--'))
      .map((e) => e.source);
    const ids = [...new Set([...refs, ...notes])];
    const labels = await this.deps.access.latest(ids);
    return ids.filter((id) => labels.get(id)?.ownerOrg === s.csirt.id);
  }

  /** An entity's incident (or a summary): the CSIRT's own incident derived from it, with a
   *  `derived-from` relationship only the original's readers see, and in mode `whole` one report
   *  carrying the latest NIS2 reports. Answers the CSIRT's incident id. */
  private async derive(as: SystemPrincipal, s: Shared, plan: Plan, distribution: string, now: string): Promise<string> {
    const object =
      plan.mode === 'summary' ? summaryIncident(s.incident, plan.summary ?? '', plan.name) : derivedIncident(s.incident, plan.coordinator);
    const created = await this.deps.write.create(as, { object, tlp: plan.tlp, distribution }, s.csirt.id);
    const id = created.object.id;
    await this.deps.write.relate(
      as,
      {
        source_ref: id,
        target_ref: s.id,
        relationship_type: 'derived-from',
        tlp: s.label.tlp,
        distribution: formatDistribution(s.label.distribution),
      },
      s.csirt.id,
    );
    if (plan.mode === 'whole') {
      const report = reportCopy(id, String(s.incident['name'] ?? ''), await this.latestReports(s), now);
      if (report !== undefined) await this.deps.write.create(as, { object: report, tlp: plan.tlp, distribution }, s.csirt.id);
    }
    return id;
  }

  /** The latest version of each NIS2 report of the incident the CSIRT reads, one per stage
   *  (and per request, for intermediate reports), in the order of the Article 23(4) stages. */
  private async latestReports(s: Shared): Promise<Nis2ReportExtension[]> {
    const ids = (await this.deps.objects.edges([s.id]))
      .filter((e) => e.target === s.id && e.source.startsWith('report--'))
      .map((e) => e.source);
    const stored = await this.deps.objects.getMany([...new Set(ids)]);
    const visible = await this.deps.gate.filter(readAs(s.user), stored);
    const latest = new Map<string, { published: string; ext: Nis2ReportExtension }>();
    for (const v of visible) {
      const o = JSON.parse(v.json) as JsonObject;
      const ext = (o['extensions'] as Record<string, unknown> | undefined)?.[CONCORD_NIS2_REPORT_EXTENSION_ID] as
        | Nis2ReportExtension
        | undefined;
      if (ext === undefined) continue;
      const key = `${ext.stage}:${ext.request ?? ''}`;
      const published = String(o['published'] ?? o['modified'] ?? '');
      if ((latest.get(key)?.published ?? '') <= published) latest.set(key, { published, ext });
    }
    const order = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
    return [...latest.values()]
      .map((r) => r.ext)
      .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || (a.request ?? 0) - (b.request ?? 0));
  }

  /** After storing: the projection catches up, the people concerned are told. Federation is
   *  nudged by the commit itself (ingest onStored → peer-sync job notifies peers at once). */
  private async tell(s: Shared, plan: Plan, record: IncidentShareRecord): Promise<void> {
    await this.deps.catchUp?.();
    const names = record.recipients.map((r) => r.name).join(', ');
    // Recipients are those who may read the SHARED object; a summary may carry another name
    // than the original (which often names the entity): the title must not reveal the original's.
    const title = plan.mode === 'summary' && plan.name !== undefined ? plan.name : String(s.incident['name'] ?? s.id);
    await this.deps.notify?.({
      kind: plan.kind === 'handover' ? 'handover' : 'shared',
      incidentId: record.sharedObject,
      title: `${plan.kind === 'handover' ? 'Handed over' : 'Shared'}: ${title}`,
      body:
        plan.kind === 'handover'
          ? `${s.csirt.name} handed the incident over to ${names}`
          : `${s.csirt.name} shared the incident (${plan.mode}) with ${names}`,
      ...(s.user.kind === 'user' ? { actor: s.user.user.id } : {}),
    });
  }
}

function viewOf(r: IncidentShareRecord): ShareView {
  return { id: r.id, kind: r.kind, mode: r.mode, recipients: r.recipients, sharedObject: r.sharedObject, at: r.at, by: r.by };
}
