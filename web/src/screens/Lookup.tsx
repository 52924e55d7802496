// Lookup: one value typed (recognised as it is typed: address, network, domain, URL, e-mail,
// hash) or a list pasted from an alert, answered by the observable index with network
// containment; every value says whether it matched and what (issue 15, lookup in the UI).
import { useMemo, useState, type FormEvent } from 'react';
import { recognize, splitValues, useLookup, useLookupMany } from '../api/lookup.ts';
import { bannerOf, displayName, type ObjectMarking } from '../api/objects.ts';
import { LookupTable, MatchTable, RecognizedHint, type ListRow, type MatchExtras } from '../components/LookupResults.tsx';
import { Link } from '../components/Link.tsx';
import { MarkingBanner } from '../components/MarkingBanner.tsx';
import { Panel, Status } from '../components/Panel.tsx';
import { lookupPath, navigate, useLocation } from '../router.ts';
import { useSightingsOf } from '../api/sightings.ts';
import { mergeAll, sightingsBanner } from './sightings/banner.ts';
import { MatchSightings } from './sightings/MatchSightings.tsx';
import { hasSightings, sightable } from './object/threat.ts';
import { WeSawThis } from './sightings/WeSawThis.tsx';

/** Sightings and "We saw this" beside each match of the single lookup (issue 17, musts 1 and 3). */
const EXTRAS: MatchExtras = {
  sightings: (m) => (hasSightings(m.object.type) ? <MatchSightings id={m.object.id} /> : null),
  action: (m) => (sightable(m.object.type) ? <WeSawThis id={m.object.id} name={displayName(m.object)} /> : null),
};

function PasteMany({ rows }: { rows: ListRow[] }) {
  if (rows.length === 0) return null;
  const matched = rows.filter((r) => (r.result?.matches.length ?? 0) > 0).length;
  const unrecognised = rows.filter((r) => !r.recognized).length;
  return (
    <>
      <p className="muted" role="status" data-testid="lookup-summary">
        {rows.length} value{rows.length === 1 ? '' : 's'}: {matched} matched, {rows.length - matched - unrecognised} not matched,{' '}
        {unrecognised} not recognised
      </p>
      <LookupTable rows={rows} />
    </>
  );
}

export function Lookup() {
  const { query } = useLocation();
  const value = query.get('value') ?? '';
  const [typed, setTyped] = useState(value);
  const [pasted, setPasted] = useState('');
  const [submitted, setSubmitted] = useState('');
  const one = useMemo(() => recognize(value), [value]);
  const single = useLookup(one);
  const list = useMemo(() => splitValues(submitted).map((input) => ({ input, recognized: recognize(input) })), [submitted]);
  const recognized = useMemo(() => list.flatMap((r) => (r.recognized ? [r.recognized] : [])), [list]);
  const many = useLookupMany(recognized);
  // Results come back in the order the recognised values were sent.
  let answer = 0;
  const rows: ListRow[] = list.map((r) => (r.recognized ? { ...r, result: many.data?.[answer++] } : r));
  // Chips and banner from the markings the results carry: no request that grows with them.
  const markings = new Map<string, ObjectMarking>();
  for (const m of [...(single.data?.matches ?? []), ...(many.data ?? []).flatMap((r) => r.matches)])
    if (m.marking) markings.set(m.object.id, m.marking);
  // The sightings shown beside the single lookup's matches carry their own markings (issue 17).
  const sightings = useSightingsOf(
    (single.data?.matches ?? []).filter((m) => !m.sightings && hasSightings(m.object.type)).map((m) => m.object.id),
  );
  const banner = mergeAll([bannerOf(markings.values()), ...sightings.map((q) => sightingsBanner(q.data))]);
  const lookUp = (e: FormEvent): void => {
    e.preventDefault();
    navigate(lookupPath(typed.trim()));
  };
  return (
    <div className="page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Lookup</h1>
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: the search landmark is the form itself (ARIA's documented use of role="search") */}
      <form className="filters" onSubmit={lookUp} role="search" aria-label="Look up a value">
        <label>
          Value
          <input
            name="value"
            type="search"
            size={48}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="address, network, domain, URL, e-mail, hash"
          />
        </label>
        <button type="submit">Look up</button>
      </form>
      <RecognizedHint value={typed} />
      {value !== '' && (
        <Panel
          title={`Lookup of ${value}`}
          testId="lookup-single"
          className="lookup-list"
          actions={<Link to={`/explore?q=${encodeURIComponent(value)}&as=text`}>Search as text instead</Link>}
        >
          {one ? (
            <Status loading={single.isPending} error={single.error}>
              {single.data && <MatchTable result={single.data} extras={EXTRAS} />}
            </Status>
          ) : (
            <p className="muted">{value} is not an address, network, domain, URL, e-mail address or hash.</p>
          )}
        </Panel>
      )}
      <Panel title="Paste a list" className="lookup-list">
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(pasted);
          }}
        >
          <label>
            Values from an alert or a report, one per line or separated by commas or spaces (defanged forms such as hxxp:// and 192.0.2[.]1
            are understood)
            <textarea name="values" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          </label>
          <button type="submit">Look up all</button>
        </form>
        <Status error={many.error}>
          <PasteMany rows={rows} />
        </Status>
      </Panel>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
