// The markings an upload will apply to objects that arrive without their own, named before the
// upload and chosen from lists: public data must not become TLP:AMBER, one organisation only,
// without the analyst being told (issue 15, must 8).
import { TLPS, useCommunities, useSharingGroups, type Community, type SharingGroup } from '../../api/admin.ts';
import type { Me } from '../../api/session.ts';

/** A distribution's name for people: `sharing-group:<uuid>` reads as the group's name. */
export function distributionName(d: string, groups: readonly SharingGroup[], communities: readonly Community[]): string {
  if (d === 'organization') return 'your organisation only';
  if (d === 'federation') return 'the federation (every peer node)';
  const colon = d.indexOf(':');
  const kind = d.slice(0, colon);
  const id = d.slice(colon + 1);
  if (kind === 'sharing-group') return `sharing group ${groups.find((g) => g.id === id)?.name ?? id}`;
  if (kind === 'community') return `community ${communities.find((c) => c.id === id)?.name ?? id}`;
  return d;
}

export const tlpName = (t: string): string => `TLP:${t.toUpperCase()}`;

export interface MarkingChoice {
  /** '' keeps the organisation's default. */
  tlp: string;
  distribution: string;
}

/** TLP and distribution pickers, with a sentence naming what will apply. */
export function MarkingFields({ me, value, onChange }: { me: Me; value: MarkingChoice; onChange: (v: MarkingChoice) => void }) {
  const groups = (useSharingGroups().data ?? []).filter((g) => !g.disabled);
  const communities = (useCommunities().data ?? []).filter((c) => !c.disabled && me.org.communities.includes(c.id));
  const name = (d: string): string => distributionName(d, groups, communities);
  const tlp = value.tlp || me.org.defaultTlp;
  const distribution = value.distribution || me.org.defaultDistribution;
  const choices = [
    'organization',
    ...groups.map((g) => `sharing-group:${g.id}`),
    ...communities.map((c) => `community:${c.id}`),
    'federation',
  ];
  return (
    <>
      <label htmlFor="import-tlp">TLP for objects without one</label>
      <select id="import-tlp" value={value.tlp} onChange={(e) => onChange({ ...value, tlp: e.target.value })}>
        <option value="">{tlpName(me.org.defaultTlp)} (organisation default)</option>
        {TLPS.map((t) => (
          <option key={t} value={t}>
            {tlpName(t)}
          </option>
        ))}
      </select>
      <label htmlFor="import-distribution">Distribution for objects without one</label>
      <select id="import-distribution" value={value.distribution} onChange={(e) => onChange({ ...value, distribution: e.target.value })}>
        <option value="">{name(me.org.defaultDistribution)} (organisation default)</option>
        {choices.map((d) => (
          <option key={d} value={d}>
            {name(d)}
          </option>
        ))}
      </select>
      <p className="muted" data-testid="import-applies" role="note">
        Objects without markings of their own will be marked{' '}
        <strong>
          {tlpName(tlp)}, {name(distribution)}
        </strong>
        ; objects that carry their own keep them.
      </p>
    </>
  );
}
