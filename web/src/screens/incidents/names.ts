// Incident values as readers name them (issue 16, must 9): NIS2 sectors by the Annex wording,
// RSIT classes by the taxonomy's label, countries by name with their code.
import { NIS2_SECTORS } from '../../../../src/domain/incidents/nis2-sectors.ts';
import { RSIT, RSIT_BY_CLASSIFICATION } from '../../../../src/domain/incidents/rsit.ts';

export { NIS2_SECTORS, RSIT };

const SECTORS = new Map(NIS2_SECTORS.map((s) => [s.key, s]));

/** "Energy › Electricity" for `energy` + `electricity`; the key itself when Concord does not know it. */
export function sectorName(sector: string | null, subsector?: string | null): string {
  if (sector === null || sector === '') return '—';
  const [key = sector, sub = subsector ?? undefined] = sector.includes('/') ? sector.split('/') : [sector, subsector ?? undefined];
  const s = SECTORS.get(key);
  if (!s) return sector;
  const subName = sub ? (s.subsectors.find((x) => x.key === sub)?.label ?? sub) : undefined;
  return subName ? `${s.label} › ${subName}` : s.label;
}

/** The RSIT class by its label ("Malicious Code"); the key when unknown, a dash when none. */
export const rsitName = (c: string | null): string => (c === null || c === '' ? '—' : (RSIT_BY_CLASSIFICATION.get(c)?.label ?? c));

/** Words for codes such as `failed-attempt` or `submitted-on-time`. */
export const words = (code: string | null | undefined): string => (code ? code.replaceAll('-', ' ') : '—');
