// Federation (issue 5): this node's identity, to give to a partner who pins it, and the peers
// pinned here: what they host, what this node sends them and accepts from them, their lag and
// last error. Node administrators only; the fields are those of the API's PeerBody.
import { useState } from 'react';
import { TLPS, useCommunities, useSchemes } from '../../api/admin.ts';
import {
  useAddPeer,
  useNodeIdentity,
  usePeers,
  usePullPeer,
  useRemovePeer,
  useUpdatePeer,
  type Peer,
  type PeerBody,
} from '../../api/peers.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { pullText } from './feeds.tsx';
import { useIdentityNames, useIdentityOptions, type NamedOption } from '../../api/names.ts';
import { CheckField, CheckList, LevelsField, SelectField, TextArea, TextField } from './fields.tsx';
import { NameList, PickerField } from './picker.tsx';
import { Form, listText, splitList, when } from './forms.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';

/** The node's identity, with its public key ready to copy. */
export function NodeIdentity() {
  const q = useNodeIdentity();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (): void => {
    if (!q.data) return;
    navigator.clipboard.writeText(q.data.publicKey).then(
      () => setCopied('Copied.'),
      () => setCopied('Select the key and copy it.'),
    );
  };
  return (
    <Status loading={q.isPending} error={q.error}>
      {q.data && (
        <dl className="identity" data-testid="node-identity">
          <dt>Node id</dt>
          <dd>
            <code>{q.data.nodeId}</code>
          </dd>
          <dt>Key id</dt>
          <dd>
            <code data-testid="key-id">{q.data.keyId}</code>
          </dd>
          <dt>
            <label htmlFor="node-public-key">Public key</label>
          </dt>
          <dd className="row">
            <input id="node-public-key" readOnly value={q.data.publicKey} onFocus={(e) => e.target.select()} size={50} />
            <button type="button" onClick={copy}>
              Copy public key
            </button>
            {copied && (
              <span role="status" className="muted">
                {copied}
              </span>
            )}
          </dd>
        </dl>
      )}
    </Status>
  );
}

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
function PeerForm({ peer, onDone }: { peer?: Peer; onDone?: () => void }) {
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

/** What a peer hosts, by name: its organisations, countries and communities. */
function Hosts({
  peer,
  names,
  communities,
}: {
  peer: Peer;
  names: ReadonlyMap<string, NamedOption>;
  communities: ReadonlyMap<string, string>;
}) {
  const rest = [...peer.countries, ...peer.communities.map((c) => `community ${communities.get(c) ?? c}`)];
  if (peer.orgs.length === 0) return <>{listText(rest)}</>;
  return (
    <>
      <NameList ids={peer.orgs} names={names} />
      {rest.length > 0 && <span className="muted small"> · {rest.join(', ')}</span>}
    </>
  );
}

const lagText = (p: Peer): string => (p.lag.versions === 0 ? 'caught up' : `${p.lag.versions} versions · ${p.lag.seconds}s`);

export function Peers() {
  const q = usePeers(true);
  const update = useUpdatePeer();
  const remove = useRemovePeer();
  const pull = usePullPeer();
  const pulling = pull.isPending ? pull.variables : null;
  const orgNames = useIdentityNames((q.data ?? []).flatMap((p) => p.orgs));
  const communityNames = new Map((useCommunities().data ?? []).map((c) => [c.id, c.name]));
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const edited = q.data?.find((p) => p.id === editing);
  return (
    <>
      <h3>This node</h3>
      <NodeIdentity />
      <h3>Pinned peers</h3>
      <ActionError error={update.error} what="Not changed" />
      <ActionError error={remove.error} what="Not removed" />
      <ActionError error={pull.error} what="Not pulled" />
      {pull.data && (
        <p role="status" data-testid="peer-pulled" className={pull.data.ok ? 'ok' : 'error break'}>
          Pulled {q.data?.find((p) => p.id === pull.variables)?.name ?? 'the peer'}: {pullText(pull.data)}
        </p>
      )}
      <Status loading={q.isPending} error={q.error}>
        <SimpleTable
          label="Peers"
          rows={q.data ?? []}
          rowKey={(r) => r.id}
          cols={[
            {
              header: 'Peer',
              cell: (r) => (
                <>
                  {r.name}
                  <br />
                  <span className="muted small">{r.url}</span>
                </>
              ),
            },
            { header: 'Key id', cell: (r) => <code className="small">{r.keyId}</code> },
            {
              header: 'Hosts',
              cell: (r) => <Hosts peer={r} names={orgNames} communities={communityNames} />,
            },
            { header: 'Lag', cell: lagText },
            { header: 'Last success', cell: (r) => when(r.state.lastSuccessAt) },
            {
              header: 'Last error',
              cell: (r) => (
                <span className="error break">{r.state.lastResult?.ok === false ? (r.state.lastResult.error ?? 'failed') : ''}</span>
              ),
            },
            { header: 'State', cell: (r) => (r.disabled ? 'disabled' : r.sync ? 'syncing' : 'key pinned only') },
            {
              header: 'Actions',
              cell: (r) => (
                <span className="actions">
                  {r.sync && !r.disabled && (
                    <button
                      type="button"
                      className="ghost"
                      aria-label={`Pull ${r.name} now`}
                      disabled={pulling === r.id}
                      onClick={() => pull.mutate(r.id)}
                    >
                      {pulling === r.id ? 'Pulling…' : 'Pull now'}
                    </button>
                  )}
                  <button
                    type="button"
                    className="ghost"
                    aria-label={`Edit ${r.name}`}
                    onClick={() => {
                      setAdding(false);
                      setEditing(r.id);
                    }}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="ghost"
                    aria-label={`${r.disabled ? 'Enable' : 'Disable'} ${r.name}`}
                    onClick={() => update.mutate({ id: r.id, body: { disabled: !r.disabled } })}
                  >
                    {r.disabled ? 'Enable' : 'Disable'}
                  </button>
                  <ConfirmButton
                    label={`Remove ${r.name}`}
                    text="Remove"
                    confirm="Forget this peer"
                    onConfirm={() => remove.mutate(r.id)}
                  />
                </span>
              ),
            },
          ]}
        />
      </Status>
      {!adding && !edited && (
        <p>
          <button type="button" onClick={() => setAdding(true)}>
            Add a peer…
          </button>
        </p>
      )}
      {adding && <PeerForm onDone={() => setAdding(false)} />}
      {edited && <PeerForm key={edited.id} peer={edited} onDone={() => setEditing(null)} />}
    </>
  );
}
