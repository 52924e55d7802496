// Markings by name (issue 15, must 3: markings were shown as `marking-definition--…` ids): the
// TLP level of the standard TLP markings (STIX 2.1 §7.2.1.4 and the TLP 2.0 extension), the level
// or releasability of Concord's marking extension, a statement's text, else the definition's name.
import { tlpOfMarkingId, type Tlp } from '../../../src/domain/markings/tlp.ts';

/** A marking as a chip shows it. */
export interface MarkingName {
  kind: 'tlp' | 'classification' | 'releasability' | 'exercise' | 'statement' | 'other';
  text: string;
  tlp?: Tlp;
  /** Longer text (a statement's full wording) for the chip's tooltip. */
  detail?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The Concord marking content of a definition: the extension value that has a `marking_type`. */
function concordContent(def: Record<string, unknown>): Record<string, unknown> | undefined {
  const ext = def['extensions'];
  if (typeof ext !== 'object' || ext === null) return undefined;
  return Object.values(ext as Record<string, unknown>).find(
    (v): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && typeof (v as { marking_type?: unknown }).marking_type === 'string',
  );
}

/** The name of marking `id`, from its definition when the page has it. */
export function markingName(id: string, def?: Record<string, unknown>): MarkingName {
  const tlp = tlpOfMarkingId(id);
  if (tlp) return { kind: 'tlp', text: `TLP:${tlp.toUpperCase()}`, tlp };
  if (!def) return { kind: 'other', text: `${id.slice(0, 'marking-definition--'.length + 8)}…`, detail: id };
  const c = concordContent(def);
  if (c?.['marking_type'] === 'classification') return { kind: 'classification', text: str(c['level']) ?? 'classified' };
  if (c?.['marking_type'] === 'releasability') {
    const to = Array.isArray(c['releasable_to']) ? c['releasable_to'].filter((x) => typeof x === 'string') : [];
    return { kind: 'releasability', text: to.length > 0 ? `REL TO ${to.join(', ')}` : 'NOT RELEASABLE' };
  }
  if (c?.['marking_type'] === 'exercise') return { kind: 'exercise', text: `EXERCISE ${str(c['exercise_id']) ?? ''}`.trim() };
  const definition = def['definition'];
  const statement =
    typeof definition === 'object' && definition !== null ? str((definition as Record<string, unknown>)['statement']) : undefined;
  const name = str(def['name']);
  if (statement)
    return { kind: 'statement', text: name ?? (statement.length > 48 ? `${statement.slice(0, 47)}…` : statement), detail: statement };
  return { kind: 'other', text: name ?? id, detail: id };
}
