// IPv4 and IPv6 addresses and CIDR networks: parsing, canonical text, and the covering networks
// used for lookup by exact index probes (DESIGN.md, data model: correlation is by index). Written
// over char codes rather than with ipaddr.js because it runs per extracted observable on ingest
// and per lookup (33 or 129 keys per address).

/** An address or network: IPv4 as one unsigned 32-bit number, IPv6 as eight 16-bit words. */
export type IpNet = { v: 4; addr: number; prefix: number } | { v: 6; words: number[]; prefix: number };

/** Parses dotted-quad IPv4 in `s[start, end)` to an unsigned 32-bit number, or -1. */
export function parseIPv4(s: string, start = 0, end = s.length): number {
  let addr = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      // Zero-padded parts ("010") are read as decimal, as analysts write them; up to 3 digits.
      if (++digits > 3) return -1;
      part = part * 10 + (c - 0x30);
    } else if (c === 0x2e && digits > 0 && dots < 3) {
      if (part > 255) return -1;
      addr = addr * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return addr * 256 + part;
}

// Lookup tables: number-to-string conversion dominates the cost of formatting covering networks.
const DECIMAL: readonly string[] = Array.from({ length: 256 }, (_, i) => String(i));
const PREFIX: readonly string[] = Array.from({ length: 129 }, (_, i) => `/${i}`);

/** Dotted-quad text of an unsigned 32-bit IPv4 address. */
export function formatIPv4(addr: number): string {
  return `${DECIMAL[addr >>> 24]}.${DECIMAL[(addr >>> 16) & 255]}.${DECIMAL[(addr >>> 8) & 255]}.${DECIMAL[addr & 255]}`;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/** Parses IPv6 text (RFC 4291 §2.2: `::` once, optional dotted IPv4 tail) to eight words. */
export function parseIPv6(s: string, start = 0, end = s.length): number[] | undefined {
  if (end - start < 2 || end - start > 45) return undefined;
  const groups: number[] = [];
  let gap = -1;
  let i = start;
  if (s.charCodeAt(i) === 0x3a) {
    if (s.charCodeAt(i + 1) !== 0x3a) return undefined;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    let j = i;
    let v = 0;
    while (j < end && j - i < 5) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      v = v * 16 + h;
      j++;
    }
    if (j < end && s.charCodeAt(j) === 0x2e) {
      const v4 = parseIPv4(s, i, end);
      if (v4 < 0) return undefined;
      groups.push(v4 >>> 16, v4 & 0xffff);
      break;
    }
    if (j === i || j - i > 4) return undefined;
    groups.push(v);
    if (j === end) break;
    if (s.charCodeAt(j) !== 0x3a) return undefined;
    if (s.charCodeAt(j + 1) === 0x3a) {
      if (gap >= 0) return undefined;
      gap = groups.length;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return undefined;
    }
  }
  // `::` stands for one or more zero groups (RFC 4291 §2.2 item 2).
  if (gap < 0 ? groups.length !== 8 : groups.length > 7) return undefined;
  if (gap < 0) return groups;
  const words = new Array<number>(8).fill(0);
  for (let k = 0; k < gap; k++) words[k] = groups[k] ?? 0;
  const tail = groups.length - gap;
  for (let k = 0; k < tail; k++) words[8 - tail + k] = groups[gap + k] ?? 0;
  return words;
}

/**
 * RFC 5952 text: lower-case, no leading zeros, the longest run (first on a tie) of two or more
 * zero words as `::`. IPv4-mapped addresses (::ffff:0:0/96) use the mixed notation that
 * RFC 5952 §5 recommends, e.g. `::ffff:192.0.2.1`.
 */
export function formatIPv6(w: readonly number[], hex?: readonly string[]): string {
  if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0xffff) {
    return `::ffff:${formatIPv4(((w[6] ?? 0) * 65536 + (w[7] ?? 0)) >>> 0)}`;
  }
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    out += (hex?.[i] ?? (w[i] ?? 0).toString(16)) + (i < 7 ? ':' : '');
  }
  return out;
}

/** Parses `addr` or `addr/prefix` of the given version; host bits are kept (see `maskNet`). */
export function parseNet(v: 4 | 6, s: string): IpNet | undefined {
  const slash = s.indexOf('/');
  const end = slash < 0 ? s.length : slash;
  const max = v === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const digits = s.length - slash - 1;
    if (digits < 1 || digits > 3) return undefined;
    prefix = 0;
    for (let i = slash + 1; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) return undefined;
      prefix = prefix * 10 + (c - 0x30);
    }
    if (prefix > max) return undefined;
  }
  if (v === 4) {
    const addr = parseIPv4(s, 0, end);
    return addr < 0 ? undefined : { v: 4, addr, prefix };
  }
  const words = parseIPv6(s, 0, end);
  return words ? { v: 6, words, prefix } : undefined;
}

function mask4(addr: number, prefix: number): number {
  return prefix === 0 ? 0 : (addr & (0xffffffff << (32 - prefix))) >>> 0;
}

function mask16(word: number, bits: number): number {
  return bits >= 16 ? word : bits <= 0 ? 0 : word & ((0xffff << (16 - bits)) & 0xffff);
}

/** The network with host bits zeroed (`10.0.0.7/24` → `10.0.0.0/24`). */
export function maskNet(net: IpNet): IpNet {
  if (net.v === 4) return { v: 4, addr: mask4(net.addr, net.prefix), prefix: net.prefix };
  return { v: 6, words: net.words.map((w, i) => mask16(w, net.prefix - 16 * i)), prefix: net.prefix };
}

/** Canonical text: plain address for a full-length prefix, otherwise `network/prefix`. */
export function formatNet(net: IpNet): string {
  const text = net.v === 4 ? formatIPv4(net.addr) : formatIPv6(net.words);
  return net.prefix === (net.v === 4 ? 32 : 128) ? text : `${text}/${net.prefix}`;
}

/** Canonical text of every network strictly containing `net`: prefixes `net.prefix - 1` down to 0. */
export function coveringNets(net: IpNet, prefixes?: ReadonlySet<number>): string[] {
  const out: string[] = [];
  if (net.v === 4) {
    for (let p = net.prefix - 1; p >= 0; p--) if (!prefixes || prefixes.has(p)) out.push(formatIPv4(mask4(net.addr, p)) + PREFIX[p]);
    return out;
  }
  // Walking down from the masked network, only word p/16 changes per step (and reaches 0 at
  // p = 16k), so the hex text of the other words is computed once.
  const masked = maskNet(net);
  const words = masked.v === 6 ? masked.words : [];
  const hex = words.map((w) => w.toString(16));
  let text = formatIPv6(words, hex);
  for (let p = net.prefix - 1; p >= 0; p--) {
    const i = p >> 4;
    const w = mask16(words[i] ?? 0, p - 16 * i);
    if (words[i] !== w) {
      words[i] = w;
      hex[i] = w.toString(16);
      text = formatIPv6(words, hex);
    }
    if (!prefixes || prefixes.has(p)) out.push(text + PREFIX[p]);
  }
  return out;
}
