// The analyst's Explorer (issue 15, must 5): search with filters, a total and facets computed
// under the access policy, sorting by column, relevance for text, owner/labels/confidence/TLP
// columns, hidden deprecated, revoked and system objects (toggles show them), saved searches,
// export of the search (STIX, CSV) and bulk actions on a selection. Results load page by page.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { bannerOf, useSearch, useSearchSummary, type ObjectMarking, type SearchFilters, type Stix } from '../api/objects.ts';
import { recognize } from '../api/lookup.ts';
import { useMe } from '../api/session.ts';
import { DayInput } from '../components/DayInput.tsx';
import { RecognizedHint } from '../components/LookupResults.tsx';
import { MarkingBanner } from '../components/MarkingBanner.tsx';
import { Status } from '../components/Panel.tsx';
import { VirtualTable } from '../components/VirtualTable.tsx';
import { lookupPath, navigate, useLocation } from '../router.ts';
import { reach } from '../../../src/domain/access/permissions.ts';
import { ROLES, type Role } from '../../../src/domain/access/types.ts';
import { BulkBar } from './explorer/BulkBar.tsx';
import { explorerColumns } from './explorer/columns.tsx';
import { Facets } from './explorer/Facets.tsx';
import { SavedSearches } from './explorer/SavedSearches.tsx';
import { explorePath, exportHref, filtersOf, nextSort, queryOf, toggled } from './explorer/query.ts';
import './explorer/explorer.css';

const TYPES = ['', 'indicator', 'malware', 'intrusion-set', 'threat-actor', 'attack-pattern', 'campaign', 'tool', 'vulnerability'];
const MORE_TYPES = [
  'identity',
  'location',
  'report',
  'note',
  'relationship',
  'sighting',
  'ipv4-addr',
  'domain-name',
  'url',
  'file',
  // Concord's own types (issues 17 and 18) that an analyst looks for by name.
  'x-concord-alert',
  'x-concord-assistance-request',
  'x-concord-deployment',
  'x-concord-expert-profile',
];
const TLPS = ['', 'clear', 'green', 'amber', 'amber+strict', 'red'];
const ORDERS = [
  ['relevance', 'Relevance'],
  ['-modified', 'Modified, latest first'],
  ['modified', 'Modified, oldest first'],
  ['-created', 'Created, latest first'],
  ['created', 'Created, oldest first'],
  ['name', 'Name, A–Z'],
  ['-name', 'Name, Z–A'],
  ['type', 'Type, A–Z'],
  ['-type', 'Type, Z–A'],
] as const;
const HIDDEN = [
  ['deprecated', 'Show deprecated'],
  ['revoked', 'Show revoked'],
  ['system', 'Show system objects'],
] as const;

/** "1 result", "2,000 results", "at least 20,000 results" (the total under the access policy). */
function countText(total: { count: number; exact: boolean } | undefined, loaded: number, more: boolean): string {
  const n = total?.count ?? loaded;
  const prefix = total && !total.exact ? 'at least ' : '';
  const suffix = !total && more ? '+' : '';
  return `${prefix}${n.toLocaleString('en')}${suffix} result${n === 1 && !suffix ? '' : 's'}`;
}

/** A date input's value as the start of that day, UTC. */
const day = (v: string): string | undefined => (v === '' ? undefined : `${v}T00:00:00Z`);

function formOf(f: SearchFilters) {
  return {
    q: f.q ?? '',
    type: f.type ?? '',
    tlp: f.tlp ?? '',
    from: f.added_after?.slice(0, 10) ?? '',
    to: f.added_before?.slice(0, 10) ?? '',
  };
}

export function Explorer() {
  const { query } = useLocation();
  const search = query.toString();
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const [form, setForm] = useState(() => formOf(filters));
  useEffect(() => setForm(formOf(filters)), [filters]);
  const me = useMe().data;
  // Bulk writes are offered to the roles the permission table lets write (issue 15, must 5); the
  // server still decides each row (own organisation's objects only).
  const roles = (me?.user.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const canWrite = me
    ? reach({ kind: 'user', user: { roles }, org: { id: me.org.id }, scope: 'read-write' }, 'object.write') !== null
    : false;

  const result = useSearch(filters);
  const summary = useSearchSummary(filters);
  const pages = result.data?.pages;
  const first = pages?.[0];
  // Placeholder data of the previous search is not this search's count.
  const total = summary.isPlaceholderData ? undefined : summary.data?.total;
  const facets = summary.data?.facets;
  const rows = useMemo(() => pages?.flatMap((p) => p.objects) ?? [], [pages]);
  // Each row carries its marking (issue 15, must 1): the banner covers every loaded row.
  const markings = useMemo(() => {
    const all = new Map<string, ObjectMarking>();
    for (const p of pages ?? []) for (const [id, m] of Object.entries(p.markings ?? {})) all.set(id, m);
    return all;
  }, [pages]);
  const owners = useMemo(() => new Map((pages ?? []).flatMap((p) => Object.entries(p.owners ?? {}))), [pages]);
  const banner = useMemo(() => bannerOf(markings.values()), [markings]);

  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search (its query string) clears the selection
  useEffect(() => setSelected(new Set()), [search]);
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      }),
    [],
  );
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)));

  const go = (f: SearchFilters): void => navigate(explorePath(f));
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    // An address, domain, hash… is answered by the observable lookup (network containment
    // included), not by a text search that would miss it (issue 15); `as=text` keeps the text search.
    if (query.get('as') !== 'text' && recognize(form.q)) return navigate(lookupPath(form.q.trim()));
    const q = form.q.trim() || undefined;
    // A new text is ranked by relevance; the order chosen for another text does not carry over.
    const sort = q !== filters.q ? undefined : query.get('sort') || undefined;
    go({
      ...filters,
      q,
      type: form.type || undefined,
      tlp: form.tlp || undefined,
      added_after: day(form.from),
      added_before: day(form.to),
      sort: q ? sort : sort === 'relevance' ? undefined : sort,
    });
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = result;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // The server examines a bounded number of rows per request: an empty page with a cursor means
  // "keep going", since the table cannot grow to trigger its own "load more".
  const lastPage = pages?.at(-1);
  useEffect(() => {
    if (lastPage && lastPage.objects.length === 0) loadMore();
  }, [lastPage, loadMore]);

  const sortKey = filters.sort === 'relevance' || !filters.sort ? undefined : filters.sort.replace(/^-/, '');
  const columns = explorerColumns({ markings, owners, selected, toggle, allSelected, toggleAll });
  const shown = new Set((filters.include ?? '').split(','));
  return (
    <div className="page explorer">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Explorer</h1>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark is the form itself (ARIA's documented use of role="search"); a <search> wrapper would change the layout */}
      <form className="filters" onSubmit={submit} role="search" aria-label="Search objects">
        <label>
          Text
          <input
            name="q"
            type="search"
            value={form.q}
            onChange={(e) => setForm({ ...form, q: e.target.value })}
            placeholder="name, alias, T0865, CVE…"
          />
        </label>
        <label>
          Type
          <select name="type" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
            {[...TYPES, ...MORE_TYPES, ...(form.type && ![...TYPES, ...MORE_TYPES].includes(form.type) ? [form.type] : [])].map((t) => (
              <option key={t} value={t}>
                {t || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          TLP
          <select name="tlp" value={form.tlp} onChange={(e) => setForm({ ...form, tlp: e.target.value })}>
            {[...TLPS, ...(form.tlp && !TLPS.includes(form.tlp) ? [form.tlp] : [])].map((t) => (
              <option key={t} value={t}>
                {t
                  ? t
                      .split(',')
                      .map((x) => `TLP:${x.toUpperCase()}`)
                      .join(', ')
                  : 'any'}
              </option>
            ))}
          </select>
        </label>
        <DayInput label="Stored from" name="from" value={form.from} onChange={(from) => setForm({ ...form, from })} />
        <DayInput label="Stored before" name="to" value={form.to} onChange={(to) => setForm({ ...form, to })} />
        <button type="submit">Search</button>
      </form>
      {query.get('as') !== 'text' && <RecognizedHint value={form.q} />}
      <div className="explorer-grid">
        <aside className="explorer-side">
          <Facets facets={facets} total={total} filters={filters} onFilter={go} />
          <SavedSearches query={queryOf(filters)} />
        </aside>
        <div className="explorer-main">
          <div className="explorer-toolbar">
            <p className="total">
              <span role="status" data-testid="result-count">
                {result.isPending ? 'Searching…' : countText(total, rows.length, hasNextPage)}
              </span>
              {!result.isPending && total && <span className="muted"> · {rows.length.toLocaleString('en')} loaded</span>}
              {first?.ranked && !first.ranked.complete && <span className="muted"> · ranked among the first matches</span>}
            </p>
            <label className="inline">
              Order
              <select
                aria-label="Order"
                value={filters.sort ?? 'relevance'}
                onChange={(e) => go({ ...filters, sort: e.target.value === 'relevance' && !filters.q ? undefined : e.target.value })}
              >
                {ORDERS.filter(([v]) => v !== 'relevance' || filters.q).map(([v, text]) => (
                  <option key={v} value={v}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
            {HIDDEN.map(([kind, text]) => (
              <label key={kind} className="check">
                <input
                  type="checkbox"
                  checked={shown.has(kind)}
                  onChange={() => go({ ...filters, include: toggled(filters.include, kind) })}
                />
                {text}
              </label>
            ))}
            <span className="spacer" />
            <a className="button" href={exportHref(filters, 'stix')} download>
              Export STIX
            </a>
            <a className="button" href={exportHref(filters, 'csv')} download>
              Export CSV
            </a>
          </div>
          {selected.size > 0 && (
            <BulkBar selected={rows.filter((r) => selected.has(r.id))} canWrite={canWrite} onClear={() => setSelected(new Set())} />
          )}
          <Status error={result.error}>
            <VirtualTable<Stix>
              rows={rows}
              columns={columns}
              rowKey={(o) => o.id}
              hasMore={hasNextPage}
              loadMore={loadMore}
              label="Search results"
              height="calc(100vh - 330px)"
              sort={{
                key: sortKey,
                desc: filters.sort?.startsWith('-') ?? false,
                onSort: (key) => go({ ...filters, sort: nextSort(filters.sort, key) }),
              }}
            />
          </Status>
        </div>
      </div>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
