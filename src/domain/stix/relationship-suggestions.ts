// Relationship types suggested for a pair of object types (issue 15, must 4): the RelateForm
// offers these first. The table is STIX 2.1 Appendix B, "Relationship Summary Table" (each SDO's
// "Relationships" section is authoritative, and they agree for the types listed here), plus the
// common relationships every SDO and SCO may use (§4.1 "Common Relationships": derived-from,
// duplicate-of between objects of one type, related-to between any two). Pure: the web UI imports it.
import { SCO_TYPES } from './categories.ts';

// "<source> <types,comma-separated> <targets,comma-separated>"; `*sco` stands for every SCO type.
const ROWS = [
  'attack-pattern delivers malware',
  'attack-pattern targets identity,location,vulnerability',
  'attack-pattern uses malware,tool',
  'campaign attributed-to intrusion-set,threat-actor',
  'campaign compromises infrastructure',
  'campaign originates-from location',
  'campaign targets identity,location,vulnerability',
  'campaign uses attack-pattern,infrastructure,malware,tool',
  'course-of-action investigates indicator',
  'course-of-action mitigates attack-pattern,indicator,malware,tool,vulnerability',
  'course-of-action remediates malware,vulnerability',
  'domain-name resolves-to domain-name,ipv4-addr,ipv6-addr',
  'identity located-at location',
  'indicator indicates attack-pattern,campaign,infrastructure,intrusion-set,malware,threat-actor,tool',
  'indicator based-on observed-data',
  'infrastructure communicates-with infrastructure,ipv4-addr,ipv6-addr,domain-name,url',
  'infrastructure consists-of infrastructure,observed-data,*sco',
  'infrastructure controls infrastructure,malware',
  'infrastructure delivers malware',
  'infrastructure has vulnerability',
  'infrastructure hosts tool,malware',
  'infrastructure located-at location',
  'infrastructure uses infrastructure',
  'intrusion-set attributed-to threat-actor',
  'intrusion-set compromises infrastructure',
  'intrusion-set hosts,owns infrastructure',
  'intrusion-set originates-from location',
  'intrusion-set targets identity,location,vulnerability',
  'intrusion-set uses attack-pattern,infrastructure,malware,tool',
  'ipv4-addr belongs-to autonomous-system',
  'ipv4-addr resolves-to mac-addr',
  'ipv6-addr belongs-to autonomous-system',
  'ipv6-addr resolves-to mac-addr',
  'malware authored-by threat-actor,intrusion-set',
  'malware beacons-to,exfiltrates-to infrastructure',
  'malware communicates-with ipv4-addr,ipv6-addr,domain-name,url',
  'malware controls malware',
  'malware downloads,drops malware,tool,file',
  'malware exploits vulnerability',
  'malware originates-from location',
  'malware targets identity,infrastructure,location,vulnerability',
  'malware uses attack-pattern,infrastructure,malware,tool',
  'malware variant-of malware',
  'malware-analysis characterizes malware',
  'malware-analysis av-analysis-of malware',
  'malware-analysis static-analysis-of malware',
  'malware-analysis dynamic-analysis-of malware',
  'threat-actor attributed-to identity',
  'threat-actor compromises infrastructure',
  'threat-actor hosts,owns infrastructure',
  'threat-actor impersonates identity',
  'threat-actor located-at location',
  'threat-actor targets identity,location,vulnerability',
  'threat-actor uses attack-pattern,infrastructure,malware,tool',
  'tool delivers malware',
  'tool drops malware',
  'tool has vulnerability',
  'tool targets identity,infrastructure,location,vulnerability',
  'tool uses infrastructure',
] as const;

/** source type → relationship type → target types. */
const TABLE: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>> = build();

function build(): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const row of ROWS) {
    const [source = '', types = '', targets = ''] = row.split(' ');
    const bySource = out.get(source) ?? new Map<string, Set<string>>();
    out.set(source, bySource);
    const expanded = targets.split(',').flatMap((t) => (t === '*sco' ? [...SCO_TYPES] : [t]));
    for (const type of types.split(',')) bySource.set(type, new Set([...(bySource.get(type) ?? []), ...expanded]));
  }
  return out;
}

/** Relationship types STIX 2.1 defines from `source` to `target` objects, in the table's order,
 *  then the common ones: `derived-from` and `duplicate-of` when both have one type, and
 *  `related-to`, which is always offered. */
export function suggestRelationships(source: string, target: string): string[] {
  const out: string[] = [];
  for (const [type, targets] of TABLE.get(source) ?? []) if (targets.has(target)) out.push(type);
  if (source === target) out.push('derived-from', 'duplicate-of');
  out.push('related-to');
  return out;
}

/** Every relationship type the table names from `source` objects (to any target). */
export function relationshipsFrom(source: string): string[] {
  return [...(TABLE.get(source)?.keys() ?? [])];
}

/** Whether STIX 2.1 defines `type` from `source` to `target` (the common ones included). */
export function isSuggested(source: string, type: string, target: string): boolean {
  return suggestRelationships(source, target).includes(type);
}

/** Every relationship type the table and §4.1 name, alphabetically: what a writer may choose
 *  beyond the suggestions (STIX 2.1 §5.1: relationship_type SHOULD be one of these). */
export const RELATIONSHIP_TYPES: readonly string[] = [
  ...new Set([...[...TABLE.values()].flatMap((m) => [...m.keys()]), 'derived-from', 'duplicate-of', 'related-to']),
].sort();
