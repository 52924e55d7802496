// Lookup answers (issue 15, lookup in the UI): the objects a value matched and why, and the
// table of a pasted list, value by value. Presentational: the screen fetches.
import type { ReactNode } from 'react';
import { recognize, type LookupMatch, type LookupResult, type Recognized } from '../api/lookup.ts';
import { displayName } from '../api/objects.ts';
import { objectPath } from '../router.ts';
import { formatDateTime } from '../format/dates.ts';
import { WarninglistFlag } from './AlsoSeenIn.tsx';
import { DecayScoreView } from './DecayScore.tsx';
import { LinkedIncidents } from './LinkedIncidentsLazy.tsx';
import { Link } from './Link.tsx';
import { TlpChip } from './MarkingBanner.tsx';
import type { ObservableKind } from '../../../src/domain/observables/types.ts';
import type { SightingSummary } from '../../../src/domain/sightings/api.ts';

const KIND_LABELS: Partial<Record<ObservableKind, string>> = {
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  domain: 'domain name',
  url: 'URL',
  email: 'e-mail address',
  mac: 'MAC address',
  asn: 'AS number',
  'hash:md5': 'MD5 hash',
  'hash:sha1': 'SHA-1 hash',
  'hash:sha256': 'SHA-256 hash',
  'hash:sha512': 'SHA-512 hash',
};

/** "IPv4 network", "SHA-256 hash", …: the kind of a recognised value in words. */
export function kindLabel(kind: ObservableKind | null, normalized?: string | null): string {
  if (!kind) return 'not recognised';
  const label = KIND_LABELS[kind] ?? kind;
  return (kind === 'ipv4' || kind === 'ipv6') && normalized?.includes('/') ? label.replace('address', 'network') : label;
}

/** Why an object matched: the same value, or the network that contains the address looked up. */
export function matchReason(result: LookupResult, m: LookupMatch): string {
  if (m.matched.value === result.normalized) return `same ${kindLabel(m.matched.kind)}`;
  if ((m.matched.kind === 'ipv4' || m.matched.kind === 'ipv6') && m.matched.value.includes('/'))
    return `${result.normalized} is in network ${m.matched.value}`;
  return `${kindLabel(m.matched.kind)} ${m.matched.value}`;
}

/** What a typed value is recognised as, shown under the box as it is typed. */
export function RecognizedHint({ value }: { value: string }) {
  if (value.trim() === '') return null;
  const r = recognize(value);
  return (
    <p className="muted small" role="status" data-testid="observable-hint">
      {r
        ? `${kindLabel(r.kind, r.normalized)} ${r.normalized}: looked up as an observable`
        : 'not an address, network, domain, URL, e-mail address or hash'}
    </p>
  );
}

/** A match's sightings as the lookup answered them: how many, and the latest. */
export function SightingsCell({ s }: { s: SightingSummary }) {
  if (s.count === 0) return <span className="muted">none</span>;
  return (
    <span data-testid="match-sightings">
      {s.count.toLocaleString('en')}
      <span className="muted small"> last {formatDateTime(s.lastSeen)}</span>
    </span>
  );
}

/** "Also seen in" of a match: how many other objects carry the value, unless it is too common or
 *  on a warninglist, when it is not correlated (issue 17, must 5). */
function CorrelationCell({ result, m }: { result: LookupResult; m: LookupMatch }) {
  if ((result.warninglists ?? []).length > 0) return <span className="muted">not correlated</span>;
  const c = m.correlation;
  if (!c) return <span className="muted">—</span>;
  if (c.tooCommon) return <span className="flag too-common">too common to correlate</span>;
  if (c.objects === 0) return <span className="muted">nowhere else</span>;
  return (
    <Link to={objectPath(m.object.id)} data-testid="match-correlation">
      {`${c.objects.toLocaleString('en')} other object${c.objects === 1 ? '' : 's'}`}
    </Link>
  );
}

export interface MatchExtras {
  /** A match's sightings when the lookup did not carry them (the screen fetches them). */
  sightings?: (m: LookupMatch) => ReactNode;
  /** The actions on a match ("We saw this"). */
  action?: (m: LookupMatch) => ReactNode;
}

/** The objects one value matched, with their sightings, "also seen in" and score (issue 17). */
export function MatchTable({ result, extras = {} }: { result: LookupResult; extras?: MatchExtras }) {
  const listed = result.warninglists ?? [];
  if (result.matches.length === 0)
    return (
      <>
        {listed.length > 0 && (
          <p>
            <WarninglistFlag hits={listed} />
          </p>
        )}
        <p className="muted" data-testid="lookup-none">
          No object you may read matches {result.normalized ?? result.value}.
        </p>
      </>
    );
  return (
    <>
      {listed.length > 0 && (
        <p>
          {result.normalized ?? result.value} is <WarninglistFlag hits={listed} />
        </p>
      )}
      <div className="table-scroll">
        <table className="grid lookup-matches" aria-label={`Objects matching ${result.value}`} data-testid="lookup-matches">
          <thead>
            <tr>
              <th scope="col">Object</th>
              <th scope="col">Type</th>
              <th scope="col">TLP</th>
              <th scope="col">Why it matched</th>
              <th scope="col">Sightings</th>
              <th scope="col">Also seen in</th>
              <th scope="col">Score</th>
              {extras.action && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {result.matches.map((m) => (
              <tr key={m.object.id}>
                <td>
                  <Link to={objectPath(m.object.id)}>{displayName(m.object)}</Link>
                </td>
                <td>
                  <span className="type-tag">{m.object.type}</span>
                </td>
                <td>
                  <TlpChip tlp={m.marking?.tlp} />
                </td>
                <td>{matchReason(result, m)}</td>
                <td>{m.sightings ? <SightingsCell s={m.sightings} /> : (extras.sightings?.(m) ?? '—')}</td>
                <td>
                  <CorrelationCell result={result} m={m} />
                </td>
                <td>{m.score ? <DecayScoreView score={m.score} compact /> : <span className="muted">—</span>}</td>
                {extras.action && <td>{extras.action(m)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LinkedIncidents objects={result.matches.map((m) => ({ id: m.object.id, name: displayName(m.object) }))} showVia />
    </>
  );
}

/** One row of a pasted list: the value as pasted, what it was recognised as, its lookup once answered. */
export interface ListRow {
  input: string;
  recognized?: Recognized;
  result?: LookupResult;
}

function outcomeOf(r: ListRow): 'unrecognised' | 'pending' | 'matched' | 'unmatched' {
  if (!r.recognized) return 'unrecognised';
  if (!r.result) return 'pending';
  return r.result.matches.length > 0 ? 'matched' : 'unmatched';
}

const OUTCOME_TEXT = { unrecognised: 'not recognised', pending: 'looking up…', matched: 'matched', unmatched: 'not matched' };

/** A pasted list, value by value: kind, matched or not, the matching objects. */
export function LookupTable({ rows }: { rows: ListRow[] }) {
  return (
    <table className="grid" aria-label="Lookup of the pasted values" data-testid="lookup-table">
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col">Kind</th>
          <th scope="col">Result</th>
          <th scope="col">Matching objects</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const outcome = outcomeOf(r);
          const result = r.result;
          return (
            <tr key={r.input} data-value={r.input} data-outcome={outcome}>
              <td>
                <code>{r.input}</code>
              </td>
              <td className={r.recognized ? '' : 'muted'}>{kindLabel(r.recognized?.kind ?? null, r.recognized?.normalized)}</td>
              <td className={outcome === 'matched' ? 'ok' : 'muted'}>
                {OUTCOME_TEXT[outcome]}
                {outcome === 'matched' && result ? ` (${result.matches.length})` : ''}
                {result?.warninglists && result.warninglists.length > 0 && (
                  <>
                    {' '}
                    <WarninglistFlag hits={result.warninglists} />
                  </>
                )}
              </td>
              <td>
                <ul className="plain">
                  {result?.matches.map((m) => (
                    <li key={m.object.id}>
                      <Link to={objectPath(m.object.id)}>{displayName(m.object)}</Link>{' '}
                      <span className="muted small">({matchReason(result, m)})</span>
                      {m.sightings && m.sightings.count > 0 && (
                        <span className="small"> · {m.sightings.count.toLocaleString('en')} sightings</span>
                      )}
                      {m.score && (
                        <>
                          {' '}
                          <DecayScoreView score={m.score} compact />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
