// The choices of the incident forms (issue 16, must 1), from the pure domain lists the server
// validates against, so a form never offers what the API would refuse.
import { EU_MEMBER_STATES, NIS2_SECTOR_BY_KEY, NIS2_SECTORS } from '../../../../src/domain/incidents/nis2-sectors.ts';
import { RSIT, RSIT_BY_CLASSIFICATION } from '../../../../src/domain/incidents/rsit.ts';
import { NIS2_SEVERITIES } from '../../../../src/domain/incidents/types.ts';
import { TLP_LEVELS } from '../../../../src/domain/markings/tlp.ts';

type Options = readonly (readonly [string, string])[];
const NONE = ['', '—'] as const;

export const SECTOR_OPTIONS: Options = [NONE, ...NIS2_SECTORS.map((s) => [s.key, `${s.label} (Annex ${s.annex}, ${s.point})`] as const)];

export const subsectorOptions = (sector: string): Options => {
  const subs = NIS2_SECTOR_BY_KEY.get(sector)?.subsectors ?? [];
  return [NONE, ...subs.map((s) => [s.key, s.label] as const)];
};

export const MEMBER_STATE_OPTIONS: Options = [...EU_MEMBER_STATES].map((c) => [c, c] as const);

export const RSIT_OPTIONS: Options = [NONE, ...RSIT.map((r) => [r.classification, r.label] as const)];

export const rsitTypeOptions = (cls: string): Options => [
  NONE,
  ...(RSIT_BY_CLASSIFICATION.get(cls)?.types ?? []).map((t) => [t, t] as const),
];

export const SEVERITY_OPTIONS: Options = [NONE, ...NIS2_SEVERITIES.map((s) => [s, s] as const)];

/** incident-determination-enum (Incident Extension Suite §5.3). */
export const DETERMINATION_OPTIONS: Options = ['suspected', 'confirmed', 'blocked', 'failed-attempt', 'false-positive'].map(
  (d) => [d, d] as const,
);

export const TLP_OPTIONS: Options = TLP_LEVELS.map((t) => [t, `TLP:${t.toUpperCase()}`] as const);

/** A sector's label, and its subsector's, for the summary header. */
export function sectorText(sector: string | null, subsector: string | null): string {
  if (!sector) return '—';
  const s = NIS2_SECTOR_BY_KEY.get(sector);
  const sub = s?.subsectors.find((x) => x.key === subsector)?.label ?? subsector;
  return [s?.label ?? sector, sub].filter(Boolean).join(' / ');
}
