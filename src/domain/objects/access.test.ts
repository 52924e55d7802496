// The audience of an object, organisation by organisation (issue 15, must 3): the access policy's
// decision for each member, and whether the distribution reaches the organisation at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLabel, buildReader, SCHEMES } from '../access/fixtures.ts';
import { audienceEntry, sortAudience } from './access.ts';

const org = (id: string, name: string) => ({ id, name, country: 'FR' });
const member = (clearances: Record<string, string> = {}, disabled = false) => ({ disabled, reader: buildReader({ clearances }) });

test('an organisation in the audience: every enabled member reads an unclassified object', () => {
  const e = audienceEntry(org('org-a', 'A'), [member(), member(), member({}, true)], buildReader(), 'indicator', buildLabel(), [], SCHEMES);
  assert.deepEqual(e, { org: org('org-a', 'A'), inAudience: true, members: 2, readers: 2 });
});

test('a classification counts only the cleared members; the organisation stays in the audience', () => {
  const label = buildLabel({ classification: { scheme: 'nato', level: 'NATO SECRET' } });
  const e = audienceEntry(
    org('org-a', 'A'),
    [member({ nato: 'COSMIC TOP SECRET' }), member({ nato: 'NATO RESTRICTED' }), member()],
    buildReader(),
    'indicator',
    label,
    [],
    SCHEMES,
  );
  assert.equal(e.inAudience, true);
  assert.equal(e.readers, 1);
});

test('an organisation outside the distribution or the releasability is not in the audience', () => {
  const ownerOnly = buildLabel({ distribution: { kind: 'organization' } });
  assert.equal(audienceEntry(org('org-a', 'A'), [member()], buildReader(), 'indicator', ownerOnly, [], SCHEMES).inAudience, false);
  const relDe = buildLabel({ releasableTo: ['DE'] });
  const e = audienceEntry(org('org-a', 'A'), [member({ nato: 'COSMIC TOP SECRET' })], buildReader(), 'indicator', relDe, [], SCHEMES);
  assert.deepEqual([e.inAudience, e.readers], [false, 0]);
});

test('a relationship whose end the organisation may not read is not read by its members', () => {
  const hiddenEnd = buildLabel({ distribution: { kind: 'organization' } });
  const e = audienceEntry(org('org-a', 'A'), [member()], buildReader(), 'relationship', buildLabel(), [buildLabel(), hiddenEnd], SCHEMES);
  assert.equal(e.readers, 0);
});

test('organisations that may read come first, then by name', () => {
  const e = (name: string, readers: number) => ({ org: org(name, name), inAudience: true, members: 1, readers });
  assert.deepEqual(
    sortAudience([e('C', 0), e('B', 1), e('A', 0), e('D', 1)]).map((x) => x.org.name),
    ['B', 'D', 'A', 'C'],
  );
});
