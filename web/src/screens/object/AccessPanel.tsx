// Who holds the object and who may read it (issue 15, must 3): owner, source, distribution by
// name, markings, the organisations of this node whose members may read it, the peers it may
// leave to. The answer is the server's (GET /objects/{id}/access), computed with the access policy.
import { type AudienceEntry, type ObjectAccess, useObjectAccess } from '../../api/object-access.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { TlpChip } from '../../components/MarkingBanner.tsx';
import { SourceText } from './SourceText.tsx';

function distributionText(d: ObjectAccess['distribution']): string {
  switch (d.kind) {
    case 'organization':
      return 'Owner organisation only';
    case 'sharing-group':
      return `Sharing group ${d.name ?? d.id ?? ''}`;
    case 'community':
      return `Community ${d.name ?? d.id ?? ''}`;
    case 'federation':
      return 'Federation (every organisation)';
  }
}

function readersText(e: AudienceEntry): string {
  if (e.readers === e.members) return e.members === 1 ? 'its 1 member' : `all ${e.members} members`;
  return `${e.readers} of ${e.members} members`;
}

function Audience({ a }: { a: ObjectAccess }) {
  const reading = a.audience.filter((e) => e.readers > 0);
  const blocked = a.audience.filter((e) => e.readers === 0);
  const why = a.classification ? ` (clearance ${a.classification.level} needed)` : a.exercise ? ' (exercise participants only)' : '';
  return (
    <>
      <ul className="plain audience" aria-label="Organisations that may read it">
        {reading.map((e) => (
          <li key={e.org.id}>
            <strong>{e.org.name ?? e.org.id}</strong>
            {e.org.country && <span className="muted"> ({e.org.country})</span>}
            <span className="muted">
              {' '}
              — {readersText(e)}
              {e.readers < e.members ? why : ''}
            </span>
          </li>
        ))}
        {reading.length === 0 && <li className="muted">No organisation of this node.</li>}
      </ul>
      {blocked.length > 0 && (
        <details className="small">
          <summary>
            {blocked.length} {blocked.length === 1 ? 'organisation' : 'organisations'} may not read it
          </summary>
          <ul className="plain">
            {blocked.map((e) => (
              <li key={e.org.id}>
                {e.org.name ?? e.org.id}
                <span className="muted">
                  {' '}
                  — {e.inAudience ? `no member holds what it needs${why}` : 'outside its distribution or releasability'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function AccessPanel({ id }: { id: string }) {
  const q = useObjectAccess(id);
  const a = q.data;
  const peers = a?.peers.filter((p) => p.mayReceive) ?? [];
  return (
    <Panel title="Access" testId="access-panel">
      <Status loading={q.isPending} error={q.error}>
        {a && (
          <dl className="facts">
            <dt>Owner</dt>
            <dd data-testid="access-owner">
              {a.owner.name ?? a.owner.id}
              {a.owner.country && <span className="muted"> ({a.owner.country})</span>}
            </dd>
            <dt>Source</dt>
            <dd>
              <SourceText a={a} />
            </dd>
            <dt>TLP</dt>
            <dd>
              <TlpChip tlp={a.tlp} />
            </dd>
            <dt>Distribution</dt>
            <dd data-testid="access-distribution">{distributionText(a.distribution)}</dd>
            {a.classification && (
              <>
                <dt>Classification</dt>
                <dd>
                  {a.classification.level} <span className="muted">({a.classification.schemeName ?? a.classification.scheme})</span>
                </dd>
              </>
            )}
            {a.releasableTo && (
              <>
                <dt>Releasability</dt>
                <dd>{a.releasableTo.length > 0 ? `REL TO ${a.releasableTo.join(', ')}` : 'Not releasable'}</dd>
              </>
            )}
            {a.exercise && (
              <>
                <dt>Exercise</dt>
                <dd>{a.exercise}</dd>
              </>
            )}
            <dt>Who can see it</dt>
            <dd data-testid="access-audience">
              <Audience a={a} />
            </dd>
            <dt>Peers</dt>
            <dd data-testid="access-peers">
              {a.peers.length === 0
                ? 'This node has no syncing peer.'
                : peers.length === 0
                  ? 'Stays on this node: no peer may receive it.'
                  : `May leave to ${peers.map((p) => p.name).join(', ')}.`}
            </dd>
          </dl>
        )}
      </Status>
    </Panel>
  );
}
