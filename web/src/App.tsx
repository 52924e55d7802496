import { useMe, type Me } from './api/session.ts';
import { useLocation } from './router.ts';
import { Admin } from './screens/Admin.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { Explorer } from './screens/Explorer.tsx';
import { ImportPage } from './screens/ImportPage.tsx';
import { ChangePassword } from './screens/ChangePassword.tsx';
import { Login } from './screens/Login.tsx';
import { Lookup } from './screens/Lookup.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { Shell } from './screens/Shell.tsx';
import { NewObject } from './screens/write/lazy.tsx';
import { GraphPage, IncidentPage, NewIncident, ObjectPage, ReportForm } from './screens/lazy.tsx';
import { IncidentInbox, IncidentList, IncidentSummary } from './screens/incidents/lazy-list.tsx';
import { AlertList, AlertPage, AlertRules } from './screens/alerts/lazy.tsx';
import {
  AfterActionForm,
  AskForm,
  DeploymentPage,
  EditRequest,
  OfferForm,
  RequestPage,
  RequestsBoard,
  Roster,
} from './screens/assistance/lazy.tsx';

function Screen({ me }: { me: Me }) {
  const { path, query } = useLocation();
  const object = /^\/objects\/([^/]+)(\/graph)?$/.exec(path);
  if (object) {
    const id = decodeURIComponent(object[1] ?? '');
    return object[2] ? <GraphPage id={id} /> : <ObjectPage id={id} />;
  }
  // The incident pages (issue 16): /incidents/new, /incidents/:id, /incidents/:id/report/:stage.
  if (path === '/incidents/new') return <NewIncident me={me} />;
  const incident = /^\/incidents\/([^/]+)(?:\/report\/([^/]+))?$/.exec(path);
  if (incident && !['inbox', 'summary'].includes(incident[1] ?? '')) {
    const id = decodeURIComponent(incident[1] ?? '');
    if (incident[2] === undefined) return <IncidentPage id={id} />;
    const request = query.get('request');
    return (
      <ReportForm
        id={id}
        stage={incident[2]}
        revise={query.get('revise') === '1'}
        request={request === null ? undefined : Number(request)}
      />
    );
  }
  // Collective-threat alerts (issue 17): /alerts, /alerts/rules, /alerts/:id.
  if (path === '/alerts') return <AlertList />;
  if (path === '/alerts/rules') return <AlertRules />;
  const alert = /^\/alerts\/([^/]+)$/.exec(path);
  if (alert) return <AlertPage id={decodeURIComponent(alert[1] ?? '')} />;
  // Rapid response (issue 18): the board, asking, the roster, a request with its offer and change forms, a
  // deployment and its after-action report.
  if (path === '/assistance') return <RequestsBoard />;
  if (path === '/assistance/new') return <AskForm me={me} />;
  if (path === '/assistance/roster') return <Roster />;
  const request = /^\/assistance\/requests\/([^/]+)(?:\/(offer|edit))?$/.exec(path);
  if (request) {
    const id = decodeURIComponent(request[1] ?? '');
    if (request[2] === 'offer') return <OfferForm id={id} />;
    return request[2] === 'edit' ? <EditRequest me={me} id={id} /> : <RequestPage id={id} />;
  }
  const deployment = /^\/assistance\/deployments\/([^/]+)(\/report)?$/.exec(path);
  if (deployment) {
    const id = decodeURIComponent(deployment[1] ?? '');
    return deployment[2] ? <AfterActionForm id={id} /> : <DeploymentPage id={id} />;
  }
  // Exact paths (the server's APP_ROUTES): anything else is the not-found screen, not a dashboard.
  const admin = /^\/admin(?:\/([^/]+))?$/.exec(path);
  if (admin) return <Admin section={admin[1] ?? 'orgs'} />;
  if (path === '/explore') return <Explorer />;
  if (path === '/lookup') return <Lookup />;
  if (path === '/import') return <ImportPage />;
  if (path === '/') return <Dashboard />;
  if (path === '/new') return <NewObject me={me} />;
  if (path === '/incidents') return <IncidentList />;
  if (path === '/incidents/inbox') return <IncidentInbox />;
  if (path === '/incidents/summary') return <IncidentSummary />;
  return <NotFound />;
}

export function App() {
  const me = useMe();
  if (me.isPending)
    return (
      <p className="muted boot" role="status">
        Loading…
      </p>
    );
  if (me.error)
    return (
      <p className="error boot" role="alert">
        {me.error.message}
      </p>
    );
  if (!me.data) return <Login />;
  if (me.data.user.mustChangePassword) return <ChangePassword me={me.data} />;
  return (
    <Shell me={me.data}>
      <Screen me={me.data} />
    </Shell>
  );
}
