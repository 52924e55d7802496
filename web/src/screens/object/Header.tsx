// The page header: type, title by meaning, the ids analysts search by (ATT&CK, CVE), revoked and
// deprecated flags, the write actions and the graph.
import { ALERT_TYPE } from '../../../../src/domain/alerts/api.ts';
import type { Stix } from '../../api/objects.ts';
import { useMe } from '../../api/session.ts';
import { Link } from '../../components/Link.tsx';
import { attackIds, cveIds, type ExternalId } from '../../format/external-ids.ts';
import { typeName } from '../../format/stix-names.ts';
import { objectPath } from '../../router.ts';
import { ObjectActions } from '../write/ObjectActions.tsx';
import { workingPageOf } from './working-page.ts';

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

export function Header({ o, title }: { o: Stix; title: string }) {
  const deprecated = o['x_mitre_deprecated'] === true;
  const revoked = o['revoked'] === true;
  // A rapid-response object (issue 18) is worked on its request's or deployment's page.
  const working = workingPageOf(o, useMe().data);
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
        {working && (
          <Link className="button" to={working.to} data-testid="working-page-link">
            {working.label}
          </Link>
        )}
        <Link className="button" to={`${objectPath(o.id)}/graph`}>
          Graph
        </Link>
      </div>
    </div>
  );
}
