// The page header: type, title by meaning, the ids analysts search by (ATT&CK, CVE), revoked and
// deprecated flags, the write actions and the graph.
import { ALERT_TYPE } from '../../../../src/domain/alerts/api.ts';
import type { Stix } from '../../api/objects.ts';
import { type Me, useMe } from '../../api/session.ts';
import { Link } from '../../components/Link.tsx';
import { attackIds, cveIds, type ExternalId } from '../../format/external-ids.ts';
import { typeName } from '../../format/stix-names.ts';
import { objectPath } from '../../router.ts';
import { ObjectActions } from '../write/ObjectActions.tsx';
import { deploymentPath, mayReadRoster, requestPath, rosterPath } from '../assistance/paths.ts';
import { type WorkingPage, workingPageOf } from './working-page.ts';

function IdChip({ kind, x }: { kind: 'ATT&CK' | 'CVE'; x: ExternalId }) {
  const cls = `ext-id ${kind === 'CVE' ? 'cve' : 'attack'}`;
  return x.url ? (
    <a className={cls} href={x.url} target="_blank" rel="noopener noreferrer" aria-label={`${kind} ${x.id}`} data-testid="external-id">
      {x.id}
    </a>
  ) : (
    <span className={cls} title={`${kind} ${x.id}`} data-testid="external-id">
      <span className="sr-only">{kind} </span>
      {x.id}
    </span>
  );
}

/** The link to the page a rapid-response object is worked on (issue 18, must 7); the roster only
 *  for the staff who read it (must 2). */
function WorkingLink({ to, me }: { to: WorkingPage; me: Me | null | undefined }) {
  if (to.page === 'roster' && !mayReadRoster(me)) return null;
  const [path, label] =
    to.page === 'roster'
      ? [rosterPath, 'Open the roster']
      : to.page === 'request'
        ? [requestPath(to.id), 'Open the request']
        : [deploymentPath(to.id), 'Open the deployment'];
  return (
    <Link className="button" to={path} data-testid="working-page-link">
      {label}
    </Link>
  );
}

export function Header({ o, title }: { o: Stix; title: string }) {
  const deprecated = o['x_mitre_deprecated'] === true;
  const revoked = o['revoked'] === true;
  // A rapid-response object (issue 18) is worked on its request's or deployment's page.
  const me = useMe().data;
  const working = workingPageOf(o, me?.org.id);
  return (
    <div className="object-head">
      <div className="object-head-main">
        <div className="row tight">
          <span className="type-tag" data-testid="object-type">
            {typeName(o.type)}
          </span>
          {attackIds(o).map((x) => (
            <IdChip key={x.id} kind="ATT&CK" x={x} />
          ))}
          {cveIds(o).map((x) => (
            <IdChip key={x.id} kind="CVE" x={x} />
          ))}
          {revoked && (
            <span className="flag revoked" data-testid="flag-revoked">
              Revoked
            </span>
          )}
          {deprecated && (
            <span className="flag deprecated" data-testid="flag-deprecated">
              Deprecated
            </span>
          )}
        </div>
        <h1 data-testid="object-title" className={revoked || deprecated ? 'struck' : undefined}>
          {title}
        </h1>
        <code className="object-id">{o.id}</code>
      </div>
      <div className="object-head-actions">
        <ObjectActions object={o} />
        {/* A collective alert (issue 17) reads best on its own page: map, series, sightings. */}
        {o.type === ALERT_TYPE && (
          <Link className="button" to={`/alerts/${encodeURIComponent(o.id)}`} data-testid="alert-page-link">
            Alert page
          </Link>
        )}
        {working && <WorkingLink to={working} me={me} />}
        <Link className="button" to={`${objectPath(o.id)}/graph`}>
          Graph
        </Link>
      </div>
    </div>
  );
}
