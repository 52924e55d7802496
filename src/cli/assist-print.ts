// How `concord assist` prints for people (issue 18, must 8): the board, a request's page, an
// offer, a proposal with its reasons, profiles. `--json` prints the services' views instead.
import type { Exclusion, OfferView, ProfileView, Proposal, RequestView, ResponseClock, Window } from '../domain/assistance/api.ts';
import type { BoardPage } from '../services/assistance.api.ts';
import { listText, printFields, printTable } from './admin-format.ts';

/** `2027-01-04 → 2027-01-29` (the days of a window). */
export function windowText(w: Window): string {
  return `${w.from.slice(0, 10)} → ${w.until.slice(0, 10)}`;
}

/** `first-offer: due in 3 h; team-ready: not started`. */
export function clocksText(clocks: readonly ResponseClock[]): string {
  return clocks.length === 0 ? '-' : clocks.map((c) => `${c.name}: ${c.text}`).join('; ');
}

/** The board: one row per request, then how many requests each column holds. */
export function printBoard(page: BoardPage): void {
  printTable(
    ['COLUMN', 'URGENCY', 'TITLE', 'REQUESTER', 'SKILLS', 'OFFERS', 'CLOCKS', 'ID'],
    page.items.map((r) => [
      r.column,
      r.urgency,
      r.title,
      r.requester.name,
      listText(r.skills),
      String(r.offerCount),
      clocksText(r.clocks),
      r.id,
    ]),
    'no assistance requests',
  );
  const c = page.counts;
  console.log(`\nopen ${c.open} · matched ${c.matched} · deployed ${c.deployed} · closed ${c.closed}`);
}

/** A request's page: what it asks, for whom, its clocks, offers and deployments. */
export function printRequest(r: RequestView): void {
  const n = r.needs;
  const audience =
    r.audience.kind === 'federation'
      ? 'federation'
      : r.audience.kind === 'community'
        ? `community ${r.audience.id}`
        : `organisations ${listText(r.audience.ids)}`;
  printFields([
    ['id', r.id],
    ['title', r.title],
    ['status', `${r.status} (${r.column})`],
    ['urgency', r.urgency],
    ['requester', r.requester.name],
    ['coordinator', r.coordinator.name],
    ['audience', audience],
    ['tlp', r.marking?.tlp ?? '-'],
    ['classification', r.classification ? `${r.classification.scheme} ${r.classification.level}` : '-'],
    ['incident', r.incidentId ?? '-'],
    ['affected entity', r.affectedEntity ?? '-'],
    ['impact', r.impact ?? '-'],
    ['description', r.description],
    ['skills', listText(n.skills)],
    ['languages', listText(n.languages)],
    ['mode', [n.mode, n.location, n.country].filter(Boolean).join(', ')],
    ['window', windowText(n.window)],
    ['clearance', n.clearance ? `${n.clearance.scheme} ${n.clearance.level}` : '-'],
    ['team size', n.teamSize === undefined ? '-' : String(n.teamSize)],
    ['actions taken', r.actionsTaken ?? '-'],
    ['other support', r.otherSupport ?? '-'],
    ['clocks', clocksText(r.clocks)],
  ]);
  console.log('\noffers:');
  printOffers(r.offers);
  console.log('\ndeployments:');
  printTable(
    ['STATUS', 'NAME', 'WINDOW', 'MEMBERS', 'HOURS', 'ID'],
    r.deployments.map((d) => [d.status, d.name, windowText(d.window), String(d.memberCount), String(d.hours), d.id]),
    '  none',
  );
}

function decisionText(o: OfferView): string {
  if (o.decision === null) return o.status === 'withdrawn' ? 'withdrawn' : 'awaiting decision';
  const n = o.decision.profileIds.length;
  return `${o.decision.decision} (${n} expert${n === 1 ? '' : 's'})`;
}

/** Offers as rows: the organisation, its experts (pseudonyms), and the requester's decision. */
export function printOffers(offers: readonly OfferView[]): void {
  printTable(
    ['ORGANISATION', 'EXPERTS', 'DECISION', 'ID'],
    offers.map((o) => [o.org.name, listText(o.experts.map((e) => e.pseudonym)), decisionText(o), o.id]),
    '  none',
  );
}

/** One offer, each expert with what it covers and when. */
export function printOffer(o: OfferView): void {
  printFields([
    ['id', o.id],
    ['request', o.requestId],
    ['organisation', o.org.name],
    ['status', o.status],
    ['decision', decisionText(o)],
    ['message', o.message ?? '-'],
  ]);
  printTable(
    ['EXPERT', 'COVERS', 'WINDOW', 'PROFILE'],
    o.experts.map((e) => [e.pseudonym, listText(e.covers), windowText(e.window), e.profileId]),
    '  no experts',
  );
}

function whyText(e: Exclusion): string {
  switch (e.constraint) {
    case 'clearance':
      return `clearance ${e.needed.scheme} ${e.needed.level} needed, holds ${e.held ? e.held.level : 'none'}`;
    case 'availability':
      return `not available ${e.gaps.map(windowText).join(', ')}`;
    case 'language':
      return `speaks ${listText(e.spoken)}, needed one of ${listText(e.needed)}`;
    default:
      return `on site: ${e.reason}`;
  }
}

/** A proposal (must 3): the team, the ranking with its reasons, and who was excluded and why. */
export function printProposal(p: Proposal, orgName: (id: string) => string): void {
  const name = new Map(p.ranked.map((c) => [c.profileId, `${c.pseudonym} (${orgName(c.orgId)})`]));
  console.log(`proposed team (${p.team.length} of ${p.considered} considered):`);
  for (const m of p.team) console.log(`  ${name.get(m.profileId) ?? m.profileId}: ${listText(m.covers)}`);
  if (p.uncovered.length > 0) console.log(`uncovered skills: ${listText(p.uncovered)}`);
  console.log('\nranked:');
  printTable(
    ['SCORE', 'EXPERT', 'ORGANISATION', 'COVERS', 'WHY'],
    p.ranked.map((c) => [c.score.toFixed(1), c.pseudonym, orgName(c.orgId), listText(c.covers), c.reasons.map((r) => r.text).join(' ')]),
    '  no available expert',
  );
  console.log('\nexcluded:');
  printTable(
    ['EXPERT', 'ORGANISATION', 'WHY'],
    p.excluded.map((x) => [x.pseudonym, orgName(x.orgId), x.why.map(whyText).join('; ')]),
    '  none',
  );
}

/** Partners' pseudonymous profiles. */
export function printProfiles(profiles: readonly ProfileView[]): void {
  printTable(
    ['PSEUDONYM', 'ORGANISATION', 'SKILLS', 'LANGUAGES', 'COUNTRY', 'ON SITE', 'PAST', 'ID'],
    profiles.map((p) => [
      p.pseudonym,
      p.org.name,
      listText(p.skills),
      listText(p.languages),
      p.country,
      p.onSite ? 'yes' : 'no',
      String(p.pastDeployments),
      p.id,
    ]),
    'no profiles',
  );
}
