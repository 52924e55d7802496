// Pieces the alert screens and the dashboard's alerts panel share (issue 17, must 4): the alerts'
// own navigation, what an alert is about in words, its exercise badge, its live state, and the
// table of alerts with the highlight of those that arrived while the screen was open.
import { useMemo } from 'react';
import { type Community, useCommunities } from '../../api/admin.ts';
import type { AlertStream, AlertView, RuleSubject } from '../../api/alerts.ts';
import { Link } from '../../components/Link.tsx';
import { TlpChip } from '../../components/MarkingBanner.tsx';
import { countryName } from '../../components/WorldMap.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { useLocation } from '../../router.ts';

export const alertPath = (id: string): string => `/alerts/${encodeURIComponent(id)}`;

/** What "the same thing" was, as a reader names it. */
export const KIND_NAMES: Record<RuleSubject, string> = {
  object: 'indicator or observable',
  value: 'observable value',
  malware: 'malware family',
};

/** Community id → name, from the directory every signed-in user may read. */
export function useCommunityNames(): Map<string, string> {
  const list = useCommunities().data;
  return useMemo(() => new Map((list ?? []).map((c: Community) => [c.id, c.name])), [list]);
}

/** "France (FR), Estonia (EE)" with each name spelled out. */
export const countriesText = (codes: readonly string[]): string =>
  codes.length === 0 ? '—' : codes.map((c) => `${countryName(c)} (${c})`).join(', ');

export function ExerciseBadge({ exercise }: { exercise: string | null }) {
  if (exercise === null) return null;
  return (
    <span className="exercise-badge" title={`Raised by exercise-marked sightings of exercise ${exercise}`} data-testid="exercise-badge">
      EXERCISE
    </span>
  );
}

/** The alert screens' navigation: the alerts, and the rules that raise them. */
export function AlertsNav() {
  const { path } = useLocation();
  const tabs = [
    { to: '/alerts', label: 'Alerts' },
    { to: '/alerts/rules', label: 'Rules' },
  ];
  return (
    <nav aria-label="Alerts" className="subnav row-nav alerts-nav">
      {tabs.map((t) => (
        <Link key={t.to} to={t.to} className={path === t.to ? 'active' : ''} aria-current={path === t.to ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** "Live" or "Connecting…", and a polite announcement of each alert that arrives. `quiet`: only
 *  how many arrived (the dashboard says already whether it is live). */
export function LiveState({ stream, quiet = false }: { stream: AlertStream; quiet?: boolean }) {
  const fresh = stream.fresh.size > 0 ? `${stream.fresh.size} new or updated since opened` : '';
  return (
    <>
      {quiet ? (
        <span className="muted small" data-testid="alerts-live">
          {fresh}
        </span>
      ) : (
        <span className={`live ${stream.connected ? 'on' : ''}`} data-testid="alerts-live">
          {stream.connected ? 'Live' : 'Connecting…'}
          {fresh ? ` · ${fresh}` : ''}
        </span>
      )}
      <p className="sr-only" role="status" aria-live="polite" data-testid="alerts-announcement">
        {stream.announcement}
      </p>
    </>
  );
}

function FreshBadge({ state }: { state: 'new' | 'updated' | undefined }) {
  if (state === undefined) return null;
  return (
    <span className={`fresh-badge ${state}`} data-testid="fresh-badge">
      {state === 'new' ? 'New' : 'Updated'}
    </span>
  );
}

function Row({ a, fresh, communities }: { a: AlertView; fresh: AlertStream['fresh']; communities: Map<string, string> }) {
  const state = fresh.get(a.id);
  return (
    <tr data-alert={a.id} data-testid="alert-row" className={state ? `fresh ${state}` : undefined}>
      <td className="alert-subject">
        <div className="alert-title">
          <Link to={alertPath(a.id)}>{a.subject.label}</Link>
          <FreshBadge state={state} />
          <ExerciseBadge exercise={a.exercise} />
        </div>
        <div className="muted small">{`Same ${KIND_NAMES[a.subject.kind]}`}</div>
      </td>
      <td>
        {a.rule.name}
        <div className="muted small">{communities.get(a.rule.community) ?? a.rule.community}</div>
      </td>
      <td className="num" data-testid="alert-orgs">
        {a.organisations}
      </td>
      <td className="alert-countries" data-testid="alert-countries">
        {countriesText(a.countries)}
      </td>
      <td className="num" data-testid="alert-sightings">
        {a.sightings.toLocaleString('en')}
      </td>
      <td className="nowrap">{formatDateTime(a.firstSeen)}</td>
      <td className="nowrap">{formatDateTime(a.lastSeen)}</td>
      <td>
        <TlpChip tlp={a.marking?.tlp ?? undefined} />
      </td>
    </tr>
  );
}

/** The alerts, newest activity first, those that arrived while the screen was open highlighted. */
export function AlertTable({
  alerts,
  fresh,
  label = 'Alerts',
}: {
  alerts: readonly AlertView[];
  fresh: AlertStream['fresh'];
  label?: string;
}) {
  const communities = useCommunityNames();
  return (
    <table className="grid alert-table" aria-label={label} data-testid="alerts">
      <thead>
        <tr>
          <th scope="col">Sighted</th>
          <th scope="col">Rule</th>
          <th scope="col" className="num">
            Organisations
          </th>
          <th scope="col">Countries</th>
          <th scope="col" className="num">
            Sightings
          </th>
          <th scope="col">First seen</th>
          <th scope="col">Last seen</th>
          <th scope="col">TLP</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <Row key={a.id} a={a} fresh={fresh} communities={communities} />
        ))}
      </tbody>
    </table>
  );
}
