// The frame of every signed-in screen: navigation, the user, sign out.
import type { ReactNode } from 'react';
import { isAdmin, useLogout, type Me } from '../api/session.ts';
import { Link } from '../components/Link.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { useLocation } from '../router.ts';
import { mayWrite } from './write/rules.ts';

const NAV = [
  { to: '/', label: 'Dashboard', match: (p: string) => p === '/' },
  { to: '/explore', label: 'Explorer', match: (p: string) => p.startsWith('/explore') || p.startsWith('/objects/') },
  // Incidents and NIS2 reporting (issue 16): the list, with the inbox and the summary beside it.
  { to: '/incidents', label: 'Incidents', match: (p: string) => p.startsWith('/incidents') },
  // Collective-threat alerts and their rules (issue 17, must 7).
  { to: '/alerts', label: 'Alerts', match: (p: string) => p.startsWith('/alerts') },
  // Rapid response: assistance requests, the roster, deployments (issue 18, must 7).
  { to: '/assistance', label: 'Assistance', match: (p: string) => p.startsWith('/assistance') },
  { to: '/lookup', label: 'Lookup', match: (p: string) => p.startsWith('/lookup') },
  { to: '/import', label: 'Import', match: (p: string) => p.startsWith('/import') },
  { to: '/admin/orgs', label: 'Administration', match: (p: string) => p.startsWith('/admin') },
  // Only for those who may write (issue 15, must 4; screens/write/rules.ts).
  { to: '/new', label: 'New', match: (p: string) => p === '/new', writers: true },
];

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { path } = useLocation();
  const logout = useLogout();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Concord</span>
        <nav aria-label="Main">
          {NAV.filter((n) => !('writers' in n) || mayWrite(me)).map((n) => (
            <Link key={n.to} to={n.to} className={n.match(path) ? 'active' : ''} aria-current={n.match(path) ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <span className="who" data-testid="who">
          {me.user.displayName || me.user.username} · {me.org.name}
          {isAdmin(me) ? ' · admin' : ''}
        </span>
        <NotificationBell />
        <button type="button" className="ghost" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
