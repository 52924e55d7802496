// The object types the STIX 2.1 specification defines, grouped by category. Kept free of
// imports so that every other module (ids, validation, upgrade) can depend on it.

/** The 19 STIX Domain Objects (STIX 2.1 §4). */
export const SDO_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'grouping',
  'identity',
  'incident',
  'indicator',
  'infrastructure',
  'intrusion-set',
  'location',
  'malware',
  'malware-analysis',
  'note',
  'observed-data',
  'opinion',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
]);

/** The 18 STIX Cyber-observable Objects (STIX 2.1 §6). */
export const SCO_TYPES: ReadonlySet<string> = new Set([
  'artifact',
  'autonomous-system',
  'directory',
  'domain-name',
  'email-addr',
  'email-message',
  'file',
  'ipv4-addr',
  'ipv6-addr',
  'mac-addr',
  'mutex',
  'network-traffic',
  'process',
  'software',
  'url',
  'user-account',
  'windows-registry-key',
  'x509-certificate',
]);

/** STIX Relationship Objects (STIX 2.1 §5). */
export const SRO_TYPES: ReadonlySet<string> = new Set(['relationship', 'sighting']);

/** STIX Meta Objects (STIX 2.1 §7). */
export const META_TYPES: ReadonlySet<string> = new Set(['language-content', 'marking-definition', 'extension-definition']);

/** Every type name the specification defines, including `bundle` (§8), which is not a STIX Object. */
export const KNOWN_TYPES: ReadonlySet<string> = new Set([...SDO_TYPES, ...SCO_TYPES, ...SRO_TYPES, ...META_TYPES, 'bundle']);

/**
 * Object types that existed in STIX 2.0 (2.0 Part 2 SDOs and SROs, marking-definition, bundle).
 * Cyber-observables were not top-level objects in 2.0, so an SCO without `spec_version` is a
 * 2.1 SCO (spec_version defaults to 2.1 for SCOs, STIX 2.1 §3.2).
 */
export const STIX20_TYPES: ReadonlySet<string> = new Set([
  'attack-pattern',
  'campaign',
  'course-of-action',
  'identity',
  'indicator',
  'intrusion-set',
  'malware',
  'observed-data',
  'report',
  'threat-actor',
  'tool',
  'vulnerability',
  'relationship',
  'sighting',
  'marking-definition',
  'bundle',
]);
