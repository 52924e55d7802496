// The marking of incident rows (issue 16, must 9; CONVENTIONS.md, Front end): each row's chip and
// the banner of every row on screen. A row carries its marking as banner text
// ("TLP:AMBER+STRICT", with a classification or releasability where it has one); the banner takes
// the most restrictive TLP of the rows and names every other marking any row carries (a
// classification or a REL TO), as the rows spell it.
import { mostRestrictiveTlp, TLP_LEVELS, type Tlp } from '../../../../src/domain/markings/tlp.ts';
import type { BannerMarks } from '../../api/objects.ts';

const isTlp = (s: string): s is Tlp => (TLP_LEVELS as readonly string[]).includes(s);

/** The TLP and the other parts of a marking text. */
export function partsOf(marking: string): { tlp: Tlp | undefined; rest: string[] } {
  let tlp: Tlp | undefined;
  const rest: string[] = [];
  for (const part of marking.split(/\s*[·|]\s*|\s{2,}/).filter((p) => p !== '')) {
    const m = /^TLP:([A-Z+]+)$/i.exec(part.trim());
    const level = m?.[1]?.toLowerCase();
    if (level && isTlp(level)) tlp = level;
    else rest.push(part.trim());
  }
  return { tlp, rest };
}

/** The banner of the rows on screen. */
export function bannerOfMarkings(markings: Iterable<string>): BannerMarks {
  const tlps: Tlp[] = [];
  const others = new Set<string>();
  for (const m of markings) {
    const { tlp, rest } = partsOf(m);
    if (tlp) tlps.push(tlp);
    for (const r of rest) others.add(r);
  }
  return { tlp: mostRestrictiveTlp(tlps) ?? null, classifications: [...others].sort(), releasableTo: [], restricted: false };
}

/** Two banners as one: the stricter TLP, every classification named, releasable only where both are. */
export function mergeBanners(a: BannerMarks | undefined, b: BannerMarks | undefined): BannerMarks | undefined {
  if (!a || !b) return a ?? b;
  const tlps = [a.tlp, b.tlp].filter((t): t is Tlp => t !== null);
  const rel =
    a.restricted && b.restricted
      ? a.releasableTo.filter((r) => b.releasableTo.includes(r))
      : a.restricted
        ? a.releasableTo
        : b.releasableTo;
  return {
    tlp: mostRestrictiveTlp(tlps) ?? null,
    classifications: [...new Set([...a.classifications, ...b.classifications])].sort(),
    releasableTo: rel,
    restricted: a.restricted || b.restricted,
  };
}
