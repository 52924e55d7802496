// The TLP and distribution a write applies, chosen by name (issue 15, must 4: "markings and
// distribution chosen from names (organisations, communities, sharing groups), never typed ids").
// Names come from the Import screen's helpers, so both screens say the same thing.
import { TLPS, useCommunities, useSharingGroups } from '../../api/admin.ts';
import type { Me } from '../../api/session.ts';
import type { MarkingInput } from '../../api/write.ts';
import type { Tlp } from '../../../../src/domain/markings/tlp.ts';
import { SelectField } from '../admin/fields.tsx';
import { distributionName, tlpName } from '../import/markings.tsx';

export interface MarkingChoice {
  /** '' leaves it as it is: the organisation's default for a new object, the current one for a version. */
  tlp: string;
  distribution: string;
}

export const NO_CHANGE: MarkingChoice = { tlp: '', distribution: '' };

/** The request's markings: only what the writer chose. */
export function markingInput(c: MarkingChoice): MarkingInput {
  return { ...(c.tlp ? { tlp: c.tlp as Tlp } : {}), ...(c.distribution ? { distribution: c.distribution } : {}) };
}

/** Distributions the user may choose, with their names. */
function useDistributions(me: Me): { choices: string[]; name: (d: string) => string } {
  const groups = (useSharingGroups().data ?? []).filter((g) => !g.disabled);
  const communities = (useCommunities().data ?? []).filter((c) => !c.disabled && me.org.communities.includes(c.id));
  const choices = [
    'organization',
    ...groups.map((g) => `sharing-group:${g.id}`),
    ...communities.map((c) => `community:${c.id}`),
    'federation',
  ];
  return { choices, name: (d) => distributionName(d, groups, communities) };
}

/** TLP and distribution selects, with a sentence naming what will apply. `current`: the object's
 *  TLP when changing markings (else the organisation's defaults apply). */
export function WriteMarkings({
  me,
  value,
  onChange,
  current,
}: {
  me: Me;
  value: MarkingChoice;
  onChange: (v: MarkingChoice) => void;
  current?: string;
}) {
  const { choices, name } = useDistributions(me);
  const keep = current !== undefined;
  const tlpDefault = keep ? `${tlpName(current)} (as now)` : `${tlpName(me.org.defaultTlp)} (organisation default)`;
  const distDefault = keep ? 'as now' : `${name(me.org.defaultDistribution)} (organisation default)`;
  const tlp = value.tlp || (keep ? current : me.org.defaultTlp);
  const dist = value.distribution ? name(value.distribution) : keep ? 'its current distribution' : name(me.org.defaultDistribution);
  return (
    <fieldset className="field wide markings">
      <legend>Markings</legend>
      <SelectField
        label="TLP"
        name="tlp"
        value={value.tlp}
        onChange={(tlp) => onChange({ ...value, tlp })}
        options={[['', tlpDefault], ...TLPS.map((t) => [t, tlpName(t)] as const)]}
      />
      <SelectField
        label="Distribution"
        name="distribution"
        value={value.distribution}
        onChange={(distribution) => onChange({ ...value, distribution })}
        options={[['', distDefault], ...choices.map((d) => [d, name(d)] as const)]}
      />
      <p className="muted applies" role="note" data-testid="write-applies">
        Will be marked <strong>{tlpName(tlp)}</strong>, shared with <strong>{dist}</strong>.
      </p>
    </fieldset>
  );
}
