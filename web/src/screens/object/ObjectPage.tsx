// One object as an analyst reads it (issue 15, must 3): marking banner top and bottom, a header
// with its title by meaning and the ids analysts search by, then tabs: the overview (description,
// facts, pattern, references, markings, access), relationships, versions with a diff, raw JSON.
import { useMemo, useState } from 'react';
import { useCorrelations } from '../../api/correlation.ts';
import { bannerOf, useNeighbourhood, useObject, useVersions, type Stix } from '../../api/objects.ts';
import { useSightings } from '../../api/sightings.ts';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { Tabs } from '../../components/Tabs.tsx';
import { mergeBanners } from '../incidents/marking.ts';
import { titleOf } from '../../format/object-title.ts';
import { Header } from './Header.tsx';
import { Overview } from './Overview.tsx';
import { RawJson } from './RawJson.tsx';
import { Relationships } from './Relationships.tsx';
import { Versions } from './Versions.tsx';
import { correlatable, hasSightings, threatBanner } from './threat.ts';
import './object.css';

export function ObjectPage({ id }: { id: string }) {
  const obj = useObject(id);
  const n = useNeighbourhood(id);
  const [tab, setTab] = useState('overview');
  const byId = useMemo(() => new Map((n.data?.objects ?? []).map((o): [string, Stix] => [o.id, o])), [n.data]);
  // Referenced objects are named by their own titles (one level: a relationship's ends by id).
  const names = useMemo(() => {
    const cache = new Map<string, string>();
    return (ref: string): string | undefined => {
      const o = byId.get(ref);
      if (!o) return undefined;
      const known = cache.get(ref) ?? titleOf(o);
      cache.set(ref, known);
      return known;
    };
  }, [byId]);
  const rels = (n.data?.objects ?? []).filter((o) => (o.type === 'relationship' || o.type === 'sighting') && o.id !== id).length;
  const versions = useVersions(id);
  const shown = [id, ...(tab === 'rels' ? (n.data?.objects.map((o) => o.id) ?? []) : [])];
  // The neighbourhood (the object included) carries the markings of what it holds, and each
  // version its own, which may be stricter than the latest's (issue 15, must 1).
  const versionMarks = tab === 'versions' ? (versions.data?.versions ?? []).flatMap((v) => (v.marking ? [v.marking] : [])) : [];
  const o = obj.data;
  // The overview's sightings and "also seen in" show marked data too (issue 17, must 7).
  const overview = tab === 'overview' && o !== undefined;
  const sightings = useSightings(id, overview && hasSightings(o.type));
  const correlations = useCorrelations(id, overview && correlatable(o.type));
  const threat = overview ? threatBanner(sightings.data, correlations.data) : undefined;
  const banner = n.data
    ? mergeBanners(bannerOf([...shown.flatMap((k) => n.data.markings?.[k] ?? []), ...versionMarks]), threat)
    : undefined;
  return (
    <div className="page object-page">
      <MarkingBanner banner={banner} position="top" />
      <Status loading={obj.isPending} error={obj.error}>
        {o && (
          <>
            <Header o={o} title={titleOf(o, names)} />
            <Tabs
              label="Object"
              active={tab}
              onChange={setTab}
              tabs={[
                {
                  id: 'overview',
                  label: 'Overview',
                  content: () => <Overview o={o} names={names} defs={(ref) => byId.get(ref)} marking={n.data?.markings?.[id]} />,
                },
                {
                  id: 'rels',
                  label: `Relationships${n.data ? ` (${rels})` : ''}`,
                  content: () => <Relationships id={id} n={n.data} names={names} />,
                },
                { id: 'versions', label: 'Versions', content: () => <Versions key={id} id={id} /> },
                { id: 'raw', label: 'Raw JSON', content: () => <RawJson o={o} /> },
              ]}
            />
          </>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
