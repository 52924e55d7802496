// The object's markings as named, coloured chips: its marking references by name, and the TLP,
// classification and releasability its access label carries when no reference names them (the
// importer's default, issue 15 must 8).
import type { ObjectMarking, Stix } from '../../api/objects.ts';
import { markingName } from '../../format/marking-names.ts';
import { ChipList, MarkingChip } from './Chips.tsx';

export function Markings({ o, defs, label }: { o: Stix; defs: (id: string) => Stix | undefined; label: ObjectMarking | undefined }) {
  const refs = Array.isArray(o['object_marking_refs']) ? o['object_marking_refs'].filter((r): r is string => typeof r === 'string') : [];
  const named = refs.map((id) => ({ id, m: markingName(id, defs(id)) }));
  const hasTlp = named.some((n) => n.m.kind === 'tlp');
  const hasClass = named.some((n) => n.m.kind === 'classification');
  const granular = Array.isArray(o['granular_markings']) ? o['granular_markings'].length : 0;
  return (
    <>
      <ChipList label="Markings">
        {named.map(({ id, m }) => (
          <MarkingChip key={id} marking={m} />
        ))}
        {label && !hasTlp && (
          <MarkingChip
            marking={{ kind: 'tlp', text: `TLP:${label.tlp.toUpperCase()}`, tlp: label.tlp }}
            note="(default applied on import)"
          />
        )}
        {label?.classification && !hasClass && <MarkingChip marking={{ kind: 'classification', text: label.classification.level }} />}
        {label?.releasableTo && !named.some((n) => n.m.kind === 'releasability') && (
          <MarkingChip
            marking={{
              kind: 'releasability',
              text: label.releasableTo.length > 0 ? `REL TO ${label.releasableTo.join(', ')}` : 'NOT RELEASABLE',
            }}
          />
        )}
      </ChipList>
      {granular > 0 && (
        <p className="muted small">
          {granular} granular {granular === 1 ? 'marking applies' : 'markings apply'} to parts of the object.
        </p>
      )}
    </>
  );
}
