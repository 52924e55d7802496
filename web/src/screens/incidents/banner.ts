// The marking banner of an incident screen from the incident's marking text ("TLP:AMBER+STRICT",
// possibly with a classification): the same banner every other screen shows.
import type { BannerMarks } from '../../api/objects.ts';
import type { Tlp } from '../../../../src/domain/markings/tlp.ts';

export function bannerOfMarking(marking: string | undefined): BannerMarks | undefined {
  if (marking === undefined) return undefined;
  const parts = marking.split(/\s*[·|,]\s*/).filter(Boolean);
  const tlp = parts.find((p) => /^TLP:/i.test(p));
  return {
    tlp: tlp ? (tlp.slice(4).toLowerCase() as Tlp) : null,
    classifications: parts.filter((p) => p !== tlp && !/^REL TO/i.test(p)),
    releasableTo: [],
    restricted: false,
  };
}
