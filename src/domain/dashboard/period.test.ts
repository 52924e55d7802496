import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tallyActivity, tallyThreats } from './period.ts';
import { placeCountries, tallyPlaces } from './places.ts';
import { rangeOf } from './range.ts';
import type { Labelled } from './tally.ts';
import type { ActivityGroup, LabelGroup, PlaceFacts, PlaceGroup } from './types.ts';

const range = rangeOf(new Date('2026-12-07T12:00:00Z'), 7);
/** Labels are plain words here; the reader may see everything but `secret`. */
const visible = (g: Labelled): boolean => ![g.label, g.sourceLabel, g.targetLabel].includes('secret');
const group = (type: string, day: string | null, count: number, label = 'open'): LabelGroup => ({
  type,
  label,
  sourceLabel: null,
  targetLabel: null,
  day,
  count,
});

test('activity puts each kind in the bucket of its own day, nothing outside the period', () => {
  const bars = tallyActivity(
    [
      group('malware', '2026-12-07', 2),
      group('relationship', '2026-12-07', 3),
      group('sighting', '2026-12-01', 4),
      group('malware', '2019-01-01', 900),
      group('ipv4-addr', null, 5),
      group('malware', '2026-12-07', 1, 'secret'),
    ],
    range,
    visible,
  );
  assert.equal(bars.length, 7);
  assert.deepEqual(bars.at(-1), { start: '2026-12-07', objects: 2, relationships: 3, sightings: 0 });
  assert.deepEqual(bars[0], { start: '2026-12-01', objects: 0, relationships: 0, sightings: 4 });
  assert.equal(
    bars.reduce((n, b) => n + b.objects, 0),
    2,
    'the 2019 import and the secret one are not activity of this week',
  );
});

test('the most active threats are ranked by what happened in the period and the reader may see', () => {
  const edge = (
    id: string,
    edgeType: string,
    day: string,
    count: number,
    other: string | null = 'indicator',
    edgeLabel = 'open',
  ): ActivityGroup => ({
    id,
    type: 'malware',
    label: 'open',
    edgeType,
    edgeLabel,
    otherLabel: other === null ? null : 'open',
    otherType: other,
    day,
    count,
  });
  const top = tallyThreats(
    [
      edge('malware--old', 'relationship', '2018-01-01', 500),
      edge('malware--new', 'relationship', '2026-12-05', 2),
      edge('malware--new', 'relationship', '2026-12-05', 1, 'intrusion-set'),
      edge('malware--new', 'sighting', '2026-12-06', 3, null),
      edge('malware--hidden', 'sighting', '2026-12-06', 9, null, 'secret'),
    ],
    range,
    visible,
  );
  assert.deepEqual(top, [{ id: 'malware--new', activity: { relationships: 3, indicators: 2, sightings: 3 } }]);
});

const loc = (id: string, country: string | null): PlaceFacts['locations'][number] => ({
  id,
  label: 'open',
  country,
  region: null,
  latitude: null,
  longitude: null,
});

test('places resolve to countries through what the reader may see, and count on their layer', () => {
  const facts: PlaceFacts = {
    locations: [
      loc('location--fr', 'fr'),
      loc('location--de', 'DE'),
      { ...loc('location--x', 'IT'), label: 'secret' },
      { ...loc('location--region', null), region: 'eastern-europe' },
      { ...loc('location--point', null), latitude: 50.4501, longitude: 30.5234, region: 'eastern-europe' },
      { ...loc('location--bad', null), latitude: 123, longitude: 0 },
    ],
    locatedAt: [
      { identityId: 'identity--plant', locationId: 'location--de', label: 'open', sourceLabel: 'open', targetLabel: 'open' },
      { identityId: 'identity--hidden', locationId: 'location--de', label: 'secret', sourceLabel: 'open', targetLabel: 'open' },
    ],
  };
  const countries = placeCountries(facts, new Map([['identity--org', 'PL']]), visible);
  assert.deepEqual(Object.fromEntries(countries), {
    'location--fr': 'FR',
    'location--de': 'DE',
    'location--region': 'region:eastern-europe',
    'location--point': '@50.45,30.52',
    'identity--org': 'PL',
    'identity--plant': 'DE',
  });
  const g = (layer: PlaceGroup['layer'], placeId: string, count: number, day = '2026-12-06', label = 'open'): PlaceGroup => ({
    layer,
    placeId,
    placeLabel: 'open',
    label,
    sourceLabel: 'open',
    day,
    count,
  });
  const layers = tallyPlaces(
    [
      g('sighted', 'location--fr', 2),
      g('sighted', 'identity--org', 1),
      g('targeted', 'identity--plant', 4),
      g('targeted', 'location--de', 1),
      g('sighted', 'location--fr', 7, '2020-01-01'),
      g('sighted', 'location--fr', 5, '2026-12-06', 'secret'),
      g('sighted', 'location--x', 3),
    ],
    countries,
    range,
    visible,
  );
  assert.deepEqual(layers, {
    sighted: [
      { key: 'FR', count: 2 },
      { key: 'PL', count: 1 },
    ],
    targeted: [{ key: 'DE', count: 5 }],
  });
});
