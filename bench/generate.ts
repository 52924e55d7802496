// Writes a large, realistic STIX 2.1 bundle for the ingest and lookup benchmarks:
// indicators with patterns, SCOs, SDOs and relationships, with descriptions long enough
// that one million objects make about a gigabyte (1.0 GiB at 104 words).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** Deterministic PRNG (mulberry32) so every run ingests the same data. */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'actor campaign loader beacon credential phishing lateral movement exfiltration substation grid ransomware wiper dropper persistence registry scheduled task command control domain infrastructure sector energy transport health finance malware implant backdoor espionage'.split(
    ' ',
  );

function uuid(r: () => number): string {
  const h = (n: number) =>
    Math.floor(r() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${h(8)}-${h(4)}-4${h(3)}-${(8 + Math.floor(r() * 4)).toString(16)}${h(3)}-${h(12)}`;
}

function hex(r: () => number, n: number): string {
  let s = '';
  while (s.length < n)
    s += Math.floor(r() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, n);
}

function sentence(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)] as string);
  return out.join(' ');
}

export interface GenerateResult {
  objects: number;
  bytes: number;
  /** Values the lookup benchmark can query: some present, some absent. */
  sampleValues: string[];
}

/** Writes `count` objects to `path`; `descriptionWords` sets the average object size. */
export async function generateBundle(path: string, count: number, descriptionWords = 104): Promise<GenerateResult> {
  const r = rng(20261122);
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  const write = async (s: string): Promise<void> => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  const t = '2025-06-01T12:00:00.000Z';
  const author = `identity--${uuid(r)}`;
  const samples: string[] = [];
  const recent: string[] = [];
  await write(`{"type":"bundle","id":"bundle--${uuid(r)}","objects":[\n`);
  await write(
    JSON.stringify({
      type: 'identity',
      spec_version: '2.1',
      id: author,
      created: t,
      modified: t,
      name: 'Benchmark CERT',
      identity_class: 'organization',
    }),
  );
  for (let i = 1; i < count; i++) {
    const kind = i % 10;
    const ip = `${10 + (i % 200)}.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    let o: Record<string, unknown>;
    if (kind < 4) {
      const domain = `host-${i}.${WORDS[i % WORDS.length]}.example`;
      o = {
        type: 'indicator',
        spec_version: '2.1',
        id: `indicator--${uuid(r)}`,
        created: t,
        modified: t,
        created_by_ref: author,
        name: `Indicator ${i}`,
        description: sentence(r, descriptionWords),
        indicator_types: ['malicious-activity'],
        pattern: `[ipv4-addr:value = '${ip}'] OR [domain-name:value = '${domain}']`,
        pattern_type: 'stix',
        valid_from: t,
        labels: [WORDS[i % 7] as string],
      };
      if (i % 1000 === 1) samples.push(ip, domain);
    } else if (kind < 6) {
      o = {
        type: 'file',
        spec_version: '2.1',
        id: `file--${uuid(r)}`,
        name: `payload-${i}.exe`,
        hashes: { 'SHA-256': hex(r, 64), MD5: hex(r, 32) },
        size: 1000 + i,
      };
    } else if (kind < 7) {
      o = {
        type: 'ipv4-addr',
        spec_version: '2.1',
        id: `ipv4-addr--${uuid(r)}`,
        value: `172.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      };
    } else if (kind < 8) {
      const type = i % 3 === 0 ? 'malware' : i % 3 === 1 ? 'attack-pattern' : 'intrusion-set';
      o = {
        type,
        spec_version: '2.1',
        id: `${type}--${uuid(r)}`,
        created: t,
        modified: t,
        created_by_ref: author,
        name: `${type} ${i}`,
        description: sentence(r, descriptionWords * 2),
        ...(type === 'malware' ? { is_family: true } : {}),
      };
    } else {
      const source = recent[Math.floor(r() * recent.length)] ?? author;
      const target = recent[Math.floor(r() * recent.length)] ?? author;
      o = {
        type: 'relationship',
        spec_version: '2.1',
        id: `relationship--${uuid(r)}`,
        created: t,
        modified: t,
        created_by_ref: author,
        relationship_type: 'related-to',
        source_ref: source,
        target_ref: target,
        description: sentence(r, descriptionWords / 2),
      };
    }
    if (kind !== 8 && kind !== 9) {
      recent[i % 64] = o['id'] as string;
    }
    await write(`,\n${JSON.stringify(o)}`);
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  samples.push('192.0.2.1', 'absent.example', hex(r, 64));
  return { objects: count, bytes, sampleValues: samples };
}
