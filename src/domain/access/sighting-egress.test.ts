import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject, StixObject } from '../stix/types.ts';
import { CONCORD_SIGHTING_EXTENSION_ID } from '../sightings/api.ts';
import { buildLabel, buildReader } from './fixtures.ts';
import {
  disclosedLabel,
  groupOwner,
  hidesOrganisation,
  provenanceOrigin,
  provenanceOwner,
  sightingDisclosure,
  UNDISCLOSED_OWNER,
} from './sighting-egress.ts';

const NODE = 'identity--00000000-0000-4000-8000-00000000000a';
const ORG = 'org-owner';

function sighting(disclosure?: string): StixObject {
  const ext: JsonObject =
    disclosure === undefined ? {} : { [CONCORD_SIGHTING_EXTENSION_ID]: { extension_type: 'property-extension', disclosure } };
  return { type: 'sighting', id: 'sighting--1', sighting_of_ref: 'indicator--1', extensions: ext };
}

test('a sighting says its disclosure; a plain STIX sighting names its sighter; an unknown one hides it', () => {
  assert.equal(sightingDisclosure(sighting('country-sector')), 'country-sector');
  assert.equal(sightingDisclosure({ type: 'sighting', id: 'sighting--2' }), 'organization');
  assert.equal(sightingDisclosure(sighting('nobody-knows')), 'anonymous');
  assert.equal(sightingDisclosure({ type: 'indicator', id: 'indicator--1' }), undefined);
  assert.equal(hidesOrganisation(sighting('organization')), false);
  assert.equal(hidesOrganisation(sighting('anonymous')), true);
});

test('the signed provenance names the node, not the organisation, of a sighting that hides it', () => {
  assert.equal(provenanceOwner(sighting('anonymous'), ORG, NODE), NODE);
  assert.equal(provenanceOwner(sighting('country-sector'), ORG, NODE), NODE);
  assert.equal(provenanceOwner(sighting('organization'), ORG, NODE), ORG);
  assert.equal(provenanceOwner({ type: 'indicator', id: 'indicator--1' }, ORG, NODE), ORG);
});

test('ingress accepts the node as origin, and refuses a hidden sighting that names an organisation', () => {
  assert.equal(provenanceOrigin(sighting('anonymous'), { originOrg: NODE, originNode: NODE }), 'node');
  assert.equal(provenanceOrigin(sighting('anonymous'), { originOrg: ORG, originNode: NODE }), 'hidden-named');
  assert.equal(provenanceOrigin(sighting('organization'), { originOrg: ORG, originNode: NODE }), 'organisation');
  // What a node issues in its own name (a retraction of a hidden sighting) names the node too.
  assert.equal(
    provenanceOrigin({ type: 'concord-retraction', id: 'concord-retraction--1' }, { originOrg: NODE, originNode: NODE }),
    'node',
  );
});

test('a partner is shown no owner for a hidden sighting; its organisation still sees itself', () => {
  const label = buildLabel({ ownerOrg: ORG });
  const partner = buildReader({ orgIds: ['org-a'] });
  const own = buildReader({ orgIds: [ORG] });
  assert.equal(disclosedLabel(partner, sighting('anonymous'), label).ownerOrg, UNDISCLOSED_OWNER);
  assert.equal(disclosedLabel(partner, sighting('anonymous'), label).tlp, label.tlp);
  assert.equal(disclosedLabel(own, sighting('anonymous'), label), label);
  assert.equal(disclosedLabel(partner, sighting('organization'), label), label);
  assert.equal(disclosedLabel(partner, { type: 'indicator', id: 'indicator--1' }, label), label);
});

test('a count of groups attributes no other organisation its sightings, whatever they disclose', () => {
  const label = buildLabel({ ownerOrg: ORG });
  assert.equal(groupOwner(buildReader(), 'sighting', label), UNDISCLOSED_OWNER);
  assert.equal(groupOwner(buildReader({ orgIds: [ORG] }), 'sighting', label), ORG);
  assert.equal(groupOwner(buildReader(), 'indicator', label), ORG);
  assert.equal(groupOwner(null, 'sighting', label), ORG);
});
