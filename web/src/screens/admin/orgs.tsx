// Organisations: add, edit (name, country, communities, default TLP and distribution, NIS2 role,
// sectors and CSIRT, default sighting disclosure), disable.
// Node administrators change them; everyone reads the directory.
import { useState } from 'react';
import { TLPS, useCommunities, useCreate, useOrgs, useSharingGroups, useUpdate, type Org } from '../../api/admin.ts';
import { DISCLOSURES, type Disclosure } from '../../api/sightings.ts';
import { DISCLOSURE_LABELS } from '../../format/sightings.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { CheckList, SelectField, TextField } from './fields.tsx';
import { Form, listText } from './forms.tsx';
import { Nis2Fields, nis2Body, nis2Initial, roleText } from './org-nis2.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

type OrgBody = Partial<Pick<Org, 'name' | 'communities' | 'defaultTlp' | 'defaultDistribution' | 'disabled' | 'sectors'>> & {
  country?: string | null;
  nis2Role?: string | null;
  csirtOrg?: string | null;
  sightingDisclosure?: Disclosure;
};

/** What partners learn of who sighted, by default (issue 17, must 2), in the words of the form. */
const disclosureOptions = DISCLOSURES.map((d) => [d, `partners learn ${DISCLOSURE_LABELS[d]}`] as const);

const tlpOptions = TLPS.map((t) => [t, `TLP:${t.toUpperCase()}`] as const);

/** The distributions an organisation may default to (DESIGN.md, Markings): its own, a community,
 *  a sharing group, or the federation; TLP bounds which the server accepts. */
export function useDistributionOptions(current: string): (readonly [string, string])[] {
  const communities = useCommunities().data ?? [];
  const groups = useSharingGroups().data ?? [];
  const options: (readonly [string, string])[] = [
    ['organization', 'organisation only'],
    ...communities.map((c) => [`community:${c.id}`, `community ${c.name}`] as const),
    ...groups.map((g) => [`sharing-group:${g.id}`, `sharing group ${g.name}`] as const),
    ['federation', 'federation'],
  ];
  return options.some(([v]) => v === current) ? options : [...options, [current, current]];
}

/** Adds an organisation (no `org`) or edits one. */
export function OrgForm({ org, onDone }: { org?: Org; onDone?: () => void }) {
  const create = useCreate<OrgBody, Org>('/orgs');
  const update = useUpdate<OrgBody, Org>('/orgs');
  const m = org ? update : create;
  const communities = useCommunities().data ?? [];
  const orgs = useOrgs().data ?? [];
  const [nis2, setNis2] = useState(nis2Initial(org));
  const [name, setName] = useState(org?.name ?? '');
  const [country, setCountry] = useState(org?.country ?? '');
  const [member, setMember] = useState<string[]>(org?.communities ?? []);
  const [tlp, setTlp] = useState(org?.defaultTlp ?? 'amber');
  const [distribution, setDistribution] = useState(org?.defaultDistribution ?? 'organization');
  const [disclosure, setDisclosure] = useState<Disclosure>(org?.sightingDisclosure ?? 'organization');
  const distributions = useDistributionOptions(distribution);
  const submit = (): void => {
    const c = country.trim().toUpperCase();
    const body: OrgBody = {
      name,
      communities: member,
      defaultTlp: tlp,
      defaultDistribution: distribution,
      sightingDisclosure: disclosure,
      ...nis2Body(nis2),
      ...(c ? { country: c } : org ? { country: null } : {}),
    };
    if (org) update.mutate({ id: org.id, body }, { onSuccess: () => onDone?.() });
    else
      create.mutate(body, {
        onSuccess: () => {
          setName('');
          setCountry('');
          setMember([]);
          setNis2(nis2Initial(undefined));
        },
      });
  };
  return (
    <Form
      title={org ? `Edit ${org.name}` : 'Add organisation'}
      submit={org ? 'Save organisation' : 'Add organisation'}
      onSubmit={submit}
      error={m.error}
      pending={m.isPending}
      onCancel={onDone}
      className={org ? 'editor' : 'inline-form'}
    >
      <TextField label="Name" name="name" value={name} onChange={setName} required autoFocus={org !== undefined} />
      <TextField label="Country (ISO alpha-2)" name="country" value={country} onChange={setCountry} placeholder="BE" />
      <SelectField label="Default TLP" name="defaultTlp" value={tlp} onChange={setTlp} options={tlpOptions} />
      <SelectField
        label="Default distribution"
        name="defaultDistribution"
        value={distribution}
        onChange={setDistribution}
        options={distributions}
      />
      <SelectField
        label="Default sighting disclosure"
        name="sightingDisclosure"
        value={disclosure}
        onChange={(d) => setDisclosure(DISCLOSURES.find((x) => x === d) ?? 'organization')}
        options={disclosureOptions}
      />
      <CheckList
        legend="Communities"
        name="communities"
        options={communities.filter((c) => !c.disabled || member.includes(c.id)).map((c) => [c.id, c.name])}
        selected={member}
        onChange={setMember}
        empty="No communities yet."
      />
      <Nis2Fields value={nis2} onChange={setNis2} orgs={orgs} self={org?.id} />
    </Form>
  );
}

export function Orgs({ admin }: { admin: boolean }) {
  const q = useOrgs();
  const update = useUpdate<OrgBody, Org>('/orgs');
  const [editing, setEditing] = useState<string | null>(null);
  const edited = q.data?.find((o) => o.id === editing);
  const toggle = (o: Org): void => update.mutate({ id: o.id, body: { disabled: !o.disabled } });
  // Tables show names (issue 15, must 9): communities and distributions by name, ids on hover.
  const communityNames = new Map((useCommunities().data ?? []).map((c) => [c.id, c.name]));
  const distributions = new Map(useDistributionOptions('organization'));
  return (
    <>
      {admin && <OrgForm />}
      <ActionError error={update.error} what="Not changed" />
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Organisations"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            { header: 'Name', cell: (r) => r.name },
            { header: 'Country', cell: (r) => r.country ?? '—' },
            {
              header: 'NIS2',
              cell: (r) => {
                if (r.nis2Role === null) return '—';
                const csirt = r.csirtOrg === null ? undefined : (q.data?.find((o) => o.id === r.csirtOrg)?.name ?? r.csirtOrg);
                return (
                  <span title={r.sectors.join(', ')}>
                    {csirt === undefined ? roleText(r.nis2Role) : `${roleText(r.nis2Role)} of ${csirt}`}
                  </span>
                );
              },
            },
            {
              header: 'Communities',
              cell: (r) => <span title={r.communities.join(', ')}>{listText(r.communities.map((c) => communityNames.get(c) ?? c))}</span>,
            },
            { header: 'Default TLP', cell: (r) => r.defaultTlp },
            {
              header: 'Default distribution',
              cell: (r) => <span title={r.defaultDistribution}>{distributions.get(r.defaultDistribution) ?? r.defaultDistribution}</span>,
            },
            { header: 'Hosted', cell: (r) => (r.node === null ? 'here' : <span title={r.node}>at a peer</span>) },
            { header: 'State', cell: (r) => (r.disabled ? 'disabled' : 'active') },
            ...(admin
              ? [
                  {
                    header: 'Actions',
                    cell: (r: Org) => (
                      <span className="actions">
                        <button type="button" className="ghost" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r.id)}>
                          Edit
                        </button>
                        {r.disabled ? (
                          <button type="button" className="ghost" aria-label={`Enable ${r.name}`} onClick={() => toggle(r)}>
                            Enable
                          </button>
                        ) : (
                          <ConfirmButton
                            label={`Disable ${r.name}`}
                            text="Disable"
                            confirm="Disable: its users can no longer sign in"
                            onConfirm={() => toggle(r)}
                          />
                        )}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Status>
      {edited && <OrgForm key={edited.id} org={edited} onDone={() => setEditing(null)} />}
    </>
  );
}
