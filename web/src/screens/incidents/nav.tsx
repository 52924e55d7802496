// The incident screens' own navigation (issue 16, must 9): the list, the CSIRT's inbox and the
// quarterly summary, reachable from one another; "Open an incident" for those who may.
import { useMe } from '../../api/session.ts';
import { Link } from '../../components/Link.tsx';
import { useLocation } from '../../router.ts';
import { mayAnswer, mayOpenIncident, maySummarise } from './may.ts';

export function IncidentsNav() {
  const { path } = useLocation();
  const me = useMe().data;
  const tabs = [
    { to: '/incidents', label: 'All incidents', show: true },
    { to: '/incidents/inbox', label: 'Inbox', show: mayAnswer(me) },
    { to: '/incidents/summary', label: 'Quarterly summary', show: maySummarise(me) },
  ];
  const shown = tabs.filter((t) => t.show);
  return (
    <div className="incidents-nav">
      {/* One screen alone needs no navigation between screens. */}
      {shown.length > 1 && (
        <nav aria-label="Incidents" className="subnav row-nav">
          {shown.map((t) => (
            <Link key={t.to} to={t.to} className={path === t.to ? 'active' : ''} aria-current={path === t.to ? 'page' : undefined}>
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {mayOpenIncident(me) && (
        <Link to="/incidents/new" className="button" data-testid="open-incident">
          Open an incident
        </Link>
      )}
    </div>
  );
}
