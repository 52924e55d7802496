// The audit log names an object only to a reader who may read it (issue 14): an administrator
// without the clearance learns that a classified object was read, and by whom, but not which.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

interface Listed {
  entries: {
    action: string;
    actor: string | null;
    target: string | null;
    details: { ids?: string[]; count?: number };
    withheld?: number;
  }[];
}

describe('audit entries name objects only to who may read them', () => {
  let node: TestNode;
  let analyst: Person;
  let clearedAdmin: Person;
  const secret = classificationMarking(NATO_SCHEME, 'NATO SECRET');
  const obj = buildIndicator({ object_marking_refs: [TLP2_MARKING_IDS.green, secret.id] });

  before(async () => {
    node = await startNode();
    analyst = await buildPerson(node.services, { org: node.org, clearances: { nato: 'NATO SECRET' } });
    clearedAdmin = await buildPerson(node.services, { org: node.org, roles: ['admin'], clearances: { nato: 'NATO SECRET' } });
    await node.load([secret, obj]);
    const read = await node.app.inject({ method: 'GET', url: `/api/v1/objects/${obj.id}`, headers: analyst.auth });
    assert.equal(read.statusCode, 200);
  });
  after(() => node.dispose());

  const reads = async (headers?: { authorization: string }) => {
    const res = await node.api({ method: 'GET', url: '/api/v1/audit?action=object.read_classified', ...(headers ? { headers } : {}) });
    assert.equal(res.statusCode, 200);
    return { body: res.body, entries: (res.json() as Listed).entries };
  };

  test('an administrator without NATO clearance sees the read and its reader, not the object', async () => {
    const { body, entries } = await reads();
    const entry = entries.find((e) => (e.actor ?? '').startsWith(`user:${analyst.user.username}/`));
    assert.ok(entry, 'the classified read is listed');
    assert.equal(entry.target, null);
    assert.deepEqual(entry.details.ids, []);
    assert.equal(entry.details.count, 1);
    assert.equal(entry.withheld, 2, 'the target and the one id of details.ids');
    assert.ok(!body.includes(obj.id), 'the id appears nowhere in the answer');
  });

  test('a cleared administrator sees which object was read', async () => {
    const { entries } = await reads(clearedAdmin.auth);
    const entry = entries.find((e) => (e.actor ?? '').startsWith(`user:${analyst.user.username}/`));
    assert.equal(entry?.target, obj.id);
    assert.deepEqual(entry?.details.ids, [obj.id]);
    assert.equal(entry?.withheld, undefined);
  });

  test('the hash chain still verifies: only the presentation leaves ids out', async () => {
    const res = await node.api({ method: 'GET', url: '/api/v1/audit/verify' });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { ok: boolean }).ok, true);
    const stored = await node.services.audit.list({ limit: 50, action: 'object.read_classified' });
    assert.ok(
      stored.items.some((e) => e.target === obj.id),
      'the stored entry keeps the id',
    );
  });
});
