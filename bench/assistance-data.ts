// A generated roster and generated requests for the rapid-response benchmarks (issue 18, must
// 10): pseudonymous expert profiles spread over organisations, with varied skills (the twelve
// ECSF role profiles and free tags), languages, NATO and EU clearances, home countries and
// availability windows, and requests that need several skills. Deterministic for a seed, so
// bench/assistance-match.ts (pure matching) and bench/assistance.ts (through the service and
// store) measure the same roster.
import type { Clearance, Mode, Needs, Window } from '../src/domain/assistance/api.ts';
import { ECSF_PROFILES } from '../src/domain/assistance/api.ts';
import type { ProfileRecord } from '../src/domain/assistance/types.ts';
import { EU_SCHEME, NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { rng } from './generate.ts';

const DAY = 86_400_000;
const ECSF = ECSF_PROFILES.map((p) => p.id);
const TAGS = [
  'volatility',
  'velociraptor',
  'yara',
  'sigma',
  'zeek',
  'suricata',
  'ghidra',
  'splunk',
  'elastic',
  'active-directory',
  'azure',
  'aws',
  'kubernetes',
  'ot:modbus',
  'ot:iec-61850',
  'malware-analysis',
  'ransomware-negotiation',
  'crisis-communication',
  'sector:energy',
  'sector:health',
  'sector:transport',
  'sector:finance',
  'sector:water',
  'sector:public-administration',
].map((t) => `tag:${t}`);
/** Country, UTC offset in minutes, languages spoken there first. */
const COUNTRIES: readonly [string, number, string][] = [
  ['FR', 60, 'fr'],
  ['DE', 60, 'de'],
  ['NL', 60, 'nl'],
  ['BE', 60, 'fr'],
  ['IT', 60, 'it'],
  ['ES', 60, 'es'],
  ['PL', 60, 'pl'],
  ['EE', 120, 'et'],
  ['LT', 120, 'lt'],
  ['FI', 120, 'fi'],
  ['RO', 120, 'ro'],
  ['PT', 0, 'pt'],
  ['IE', 0, 'en'],
  ['SE', 60, 'sv'],
];
const LANGUAGES = ['en', 'fr', 'de', 'nl', 'it', 'es', 'pl', 'et', 'lt', 'fi', 'ro', 'pt', 'sv'];
const CLEARANCES: readonly Clearance[] = [
  ...NATO_SCHEME.levels.map((level) => ({ scheme: NATO_SCHEME.id, level })),
  ...EU_SCHEME.levels.map((level) => ({ scheme: EU_SCHEME.id, level })),
];
const MODES: readonly Mode[] = ['on-site', 'remote', 'either'];

/** The scheme ordering matching reads (markings/classification.ts, NATO and EU built in). */
export function builtInLevelRank(scheme: string, level: string): number {
  return [NATO_SCHEME, EU_SCHEME].find((s) => s.id === scheme)?.levels.indexOf(level) ?? -1;
}

type Random = () => number;
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
function some<T>(r: Random, items: readonly T[], n: number): T[] {
  const out = new Set<T>();
  while (out.size < Math.min(n, items.length)) out.add(pick(r, items));
  return [...out];
}
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const iso = (t: number): string => new Date(t).toISOString();

/** Identity id of generated organisation `i`. */
export function orgId(i: number): string {
  return `identity--00000000-0000-4000-8000-${hex(i, 12)}`;
}

/** Availability over the next 120 days: one to four windows, some meeting end to start. */
function availability(r: Random, anchor: number): Window[] {
  const out: Window[] = [];
  let at = anchor + Math.floor(r() * 20) * DAY;
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
    const until = at + (5 + Math.floor(r() * 40)) * DAY;
    out.push({ from: iso(at), until: iso(until) });
    at = until + (r() < 0.3 ? 0 : Math.floor(r() * 15) * DAY);
  }
  return out;
}

/** Where the generated availability and needs start: a Monday, so runs on any day match alike. */
export const ROSTER_ANCHOR = Date.UTC(2027, 0, 4);
const SEED = 18_2026;

/** `count` pseudonymous profiles in `orgs` organisations (round robin), deterministic for a seed. */
export function generateProfiles(count: number, orgs: number, seed = SEED): ProfileRecord[] {
  const opts = { count, orgs, anchor: ROSTER_ANCHOR };
  const r = rng(seed);
  return Array.from({ length: opts.count }, (_, i): ProfileRecord => {
    const [country, offset, home] = pick(r, COUNTRIES);
    const languages = [...new Set([home, ...(r() < 0.85 ? ['en'] : []), ...some(r, LANGUAGES, Math.floor(r() * 2))])];
    return {
      id: `x-concord-expert-profile--${hex(i, 8)}-0000-5000-8000-${hex(i % opts.orgs, 12)}`,
      orgId: orgId(i % opts.orgs),
      pseudonym: `Expert ${hex(Math.imul(i + 1, 2654435761) >>> 0, 8).toUpperCase()}`,
      skills: [...some(r, ECSF, 1 + Math.floor(r() * 4)), ...some(r, TAGS, Math.floor(r() * 4))],
      certifications: [],
      languages,
      clearances: some(r, CLEARANCES, Math.floor(r() * 3)),
      country,
      utcOffsetMinutes: r() < 0.9 ? offset : null,
      onSite: r() < 0.7,
      availability: availability(r, opts.anchor),
      pastDeployments: Math.floor(r() * r() * 12),
      modified: iso(opts.anchor),
    };
  });
}

/** `count` requests, each needing `skills` skills (ECSF profiles and tags), over the roster's 120 days. */
export function generateRequests(count: number, skills: number, seed = SEED): { id: string; needs: Needs }[] {
  const opts = { count, skills, anchor: ROSTER_ANCHOR };
  const r = rng(seed + 1);
  return Array.from({ length: opts.count }, (_, i) => {
    const tags = Math.min(opts.skills - 1, 1 + Math.floor(r() * 3));
    const from = opts.anchor + Math.floor(r() * 90) * DAY;
    const [, offset] = pick(r, COUNTRIES);
    const clearance =
      r() < 0.4
        ? pick(
            r,
            CLEARANCES.filter((c) => builtInLevelRank(c.scheme, c.level) <= 2),
          )
        : undefined;
    const needs: Needs = {
      skills: [...some(r, ECSF, opts.skills - tags), ...some(r, TAGS, tags)],
      languages: r() < 0.7 ? some(r, LANGUAGES, 1 + Math.floor(r() * 2)) : [],
      mode: pick(r, MODES),
      window: { from: iso(from), until: iso(from + (2 + Math.floor(r() * 14)) * DAY) },
      utcOffsetMinutes: offset,
      ...(clearance === undefined ? {} : { clearance }),
    };
    return { id: `x-concord-assistance-request--${hex(i, 8)}-0000-5000-8000-000000000000`, needs };
  });
}

/** One request needing 8 skills, the first of generateRequests (the travel benchmark's). */
export function benchRequest(): { id: string; needs: Needs } {
  const [request] = generateRequests(1, 8);
  if (request === undefined) throw new Error('no request generated');
  return request;
}
