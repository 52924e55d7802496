// Federation (issue 5): this node's identity, to give to a partner who pins it, and the peers
// pinned here: what they host, what this node sends them and accepts from them, their lag and
// last error. Node administrators only; the fields are those of the API's PeerBody.
import { useState } from 'react';
import { useCommunities } from '../../api/admin.ts';
import { useNodeIdentity, usePeers, usePullPeer, useRemovePeer, useUpdatePeer, type Peer } from '../../api/peers.ts';
import { Status } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { pullText } from './feeds.tsx';
import { useIdentityNames, type NamedOption } from '../../api/names.ts';
import { NameList } from './picker.tsx';
import { listText, when } from './forms.tsx';
import { ActionError, ConfirmButton } from './row-actions.tsx';
import { PeerForm } from './peer-form.tsx';

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
