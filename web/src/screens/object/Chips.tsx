// Chips of the object page: markings by name in their colours, kill-chain phases, labels.
import type { ReactNode } from 'react';
import { TLP_COLOURS } from '../../components/MarkingBanner.tsx';
import type { MarkingName } from '../../format/marking-names.ts';

/** A list of chips, labelled for assistive technology. */
export function ChipList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul className="chips" aria-label={label}>
      {children}
    </ul>
  );
}

/** One marking as a coloured chip: TLP in its FIRST colour on black, a classification in red,
 *  releasability in blue, statements grey (their text in the tooltip). */
export function MarkingChip({ marking, note }: { marking: MarkingName; note?: string }) {
  const style = marking.tlp ? { color: TLP_COLOURS[marking.tlp] ?? '#fff' } : undefined;
  return (
    <li className={`chip marking ${marking.kind}`} style={style} title={marking.detail ?? marking.text} data-tlp={marking.tlp}>
      {marking.text}
      {note && <span className="chip-note"> {note}</span>}
    </li>
  );
}

/** Kill-chain phases (STIX 2.1 §2.8) as `kill_chain_name: phase_name` chips. */
export function KillChainChips({ phases }: { phases: unknown }) {
  const list = Array.isArray(phases)
    ? phases.filter(
        (p): p is { kill_chain_name: string; phase_name: string } =>
          typeof p?.kill_chain_name === 'string' && typeof p?.phase_name === 'string',
      )
    : [];
  if (list.length === 0) return null;
  return (
    <ChipList label="Kill chain phases">
      {list.map((p) => (
        <li key={`${p.kill_chain_name}:${p.phase_name}`} className="chip phase">
          <span className="muted">{p.kill_chain_name}:</span> {p.phase_name}
        </li>
      ))}
    </ChipList>
  );
}

/** Strings (labels, aliases, platforms) as chips. */
export function TextChips({ label, values }: { label: string; values: unknown }) {
  const list = Array.isArray(values) ? [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== ''))] : [];
  if (list.length === 0) return null;
  return (
    <ChipList label={label}>
      {list.map((v) => (
        <li key={v} className="chip">
          {v}
        </li>
      ))}
    </ChipList>
  );
}
