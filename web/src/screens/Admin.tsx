// Administration (issue 6, item 5): organisations, users, tokens, communities, sharing groups,
// TAXII collections, feeds, peers and the audit log. Each section shows what the API lets the
// signed-in user see and offers the changes it may make; the server decides, and a refusal is
// shown with the problem document's reason.
import { isAdmin, useMe } from '../api/session.ts';
import { Link } from '../components/Link.tsx';
import { Panel } from '../components/Panel.tsx';
import { Audit } from './admin/audit.tsx';
import { Collections } from './admin/collections.tsx';
import { Decay } from './admin/decay.tsx';
import { Feeds } from './admin/feeds.tsx';
import { Communities, SharingGroups } from './admin/groups.tsx';
import { Orgs } from './admin/orgs.tsx';
import { Peers } from './admin/peers.tsx';
import { Tokens, Users } from './admin/users.tsx';
import { NotFound } from './NotFound.tsx';
import './admin/admin.css';

const SECTIONS = [
  ['orgs', 'Organisations'],
  ['users', 'Users'],
  ['tokens', 'Tokens'],
  ['communities', 'Communities'],
  ['sharing-groups', 'Sharing groups'],
  ['collections', 'Collections'],
  ['feeds', 'Feeds'],
  ['peers', 'Peers'],
  ['audit', 'Audit log'],
  ['decay', 'Decay'],
] as const;

/** Sections only node administrators may open (their APIs refuse everyone else). */
const NODE_ADMIN_ONLY = new Set(['collections', 'feeds', 'peers', 'audit', 'decay']);

function Section({ section, admin, orgId, orgAdmin }: { section: string; admin: boolean; orgId: string; orgAdmin: boolean }) {
  if (NODE_ADMIN_ONLY.has(section) && !admin) return <p className="muted">Node administrators only.</p>;
  switch (section) {
    case 'users':
      return <Users orgId={orgId} admin={admin} orgAdmin={orgAdmin} />;
    case 'tokens':
      return <Tokens admin={admin} />;
    case 'communities':
      return <Communities admin={admin} />;
    case 'sharing-groups':
      return <SharingGroups admin={admin} orgId={orgId} orgAdmin={orgAdmin} />;
    case 'collections':
      return <Collections />;
    case 'feeds':
      return <Feeds />;
    case 'peers':
      return <Peers />;
    case 'audit':
      return <Audit />;
    case 'decay':
      return <Decay />;
    default:
      return <Orgs admin={admin} />;
  }
}

export function Admin({ section }: { section: string }) {
  const me = useMe();
  const admin = isAdmin(me.data);
  const current = SECTIONS.find(([id]) => id === section);
  if (!current) return <NotFound />;
  return (
    <div className="page">
      <div className="page-head">
        <h1>Administration</h1>
      </div>
      <div className="admin">
        <nav aria-label="Administration" className="subnav">
          {SECTIONS.map(([id, label]) => (
            <Link
              key={id}
              to={`/admin/${id}`}
              className={id === current[0] ? 'active' : ''}
              aria-current={id === current[0] ? 'page' : undefined}
            >
              {label}
            </Link>
          ))}
        </nav>
        <Panel title={current[1]}>
          <Section
            key={current[0]}
            section={current[0]}
            admin={admin}
            orgId={me.data?.org.id ?? ''}
            orgAdmin={me.data?.user.roles.includes('org-admin') ?? false}
          />
        </Panel>
      </div>
    </div>
  );
}
