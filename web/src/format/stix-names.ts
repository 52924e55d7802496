// Readable names of STIX types and properties (issue 15, must 3: "snake_case names" and type ids
// read like an API browser). Pure: the object page and its tests use it.

/** STIX 2.1 §4–§6 types and the ATT&CK custom types, as an analyst names them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'attack-pattern': 'Attack pattern',
  'course-of-action': 'Course of action',
  'intrusion-set': 'Intrusion set',
  'malware-analysis': 'Malware analysis',
  'observed-data': 'Observed data',
  'threat-actor': 'Threat actor',
  'marking-definition': 'Marking definition',
  'extension-definition': 'Extension definition',
  'language-content': 'Language content',
  'autonomous-system': 'Autonomous system',
  'domain-name': 'Domain name',
  'email-addr': 'E-mail address',
  'email-message': 'E-mail message',
  'ipv4-addr': 'IPv4 address',
  'ipv6-addr': 'IPv6 address',
  'mac-addr': 'MAC address',
  'network-traffic': 'Network traffic',
  'user-account': 'User account',
  'windows-registry-key': 'Windows registry key',
  'x509-certificate': 'X.509 certificate',
  url: 'URL',
  'x-mitre-tactic': 'ATT&CK tactic',
  'x-mitre-matrix': 'ATT&CK matrix',
  'x-mitre-collection': 'ATT&CK collection',
  'x-mitre-data-source': 'ATT&CK data source',
  'x-mitre-data-component': 'ATT&CK data component',
  'x-mitre-asset': 'ATT&CK asset',
  'x-mitre-analytic': 'ATT&CK analytic',
  'x-mitre-detection-strategy': 'ATT&CK detection strategy',
  'x-concord-alert-rule': 'Alert rule',
  'x-concord-alert': 'Alert',
  'x-concord-assistance-request': 'Assistance request',
  'x-concord-assistance-offer': 'Assistance offer',
  'x-concord-assistance-decision': 'Decision on an offer',
  'x-concord-deployment': 'Deployment',
  'x-concord-deployment-member': 'Deployment member',
  'x-concord-expert-profile': 'Expert profile',
};

/** STIX Cyber-observable types (§6): their title is their value, not a name. */
export { SCO_TYPES } from '../../../src/domain/stix/categories.ts';

const sentence = (words: string): string => (words === '' ? '' : words[0]?.toUpperCase() + words.slice(1));

/** `attack-pattern` → `Attack pattern`; an unknown type in sentence case. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? sentence(type.replace(/^x-/, '').replaceAll('-', ' '));
}

const PROPERTY_NAMES: Readonly<Record<string, string>> = {
  created_by_ref: 'Created by',
  object_marking_refs: 'Markings',
  object_refs: 'Objects',
  sighting_of_ref: 'Sighting of',
  where_sighted_refs: 'Where sighted',
  observed_data_refs: 'Observed data',
  sample_refs: 'Samples',
  operating_system_refs: 'Operating systems',
  x_mitre_modified_by_ref: 'Modified by (ATT&CK)',
  x_mitre_is_subtechnique: 'Sub-technique (ATT&CK)',
  is_family: 'Malware family',
  pattern_type: 'Pattern type',
  first_seen: 'First seen',
  last_seen: 'Last seen',
  x_mitre_platforms: 'Platforms (ATT&CK)',
  x_mitre_domains: 'Domains (ATT&CK)',
  x_mitre_version: 'Version (ATT&CK)',
  x_mitre_attack_spec_version: 'ATT&CK specification version',
};

/** `kill_chain_phases` → `Kill chain phases`, `x_mitre_platforms` → `Platforms (ATT&CK)`,
 *  `*_refs` / `*_ref` without the suffix. */
export function propertyName(key: string): string {
  // A reference inside a list of objects (`x_mitre_contents.object_ref`) is named by its list.
  const dot = key.indexOf('.');
  if (dot > 0) return propertyName(key.slice(0, dot));
  const known = PROPERTY_NAMES[key];
  if (known) return known;
  const mitre = key.startsWith('x_mitre_');
  const base = (mitre ? key.slice('x_mitre_'.length) : key.replace(/^x_/, '')).replace(/_refs?$/, '').replaceAll('_', ' ');
  return `${sentence(base)}${mitre ? ' (ATT&CK)' : ''}`;
}
