// Rapid response's extension-definitions (issue 18, must 1: "declared by Concord's
// extension-definitions"): each published, validated, known to the registry with the kind it
// declares, and a property extension refused on a host it was not defined for (STIX 2.1 §7.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concordPublishedObjects } from '../markings/concord-markings.ts';
import { KNOWN_EXTENSIONS } from '../stix/extension-registry.ts';
import { validateObject } from '../stix/validate.ts';
import {
  CONCORD_STATUS_NOTE_EXTENSION_ID,
  DECISION_TYPE,
  DEPLOYMENT_TYPE,
  MEMBER_CARD_TYPE,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_TYPE,
} from './api.ts';
import { statusNoteObject } from './build.ts';
import { ASSISTANCE_SDO_DEFS } from './defs-work.ts';
import { DEPLOYMENT_ID, stampOf } from './fixtures.ts';
import { ASSISTANCE_EXTENSIONS } from './schemas.ts';

test('the nine extension-definitions are published, validate, and say what they declare', () => {
  const published = new Map(concordPublishedObjects().map((o) => [o.id, o]));
  assert.equal(ASSISTANCE_EXTENSIONS.length, 9);
  for (const e of ASSISTANCE_EXTENSIONS) {
    const def = published.get(e.id);
    assert.ok(def, `${e.name} is published`);
    assert.deepEqual(validateObject(def).issues, [], e.name);
    assert.deepEqual(def['extension_types'], [e.kind]);
    assert.equal(KNOWN_EXTENSIONS.get(e.id)?.extensionType, e.kind, `${e.name} is known to the registry`);
    assert.ok(String(def['schema']).length > 100, `${e.name} explains its properties`);
  }
});

test('each of the six new SDO types has its definition, declaring one of the published extensions', () => {
  const types = ASSISTANCE_SDO_DEFS.map((d) => d.name).sort();
  assert.deepEqual(types, [DECISION_TYPE, OFFER_TYPE, REQUEST_TYPE, DEPLOYMENT_TYPE, MEMBER_CARD_TYPE, PROFILE_TYPE].sort());
  const sdoIds = new Set(ASSISTANCE_EXTENSIONS.filter((e) => e.kind === 'new-sdo').map((e) => e.id));
  for (const d of ASSISTANCE_SDO_DEFS) assert.ok(sdoIds.has(d.extensionId), d.name);
});

test('a status note extension on a report is refused: it applies to notes only', () => {
  const note = statusNoteObject({ deploymentId: DEPLOYMENT_ID, day: '2026-12-03', text: 'x', hours: 2 }, stampOf('note'));
  const asReport = {
    ...note,
    type: 'report',
    id: stampOf('report').id,
    name: 'x',
    published: '2026-12-03T00:00:00.000Z',
  };
  const result = validateObject(asReport);
  assert.equal(result.ok, false);
  assert.ok(result.issues.some((i) => i.path === `$.extensions['${CONCORD_STATUS_NOTE_EXTENSION_ID}']` && i.rule === 'extension'));
});
