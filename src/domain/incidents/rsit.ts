// The ENISA Reference Security Incident Taxonomy (RSIT, working copy v1, machine-readable
// names): each classification ("1st column") and its incident types ("2nd column"). (issue 16, must 1)

export interface RsitClass {
  readonly classification: string;
  readonly label: string;
  readonly types: readonly string[];
}

function c(classification: string, label: string, types: string): RsitClass {
  return { classification, label, types: types.split(' ') };
}

export const RSIT: readonly RsitClass[] = [
  c('abusive-content', 'Abusive Content', 'spam harmful-speech violence'),
  c('malicious-code', 'Malicious Code', 'infected-system c2-server malware-distribution malware-configuration'),
  c('information-gathering', 'Information Gathering', 'scanner sniffing social-engineering'),
  c('intrusion-attempts', 'Intrusion Attempts', 'ids-alert brute-force exploit'),
  c(
    'intrusions',
    'Intrusions',
    'privileged-account-compromise unprivileged-account-compromise application-compromise system-compromise burglary',
  ),
  c('availability', 'Availability', 'dos ddos misconfiguration sabotage outage'),
  c(
    'information-content-security',
    'Information Content Security',
    'unauthorised-information-access unauthorised-information-modification data-loss data-leak',
  ),
  c('fraud', 'Fraud', 'unauthorised-use-of-resources copyright masquerade phishing'),
  c('vulnerable', 'Vulnerable', 'weak-crypto ddos-amplifier potentially-unwanted-accessible information-disclosure vulnerable-system'),
  c('other', 'Other', 'other undetermined'),
  c('test', 'Test', 'test'),
];

/** RSIT classifications by name. */
export const RSIT_BY_CLASSIFICATION: ReadonlyMap<string, RsitClass> = new Map(RSIT.map((r) => [r.classification, r]));

/** True when `type` is an incident type of RSIT `classification`. */
export function isRsitType(classification: string, type: string): boolean {
  return RSIT_BY_CLASSIFICATION.get(classification)?.types.includes(type) ?? false;
}
