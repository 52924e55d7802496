// The audit log (hash-chained, issue 3) and the verification of its chain, with filters by who,
// what, when, target and words, and keyset paging ("Load more") (issue 15, must 9). Targets are
// shown by name where the node knows one (a feed, a peer, an organisation, a user), the id on hover.
import { type AuditEntry, useAuditVerify, useOrgs, useUsers } from '../../api/admin.ts';
import { auditFiltersOf, useAuditActions, useAuditPages } from '../../api/audit.ts';
import { useFeeds } from '../../api/feeds.ts';
import { usePeers } from '../../api/peers.ts';
import { Link } from '../../components/Link.tsx';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { useLocation } from '../../router.ts';
import { AuditFilterForm, auditPath } from './audit-filters.tsx';
import { when } from './forms.tsx';
import { shortId } from './picker.tsx';

/** Names of the things entries are about, by id. */
function useTargetNames(): Map<string, string> {
  const orgs = useOrgs().data ?? [];
  const users = useUsers().data ?? [];
  const feeds = useFeeds(true).data ?? [];
  const peers = usePeers(true).data ?? [];
  return new Map([
    ...orgs.map((o) => [o.id, `organisation ${o.name}`] as const),
    ...users.map((u) => [u.id, `user ${u.username}`] as const),
    ...feeds.map((f) => [f.id, `feed ${f.name}`] as const),
    ...peers.map((p) => [p.id, `peer ${p.name}`] as const),
  ]);
}

/** The target's name: known to the node, or named by the entry itself (a removed feed). */
function targetText(e: AuditEntry, names: ReadonlyMap<string, string>): string | null {
  if (e.target === null) return null;
  const known = names.get(e.target);
  if (known) return known;
  const d = e.details;
  if (e.action.startsWith('feed.') && typeof d['name'] === 'string') return `feed ${d['name']}`;
  if (e.action.startsWith('peer.') && typeof d['peer'] === 'string') return `peer ${d['peer']}`;
  if (e.action === 'import' && typeof d['file'] === 'string') return `import of ${d['file']}`;
  return null;
}

function Target({ e, names }: { e: AuditEntry; names: ReadonlyMap<string, string> }) {
  if (e.target === null) return <>{e.withheld ? `${e.withheld} id${e.withheld === 1 ? '' : 's'} withheld` : '—'}</>;
  const text = targetText(e, names);
  return (
    <Link to={auditPath({ target: e.target })} title={`${e.target} (show its entries)`}>
      {text ?? <code className="small">{shortId(e.target)}</code>}
    </Link>
  );
}

/** `user:alice/token:ae576da1-…` as `user:alice (token ae576da1…)`: who, then how. */
function actorText(actor: string): string {
  const m = /^(.*)\/token:(.+)$/.exec(actor);
  return m ? `${m[1]} (token ${shortId(m[2] ?? '')})` : actor;
}

/** The details as `key: value` pairs, values cut short. */
function Details({ d }: { d: Record<string, unknown> }) {
  const pairs = Object.entries(d).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (pairs.length === 0) return null;
  return (
    <span className="audit-details">
      {pairs.map(([k, v], i) => {
        const text = typeof v === 'string' ? v : JSON.stringify(v);
        return (
          <span key={k}>
            {i > 0 && ' · '}
            {k} <b>{text.length > 80 ? `${text.slice(0, 80)}…` : text}</b>
          </span>
        );
      })}
    </span>
  );
}

function Verify() {
  const verify = useAuditVerify();
  const v = verify.data;
  return (
    <>
      <div className="row">
        <button type="button" onClick={() => verify.mutate()} disabled={verify.isPending}>
          Verify the hash chain
        </button>
        {v && (
          <span role="status" data-testid="audit-verify" className={v.ok ? 'ok' : 'error'}>
            {v.ok ? `Chain intact (${v.count} entries)` : `Chain broken at entry #${v.seq}: ${v.message}`}
          </span>
        )}
        {verify.error && (
          <span className="error" role="alert">
            {verify.error.message}
          </span>
        )}
      </div>
      {v && v.witnesses.length > 0 && (
        <ul className="witnesses" aria-label="Witnessed by peers" data-testid="audit-witnesses">
          {v.witnesses.map((w) => (
            <li key={w.peer} className={w.ok === false ? 'error' : w.ok ? 'ok' : 'muted'}>
              {w.peer}: {w.ok === true ? `entry #${w.seq} as this node stated it on ${when(w.statedAt)} holds` : w.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Audit() {
  const { query } = useLocation();
  const filters = auditFiltersOf(query);
  const pages = useAuditPages(filters, true);
  const actions = useAuditActions(true).data ?? [];
  const names = useTargetNames();
  const rows = pages.data?.pages.flatMap((p) => p.entries) ?? [];
  const filtered = Object.keys(filters).length > 0;
  return (
    <>
      <Verify />
      <AuditFilterForm key={query.toString()} filters={filters} actions={actions} />
      <Status loading={pages.isPending} error={pages.error}>
        <div className="audit-table">
          <SimpleTable
            label="Audit log"
            rows={rows}
            rowKey={(r) => String(r.seq)}
            cols={[
              { header: '#', cell: (r) => r.seq },
              { header: 'When', cell: (r) => when(r.at) },
              {
                header: 'Who',
                cell: (r) =>
                  r.actor ? (
                    <Link to={auditPath({ ...filters, actor: r.actor })} title={`${r.actor} (show only theirs)`}>
                      {actorText(r.actor)}
                    </Link>
                  ) : (
                    '—'
                  ),
              },
              {
                header: 'What',
                cell: (r) => (
                  <Link to={auditPath({ ...filters, action: r.action })}>
                    <code>{r.action}</code>
                  </Link>
                ),
              },
              { header: 'Target', cell: (r) => <Target e={r} names={names} /> },
              { header: 'Details', cell: (r) => <Details d={r.details} /> },
            ]}
          />
        </div>
        <div className="load-more">
          <span className="muted" role="status" data-testid="audit-count">
            {rows.length} entr{rows.length === 1 ? 'y' : 'ies'} shown{filtered ? ' (filtered)' : ''}
            {pages.hasNextPage ? '; older ones follow' : rows.length > 0 ? '; the oldest is shown' : ''}
          </span>
          {pages.hasNextPage && (
            <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
      </Status>
    </>
  );
}
