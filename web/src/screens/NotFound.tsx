// The app's answer to a path it has no screen for (issue 15, must 10): the same words as the
// server's HTML 404 (src/http/ui/plugin.ts), for paths the app reaches without a reload.
import { Link } from '../components/Link.tsx';
import { useLocation } from '../router.ts';

export function NotFound() {
  const { path } = useLocation();
  return (
    <div className="page" data-testid="not-found">
      <div className="page-head">
        <h1>Not found</h1>
      </div>
      <p>
        Concord has no page at <code>{path}</code>.
      </p>
      <p>
        <Link to="/">Go to the dashboard</Link>
      </p>
    </div>
  );
}
