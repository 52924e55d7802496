// Observable kinds Concord normalises and indexes for lookup and correlation.

/** Kinds of normalised observable values. Hashes carry their algorithm. */
export const OBSERVABLE_KINDS = [
  'ipv4',
  'ipv6',
  'domain',
  'url',
  'email',
  'mac',
  'asn',
  'hash:md5',
  'hash:sha1',
  'hash:sha256',
  'hash:sha512',
  'hash:sha3-256',
  'hash:sha3-512',
  'hash:ssdeep',
  'hash:tlsh',
  'file-name',
  'mutex',
  'windows-registry-key',
  'user-agent',
  'x509-serial',
  'x509-fingerprint',
] as const;

export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

/**
 * One normalised observable value. IP values are single addresses (`10.0.0.1`) or
 * CIDR networks in canonical form (`10.0.0.0/24`); lookup of an address also matches
 * every network that contains it, by exact index probes on its covering prefixes.
 */
export interface Observable {
  kind: ObservableKind;
  value: string;
}
