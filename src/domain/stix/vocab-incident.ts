// Vocabularies (§4) and enumerations (§5) of the OASIS Incident Extension Suite (draft, revision
// 07). Where the .adoc and the JSON schemas list different values for one enumeration, both are
// accepted: the draft is not consistent with itself (SOURCE.txt), and a value either of them
// allows is not a producer's error (issue 16, must 1).

import type { Vocab } from './vocab.ts';

/** How a section of the suite is cited in issues, like `STIX 2.1 §…` for the core specification. */
export function suite(section: string): string {
  return `Incident Extension Suite §${section}`;
}

function ov(name: string, section: string, values: string): Vocab {
  return { name, section: suite(section), open: true, values: new Set(values.split(' ')) };
}

function en(name: string, section: string, values: string): Vocab {
  return { name, section: suite(section), open: false, values: new Set(values.split(' ')) };
}

export const ASSET_TYPE = ov(
  'asset-type-ov',
  '4.1',
  'building-doors building-windows buildings computers-mobile computers-personal computers-server environment ics-actuator ics-engineering-workstation ics-historian ics-hmi ics-other ics-plc ics-safety-system ics-sensor inventory network-device private-infrastructure public-infrastructure security-containers vehicles',
);
export const DETECTION_METHODS = ov(
  'detection-methods-ov',
  '4.2',
  'automated-tool commercial-solution external-notification human-review message-from-attacker proprietary-solution system-outage user-reporting',
);
export const ENTITY_TYPE = ov(
  'entity-type-ov',
  '4.3',
  'computers-mobile computers-personal computers-server customer customer-individual customer-organization domain-controller employee group ics-actuator ics-engineering-workstation ics-historian ics-hmi ics-other ics-plc ics-safety-system ics-sensor individual network-device organization system vehicles',
);
export const EVENT_TYPE = ov(
  'event-type-ov',
  '4.4',
  'aggregation-information-phishing-schemes benign blocked brute-force-attempt c&c-server-hosting compromised-system confirmed connection-malware-port connection-malware-system content-forbidden-by-law control-system-bypass copyrighted-content data-exfiltration deferred deletion-information denial-of-service destruction dictionary-attack-attempt discarded disruption-data-transmission dissemination-malware-email dissemination-phishing-emails dns-cache-poisoning dns-local-resolver-hijacking dns-rebinding dns-server-compromise dns-spoofing-registered dns-spoofing-unregistered dns-stub-resolver-hijacking dns-zone-transfer domain-name-compromise duplicate email-flooding equipment-loss equipment-theft exploit exploit-attempt exploit-framework-exhausting-resources exploit-tool-exhausting-resources failed file-inclusion file-inclusion-attempt hosting-malware-webpage hosting-phishing-sites illegitimate-use-name illegitimate-use-resources infected-by-known-malware insufficient-data known-malware lame-delegations major misconfiguration modification-information natural negotiation network-scanning no-apt packet-flood password-cracking-attempt policy-violation ransomware ransomware-payment refuted scan-probe silently-discarded spam sql-injection sql-injection-attempt successful supply-chain-customer supply-chain-vendor system-probe theft-access-credentials unattributed unauthorized-access-information unauthorized-access-system unauthorized-equipment unauthorized-release unauthorized-use undetermined unintentional unknown-apt unspecified vandalism wiretapping worm-spreading xss xss-attempt',
);
export const EXTERNAL_IMPACT = ov(
  'external-impact-ov',
  '4.5',
  'economic emergency-services foreign-relations national-security public-confidence public-health public-safety',
);
export const INCIDENT_INVESTIGATION = ov('incident-investigation-ov', '4.6', 'closed new open');
export const INFORMATION_TYPE = ov(
  'information-type-ov',
  '4.7',
  'classified-material communication credentials-admin credentials-user financial legal payment phi pii proprietary system',
);
export const ECONOMIC_IMPACT_TYPE = ov(
  'economic-impact-type-ov',
  '4.8',
  'asset-and-fraud brand-damage business-disruption competitive-advantage legal-and-regulatory operating-costs ransom-demand ransom-payment response-and-recovery uncategorized',
);
export const STATE_CHANGE_TYPE = ov('state-change-type-ov', '4.9', 'caused contributed-to input mitigated output resolved');
export const TASK_TYPE = ov(
  'task-type-ov',
  '4.10',
  'administrative attribution containment declared detected eradication escalated exercised-control external-intelligence external-outreach external-support implemented-control investigation negotiation playbook-execution playbook-step-execution ransom-payment recovery reported routine-updates victim-notification',
);

export const EVENT_STATUS = en('event-status-enum', '5.1', 'ongoing occurred not-occurred pending undetermined');
export const CONFIDENTIALITY_LOSS = en(
  'incident-confidentiality-loss-enum',
  '5.2',
  'confirmed-loss contained exploited-loss none suspected-loss unknown',
);
export const INCIDENT_DETERMINATION = en('incident-determination-enum', '5.3', 'blocked confirmed failed-attempt false-positive suspected');
// `unknown`: in the .adoc table, not in the impact schema.
export const INTEGRITY_ALTERATION = en(
  'integrity-alteration-enum',
  '5.4',
  'potential-destruction potential-modification partial-destruction partial-modification full-destruction full-modification none unknown',
);
export const PHYSICAL_IMPACT = en('physical-impact-enum', '5.5', 'damaged-functional damaged-nonfunctional destruction none unknown');
export const RECOVERABILITY = en('recoverability-enum', '5.6', 'extended not-applicable not-recoverable regular supplemented');
export const TASK_OUTCOME = en('task-outcome-enum', '5.7', 'cancelled failed ongoing pending successful unknown');
export const TIMESTAMP_FIDELITY = en('timestamp-fidelity-enum', '5.8', 'day hour minute month second year');
// `unknown-accountability`: in the .adoc table, not in the impact schema.
export const TRACEABILITY = en(
  'traceability-enum',
  '5.9',
  'accountability-lost partial-accountability provable-accountability unknown-accountability',
);
