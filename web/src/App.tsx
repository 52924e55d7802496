import { useMe } from './api/session.ts';
import { useLocation } from './router.ts';
import { Admin } from './screens/Admin.tsx';
import { Dashboard } from './screens/Dashboard.tsx';
import { Explorer } from './screens/Explorer.tsx';
import { GraphPage } from './screens/GraphPage.tsx';
import { ImportPage } from './screens/ImportPage.tsx';
import { ChangePassword } from './screens/ChangePassword.tsx';
import { Login } from './screens/Login.tsx';
import { Lookup } from './screens/Lookup.tsx';
import { ObjectPage } from './screens/ObjectPage.tsx';
import { Shell } from './screens/Shell.tsx';

function Screen() {
  const { path } = useLocation();
  const object = /^\/objects\/([^/]+)(\/graph)?$/.exec(path);
  if (object) {
    const id = decodeURIComponent(object[1] ?? '');
    return object[2] ? <GraphPage id={id} /> : <ObjectPage id={id} />;
  }
  if (path.startsWith('/explore')) return <Explorer />;
  if (path.startsWith('/lookup')) return <Lookup />;
  if (path.startsWith('/import')) return <ImportPage />;
  if (path.startsWith('/admin')) return <Admin section={path.split('/')[2] ?? 'orgs'} />;
  return <Dashboard />;
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
      <Screen />
    </Shell>
  );
}
