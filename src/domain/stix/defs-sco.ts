// Property tables of the 18 STIX Cyber-observable Objects (STIX 2.1 §6.1–§6.18).

import { isIPv4, isIPv6 } from './ip-text.ts';
import { SCO_TYPES } from './categories.ts';
import { LANGUAGE, checkDependency, checkExclusive, checkTimeOrder } from './common.ts';
import {
  EMAIL_MIME_PART,
  FILE_EXTENSIONS,
  NETWORK_TRAFFIC_EXTENSIONS,
  PROCESS_EXTENSIONS,
  USER_ACCOUNT_EXTENSIONS,
  WINDOWS_REGISTRY_VALUE,
  X509_V3_EXTENSIONS,
} from './defs-sco-ext.ts';
import { checkOneOf } from './check-value.ts';
import { isRecord, type JsonRecord, type Reporter, q } from './reporter.ts';
import * as s from './schema.ts';
import type { ObjectDef, Spec, StructDef } from './schema.ts';
import * as v from './vocab.ts';

const {
  STRING,
  BOOLEAN,
  INTEGER,
  NON_NEGATIVE,
  TIMESTAMP,
  HEX,
  BINARY,
  HASHES,
  LIST_OF_STRING,
  props,
  listOf,
  dictOf,
  vocab,
  refTo,
  struct,
} = s;

interface ScoOptions {
  required?: string[];
  oneOf?: string[];
  check?: (o: JsonRecord, r: Reporter) => void;
  extensions?: ReadonlyMap<string, StructDef>;
}

function sco(type: string, n: number, table: Record<string, Spec>, opts: ScoOptions = {}): ObjectDef {
  return {
    name: type,
    section: `STIX 2.1 §6.${n}`,
    category: 'sco',
    props: props(table),
    required: opts.required ?? [],
    ...(opts.oneOf === undefined ? {} : { oneOf: opts.oneOf }),
    ...(opts.check === undefined ? {} : { check: opts.check }),
    ...(opts.extensions === undefined ? {} : { extensions: opts.extensions }),
  };
}

/** For SCOs where "at least one property" of the object (or its extensions) must be present. */
function allOf(table: Record<string, Spec>, withExtensions: boolean): string[] {
  const names = Object.keys(table);
  return withExtensions ? [...names, 'extensions'] : names;
}

/**
 * Checks the format of the `value` property. Defanged SCOs (§3.2 `defanged`) are skipped: their
 * values are deliberately altered (`example[.]com`).
 */
function valueFormat(section: string, what: string, test: (value: string) => boolean) {
  return (o: JsonRecord, r: Reporter): void => {
    const value = o['value'];
    if (typeof value !== 'string' || o['defanged'] === true || test(value)) return;
    r.error('value-format', section, `${q(value)} is not ${what}`, 'value');
  };
}

function isCidr(value: string, isIp: (a: string) => boolean, maxPrefix: number): boolean {
  const slash = value.indexOf('/');
  if (slash < 0) return isIp(value);
  const prefix = value.slice(slash + 1);
  return isIp(value.slice(0, slash)) && /^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix;
}

// RFC 1034 with RFC 5890 labels: no whitespace, labels of 1–63 characters, at most 253 in all.
function isDomainName(value: string): boolean {
  if (value.length === 0 || value.length > 253 || /[\s/@]/.test(value)) return false;
  const labels = value.endsWith('.') ? value.slice(0, -1).split('.') : value.split('.');
  return labels.every((label) => label.length > 0 && label.length <= 63);
}

const MAC_RE = /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2}$/;
// RFC 3986 §3: scheme ":" hier-part, and no whitespace anywhere.
const URL_RE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
// RFC 5322 addr-spec: local-part "@" domain, without a display name or angle brackets.
const EMAIL_RE = /^[^\s<>]+@[^\s@<>]+$/;
// §6.17.1: "HKEY_LOCAL_MACHINE must be used instead of HKLM".
const ABBREVIATED_HIVE_RE = /^(?:HKLM|HKCU|HKCR|HKU|HKCC)(?:\\|$)/i;

const IP_REFS = (label: string, types: string[]) => listOf(refTo(label, types));

function checkArtifact(o: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §6.1';
  checkExclusive(o, 'payload_bin', 'url', S, r);
  checkOneOf(o, ['payload_bin', 'url'], r, S);
  // hashes "MUST be present when the url property is present"
  if (o['url'] !== undefined && o['hashes'] === undefined) r.error('required-property', S, 'hashes are required with url', 'hashes');
  checkDependency(o, 'decryption_key', 'encryption_algorithm', S, r);
}

function checkEmailMessage(o: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §6.6';
  if (o['is_multipart'] === true && o['body'] !== undefined)
    r.error('property-conflict', S, 'body must not be used when is_multipart is true', 'body');
  if (o['is_multipart'] === false && o['body_multipart'] !== undefined) {
    r.error('property-conflict', S, 'body_multipart must not be used when is_multipart is false', 'body_multipart');
  }
}

function checkNetworkTraffic(o: JsonRecord, r: Reporter): void {
  const S = 'STIX 2.1 §6.12';
  checkOneOf(o, ['src_ref', 'dst_ref'], r, S);
  checkTimeOrder(o, 'start', 'end', false, S, r);
  if (o['is_active'] === true && o['end'] !== undefined)
    r.error('property-conflict', S, 'end must not be present when is_active is true', 'end');
  const ipfix = o['ipfix'];
  if (isRecord(ipfix)) {
    for (const key in ipfix) {
      const value = ipfix[key];
      if (typeof value === 'string' || Number.isInteger(value)) continue;
      r.push('ipfix');
      r.error('type-mismatch', S, 'IPFIX values are integers or strings', key);
      r.pop();
    }
  }
}

const PROCESS_PROPS: Record<string, Spec> = {
  is_hidden: BOOLEAN,
  pid: INTEGER,
  created_time: TIMESTAMP,
  cwd: STRING,
  command_line: STRING,
  environment_variables: dictOf(STRING),
  opened_connection_refs: listOf(refTo('a network-traffic', ['network-traffic'])),
  creator_user_ref: refTo('a user-account', ['user-account']),
  image_ref: refTo('a file', ['file']),
  parent_ref: refTo('a process', ['process']),
  child_refs: listOf(refTo('a process', ['process'])),
};

const USER_ACCOUNT_PROPS: Record<string, Spec> = {
  user_id: STRING,
  credential: STRING,
  account_login: STRING,
  account_type: vocab(v.ACCOUNT_TYPE),
  display_name: STRING,
  is_service_account: BOOLEAN,
  is_privileged: BOOLEAN,
  can_escalate_privs: BOOLEAN,
  is_disabled: BOOLEAN,
  account_created: TIMESTAMP,
  account_expires: TIMESTAMP,
  credential_last_changed: TIMESTAMP,
  account_first_login: TIMESTAMP,
  account_last_login: TIMESTAMP,
};

const REGISTRY_KEY_PROPS: Record<string, Spec> = {
  key: STRING,
  values: listOf(struct(WINDOWS_REGISTRY_VALUE)),
  modified_time: TIMESTAMP,
  creator_user_ref: refTo('a user-account', ['user-account']),
  number_of_subkeys: INTEGER,
};

const X509_PROPS: Record<string, Spec> = {
  is_self_signed: BOOLEAN,
  hashes: HASHES,
  version: STRING,
  serial_number: STRING,
  signature_algorithm: STRING,
  issuer: STRING,
  validity_not_before: TIMESTAMP,
  validity_not_after: TIMESTAMP,
  subject: STRING,
  subject_public_key_algorithm: STRING,
  subject_public_key_modulus: STRING,
  subject_public_key_exponent: INTEGER,
  x509_v3_extensions: struct(X509_V3_EXTENSIONS),
};

/** SCO definitions. */
export const SCO_DEFS: readonly ObjectDef[] = [
  sco(
    'artifact',
    1,
    {
      mime_type: STRING,
      payload_bin: BINARY,
      url: STRING,
      hashes: HASHES,
      encryption_algorithm: vocab(v.ENCRYPTION_ALGORITHM),
      decryption_key: STRING,
    },
    { check: checkArtifact },
  ),
  sco('autonomous-system', 2, { number: INTEGER, name: STRING, rir: STRING }, { required: ['number'] }),
  sco(
    'directory',
    3,
    {
      path: STRING,
      path_enc: STRING,
      ctime: TIMESTAMP,
      mtime: TIMESTAMP,
      atime: TIMESTAMP,
      contains_refs: listOf(refTo('a file or directory', ['file', 'directory'])),
    },
    { required: ['path'] },
  ),
  sco(
    'domain-name',
    4,
    { value: STRING, resolves_to_refs: IP_REFS('an ipv4-addr, ipv6-addr or domain-name', ['ipv4-addr', 'ipv6-addr', 'domain-name']) },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.4', 'a domain name (RFC 1034)', isDomainName) },
  ),
  sco(
    'email-addr',
    5,
    { value: STRING, display_name: STRING, belongs_to_ref: refTo('a user-account', ['user-account']) },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.5', 'an RFC 5322 addr-spec without display name', (x) => EMAIL_RE.test(x)) },
  ),
  sco(
    'email-message',
    6,
    {
      is_multipart: BOOLEAN,
      date: TIMESTAMP,
      content_type: STRING,
      from_ref: refTo('an email-addr', ['email-addr']),
      sender_ref: refTo('an email-addr', ['email-addr']),
      to_refs: listOf(refTo('an email-addr', ['email-addr'])),
      cc_refs: listOf(refTo('an email-addr', ['email-addr'])),
      bcc_refs: listOf(refTo('an email-addr', ['email-addr'])),
      message_id: STRING,
      subject: STRING,
      received_lines: LIST_OF_STRING,
      additional_header_fields: dictOf(LIST_OF_STRING),
      body: STRING,
      body_multipart: listOf(struct(EMAIL_MIME_PART)),
      raw_email_ref: refTo('an artifact', ['artifact']),
    },
    { required: ['is_multipart'], check: checkEmailMessage },
  ),
  sco(
    'file',
    7,
    {
      hashes: HASHES,
      size: NON_NEGATIVE,
      name: STRING,
      name_enc: STRING,
      magic_number_hex: HEX,
      mime_type: STRING,
      ctime: TIMESTAMP,
      mtime: TIMESTAMP,
      atime: TIMESTAMP,
      parent_directory_ref: refTo('a directory', ['directory']),
      contains_refs: listOf(refTo('an SCO', SCO_TYPES, true)),
      content_ref: refTo('an artifact', ['artifact']),
    },
    {
      // "A File object MUST contain at least one of hashes or name."
      oneOf: ['hashes', 'name'],
      check: (o, r) => checkDependency(o, 'name_enc', 'name', 'STIX 2.1 §6.7', r),
      extensions: FILE_EXTENSIONS,
    },
  ),
  sco(
    'ipv4-addr',
    8,
    {
      value: STRING,
      resolves_to_refs: IP_REFS('a mac-addr', ['mac-addr']),
      belongs_to_refs: IP_REFS('an autonomous-system', ['autonomous-system']),
    },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.8', 'an IPv4 address or CIDR block', (x) => isCidr(x, isIPv4, 32)) },
  ),
  sco(
    'ipv6-addr',
    9,
    {
      value: STRING,
      resolves_to_refs: IP_REFS('a mac-addr', ['mac-addr']),
      belongs_to_refs: IP_REFS('an autonomous-system', ['autonomous-system']),
    },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.9', 'an IPv6 address or CIDR block', (x) => isCidr(x, isIPv6, 128)) },
  ),
  sco(
    'mac-addr',
    10,
    { value: STRING },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.10', 'a lowercase colon-separated MAC-48 address', (x) => MAC_RE.test(x)) },
  ),
  sco('mutex', 11, { name: STRING }, { required: ['name'] }),
  sco(
    'network-traffic',
    12,
    {
      start: TIMESTAMP,
      end: TIMESTAMP,
      is_active: BOOLEAN,
      src_ref: refTo('an ipv4-addr, ipv6-addr, mac-addr or domain-name', ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']),
      dst_ref: refTo('an ipv4-addr, ipv6-addr, mac-addr or domain-name', ['ipv4-addr', 'ipv6-addr', 'mac-addr', 'domain-name']),
      src_port: s.intRange(0, 65535),
      dst_port: s.intRange(0, 65535),
      protocols: LIST_OF_STRING,
      src_byte_count: NON_NEGATIVE,
      dst_byte_count: NON_NEGATIVE,
      src_packets: NON_NEGATIVE,
      dst_packets: NON_NEGATIVE,
      ipfix: dictOf(null),
      src_payload_ref: refTo('an artifact', ['artifact']),
      dst_payload_ref: refTo('an artifact', ['artifact']),
      encapsulates_refs: listOf(refTo('a network-traffic', ['network-traffic'])),
      encapsulated_by_ref: refTo('a network-traffic', ['network-traffic']),
    },
    { required: ['protocols'], check: checkNetworkTraffic, extensions: NETWORK_TRAFFIC_EXTENSIONS },
  ),
  // "A Process object MUST contain at least one property (other than type) from this object (or
  // one of its extensions)."
  sco('process', 13, PROCESS_PROPS, { oneOf: allOf(PROCESS_PROPS, true), extensions: PROCESS_EXTENSIONS }),
  sco(
    'software',
    14,
    { name: STRING, cpe: STRING, swid: STRING, languages: listOf(LANGUAGE), vendor: STRING, version: STRING },
    { required: ['name'] },
  ),
  sco(
    'url',
    15,
    { value: STRING },
    { required: ['value'], check: valueFormat('STIX 2.1 §6.15', 'a URL (RFC 3986)', (x) => URL_RE.test(x)) },
  ),
  sco('user-account', 16, USER_ACCOUNT_PROPS, { oneOf: allOf(USER_ACCOUNT_PROPS, true), extensions: USER_ACCOUNT_EXTENSIONS }),
  sco('windows-registry-key', 17, REGISTRY_KEY_PROPS, {
    oneOf: allOf(REGISTRY_KEY_PROPS, false),
    check: (o, r) => {
      const key = o['key'];
      if (typeof key === 'string' && ABBREVIATED_HIVE_RE.test(key)) {
        r.error('value-format', 'STIX 2.1 §6.17', 'the hive must be fully expanded (HKEY_LOCAL_MACHINE, not HKLM)', 'key');
      }
    },
  }),
  // "MUST contain at least one object specific property (other than type)"
  sco('x509-certificate', 18, X509_PROPS, { oneOf: allOf(X509_PROPS, false) }),
];
