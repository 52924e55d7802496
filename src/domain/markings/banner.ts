// The marking banner of a screen (CONVENTIONS.md, Front end; issue 15, must 1): computed from the
// markings of what the screen shows, one summary per object. The server attaches the summary to
// each listed object (from the access label the gate read) and the web UI folds the summaries of
// the rows on screen with bannerOf: no request grows with the rows loaded. The server's
// /markings endpoint and the dashboard fold with the same function, so every banner agrees.
// Pure, and free of server imports: the web UI imports it.
import type { AccessLabel } from '../access/types.ts';
import type { ClassificationScheme } from './classification.ts';
import { mostRestrictiveTlp, type Tlp } from './tlp.ts';

/** One object's markings as a reader may be shown them. */
export interface ObjectMarking {
  tlp: Tlp;
  /** `rank` is the level's position in its scheme (0 = lowest; -1 when the node does not know
   *  the level), carried so that a banner can be computed without the scheme registry. */
  classification: { scheme: string; level: string; rank: number } | null;
  /** Null: no releasability restriction; [] releasable to no one. */
  releasableTo: string[] | null;
}

/** What a banner shows for a set of objects. */
export interface BannerMarks {
  /** The most restrictive TLP; null when nothing is on screen. */
  tlp: Tlp | null;
  /** The highest level per scheme, e.g. `NATO SECRET`, ordered by scheme id. */
  classifications: string[];
  /** Where everything on screen may be released: the intersection of the objects' restrictions. */
  releasableTo: string[];
  /** True when some object on screen carries a releasability restriction (then an empty
   *  `releasableTo` means the screen as a whole is releasable to no one). */
  restricted: boolean;
}

/** The summary of one access label. */
export function markingOf(label: AccessLabel, scheme: (id: string) => ClassificationScheme | undefined): ObjectMarking {
  const c = label.classification;
  return {
    tlp: label.tlp,
    classification: c ? { scheme: c.scheme, level: c.level, rank: scheme(c.scheme)?.levels.indexOf(c.level) ?? -1 } : null,
    releasableTo: label.releasableTo === undefined ? null : [...label.releasableTo].sort(),
  };
}

/** The banner of several objects: most restrictive TLP, highest classification per scheme,
 *  intersection of releasability (a screen may go only where each of its objects may). */
export function bannerOf(markings: Iterable<ObjectMarking>): BannerMarks {
  const tlps: Tlp[] = [];
  const highest = new Map<string, { level: string; rank: number }>();
  let releasable: Set<string> | null = null;
  for (const m of markings) {
    tlps.push(m.tlp);
    const c = m.classification;
    const held = c ? highest.get(c.scheme) : undefined;
    // An unknown level (rank -1) still shows when it is all the scheme has on screen.
    if (c && (held === undefined || c.rank > held.rank)) highest.set(c.scheme, { level: c.level, rank: c.rank });
    if (m.releasableTo !== null) {
      const own: readonly string[] = m.releasableTo;
      releasable = new Set(releasable === null ? own : own.filter((r) => releasable?.has(r)));
    }
  }
  return {
    tlp: mostRestrictiveTlp(tlps) ?? null,
    classifications: [...highest].sort(([a], [b]) => a.localeCompare(b)).map(([, h]) => h.level),
    releasableTo: releasable === null ? [] : [...releasable].sort(),
    restricted: releasable !== null,
  };
}
