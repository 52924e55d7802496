// An organisation's place under NIS2 (issue 16, must 2): its role, its Annex I/II sectors and,
// for an essential or important entity, the CSIRT whose constituency it is in. The server
// keeps the constituency sharing group that lets the CSIRT's users see the entity's incidents.
import { NIS2_SECTORS } from '../../../../src/domain/incidents/nis2-sectors.ts';
import type { Org } from '../../api/admin.ts';
import { CheckList, SelectField } from './fields.tsx';

export interface Nis2Value {
  nis2Role: string;
  sectors: string[];
  csirtOrg: string;
}

const ROLE_OPTIONS = [
  ['none', 'none'],
  ['csirt', 'CSIRT'],
  ['essential', 'essential entity'],
  ['important', 'important entity'],
] as const;

/** Every Annex sector, then its subsectors, as `sector` / `sector/subsector` keys. */
const SECTOR_OPTIONS: readonly (readonly [string, string])[] = NIS2_SECTORS.flatMap((s) => [
  [s.key, `${s.label} (Annex ${s.annex})`] as const,
  ...s.subsectors.map((sub) => [`${s.key}/${sub.key}`, `${s.label}: ${sub.label}`] as const),
]);

/** The words the organisation list shows for a role. */
export function roleText(role: Org['nis2Role']): string {
  return ROLE_OPTIONS.find(([v]) => v === (role ?? 'none'))?.[1] ?? String(role);
}

export function nis2Initial(org: Org | undefined): Nis2Value {
  return { nis2Role: org?.nis2Role ?? 'none', sectors: org?.sectors ?? [], csirtOrg: org?.csirtOrg ?? '' };
}

/** What the API is sent: a CSIRT only for an entity, so that changing the role clears it. */
export function nis2Body(v: Nis2Value): { nis2Role: string | null; sectors: string[]; csirtOrg: string | null } {
  const entity = v.nis2Role === 'essential' || v.nis2Role === 'important';
  return {
    nis2Role: v.nis2Role === 'none' ? null : v.nis2Role,
    sectors: v.sectors,
    csirtOrg: entity && v.csirtOrg !== '' ? v.csirtOrg : null,
  };
}

export function Nis2Fields({
  value,
  onChange,
  orgs,
  self,
}: {
  value: Nis2Value;
  onChange: (v: Nis2Value) => void;
  orgs: readonly Org[];
  self?: string;
}) {
  const entity = value.nis2Role === 'essential' || value.nis2Role === 'important';
  const csirts = orgs.filter((o) => o.nis2Role === 'csirt' && o.id !== self && (!o.disabled || o.id === value.csirtOrg));
  return (
    <>
      <SelectField
        label="NIS2 role"
        name="nis2Role"
        value={value.nis2Role}
        onChange={(r) => onChange({ ...value, nis2Role: r })}
        options={ROLE_OPTIONS}
      />
      {entity && (
        <SelectField
          label="CSIRT"
          name="csirtOrg"
          value={value.csirtOrg}
          onChange={(c) => onChange({ ...value, csirtOrg: c })}
          options={[
            ['', csirts.length === 0 ? 'no CSIRT organisation yet' : 'none'],
            ...csirts.map((o) => [o.id, o.country ? `${o.name} (${o.country})` : o.name] as const),
          ]}
        />
      )}
      {value.nis2Role !== 'csirt' && value.nis2Role !== 'none' && (
        <CheckList
          legend="NIS2 sectors"
          name="sectors"
          options={SECTOR_OPTIONS}
          selected={value.sectors}
          onChange={(s) => onChange({ ...value, sectors: s })}
        />
      )}
    </>
  );
}
