// What a reader is shown of a request (issue 18, musts 5 and 7): its board row with its column and
// response clocks, and its page. Built from the rows and objects the reader may read
// (assistance-read.ts); what the reader may do there is the permission table's.
import { allowed } from '../domain/access/permissions.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { BoardColumn, DeploymentSummary, OfferView, RequestSummary, RequestView, ResponseClock } from '../domain/assistance/api.ts';
import { boardColumn } from '../domain/assistance/board.ts';
import type { RequestRecord } from '../domain/assistance/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import { responseClocks } from '../domain/assistance/clocks.ts';
import type { HeldRequest, Picture } from './assistance-read.ts';

const HOUR_MS = 3_600_000;

/** The earliest of some instants (null when none). */
function earliest(times: readonly (string | null)[]): string | null {
  const held = times.filter((t): t is string => t !== null).sort();
  return held[0] ?? null;
}

/** The board column of a request, from what the reader may read of it. */
export function columnOf(record: RequestRecord, picture: Picture): BoardColumn {
  return boardColumn({
    status: record.status,
    offers: picture.offers.map((o) => o.record),
    decisions: picture.decisions,
    deployments: picture.deployments.map((d) => d.record),
  });
}

/**
 * The request's response clocks (must 5): first offer and team ready from its targets, the
 * after-action report once its deployments have all ended. The first offer is met by the first
 * offer made (a later withdrawal does not unmake it); the team is ready when a deployment first
 * went active.
 */
export function clocksOf(record: RequestRecord, picture: Picture, now: Date): ResponseClock[] {
  const created = Date.parse(record.created);
  const deployments = picture.deployments.map((d) => d.record);
  const ended = deployments.length > 0 && deployments.every((d) => d.status === 'ended');
  const lastEnd = ended
    ? (deployments
        .map((d) => d.endedAt ?? d.modified)
        .sort()
        .at(-1) ?? null)
    : null;
  return responseClocks(
    {
      created: record.created,
      firstOfferHours: (Date.parse(record.firstOfferDue) - created) / HOUR_MS,
      teamReadyHours: (Date.parse(record.teamReadyDue) - created) / HOUR_MS,
      firstOfferAt: earliest(picture.offers.map((o) => o.record.created)),
      teamReadyAt: earliest(deployments.map((d) => d.startedAt)),
      deploymentEndedAt: lastEnd,
      afterActionAt: earliest(picture.work.filter((w) => w.kind === 'after-action').map((w) => w.created)),
    },
    now,
  );
}

/** A request as a row of the board. */
export function summaryOf(
  record: RequestRecord,
  label: AccessLabel,
  picture: Picture,
  names: ReadonlyMap<string, string>,
  schemes: SchemeRegistry,
  now: Date,
): RequestSummary {
  return {
    id: record.id,
    title: record.title,
    requester: { id: record.orgId, name: names.get(record.orgId) ?? record.orgId },
    urgency: record.urgency,
    status: record.status,
    column: columnOf(record, picture),
    skills: record.skills,
    mode: record.mode,
    window: record.window,
    offerCount: picture.offers.filter((o) => o.record.status === 'offered').length,
    created: record.created,
    modified: record.modified,
    clocks: clocksOf(record, picture, now),
    exercise: record.exercise,
    marking: bannerOf([markingOf(label, (s) => schemes.get(s))]),
  };
}

/** What the reader may do on a request's page (the permission table, on the requester's organisation). */
export function abilitiesOf(p: Principal, record: RequestRecord, offers: readonly OfferView[]): RequestView['can'] {
  const open = record.status === 'open';
  const requester = allowed(p, 'assistance.request', { orgId: record.orgId });
  const partner = p.kind === 'system' || p.org.id !== record.orgId;
  return {
    update: open && requester,
    offer: open && partner && allowed(p, 'assistance.respond', p.kind === 'user' ? { orgId: p.org.id } : undefined),
    decide: open && requester && offers.some((o) => o.status === 'offered'),
    deploy: open && requester && offers.some((o) => o.status === 'offered' && o.decision?.decision === 'accepted'),
  };
}

/** A request's page. */
export function viewOf(
  p: Principal,
  held: HeldRequest,
  picture: Picture,
  offers: OfferView[],
  names: ReadonlyMap<string, string>,
  schemes: SchemeRegistry,
  now: Date,
): RequestView {
  const { record, label, fields } = held;
  const scheme = (s: string) => schemes.get(s);
  const hours = new Map<string, number>();
  for (const w of picture.work) if (w.kind === 'status-note') hours.set(w.deploymentId, (hours.get(w.deploymentId) ?? 0) + w.hours);
  const deployments: DeploymentSummary[] = picture.deployments.map(({ record: d }) => ({
    id: d.id,
    requestId: d.requestId,
    name: d.name,
    status: d.status,
    window: d.window,
    memberCount: d.profileIds.length,
    hours: hours.get(d.id) ?? 0,
  }));
  const labels = [label, ...picture.offers.map((o) => o.label), ...picture.deployments.map((d) => d.label)];
  return {
    ...summaryOf(record, label, picture, names, schemes, now),
    description: fields.description,
    incidentId: fields.incidentId,
    affectedEntity: fields.affectedEntity,
    impact: fields.impact,
    needs: fields.needs,
    actionsTaken: fields.actionsTaken,
    otherSupport: fields.otherSupport,
    audience: fields.audience,
    coordinator: { id: fields.coordinatorOrg, name: names.get(fields.coordinatorOrg) ?? fields.coordinatorOrg },
    classification: fields.classification,
    offers,
    deployments,
    can: abilitiesOf(p, record, offers),
    // The banner covers everything on the page (CONVENTIONS.md, Front end).
    marking: bannerOf(labels.flatMap((l) => (l === null ? [] : [markingOf(l, scheme)]))),
  };
}
