// The object by its meaning (issue 15, must 3): description, what its type says (pattern and
// validity, relationship ends, sighting counts), kill-chain phases, labels, aliases, confidence,
// references; beside it the markings, who holds it and who may read it, and its dates.
import type { ReactNode } from 'react';
import type { ObjectMarking, Stix } from '../../api/objects.ts';
import { LinkedIncidents } from '../../components/LinkedIncidents.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatConfidence } from '../../format/confidence.ts';
import { formatDateTime } from '../../format/dates.ts';
import { externalReferences } from '../../format/external-ids.ts';
import { formatValidity } from '../../format/validity.ts';
import { AccessPanel } from './AccessPanel.tsx';
import { AlsoSeenInPanel } from './AlsoSeenInPanel.tsx';
import { KillChainChips, TextChips } from './Chips.tsx';
import { Description } from './Description.tsx';
import { Markings } from './Markings.tsx';
import { Pattern } from './Pattern.tsx';
import { type Names, ObjectRef, Properties, Value } from './Properties.tsx';
import { References } from './References.tsx';
import { ScorePanel } from './ScorePanel.tsx';
import { SightingsPanel } from './SightingsPanel.tsx';
import { correlatable, decays, hasSightings, sightable } from './threat.ts';

/** Properties this page renders in a section of their own; the rest go to "Other properties". */
const SHOWN = new Set([
  'id',
  'type',
  'spec_version',
  'name',
  'description',
  'created',
  'modified',
  'created_by_ref',
  'object_marking_refs',
  'granular_markings',
  'external_references',
  'kill_chain_phases',
  'labels',
  'aliases',
  'x_mitre_aliases',
  'confidence',
  'pattern',
  'pattern_type',
  'valid_from',
  'valid_until',
  'revoked',
  'x_mitre_deprecated',
  'relationship_type',
  'source_ref',
  'target_ref',
  'sighting_of_ref',
  'where_sighted_refs',
  'count',
  'first_seen',
  'last_seen',
]);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function Facts({ o, names }: { o: Stix; names: Names }) {
  const validity = o.type === 'indicator' ? formatValidity(o['valid_from'], o['valid_until']) : undefined;
  const refs = (k: string): string[] => (Array.isArray(o[k]) ? (o[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const row = (label: string, value: ReactNode, testId?: string) => (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </>
  );
  return (
    <dl className="facts">
      {o.type === 'relationship' && (
        <>
          {row('Source', str(o['source_ref']) ? <ObjectRef id={o['source_ref'] as string} names={names} /> : '—')}
          {row('Relationship', str(o['relationship_type']) ?? '—')}
          {row('Target', str(o['target_ref']) ? <ObjectRef id={o['target_ref'] as string} names={names} /> : '—')}
        </>
      )}
      {o.type === 'sighting' && (
        <>
          {row('Sighting of', str(o['sighting_of_ref']) ? <ObjectRef id={o['sighting_of_ref'] as string} names={names} /> : '—')}
          {row('Count', typeof o['count'] === 'number' ? String(o['count']) : '1 (not given)')}
          {refs('where_sighted_refs').length > 0 &&
            row(
              'Where sighted',
              <ul className="plain">
                {refs('where_sighted_refs').map((r) => (
                  <li key={r}>
                    <ObjectRef id={r} names={names} />
                  </li>
                ))}
              </ul>,
            )}
        </>
      )}
      {(str(o['first_seen']) || str(o['last_seen'])) &&
        row('Seen', `${formatDateTime(str(o['first_seen']) ?? null)} – ${formatDateTime(str(o['last_seen']) ?? null)}`)}
      {validity &&
        row(
          'Validity',
          <>
            {validity.text}
            {validity.expired && (
              <>
                {' '}
                <span className="flag expired">expired</span>
              </>
            )}
          </>,
          'validity',
        )}
      {Array.isArray(o['kill_chain_phases']) && row('Kill chain phases', <KillChainChips phases={o['kill_chain_phases']} />)}
      {typeof o['confidence'] === 'number' && row('Confidence', formatConfidence(o['confidence']), 'confidence')}
      {refs('labels').length > 0 && row('Labels', <TextChips label="Labels" values={o['labels']} />)}
      {[...refs('aliases'), ...refs('x_mitre_aliases')].length > 0 &&
        row('Aliases', <TextChips label="Aliases" values={[...refs('aliases'), ...refs('x_mitre_aliases')]} />)}
    </dl>
  );
}

export function Overview({
  o,
  names,
  defs,
  marking,
}: {
  o: Stix;
  names: Names;
  defs: (id: string) => Stix | undefined;
  marking: ObjectMarking | undefined;
}) {
  const refs = externalReferences(o);
  const description = str(o['description']);
  const pattern = str(o['pattern']);
  return (
    <div className="object-grid">
      <div className="object-main">
        {description && (
          <Panel title="Description">
            <Description text={description} refs={refs} />
          </Panel>
        )}
        {pattern && (
          <Panel title="Pattern">
            <Pattern pattern={pattern} patternType={str(o['pattern_type']) ?? 'stix'} />
          </Panel>
        )}
        {hasSightings(o.type) && <SightingsPanel id={o.id} name={str(o['name']) ?? str(o['value']) ?? o.id} record={sightable(o.type)} />}
        {correlatable(o.type) && <AlsoSeenInPanel id={o.id} />}
        <Panel title="Details">
          <Facts o={o} names={names} />
          <Properties o={o} shown={SHOWN} names={names} />
        </Panel>
        {refs.length > 0 && (
          <Panel title="External references">
            <References refs={refs} />
          </Panel>
        )}
      </div>
      <aside className="object-side">
        {decays(o.type) && <ScorePanel id={o.id} />}
        <Panel title="Markings">
          <Markings o={o} defs={defs} label={marking} />
        </Panel>
        <AccessPanel id={o.id} />
        <LinkedIncidents objects={[{ id: o.id, name: str(o['name']) ?? o.id }]} />
        <Panel title="Dates">
          <dl className="facts">
            <dt>Created</dt>
            <dd>{formatDateTime(str(o.created) ?? null, { seconds: true })}</dd>
            <dt>Modified</dt>
            <dd>{formatDateTime(str(o.modified) ?? null, { seconds: true })}</dd>
            <dt>Created by</dt>
            <dd data-testid="created-by">{str(o['created_by_ref']) ? <Value v={o['created_by_ref']} names={names} /> : '—'}</dd>
          </dl>
        </Panel>
      </aside>
    </div>
  );
}
