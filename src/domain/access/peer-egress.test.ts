import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccessLabel } from './types.ts';
import { buildSchemeRegistry } from '../markings/classification.ts';
import { TLP2_MARKING_IDS } from '../markings/tlp.ts';
import { mayEgress, mayReadEgressCollection, narrowClearances, peerReader, reshareAllowed, withTlpMarking } from './peer-egress.ts';
import { blankPeer } from '../federation/peer-input.ts';
import type { Peer } from '../federation/types.ts';

const schemes = buildSchemeRegistry();
const FR = 'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01';
const NCIRC_ORG = 'identity--1f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f02';
const EU_ORG = 'identity--2f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f03';

function peer(p: Partial<Peer>): Peer {
  return { ...blankPeer('p', '2024-01-01T00:00:00.000Z'), ...p };
}

const ncirc = peer({ orgs: [NCIRC_ORG], communities: ['nato'], accreditation: { nato: 'NATO SECRET' } });
const certEu = peer({ orgs: [EU_ORG], countries: ['BE'], communities: ['eu'] });
const label = (l: Partial<AccessLabel>): AccessLabel => ({ ownerOrg: FR, tlp: 'green', distribution: { kind: 'federation' }, ...l });
const may = (p: Peer, l: AccessLabel, type = 'indicator', groups: string[] = []) =>
  mayEgress(peerReader(p, groups, schemes), p.outbound, type, l, schemes);

test('TLP:AMBER distributed to community eu leaves to the eu peer, not to the nato peer', () => {
  const amberEu = label({ tlp: 'amber', distribution: { kind: 'community', id: 'eu' } });
  assert.equal(may(certEu, amberEu), true);
  assert.equal(may(ncirc, amberEu), false);
});

test('NATO RESTRICTED released to nato leaves to the accredited nato peer only', () => {
  const restricted = label({
    tlp: 'amber',
    distribution: { kind: 'community', id: 'nato' },
    classification: { scheme: 'nato', level: 'NATO RESTRICTED' },
    releasableTo: ['nato'],
  });
  assert.equal(may(ncirc, restricted), true);
  assert.equal(may(certEu, restricted), false);
  assert.equal(may(peer({ ...ncirc, accreditation: {} }), restricted), false, 'no accreditation, no classified data');
});

test('TLP:RED never leaves the organisations it names', () => {
  const red = label({ tlp: 'red', distribution: { kind: 'organization' } });
  for (const p of [ncirc, certEu, peer({ communities: ['eu', 'nato'], countries: ['FR'] })]) assert.equal(may(p, red), false);
  // A peer that hosts the owning organisation is the only place it may go.
  assert.equal(may(peer({ orgs: [FR] }), red), true);
  const redGroup = label({ tlp: 'red', distribution: { kind: 'sharing-group', id: 'g1' } });
  assert.equal(may(ncirc, redGroup, 'indicator', ['g1']), true, 'a member of the group is hosted by the peer');
  assert.equal(may(ncirc, redGroup), false);
});

test('re-share rules: GREEN within its audience, AMBER never to the whole federation', () => {
  const reader = peerReader(certEu, [], schemes);
  assert.equal(reshareAllowed(reader, label({ tlp: 'green', distribution: { kind: 'community', id: 'nato' } })), false);
  assert.equal(reshareAllowed(reader, label({ tlp: 'green' })), true);
  assert.equal(reshareAllowed(reader, label({ tlp: 'amber' })), false);
  assert.equal(reshareAllowed(reader, label({ tlp: 'amber+strict', distribution: { kind: 'sharing-group', id: 'x' } })), false);
});

test('the outbound policy narrows: highest TLP, types, communities, classification, exercises', () => {
  const amberEu = label({ tlp: 'amber', distribution: { kind: 'community', id: 'eu' } });
  assert.equal(may(peer({ ...certEu, outbound: { maxTlp: 'green' } }), amberEu), false);
  assert.equal(may(peer({ ...certEu, outbound: { types: ['malware'] } }), amberEu), false);
  assert.equal(may(peer({ ...certEu, outbound: { types: ['malware'] } }), amberEu, 'marking-definition'), true, 'definitions always go');
  assert.equal(may(peer({ ...certEu, outbound: { communities: ['nato'] } }), amberEu), false);
  const secret = label({ classification: { scheme: 'nato', level: 'NATO SECRET' } });
  assert.equal(may(ncirc, secret), true);
  assert.equal(may(peer({ ...ncirc, outbound: { maxClassification: { nato: 'NATO RESTRICTED' } } }), secret), false);
  assert.deepEqual(narrowClearances({ nato: 'NATO SECRET' }, { nato: 'NATO RESTRICTED', eu: 'SECRET UE' }, schemes), {
    nato: 'NATO RESTRICTED',
  });
  const drill = label({ exercise: 'cyber-coalition' });
  assert.equal(may(ncirc, drill), false);
  assert.equal(may(peer({ ...ncirc, outbound: { exercises: ['cyber-coalition'] } }), drill), true);
});

test('an object leaves with the TLP marking of its label when it had none', () => {
  const o = { type: 'indicator', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f' };
  assert.deepEqual(withTlpMarking(o, label({ tlp: 'amber' }))['object_marking_refs'], [TLP2_MARKING_IDS.amber]);
  const marked = { ...o, object_marking_refs: [TLP2_MARKING_IDS.green] };
  assert.equal(withTlpMarking(marked, label({ tlp: 'green' })), marked);
});

test('a peer reads only the egress collection named by its own key id; no one else reads any', () => {
  const peer = { ...blankPeer('p1', '2026-01-01T00:00:00.000Z'), keyId: 'a'.repeat(32) };
  assert.equal(mayReadEgressCollection(peer, 'a'.repeat(32)), true);
  assert.equal(mayReadEgressCollection(peer, 'b'.repeat(32)), false);
  assert.equal(mayReadEgressCollection(undefined, 'a'.repeat(32)), false);
});

test('alerts never leave: each node derives its own from the sightings it holds (issue 17, must 4)', () => {
  const toEu = label({ distribution: { kind: 'community', id: 'eu' } });
  assert.equal(may(certEu, toEu, 'x-concord-alert-rule'), true, 'rules are shared with the community');
  assert.equal(may(certEu, toEu, 'x-concord-alert'), false);
  assert.equal(may(certEu, label({}), 'x-concord-alert'), false);
});
