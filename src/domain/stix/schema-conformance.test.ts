// Objects Concord emits — STIX 2.0 input upgraded to 2.1, and SCOs with deterministic ids — must
// satisfy both this validator and the OASIS STIX 2.1 JSON schemas (informative, §1.2.12).

import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import { deterministicScoId } from './ids.ts';
import type { JsonObject, StixObject } from './types.ts';
import { upgradeFrom20 } from './upgrade.ts';
import { validateObject } from './validate.ts';
import { sharedPath } from '../../../test/helpers/shared.ts';

// ajv is CommonJS: under nodenext the default import is module.exports, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;
type Ajv = InstanceType<typeof Ajv2020>;

const SCHEMAS = sharedPath('standards/stix2-json-schemas/schemas');
const skip = existsSync(SCHEMAS) ? {} : { skip: `${SCHEMAS} is absent (shared standards not mounted)` };

const IDENTITY = 'identity--f431f809-377b-45e0-aa1c-6a4751cae5ff';
const TLP_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';

function isSchema(v: unknown): v is { $id: string; [key: string]: unknown } {
  return typeof v === 'object' && v !== null && '$id' in v && typeof v.$id === 'string';
}

let loaded: { ajv: Ajv; ids: Map<string, string> } | undefined;

/** ajv with every schema file added, so that relative $refs resolve; keyed by folder/name. */
function loadSchemas(): { ajv: Ajv; ids: Map<string, string> } {
  if (loaded !== undefined) return loaded;
  // validateFormats: false because ajv-formats is not a dependency; the schemas' "uri", "email"
  // and "idn-hostname" formats would only be logged as unknown.
  const ajv = new Ajv2020({ strict: false, unicodeRegExp: false, allErrors: true, validateFormats: false });
  const ids = new Map<string, string>();
  for (const folder of readdirSync(SCHEMAS)) {
    for (const file of readdirSync(join(SCHEMAS, folder)).filter((f) => f.endsWith('.json'))) {
      const schema: unknown = JSON.parse(readFileSync(join(SCHEMAS, folder, file), 'utf8'));
      assert.ok(isSchema(schema), file);
      ajv.addSchema(schema);
      ids.set(`${folder}/${file.slice(0, -5)}`, schema.$id);
    }
  }
  loaded = { ajv, ids };
  return loaded;
}

/** The schema of an object type: SDOs, SROs and SCOs in their folders, meta objects in common/. */
function schemaKey(type: string, ids: Map<string, string>): string {
  for (const folder of ['sdos', 'sros', 'observables', 'common']) {
    const id = ids.get(`${folder}/${type}`);
    if (id !== undefined) return id;
  }
  throw new Error(`no schema for ${type}`);
}

/**
 * Asserts that `obj` passes this validator and its OASIS schema. Schema errors under a path in
 * `tolerated` are ignored: the schemas are informative and stricter in places (§1.2.12).
 */
function assertConforms(obj: StixObject, schemas: ReturnType<typeof loadSchemas>, tolerated?: string): void {
  const result = validateObject(obj);
  assert.deepEqual(
    result.issues.filter((i) => i.severity === 'error'),
    [],
    `validator: ${JSON.stringify(obj)}`,
  );
  const validate = schemas.ajv.getSchema(schemaKey(obj.type, schemas.ids));
  assert.ok(validate, obj.type);
  if (validate(obj)) return;
  const errors = (validate.errors ?? []).filter((e) => tolerated === undefined || !e.instancePath.startsWith(tolerated));
  assert.deepEqual(errors, [], `${obj.type} against the OASIS schema`);
}

const common20 = { created: '2016-04-06T20:03:00Z', modified: '2016-04-06T20:03:00.000Z', created_by_ref: IDENTITY };

/** STIX 2.0 objects as a 2.0 producer wrote them (2.0 Part 2 property tables). */
const STIX20_INPUTS: StixObject[] = [
  { type: 'identity', id: IDENTITY, ...common20, name: 'ACME', identity_class: 'organization' },
  {
    type: 'indicator',
    id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    ...common20,
    labels: ['malicious-activity'],
    name: 'Poison Ivy C2',
    pattern: "[ipv4-addr:value = '10.0.0.0']",
    valid_from: '2016-04-06T20:03:00Z',
    object_marking_refs: [TLP_AMBER],
  },
  {
    type: 'malware',
    id: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
    ...common20,
    labels: ['remote-access-trojan'],
    name: 'Poison Ivy',
  },
  { type: 'tool', id: 'tool--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', ...common20, labels: ['remote-access'], name: 'VNC' },
  {
    type: 'threat-actor',
    id: 'threat-actor--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    ...common20,
    labels: ['crime-syndicate'],
    name: 'Evil Org',
  },
  {
    type: 'report',
    id: 'report--84e4d88f-44ea-4bcd-bbf3-b2c1c320bcb3',
    ...common20,
    labels: ['threat-report'],
    name: 'The Black Vine Cyberespionage Group',
    published: '2016-01-20T17:00:00Z',
    object_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
  },
  {
    type: 'attack-pattern',
    id: 'attack-pattern--7e33a43e-e34b-40ec-89da-36c9bb2cacd5',
    ...common20,
    name: 'Spear Phishing',
    external_references: [{ source_name: 'capec', external_id: 'CAPEC-163' }],
    kill_chain_phases: [{ kill_chain_name: 'lockheed-martin-cyber-kill-chain', phase_name: 'delivery' }],
  },
  { type: 'campaign', id: 'campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', ...common20, name: 'Green Group Attacks' },
  { type: 'course-of-action', id: 'course-of-action--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', ...common20, name: 'Block port 80' },
  { type: 'intrusion-set', id: 'intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29', ...common20, name: 'Bobcat Breakin' },
  { type: 'vulnerability', id: 'vulnerability--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061', ...common20, name: 'CVE-2016-1234' },
  {
    type: 'observed-data',
    id: 'observed-data--b67d30ff-02ac-498a-92f9-32f845f448cf',
    ...common20,
    first_observed: '2015-12-21T19:00:00Z',
    last_observed: '2015-12-21T19:00:00Z',
    number_observed: 50,
    objects: { '0': { type: 'file', hashes: { 'SHA-256': '0969de02ecf8a5f003e3f6d063d848c8a193aada092623f8ce408c15bcb5f038' } } },
  },
  {
    type: 'relationship',
    id: 'relationship--44298a74-ba52-4f0c-87a3-1824e67d7fad',
    ...common20,
    relationship_type: 'indicates',
    source_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    target_ref: 'malware--31b940d4-6f7f-459a-80ea-9c1f17b5891b',
  },
  {
    type: 'sighting',
    id: 'sighting--ee20065d-2555-424f-ad9e-0f8428623c75',
    ...common20,
    sighting_of_ref: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
    where_sighted_refs: [IDENTITY],
  },
  {
    type: 'marking-definition',
    id: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    definition: { tlp: 'green' },
  },
];

test('STIX 2.0 objects upgraded to 2.1 satisfy the validator and the OASIS schemas', skip, () => {
  const schemas = loadSchemas();
  for (const input of STIX20_INPUTS) {
    // The schema wants 2.1 SCOs (with ids) inside the deprecated observable container, while
    // §2.13 lets existing Observed Data keep STIX 2.0 Cyber-observable Objects there; the
    // upgrade keeps them as they are, so only the container's contents may differ.
    const tolerated = input.type === 'observed-data' ? '/objects/' : undefined;
    assertConforms(upgradeFrom20(input).object, schemas, tolerated);
  }
});

/** SCOs as Concord builds them: properties, then the deterministic id (§2.9). */
const SCO_INPUTS: JsonObject[] = [
  { type: 'artifact', mime_type: 'text/plain', payload_bin: 'aGVsbG8gd29ybGQ=' },
  { type: 'autonomous-system', number: 15139, name: 'Slime Industries', rir: 'ARIN' },
  { type: 'directory', path: 'C:\\Windows\\System32' },
  { type: 'domain-name', value: 'example.com' },
  { type: 'email-addr', value: 'john@example.com', display_name: 'John Doe' },
  { type: 'email-message', is_multipart: false, subject: 'Saying Hello', body: 'Hi' },
  {
    type: 'file',
    name: 'a.exe',
    hashes: { MD5: '3773a88f65a5e780c8dff9cdc3a056f3', 'SHA-256': 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766' },
    size: 25537,
    extensions: { 'ntfs-ext': { sid: '1234567' } },
  },
  { type: 'ipv4-addr', value: '198.51.100.3' },
  { type: 'ipv6-addr', value: '2001:0db8::/96' },
  { type: 'mac-addr', value: 'd2:fb:49:24:37:18' },
  { type: 'mutex', name: '__CLEANSWEEP__' },
  {
    type: 'network-traffic',
    protocols: ['ipv4', 'tcp'],
    src_port: 24678,
    dst_port: 80,
    extensions: { 'tcp-ext': { src_flags_hex: '00000002' } },
  },
  { type: 'software', name: 'Word', cpe: 'cpe:2.3:a:microsoft:word:2000:*:*:*:*:*:*:*', vendor: 'Microsoft', version: '2002' },
  { type: 'url', value: 'https://example.com/research/index.html' },
  { type: 'user-account', user_id: '1001', account_login: 'jdoe', account_type: 'unix' },
  {
    type: 'windows-registry-key',
    key: 'HKEY_LOCAL_MACHINE\\System\\Foo\\Bar',
    values: [{ name: 'Foo', data: 'qwerty', data_type: 'REG_SZ' }],
  },
  { type: 'x509-certificate', issuer: 'C=ZA, ST=Western Cape, L=Cape Town', serial_number: '36:f7:d4:32:f4:ab:70:ea' },
];

test('SCOs with deterministic ids satisfy the validator and the OASIS schemas', skip, () => {
  const schemas = loadSchemas();
  const ipv4 = { type: 'ipv4-addr', value: '198.51.100.3' };
  for (const input of SCO_INPUTS) {
    const type = String(input['type']);
    const id = deterministicScoId({ ...input, type });
    assert.ok(id, type);
    const sco: StixObject = { type, spec_version: '2.1', id, ...input };
    if (type === 'network-traffic') sco['dst_ref'] = deterministicScoId(ipv4) ?? '';
    assertConforms(sco, schemas);
  }
});
