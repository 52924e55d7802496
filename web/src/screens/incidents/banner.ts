// The marking banner of an incident screen from the incident's marking text ("TLP:AMBER+STRICT",
// possibly with a classification): the same banner every other screen shows.
import type { BannerMarks } from '../../api/objects.ts';
import type { Tlp } from '../../../../src/domain/markings/tlp.ts';

export function bannerOfMarking(marking: string | undefined): BannerMarks | undefined {
  if (marking === undefined) return undefined;
  // incident-views.ts markingText: "TLP:AMBER+STRICT" then, if any, "NATO SECRET".
  const m = /^\s*TLP:(\S+)\s*(.*)$/i.exec(marking);
  const rest = (m ? (m[2] ?? '') : marking).trim();
  return {
    tlp: m ? ((m[1] ?? '').toLowerCase() as Tlp) : null,
    classifications: rest === '' ? [] : [rest],
    releasableTo: [],
    restricted: false,
  };
}
