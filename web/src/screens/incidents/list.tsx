// The incidents list (issue 16, must 9): the incidents the reader may see (an entity its own, a
// CSIRT its constituency's, anyone what was shared with them), filtered by status, sector,
// country, RSIT class, severity, determination, stage standing, "due within 24 h" and
// cross-border, kept in the URL; each with the clock of every running stage and its countdown,
// which ticks every 30 s without a refetch. Fifty at a time, "More" for the next.
import { useMemo } from 'react';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { navigate, useLocation } from '../../router.ts';
import { FilterForm, FilterGroups } from './list-filters.tsx';
import { isFiltered, listPath, stateOf, type ListState } from './list-query.ts';
import { IncidentTable } from './list-table.tsx';
import { bannerOfMarkings } from './marking.ts';
import { IncidentsNav } from './nav.tsx';
import { useNow } from './now.ts';
import { useIncidentList } from './queries.ts';
import './incidents.css';

function Empty({ filtered }: { filtered: boolean }) {
  return (
    <div className="empty" data-testid="incidents-empty">
      {filtered ? (
        <p>
          No incident you may see matches these filters.{' '}
          <button type="button" className="ghost" onClick={() => navigate('/incidents')}>
            Clear the filters
          </button>
        </p>
      ) : (
        <p>No incident you may see yet: your organisation's incidents, your constituency's and those shared with you appear here.</p>
      )}
    </div>
  );
}

export function IncidentList() {
  const { query } = useLocation();
  const search = query.toString();
  const state = useMemo(() => stateOf(new URLSearchParams(search)), [search]);
  const go = (s: ListState): void => navigate(listPath(s), true);
  const list = useIncidentList(state.filter, state.sort);
  const now = useNow();
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const banner = useMemo(() => (rows.length > 0 ? bannerOfMarkings(rows.map((r) => r.marking)) : undefined), [rows]);
  const filtered = isFiltered(state.filter);
  return (
    <div className="page incidents">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Incidents</h1>
        <IncidentsNav />
      </div>
      <FilterForm state={state} go={go} />
      <div className="incidents-grid">
        <aside aria-label="More filters">
          <FilterGroups state={state} go={go} />
        </aside>
        <div className="incidents-main">
          <p className="total" role="status" data-testid="incident-count" aria-busy={list.isFetching}>
            {list.isPending
              ? 'Loading…'
              : `${rows.length.toLocaleString('en')}${list.hasNextPage ? '+' : ''} incident${rows.length === 1 && !list.hasNextPage ? '' : 's'}`}
          </p>
          <Status loading={list.isPending} error={list.error}>
            {rows.length === 0 ? <Empty filtered={filtered} /> : <IncidentTable rows={rows} now={now} />}
            {list.hasNextPage && (
              <button type="button" className="more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {list.isFetchingNextPage ? 'Loading…' : 'More'}
              </button>
            )}
          </Status>
        </div>
      </div>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
