// Pinning or editing a peer (issue 5): its URL and key, the organisations and communities it
// hosts (chosen by name), what this node sends it and accepts from it. The fields are those of
// the API's PeerBody.
import { useState } from 'react';
import { TLPS, useCommunities, useSchemes } from '../../api/admin.ts';
import { useAddPeer, useUpdatePeer, type Peer, type PeerBody } from '../../api/peers.ts';
import { useIdentityNames, useIdentityOptions } from '../../api/names.ts';
import { CheckField, CheckList, LevelsField, SelectField, TextArea, TextField } from './fields.tsx';
import { PickerField } from './picker.tsx';
import { Form, splitList } from './forms.tsx';

interface PeerDraft {
  name: string;
  url: string;
  key: string;
  orgs: string[];
  countries: string;
  communities: string[];
  accreditation: Record<string, string>;
  maxTlp: string;
  maxClassification: Record<string, string>;
  outCommunities: string[];
  outTypes: string;
  exercises: string;
  acceptTypes: string;
  allowUnsigned: boolean;
  sync: boolean;
}

const join = (xs: readonly string[] | undefined): string => (xs ?? []).join(', ');
/** Empty text: no limit (null clears one set before). */
const limit = (text: string): string[] | null => (splitList(text).length ? splitList(text) : null);

function draftOf(p?: Peer): PeerDraft {
  return {
    name: p?.name ?? '',
    url: p?.url ?? '',
    key: p?.publicKey ?? '',
    orgs: [...(p?.orgs ?? [])],
    countries: join(p?.countries),
    communities: [...(p?.communities ?? [])],
    accreditation: { ...p?.accreditation },
    maxTlp: p?.outbound.maxTlp ?? '',
    maxClassification: { ...p?.outbound.maxClassification },
    outCommunities: [...(p?.outbound.communities ?? [])],
    outTypes: join(p?.outbound.types),
    exercises: join(p?.outbound.exercises),
    acceptTypes: join(p?.inbound.acceptTypes),
    allowUnsigned: p?.inbound.allowUnsigned ?? false,
    sync: p?.sync ?? true,
  };
}

function bodyOf(d: PeerDraft): PeerBody {
  const { maxClassification } = d;
  return {
    ...(d.name.trim() ? { name: d.name.trim() } : {}),
    url: d.url.trim(),
    key: d.key.trim(),
    orgs: d.orgs,
    countries: splitList(d.countries).map((c) => c.toUpperCase()),
    communities: d.communities,
    accreditation: d.accreditation,
    outbound: {
      maxTlp: d.maxTlp || null,
      maxClassification: Object.keys(maxClassification).length ? maxClassification : null,
      communities: d.outCommunities.length ? d.outCommunities : null,
      types: limit(d.outTypes),
      exercises: splitList(d.exercises),
    },
    inbound: { acceptTypes: limit(d.acceptTypes), allowUnsigned: d.allowUnsigned },
    sync: d.sync,
  };
}

/** Adds a peer (no `peer`) or edits one. */
export function PeerForm({ peer, onDone }: { peer?: Peer; onDone?: () => void }) {
  const add = useAddPeer();
  const update = useUpdatePeer();
  const m = peer ? update : add;
  const [d, setD] = useState<PeerDraft>(() => draftOf(peer));
  const schemes = useSchemes().data ?? [];
  const [search, setSearch] = useState('');
  const identities = useIdentityOptions(search);
  const orgNames = useIdentityNames(d.orgs);
  const communities = useCommunityOptions([...d.communities, ...d.outCommunities]);
  const set =
    <K extends keyof PeerDraft>(k: K) =>
    (v: PeerDraft[K]): void =>
      setD((x) => ({ ...x, [k]: v }));
  const submit = (): void => {
    const body: PeerBody = bodyOf(d);
    if (peer) update.mutate({ id: peer.id, body }, { onSuccess: () => onDone?.() });
    else add.mutate(body, { onSuccess: () => onDone?.() });
  };
  const tlps = [['', 'no limit'], ...TLPS.map((t) => [t, `TLP:${t.toUpperCase()}`] as const)] as const;
  return (
    <Form
      title={peer ? `Edit ${peer.name}` : 'Add peer'}
      submit={peer ? 'Save peer' : 'Add peer'}
      onSubmit={submit}
      error={m.error}
      pending={m.isPending}
      onCancel={onDone}
      className="editor"
    >
      <TextField
        label="Name"
        name="name"
        value={d.name}
        onChange={set('name')}
        placeholder="default: the URL's host"
        autoFocus={peer !== undefined}
      />
      <TextField
        label="Peer URL"
        name="url"
        type="url"
        value={d.url}
        onChange={set('url')}
        required
        placeholder="https://concord.cert.example"
      />
      <TextArea
        label="Peer public key"
        name="key"
        value={d.key}
        onChange={set('key')}
        hint="base64 or PEM, as the peer's Administration › Peers page shows it"
      />
      <fieldset className="group">
        <legend>What the peer hosts</legend>
        <PickerField
          label="Organisations"
          name="orgs"
          options={identities}
          names={orgNames}
          value={d.orgs}
          onChange={set('orgs')}
          onSearch={setSearch}
          hint="organisations it hosts, as this node knows them (organisations and identities held here)"
        />
        <TextField label="Countries" name="countries" value={d.countries} onChange={set('countries')} placeholder="NL, BE" />
        <CheckList legend="Communities" name="communities" options={communities} selected={d.communities} onChange={set('communities')} />
        <LevelsField
          legend="Accreditation (highest level)"
          name="accreditation"
          schemes={schemes}
          value={d.accreditation}
          onChange={set('accreditation')}
        />
      </fieldset>
      <fieldset className="group">
        <legend>Outbound: what this node sends it</legend>
        <SelectField label="Highest TLP sent" name="outbound.maxTlp" value={d.maxTlp} onChange={set('maxTlp')} options={tlps} />
        <LevelsField
          legend="Highest classification sent"
          name="outbound.maxClassification"
          schemes={schemes}
          value={d.maxClassification}
          onChange={set('maxClassification')}
          none="its accreditation"
        />
        <CheckList
          legend="Only these communities (none: no limit)"
          name="outbound.communities"
          options={communities}
          selected={d.outCommunities}
          onChange={set('outCommunities')}
        />
        <TextField
          label="Only these object types"
          name="outbound.types"
          value={d.outTypes}
          onChange={set('outTypes')}
          hint="empty: every type"
        />
        <TextField
          label="Exercises shared"
          name="outbound.exercises"
          value={d.exercises}
          onChange={set('exercises')}
          hint="exercise data leaves for these only"
        />
      </fieldset>
      <fieldset className="group">
        <legend>Inbound: what this node accepts</legend>
        <TextField
          label="Accept only these object types"
          name="inbound.acceptTypes"
          value={d.acceptTypes}
          onChange={set('acceptTypes')}
          hint="empty: every type"
        />
        <CheckField
          label="Accept objects without a valid signature"
          name="inbound.allowUnsigned"
          checked={d.allowUnsigned}
          onChange={set('allowUnsigned')}
        />
      </fieldset>
      <CheckField
        label="Synchronise (pull from it and let it pull; off: its key is pinned only)"
        name="sync"
        checked={d.sync}
        onChange={set('sync')}
      />
    </Form>
  );
}

/** The communities of this node by name, with any of `held` it does not know kept (by id). */

function useCommunityOptions(held: readonly string[]): (readonly [string, string])[] {
  const known = useCommunities().data ?? [];
  const ids = new Set(known.map((c) => c.id));
  return [...known.map((c) => [c.id, c.name] as const), ...[...new Set(held)].filter((h) => !ids.has(h)).map((h) => [h, h] as const)];
}
