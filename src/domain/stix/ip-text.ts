// Whether a string is an IPv4 or IPv6 address, as Node's net.isIPv4/isIPv6 answer it, without
// Node's modules: the validator runs in the browser too (issue 15, must 4: forms validate with
// the API's rules). IPv4 is dotted decimal without leading zeros; IPv6 is RFC 4291 §2.2 text,
// with an optional zone index (RFC 4007 §11: `fe80::1%eth0`).
import { parseIPv6 } from '../observables/ip.ts';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Dotted-decimal IPv4 (RFC 791), each part 0–255 without leading zeros. */
export const isIPv4 = (s: string): boolean => IPV4.test(s);

/** IPv6 text, optionally with a zone index. */
export function isIPv6(s: string): boolean {
  const zone = s.indexOf('%');
  if (zone >= 0 && !/^%[\w.~-]+$/.test(s.slice(zone))) return false;
  return parseIPv6(s, 0, zone >= 0 ? zone : s.length) !== undefined;
}
