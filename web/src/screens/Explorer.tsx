// Search with filters (type, TLP, text, time); results in a virtualised table fed page by page.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { bannerOf, displayName, useSearch, type ObjectMarking, type SearchFilters, type Stix } from '../api/objects.ts';
import { recognize } from '../api/lookup.ts';
import { Link } from '../components/Link.tsx';
import { DayInput } from '../components/DayInput.tsx';
import { RecognizedHint } from '../components/LookupResults.tsx';
import { formatDateTime } from '../format/dates.ts';
import { MarkingBanner, TlpChip } from '../components/MarkingBanner.tsx';
import { Status } from '../components/Panel.tsx';
import { VirtualTable, type Column } from '../components/VirtualTable.tsx';
import { lookupPath, navigate, objectPath, useLocation } from '../router.ts';

const TYPES = [
  '',
  'indicator',
  'malware',
  'intrusion-set',
  'threat-actor',
  'attack-pattern',
  'campaign',
  'tool',
  'vulnerability',
  'identity',
  'location',
  'report',
  'relationship',
  'sighting',
  'ipv4-addr',
  'domain-name',
  'url',
  'file',
];
const TLPS = ['', 'clear', 'green', 'amber', 'amber+strict', 'red'];

function filtersOf(q: URLSearchParams): SearchFilters {
  const get = (k: string) => q.get(k) ?? undefined;
  return { q: get('q'), type: get('type'), tlp: get('tlp'), added_after: get('added_after'), added_before: get('added_before') };
}

/** A date input's value as the start of that day, UTC. */
const day = (v: string): string | undefined => (v === '' ? undefined : `${v}T00:00:00Z`);

export function Explorer() {
  const { query } = useLocation();
  const filters = filtersOf(query);
  const [form, setForm] = useState({
    q: filters.q ?? '',
    type: filters.type ?? '',
    tlp: filters.tlp ?? '',
    from: filters.added_after?.slice(0, 10) ?? '',
    to: filters.added_before?.slice(0, 10) ?? '',
  });
  const search = useSearch(filters);
  const pages = search.data?.pages;
  const rows = useMemo(() => pages?.flatMap((p) => p.objects) ?? [], [pages]);
  // Each row carries its marking (issue 15, must 1): the banner covers every loaded row, however
  // many, computed here with the server's own function and no further request.
  const markings = useMemo(() => {
    const all = new Map<string, ObjectMarking>();
    for (const p of pages ?? []) for (const [id, m] of Object.entries(p.markings ?? {})) all.set(id, m);
    return all;
  }, [pages]);
  const banner = useMemo(() => bannerOf(markings.values()), [markings]);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    // An address, domain, hash… is answered by the observable lookup (network containment
    // included), not by a text search that would miss it (issue 15); `as=text` keeps the text search.
    if (query.get('as') !== 'text' && recognize(form.q)) return navigate(lookupPath(form.q.trim()));
    const u = new URLSearchParams();
    const set = (k: string, v: string | undefined) => v && u.set(k, v);
    set('q', form.q.trim());
    set('type', form.type);
    set('tlp', form.tlp);
    set('added_after', day(form.from));
    set('added_before', day(form.to));
    set('as', query.get('as') ?? undefined);
    navigate(`/explore${u.size ? `?${u}` : ''}`);
  };
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = search;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // The server examines a bounded number of rows per request, so a reader who may see little of
  // a large store can get an empty page with a cursor: keep going, since the table cannot grow
  // to trigger its own "load more".
  const lastPage = search.data?.pages.at(-1);
  useEffect(() => {
    if (lastPage && lastPage.objects.length === 0) loadMore();
  }, [lastPage, loadMore]);
  const tlpOf = (o: Stix) => markings.get(o.id)?.tlp;
  const columns: Column<Stix>[] = [
    { key: 'type', header: 'Type', width: '140px', render: (o) => <span className="type-tag">{o.type}</span> },
    { key: 'name', header: 'Name', width: 'minmax(200px, 3fr)', render: (o) => <Link to={objectPath(o.id)}>{displayName(o)}</Link> },
    { key: 'tlp', header: 'TLP', width: '130px', render: (o) => <TlpChip tlp={tlpOf(o)} /> },
    {
      key: 'modified',
      header: 'Modified',
      width: '170px',
      render: (o) => formatDateTime(o.modified ?? o.created),
    },
    { key: 'id', header: 'Id', width: 'minmax(200px, 2fr)', render: (o) => <code className="muted">{o.id}</code> },
  ];
  return (
    <div className="page">
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
            placeholder="name, pattern, description…"
          />
        </label>
        <label>
          Type
          <select name="type" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label>
          TLP
          <select name="tlp" value={form.tlp} onChange={(e) => setForm({ ...form, tlp: e.target.value })}>
            {TLPS.map((t) => (
              <option key={t} value={t}>
                {t ? `TLP:${t.toUpperCase()}` : 'any'}
              </option>
            ))}
          </select>
        </label>
        <DayInput label="Stored from" name="from" value={form.from} onChange={(from) => setForm({ ...form, from })} />
        <DayInput label="Stored before" name="to" value={form.to} onChange={(to) => setForm({ ...form, to })} />
        <button type="submit">Search</button>
      </form>
      {query.get('as') !== 'text' && <RecognizedHint value={form.q} />}
      <p className="muted" role="status" data-testid="result-count">
        {search.isPending
          ? 'Searching…'
          : `${rows.length.toLocaleString('en')}${hasNextPage ? '+' : ''} result${rows.length === 1 ? '' : 's'}`}
      </p>
      <Status error={search.error}>
        <VirtualTable
          rows={rows}
          columns={columns}
          rowKey={(o) => o.id}
          hasMore={hasNextPage}
          loadMore={loadMore}
          label="Search results"
          height="calc(100vh - 290px)"
        />
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
