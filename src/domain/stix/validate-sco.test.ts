// Rules specific to SCOs (STIX 2.1 §6) and their predefined extensions (§3.10).

import { test } from 'node:test';
import { expectClean, expectIssue, expectValid, idOf, minimalObjects, observable, without } from './fixtures.ts';
import type { JsonObject, JsonValue } from './types.ts';
import { validateObject } from './validate.ts';

const m = minimalObjects();
const SHA256 = 'effb46bba03f6c8aea5c653f9cf984f170dcdd3bbbe2ff6843c3e5da0e698766';

test('address values have the format their section requires (§6.4, §6.5, §6.8–§6.10, §6.15)', () => {
  const cases: [string, string, string][] = [
    ['ipv4-addr', '198.51.100.0/33', 'STIX 2.1 §6.8'],
    ['ipv4-addr', '198.51.100', 'STIX 2.1 §6.8'],
    ['ipv6-addr', '2001:db8::/129', 'STIX 2.1 §6.9'],
    ['ipv6-addr', '198.51.100.1', 'STIX 2.1 §6.9'],
    ['mac-addr', 'D2:FB:49:24:37:18', 'STIX 2.1 §6.10'],
    ['mac-addr', 'd2-fb-49-24-37-18', 'STIX 2.1 §6.10'],
    ['domain-name', 'exa mple.com', 'STIX 2.1 §6.4'],
    ['email-addr', 'John Doe <jdoe@example.com>', 'STIX 2.1 §6.5'],
    ['url', 'not a url', 'STIX 2.1 §6.15'],
  ];
  for (const [type, value, section] of cases) {
    expectIssue(validateObject({ ...m[type], value }), '$.value', 'value-format', section);
  }
  for (const [type, value] of [
    ['ipv4-addr', '198.51.100.0/24'],
    ['ipv6-addr', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['ipv6-addr', '2001:0db8::/96'],
    ['domain-name', 'bücher.example'],
    ['url', 'https://example.com/research/index.html'],
  ] as const) {
    expectClean(validateObject({ ...m[type], value }));
  }
  // Defanged values are deliberately altered (§3.2 defanged).
  expectClean(validateObject({ ...m['domain-name'], value: 'example[.]com', defanged: true }));
});

test('artifact: payload_bin xor url, hashes with url, decryption_key needs an algorithm (§6.1)', () => {
  const S = 'STIX 2.1 §6.1';
  const artifact = m['artifact'] ?? {};
  expectIssue(validateObject({ ...artifact, url: 'https://x/y' }), '$.url', 'property-conflict', S);
  expectIssue(validateObject(without(artifact, 'payload_bin')), '$', 'required-one-of', S);
  expectIssue(validateObject({ ...without(artifact, 'payload_bin'), url: 'https://x/y' }), '$.hashes', 'required-property', S);
  expectIssue(validateObject({ ...artifact, decryption_key: 'infected' }), '$.decryption_key', 'property-dependency', S);
  expectIssue(
    validateObject({ ...artifact, encryption_algorithm: 'rot13' }),
    '$.encryption_algorithm',
    'closed-vocabulary',
    'STIX 2.1 §10.4',
  );
  expectClean(validateObject({ ...artifact, encryption_algorithm: 'mime-type-indicated', decryption_key: 'infected' }));
});

test('file: hashes or name; references to directory and artifact (§6.7)', () => {
  const S = 'STIX 2.1 §6.7';
  expectIssue(validateObject(observable('file', { size: 3 })), '$', 'required-one-of', S);
  expectIssue(validateObject({ ...m['file'], size: -1 }), '$.size', 'value-range', S);
  expectIssue(validateObject({ ...m['file'], parent_directory_ref: idOf('file') }), '$.parent_directory_ref', 'ref-target-type', S);
  expectIssue(validateObject({ ...m['file'], content_ref: idOf('file') }), '$.content_ref', 'ref-target-type', S);
  expectIssue(
    validateObject(observable('file', { hashes: { 'SHA-256': SHA256 }, name_enc: 'windows-1252' })),
    '$.name_enc',
    'property-dependency',
    S,
  );
});

test('file extensions: archive, NTFS, PDF, raster image, PE binary (§6.7.2–§6.7.6)', () => {
  const file = (extensions: JsonValue) => validateObject({ ...m['file'], extensions: extensions });
  expectClean(
    file({
      'archive-ext': { contains_refs: [idOf('file'), idOf('directory')], comment: 'zip' },
      'ntfs-ext': { sid: '1234567', alternate_data_streams: [{ name: 'second.stream', size: 25536 }] },
      'pdf-ext': { version: '1.7', document_info_dict: { Title: 'Sample document' }, pdfid0: 'DFCE52BD827ECF765649852119D' },
      'raster-image-ext': { image_height: 768, image_width: 1024, exif_tags: { Make: 'Nikon', XResolution: 4928 } },
      'windows-pebinary-ext': {
        pe_type: 'exe',
        machine_hex: '014c',
        optional_header: { magic_hex: '010b', size_of_code: 4096 },
        sections: [{ name: '.text', size: 4096, entropy: 6.6 }],
      },
    }),
  );
  expectIssue(
    file({ 'archive-ext': { comment: 'x' } }),
    "$.extensions['archive-ext'].contains_refs",
    'required-property',
    'STIX 2.1 §6.7.2',
  );
  expectIssue(
    file({ 'archive-ext': { contains_refs: [idOf('url')] } }),
    "$.extensions['archive-ext'].contains_refs[0]",
    'ref-target-type',
    'STIX 2.1 §6.7.2',
  );
  expectIssue(file({ 'ntfs-ext': {} }), "$.extensions['ntfs-ext']", 'required-one-of', 'STIX 2.1 §6.7.3');
  expectIssue(
    file({ 'ntfs-ext': { alternate_data_streams: [{ size: 1 }] } }),
    "$.extensions['ntfs-ext'].alternate_data_streams[0].name",
    'required-property',
    'STIX 2.1 §6.7.3',
  );
  expectIssue(file({ 'pdf-ext': { is_optimized: 'no' } }), "$.extensions['pdf-ext'].is_optimized", 'type-mismatch', 'STIX 2.1 §6.7.4');
  expectIssue(
    file({ 'raster-image-ext': { exif_tags: { Make: 1.5 } } }),
    "$.extensions['raster-image-ext'].exif_tags.Make",
    'type-mismatch',
    'STIX 2.1 §6.7.5',
  );
  expectIssue(
    file({ 'windows-pebinary-ext': { pe_type: 'exe' } }),
    "$.extensions['windows-pebinary-ext']",
    'required-one-of',
    'STIX 2.1 §6.7.6',
  );
  expectIssue(
    file({ 'windows-pebinary-ext': { imphash: 'x' } }),
    "$.extensions['windows-pebinary-ext'].pe_type",
    'required-property',
    'STIX 2.1 §6.7.6',
  );
  expectIssue(
    file({ 'windows-pebinary-ext': { pe_type: 'exe', optional_header: {} } }),
    "$.extensions['windows-pebinary-ext'].optional_header",
    'required-one-of',
    'STIX 2.1 §6.7.6',
  );
  expectIssue(
    file({ 'windows-pebinary-ext': { pe_type: 'exe', sections: [{ size: 1 }] } }),
    "$.extensions['windows-pebinary-ext'].sections[0].name",
    'required-property',
    'STIX 2.1 §6.7.6',
  );
});

test('predefined extensions belong to their SCO type (§3.10)', () => {
  expectIssue(
    validateObject({ ...m['file'], extensions: { 'tcp-ext': { src_flags_hex: '02' } } }),
    "$.extensions['tcp-ext']",
    'extension',
    'STIX 2.1 §3.10',
  );
  expectIssue(
    validateObject({ ...m['process'], extensions: { 'unix-account-ext': { gid: 1 } } }),
    "$.extensions['unix-account-ext']",
    'extension',
    'STIX 2.1 §3.10',
  );
});

test('email-message: body and body_multipart follow is_multipart; MIME parts need a body (§6.6)', () => {
  const S = 'STIX 2.1 §6.6';
  const email = m['email-message'] ?? {};
  expectIssue(validateObject({ ...email, is_multipart: true, body: 'x' }), '$.body', 'property-conflict', S);
  expectIssue(validateObject({ ...email, body_multipart: [{ body: 'x' }] }), '$.body_multipart', 'property-conflict', S);
  expectClean(
    validateObject({
      ...email,
      is_multipart: true,
      from_ref: idOf('email-addr'),
      to_refs: [idOf('email-addr')],
      additional_header_fields: { 'Reply-To': ['a@example.com'] },
      body_multipart: [{ content_type: 'text/plain', body: 'Hi' }, { body_raw_ref: idOf('artifact') }],
    }),
  );
  expectIssue(
    validateObject({ ...email, is_multipart: true, body_multipart: [{ content_type: 'text/plain' }] }),
    '$.body_multipart[0]',
    'required-one-of',
    'STIX 2.1 §6.6.2',
  );
  expectIssue(validateObject({ ...email, from_ref: idOf('user-account') }), '$.from_ref', 'ref-target-type', S);
});

test('network-traffic: an endpoint, ports, time window, extensions (§6.12)', () => {
  const S = 'STIX 2.1 §6.12';
  const nt = m['network-traffic'] ?? {};
  expectIssue(validateObject(without(nt, 'dst_ref')), '$', 'required-one-of', S);
  expectIssue(validateObject({ ...nt, dst_port: 65536 }), '$.dst_port', 'value-range', S);
  expectIssue(validateObject({ ...nt, src_ref: idOf('url') }), '$.src_ref', 'ref-target-type', S);
  expectIssue(validateObject({ ...nt, start: '2024-01-02T00:00:00Z', end: '2024-01-01T00:00:00Z' }), '$.end', 'timestamp-order', S);
  expectIssue(validateObject({ ...nt, is_active: true, end: '2024-01-01T00:00:00Z' }), '$.end', 'property-conflict', S);
  expectIssue(validateObject({ ...nt, ipfix: { minimumIpTotalLength: [32] } }), '$.ipfix.minimumIpTotalLength', 'type-mismatch', S);
  const ext = (extensions: JsonValue) => validateObject({ ...nt, extensions: extensions });
  expectClean(
    ext({
      'http-request-ext': { request_method: 'get', request_value: '/download.html', request_header: { 'User-Agent': ['Mozilla/5.0'] } },
      'tcp-ext': { src_flags_hex: '00000002' },
      'icmp-ext': { icmp_type_hex: '08', icmp_code_hex: '00' },
      'socket-ext': { address_family: 'AF_INET', socket_type: 'SOCK_STREAM', options: { SO_ACCEPTCONN: 1 } },
    }),
  );
  expectIssue(
    ext({ 'http-request-ext': { request_method: 'get' } }),
    "$.extensions['http-request-ext'].request_value",
    'required-property',
    'STIX 2.1 §6.12.2',
  );
  expectIssue(
    ext({ 'icmp-ext': { icmp_type_hex: '8', icmp_code_hex: '00' } }),
    "$.extensions['icmp-ext'].icmp_type_hex",
    'hex-format',
    'STIX 2.1 §2.8',
  );
  expectIssue(
    ext({ 'socket-ext': { address_family: 'AF_INET7' } }),
    "$.extensions['socket-ext'].address_family",
    'closed-vocabulary',
    'STIX 2.1 §10.16',
  );
  expectIssue(
    ext({ 'socket-ext': { address_family: 'AF_INET', socket_type: 'SOCK_DGRAMNET' } }),
    "$.extensions['socket-ext'].socket_type",
    'closed-vocabulary',
    'STIX 2.1 §10.17',
  );
  expectIssue(ext({ 'tcp-ext': {} }), "$.extensions['tcp-ext']", 'required-one-of', 'STIX 2.1 §6.12.5');
});

test('process: at least one property; Windows process and service extensions (§6.13)', () => {
  expectIssue(validateObject(observable('process')), '$', 'required-one-of', 'STIX 2.1 §6.13');
  expectValid(validateObject(observable('process', { extensions: { 'windows-process-ext': { aslr_enabled: true } } })));
  const proc = (extensions: JsonValue) => validateObject({ ...m['process'], extensions: extensions });
  expectClean(
    proc({ 'windows-service-ext': { service_name: 'sirvizio', start_type: 'SERVICE_AUTO_START', service_dll_refs: [idOf('file')] } }),
  );
  expectIssue(
    proc({ 'windows-process-ext': { integrity_level: 'extreme' } }),
    "$.extensions['windows-process-ext'].integrity_level",
    'closed-vocabulary',
    'STIX 2.1 §10.27',
  );
  expectIssue(
    proc({ 'windows-service-ext': { service_status: 'SERVICE_GONE' } }),
    "$.extensions['windows-service-ext'].service_status",
    'closed-vocabulary',
    'STIX 2.1 §10.32',
  );
  expectIssue(
    proc({ 'windows-service-ext': { service_type: 'SERVICE_X' } }),
    "$.extensions['windows-service-ext'].service_type",
    'closed-vocabulary',
    'STIX 2.1 §10.31',
  );
  expectIssue(proc({ 'windows-service-ext': {} }), "$.extensions['windows-service-ext']", 'required-one-of', 'STIX 2.1 §6.13.3');
  expectIssue(validateObject({ ...m['process'], image_ref: idOf('software') }), '$.image_ref', 'ref-target-type', 'STIX 2.1 §6.13');
});

test('user-account, registry key and certificate need a property; their nested types (§6.16–§6.18)', () => {
  expectIssue(validateObject(observable('user-account')), '$', 'required-one-of', 'STIX 2.1 §6.16');
  expectClean(
    validateObject({ ...m['user-account'], account_type: 'unix', extensions: { 'unix-account-ext': { gid: 1001, groups: ['wheel'] } } }),
  );
  expectIssue(
    validateObject({ ...m['user-account'], extensions: { 'unix-account-ext': {} } }),
    "$.extensions['unix-account-ext']",
    'required-one-of',
    'STIX 2.1 §6.16.2',
  );
  expectIssue(validateObject(observable('windows-registry-key')), '$', 'required-one-of', 'STIX 2.1 §6.17');
  expectIssue(validateObject({ ...m['windows-registry-key'], key: 'HKLM\\Software' }), '$.key', 'value-format', 'STIX 2.1 §6.17');
  const values = (v: JsonValue) => validateObject({ ...m['windows-registry-key'], values: v });
  expectClean(values([{ name: '', data: 'x', data_type: 'REG_SZ' }]));
  expectIssue(values([{ data_type: 'REG_STRING' }]), '$.values[0].data_type', 'closed-vocabulary', 'STIX 2.1 §10.29');
  expectIssue(values([{}]), '$.values[0]', 'required-one-of', 'STIX 2.1 §6.17.2');
  expectIssue(validateObject(observable('x509-certificate')), '$', 'required-one-of', 'STIX 2.1 §6.18');
  const cert = (ext: JsonValue) => validateObject({ ...m['x509-certificate'], x509_v3_extensions: ext });
  expectClean(cert({ basic_constraints: 'critical,CA:TRUE, pathlen:0', private_key_usage_period_not_before: '2016-03-12T12:00:00Z' }));
  expectIssue(cert({}), '$.x509_v3_extensions', 'required-one-of', 'STIX 2.1 §6.18.2');
});

test('SCO reference properties point at the types their sections name (§6)', () => {
  const cases: [string, JsonObject, string, string][] = [
    ['directory', { contains_refs: [idOf('url')] }, '$.contains_refs[0]', 'STIX 2.1 §6.3'],
    ['domain-name', { resolves_to_refs: [idOf('url')] }, '$.resolves_to_refs[0]', 'STIX 2.1 §6.4'],
    ['email-addr', { belongs_to_ref: idOf('identity') }, '$.belongs_to_ref', 'STIX 2.1 §6.5'],
    ['ipv4-addr', { resolves_to_refs: [idOf('ipv6-addr')] }, '$.resolves_to_refs[0]', 'STIX 2.1 §6.8'],
    ['ipv6-addr', { belongs_to_refs: [idOf('identity')] }, '$.belongs_to_refs[0]', 'STIX 2.1 §6.9'],
    ['windows-registry-key', { creator_user_ref: idOf('identity') }, '$.creator_user_ref', 'STIX 2.1 §6.17'],
  ];
  for (const [type, props, path, section] of cases) {
    expectIssue(validateObject({ ...m[type], ...props }), path, 'ref-target-type', section);
  }
});
